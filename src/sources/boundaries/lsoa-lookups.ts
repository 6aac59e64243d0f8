// The ONS LSOA lookups (CSV, as the Open Geography Portal names their fields):
//   - LSOA 2021 → sub-ICB location → ICB: `LSOA21CD, LSOA21NM, SICBLyyCD, SICBLyyCDH, SICBLyyNM, ICByyCD,
//     ICByyCDH, ICByyNM` (the `…CDH` fields are the ODS codes, e.g. 05D and QNC). Dated April of the year in
//     the field names (`SICBL24` → April 2024): the NHS geography of that date, so a lookup from before the
//     April 2026 ICB mergers keeps the old ICB codes.
//   - LSOA 2021 → electoral ward → local authority district (best fit): `LSOA21CD, LSOA21NM, WDyyCD, WDyyNM,
//     LADyyCD, LADyyNM`, dated May of the year in the field names (the ONS edition of the ward map).
//   - LSOA 2011 → LSOA 2021 → local authority district (exact fit): `LSOA11CD, LSOA11NM, LSOA21CD, LSOA21NM,
//     CHGIND, LADyyCD, LADyyNM`; one row per 2011–2021 pair, CHGIND U (unchanged), S (split: one 2011 LSOA
//     into several), M (merged: several into one) or X (irregular). Dated December 2021, the LSOA 2021 map.
// Each LSOA appears once in the first two; each pair once in the third.
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { Batch, peekHeader, UniqueKey } from "../import-kit.ts";
import { monthLabel } from "../registrations/common.ts";
import { col, readTable, rules, type Spec } from "../table.ts";
import { ONS } from "./common.ts";

const LSOA = rules.pattern(/^[EW]01\d{6}$/, "an LSOA code such as E01000001");
const ons = (prefix: string, example: string) =>
  rules.pattern(new RegExp(`^${prefix}\\d{6}$`), `an ONS code such as ${example}`);

/** The two-digit year of a field such as `SICBL24CD` in the header, or undefined. */
function fieldYear(header: readonly string[], prefix: string): string | undefined {
  const re = new RegExp(`^${prefix}(\\d{2})CD$`, "i");
  for (const h of header) {
    const m = re.exec(h.trim());
    if (m) return m[1];
  }
  return undefined;
}

/** The header's name for a field of a given prefix and suffix (`SICBL`, `CDH` → `SICBL24CDH`). */
const fieldName = (header: readonly string[], prefix: string, suffix: string): string | undefined =>
  header.map((h) => h.trim()).find((h) => new RegExp(`^${prefix}\\d{2}${suffix}$`, "i").test(h));

function field(header: readonly string[], prefix: string, suffix: string, file: string): string {
  const name = fieldName(header, prefix, suffix);
  if (!name)
    throw new SourceError(
      { file, line: 1 },
      `a column ${prefix}yy${suffix} (e.g. ${prefix}24${suffix})`,
      `the columns ${header.join(", ")}`,
    );
  return name;
}

const hasField = (header: readonly string[], prefix: string, suffix = "CD") =>
  fieldName(header, prefix, suffix) !== undefined;
const hasExact = (header: readonly string[], name: string) =>
  header.some((h) => h.trim().toUpperCase() === name);

function counted(n: number, what: string): string {
  return `${n.toLocaleString("en-GB")} ${what}`;
}

