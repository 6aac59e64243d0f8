// Demand for a community specialist hub: patients by LSOA of residence (LSOA registrations) or, for
// practices the registrations do not cover, at the practice's site; each practice's patients weighted by the
// specialty's need share: patients aged 65+ (care of the elderly, from practice age bands), people on the
// QOF diabetes register (diabetes: register ÷ the QOF list), every patient (dermatology), or a user weight per
// practice. A practice without the need data takes the area's mean share (and is counted in a note).
import type { Catchments } from "../../model/catchments.ts";
import { haversineKm } from "../networks/geo.ts";
import { HubRequestError, type HubDemand } from "./problem.ts";

export type Specialty = "care-of-the-elderly" | "diabetes" | "dermatology" | "custom";

export const SPECIALTIES: Readonly<Record<Specialty, { label: string; need: string }>> = {
  "care-of-the-elderly": { label: "Care of the elderly", need: "registered patients aged 65+" },
  diabetes: { label: "Diabetes", need: "people on the QOF diabetes register" },
  dermatology: { label: "Dermatology", need: "registered patients (no need weighting)" },
  custom: { label: "User-defined specialty", need: "registered patients × the user's weight per practice" },
};

/** Reads a specialty name (and common spellings); HubRequestError naming the choices. */
export function parseSpecialty(value: string | undefined): Specialty {
  const v = (value ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  const aliases: Record<string, Specialty> = {
    "care-of-the-elderly": "care-of-the-elderly",
    elderly: "care-of-the-elderly",
    "older-people": "care-of-the-elderly",
    geriatrics: "care-of-the-elderly",
    diabetes: "diabetes",
    dermatology: "dermatology",
    custom: "custom",
  };
  const s = aliases[v];
  if (!s)
    throw new HubRequestError(
      `--specialty must be care-of-the-elderly, diabetes, dermatology or custom (with --weights); found '${value ?? ""}'`,
      "specialty",
    );
  return s;
}

export interface PracticeNeedInput {
  code: string;
  listSize: number;
  lat: number;
  lon: number;
  /** IMD decile of the practice (1 = most deprived), for practice-site demand. */
  imdDecile: number | null;
  /** 18 quinary bands (0–4 … 85+) by sex, where loaded. */
  ageBands?: { male: readonly number[]; female: readonly number[] } | null;
  /** QOF diabetes register and the practice's QOF list (all ages), where loaded. */
  diabetes?: { register: number; list: number } | null;
  /** User weight per patient, where given. */
  weight?: number | null;
}

/** The need share of each practice's patients, and how many practices took the area mean. */
export function needShares(
  specialty: Specialty,
  practices: readonly PracticeNeedInput[],
): { share: Float64Array; defaulted: string[]; meanShare: number } {
  const own = practices.map((p): number | null => {
    if (specialty === "dermatology") return 1;
    if (specialty === "custom") return p.weight ?? null;
    if (specialty === "diabetes")
      return p.diabetes && p.diabetes.list > 0 ? Math.min(1, p.diabetes.register / p.diabetes.list) : null;
    const b = p.ageBands;
    if (!b) return null;
    let all = 0;
    let old = 0;
    for (let i = 0; i < 18; i++) {
      const n = (b.male[i] ?? 0) + (b.female[i] ?? 0);
      all += n;
      if (i >= 13) old += n; // 65_69 onwards
    }
    return all > 0 ? old / all : null;
  });
  let num = 0;
  let den = 0;
  practices.forEach((p, i) => {
    if (own[i] !== null) {
      num += own[i]! * p.listSize;
      den += p.listSize;
    }
  });
  if (den === 0 && specialty !== "custom")
    throw new HubRequestError(
      `no practice of the area has the data for ${SPECIALTIES[specialty].need} (${specialty === "diabetes" ? "load a QOF prevalence file" : "load the practice 5-year age band file"})`,
      "specialty",
      "unprocessable",
    );
  const meanShare = specialty === "custom" ? 1 : num / den;
  const defaulted = practices.filter((_, i) => own[i] === null).map((p) => p.code);
  return { share: Float64Array.from(own, (s) => s ?? meanShare), defaulted, meanShare };
}

export interface DemandBuild {
  demand: HubDemand;
  /** Points by basis, and the practices whose patients are at their site (not covered by registrations). */
  lsoaPoints: number;
  sitePoints: number;
  practicesAtSite: string[];
  /** Registered patients at each point (before need weighting). */
  pointPatients: Float64Array;
  /** Patients behind the demand (before need weighting), and those left out (no coordinates). */
  patients: number;
  patientsLeftOut: number;
  lsoasWithoutCentroid: number;
}

const quintileOf = (decile: number | null | undefined) =>
  decile !== null && decile !== undefined && decile >= 1 && decile <= 10 ? Math.ceil(decile / 2) : 0;

/**
 * Demand points: the LSOAs of the practices' registered patients (patients × their practice's need share,
 * summed per LSOA), plus one point at the site of each practice the catchments do not cover (its list × its
 * share). LSOAs without a centroid and practices without a site are left out and counted.
 */
export function buildDemand(
  practices: readonly PracticeNeedInput[],
  share: Float64Array,
  catchments: { practiceCodes: readonly string[]; catchments: Catchments } | null,
): DemandBuild {
  const index = new Map(practices.map((p, i) => [p.code, i]));
  const codes: string[] = [];
  const lat: number[] = [];
  const lon: number[] = [];
  const weight: number[] = [];
  const quintile: number[] = [];
  const pointPatients: number[] = [];
  let patients = 0;
  let patientsLeftOut = 0;
  let lsoasWithoutCentroid = 0;
  const covered = new Set<string>();
  if (catchments) {
    const c = catchments.catchments;
    const w = new Float64Array(c.lsoaCodes.length);
    const n = new Float64Array(c.lsoaCodes.length);
    catchments.practiceCodes.forEach((code, p) => {
      const i = index.get(code);
      if (i === undefined) return;
      covered.add(code);
      for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++) {
        w[c.lsoa[e]!]! += c.patients[e]! * share[i]!;
        n[c.lsoa[e]!]! += c.patients[e]!;
      }
    });
    c.lsoaCodes.forEach((code, l) => {
      if (!(n[l]! > 0)) return;
      if (!Number.isFinite(c.lsoaLat[l]!) || !Number.isFinite(c.lsoaLon[l]!)) {
        lsoasWithoutCentroid++;
        patientsLeftOut += n[l]!;
        return;
      }
      codes.push(code);
      lat.push(c.lsoaLat[l]!);
      lon.push(c.lsoaLon[l]!);
      weight.push(w[l]!);
      quintile.push(quintileOf(c.lsoaImdDecile[l]));
      pointPatients.push(n[l]!);
      patients += n[l]!;
    });
  }
  const lsoaPoints = codes.length;
  const practicesAtSite: string[] = [];
  practices.forEach((p, i) => {
    if (covered.has(p.code) || !(p.listSize > 0)) return;
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon)) {
      patientsLeftOut += p.listSize;
      return;
    }
    practicesAtSite.push(p.code);
    codes.push(p.code);
    lat.push(p.lat);
    lon.push(p.lon);
    weight.push(p.listSize * share[i]!);
    quintile.push(quintileOf(p.imdDecile));
    pointPatients.push(p.listSize);
    patients += p.listSize;
  });
  return {
    demand: {
      codes,
      lat: Float64Array.from(lat),
      lon: Float64Array.from(lon),
      weight: Float64Array.from(weight),
      quintile: Int8Array.from(quintile),
    },
    lsoaPoints,
    sitePoints: codes.length - lsoaPoints,
    practicesAtSite,
    pointPatients: Float64Array.from(pointPatients),
    patients,
    patientsLeftOut,
    lsoasWithoutCentroid,
  };
}

