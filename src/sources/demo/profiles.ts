// What the later stages need to know about each practice once its catchment is drawn: the deprivation of
// its patients (patient-weighted over its LSOAs), how old its list is, and its list at any date.
import { ageSexWeights, share65Plus } from "./age-sex.ts";
import type { CatchmentRow } from "./catchments.ts";
import { round } from "./distributions.ts";
import type { DemoLsoa } from "./lsoas.ts";
import type { DemoPractice } from "./practices.ts";

export interface PracticeProfile {
  /** Patient-weighted IMD score of the practice's LSOAs (as the SW AHSN / OHID practice scores are built). */
  imdScore: number;
  /** Patient-weighted mean national IMD rank. */
  meanRank: number;
  /** Deprivation standardised across the demo's practices (mean 0, sd 1; higher = more deprived). */
  deprivationZ: number;
  share65: number;
  /** The (sex, band) weights the list was split with. */
  ageWeights: number[];
}

export function practiceProfiles(
  practices: readonly DemoPractice[],
  lsoas: readonly DemoLsoa[],
  catchments: readonly CatchmentRow[],
): PracticeProfile[] {
  const acc = practices.map(() => ({ n: 0, score: 0, rank: 0 }));
  for (const r of catchments) {
    const a = acc[r.practice]!;
    const l = lsoas[r.lsoa]!;
    a.n += r.patients;
    a.score += r.patients * l.imdScore;
    a.rank += r.patients * l.imdRank;
  }
  const scores = acc.map((a) => a.score / a.n);
  const mean = scores.reduce((x, y) => x + y, 0) / scores.length;
  const sd = Math.sqrt(scores.reduce((x, y) => x + (y - mean) ** 2, 0) / scores.length) || 1;
  return practices.map((p, i) => {
    const weights = ageSexWeights(p.ageTilt, p.students);
    return {
      imdScore: round(scores[i]!, 2),
      meanRank: acc[i]!.rank / acc[i]!.n,
      deprivationZ: (scores[i]! - mean) / sd,
      share65: share65Plus(weights),
      ageWeights: weights,
    };
  });
}

/** Decimal year of a date, e.g. 2025-04-01 → 2025.25. */
export const decimalYear = (iso: string): number => {
  const [y, m] = iso.split("-").map(Number) as [number, number];
  return y + (m - 1) / 12;
};

/** The reference date of the list sizes (gp-reg-pat-prac-all, April 2025). */
export const LIST_DATE = "2025-04-01";

/** Registered patients at a decimal year: the April 2025 list moved by the practice's growth; 0 before opening. */
export function listAt(practice: DemoPractice, year: number): number {
  const t0 = decimalYear(LIST_DATE);
  const opened = decimalYear(practice.openDate);
  if (year < opened) return 0;
  if (practice.role === "new")
    return practice.list * Math.pow(Math.min(1, (year - opened) / (t0 - opened)), 0.8);
  return practice.list * Math.pow(1 + practice.growth, year - t0);
}
