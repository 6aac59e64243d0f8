// Weighted (Carr-Hill) lists for scenarios: the one place that decides a practice's weighted population.
// Rule: the Picture's `weightedList` (the newest NHS Payments year's weighted ÷ registered ratio × the list
// now, as the funding engines compute it); else the list × the area's weighted/raw ratio, flagged as an
// estimate. Patients who move carry the weighting of the practice they leave (the Carr-Hill indices describe
// the patients: age, sex, need). See ../shared/docs/domain.md §C3.
import type { Practice } from "../../model/organisation.ts";

export interface WeightedList {
  /** Weighted patients, or null when neither an official figure nor a list and ratio exist. */
  value: number | null;
  /** True when computed from the area ratio rather than published. */
  estimated: boolean;
}

type Lists = Pick<Practice, "listSize" | "weightedList">;

/**
 * Σ weighted ÷ Σ registered over the practices with both, or null when none has both.
 * @example areaWeightedRatio([{ listSize: 1000, weightedList: 1100 }, { listSize: 3000, weightedList: 2900 }]) // → 1.0
 */
export function areaWeightedRatio(practices: readonly Lists[]): number | null {
  let w = 0;
  let n = 0;
  for (const p of practices) {
    if (p.listSize === null || p.weightedList === null || p.listSize <= 0) continue;
    w += p.weightedList;
    n += p.listSize;
  }
  return n > 0 ? w / n : null;
}

/** The weighted list of a practice: official where published, else list × area ratio (an estimate). */
export function weightedListOf(practice: Lists, areaRatio: number | null): WeightedList {
  if (practice.weightedList !== null) return { value: practice.weightedList, estimated: false };
  if (practice.listSize === null || areaRatio === null) return { value: null, estimated: true };
  return { value: practice.listSize * areaRatio, estimated: true };
}

/** Weighted patients per registered patient of a practice (the weighting its patients carry when they move). */
export function weightingPerPatient(practice: Lists, areaRatio: number | null): number | null {
  const w = weightedListOf(practice, areaRatio);
  if (w.value === null || practice.listSize === null || practice.listSize <= 0) return areaRatio;
  return w.value / practice.listSize;
}
