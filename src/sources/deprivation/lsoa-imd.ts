// English Indices of Deprivation: the Index of Multiple Deprivation rank and decile (and score, when the
// file has it) for each LSOA. Two layouts are read:
//   - tidy extracts of File 1 with edition-tagged columns: `lsoa11_code, lsoa11_name, lad19_code,
//     lad19_name, imd2019_rank, imd2019_decile` (IoD2019, LSOA 2011) and `lsoa21_code … imd2025_decile`
//     (IoD2025, LSOA 2021), optionally `imdYYYY_score`;
//   - the official File 1 / File 7 column names: `LSOA code (2011)`, `Local Authority District code (2019)`,
//     `Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)`, `… Decile (where 1 is most
//     deprived 10% of LSOAs)` and, in File 7, `Index of Multiple Deprivation (IMD) Score`.
// The LSOA vintage comes from the code column (2011 or 2021). The edition comes from the `imdYYYY_`
// columns, or else from the local authority year the MHCLG files use (LAD 2013 → IoD2015, LAD 2019 →
// IoD2019, LAD 2024 → IoD2025), or else from the file name (`iod2019`, `imd2025`…).
// Rank 1 = most deprived; decile 1 = most deprived 10%.
import { basename } from "node:path";
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { Batch, hasColumns, squash, UniqueKey } from "../import-kit.ts";
import { col, readTable, rules } from "../table.ts";

const PUBLISHER = "Ministry of Housing, Communities and Local Government, English Indices of Deprivation";

/**
 * Publication dates of each edition, used as the reference date (gov.uk statistical releases: "English
 * indices of deprivation 2015", 30 September 2015; "… 2019", 26 September 2019; "… 2025", 30 October 2025).
 */
const EDITIONS: Record<number, { published: string; vintage: number }> = {
  2015: { published: "2015-09-30", vintage: 2011 },
  2019: { published: "2019-09-26", vintage: 2011 },
  2025: { published: "2025-10-30", vintage: 2021 },
};
const LAD_YEAR_EDITION: Record<number, number> = { 2013: 2015, 2019: 2019, 2024: 2025 };

const years = Object.keys(EDITIONS).reverse(); // newest first: the canonical name in messages
const LSOA_CODE = /^lsoa(11|21)code$|^lsoacode(2011|2021)$/;
const IMD = "Index of Multiple Deprivation (IMD)";

const spec = {
  code: col
    .text("lsoa11_code", "lsoa21_code", "LSOA code (2011)", "LSOA code (2021)")
    .where(rules.pattern(/^[EW]01\d{6}$/, "an LSOA code such as E01000001")),
  name: col
    .text("lsoa11_name", "lsoa21_name", "LSOA name (2011)", "LSOA name (2021)")
    .orNull()
    .optionalColumn(),
  ladCode: col
    .text(
      ...Object.keys(LAD_YEAR_EDITION).flatMap((y) => [
        `lad${y.slice(2)}_code`,
        `Local Authority District code (${y})`,
      ]),
    )
    .orNull()
    .optionalColumn(),
  ladName: col
    .text(
      ...Object.keys(LAD_YEAR_EDITION).flatMap((y) => [
        `lad${y.slice(2)}_name`,
        `Local Authority District name (${y})`,
      ]),
    )
    .orNull()
    .optionalColumn(),
  rank: col
    .int(...years.map((y) => `imd${y}_rank`), `${IMD} Rank (where 1 is most deprived)`, `${IMD} Rank`)
    .where(rules.atLeast(1)),
  decile: col
    .int(
      ...years.map((y) => `imd${y}_decile`),
      `${IMD} Decile (where 1 is most deprived 10% of LSOAs)`,
      `${IMD} Decile`,
    )
    .where(rules.between(1, 10)),
  score: col
    .number(...years.map((y) => `imd${y}_score`), `${IMD} Score`)
    .where(rules.between(0, 100))
    .optionalColumn(),
};

const COLUMNS = [
  "dataset_id",
  "lsoa_code",
  "vintage",
  "edition",
  "name",
  "lad_code",
  "lad_name",
  "imd_rank",
  "imd_decile",
  "imd_score",
] as const;