export const lsoaNhsAreaLookup: SourceFormat = {
  id: "ons-lsoa-nhs-area",
  title: "LSOA 2021 to sub-ICB location to ICB lookup",
  publisher: ONS,
  order: 22,
  recognise: ({ header }) =>
    hasExact(header, "LSOA21CD") && hasField(header, "SICBL") && hasField(header, "ICB"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const header = (await peekHeader(ctx.file)).map((h) => h.trim());
    const year = fieldYear(header, "SICBL")!;
    const spec = {
      lsoa: col.text("LSOA21CD").where(LSOA),
      lsoaName: col.text("LSOA21NM").orNull().optionalColumn(),
      subIcbOns: col.text(field(header, "SICBL", "CD", file)).where(ons("E38", "E38000028")),
      subIcbCode: col.text(field(header, "SICBL", "CDH", file)).orNull(),
      subIcbName: col.text(field(header, "SICBL", "NM", file)).orNull(),
      icbOns: col.text(field(header, "ICB", "CD", file)).where(ons("E54", "E54000010")),
      icbCode: col.text(field(header, "ICB", "CDH", file)).orNull(),
      icbName: col.text(field(header, "ICB", "NM", file)).orNull(),
    } satisfies Spec;
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const keys = new UniqueKey(file, "LSOA21CD", "LSOA");
    const batch = new Batch(ctx, "lsoa_nhs_area", [
      "dataset_id",
      "lsoa_code",
      "lsoa_name",
      "sub_icb_ons_code",
      "sub_icb_code",
      "sub_icb_name",
      "icb_ons_code",
      "icb_code",
      "icb_name",
    ]);
    const subIcbs = new Set<string>();
    const icbs = new Set<string>();
    let rows = 0;
    for await (const r of table.rows) {
      keys.check(r.lsoa, r._line, `'${r.lsoa}'`);
      subIcbs.add(r.subIcbOns);
      icbs.add(r.icbOns);
      await batch.add({
        dataset_id: ctx.datasetId,
        lsoa_code: r.lsoa,
        lsoa_name: r.lsoaName,
        sub_icb_ons_code: r.subIcbOns,
        sub_icb_code: r.subIcbCode,
        sub_icb_name: r.subIcbName,
        icb_ons_code: r.icbOns,
        icb_code: r.icbCode,
        icb_name: r.icbName,
      });
      rows++;
    }
    await batch.flush();
    if (rows === 0) throw new SourceError({ file }, "at least one LSOA", "none");
    const referenceDate = `20${year}-04-01`;
    return {
      dataset: {
        title: lsoaNhsAreaLookup.title,
        publisher: ONS,
        referenceDate,
        period: monthLabel(referenceDate),
        meta: { subIcbs: subIcbs.size, icbs: icbs.size },
      },
      rows,
      coverage: [],
      notes: [
        `${counted(rows, "LSOAs")} in ${counted(subIcbs.size, "sub-ICB locations")} and ${counted(icbs.size, "ICBs")} ` +
          `(the NHS geography of ${monthLabel(referenceDate)}, from the field names SICBL${year}/ICB${year}).`,
      ],
    };
  },
};

export const lsoaLocalAuthorityLookup: SourceFormat = {
  id: "ons-lsoa-local-authority",
  title: "LSOA 2021 to electoral ward to local authority district lookup",
  publisher: ONS,
  order: 23,
  recognise: ({ header }) =>
    hasExact(header, "LSOA21CD") &&
    !hasExact(header, "LSOA11CD") &&
    hasField(header, "LAD") &&
    hasField(header, "WD"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const header = (await peekHeader(ctx.file)).map((h) => h.trim());
    const year = fieldYear(header, "LAD")!;
    const spec = {
      lsoa: col.text("LSOA21CD").where(LSOA),
      lsoaName: col.text("LSOA21NM").orNull().optionalColumn(),
      wardCode: col
        .text(field(header, "WD", "CD", file))
        .where(rules.pattern(/^[EW]05\d{6}$/, "a ward code such as E05009861")),
      wardName: col.text(field(header, "WD", "NM", file)).orNull(),
      ladCode: col
        .text(field(header, "LAD", "CD", file))
        .where(rules.pattern(/^[EW]0[6-9]\d{6}$/, "a local authority code such as E06000002")),
      ladName: col.text(field(header, "LAD", "NM", file)).orNull(),
    } satisfies Spec;
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const keys = new UniqueKey(file, "LSOA21CD", "LSOA");
    const batch = new Batch(ctx, "lsoa_local_authority", [
      "dataset_id",
      "lsoa_code",
      "lsoa_name",
      "ward_code",
      "ward_name",
      "lad_code",
      "lad_name",
    ]);
    const lads = new Set<string>();
    const wards = new Set<string>();
    let english = 0;
    let rows = 0;
    for await (const r of table.rows) {
      keys.check(r.lsoa, r._line, `'${r.lsoa}'`);
      lads.add(r.ladCode);
      wards.add(r.wardCode);
      if (r.lsoa.startsWith("E")) english++;
      await batch.add({
        dataset_id: ctx.datasetId,
        lsoa_code: r.lsoa,
        lsoa_name: r.lsoaName,
        ward_code: r.wardCode,
        ward_name: r.wardName,
        lad_code: r.ladCode,
        lad_name: r.ladName,
      });
      rows++;
    }
    await batch.flush();
    if (rows === 0) throw new SourceError({ file }, "at least one LSOA", "none");
    const englishLads = [...lads].filter((c) => c.startsWith("E")).length;
    const referenceDate = `20${year}-05-01`;
    return {
      dataset: {
        title: lsoaLocalAuthorityLookup.title,
        publisher: ONS,
        referenceDate,
        period: monthLabel(referenceDate),
        meta: { wards: wards.size, localAuthorities: lads.size, englishLocalAuthorities: englishLads },
      },
      rows,
      coverage: [],
      notes: [
        `${counted(rows, "LSOAs")} (${counted(english, "English")}) in ${counted(wards.size, "wards")} and ` +
          `${counted(lads.size, "local authority districts")} (${counted(englishLads, "English")}); best-fit, ` +
          `dated from the field names WD${year}/LAD${year}.`,
      ],
    };
  },
};

