// NHS Digital "Quality and Outcomes Framework" raw data files for one QOF year (April–March):
//   - PREVALENCE_YYYY: practice × disease register (GROUP_CODE) with the register count, the list-size
//     denominator and its type (TOTAL = all ages, 06OV / 16OV / 17OV / 18OV / 50OV = aged N and over);
//   - MAPPING_NHS_GEOGRAPHIES_YYYY: practice → PCN → CCG (sub-ICB location from 2022) → STP (ICB) → region,
//     stored as an org_map so that a map exists for that year;
//   - MAPPING_INDICATORS_YYYY: indicator → group → domain, with points and list type;
//   - ORGANISATION_REFERENCE_YYYY: each practice's revised maximum points.
// The files do not name their year: it comes from the file name (`_2021` = 2020-21) or, failing that, a
// `2020-21` in the file or folder name. Everything describes the position at the end of the QOF year,
// 31 March, which is the reference date.
import { ORG_MAP_COLUMNS } from "../registrations/practice-map.ts";
import { basename } from "node:path";
import { SourceError } from "../errors.ts";
import type { SourceFile } from "../file.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { Batch, fiscalYearFromPath, fiscalYearLabel, hasColumns, UniqueKey } from "../import-kit.ts";
import { PracticeJoin } from "../joins.ts";
import { col, PRACTICE_CODE, readTable, rules } from "../table.ts";

const PUBLISHER = "NHS England (NHS Digital), Quality and Outcomes Framework";
const LIST_TYPE = rules.pattern(/^(TOTAL|\d{2}OV)$/, "a list type such as TOTAL or 18OV");
const GROUP_CODE = rules.pattern(/^[A-Z][A-Z0-9]*$/, "a group code such as AF or COPD");

/** The QOF year of a file, by its starting calendar year (2020 = 2020-21). */
export function qofYear(file: SourceFile): number {
  const name = basename(file.path);
  const start =
    fiscalYearFromPath(name) ??
    (() => {
      const m = /(?:^|[_-])(20\d{2})(?=[_.-]|$)/.exec(name);
      return m ? Number(m[1]) - 1 : undefined;
    })() ??
    fiscalYearFromPath(file.path);
  if (start === undefined) {
    throw new SourceError(
      { file: file.label },
      "the QOF year in the file name (e.g. PREVALENCE_2021.csv for 2020-21) or its folder (qof_2020-21)",
      `'${name}'`,
      "QOF files do not state their year inside: rename the file or its folder",
    );
  }
  return start;
}

function dataset(format: SourceFormat, start: number, meta: Record<string, unknown> = {}) {
  const year = fiscalYearLabel(start);
  return {
    title: format.title,
    publisher: PUBLISHER,
    referenceDate: `${start + 1}-03-31`,
    period: `QOF ${year}`,
    meta: { qofYear: year, ...meta },
  };
}

const prevalenceSpec = {
  practiceCode: col.text("PRACTICE_CODE").where(PRACTICE_CODE),
  groupCode: col.text("GROUP_CODE").where(GROUP_CODE),
  register: col.int("REGISTER").where(rules.atLeast(0)),
  listType: col.text("PATIENT_LIST_TYPE").where(LIST_TYPE),
  listSize: col.int("PRACTICE_LIST_SIZE").where(rules.atLeast(0)),
};

