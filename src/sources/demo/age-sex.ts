// Practice lists by 5-year age band and sex: England's measured shape (calibration.ts ENGLAND_AGE_SHARES),
// tilted older or younger by place and practice, with whole-number counts that sum to the list exactly.
import { ENGLAND_AGE_SHARES } from "./calibration.ts";
import { allocate } from "./distributions.ts";

/**
 * Age bands in the NHS "Patients Registered at a GP Practice" form (`0_4`, `5_9`, …), which the
 * gp-reg-pat-prac-all importer accepts; the demo closes at `85+` (Carr-Hill's top band).
 */
export const AGE_BANDS = [
  "0_4",
  "5_9",
  "10_14",
  "15_19",
  "20_24",
  "25_29",
  "30_34",
  "35_39",
  "40_44",
  "45_49",
  "50_54",
  "55_59",
  "60_64",
  "65_69",
  "70_74",
  "75_79",
  "80_84",
  "85+",
] as const;
export const SEXES = ["MALE", "FEMALE"] as const;
export type Sex = (typeof SEXES)[number];

const midAge = (band: number) => band * 5 + 2.5;

/**
 * Weights of the 36 (sex, band) cells, male bands first. `tilt` > 0 makes the list older (rural), < 0
 * younger (city); `students` adds the 18–24 bulge of a university practice.
 */
export function ageSexWeights(tilt: number, students = 0): number[] {
  const weights: number[] = [];
  for (const sex of SEXES) {
    ENGLAND_AGE_SHARES[sex].forEach((share, band) => {
      let w = share * Math.exp((tilt * (midAge(band) - 42)) / 25);
      if (students > 0 && (band === 3 || band === 4)) w *= 1 + students * (band === 4 ? 6 : 2.5);
      weights.push(w);
    });
  }
  return weights;
}

export interface AgeSexCount {
  sex: Sex;
  age: (typeof AGE_BANDS)[number];
  patients: number;
}

/** Whole-number counts by sex and band that sum to `list` exactly. */
export function ageSexCounts(list: number, weights: readonly number[]): AgeSexCount[] {
  const counts = allocate(weights, list);
  return counts.map((patients, i) => ({
    sex: SEXES[Math.floor(i / AGE_BANDS.length)]!,
    age: AGE_BANDS[i % AGE_BANDS.length]!,
    patients,
  }));
}

/** Share of a weight vector aged 65+ (bands 13…17 of each sex). */
export function share65Plus(weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let old = 0;
  weights.forEach((w, i) => {
    if (i % AGE_BANDS.length >= 13) old += w;
  });
  return old / total;
}
