// Exact p-median by Benders decomposition (in the manner of Duran-Mateluna, Ales and Elloumi 2023): the
// master problem has only the site binaries y_j and one θ_i per demand point, min Σ_i w_i θ_i, Σ_j y_j = k;
// the subproblem (each point to its nearest open site) is solved in closed form. For a point i and sites
// y (whole or fractional), let D be the first distance, in i's sorted distances, by which the open weight
// reaches 1; then θ_i ≥ D − Σ_{j: d_ij < D} (D − d_ij) y_j holds for every choice of k sites (an open site
// nearer than D makes the right side at most its distance; none makes it D, no more than i's distance) and
// is tight at y when y is whole.
//
// Phase 1 adds cuts at the LP optimum of the master until none is violated (the bound of the strong LP);
// phase 2 solves the master MIP, adds the cuts of its sites, and stops when the master's θ equal the sites'
// true distances: those sites are then optimal.
import { nearestOpen } from "./access.ts";
import type { MipData } from "./model.ts";
import type { HubProblem } from "./problem.ts";
import type { HubSolver } from "./solve.ts";

interface Cut {
  point: number;
  rhs: number;
  sites: number[];
  coef: number[];
}

/** The cut of point i at sites y (length m, values in [0, 1]). */
function cutAt(problem: HubProblem, order: Int32Array, i: number, y: ArrayLike<number>): Cut {
  const m = problem.candidates.length;
  const row = i * m;
  let open = 0;
  let t = 0;
  for (; t < m; t++) {
    open += y[order[t]!]!;
    if (open >= 1 - 1e-9) break;
  }
  const D = problem.distance[row + order[Math.min(t, m - 1)]!]!;
  const sites: number[] = [];
  const coef: number[] = [];
  for (let s = 0; s < m; s++) {
    const d = problem.distance[row + order[s]!]!;
    if (d >= D) break;
    sites.push(order[s]!);
    coef.push(D - d);
  }
  return { point: i, rhs: D, sites, coef };
}

/** The cut's right side at y (the θ_i it demands). */
function cutValue(c: Cut, y: ArrayLike<number>): number {
  let v = c.rhs;
  for (let s = 0; s < c.sites.length; s++) v -= c.coef[s]! * y[c.sites[s]!]!;
  return v;
}

/** The master: columns y_0…y_{m−1} (binary when `integer`), then θ for each point with weight. */
function master(
  problem: HubProblem,
  k: number,
  points: readonly number[],
  cuts: readonly Cut[],
  integer: boolean,
): MipData {
  const m = problem.candidates.length;
  const slot = new Map(points.map((i, s) => [i, m + s]));
  const numCols = m + points.length;
  const numRows = 1 + cuts.length;
  const byCol: { row: number; v: number }[][] = Array.from({ length: numCols }, () => []);
  for (let j = 0; j < m; j++) byCol[j]!.push({ row: 0, v: 1 });
  cuts.forEach((c, r) => {
    byCol[slot.get(c.point)!]!.push({ row: r + 1, v: 1 });
    for (let s = 0; s < c.sites.length; s++) byCol[c.sites[s]!]!.push({ row: r + 1, v: c.coef[s]! });
  });
  const starts = new Int32Array(numCols + 1);
  const nnz = byCol.reduce((a, c) => a + c.length, 0);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let e = 0;
  byCol.forEach((col, j) => {
    for (const { row, v } of col) {
      indices[e] = row;
      values[e++] = v;
    }
    starts[j + 1] = e;
  });
  const colCost = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(Number.POSITIVE_INFINITY);
  const colLower = new Float64Array(numCols);
  const m0 = problem.candidates.length;
  points.forEach((i, s) => {
    colCost[m + s] = problem.demand.weight[i]!;
    colLower[m + s] = Math.min(...Array.from({ length: m0 }, (_, j) => problem.distance[i * m0 + j]!));
  });
  for (let j = 0; j < m; j++) colUpper[j] = 1;
  const integrality = new Int32Array(numCols);
  if (integer) for (let j = 0; j < m; j++) integrality[j] = 1;
  return {
    numCols,
    numRows,
    maximize: false,
    colCost,
    colLower,
    colUpper,
    rowLower: Float64Array.from([k, ...cuts.map((c) => c.rhs)]),
    rowUpper: Float64Array.from([k, ...cuts.map(() => Number.POSITIVE_INFINITY)]),
    starts,
    indices,
    values,
    integrality,
  };
}