export const qofPrevalence: SourceFormat = {
  id: "qof-prevalence",
  title: "Quality and Outcomes Framework: disease registers and list sizes by practice",
  publisher: PUBLISHER,
  order: 75,
  columns: ["PRACTICE_CODE", "GROUP_CODE", "REGISTER", "PRACTICE_LIST_SIZE"],
  recognise: ({ header }) =>
    hasColumns(header, "PRACTICE_CODE", "GROUP_CODE", "REGISTER", "PRACTICE_LIST_SIZE"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const start = qofYear(ctx.file);
    const table = await readTable(ctx.file, prevalenceSpec, { onProgress: ctx.progress, warn: ctx.warn });
    const join = await PracticeJoin.start(ctx, "PRACTICE_CODE", false);
    const keys = new UniqueKey(ctx.file.label, "GROUP_CODE", "practice and register");
    const batch = new Batch(ctx, "qof_prevalence", [
      "dataset_id",
      "practice_code",
      "group_code",
      "register",
      "list_type",
      "list_size",
    ]);
    const groups = new Set<string>();
    const practices = new Set<string>();
    let rows = 0;
    for await (const r of table.rows) {
      keys.check(`${r.practiceCode}|${r.groupCode}`, r._line, `${r.practiceCode} ${r.groupCode}`);
      join.check(r.practiceCode, r._line);
      groups.add(r.groupCode);
      practices.add(r.practiceCode);
      await batch.add({
        dataset_id: ctx.datasetId,
        practice_code: r.practiceCode,
        group_code: r.groupCode,
        register: r.register,
        list_type: r.listType,
        list_size: r.listSize,
      });
      rows++;
    }
    await batch.flush();
    return {
      dataset: dataset(qofPrevalence, start, { registers: [...groups].sort() }),
      rows,
      coverage: join.coverage(),
      notes: [
        `${groups.size} registers for ${practices.size.toLocaleString("en-GB")} practices (QOF ${fiscalYearLabel(start)}).`,
      ],
    };
  },
};

const geographySpec = {
  regionCode: col.text("REGION_ODS_CODE").orNull(),
  regionOns: col.text("REGION_ONS_CODE").orNull(),
  regionName: col.text("REGION_NAME").orNull(),
  icbCode: col.text("STP_ODS_CODE", "ICB_ODS_CODE").orNull(),
  icbOns: col.text("STP_ONS_CODE", "ICB_ONS_CODE").orNull(),
  icbName: col.text("STP_NAME", "ICB_NAME").orNull(),
  subIcbCode: col
    .text("CCG_ODS_CODE", "SUB_ICB_LOC_ODS_CODE", "SUB_ICB_LOCATION_ODS_CODE", "SUB_ICB_ODS_CODE")
    .orNull(),
  subIcbOns: col
    .text("CCG_ONS_CODE", "SUB_ICB_LOC_ONS_CODE", "SUB_ICB_LOCATION_ONS_CODE", "SUB_ICB_ONS_CODE")
    .orNull(),
  subIcbName: col.text("CCG_NAME", "SUB_ICB_LOC_NAME", "SUB_ICB_LOCATION_NAME", "SUB_ICB_NAME").orNull(),
  pcnCode: col.text("PCN_ODS_CODE").orNull(),
  pcnName: col.text("PCN_NAME").orNull(),
  practiceCode: col.text("PRACTICE_CODE").where(PRACTICE_CODE),
  practiceName: col.text("PRACTICE_NAME"),
};

export const qofGeographies: SourceFormat = {
  id: "qof-geographies",
  title: "Quality and Outcomes Framework: practice to PCN, CCG, STP and region mapping",
  publisher: PUBLISHER,
  order: 76,
  columns: ["PRACTICE_CODE", "PCN_ODS_CODE", "REGION_ODS_CODE", "SUB_ICB_LOC_ODS_CODE"],
  recognise: ({ header }) =>
    hasColumns(header, "PRACTICE_CODE", "PCN_ODS_CODE", "REGION_ODS_CODE") &&
    (hasColumns(header, "CCG_ODS_CODE") ||
      hasColumns(header, "SUB_ICB_LOC_ODS_CODE") ||
      hasColumns(header, "SUB_ICB_ODS_CODE")),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const start = qofYear(ctx.file);
    const table = await readTable(ctx.file, geographySpec, { onProgress: ctx.progress, warn: ctx.warn });
    const era = hasColumns(table.header, "CCG_ODS_CODE") ? "ccg" : "sub-icb";
    const join = await PracticeJoin.start(ctx, "PRACTICE_CODE", false);
    const keys = new UniqueKey(ctx.file.label, "PRACTICE_CODE", "practice");
    const batch = new Batch(ctx, "org_map", ORG_MAP_COLUMNS);
    let rows = 0;
    for await (const r of table.rows) {
      keys.check(r.practiceCode, r._line, `'${r.practiceCode}'`);
      join.check(r.practiceCode, r._line);
      await batch.add({
        dataset_id: ctx.datasetId,
        practice_code: r.practiceCode,
        practice_name: r.practiceName,
        practice_postcode: null,
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
        supplier: null,
      });
      rows++;
    }
    await batch.flush();
    return {
      dataset: dataset(qofGeographies, start, { era }),
      rows,
      coverage: join.coverage(),
      notes:
        era === "ccg"
          ? ["CCG-era mapping: CCGs are stored as sub-ICB locations and STPs as ICBs."]
          : ["Sub-ICB-era mapping."],
    };
  },
};

