// Workforce over time: practice staff by fiscal year (HEEC's means of NHS Digital's General Practice
// Workforce snapshots), PCN staff by quarterly census (NHS Digital's PCN Workforce, mostly ARRS roles), and
// the geography every practice is counted in. The store builds these (src/store/repositories/workforce.ts);
// the workforce engines (src/engines/workforce/) work on them.
import type { OrgRef } from "./organisation.ts";
import type { DatasetRef, Picture } from "./picture.ts";

/** One practice's staff in one fiscal year, as one dataset gives it. Null = not in the file or missing. */
export interface PracticeYear {
  practiceCode: string;
  /** Fiscal year by its ending calendar year: 2025 = April 2024 – March 2025. */
  fiscalYear: number;
  datasetId: number;
  /** Registered patients as recorded in the workforce file (mean over the year's snapshots). */
  patients: number | null;
  /** GPs excluding GPs in training and locums (partners, salaried and other GPs, retainers). */
  gpFte: number | null;
  gpHc: number | null;
  /** GP partners: senior partners + partner/providers (null where the file has no partner detail). */
  partnerFte: number | null;
  partnerHc: number | null;
  /** Locum GPs and GPs in training together (the files do not split them). */
  locumTraineeFte: number | null;
  locumTraineeHc: number | null;
  nursesFte: number | null;
  nursesHc: number | null;
  /** Direct patient care staff (other than GPs and nurses). */
  dpcFte: number | null;
  dpcHc: number | null;
  adminFte: number | null;
  adminHc: number | null;
}

/** A workforce dataset and the fiscal years it covers. */
export interface WorkforceDataset {
  ref: DatasetRef;
  /** `partners` (FY2023–FY2025 detail) or `gp-admin` (FY2016–FY2024), or the demo's single file. */
  variant: string;
  fiscalYears: number[];
}

/** Where a practice is counted: the reference map's geography, reached directly or through older data. */
export interface AreaAssignment {
  pcn: OrgRef | null;
  subIcb: OrgRef | null;
  icb: OrgRef | null;
  /** `map` (the reference map), `older-map` (an earlier map of a practice since closed) or `register`. */
  basis: "map" | "older-map" | "register";
}

/** Weighted (Carr-Hill) lists of one payments year. */
export interface WeightedLists {
  dataset: DatasetRef;
  /** The fiscal year the payments file covers, by its ending calendar year. */
  fiscalYear: number;
  byPractice: Map<string, number>;
}

/** Everything the workforce trend, partner and risk engines read. */
export interface WorkforceHistory {
  synthetic: boolean;
  /** The reference picture: its map gives the geography every period is counted in. */
  picture: Picture;
  datasets: WorkforceDataset[];
  /** Every practice-year row of every workforce dataset. */
  rows: PracticeYear[];
  /** Practice code → its area in the reference map's geography (practices that can be placed). */
  areas: Map<string, AreaAssignment>;
  /** Weighted lists by the fiscal year (ending year) of the payments file. */
  weighted: Map<number, WeightedLists>;
  /** Practice contract type (GMS, PMS, APMS) from the newest payments file that has the practice. */
  contractType: Map<string, string>;
}

/** One PCN staff record of a census. */
export interface PcnStaffRecord {
  pcnCode: string;
  pcnName: string | null;
  subIcbCode: string | null;
  icbCode: string | null;
  regionCode: string | null;
  staffGroup: string;
  staffRole: string;
  detailedRole: string | null;
  fte: number;
}

/** One PCN workforce census with what the ARRS engine needs to cost it. */
export interface PcnCensus {
  synthetic: boolean;
  dataset: DatasetRef;
  /** The census date (first of the month), e.g. `2022-09-01`. */
  date: string;
  records: PcnStaffRecord[];
  /** Every census loaded (newest last), for error messages and listings. */
  available: DatasetRef[];
  /** The practice → PCN map used for PCN membership, the one in force at the census (or the nearest). */
  map: DatasetRef | null;
  /** Practice code → PCN code in that map. */
  membership: Map<string, { pcnCode: string; pcnName: string; icb: OrgRef; subIcb: OrgRef }>;
  /** Practice list sizes nearest the census (for the list-size rules of role caps). */
  lists: { dataset: DatasetRef; byPractice: Map<string, number> } | null;
  /** Every payments year loaded, for the weighted population of the contract year's date. */
  weighted: WeightedLists[];
}

/** `FY2024-25` for the fiscal year ending in 2025. */
export function fiscalYearLabel(endingYear: number): string {
  return `FY${endingYear - 1}-${String(endingYear % 100).padStart(2, "0")}`;
}

/**
 * The ending year of a fiscal year written `FY2024-25`, `2024-25`, `FY2025` or `2025` (HEEC's `Year`);
 * null when the text is not one of these.
 */
export function parseFiscalYear(text: string): number | null {
  const t = text
    .trim()
    .toUpperCase()
    .replace(/^FY\s*/, "");
  const span = /^(\d{4})[-/–](\d{2}|\d{4})$/.exec(t);
  if (span) {
    const start = Number(span[1]);
    const end = span[2]!.length === 2 ? Math.floor(start / 100) * 100 + Number(span[2]) : Number(span[2]);
    return end === start + 1 ? end : null;
  }
  if (/^\d{4}$/.test(t)) return Number(t);
  return null;
}