/** Finds the LSOA vintage and the IoD edition from the header (and, failing that, the file name). */
function editionOf(
  file: { label: string; path: string },
  header: string[],
): { vintage: number; edition: number } {
  let vintage: number | undefined;
  let edition: number | undefined;
  for (const h of header.map(squash)) {
    const lsoa = LSOA_CODE.exec(h);
    if (lsoa) vintage = 2000 + Number((lsoa[1] ?? lsoa[2]!).slice(-2));
    const imd = /^imd(\d{4})(rank|decile)$/.exec(h);
    if (imd) {
      const e = Number(imd[1]);
      if (edition !== undefined && e !== edition) {
        throw new SourceError(
          { file: file.label, line: 1 },
          "the columns of one IMD edition",
          `both imd${edition}_… and imd${e}_… columns`,
        );
      }
      edition = e;
    }
    const lad = /^lad(\d{2})code$|^localauthoritydistrictcode(\d{4})$/.exec(h);
    if (lad && edition === undefined)
      edition = LAD_YEAR_EDITION[2000 + Number((lad[1] ?? lad[2]!).slice(-2))];
  }
  if (edition === undefined) {
    const m = /(?:iod|imd)[ _-]?(2015|2019|2025)/i.exec(basename(file.path));
    if (m) edition = Number(m[1]);
  }
  if (edition === undefined || !EDITIONS[edition]) {
    throw new SourceError(
      { file: file.label, line: 1 },
      "an IMD edition (2015, 2019 or 2025) named by imdYYYY_rank columns, the local authority year or the file name",
      edition === undefined ? "none" : `edition ${edition}`,
    );
  }
  if (vintage === undefined) throw new Error("unreachable: the LSOA code column is bound");
  if (EDITIONS[edition]!.vintage !== vintage) {
    throw new SourceError(
      { file: file.label, line: 1 },
      `LSOA ${EDITIONS[edition]!.vintage} codes for IoD${edition}`,
      `LSOA ${vintage} codes`,
      "the edition and the LSOA vintage do not match",
    );
  }
  return { vintage, edition };
}

export const lsoaImd: SourceFormat = {
  id: "lsoa-imd",
  title: "English Indices of Deprivation: IMD rank and decile by LSOA",
  publisher: PUBLISHER,
  order: 60,
  recognise: ({ header }) => {
    const h = header.map(squash);
    const hasCode = h.some((x) => LSOA_CODE.test(x));
    const hasRank = h.some((x) => /^imd\d{4}rank$|^indexofmultipledeprivationimdrank/.test(x));
    const hasDecile = h.some((x) => /^imd\d{4}decile$|^indexofmultipledeprivationimddecile/.test(x));
    return hasCode && hasRank && hasDecile && !hasColumns(header, "practice_code");
  },
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const { vintage, edition } = editionOf(ctx.file, table.header);
    const codeColumn = table.header.find((h) => LSOA_CODE.test(squash(h)))!.trim();
    const codes = new UniqueKey(ctx.file.label, codeColumn, "LSOA");
    const batch = new Batch(ctx, "lsoa_imd", COLUMNS);
    const ranks: [number, number][] = [];
    let rows = 0;
    let scored = 0;
    for await (const r of table.rows) {
      codes.check(r.code, r._line, `'${r.code}'`);
      ranks.push([r.rank, r.decile]);
      if (r.score != null) scored++;
      await batch.add({
        dataset_id: ctx.datasetId,
        lsoa_code: r.code,
        vintage,
        edition,
        name: r.name,
        lad_code: r.ladCode,
        lad_name: r.ladName,
        imd_rank: r.rank,
        imd_decile: r.decile,
        imd_score: r.score,
      });
      rows++;
    }
    await batch.flush();
    // Deciles are tenths of the national ranking: rank r of N falls in decile ceil(10 r / N).
    const offDecile = ranks.filter(([rank, decile]) => Math.ceil((10 * rank) / rows) !== decile).length;
    const maxRank = Math.max(...ranks.map(([rank]) => rank));
    return {
      dataset: {
        title: `English Indices of Deprivation ${edition}: IMD rank and decile by LSOA (${vintage} boundaries)`,
        publisher: PUBLISHER,
        referenceDate: EDITIONS[edition]!.published,
        period: `IoD${edition}`,
        scope: `lsoa${vintage}`,
        meta: { edition, vintage, scores: scored > 0 },
      },
      rows,
      coverage: [],
      notes: [
        `IoD${edition} on LSOA ${vintage} boundaries: ${rows.toLocaleString("en-GB")} LSOAs` +
          (scored > 0
            ? `, ${scored.toLocaleString("en-GB")} with an IMD score.`
            : "; no IMD scores in this file."),
        ...(maxRank > rows
          ? [`Ranks go up to ${maxRank.toLocaleString("en-GB")}: the file is a subset of England.`]
          : offDecile > 0
            ? [`${offDecile.toLocaleString("en-GB")} deciles differ from ceil(10 × rank / ${rows}).`]
            : []),
      ],
    };
  },
};
