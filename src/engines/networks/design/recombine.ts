// Recombining the networks of several finished designs: the cheapest partition of the units made only of
// networks that some design has (a small set-partitioning problem, solved exactly by depth-first search).
// Each design is one such partition, so the result is never worse than the best of them; it is usually
// better, because runs from different random streams get different parts of the map right.
import { columnCost } from "../exact/columns.ts";
import type { Problem } from "./problem.ts";

/**
 * The unit assignment (unit → network) of the cheapest partition into networks taken from `designs`
 * (practice → network assignments), by total cost (soft cost + band penalties, design/objective.ts), or null
 * when the search stops at `nodeLimit` before finishing (the designs are then kept as they are).
 */
export function recombineDesigns(
  pb: Problem,
  designs: readonly ArrayLike<number>[],
  nodeLimit = 2_000_000,
): Int32Array | null {
  const seen = new Map<string, number[]>();
  for (const d of designs) {
    const groups = new Map<number, Set<number>>();
    for (let u = 0; u < pb.unitCount; u++) {
      const n = d[pb.unitPractices[pb.unitStart[u]!]!]!;
      if (!groups.has(n)) groups.set(n, new Set());
      groups.get(n)!.add(u);
    }
    for (const g of groups.values()) {
      const units = [...g].sort((a, b) => a - b);
      seen.set(units.join(","), units);
    }
  }
  const columns = [...seen.values()].map((units) => ({ units, cost: columnCost(pb, units).cost }));
  // Columns holding each unit, cheapest per unit first; a lower bound per unit (its share of a column).
  const byUnit: number[][] = Array.from({ length: pb.unitCount }, () => []);
  const floor = new Float64Array(pb.unitCount).fill(Infinity);
  columns.forEach((c, j) => {
    const share = c.cost / c.units.length;
    for (const u of c.units) {
      byUnit[u]!.push(j);
      if (share < floor[u]!) floor[u] = share;
    }
  });
  for (const list of byUnit)
    list.sort(
      (a, b) => columns[a]!.cost / columns[a]!.units.length - columns[b]!.cost / columns[b]!.units.length,
    );

  const covered = new Uint8Array(pb.unitCount);
  let remainingFloor = floor.reduce((s, v) => s + v, 0);
  const chosen: number[] = [];
  let best = Infinity;
  let bestChosen: number[] | null = null;
  let nodes = 0;
  let stopped = false;
  const visit = (from: number, cost: number) => {
    if (stopped) return;
    if (++nodes > nodeLimit) {
      stopped = true;
      return;
    }
    let u = from;
    while (u < pb.unitCount && covered[u]) u++;
    if (u === pb.unitCount) {
      if (cost < best) {
        best = cost;
        bestChosen = [...chosen];
      }
      return;
    }
    for (const j of byUnit[u]!) {
      const c = columns[j]!;
      if (c.units.some((v) => covered[v])) continue;
      let f = 0;
      for (const v of c.units) f += floor[v]!;
      if (cost + c.cost + remainingFloor - f >= best - 1e-9 * Math.abs(best)) continue;
      for (const v of c.units) covered[v] = 1;
      remainingFloor -= f;
      chosen.push(j);
      visit(u + 1, cost + c.cost);
      chosen.pop();
      remainingFloor += f;
      for (const v of c.units) covered[v] = 0;
    }
  };
  visit(0, 0);
  if (stopped || bestChosen === null) return null;
  const assignment = new Int32Array(pb.unitCount).fill(-1);
  (bestChosen as number[]).forEach((j, n) => {
    for (const u of columns[j]!.units) assignment[u] = n;
  });
  return assignment;
}
