// LSOA → PCN lookup (CSV): LSOA11NM, LSOA11CD, PCN_Code, PCN_Name, as used to derive PCN 'boundaries' by
// dissolving LSOAs (West Sussex, February 2022). PCNs are defined by practice membership, not by area, so
// such lookups are local and derived. The file has no date: the month comes from a YYYY-MM in the file name,
// else from the file's modification time. Names may carry a trailing space (trimmed). The scope is the
// footprint in the file name, so lookups for different areas do not replace each other.
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { fileMonth, monthLabel } from "../registrations/common.ts";
import { col, readTable, rules } from "../table.ts";
import { footprintFromFileName } from "./common.ts";

const spec = {
  lsoaName: col.text("LSOA11NM", "LSOA21NM").orNull().optionalColumn(),
  lsoaCode: col
    .text("LSOA11CD", "LSOA21CD", "LSOA_CODE")
    .where(rules.pattern(/^[EW]01\d{6}$/, "an LSOA code such as E01031386")),
  pcnCode: col.text("PCN_Code", "PCN_CODE").where(rules.pattern(/^U\d{5}$/, "a PCN code such as U04748")),
  pcnName: col.text("PCN_Name", "PCN_NAME").orNull().optionalColumn(),
};

const COLUMNS = ["dataset_id", "lsoa_code", "pcn_code", "pcn_name"] as const;
const PUBLISHER = "Local LSOA to PCN assignment (derived from NHS and ONS data)";

export const lsoaPcnLookup: SourceFormat = {
  id: "lsoa-pcn-lookup",
  title: "LSOA to PCN lookup",
  publisher: PUBLISHER,
  order: 22,
  columns: ["lsoa11cd", "pcn_code", "pcn_name"],
  recognise: ({ header }) => {
    const names = header.map((h) => h.toLowerCase());
    return (
      names.includes("pcn_code") &&
      (names.includes("lsoa11cd") || names.includes("lsoa21cd")) &&
      !names.includes("number_of_patients")
    );
  },
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const codeColumn = table.header.find((h) => /^(lsoa(11|21)cd|lsoa_code)$/i.test(h.trim()))!.trim();
    const vintage = /21/.test(codeColumn) ? 2021 : /11/.test(codeColumn) ? 2011 : undefined;
    const seen = new Set<string>();
    const pcns = new Set<string>();
    const batch: Record<string, unknown>[] = [];
    let rows = 0;
    for await (const r of table.rows) {
      if (seen.has(r.lsoaCode)) {
        throw new SourceError(
          { file, line: r._line, column: codeColumn },
          "each LSOA once (one PCN per LSOA)",
          `'${r.lsoaCode}' a second time`,
          "duplicate LSOA code",
        );
      }
      seen.add(r.lsoaCode);
      pcns.add(r.pcnCode);
      batch.push({
        dataset_id: ctx.datasetId,
        lsoa_code: r.lsoaCode,
        pcn_code: r.pcnCode,
        pcn_name: r.pcnName,
      });
      rows++;
      if (batch.length >= 5000) await ctx.write("lsoa_pcn_lookup", COLUMNS, batch.splice(0));
    }
    await ctx.write("lsoa_pcn_lookup", COLUMNS, batch);
    const month = fileMonth(ctx.file);
    const footprint = footprintFromFileName(file);
    return {
      dataset: {
        title: `LSOA to PCN lookup${footprint ? ` (${footprint})` : ""}`,
        publisher: PUBLISHER,
        referenceDate: month.date,
        period: monthLabel(month.date),
        ...(footprint ? { scope: footprint } : {}),
        meta: { lsoaVintage: vintage ?? null, pcns: pcns.size, referenceDateFrom: month.from },
      },
      rows,
      coverage: [],
      notes: [
        `${rows.toLocaleString("en-GB")} LSOAs${vintage ? ` (LSOA ${vintage})` : ""} assigned to ${pcns.size} PCNs.`,
        `Reference month from ${month.from}: the file has no date.`,
      ],
    };
  },
};