const indicatorSpec = {
  code: col
    .text("INDICATOR_CODE")
    .where(rules.pattern(/^[A-Z][A-Z0-9]*\d{3}$/, "an indicator code such as AF001")),
  points: col.number("INDICATOR_POINT_VALUE").orNull().where(rules.atLeast(0)),
  groupCode: col.text("GROUP_CODE").where(GROUP_CODE),
  groupDescription: col.text("GROUP_DESCRIPTION").orNull(),
  domainCode: col.text("DOMAIN_CODE").orNull(),
  domainDescription: col.text("DOMAIN_DESCRIPTION").orNull(),
  listType: col.text("PATIENT_LIST_TYPE").orNull().where(LIST_TYPE),
};

export const qofIndicators: SourceFormat = {
  id: "qof-indicators",
  title: "Quality and Outcomes Framework: indicators, groups and domains",
  publisher: PUBLISHER,
  order: 77,
  columns: ["INDICATOR_CODE", "GROUP_CODE", "DOMAIN_CODE"],
  recognise: ({ header }) => hasColumns(header, "INDICATOR_CODE", "GROUP_CODE", "DOMAIN_CODE"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const start = qofYear(ctx.file);
    const table = await readTable(ctx.file, indicatorSpec, { onProgress: ctx.progress, warn: ctx.warn });
    const keys = new UniqueKey(ctx.file.label, "INDICATOR_CODE", "indicator");
    const batch = new Batch(ctx, "qof_indicator", [
      "dataset_id",
      "indicator_code",
      "point_value",
      "group_code",
      "group_description",
      "domain_code",
      "domain_description",
      "list_type",
    ]);
    let rows = 0;
    let points = 0;
    for await (const r of table.rows) {
      keys.check(r.code, r._line, `'${r.code}'`);
      points += r.points ?? 0;
      await batch.add({
        dataset_id: ctx.datasetId,
        indicator_code: r.code,
        point_value: r.points,
        group_code: r.groupCode,
        group_description: r.groupDescription,
        domain_code: r.domainCode,
        domain_description: r.domainDescription,
        list_type: r.listType,
      });
      rows++;
    }
    await batch.flush();
    return {
      dataset: dataset(qofIndicators, start),
      rows,
      coverage: [],
      notes: [`${rows} indicators worth ${points.toLocaleString("en-GB")} points in total.`],
    };
  },
};

const practiceReferenceSpec = {
  practiceCode: col.text("PRACTICE_CODE").where(PRACTICE_CODE),
  points: col.number("REVISED_MAXIMUM_POINTS").where(rules.atLeast(0)),
};

export const qofPracticeReference: SourceFormat = {
  id: "qof-practice-reference",
  title: "Quality and Outcomes Framework: practice revised maximum points",
  publisher: PUBLISHER,
  order: 78,
  columns: ["PRACTICE_CODE", "REVISED_MAXIMUM_POINTS"],
  recognise: ({ header }) => hasColumns(header, "PRACTICE_CODE", "REVISED_MAXIMUM_POINTS"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const start = qofYear(ctx.file);
    const table = await readTable(ctx.file, practiceReferenceSpec, {
      onProgress: ctx.progress,
      warn: ctx.warn,
    });
    const join = await PracticeJoin.start(ctx, "PRACTICE_CODE", false);
    const keys = new UniqueKey(ctx.file.label, "PRACTICE_CODE", "practice");
    const batch = new Batch(ctx, "qof_practice", ["dataset_id", "practice_code", "revised_maximum_points"]);
    let rows = 0;
    for await (const r of table.rows) {
      keys.check(r.practiceCode, r._line, `'${r.practiceCode}'`);
      join.check(r.practiceCode, r._line);
      await batch.add({
        dataset_id: ctx.datasetId,
        practice_code: r.practiceCode,
        revised_maximum_points: r.points,
      });
      rows++;
    }
    await batch.flush();
    return { dataset: dataset(qofPracticeReference, start), rows, coverage: join.coverage(), notes: [] };
  },
};