export interface Aggregation {
  demand: HubDemand;
  /** Points merged into their nearest kept point, and the patients they held. */
  merged: number;
  mergedPatients: number;
  /**
   * Σ merged need × the km it moved: for any set of hubs the p-median objective of the merged demand differs
   * from that of the full demand by at most this (triangle inequality), and a point's distance by at most its move.
   */
  errorBound: number;
  maxMoveKm: number;
}

/**
 * Merges demand points with fewer than `minPatients` registered patients (the scattered LSOAs of patients who
 * live far from their practice: QNC has 3,291 LSOAs, 2,487 of them with under 20 of its patients, 0.4% of
 * the total) into the nearest point that has at least that many: the model shrinks fourfold and the error
 * this makes is bounded and reported. The kept point keeps its code and IMD quintile.
 */
export function aggregateSmallPoints(
  demand: HubDemand,
  pointPatients: Float64Array,
  minPatients: number,
): Aggregation {
  const n = demand.codes.length;
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (pointPatients[i]! >= minPatients) kept.push(i);
  if (kept.length === 0 || kept.length === n)
    return { demand, merged: 0, mergedPatients: 0, errorBound: 0, maxMoveKm: 0 };
  const weight = Float64Array.from(kept, (i) => demand.weight[i]!);
  const slot = new Map(kept.map((i, s) => [i, s]));
  let merged = 0;
  let mergedPatients = 0;
  let errorBound = 0;
  let maxMoveKm = 0;
  for (let i = 0; i < n; i++) {
    if (slot.has(i)) continue;
    let best = 0;
    let bestKm = Number.POSITIVE_INFINITY;
    kept.forEach((k, s) => {
      const d = haversineKm(demand.lat[i]!, demand.lon[i]!, demand.lat[k]!, demand.lon[k]!);
      if (d < bestKm) {
        bestKm = d;
        best = s;
      }
    });
    weight[best]! += demand.weight[i]!;
    merged++;
    mergedPatients += pointPatients[i]!;
    errorBound += demand.weight[i]! * bestKm;
    maxMoveKm = Math.max(maxMoveKm, bestKm);
  }
  return {
    demand: {
      codes: kept.map((i) => demand.codes[i]!),
      lat: Float64Array.from(kept, (i) => demand.lat[i]!),
      lon: Float64Array.from(kept, (i) => demand.lon[i]!),
      weight,
      quintile: Int8Array.from(kept, (i) => demand.quintile[i]!),
    },
    merged,
    mergedPatients,
    errorBound,
    maxMoveKm,
  };
}
