// Practice- and PCN-level IMD scores: the LSOA IMD scores of a practice's registered patients, averaged
// with the patients as weights. Two publishers:
//   - South West AHSN (Richard Blackwell, `blackwellrd/practice_pcn_imd`): IMD 2019 scores weighted by
//     the January 2023 GP-registration LSOA counts, with a national decile (1 = most deprived), for
//     practices (`practice_code, practice_name, postcode, subicb_code, imd_score, imd_decile`) and PCNs
//     (`pcn_code, …`; the pseudo-PCN `U` = Unknown holds practices without a PCN). The files carry no date:
//     the registration month is taken from the file name (`…_2023-01.csv`), else January 2023, the month
//     of the only release.
//   - OHID Fingertips indicator 93553 "Deprivation score (IMD 2010/2015/2019)", GP practice area type,
//     as a raw API extract (`IndicatorID, Year, AreaCode, AreaName, IsAreaCurrent, Value`; UTF-8 with BOM,
//     CRLF). `Year` is the IMD edition. No decile is published.
//   - OHID Fingertips indicator 94240 "Deprivation score (IMD 2025)", GP practice area type, as a trimmed
//     extract (`PRACTICE_CODE, PRACTICE_NAME, IMD_YEAR, IMD_SCORE`): the score of the practice's registered
//     population from the LSOA 2021 IMD 2025 scores. No decile is published; the picture ranks practices
//     nationally to give one.
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { SourceError } from "../errors.ts";
import { Batch, hasColumns, monthFromFileName, UniqueKey } from "../import-kit.ts";
import { PracticeJoin } from "../joins.ts";
import { monthLabel } from "../registrations/common.ts";
import { col, PRACTICE_CODE, readTable, rules } from "../table.ts";

const SWAHSN = "South West AHSN (practice_pcn_imd), from MHCLG IoD2019 and NHS England GP registrations";
const OHID = "Office for Health Improvement and Disparities, Fingertips (indicator 93553)";
/** The SWAHSN outputs were built from the January 2023 registrations (repository commit of 2 Feb 2023). */
const SWAHSN_DEFAULT_MONTH = "2023-01-01";
/** IoD2019 publication date, the reference date of the Fingertips extract (its newest edition). */
const IOD_PUBLISHED: Record<number, string> = {
  2010: "2011-03-24",
  2015: "2015-09-30",
  2019: "2019-09-26",
  2025: "2025-10-30",
};
const OHID_2025 = "Office for Health Improvement and Disparities, Fingertips (indicator 94240)";

const score = (...names: string[]) => col.number(...names).where(rules.between(0, 100));
const decile = (...names: string[]) =>
  col
    .int(...names)
    .orNull("NA")
    .where(rules.between(1, 10));

const practiceSpec = {
  practiceCode: col.text("practice_code").where(PRACTICE_CODE),
  score: score("imd_score"),
  decile: decile("imd_decile"),
};

const pcnSpec = {
  pcnCode: col.text("pcn_code").where(rules.pattern(/^U(\d{5})?$/, "a PCN code such as U00070 (or U)")),
  pcnName: col.text("pcn_name").orNull(),
  score: score("imd_score"),
  decile: decile("imd_decile"),
};

const PRACTICE_COLUMNS = ["dataset_id", "practice_code", "edition", "imd_score", "imd_decile"] as const;
const PCN_COLUMNS = ["dataset_id", "pcn_code", "pcn_name", "edition", "imd_score", "imd_decile"] as const;

function swahsnMonth(path: string): { date: string; note?: string } {
  const date = monthFromFileName(path);
  return date
    ? { date }
    : {
        date: SWAHSN_DEFAULT_MONTH,
        note: "No YYYY-MM in the file name: dated January 2023, the registrations of the only SWAHSN release.",
      };
}

