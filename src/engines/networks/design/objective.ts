// The designer's objective, computed naively from an assignment: the reference the incremental state is
// tested against, and what an exact (MIP) mode must reproduce. See docs/networks.md "Design: objective".
//
//   soft = cohesion + disruptionWeight × disruption + placeWeight × place
//   cohesion   = Σ_networks Σ_patients km(home, network centre): patients at their LSOA centroids where the
//                instance has catchments, else a practice's whole list at its site; the centre is the
//                patient-weighted mean of those points (on the local plane of geo.ts projectKm)
//   disruption = Σ_practices listSize × (share of the practice's current network-mates, by patients, that
//                are no longer in its network); 0 for a practice alone in, or outside, a PCN today
//   place      = Σ_networks patients at practices outside the network's main place (the place holding
//                most of its patients)
//   band tiers = patients under the minimum in unwaived networks; patients over the maximum; patients under
//                the minimum in networks waived by a relaxation (never in networks the user waived)
//
// Designs are ordered lexicographically: (under, over, relaxed under, soft). `penalties` reports the tiers
// with the weights below so one `total` can be printed; they are large enough to order real designs the same
// way, but the search itself never trades a band patient for any amount of soft cost.
import type { Adjacency, Assignment, NetworkInstance } from "../instance.ts";
import { resolveOptions, type DesignOptions } from "./options.ts";
import { buildProblem, Waiver, type Problem } from "./problem.ts";
import { addDistances } from "./points.ts";

/** Penalty per patient under the minimum in an unwaived network. */
export const PENALTY_UNDER = 1_000_000;
/** Penalty per patient over the maximum. */
export const PENALTY_OVER = 10_000;
/** Penalty per patient under the minimum in a network waived by a relaxation. */
export const PENALTY_RELAXED_UNDER = 100;

export interface Score {
  under: number;
  over: number;
  relaxedUnder: number;
  soft: number;
}

export interface ObjectiveBreakdown {
  /** cohesion + weighted disruption + weighted place + penalties. */
  total: number;
  /** Patient-km to the network centre. */
  cohesion: number;
  /** Patients moved away from today's network-mates. */
  disruption: number;
  /** Patients outside their network's main place. */
  place: number;
  penalties: number;
  /** Band tiers in patients. */
  underMinimum: number;
  overMaximum: number;
  relaxedUnderMinimum: number;
}

/** The band tiers of one network of `listSize` patients with the given waivers. */
export function networkTiers(
  pb: Problem,
  listSize: number,
  userWaived: boolean,
  relaxWaived: boolean,
): { under: number; over: number; relaxedUnder: number } {
  const short = listSize < pb.band.min ? pb.band.min - listSize : 0;
  return {
    under: short > 0 && !userWaived && !relaxWaived ? short : 0,
    over: listSize > pb.band.max ? listSize - pb.band.max : 0,
    relaxedUnder: short > 0 && !userWaived && relaxWaived ? short : 0,
  };
}

/** Σ patients × km from where they live to the network's population centre, over the practices `ps` of one
 *  network (Problem.pointStart: LSOA centroids where catchments exist, else practice sites). */
export function cohesionOf(pb: Problem, ps: Iterable<number>): number {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  const list: number[] = [];
  for (const p of ps) {
    sw += pb.pointSumW[p]!;
    sx += pb.pointSumX[p]!;
    sy += pb.pointSumY[p]!;
    list.push(p);
  }
  if (sw <= 0) return 0;
  const cx = sx / sw;
  const cy = sy / sw;
  let c = 0;
  for (const p of list) c = addDistances(pb, p, cx, cy, c);
  return c;
}

export const softOf = (pb: Problem, cohesion: number, disruption: number, place: number) =>
  cohesion + pb.disruptionWeight * disruption + pb.placeWeight * place;

export const penaltiesOf = (s: Pick<Score, "under" | "over" | "relaxedUnder">) =>
  PENALTY_UNDER * s.under + PENALTY_OVER * s.over + PENALTY_RELAXED_UNDER * s.relaxedUnder;

