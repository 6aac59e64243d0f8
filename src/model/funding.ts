// Domain types of the funding engines (src/engines/funding/): practices as the money sees them, weighted
// populations with the basis of each figure, and a payments year. Money is in £ unless a name says pence.
import type { OrgRef } from "./organisation.ts";

/** How a practice's weighted (Carr-Hill) population was obtained. */
export type WeightedBasis =
  /** The practice's published weighted ÷ registered ratio of a payments year × its list now. */
  | "official-ratio"
  /** The weighted-population model's ratio × its list (no published ratio). */
  | "model"
  /** A merged practice: the sum over the practices it was made from. */
  | "merged";

export interface WeightedEstimate {
  weighted: number;
  /** weighted ÷ registered. */
  ratio: number;
  basis: WeightedBasis;
  /** The payments year of an official ratio. */
  fiscalYear?: string;
}

/** A practice's published registered and weighted list in one payments year. */
export interface OfficialRatio {
  fiscalYear: string;
  registered: number;
  weighted: number;
}

/** One practice as the funding engines see it, at the date of a picture. */
export interface FundingPractice {
  code: string;
  name: string;
  /** PCN code, or null outside any PCN. */
  networkCode: string | null;
  networkName: string | null;
  subIcb: OrgRef;
  icb: OrgRef;
  /** Registered patients (null when the list file does not cover the practice). */
  listSize: number | null;
  weighted: WeightedEstimate | null;
  /** National IMD decile (1 = most deprived) and, where published, the practice score. */
  deprivation: { decile: number; score: number | null } | null;
  /** GPs excluding trainees and locums (the picture's workforce year). */
  gpFte: number | null;
  /** ARRS-role FTE of the practice's PCN, apportioned to member practices by list. */
  arrsFte: number | null;
  /** Care home beds the practice carries (implied by the payments files' care home premium; see care-home-beds.ts). */
  careHomeBeds?: number | null;
}

/** A practice's row in one NHS Payments year. */
export interface PaymentRecord {
  practiceCode: string;
  registered: number | null;
  weighted: number | null;
  /** Total NHS Payments to General Practice (£). */
  total: number | null;
  globalSum: number | null;
}

export interface PaymentYear {
  /** e.g. `2021-22`. */
  fiscalYear: string;
  records: PaymentRecord[];
}

/** National IMD quintile of a decile: 1 = most deprived fifth. */
export const quintileOfDecile = (decile: number): number => Math.ceil(decile / 2);
