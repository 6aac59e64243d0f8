// Closure-level scoring on isolated closures: those with at least `minPatients` and no other closure
// (evaluated or not) within the distance limit, so that the gains around them can be put down to them.
// Each is classed by what was observed within the limit: a merger (one practice gained ≥ 70% of its list),
// a dispersal (no single practice did, but together they gained ≥ 50% of it), or not traced (less than
// half of it shows as gains within the limit: patients went further, to a new practice, or were removed
// by list cleaning). A model is scored on each by whether the practice that gained most is its largest
// receiver (top 1) or among its three largest (top 3), patient-weighted, and by the share of the list it
// placed where at least that many were observed (located).
import { haversineKm } from "../../networks/geo.ts";
import type { Flows } from "../dispersal.ts";
import type { IntervalProblem } from "./problem.ts";

export type ClosureClass = "merger" | "dispersed" | "not-traced";
export const CLOSURE_CLASSES: readonly ClosureClass[] = ["merger", "dispersed", "not-traced"];

export interface IsolatedClosure {
  /** Origin index in the interval problem. */
  o: number;
  code: string;
  patients: number;
  class: ClosureClass;
  /** The largest observed gain within the limit ÷ the closed list. */
  topShare: number;
  /** Distance rank of the practice that gained most (0: the nearest open practice). */
  topRank: number;
  topKm: number;
}

export const MERGER_SHARE = 0.7;
export const TRACED_SHARE = 0.5;

export function isolatedClosures(ip: IntervalProblem, minPatients: number): IsolatedClosure[] {
  const { interval, pairs, receivers, problem } = ip;
  const sited = interval.closures.filter((c) => Number.isFinite(c.lat) && Number.isFinite(c.lon));
  const out: IsolatedClosure[] = [];
  ip.evaluated.forEach((c, o) => {
    const start = pairs.offsets[o]!;
    const end = pairs.offsets[o + 1]!;
    if (c.patients < minPatients || start === end) return;
    if (sited.some((d) => d !== c && haversineKm(c.lat, c.lon, d.lat, d.lon) <= problem.maxKm)) return;
    let best = start;
    let positive = 0;
    for (let e = start; e < end; e++) {
      const g = interval.observed[receivers[pairs.receiver[e]!]!]!;
      positive += Math.max(0, g);
      if (g > interval.observed[receivers[pairs.receiver[best]!]!]!) best = e;
    }
    const topShare = interval.observed[receivers[pairs.receiver[best]!]!]! / c.patients;
    out.push({
      o,
      code: c.code,
      patients: c.patients,
      class:
        topShare >= MERGER_SHARE
          ? "merger"
          : positive >= TRACED_SHARE * c.patients
            ? "dispersed"
            : "not-traced",
      topShare,
      topRank: best - start,
      topKm: pairs.km[best]!,
    });
  });
  return out;
}

export interface ClosureScore {
  closures: number;
  patients: number;
  /** Patient-weighted share of closures whose largest observed gainer is the model's largest receiver. */
  top1: number;
  top3: number;
  /** Patient-weighted mean of Σ min(predicted, max(observed, 0)) ÷ list. */
  located: number;
}

export function scoreClosures(
  ip: IntervalProblem,
  flows: Flows,
  closures: readonly IsolatedClosure[],
): ClosureScore {
  const { pairs, receivers, interval } = ip;
  let patients = 0;
  let top1 = 0;
  let top3 = 0;
  let located = 0;
  for (const c of closures) {
    const start = pairs.offsets[c.o]!;
    const end = pairs.offsets[c.o + 1]!;
    const target = pairs.receiver[start + c.topRank]!;
    const byFlow: number[] = [];
    let matched = 0;
    for (let e = start; e < end; e++) {
      const x = flows.amount[e]!;
      if (x > 0) byFlow.push(e);
      matched += Math.min(x, Math.max(0, interval.observed[receivers[pairs.receiver[e]!]!]!));
    }
    byFlow.sort((a, b) => flows.amount[b]! - flows.amount[a]! || a - b);
    patients += c.patients;
    if (byFlow.length > 0 && pairs.receiver[byFlow[0]!] === target) top1 += c.patients;
    if (byFlow.slice(0, 3).some((e) => pairs.receiver[e] === target)) top3 += c.patients;
    located += matched;
  }
  return {
    closures: closures.length,
    patients,
    top1: patients > 0 ? top1 / patients : 0,
    top3: patients > 0 ? top3 / patients : 0,
    located: patients > 0 ? located / patients : 0,
  };
}

/** Sums of closure scores (patient-weighted). */
export function poolClosureScores(scores: readonly ClosureScore[]): ClosureScore {
  const patients = scores.reduce((a, s) => a + s.patients, 0);
  const w = (k: "top1" | "top3" | "located") =>
    patients > 0 ? scores.reduce((a, s) => a + s[k] * s.patients, 0) / patients : 0;
  return {
    closures: scores.reduce((a, s) => a + s.closures, 0),
    patients,
    top1: w("top1"),
    top3: w("top3"),
    located: w("located"),
  };
}