/** Negative when a is better than b; soft costs within `eps` are equal. */
export function compareScores(a: Score, b: Score, eps = 1e-7): number {
  if (a.under !== b.under) return a.under - b.under;
  if (a.over !== b.over) return a.over - b.over;
  if (a.relaxedUnder !== b.relaxedUnder) return a.relaxedUnder - b.relaxedUnder;
  const tol = eps * Math.max(1, Math.abs(a.soft), Math.abs(b.soft));
  return Math.abs(a.soft - b.soft) <= tol ? 0 : a.soft - b.soft;
}

/** The objective of a practice assignment on a resolved problem, recounted from scratch. */
export function evaluateProblem(pb: Problem, assignment: ArrayLike<number>): ObjectiveBreakdown {
  if (assignment.length !== pb.n)
    throw new RangeError(`assignment has ${assignment.length} entries for ${pb.n} practices`);
  const networks = new Map<number, number[]>();
  for (let p = 0; p < pb.n; p++) {
    const a = assignment[p]!;
    if (!Number.isInteger(a) || a < 0)
      throw new RangeError(`practice ${pb.practiceCodes[p]} has network ${a}`);
    if (!networks.has(a)) networks.set(a, []);
    networks.get(a)!.push(p);
  }
  let cohesion = 0;
  let place = 0;
  const tiers = { under: 0, over: 0, relaxedUnder: 0 };
  for (const ps of networks.values()) {
    cohesion += cohesionOf(pb, ps);
    let total = 0;
    const byPlace = new Map<number, number>();
    let user = false;
    let relaxed = false;
    for (const p of ps) {
      total += pb.w[p]!;
      byPlace.set(pb.place[p]!, (byPlace.get(pb.place[p]!) ?? 0) + pb.w[p]!);
      const wv = pb.unitWaiver[pb.unitOf[p]!]!;
      if (wv === Waiver.User) user = true;
      if (wv === Waiver.Relaxed) relaxed = true;
    }
    place += total - Math.max(0, ...byPlace.values());
    const t = networkTiers(pb, total, user, relaxed);
    tiers.under += t.under;
    tiers.over += t.over;
    tiers.relaxedUnder += t.relaxedUnder;
  }
  let disruption = 0;
  for (let p = 0; p < pb.n; p++) {
    const m = pb.mateW[p]!;
    if (m <= 0) continue;
    let keptW = 0;
    for (let e = pb.mateStart[p]!; e < pb.mateStart[p + 1]!; e++) {
      const q = pb.mates[e]!;
      if (assignment[q] === assignment[p]) keptW += pb.w[q]!;
    }
    disruption += pb.w[p]! * (1 - keptW / m);
  }
  const penalties = penaltiesOf(tiers);
  return {
    total: softOf(pb, cohesion, disruption, place) + penalties,
    cohesion,
    disruption,
    place,
    penalties,
    underMinimum: tiers.under,
    overMaximum: tiers.over,
    relaxedUnderMinimum: tiers.relaxedUnder,
  };
}

/** The score (tiers, soft) of a breakdown, for comparisons. */
export const scoreOf = (pb: Problem, o: ObjectiveBreakdown): Score => ({
  under: o.underMinimum,
  over: o.overMaximum,
  relaxedUnder: o.relaxedUnderMinimum,
  soft: softOf(pb, o.cohesion, o.disruption, o.place),
});

/**
 * The designer's objective of any assignment (practice index → network index), from scratch. Waivers and
 * relaxations are resolved from `options` exactly as `designNetworks` resolves them, so an exact solver,
 * an enumerator and the heuristic all score a configuration the same way.
 * @example objectiveOf(instance, adjacency, currentAssignment(instance), { disruptionWeight: 0 }).cohesion
 */
export function objectiveOf(
  instance: NetworkInstance,
  adjacency: Adjacency,
  assignment: Assignment,
  options: DesignOptions = {},
): ObjectiveBreakdown {
  return evaluateProblem(buildProblem(instance, adjacency, resolveOptions(options)), assignment);
}
