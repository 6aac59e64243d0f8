// Candidate networks for the exact mode: every connected set of units (practices that must stay together)
// whose list fits the band, each with its exact cost under the designer's objective. Because that objective
// is a sum over networks (cohesion to the network centre, disruption of each practice by its own network's
// membership, patients outside the network's main place, band tiers), choosing the cheapest partition into
// such columns is exactly the design problem: a set-partitioning MIP (model.ts).
import { cohesionOf, networkTiers, penaltiesOf, softOf } from "../design/objective.ts";
import { Waiver, type Problem } from "../design/problem.ts";

export interface Columns {
  /** Units of each column. */
  units: Int32Array[];
  cost: Float64Array;
  listSize: Float64Array;
  /** True when enumeration stopped at the column limit (the MIP then proves optimality over fewer designs). */
  truncated: boolean;
}

export interface ColumnOptions {
  /** Largest list a column may have. */
  maxList: number;
  /** Stop after this many columns. */
  limit: number;
  /** Stop after visiting this many connected sets (kept or not). Default 20 × limit. */
  visitLimit?: number;
  /** Keep only columns whose band tiers pass (e.g. none worse than a known design's, see design-exact.ts). */
  admit?: (tiers: Tiers) => boolean;
}

export interface Tiers {
  under: number;
  over: number;
  relaxedUnder: number;
}

/** The designer's cost of one network made of `units` (see design/objective.ts). */
export function columnCost(
  pb: Problem,
  units: readonly number[],
): { cost: number; listSize: number; tiers: Tiers } {
  const practices: number[] = [];
  for (const u of units)
    for (let k = pb.unitStart[u]!; k < pb.unitStart[u + 1]!; k++) practices.push(pb.unitPractices[k]!);
  const inNetwork = new Set(practices);
  let total = 0;
  let user = false;
  let relaxed = false;
  const byPlace = new Map<number, number>();
  let disruption = 0;
  for (const p of practices) {
    const w = pb.w[p]!;
    total += w;
    byPlace.set(pb.place[p]!, (byPlace.get(pb.place[p]!) ?? 0) + w);
    const m = pb.mateW[p]!;
    if (m > 0) {
      let kept = 0;
      for (let e = pb.mateStart[p]!; e < pb.mateStart[p + 1]!; e++)
        if (inNetwork.has(pb.mates[e]!)) kept += pb.w[pb.mates[e]!]!;
      disruption += w * (1 - kept / m);
    }
  }
  for (const u of units) {
    if (pb.unitWaiver[u] === Waiver.User) user = true;
    if (pb.unitWaiver[u] === Waiver.Relaxed) relaxed = true;
  }
  const place = total - Math.max(0, ...byPlace.values());
  const tiers = networkTiers(pb, total, user, relaxed);
  return {
    cost: softOf(pb, cohesionOf(pb, practices), disruption, place) + penaltiesOf(tiers),
    listSize: total,
    tiers,
  };
}

/**
 * Enumerates connected unit sets with total list ≤ maxList (each set once: grown from its smallest unit,
 * adding only larger neighbours of the set, as in Wernicke's ESU algorithm). A set is kept as a column when it
 * reaches the minimum, or holds a waived unit, or is a single unit; lock labels must not mix, and a label's
 * units must all be in the set. Units over maxList on their own become single-unit columns. With `admit`,
 * only columns whose band tiers it accepts are kept (single units included).
 */
export function enumerateColumns(pb: Problem, options: ColumnOptions): Columns {
  const units: Int32Array[] = [];
  const cost: number[] = [];
  const lists: number[] = [];
  let truncated = false;
  let visited = 0;
  const visitLimit = options.visitLimit ?? 20 * options.limit;
  const labelUnits = new Map<number, number>();
  for (let u = 0; u < pb.unitCount; u++) {
    const l = pb.unitLabel[u]!;
    if (l >= 0) labelUnits.set(l, (labelUnits.get(l) ?? 0) + 1);
  }
  const keep = (set: number[], total: number) => {
    let label = -1;
    let labelled = 0;
    let waived = false;
    for (const u of set) {
      const l = pb.unitLabel[u]!;
      if (l >= 0) {
        if (label >= 0 && l !== label) return;
        label = l;
        labelled++;
      }
      if (pb.unitWaiver[u] !== Waiver.None) waived = true;
    }
    if (label >= 0 && labelled !== labelUnits.get(label)) return;
    if (total < pb.band.min && !waived && set.length > 1) return;
    const c = columnCost(pb, set);
    if (options.admit && !options.admit(c.tiers)) return;
    units.push(Int32Array.from(set));
    cost.push(c.cost);
    lists.push(total);
  };

  const neighbours = (u: number) => pb.unitAdj.subarray(pb.unitAdjStart[u]!, pb.unitAdjStart[u + 1]!);

  // Every unit alone first, so that even a truncated enumeration can always cover every unit.
  for (let u = 0; u < pb.unitCount; u++) keep([u], pb.unitW[u]!);
  for (let root = 0; root < pb.unitCount && !truncated; root++) {
    const rootW = pb.unitW[root]!;
    if (rootW > options.maxList) continue;
    // Depth-first ESU: (set, extension candidates, total).
    const stack: { set: number[]; ext: number[]; total: number }[] = [
      { set: [root], ext: [...neighbours(root)].filter((v) => v > root), total: rootW },
    ];
    while (stack.length > 0) {
      const { set, ext, total } = stack.pop()!;
      if (set.length > 1) keep(set, total);
      if (units.length >= options.limit || ++visited >= visitLimit) {
        truncated = true;
        break;
      }
      const remaining = [...ext];
      while (remaining.length > 0) {
        const v = remaining.pop()!;
        const t = total + pb.unitW[v]!;
        if (t > options.maxList) continue;
        const inSet = new Set(set);
        const exclusive: number[] = [];
        for (const x of neighbours(v)) {
          if (x <= root || inSet.has(x) || remaining.includes(x) || x === v) continue;
          // Exclusive neighbours: not adjacent to the current set.
          let adjacentToSet = false;
          for (const y of neighbours(x)) if (inSet.has(y)) adjacentToSet = true;
          if (!adjacentToSet && !exclusive.includes(x)) exclusive.push(x);
        }
        stack.push({ set: [...set, v], ext: [...remaining, ...exclusive], total: t });
      }
    }
  }
  return { units, cost: Float64Array.from(cost), listSize: Float64Array.from(lists), truncated };
}
