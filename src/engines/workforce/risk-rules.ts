// The partnership sustainability score: each component, its thresholds and its points. This is icsplan's
// method (a transparent screening score, not an NHS rule): each threshold is chosen to pick out the tail a
// commissioner would look at, and each is shown beside the practice's value so a planner can disagree with
// it. Change a threshold here and the docs (docs/workforce.md) with it.

export type RiskComponentId =
  "partners" | "partner-change" | "patients-per-gp" | "list-growth" | "deprivation" | "locum-reliance";

/** Points are given by the first band the value falls in (bands are ordered from the most points down). */
export interface RiskBand {
  points: number;
  /** The value is at most this (inclusive). */
  atMost?: number;
  /** The value is at least this (inclusive). */
  atLeast?: number;
}

export interface RiskRule {
  id: RiskComponentId;
  label: string;
  /** How the value is measured. */
  measure: string;
  /** `ratio-to-england`: thresholds multiply England's value for the same period. */
  scale: "absolute" | "ratio-to-england";
  bands: RiskBand[];
  why: string;
}

export const RISK_RULES: readonly RiskRule[] = [
  {
    id: "partners",
    label: "GP partners",
    measure: "GP partner FTE (senior partners + partner/providers) in the latest period",
    scale: "absolute",
    bands: [
      { atMost: 0, points: 3 },
      { atMost: 1, points: 2 },
    ],
    why:
      "A practice with no partner, or one partner FTE or less (single-handed), depends on one person's " +
      "decision to stay; not applied to APMS contracts, which need no partners.",
  },
  {
    id: "partner-change",
    label: "Partner decline",
    measure: "change in GP partner FTE from the first to the latest period with partner detail",
    scale: "absolute",
    bands: [
      { atMost: -0.25, points: 2 },
      { atMost: -0.1, points: 1 },
    ],
    why:
      "Partners fell 21.6% nationally September 2015 → March 2021 (domain notes §C8); a practice losing a tenth or " +
      "a quarter of its partner FTE within three years is ahead of that trend.",
  },
  {
    id: "patients-per-gp",
    label: "Patients per GP FTE",
    measure: "registered patients per GP FTE (excluding trainees and locums), latest period",
    scale: "ratio-to-england",
    bands: [
      { atLeast: 1.5, points: 2 },
      { atLeast: 1.25, points: 1 },
    ],
    why: "Workload per permanent GP well above England's; no GP FTE at all scores the top band.",
  },
  {
    id: "list-growth",
    label: "List growth",
    measure: "change in registered patients over the three periods to the latest (workforce-file lists)",
    scale: "absolute",
    bands: [
      { atLeast: 0.2, points: 2 },
      { atLeast: 0.1, points: 1 },
    ],
    why: "Fast growth (including absorbing a neighbour's list) adds work before staff follow.",
  },
  {
    id: "deprivation",
    label: "Deprivation",
    measure: "practice IMD decile (1 = most deprived tenth of England)",
    scale: "absolute",
    bands: [
      { atMost: 1, points: 2 },
      { atMost: 2, points: 1 },
    ],
    why: "Deprived populations need more care than the Carr-Hill weighting pays for (domain notes §C3).",
  },
  {
    id: "locum-reliance",
    label: "Locum reliance",
    measure:
      "locum and trainee GP FTE ÷ all GP FTE including them (the files do not split locums from trainees), latest period",
    scale: "ratio-to-england",
    bands: [
      { atLeast: 2, points: 2 },
      { atLeast: 1.5, points: 1 },
    ],
    why:
      "A share of GP time from locums well above England's means fewer GPs committed to the practice. " +
      "GPs in training are in the same figure, so training practices can score here too.",
  },
];

/** A practice is flagged at this many points or more (of 13). */
export const RISK_FLAG_POINTS = 7;

/** The most points a rule can give. */
export const maxPoints = (rule: RiskRule): number => Math.max(0, ...rule.bands.map((b) => b.points));

/** The points of a value under a rule, with the band it met (null when none). */
export function pointsFor(
  rule: RiskRule,
  value: number,
  reference = 1,
): { points: number; band: RiskBand | null } {
  for (const band of rule.bands) {
    const scale = rule.scale === "ratio-to-england" ? reference : 1;
    if (band.atMost !== undefined && value <= band.atMost * scale) return { points: band.points, band };
    if (band.atLeast !== undefined && value >= band.atLeast * scale) return { points: band.points, band };
  }
  return { points: 0, band: null };
}
