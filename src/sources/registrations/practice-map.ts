// gp-reg-pat-prac-map.csv: practice → PCN → sub-ICB location → ICB → region (+ GP IT supplier), one row
// per practice. Before July 2022 the same file named CCGs and STPs (CCG_CODE, STP_CODE…); those map onto
// the sub-ICB and ICB columns and the dataset records its geography era.
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { PracticeJoin } from "../joins.ts";
import { col, PRACTICE_CODE, readTable } from "../table.ts";
import { ExtractDate, monthLabel, NHS_REGISTRATIONS } from "./common.ts";

const spec = {
  extractDate: col.date("EXTRACT_DATE"),
  practiceCode: col.text("PRACTICE_CODE").where(PRACTICE_CODE),
  practiceName: col.text("PRACTICE_NAME"),
  practicePostcode: col.text("PRACTICE_POSTCODE").orNull(),
  pcnCode: col.text("PCN_CODE").orNull(),
  pcnName: col.text("PCN_NAME").orNull(),
  subIcbOns: col.text("ONS_SUB_ICB_LOCATION_CODE", "ONS_CCG_CODE").orNull(),
  subIcbCode: col.text("SUB_ICB_LOCATION_CODE", "CCG_CODE").orNull(),
  subIcbName: col.text("SUB_ICB_LOCATION_NAME", "CCG_NAME").orNull(),
  icbOns: col.text("ONS_ICB_CODE", "ONS_STP_CODE").orNull(),
  icbCode: col.text("ICB_CODE", "STP_CODE").orNull(),
  icbName: col.text("ICB_NAME", "STP_NAME").orNull(),
  regionOns: col.text("ONS_COMM_REGION_CODE").orNull(),
  regionCode: col.text("COMM_REGION_CODE").orNull(),
  regionName: col.text("COMM_REGION_NAME").orNull(),
  supplier: col.text("SUPPLIER_NAME").optionalColumn(),
};

/** The org_map columns, in the order importers write them. */
export const ORG_MAP_COLUMNS = [
  "dataset_id",
  "practice_code",
  "practice_name",
  "practice_postcode",
  "pcn_code",
  "pcn_name",
  "sub_icb_code",
  "sub_icb_ons_code",
  "sub_icb_name",
  "icb_code",
  "icb_ons_code",
  "icb_name",
  "region_code",
  "region_ons_code",
  "region_name",
  "supplier",
] as const;

export const practiceMap: SourceFormat = {
  id: "gp-reg-pat-prac-map",
  title: "Patients Registered at a GP Practice: practice to PCN, sub-ICB, ICB and region map",
  publisher: NHS_REGISTRATIONS,
  order: 10,
  columns: ["EXTRACT_DATE", "PRACTICE_CODE", "PRACTICE_NAME", "PCN_CODE", "PCN_NAME"],
  recognise: ({ header }) =>
    header.includes("PRACTICE_CODE") && header.includes("PCN_CODE") && !header.includes("LSOA_CODE"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const era = table.header.includes("CCG_CODE") ? "ccg" : "sub-icb";
    const join = await PracticeJoin.start(ctx, "PRACTICE_CODE", true);
    const extract = new ExtractDate(ctx.file.label);
    const seen = new Set<string>();
    const batch: Record<string, unknown>[] = [];
    let rows = 0;
    for await (const r of table.rows) {
      extract.see(r.extractDate, r._line);
      if (seen.has(r.practiceCode)) {
        throw new SourceError(
          { file: ctx.file.label, line: r._line, column: "PRACTICE_CODE" },
          "each practice once",
          `'${r.practiceCode}' a second time`,
          "duplicate practice code",
        );
      }
      seen.add(r.practiceCode);
      join.check(r.practiceCode, r._line);
      batch.push({
        dataset_id: ctx.datasetId,
        practice_code: r.practiceCode,
        practice_name: r.practiceName,
        practice_postcode: r.practicePostcode,
        pcn_code: r.pcnCode,
        pcn_name: r.pcnName,
        sub_icb_code: r.subIcbCode,
        sub_icb_ons_code: r.subIcbOns,
        sub_icb_name: r.subIcbName,
        icb_code: r.icbCode,
        icb_ons_code: r.icbOns,
        icb_name: r.icbName,
        region_code: r.regionCode,
        region_ons_code: r.regionOns,
        region_name: r.regionName,
        supplier: r.supplier,
      });
      rows++;
      if (batch.length >= 5000) await ctx.write("org_map", ORG_MAP_COLUMNS, batch.splice(0));
    }
    await ctx.write("org_map", ORG_MAP_COLUMNS, batch);
    const date = extract.get();
    return {
      dataset: {
        title: practiceMap.title,
        publisher: NHS_REGISTRATIONS,
        referenceDate: date,
        period: monthLabel(date),
        meta: { era },
      },
      rows,
      coverage: join.coverage(),
      notes: era === "ccg" ? ["CCG-era file: CCGs are stored as sub-ICB locations and STPs as ICBs."] : [],
    };
  },
};
