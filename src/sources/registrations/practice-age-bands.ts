// gp-reg-pat-prac-quin-age.csv (published zipped): registered patients by 5-year age band (0_4 … 90_94,
// 95+) and sex (FEMALE, MALE) for every practice (ORG_TYPE GP), PCN, sub-ICB location, ICB and NHS England
// region, with an ALL/ALL total row for each. Practice rows go to practice_list (the ALL/ALL rows are the
// month's list sizes, the FEMALE/MALE × band rows the practice's age × sex structure, and FEMALE/MALE ×
// ALL rows its totals by sex); the rest to org_age_sex, with ORG_TYPE
// normalised to PCN, SUB_ICB, ICB and REGION. The same layout holding only the ALL/ALL practice rows (a
// "totals" extract of the file) is stored with scope `totals`, so it sits beside the full file rather than
// replacing it. Every practice's 40 bands are checked to sum to its total, and the practices to the regions.
import { SourceError, shown } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { hasColumns } from "../import-kit.ts";
import { PracticeJoin } from "../joins.ts";
import { col, readTable, rules } from "../table.ts";
import { ExtractDate, monthLabel, NHS_REGISTRATIONS, orgTypeKey } from "./common.ts";

const ORG_TYPES: Record<string, string> = {
  GP: "GP",
  PCN: "PCN",
  "SUB ICB LOCATION CODE": "SUB_ICB",
  "SUB ICB LOCATION": "SUB_ICB",
  ICB: "ICB",
  "COMM REGION": "REGION",
  REGION: "REGION",
};

const AGE = /^(ALL|\d{1,2}_\d{1,3}|\d{1,3}\+)$/;

// ORG_TYPE, ORG_CODE, EXTRACT_DATE and AGE_GROUP_5 repeat on every row: each is checked once per distinct
// value in the loop (the file has 326,241 rows), and duplicates are found on numbers, not strings.
const spec = {
  extractDate: col.text("EXTRACT_DATE"),
  orgType: col.text("ORG_TYPE"),
  orgCode: col.text("ORG_CODE"),
  onsCode: col.text("ONS_CODE").orNull().optionalColumn(),
  sex: col.text("SEX").where(rules.oneOf("ALL", "MALE", "FEMALE")),
  age: col.text("AGE_GROUP_5"),
  patients: col.int("NUMBER_OF_PATIENTS").where(rules.atLeast(0)),
};
const SEXES: Record<string, number> = { MALE: 0, FEMALE: 1, ALL: 2 };

const LIST_COLUMNS = ["dataset_id", "practice_code", "sub_icb_code", "sex", "age", "patients"] as const;
const AREA_COLUMNS = ["dataset_id", "org_type", "org_code", "ons_code", "sex", "age", "patients"] as const;

