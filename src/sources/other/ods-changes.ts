// Tidy extracts of the NHS England ODS change summary for the April 2026 ICB mergers:
// - `ods-sicbl-renamed`: sub-ICB locations kept but renamed (sub_icb_location_code,
//   sub_icb_location_name_before_2026-04-01, sub_icb_location_name_from_2026-04-01, new_icb_name). The
//   effective date is read from the column names.
// - `ods-lsoa-reallocation`: LSOAs of an abolished ICB and where each goes (LSOA11CD, LSOA11NM, SICBL22CD,
//   SICBL22CDH, …, ICB25CDH, ICB25NM; the Frimley file). The earlier-year columns are the 'from' side and
//   the later-year ones the 'to' side; ODS codes (…CDH) are stored. Codes published as placeholders
//   (`[ANANA] tbc`, `[tbc by ONS]`) are stored as null. The effective date comes from the file name.
import { readCsv } from "../csv.ts";
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { monthFromFileName } from "../import-kit.ts";
import { monthLabel } from "../registrations/common.ts";
import { col, readTable, rules } from "../table.ts";

const PUBLISHER = "NHS England, Organisation Data Service (ODS): ICB mergers change summary";
const ODS_CODE = rules.pattern(/^[A-Z0-9]{3,5}$/, "an ODS code such as 06H or M1J4Y");

async function readHeader(ctx: ImportContext): Promise<string[]> {
  for await (const record of readCsv(ctx.file, { limitBytes: 64 * 1024 }))
    return record.fields.map((f) => f.trim());
  throw new SourceError({ file: ctx.file.label }, "a header line and data rows", "an empty file");
}

// ---- Renamed sub-ICB locations ----

const BEFORE = /^sub_icb_location_name_before_(\d{4}-\d{2}-\d{2})$/i;
const AFTER = /^sub_icb_location_name_from_(\d{4}-\d{2}-\d{2})$/i;

const RENAMED_COLUMNS = ["dataset_id", "sub_icb_code", "name_before", "name_after", "new_icb_name"] as const;

export const sicblRenamed: SourceFormat = {
  id: "ods-sicbl-renamed",
  title: "ODS change summary: sub-ICB locations renamed",
  publisher: PUBLISHER,
  order: 30,
  recognise: ({ header }) =>
    header.some((h) => h.toLowerCase() === "sub_icb_location_code") && header.some((h) => BEFORE.test(h)),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const header = await readHeader(ctx);
    const before = header.find((h) => BEFORE.test(h));
    const after = header.find((h) => AFTER.test(h));
    const effective = (after && AFTER.exec(after)?.[1]) ?? (before && BEFORE.exec(before)?.[1]);
    const spec = {
      code: col.text("sub_icb_location_code").where(ODS_CODE),
      before: col.text(before ?? "sub_icb_location_name_before_YYYY-MM-DD"),
      after: col.text(after ?? "sub_icb_location_name_from_YYYY-MM-DD"),
      newIcb: col.text("new_icb_name").orNull().optionalColumn(),
    };
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    if (!effective || before === undefined) {
      throw new SourceError(
        { file, line: 1 },
        "column names carrying the effective date (sub_icb_location_name_before_YYYY-MM-DD)",
        `the columns ${header.map((h) => `'${h}'`).join(", ")}`,
      );
    }
    if (after && BEFORE.exec(before)?.[1] !== AFTER.exec(after)?.[1]) {
      throw new SourceError(
        { file, line: 1, column: after },
        `the same date as '${before}'`,
        `'${after}'`,
        "the before and after columns disagree on the effective date",
      );
    }
    const seen = new Set<string>();
    const batch: Record<string, unknown>[] = [];
    const newIcbs = new Set<string>();
    let rows = 0;
    for await (const r of table.rows) {
      if (seen.has(r.code)) {
        throw new SourceError(
          { file, line: r._line, column: "sub_icb_location_code" },
          "each sub-ICB location once",
          `'${r.code}' a second time`,
          "duplicate code",
        );
      }
      seen.add(r.code);
      if (r.newIcb) newIcbs.add(r.newIcb);
      batch.push({
        dataset_id: ctx.datasetId,
        sub_icb_code: r.code,
        name_before: r.before,
        name_after: r.after,
        new_icb_name: r.newIcb,
      });
      rows++;
    }
    await ctx.write("sub_icb_change", RENAMED_COLUMNS, batch);
    return {
      dataset: {
        title: sicblRenamed.title,
        publisher: PUBLISHER,
        referenceDate: effective,
        period: monthLabel(effective),
        meta: { effectiveFrom: effective },
      },
      rows,
      coverage: [],
      notes: [
        `${rows} sub-ICB locations renamed from ${effective}, into ${newIcbs.size} new ICBs (${[...newIcbs].sort().join("; ")}).`,
      ],
    };
  },
};

// ---- LSOA reallocation ----

const PLACEHOLDER = /tbc|\[|\]/i;
const realCode = (v: string | null) => (v === null || PLACEHOLDER.test(v) ? null : v);

