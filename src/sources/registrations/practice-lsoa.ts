// gp-reg-pat-prac-lsoa-all.csv: registered patients per practice per LSOA (where each practice's patients
// live). Two layouts are read:
// - the published one: PUBLICATION, EXTRACT_DATE, PRACTICE_CODE, PRACTICE_NAME, LSOA_CODE, SEX,
//   NUMBER_OF_PATIENTS. SEX=ALL rows are kept; MALE and FEMALE rows are summed for pairs without an ALL row;
// - a regional subset joined to the map (LSOA_CODE, PRACTICE_CODE, PRACTICE_NAME, NUMBER_OF_PATIENTS,
//   PCN_CODE, …, ICB_CODE) without EXTRACT_DATE: the month then comes from a YYYY-MM in the file name, and
//   the dataset's scope is its ICB codes, so subsets of different ICBs do not replace each other.
// Pseudo-codes (EMPTY, CLOSED, Welsh/Scottish/NI LSOAs, L99999999/M99999999) are kept; the notes say how
// many patients sit outside English LSOAs. The national file has ~1,000,000 rows, so the row loop avoids
// string keys and re-validating repeated codes: each distinct code is checked once, when first seen.
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { PracticeJoin } from "../joins.ts";
import { col, readTable, rules } from "../table.ts";
import { monthFromFileName } from "../import-kit.ts";
import { ExtractDate, monthLabel, NHS_REGISTRATIONS } from "./common.ts";

const spec = {
  extractDate: col.text("EXTRACT_DATE").optionalColumn(),
  practiceCode: col.text("PRACTICE_CODE"),
  lsoaCode: col.text("LSOA_CODE", "LSOA21CD", "LSOA11CD"),
  sex: col.text("SEX").optionalColumn(),
  patients: col.int("NUMBER_OF_PATIENTS").where(rules.atLeast(0)),
  icbCode: col.text("ICB_CODE").orNull().optionalColumn(),
};

/** An ONS area code (E01…, W01…, S01…, N21…, L99999999) or a pseudo-code word (EMPTY, CLOSED, …). */
const LSOA_CODE = /^([A-Z]\d{8}|[A-Z][A-Z_]{2,19})$/;
const ICB_CODE = /^[A-Z0-9]{3,5}$/;
const ENGLISH_LSOA = /^E01\d{6}$/;

const COLUMNS = ["dataset_id", "practice_code", "lsoa_code", "patients"] as const;
const LSOA_LIMIT = 1 << 24;

function outsideLabel(code: string): string {
  if (code.startsWith("W")) return "Welsh LSOAs";
  if (code.startsWith("S")) return "Scottish data zones";
  if (code.startsWith("N")) return "Northern Ireland areas";
  if (code === "L99999999" || code === "M99999999") return "Channel Islands / Isle of Man";
  if (/^[A-Z]\d{8}$/.test(code)) return "other area codes";
  return code;
}

/**
 * The date the file describes: its EXTRACT_DATE, else the `--date` given, else a YYYY-MM in its name. A
 * `--date` that contradicts the EXTRACT_DATE is refused, as is a file with no date from any of the three.
 */
function referenceDateOf(
  file: string,
  extract: string | undefined,
  given: string | undefined,
  named: string | undefined,
): { referenceDate: string; from: string } {
  if (extract !== undefined) {
    if (given !== undefined && given.slice(0, 7) !== extract.slice(0, 7))
      throw new SourceError(
        { file, line: 2, column: "EXTRACT_DATE" },
        `the month given with --date (${given.slice(0, 7)})`,
        `the extract date ${extract}`,
        "leave out --date: the file carries its own date",
      );
    return { referenceDate: extract, from: "EXTRACT_DATE" };
  }
  if (given !== undefined) return { referenceDate: given, from: "--date" };
  if (named !== undefined) return { referenceDate: named, from: "the file name" };
  throw new SourceError(
    { file, line: 1, column: "EXTRACT_DATE" },
    "an EXTRACT_DATE column, a YYYY-MM month in the file name (e.g. gp-reg-pat-prac-lsoa-all_2025-10.csv) or --date",
    "none of them (its rows are otherwise valid)",
    "give the month of the extract: icsplan import --date YYYY-MM <file>",
  );
}

interface Pending {
  practice: number;
  lsoa: number;
  patients: number;
}