export interface BendersResult {
  status: "optimal" | "time-limit";
  open: number[];
  value: number;
  bound: number;
  rounds: number;
  cuts: number;
  columns: number;
}

/** Exact p-median of `problem` with `k` sites, starting from the sites `start` (a feasible answer). */
export async function pMedianBenders(
  problem: HubProblem,
  k: number,
  order: readonly Int32Array[],
  solver: HubSolver,
  start: number[],
  startValue: number,
  timeLimitSeconds: number,
): Promise<BendersResult> {
  const m = problem.candidates.length;
  const n = problem.demand.codes.length;
  const points = Array.from({ length: n }, (_, i) => i).filter((i) => problem.demand.weight[i]! > 0);
  const slot = new Map(points.map((i, s) => [i, m + s]));
  const started = Date.now();
  const left = () => timeLimitSeconds - (Date.now() - started) / 1000;
  const cuts: Cut[] = [];
  const seen = new Set<string>();
  const add = (c: Cut) => {
    const key = `${c.point}|${c.rhs}|${c.sites.length}`;
    if (seen.has(key)) return false;
    seen.add(key);
    cuts.push(c);
    return true;
  };
  const ones = (open: readonly number[]) => {
    const y = new Float64Array(m);
    for (const j of open) y[j] = 1;
    return y;
  };
  let best = [...start];
  let bestValue = startValue;
  let bound = 0;
  let rounds = 0;
  {
    const y = ones(best);
    for (const i of points) add(cutAt(problem, order[i]!, i, y));
  }
  const tol = (v: number) => 1e-9 * Math.max(1, Math.abs(v));
  // Phase 1: the LP master.
  for (;;) {
    if (left() <= 0)
      return {
        status: "time-limit",
        open: best,
        value: bestValue,
        bound,
        rounds,
        cuts: cuts.length,
        columns: m + points.length,
      };
    const r = await solver.solve(master(problem, k, points, cuts, false), left());
    rounds++;
    if (r.status !== "optimal" || !r.colValue) break;
    bound = Math.max(bound, r.objective!);
    const x = r.colValue;
    let added = 0;
    for (const i of points) {
      const c = cutAt(problem, order[i]!, i, x);
      if (cutValue(c, x) > x[slot.get(i)!]! + 1e-7 * Math.max(1, c.rhs) && add(c)) added++;
    }
    if (added === 0) break;
  }
  // Phase 2: the MIP master until its θ equal its sites' distances.
  for (;;) {
    if (left() <= 0) break;
    const y0 = ones(best);
    const startCols = new Float64Array(m + points.length);
    startCols.set(y0);
    const { km } = nearestOpen(problem, best);
    points.forEach((i, s) => (startCols[m + s] = km[i]!));
    const r = await solver.solve(master(problem, k, points, cuts, true), left(), startCols);
    rounds++;
    if (!r.colValue) break;
    if (r.bound !== null && r.status === "optimal") bound = Math.max(bound, r.objective!);
    else if (r.bound !== null) bound = Math.max(bound, r.bound);
    const open: number[] = [];
    for (let j = 0; j < m; j++) if (r.colValue[j]! > 0.5) open.push(j);
    const near = nearestOpen(problem, open);
    let value = 0;
    for (const i of points) value += problem.demand.weight[i]! * near.km[i]!;
    if (
      value < bestValue - tol(bestValue) ||
      (Math.abs(value - bestValue) <= tol(bestValue) && open.join() < best.join())
    ) {
      best = open;
      bestValue = value;
    }
    if (r.status !== "optimal") break;
    if (bestValue <= r.objective! + tol(bestValue))
      return {
        status: "optimal",
        open: best,
        value: bestValue,
        bound: bestValue,
        rounds,
        cuts: cuts.length,
        columns: m + points.length,
      };
    const y = ones(open);
    let added = 0;
    for (const i of points) if (add(cutAt(problem, order[i]!, i, y))) added++;
    if (added === 0)
      throw new Error("p-median Benders: the master's sites are not optimal and no new cut was found");
  }
  return {
    status: "time-limit",
    open: best,
    value: bestValue,
    bound: Math.min(bound, bestValue),
    rounds,
    cuts: cuts.length,
    columns: m + points.length,
  };
}