const REALLOCATION_COLUMNS = [
  "dataset_id",
  "lsoa_code",
  "lsoa_name",
  "from_sub_icb_code",
  "from_icb_code",
  "to_sub_icb_code",
  "to_icb_code",
  "to_icb_name",
  "lad_code",
] as const;

/** Two-digit years of the SICBLyyCDH columns, earliest first. */
function yearsOf(header: string[]): string[] {
  const years = new Set<string>();
  for (const h of header) {
    const m = /^SICBL(\d{2})CDH$/i.exec(h);
    if (m) years.add(m[1]!);
  }
  return [...years].sort();
}

export const lsoaReallocation: SourceFormat = {
  id: "ods-lsoa-reallocation",
  title: "ODS change summary: LSOAs reallocated between sub-ICB locations and ICBs",
  publisher: PUBLISHER,
  order: 31,
  recognise: ({ header }) => /^LSOA(11|21)CD$/i.test(header[0] ?? "") && yearsOf(header).length === 2,
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const header = await readHeader(ctx);
    const years = yearsOf(header);
    if (years.length !== 2) {
      throw new SourceError(
        { file, line: 1 },
        "two sets of sub-ICB columns, before and after (e.g. SICBL22CDH and SICBL25CDH)",
        `the columns ${header.map((h) => `'${h}'`).join(", ")}`,
        "a column is missing or has been renamed",
      );
    }
    const [from, to] = years as [string, string];
    const lsoaYear = header.some((h) => /^LSOA21CD$/i.test(h)) ? "21" : "11";
    const spec = {
      lsoaCode: col
        .text(`LSOA${lsoaYear}CD`)
        .where(rules.pattern(/^[EW]01\d{6}$/, "an LSOA code such as E01022890")),
      lsoaName: col.text(`LSOA${lsoaYear}NM`).orNull().optionalColumn(),
      fromSubIcb: col.text(`SICBL${from}CDH`).where(ODS_CODE),
      fromIcb: col.text(`ICB${from}CDH`).where(ODS_CODE),
      toSubIcb: col.text(`SICBL${to}CDH`),
      toIcb: col.text(`ICB${to}CDH`),
      toIcbName: col.text(`ICB${to}NM`).orNull(),
      lad: col.text(`LAD${from}CD`, `LAD${to}CD`).orNull().optionalColumn(),
    };
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const effective = monthFromFileName(file);
    if (!effective) {
      throw new SourceError(
        { file },
        "a YYYY-MM month in the file name giving the effective date (e.g. …_reallocation_2026-04.csv)",
        "none",
        "the rows carry no date",
      );
    }
    const seen = new Set<string>();
    const batch: Record<string, unknown>[] = [];
    const byIcb = new Map<string, number>();
    let placeholders = 0;
    let rows = 0;
    for await (const r of table.rows) {
      if (seen.has(r.lsoaCode)) {
        throw new SourceError(
          { file, line: r._line, column: `LSOA${lsoaYear}CD` },
          "each LSOA once",
          `'${r.lsoaCode}' a second time`,
          "duplicate LSOA code",
        );
      }
      seen.add(r.lsoaCode);
      for (const [value, column] of [
        [r.toSubIcb, `SICBL${to}CDH`],
        [r.toIcb, `ICB${to}CDH`],
      ] as const) {
        if (realCode(value) !== null && ODS_CODE(value))
          throw new SourceError(
            { file, line: r._line, column },
            `${ODS_CODE(value)} (or a '[… tbc]' placeholder)`,
            `'${value}'`,
          );
      }
      const toSubIcb = realCode(r.toSubIcb);
      const toIcb = realCode(r.toIcb);
      if (toSubIcb === null || toIcb === null) placeholders++;
      const label = r.toIcbName ?? toIcb ?? "unknown";
      byIcb.set(label, (byIcb.get(label) ?? 0) + 1);
      batch.push({
        dataset_id: ctx.datasetId,
        lsoa_code: r.lsoaCode,
        lsoa_name: r.lsoaName,
        from_sub_icb_code: r.fromSubIcb,
        from_icb_code: r.fromIcb,
        to_sub_icb_code: toSubIcb,
        to_icb_code: toIcb,
        to_icb_name: r.toIcbName,
        lad_code: r.lad,
      });
      rows++;
      if (batch.length >= 5000) await ctx.write("lsoa_reallocation", REALLOCATION_COLUMNS, batch.splice(0));
    }
    await ctx.write("lsoa_reallocation", REALLOCATION_COLUMNS, batch);
    const notes = [
      `${rows} LSOAs (LSOA 20${lsoaYear}) reallocated from ${effective}: ${[...byIcb]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${n} to ${k}`)
        .join(", ")}.`,
    ];
    if (placeholders > 0)
      notes.push(
        `${placeholders} rows carry placeholder codes ('tbc' at publication): stored as null; use to_icb_name.`,
      );
    return {
      dataset: {
        title: lsoaReallocation.title,
        publisher: PUBLISHER,
        referenceDate: effective,
        period: monthLabel(effective),
        meta: {
          effectiveFrom: effective,
          lsoaVintage: Number(`20${lsoaYear}`),
          fromYear: `20${from}`,
          toYear: `20${to}`,
        },
      },
      rows,
      coverage: [],
      notes,
    };
  },
};