export const practiceLsoa: SourceFormat = {
  id: "gp-reg-pat-prac-lsoa-all",
  title: "Patients Registered at a GP Practice: patients per practice per LSOA",
  publisher: NHS_REGISTRATIONS,
  order: 13,
  columns: ["PRACTICE_CODE", "LSOA_CODE", "NUMBER_OF_PATIENTS", "PRACTICE_NAME"],
  recognise: ({ header }) =>
    header.includes("PRACTICE_CODE") && header.includes("LSOA_CODE") && header.includes("NUMBER_OF_PATIENTS"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const names = new Set(table.header.map((h) => h.trim().toUpperCase()));
    const hasExtract = names.has("EXTRACT_DATE");
    const hasSex = names.has("SEX");
    const subset = names.has("ICB_CODE");
    const namedMonth = monthFromFileName(file);
    const join = await PracticeJoin.start(ctx, "PRACTICE_CODE", true);
    const extract = new ExtractDate(file);

    const practiceIds = new Map<string, number>();
    const practices: string[] = [];
    const lsoaIds = new Map<string, number>();
    const lsoas: string[] = [];
    const lsoaPatients: number[] = [];
    const icbs = new Set<string>();
    // Per practice, the LSOAs seen (as lsoa index × 4 + sex): small integers, so the sets stay fast.
    // Files come grouped by practice, so the current practice's set is kept at hand.
    const seenByPractice: Set<number>[] = [];
    let currentPractice = -1;
    let seen = new Set<number>();
    const bySex = new Map<string, Pending>();
    let batch: Record<string, unknown>[] = [];
    let rows = 0;

    const duplicate = (line: number, practice: string, lsoa: string, sex: string) =>
      new SourceError(
        { file, line, column: "LSOA_CODE" },
        "one row per practice and LSOA",
        `'${lsoa}' for practice '${practice}'${hasSex ? ` (SEX ${sex})` : ""} a second time`,
        "duplicate practice and LSOA pair",
      );

    for await (const r of table.rows) {
      const line = r._line;
      if (hasExtract) extract.seeText(r.extractDate ?? "", line);
      let p = practiceIds.get(r.practiceCode);
      if (p === undefined) {
        const code = table.practiceCode(r.practiceCode, line, "PRACTICE_CODE");
        p = practiceIds.get(code);
        if (p === undefined) {
          join.check(code, line);
          practiceIds.set(code, (p = practices.length));
          practices.push(code);
        }
        practiceIds.set(r.practiceCode, p);
      }
      let l = lsoaIds.get(r.lsoaCode);
      if (l === undefined) {
        if (!LSOA_CODE.test(r.lsoaCode))
          throw new SourceError(
            { file, line, column: "LSOA_CODE" },
            "an LSOA code such as E01012345, or a pseudo-code such as EMPTY or CLOSED",
            `'${r.lsoaCode}'`,
          );
        if (lsoas.length >= LSOA_LIMIT)
          throw new SourceError(
            { file, line, column: "LSOA_CODE" },
            `at most ${LSOA_LIMIT} LSOA codes`,
            "more",
          );
        lsoaIds.set(r.lsoaCode, (l = lsoas.length));
        lsoas.push(r.lsoaCode);
        lsoaPatients.push(0);
      }
      if (subset && r.icbCode !== null && !icbs.has(r.icbCode)) {
        if (!ICB_CODE.test(r.icbCode))
          throw new SourceError(
            { file, line, column: "ICB_CODE" },
            "an ODS ICB code such as QNC",
            `'${r.icbCode}'`,
          );
        icbs.add(r.icbCode);
      }
      if (p !== currentPractice) {
        seen = seenByPractice[p] ??= new Set<number>();
        currentPractice = p;
      }
      const sex = hasSex ? r.sex : "ALL";
      const sexIndex = sex === "ALL" ? 0 : sex === "MALE" ? 1 : sex === "FEMALE" ? 2 : -1;
      if (sexIndex === -1)
        throw new SourceError({ file, line, column: "SEX" }, "ALL, MALE or FEMALE", `'${sex ?? ""}'`);
      const key = l * 4 + sexIndex;
      if (seen.has(key)) throw duplicate(line, r.practiceCode, r.lsoaCode, sex!);
      seen.add(key);
      if (sexIndex === 0) {
        lsoaPatients[l]! += r.patients;
        batch.push({
          dataset_id: ctx.datasetId,
          practice_code: practices[p],
          lsoa_code: lsoas[l],
          patients: r.patients,
        });
        rows++;
        if (batch.length >= 5000) {
          await ctx.write("practice_lsoa", COLUMNS, batch);
          batch = [];
        }
      } else {
        // Only needed when the file has no ALL rows; kept until the end decides.
        const pairKey = `${p}|${l}`;
        const pending = bySex.get(pairKey);
        if (pending) pending.patients += r.patients;
        else bySex.set(pairKey, { practice: p, lsoa: l, patients: r.patients });
      }
    }
    // MALE/FEMALE rows: summed for the pairs that have no SEX=ALL row, ignored where one exists.
    const notes: string[] = [];
    let summedPairs = 0;
    for (const s of bySex.values()) {
      if (seenByPractice[s.practice]!.has(s.lsoa * 4)) continue;
      summedPairs++;
      lsoaPatients[s.lsoa]! += s.patients;
      batch.push({
        dataset_id: ctx.datasetId,
        practice_code: practices[s.practice],
        lsoa_code: lsoas[s.lsoa],
        patients: s.patients,
      });
      rows++;
      if (batch.length >= 5000) {
        await ctx.write("practice_lsoa", COLUMNS, batch);
        batch = [];
      }
    }
    if (summedPairs > 0)
      notes.push(
        `${summedPairs.toLocaleString("en-GB")} practice/LSOA pair(s) had only MALE and FEMALE rows: they were summed.`,
      );
    if (bySex.size > summedPairs)
      notes.push(
        `MALE/FEMALE rows of ${(bySex.size - summedPairs).toLocaleString("en-GB")} pair(s) were ignored: their SEX=ALL rows were kept.`,
      );
    await ctx.write("practice_lsoa", COLUMNS, batch);

    // The rows are checked (practice codes against the register included) before the date is asked for.
    const { referenceDate, from: dateFrom } = referenceDateOf(
      file,
      hasExtract ? extract.get() : undefined,
      ctx.date,
      namedMonth,
    );
    const lsoaVintage = referenceDate >= "2024-01-01" ? 2021 : 2011;
    let total = 0;
    let english = 0;
    const outside = new Map<string, number>();
    for (let i = 0; i < lsoas.length; i++) {
      const n = lsoaPatients[i]!;
      total += n;
      if (ENGLISH_LSOA.test(lsoas[i]!)) english += n;
      else if (n > 0) {
        const label = outsideLabel(lsoas[i]!);
        outside.set(label, (outside.get(label) ?? 0) + n);
      }
    }
    const fmt = (n: number) => n.toLocaleString("en-GB");
    const pct = (n: number) => (total === 0 ? "0" : ((100 * n) / total).toFixed(2));
    notes.unshift(
      `${fmt(practices.length)} practices, ${fmt(total)} patients in ${fmt(lsoas.length)} LSOA codes (LSOA ${lsoaVintage}).`,
      `${fmt(total - english)} patients (${pct(total - english)}%) are outside English LSOAs` +
        (outside.size > 0
          ? `: ${[...outside]
              .sort((a, b) => b[1] - a[1])
              .map(([k, n]) => `${k} ${fmt(n)}`)
              .join(", ")}.`
          : "."),
    );
    if (dateFrom !== "EXTRACT_DATE")
      notes.push(`No EXTRACT_DATE column: the date was taken from ${dateFrom}.`);
    const icbList = [...icbs].sort();
    if (subset)
      notes.push(`Subset of ICB ${icbList.join(", ")}: stored with scope 'icb:${icbList.join(",")}'.`);
    return {
      dataset: {
        title: practiceLsoa.title,
        publisher: NHS_REGISTRATIONS,
        referenceDate,
        period: monthLabel(referenceDate),
        ...(subset ? { scope: `icb:${icbList.join(",")}` } : {}),
        meta: {
          lsoaVintage,
          layout: subset ? "subset" : "published",
          totalPatients: total,
          patientsOutsideEnglishLsoas: total - english,
          referenceDateFrom: dateFrom,
        },
      },
      rows,
      coverage: join.coverage(),
      notes,
    };
  },
};