export const practiceAgeBands: SourceFormat = {
  id: "gp-reg-pat-prac-quin-age",
  title: "Patients Registered at a GP Practice: 5-year age bands by sex, per practice",
  publisher: NHS_REGISTRATIONS,
  order: 11,
  columns: ["ORG_TYPE", "ORG_CODE", "SEX", "AGE_GROUP_5", "NUMBER_OF_PATIENTS"],
  recognise: ({ header }) =>
    hasColumns(header, "ORG_TYPE", "ORG_CODE", "SEX", "AGE_GROUP_5", "NUMBER_OF_PATIENTS"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const join = await PracticeJoin.start(ctx, "ORG_CODE", true);
    const extract = new ExtractDate(file);
    const seen = new Set<number>();
    const orgIds = new Map<string, number>();
    const ageIds = new Map<string, number>();
    const types = new Map<string, string>();
    let lastOrgKey = "";
    let lastOrg = -1;
    /** Per practice: its ALL/ALL total and the sum of its sex × band rows. */
    const practices = new Map<string, { total: number | null; bands: number; rows: number; line: number }>();
    const regionTotals: number[] = [];
    const areaRows = new Map<string, number>();
    const listBatch: Record<string, unknown>[] = [];
    const areaBatch: Record<string, unknown>[] = [];
    let rows = 0;
    for await (const r of table.rows) {
      extract.seeText(r.extractDate, r._line);
      let type = types.get(r.orgType);
      if (type === undefined) {
        type = ORG_TYPES[orgTypeKey(r.orgType)];
        if (!type) {
          throw new SourceError(
            { file, line: r._line, column: "ORG_TYPE" },
            "GP, PCN, SUB_ICB_LOCATION_CODE, ICB or Comm Region",
            shown(r.orgType),
          );
        }
        types.set(r.orgType, type);
      }
      let age = ageIds.get(r.age);
      if (age === undefined) {
        if (!AGE.test(r.age))
          throw new SourceError(
            { file, line: r._line, column: "AGE_GROUP_5" },
            "ALL or a 5-year age band such as 0_4 or 95+",
            shown(r.age),
          );
        if (ageIds.size >= 64)
          throw new SourceError(
            { file, line: r._line, column: "AGE_GROUP_5" },
            "at most 64 distinct age bands",
            `'${r.age}', one more`,
          );
        ageIds.set(r.age, (age = ageIds.size));
      }
      // Rows come grouped by organisation: the last one is reused without a map look-up.
      if (type === "GP") r.orgCode = table.practiceCode(r.orgCode, r._line, "ORG_CODE");
      const orgKey = `${type}|${r.orgCode}`;
      let org = orgKey === lastOrgKey ? lastOrg : orgIds.get(orgKey);
      if (org === undefined) {
        orgIds.set(orgKey, (org = orgIds.size));
      }
      lastOrgKey = orgKey;
      lastOrg = org;
      const key = (org * 3 + SEXES[r.sex]!) * 64 + age;
      if (seen.has(key)) {
        throw new SourceError(
          { file, line: r._line, column: "ORG_CODE" },
          "one row per organisation, sex and age band",
          `${r.orgType} '${r.orgCode}' (SEX ${r.sex}, AGE_GROUP_5 ${r.age}) a second time`,
          "duplicate row",
        );
      }
      seen.add(key);
      rows++;
      if (type === "GP") {
        let p = practices.get(r.orgCode);
        if (!p) {
          join.check(r.orgCode, r._line);
          practices.set(r.orgCode, (p = { total: null, bands: 0, rows: 0, line: r._line }));
        }
        if (r.sex === "ALL" && r.age === "ALL") p.total = r.patients;
        else if (r.sex !== "ALL" && r.age !== "ALL") {
          p.bands += r.patients;
          p.rows++;
        }
        listBatch.push({
          dataset_id: ctx.datasetId,
          practice_code: r.orgCode,
          sub_icb_code: null,
          sex: r.sex,
          age: r.age,
          patients: r.patients,
        });
        if (listBatch.length >= 20000) await ctx.write("practice_list", LIST_COLUMNS, listBatch.splice(0));
      } else {
        if (type === "REGION" && r.sex === "ALL" && r.age === "ALL") regionTotals.push(r.patients);
        areaRows.set(type, (areaRows.get(type) ?? 0) + 1);
        areaBatch.push({
          dataset_id: ctx.datasetId,
          org_type: type,
          org_code: r.orgCode,
          ons_code: r.onsCode,
          sex: r.sex,
          age: r.age,
          patients: r.patients,
        });
        if (areaBatch.length >= 20000) await ctx.write("org_age_sex", AREA_COLUMNS, areaBatch.splice(0));
      }
    }
    await ctx.write("practice_list", LIST_COLUMNS, listBatch);
    await ctx.write("org_age_sex", AREA_COLUMNS, areaBatch);
    if (practices.size === 0)
      throw new SourceError({ file, column: "ORG_TYPE" }, "at least one row of ORG_TYPE GP", "none");

    let total = 0;
    let banded = 0;
    const mismatched: string[] = [];
    for (const [code, p] of practices) {
      if (p.total === null) {
        throw new SourceError(
          { file, line: p.line, column: "SEX" },
          `an ALL/ALL total row for practice ${code}`,
          "only its age bands",
        );
      }
      total += p.total;
      if (p.rows > 0) {
        banded++;
        if (p.bands !== p.total) mismatched.push(`${code} (bands ${p.bands}, total ${p.total})`);
      }
    }
    const date = extract.get();
    const totalsOnly = banded === 0 && areaRows.size === 0;
    const regionSum = regionTotals.reduce((a, b) => a + b, 0);
    const notes = [
      `${practices.size.toLocaleString("en-GB")} practices; ${total.toLocaleString("en-GB")} registered patients in all (SEX ALL, AGE_GROUP_5 ALL rows).`,
    ];
    if (totalsOnly)
      notes.push(
        "Totals only (no age bands): stored with scope 'totals', beside any full file of the month.",
      );
    else if (mismatched.length === 0)
      notes.push(
        `Every practice's ${banded === practices.size ? "" : `(${banded}) `}female and male age bands sum to its total.`,
      );
    else
      notes.push(
        `${mismatched.length} practices' age bands do not sum to their total, e.g. ${mismatched.slice(0, 3).join(", ")}.`,
      );
    if (regionTotals.length > 0)
      notes.push(
        regionSum === total
          ? `The practice totals sum to the regions' total (${regionTotals.length} region${regionTotals.length === 1 ? "" : "s"}).`
          : `The practice totals (${total.toLocaleString("en-GB")}) differ from the regions' total (${regionSum.toLocaleString("en-GB")}, ${regionTotals.length} region${regionTotals.length === 1 ? "" : "s"}).`,
      );
    if (areaRows.size > 0)
      notes.push(
        `Area rows: ${[...areaRows].map(([t, n]) => `${n.toLocaleString("en-GB")} ${t}`).join(", ")} (stored as area age structure).`,
      );
    return {
      dataset: {
        title: practiceAgeBands.title,
        publisher: NHS_REGISTRATIONS,
        referenceDate: date,
        period: monthLabel(date),
        scope: totalsOnly ? "totals" : undefined,
        meta: {
          totalPatients: total,
          practices: practices.size,
          bandedPractices: banded,
          bandMismatches: mismatched.length,
          regionTotal: regionTotals.length > 0 ? regionSum : null,
        },
      },
      rows,
      coverage: join.coverage(),
      notes,
    };
  },
};
