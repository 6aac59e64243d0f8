// gp-reg-pat-prac-sing-age-regions.csv: registered patients by single year of age (0…94, 95+, ALL) and
// sex (MALE, FEMALE, ALL) for every NHS England region, ICB, sub-ICB location and PCN (the published file
// is large and usually gzipped). ORG_TYPE is normalised to REGION, ICB, SUB_ICB and PCN (CCG- and
// STP-era names map onto SUB_ICB and ICB). Streamed: no per-row parsing beyond what each column needs.
import { SourceError, shown } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { col, readTable, rules } from "../table.ts";
import { ExtractDate, monthLabel, NHS_REGISTRATIONS, orgTypeKey } from "./common.ts";

const ORG_TYPES: Record<string, string> = {
  "COMM REGION": "REGION",
  "COMM REGION CODE": "REGION",
  REGION: "REGION",
  "NHS ENGLAND REGION": "REGION",
  ICB: "ICB",
  "ICB CODE": "ICB",
  STP: "ICB",
  "STP CODE": "ICB",
  "SUB ICB LOCATION CODE": "SUB_ICB",
  "SUB ICB LOCATION": "SUB_ICB",
  "SUB ICB": "SUB_ICB",
  CCG: "SUB_ICB",
  "CCG CODE": "SUB_ICB",
  PCN: "PCN",
  "PCN CODE": "PCN",
};
const LEVELS = ["REGION", "ICB", "SUB_ICB", "PCN"] as const;

// ORG_TYPE, ORG_CODE and AGE repeat on every row: they are checked once per distinct value, in the loop.
const spec = {
  extractDate: col.text("EXTRACT_DATE"),
  orgType: col.text("ORG_TYPE"),
  orgCode: col.text("ORG_CODE"),
  onsCode: col.text("ONS_CODE").orNull().optionalColumn(),
  sex: col.text("SEX").where(rules.oneOf("MALE", "FEMALE", "ALL")),
  age: col.text("AGE"),
  patients: col.int("NUMBER_OF_PATIENTS").where(rules.atLeast(0)),
};
const ORG_CODE = /^[A-Z0-9]{1,10}$/;
const AGE = /^(ALL|\d{1,3}\+?)$/;

const COLUMNS = ["dataset_id", "org_type", "org_code", "ons_code", "sex", "age", "patients"] as const;
const SEXES: Record<string, number> = { MALE: 0, FEMALE: 1, ALL: 2 };

