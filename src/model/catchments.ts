// Catchments: for each practice, the LSOAs its registered patients live in and how many (CSR arrays), as
// the store reads them and the network engines use them.
export interface Catchments {
  lsoaCodes: string[];
  lsoaLat: Float64Array;
  lsoaLon: Float64Array;
  /** IMD decile of each LSOA (1 = most deprived), 0 when unknown. */
  lsoaImdDecile: Int8Array;
  offsets: Int32Array;
  lsoa: Int32Array;
  patients: Float64Array;
}

/** The LSOA registrations catchments come from, as the deprivation mix names its basis. */
export interface CatchmentSource {
  /** e.g. `October 2025`. */
  period: string;
  /** The IMD edition of the LSOA deciles (e.g. 2025), null when none was found. */
  imdEdition: number | null;
}

export interface CatchmentInput {
  practiceCodes: readonly string[];
  catchments: Catchments;
  source?: CatchmentSource;
  /** What they are, e.g. `LSOA registrations, October 2025`, for notes. */
  label?: string;
}
