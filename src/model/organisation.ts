// The organisations of general practice in England: region → ICB → sub-ICB location (place) → PCN →
// practice. Codes are ODS codes; ONS codes are kept where the source gives them.

/** The pseudo-PCN code of practices that belong to no PCN. */
export const UNALLOCATED_PCN = "U";

export interface OrgRef {
  code: string;
  onsCode: string | null;
  name: string;
}

export interface PracticeSite {
  postcode: string | null;
  lat: number | null;
  lon: number | null;
  /**
   * Set when the postcode is not in the coordinates file and the site is the centroid of the known practice
   * postcodes of its sector or district instead, e.g. `sector PO6 3 (5 postcodes)`.
   */
  approximate?: string;
}

/** One practice as seen at one date, with what the store knows of it at that date. */
export interface Practice {
  code: string;
  name: string;
  site: PracticeSite;
  /** PCN code, or `U` when unallocated. */
  pcnCode: string;
  pcnName: string;
  subIcb: OrgRef;
  icb: OrgRef;
  region: OrgRef;
  /** Registered patients (null when the list-size file does not cover the practice). */
  listSize: number | null;
  /**
   * Carr-Hill weighted population at the list date: the newest payments year's weighted ÷ registered ratio ×
   * `listSize` (the published weighted list where either is missing).
   */
  weightedList: number | null;
  workforce: PracticeWorkforce | null;
  deprivation: PracticeDeprivation | null;
}

export interface PracticeWorkforce {
  fiscalYear: number;
  /** GPs excluding trainees and locums. */
  gpFte: number | null;
  gpHc: number | null;
  /** Senior partners plus partner/providers (null where the file has no partner detail). */
  partnerFte: number | null;
  partnerHc: number | null;
  locumTraineeFte: number | null;
  nursesFte: number | null;
  dpcFte: number | null;
  adminFte: number | null;
}

export interface PracticeDeprivation {
  /** National IMD decile, 1 = most deprived 10%. */
  decile: number;
  score: number | null;
  /** e.g. `IMD 2019 practice score (SW AHSN)` or `IMD 2025, patient-weighted LSOA ranks`. */
  basis: string;
}

export function isUnallocated(practice: Pick<Practice, "pcnCode">): boolean {
  return practice.pcnCode === UNALLOCATED_PCN || practice.pcnCode === "";
}