export const singleAge: SourceFormat = {
  id: "gp-reg-pat-prac-sing-age-regions",
  title: "Patients Registered at a GP Practice: single year of age by region, ICB, sub-ICB and PCN",
  publisher: NHS_REGISTRATIONS,
  order: 12,
  columns: ["ORG_TYPE", "ORG_CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS"],
  recognise: ({ header }) =>
    ["ORG_TYPE", "ORG_CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS"].every((h) => header.includes(h)),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const extract = new ExtractDate(ctx.file.label);
    // Duplicate detection on numbers, not strings: organisation index × sex × age index.
    const orgIds = new Map<string, number>();
    const ageIds = new Map<string, number>();
    const seen = new Set<number>();
    const allAll: Record<string, number> = { REGION: 0, ICB: 0, SUB_ICB: 0, PCN: 0 };
    const orgsByLevel: Record<string, Set<string>> = {};
    for (const level of LEVELS) orgsByLevel[level] = new Set();
    const levels = new Map<string, string>();
    let lastCode = "";
    let lastLevel = "";
    let lastOrg = -1;
    let batch: Record<string, unknown>[] = [];
    let rows = 0;
    for await (const r of table.rows) {
      extract.seeText(r.extractDate, r._line);
      let level = levels.get(r.orgType);
      if (level === undefined) {
        level = ORG_TYPES[orgTypeKey(r.orgType)];
        if (!level)
          throw new SourceError(
            { file: ctx.file.label, line: r._line, column: "ORG_TYPE" },
            "Comm Region, ICB, SUB_ICB_LOCATION_CODE or PCN (or CCG, STP)",
            shown(r.orgType),
          );
        levels.set(r.orgType, level);
      }
      // Rows come grouped by organisation: the last one is reused without a map look-up.
      let org = r.orgCode === lastCode && level === lastLevel ? lastOrg : undefined;
      const orgKey = org === undefined ? `${level}|${r.orgCode}` : "";
      if (org === undefined) org = orgIds.get(orgKey);
      if (org === undefined) {
        if (!ORG_CODE.test(r.orgCode))
          throw new SourceError(
            { file: ctx.file.label, line: r._line, column: "ORG_CODE" },
            "an ODS code such as QHM or U12345",
            shown(r.orgCode),
          );
        orgIds.set(orgKey, (org = orgIds.size));
        orgsByLevel[level]!.add(r.orgCode);
      }
      lastCode = r.orgCode;
      lastLevel = level;
      lastOrg = org;
      let age = ageIds.get(r.age);
      if (age === undefined) {
        if (!AGE.test(r.age))
          throw new SourceError(
            { file: ctx.file.label, line: r._line, column: "AGE" },
            "ALL, an age (0, 1, …) or an open band such as 95+",
            shown(r.age),
          );
        if (ageIds.size >= 1024) {
          throw new SourceError(
            { file: ctx.file.label, line: r._line, column: "AGE" },
            "at most 1,024 distinct ages",
            `'${r.age}', one more`,
          );
        }
        ageIds.set(r.age, (age = ageIds.size));
      }
      const key = (org * 3 + SEXES[r.sex]!) * 1024 + age;
      if (seen.has(key)) {
        throw new SourceError(
          { file: ctx.file.label, line: r._line, column: "ORG_CODE" },
          "one row per organisation, sex and age",
          `${r.orgType} '${r.orgCode}' (SEX ${r.sex}, AGE ${r.age}) a second time`,
          "duplicate row",
        );
      }
      seen.add(key);
      if (r.sex === "ALL" && r.age === "ALL") allAll[level]! += r.patients;
      batch.push({
        dataset_id: ctx.datasetId,
        org_type: level,
        org_code: r.orgCode,
        ons_code: r.onsCode,
        sex: r.sex,
        age: r.age,
        patients: r.patients,
      });
      rows++;
      if (batch.length >= 5000) {
        await ctx.write("org_age_sex", COLUMNS, batch);
        batch = [];
      }
    }
    await ctx.write("org_age_sex", COLUMNS, batch);
    const date = extract.get();
    const present = LEVELS.filter((l) => orgsByLevel[l]!.size > 0);
    const england = present.length > 0 ? allAll[present[0]!]! : 0;
    const notes = [
      `${present.map((l) => `${orgsByLevel[l]!.size.toLocaleString("en-GB")} ${l}`).join(", ")} organisations; England total ${england.toLocaleString("en-GB")} registered patients (${present[0] ?? "no"} rows with SEX ALL and AGE ALL).`,
    ];
    const disagree = present.filter((l) => allAll[l] !== england);
    if (disagree.length > 0)
      notes.push(
        `Level totals differ from ${present[0]}: ${disagree.map((l) => `${l} ${allAll[l]!.toLocaleString("en-GB")}`).join(", ")}.`,
      );
    if ([...levels.keys()].some((t) => /CCG|STP/i.test(t)))
      notes.push("CCG/STP-era file: CCGs are stored as SUB_ICB and STPs as ICB.");
    return {
      dataset: {
        title: singleAge.title,
        publisher: NHS_REGISTRATIONS,
        referenceDate: date,
        period: monthLabel(date),
        meta: {
          englandTotal: england,
          organisations: Object.fromEntries(present.map((l) => [l, orgsByLevel[l]!.size])),
        },
      },
      rows,
      coverage: [],
      notes,
    };
  },
};
