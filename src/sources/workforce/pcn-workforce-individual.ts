// NHS Digital "Primary Care Network Workforce", individual-level CSV: one row per staff record employed or
// contracted by a PCN (mostly the Additional Roles Reimbursement Scheme roles: pharmacists, social
// prescribing link workers, first-contact physiotherapists, paramedics, care coordinators…) with its FTE.
// The files are Windows-1252 with CRLF line endings (an en-dash, byte 0x96, appears in role names such as
// `Clinical Director – Medical`). Every row of a file carries the same CENSUS_YEAR and CENSUS_MONTH.
// `UNIQUE_IDENTIFIER` is `NULL` for contracted-services records and is not unique across roles, so it is
// stored but not used as a key. A few records carry small negative FTEs (adjustments, as published).
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { Batch, hasColumns } from "../import-kit.ts";
import { ExtractDate, monthLabel } from "../registrations/common.ts";
import { col, readTable, rules } from "../table.ts";

const PUBLISHER = "NHS England (NHS Digital), Primary Care Network Workforce";

const spec = {
  dataSource: col.text("Data_source").orNull(),
  year: col.int("CENSUS_YEAR").where(rules.between(2015, 2100)),
  month: col.int("CENSUS_MONTH").where(rules.between(1, 12)),
  pcnCode: col.text("PCN_CODE").where(rules.pattern(/^U\d{5}$/, "a PCN code such as U02454")),
  pcnName: col.text("PCN_NAME").orNull(),
  subIcbCode: col.text("SUB_ICB_CODE", "SUB_ICB_LOCATION_CODE", "CCG_CODE").orNull(),
  icbCode: col.text("ICB_CODE", "STP_CODE").orNull(),
  regionCode: col.text("COMM_REGION_CODE", "REGION_CODE").orNull(),
  staffGroup: col.text("STAFF_GROUP"),
  staffRole: col.text("STAFF_ROLE"),
  detailedRole: col.text("DETAILED_STAFF_ROLE").orNull(),
  // FTE per record; the publication has a handful of small negative adjustments (-0.027).
  fte: col.number("FTE").where(rules.between(-1, 50)),
  uniqueId: col.text("UNIQUE_IDENTIFIER").orNull("NULL"),
};

const COLUMNS = [
  "dataset_id",
  "census_date",
  "pcn_code",
  "pcn_name",
  "sub_icb_code",
  "icb_code",
  "region_code",
  "data_source",
  "staff_group",
  "staff_role",
  "detailed_role",
  "fte",
  "unique_id",
] as const;

export const pcnWorkforceIndividual: SourceFormat = {
  id: "pcn-workforce-individual",
  title: "Primary Care Network Workforce: individual-level staff records",
  publisher: PUBLISHER,
  order: 41,
  columns: ["CENSUS_YEAR", "CENSUS_MONTH", "PCN_CODE", "STAFF_ROLE", "FTE", "UNIQUE_IDENTIFIER"],
  recognise: ({ header }) =>
    hasColumns(header, "CENSUS_YEAR", "CENSUS_MONTH", "PCN_CODE", "STAFF_ROLE", "FTE", "UNIQUE_IDENTIFIER"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, spec, {
      encoding: "windows-1252",
      onProgress: ctx.progress,
      warn: ctx.warn,
    });
    const census = new ExtractDate(ctx.file.label, "CENSUS_MONTH");
    const batch = new Batch(ctx, "pcn_workforce", COLUMNS);
    const pcns = new Set<string>();
    let rows = 0;
    let fte = 0;
    let negative = 0;
    let contracted = 0;
    for await (const r of table.rows) {
      const date = `${r.year}-${String(r.month).padStart(2, "0")}-01`;
      census.see(date, r._line);
      pcns.add(r.pcnCode);
      fte += r.fte;
      if (r.fte < 0) negative++;
      if (r.uniqueId === null) contracted++;
      await batch.add({
        dataset_id: ctx.datasetId,
        census_date: date,
        pcn_code: r.pcnCode,
        pcn_name: r.pcnName,
        sub_icb_code: r.subIcbCode,
        icb_code: r.icbCode,
        region_code: r.regionCode,
        data_source: r.dataSource,
        staff_group: r.staffGroup,
        staff_role: r.staffRole,
        detailed_role: r.detailedRole,
        fte: r.fte,
        unique_id: r.uniqueId,
      });
      rows++;
    }
    await batch.flush();
    const date = census.get();
    return {
      dataset: {
        title: pcnWorkforceIndividual.title,
        publisher: PUBLISHER,
        referenceDate: date,
        period: monthLabel(date),
        meta: { pcns: pcns.size, fte: Math.round(fte * 1000) / 1000 },
      },
      rows,
      coverage: [],
      notes: [
        `${rows.toLocaleString("en-GB")} staff records in ${pcns.size.toLocaleString("en-GB")} PCNs, ` +
          `${fte.toLocaleString("en-GB", { maximumFractionDigits: 1 })} FTE in total.`,
        ...(contracted > 0
          ? [`${contracted.toLocaleString("en-GB")} records have no identifier (UNIQUE_IDENTIFIER NULL).`]
          : []),
        ...(negative > 0 ? [`${negative} record(s) have a negative FTE, kept as published.`] : []),
      ],
    };
  },
};