const CHANGES = ["U", "S", "M", "X"] as const;

export const lsoaVintageLookup: SourceFormat = {
  id: "ons-lsoa11-lsoa21",
  title: "LSOA 2011 to LSOA 2021 lookup, with change codes",
  publisher: ONS,
  order: 24,
  recognise: ({ header }) =>
    hasExact(header, "LSOA11CD") && hasExact(header, "LSOA21CD") && hasExact(header, "CHGIND"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const header = (await peekHeader(ctx.file)).map((h) => h.trim());
    const ladCode = fieldName(header, "LAD", "CD");
    const ladName = fieldName(header, "LAD", "NM");
    const spec = {
      lsoa11: col.text("LSOA11CD").where(LSOA),
      lsoa21: col.text("LSOA21CD").where(LSOA),
      change: col.text("CHGIND").where(rules.oneOf(...CHANGES)),
      ladCode: ladCode ? col.text(ladCode).orNull() : col.text("LAD22CD").orNull().optionalColumn(),
      ladName: ladName ? col.text(ladName).orNull() : col.text("LAD22NM").orNull().optionalColumn(),
    } satisfies Spec;
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const keys = new UniqueKey(file, "LSOA11CD", "LSOA 2011–2021 pair");
    const batch = new Batch(ctx, "lsoa_vintage_link", [
      "dataset_id",
      "lsoa11_code",
      "lsoa21_code",
      "change",
      "lad_code",
      "lad_name",
    ]);
    const byChange = new Map<string, number>();
    const lsoa11 = new Set<string>();
    const lsoa21 = new Set<string>();
    let rows = 0;
    for await (const r of table.rows) {
      keys.check(`${r.lsoa11}|${r.lsoa21}`, r._line, `the pair ${r.lsoa11} → ${r.lsoa21}`);
      byChange.set(r.change, (byChange.get(r.change) ?? 0) + 1);
      lsoa11.add(r.lsoa11);
      lsoa21.add(r.lsoa21);
      await batch.add({
        dataset_id: ctx.datasetId,
        lsoa11_code: r.lsoa11,
        lsoa21_code: r.lsoa21,
        change: r.change,
        lad_code: r.ladCode,
        lad_name: r.ladName,
      });
      rows++;
    }
    await batch.flush();
    if (rows === 0) throw new SourceError({ file }, "at least one LSOA pair", "none");
    const referenceDate = "2021-12-01";
    const changes = Object.fromEntries(CHANGES.map((c) => [c, byChange.get(c) ?? 0]));
    return {
      dataset: {
        title: lsoaVintageLookup.title,
        publisher: ONS,
        referenceDate,
        period: monthLabel(referenceDate),
        meta: { changes, lsoa11: lsoa11.size, lsoa21: lsoa21.size },
      },
      rows,
      coverage: [],
      notes: [
        `${counted(rows, "pairs")}: ${counted(lsoa11.size, "LSOAs of 2011")} → ${counted(lsoa21.size, "of 2021")}; ` +
          `unchanged ${changes.U}, split ${changes.S}, merged ${changes.M}, irregular ${changes.X}.`,
      ],
    };
  },
};
