// Use case: export a plan as DOCX, HTML or PDF, each with a cover (the compliance gaps on it: an
// incomplete plan still exports), contents, the sections, the engagement summary, the sign-off history
// and the evidence list with the dates of its data.
import { planDocument, type PlanDocument } from "../engines/plan/document.ts";
import { PlanRequestError } from "../model/plan.ts";
import type { Store } from "../store/store.ts";
import { planView } from "./plan.ts";

export const EXPORT_FORMATS = ["docx", "html", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
};

export interface PlanExport {
  format: ExportFormat;
  mediaType: string;
  fileName: string;
  bytes: Buffer;
  document: PlanDocument;
}

export async function planExportDocument(store: Store, name: string): Promise<PlanDocument> {
  const view = await planView(store, name);
  return planDocument({ ...view, generatedAt: new Date().toISOString() });
}

export async function exportPlan(store: Store, name: string, format: string): Promise<PlanExport> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new PlanRequestError(`--format must be one of ${EXPORT_FORMATS.join(", ")}; found '${format}'`, {
      field: "format",
    });
  const f = format as ExportFormat;
  const document = await planExportDocument(store, name);
  const { planHtml } = await import("./plan-export-html.ts");
  let bytes: Buffer;
  if (f === "html") bytes = Buffer.from(planHtml(document), "utf8");
  else if (f === "docx") bytes = await (await import("./plan-export-docx.ts")).planDocx(document);
  else bytes = await (await import("./plan-export-pdf.ts")).htmlToPdf(planHtml(document));
  const base = name.trim().replace(/[^\p{L}\p{N}._-]+/gu, "-");
  return { format: f, mediaType: MEDIA_TYPES[f], fileName: `${base}.${f}`, bytes, document };
}
