// The real files of the April 2026 ICB change read straight from ../shared/data with papaparse (not with
// icsplan's importers), for the footprint tests to compare icsplan's answers against.
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import type { DatedMap, MembershipRow, OrganisationChangeFile } from "../../../src/model/footprint.ts";
import type { DatasetRef } from "../../../src/model/picture.ts";
import { shared } from "../../helpers.ts";

export const MAPS = {
  jan: "registrations/gp-reg-pat-prac-map_2026-01.csv",
  jul: "registrations/2026-07/gp-reg-pat-prac-map_2026-07.csv",
  aug: "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv",
} as const;
export const LISTS_JUL = "registrations/2026-07/gp-reg-pat-prac-all_2026-07_from-quin-age.csv";
export const RENAMED = "other/ods_changes/sicbl_retained_renamed_2026-04.csv";
export const FRIMLEY = "other/ods_changes/frimley_lsoa11_reallocation_2026-04.csv";

export function readCsvRecords(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(shared(path), "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data;
}

/** A map file's rows: practice, sub-ICB and ICB as written. */
export function mapRecords(path: string): Record<string, string>[] {
  return readCsvRecords(path);
}

const ref = (id: number, source: string, date: string, period: string): DatasetRef => ({
  id,
  source,
  title: source,
  period,
  referenceDate: date,
  synthetic: false,
});

export function datedMap(id: number, path: string, date: string, period: string): DatedMap {
  const rows: MembershipRow[] = mapRecords(path).map((r) => ({
    practiceCode: r.PRACTICE_CODE!,
    practiceName: r.PRACTICE_NAME!,
    subIcb: {
      code: r.SUB_ICB_LOCATION_CODE!,
      onsCode: r.ONS_SUB_ICB_LOCATION_CODE!,
      name: r.SUB_ICB_LOCATION_NAME!,
    },
    icb: { code: r.ICB_CODE!, onsCode: r.ONS_ICB_CODE!, name: r.ICB_NAME! },
  }));
  return { map: ref(id, "gp-reg-pat-prac-map", date, period), rows };
}

export const janMap = () => datedMap(1, MAPS.jan, "2026-01-01", "January 2026");
export const julMap = () => datedMap(2, MAPS.jul, "2026-07-01", "July 2026");
export const augMap = () => datedMap(3, MAPS.aug, "2026-08-01", "August 2026");

const tbc = (v: string | undefined) => (v === undefined || /tbc|\[/i.test(v) ? null : v);

/** The two ODS change files as the model holds them. */
export function changeFiles(): OrganisationChangeFile[] {
  return [
    {
      dataset: ref(10, "ods-sicbl-renamed", "2026-04-01", "April 2026"),
      effectiveFrom: "2026-04-01",
      renamed: readCsvRecords(RENAMED).map((r) => ({
        subIcbCode: r.sub_icb_location_code!,
        nameBefore: r["sub_icb_location_name_before_2026-04-01"]!,
        nameAfter: r["sub_icb_location_name_from_2026-04-01"]!,
        newIcbName: r.new_icb_name ?? null,
      })),
      reallocated: [],
    },
    {
      dataset: ref(11, "ods-lsoa-reallocation", "2026-04-01", "April 2026"),
      effectiveFrom: "2026-04-01",
      renamed: [],
      reallocated: readCsvRecords(FRIMLEY).map((r) => ({
        lsoaCode: r.LSOA11CD!,
        fromSubIcbCode: r.SICBL22CDH!,
        fromIcbCode: r.ICB22CDH!,
        toSubIcbCode: tbc(r.SICBL25CDH),
        toIcbCode: tbc(r.ICB25CDH),
        toIcbName: r.ICB25NM ?? null,
      })),
    },
  ];
}

/** Registered patients by practice, July 2026 (ALL/ALL rows of the quinary-age file). */
export function julyLists(): Map<string, number> {
  return new Map(readCsvRecords(LISTS_JUL).map((r) => [r.ORG_CODE!, Number(r.NUMBER_OF_PATIENTS)]));
}