export const practiceImdSwahsn: SourceFormat = {
  id: "practice-imd-swahsn",
  title: "Practice IMD 2019 score weighted by registered patients (SW AHSN)",
  publisher: SWAHSN,
  order: 61,
  columns: ["practice_code", "imd_score", "imd_decile"],
  recognise: ({ header }) => hasColumns(header, "practice_code", "imd_score", "imd_decile"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, practiceSpec, { onProgress: ctx.progress, warn: ctx.warn });
    const join = await PracticeJoin.start(ctx, "practice_code", false);
    const keys = new UniqueKey(ctx.file.label, "practice_code", "practice");
    const batch = new Batch(ctx, "practice_imd", PRACTICE_COLUMNS);
    let rows = 0;
    for await (const r of table.rows) {
      keys.check(r.practiceCode, r._line, `'${r.practiceCode}'`);
      join.check(r.practiceCode, r._line);
      await batch.add({
        dataset_id: ctx.datasetId,
        practice_code: r.practiceCode,
        edition: 2019,
        imd_score: r.score,
        imd_decile: r.decile,
      });
      rows++;
    }
    await batch.flush();
    const { date, note } = swahsnMonth(ctx.file.path);
    return {
      dataset: {
        title: practiceImdSwahsn.title,
        publisher: SWAHSN,
        referenceDate: date,
        period: `IMD 2019, ${monthLabel(date)} registrations`,
        meta: { edition: 2019 },
      },
      rows,
      coverage: join.coverage(),
      notes: note ? [note] : [],
    };
  },
};

export const pcnImdSwahsn: SourceFormat = {
  id: "pcn-imd-swahsn",
  title: "PCN IMD 2019 score weighted by registered patients (SW AHSN)",
  publisher: SWAHSN,
  order: 62,
  columns: ["pcn_code", "imd_score", "imd_decile"],
  recognise: ({ header }) => hasColumns(header, "pcn_code", "imd_score", "imd_decile"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, pcnSpec, { onProgress: ctx.progress, warn: ctx.warn });
    const keys = new UniqueKey(ctx.file.label, "pcn_code", "PCN");
    const batch = new Batch(ctx, "pcn_imd", PCN_COLUMNS);
    let rows = 0;
    let unknown = false;
    for await (const r of table.rows) {
      keys.check(r.pcnCode, r._line, `'${r.pcnCode}'`);
      if (r.pcnCode === "U") unknown = true;
      await batch.add({
        dataset_id: ctx.datasetId,
        pcn_code: r.pcnCode,
        pcn_name: r.pcnName,
        edition: 2019,
        imd_score: r.score,
        imd_decile: r.decile,
      });
      rows++;
    }
    await batch.flush();
    const { date, note } = swahsnMonth(ctx.file.path);
    return {
      dataset: {
        title: pcnImdSwahsn.title,
        publisher: SWAHSN,
        referenceDate: date,
        period: `IMD 2019, ${monthLabel(date)} registrations`,
        meta: { edition: 2019 },
      },
      rows,
      coverage: [],
      notes: [
        ...(unknown ? ["Row 'U' (Unknown) covers practices without a PCN; it is kept as published."] : []),
        ...(note ? [note] : []),
      ],
    };
  },
};

const fingertipsSpec = {
  indicator: col.int("IndicatorID").where((v) => (v === 93553 ? undefined : "indicator 93553")),
  edition: col
    .int("Year")
    .where((v) => (IOD_PUBLISHED[v] ? undefined : "an IMD edition: 2010, 2015 or 2019")),
  areaCode: col.text("AreaCode"),
  value: score("Value"),
};

