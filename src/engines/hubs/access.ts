// Access to a set of open hubs: each demand point goes to its nearest open site (straight-line km), and the
// need-weighted mean distance, the share within a distance and the farthest point are reported overall and by
// IMD quintile (1 = most deprived; 0 = unknown).
import type { HubProblem } from "./problem.ts";

export interface AccessGroup {
  /** `all`, `Q1` … `Q5`, or `unknown`. */
  group: string;
  /** Demand points and their need weight. */
  points: number;
  weight: number;
  /** Need-weighted mean distance to the nearest open site, km (null with no weight). */
  meanKm: number | null;
  /** Share of the weight within `withinKm` of an open site (null with no weight). */
  withinShare: number | null;
  /** The farthest point's distance, km. */
  maxKm: number | null;
}

export interface Access {
  withinKm: number;
  overall: AccessGroup;
  /** Q1 … Q5, then `unknown` when any point has no quintile. */
  byQuintile: AccessGroup[];
}

/** The nearest open site of every demand point (index into `open`'s sites), and its distance. */
export function nearestOpen(
  problem: HubProblem,
  open: readonly number[],
): { site: Int32Array; km: Float64Array } {
  const m = problem.candidates.length;
  const n = problem.demand.codes.length;
  const site = new Int32Array(n).fill(-1);
  const km = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++)
    for (const j of open) {
      const d = problem.distance[i * m + j]!;
      if (d < km[i]! || (d === km[i]! && j < site[i]!)) {
        km[i] = d;
        site[i] = j;
      }
    }
  return { site, km };
}

/** Σ weight × distance to the nearest open site: the p-median objective of `open`. */
export function weightedDistance(problem: HubProblem, open: readonly number[]): number {
  const { km } = nearestOpen(problem, open);
  let total = 0;
  for (let i = 0; i < km.length; i++)
    if (problem.demand.weight[i]! > 0) total += problem.demand.weight[i]! * km[i]!;
  return total;
}

/** The weight within `withinKm` of an open site: the covering objective of `open`. */
export function coveredWeight(problem: HubProblem, open: readonly number[], withinKm: number): number {
  const { km } = nearestOpen(problem, open);
  let total = 0;
  for (let i = 0; i < km.length; i++) if (km[i]! <= withinKm) total += problem.demand.weight[i]!;
  return total;
}

function group(
  name: string,
  points: number[],
  km: Float64Array,
  weight: Float64Array,
  withinKm: number,
): AccessGroup {
  let w = 0;
  let sum = 0;
  let within = 0;
  let max: number | null = null;
  for (const i of points) {
    const wi = weight[i]!;
    if (!(wi > 0)) continue;
    w += wi;
    sum += wi * km[i]!;
    if (km[i]! <= withinKm) within += wi;
    max = max === null ? km[i]! : Math.max(max, km[i]!);
  }
  return {
    group: name,
    points: points.length,
    weight: w,
    meanKm: w > 0 ? sum / w : null,
    withinShare: w > 0 ? within / w : null,
    maxKm: max,
  };
}

/** Access to the open sites, overall and by IMD quintile. */
export function accessOf(problem: HubProblem, open: readonly number[], withinKm: number): Access {
  const { km } = nearestOpen(problem, open);
  const { weight, quintile } = problem.demand;
  const all = Array.from({ length: km.length }, (_, i) => i);
  const byQuintile: AccessGroup[] = [];
  for (let q = 1; q <= 5; q++)
    byQuintile.push(
      group(
        `Q${q}`,
        all.filter((i) => quintile[i] === q),
        km,
        weight,
        withinKm,
      ),
    );
  const unknown = all.filter((i) => !(quintile[i]! >= 1 && quintile[i]! <= 5));
  if (unknown.length > 0) byQuintile.push(group("unknown", unknown, km, weight, withinKm));
  return { withinKm, overall: group("all", all, km, weight, withinKm), byQuintile };
}
