// The plan's documents: DOCX (editable in Word), PDF and HTML, each with a cover (and the compliance gaps
// on it while there are any), contents, sign-off history, engagement summary and evidence list.
import { exportUrl } from "../plan/api.ts";
import { complianceModel } from "../plan/logic.ts";
import type { PlanView } from "../plan/types.ts";

const FORMATS = [
  {
    format: "docx",
    label: "Word document (DOCX)",
    hint: "editable, with headings, tables and charts as images",
  },
  { format: "pdf", label: "PDF", hint: "for circulation and the board papers" },
  { format: "html", label: "Web page (HTML)", hint: "one file, opens in any browser" },
] as const;

export function PlanExport({ name, view }: { name: string; view: PlanView }) {
  const gaps = complianceModel(view.compliance).gaps.length;
  return (
    <>
      <h2>Export</h2>
      <p>
        The plan as it stands (revision {view.plan.revision}, {view.stateLabel.toLowerCase()}), with its
        cover, contents, sign-off history, engagement summary and the evidence list with its data dates.
        {gaps > 0 ? ` The cover lists the ${gaps === 1 ? "compliance gap" : `${gaps} compliance gaps`}.` : ""}
      </p>
      <ul class="nhsuk-list" id="exports">
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a href={exportUrl(name, f.format)} download data-format={f.format}>
              {f.label}
            </a>{" "}
            <span class="nhsuk-body-s">({f.hint})</span>
          </li>
        ))}
      </ul>
    </>
  );
}