export const practiceImdFingertips: SourceFormat = {
  id: "practice-imd-fingertips",
  title: "Practice deprivation score (IMD 2010, 2015 and 2019), Fingertips indicator 93553",
  publisher: OHID,
  order: 63,
  columns: ["IndicatorID", "Year", "AreaCode", "Value"],
  recognise: ({ header }) => hasColumns(header, "IndicatorID", "Year", "AreaCode", "Value"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, fingertipsSpec, { onProgress: ctx.progress, warn: ctx.warn });
    const join = await PracticeJoin.start(ctx, "AreaCode", false);
    const keys = new UniqueKey(ctx.file.label, "AreaCode", "practice and IMD edition");
    const batch = new Batch(ctx, "practice_imd", PRACTICE_COLUMNS);
    const perEdition = new Map<number, number>();
    let rows = 0;
    let aggregates = 0;
    for await (const r of table.rows) {
      // A Fingertips extract may carry its parent areas (England E92000001, ICBs E54…): not practices.
      if (/^E\d{8}$/.test(r.areaCode)) {
        aggregates++;
        continue;
      }
      const problem = PRACTICE_CODE(r.areaCode);
      if (problem) {
        throw new SourceError(
          { file: ctx.file.label, line: r._line, column: "AreaCode" },
          problem,
          `'${r.areaCode}'`,
        );
      }
      keys.check(`${r.areaCode}|${r.edition}`, r._line, `practice ${r.areaCode} for IMD ${r.edition}`);
      join.check(r.areaCode, r._line);
      perEdition.set(r.edition, (perEdition.get(r.edition) ?? 0) + 1);
      await batch.add({
        dataset_id: ctx.datasetId,
        practice_code: r.areaCode,
        edition: r.edition,
        imd_score: r.value,
        imd_decile: null,
      });
      rows++;
    }
    await batch.flush();
    const editions = [...perEdition.keys()].sort((a, b) => a - b);
    const latest = editions[editions.length - 1];
    if (latest === undefined) {
      throw new SourceError({ file: ctx.file.label }, "at least one practice row", "only area aggregates");
    }
    return {
      dataset: {
        title: practiceImdFingertips.title,
        publisher: OHID,
        // Dated by the publication of the newest IMD edition it holds.
        referenceDate: IOD_PUBLISHED[latest]!,
        period: `IMD ${editions.join(", ")}`,
        meta: { editions, rowsPerEdition: Object.fromEntries(perEdition) },
      },
      rows,
      coverage: join.coverage(),
      notes: [
        `Practices per IMD edition: ${editions.map((e) => `${e} ${perEdition.get(e)!.toLocaleString("en-GB")}`).join(", ")}.`,
        ...(aggregates > 0 ? [`${aggregates} rows for areas above practice level were skipped.`] : []),
      ],
    };
  },
};

const scoreSpec = {
  practiceCode: col.text("PRACTICE_CODE").where(PRACTICE_CODE),
  name: col.text("PRACTICE_NAME").orNull().optionalColumn(),
  edition: col
    .int("IMD_YEAR")
    .where((v) => (IOD_PUBLISHED[v] ? undefined : "an IMD edition: 2010, 2015, 2019 or 2025")),
  score: score("IMD_SCORE"),
};

/** Practice IMD scores, one edition per file (Fingertips 94240 for IMD 2025, in a trimmed extract). */
export const practiceImdScore: SourceFormat = {
  id: "practice-imd-score",
  title: "Practice deprivation score (IMD), Fingertips extract",
  publisher: OHID_2025,
  order: 64,
  columns: ["PRACTICE_CODE", "IMD_YEAR", "IMD_SCORE"],
  recognise: ({ header }) => hasColumns(header, "PRACTICE_CODE", "IMD_YEAR", "IMD_SCORE"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, scoreSpec, { onProgress: ctx.progress, warn: ctx.warn });
    const join = await PracticeJoin.start(ctx, "PRACTICE_CODE", false);
    const keys = new UniqueKey(ctx.file.label, "PRACTICE_CODE", "practice");
    const batch = new Batch(ctx, "practice_imd", PRACTICE_COLUMNS);
    let edition: number | undefined;
    let rows = 0;
    let min = Infinity;
    let max = -Infinity;
    for await (const r of table.rows) {
      if (edition === undefined) edition = r.edition;
      else if (r.edition !== edition)
        throw new SourceError(
          { file: ctx.file.label, line: r._line, column: "IMD_YEAR" },
          `one IMD edition per file (${edition}, as on the first row)`,
          `${r.edition}`,
        );
      keys.check(r.practiceCode, r._line, `'${r.practiceCode}'`);
      join.check(r.practiceCode, r._line);
      min = Math.min(min, r.score);
      max = Math.max(max, r.score);
      await batch.add({
        dataset_id: ctx.datasetId,
        practice_code: r.practiceCode,
        edition: r.edition,
        imd_score: r.score,
        imd_decile: null,
      });
      rows++;
    }
    await batch.flush();
    if (edition === undefined)
      throw new SourceError({ file: ctx.file.label }, "at least one practice row", "none");
    const publisher = edition === 2025 ? OHID_2025 : OHID;
    return {
      dataset: {
        title: `Practice deprivation score (IMD ${edition}), Fingertips`,
        publisher,
        referenceDate: IOD_PUBLISHED[edition]!,
        period: `IMD ${edition}`,
        meta: { edition },
      },
      rows,
      coverage: join.coverage(),
      notes: [
        `${rows.toLocaleString("en-GB")} practices, IMD ${edition} scores ${min.toFixed(1)}–${max.toFixed(1)} ` +
          "(higher is more deprived; no decile is published).",
      ],
    };
  },
};
