// Where each practice's patients live: a doubly constrained gravity model. Every LSOA's registered patients
// are shared among practices by a distance-decay kernel (steep near home, with a thin long tail of people
// who moved but stayed registered), balanced by iterative proportional fitting so that practice totals match
// the lists; then whole-number counts are drawn so each practice's LSOA rows sum to its list exactly.
// Kernel lengths were tuned to the Staffordshire & Stoke shape (calibration.ts: median patient distance
// 1.31 km, ~105 LSOAs per practice, ~70% of patients in the top 10 LSOAs, ~54% of rows under 5 patients).
import { sampleCounts } from "./distributions.ts";
import { distanceKm, type PlaceKind } from "./geography.ts";
import type { DemoLsoa } from "./lsoas.ts";
import type { Rng } from "./rng.ts";

/** Decay length (km) of the near-home kernel by setting. */
/** What the catchment model needs of a demo practice. */
export interface CatchmentPractice {
  place: PlaceKind;
  village: boolean;
  lat: number;
  lon: number;
  list: number;
}

const DECAY_KM = { city: 0.55, industrial: 0.6, towns: 0.6, rural: 1.0, village: 1.5 } as const;
/** Weight and scale (km) of the long tail. */
const TAIL_WEIGHT = 0.000015;
const TAIL_KM = 9;
const ITERATIONS = 60;

/** The distance-decay weight between a practice site and an LSOA centroid. */
export function kernelWeight(
  practice: Omit<CatchmentPractice, "list">,
  lsoa: { lat: number; lon: number },
): number {
  const decay = practice.village ? DECAY_KM.village : DECAY_KM[practice.place];
  const d = distanceKm(practice, lsoa);
  return Math.exp(-d / decay) + TAIL_WEIGHT / (1 + (d / TAIL_KM) ** 2);
}

export interface CatchmentRow {
  practice: number;
  lsoa: number;
  patients: number;
}

export function generateCatchments(
  rng: Rng,
  practices: readonly CatchmentPractice[],
  lsoas: readonly DemoLsoa[],
): CatchmentRow[] {
  const np = practices.length;
  const nl = lsoas.length;
  const kernel = new Float64Array(np * nl);
  practices.forEach((p, i) => {
    for (let j = 0; j < nl; j++) kernel[i * nl + j] = kernelWeight(p, lsoas[j]!);
  });
  const rowScale = new Float64Array(nl).fill(1);
  const colScale = new Float64Array(np).fill(1);
  for (let it = 0; it < ITERATIONS; it++) {
    for (let i = 0; i < np; i++) {
      let s = 0;
      for (let j = 0; j < nl; j++) s += rowScale[j]! * kernel[i * nl + j]!;
      colScale[i] = practices[i]!.list / s;
    }
    for (let j = 0; j < nl; j++) {
      let s = 0;
      for (let i = 0; i < np; i++) s += colScale[i]! * kernel[i * nl + j]!;
      rowScale[j] = lsoas[j]!.patients / s;
    }
  }
  const rows: CatchmentRow[] = [];
  practices.forEach((p, i) => {
    const expected = new Array<number>(nl);
    for (let j = 0; j < nl; j++) expected[j] = rowScale[j]! * colScale[i]! * kernel[i * nl + j]!;
    const counts = sampleCounts(expected, p.list, rng);
    counts.forEach((patients, j) => {
      if (patients > 0) rows.push({ practice: i, lsoa: j, patients });
    });
  });
  return rows;
}
