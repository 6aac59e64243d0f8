// Places k hubs exactly with HiGHS: p-median (minimise the need-weighted distance to the nearest open hub)
// or maximal covering (maximise the need within a distance). See model.ts for the formulations.
//
// p-median is solved on a relaxation that lets each demand point see only its L nearest sites (L starts at
// min(m, ⌈3m/k⌉ + 2)); a point with none of them open pays the distance of its (L+1)-th nearest, a lower
// bound. When the true objective of the optimal sites equals the model's, they are optimal for the full
// problem; otherwise the points left with no site in reach see twice as many and the model is solved
// again (Garcia, Labbé and Marín 2011 use the same idea). Each round starts from the best sites so far
// (the first from a greedy placement), so HiGHS always holds a feasible answer.
import { accessOf, coveredWeight, nearestOpen, weightedDistance, type Access } from "./access.ts";
import { coveringModel, pMedianModel, siteOrder, type MipData } from "./model.ts";
import { HubRequestError, type HubObjective, type HubProblem } from "./problem.ts";
import { openHubSolver, type HubSolver } from "./solve.ts";

export interface HubOptions {
  k: number;
  objective: HubObjective;
  /** The covering distance, and the distance access is reported within, km. */
  withinKm: number;
  /** HiGHS time limit in seconds for the whole placement (default 60). */
  timeLimitSeconds?: number;
  /** First neighbour limit of the p-median relaxation (default ⌈3m/k⌉ + 2, at most m). */
  initialLimit?: number;
}

export interface HubPlacement {
  k: number;
  objective: HubObjective;
  withinKm: number;
  /** `optimal`: proven optimal; `time-limit`: the best found when time ran out (see `gap`). */
  status: "optimal" | "time-limit";
  /** Indices of the open sites in `problem.candidates`, ascending. */
  hubs: number[];
  /** The open site each demand point goes to (its nearest), index into `problem.candidates`. */
  assignment: Int32Array;
  /** p-median: Σ weight × km; covering: the weight within `withinKm`. */
  value: number;
  /** The best proven bound on `value` (equal to it when optimal). */
  bound: number;
  gap: number;
  /** HiGHS solves (p-median rounds) and the largest model's size. */
  rounds: number;
  columns: number;
  rows: number;
  seconds: number;
  access: Access;
}

const relTol = (v: number) => 1e-9 * Math.max(1, Math.abs(v));

function check(problem: HubProblem, options: HubOptions): void {
  const m = problem.candidates.length;
  if (m === 0) throw new HubRequestError("there are no candidate sites (practice sites or --sites)", "sites");
  if (!Number.isInteger(options.k) || options.k < 1 || options.k > m)
    throw new HubRequestError(
      `k must be a whole number from 1 to ${m} (the candidate sites); found ${options.k}`,
      "k",
    );
  if (!(options.withinKm > 0))
    throw new HubRequestError(`--within must be a distance above 0 km; found ${options.withinKm}`, "within");
  let total = 0;
  for (const w of problem.demand.weight) total += w > 0 ? w : 0;
  if (!(total > 0))
    throw new HubRequestError(
      "there is no demand: every demand point has zero need",
      "specialty",
      "unprocessable",
    );
}

/** Greedy start: open, k times, the site that improves the objective most (lowest index on a tie). */
export function greedyHubs(
  problem: HubProblem,
  k: number,
  score: (open: number[]) => number,
  maximise: boolean,
): number[] {
  const open: number[] = [];
  for (let step = 0; step < k; step++) {
    let best = -1;
    let bestScore = 0;
    for (let j = 0; j < problem.candidates.length; j++) {
      if (open.includes(j)) continue;
      const s = score([...open, j]);
      if (best < 0 || (maximise ? s > bestScore : s < bestScore)) {
        best = j;
        bestScore = s;
      }
    }
    open.push(best);
  }
  return open.sort((a, b) => a - b);
}

/** The p-median model's column vector for the given open sites (points to their nearest open, else u). */
function pMedianStart(
  problem: HubProblem,
  open: readonly number[],
  order: readonly Int32Array[],
  limit: Int32Array,
  numCols: number,
): Float64Array {
  const m = problem.candidates.length;
  const x = new Float64Array(numCols);
  for (const j of open) x[j] = 1;
  const { site } = nearestOpen(problem, open);
  let col = m;
  for (let i = 0; i < problem.demand.codes.length; i++) {
    if (!(problem.demand.weight[i]! > 0)) continue;
    let placed = false;
    for (let t = 0; t < limit[i]!; t++) {
      if (!placed && order[i]![t] === site[i]) {
        x[col] = 1;
        placed = true;
      }
      col++;
    }
    if (limit[i]! < m) {
      if (!placed) x[col] = 1;
      col++;
    }
  }
  return x;
}

const openSites = (colValue: Float64Array, m: number): number[] => {
  const open: number[] = [];
  for (let j = 0; j < m; j++) if (colValue[j]! > 0.5) open.push(j);
  return open;
};

async function pMedian(
  problem: HubProblem,
  options: HubOptions,
  order: readonly Int32Array[],
  solver: HubSolver,
) {
  const m = problem.candidates.length;
  const n = problem.demand.codes.length;
  const first = Math.min(m, options.initialLimit ?? Math.ceil((3 * m) / options.k) + 2);
  const limit = new Int32Array(n).fill(first);
  const started = Date.now();
  const timeLimit = options.timeLimitSeconds ?? 60;
  let best = greedyHubs(problem, options.k, (open) => weightedDistance(problem, open), false);
  let bestValue = weightedDistance(problem, best);
  let bound = 0;
  let rounds = 0;
  let columns = 0;
  let rows = 0;
  for (;;) {
    const model: MipData = pMedianModel(problem, options.k, order, limit);
    columns = Math.max(columns, model.numCols);
    rows = Math.max(rows, model.numRows);
    const left = timeLimit - (Date.now() - started) / 1000;
    if (left <= 0) return { status: "time-limit" as const, best, bestValue, bound, rounds, columns, rows };
    const r = await solver.solve(model, left, pMedianStart(problem, best, order, limit, model.numCols));
    rounds++;
    if (r.status === "error" || r.status === "infeasible")
      throw new Error(`HiGHS could not solve the p-median model: ${r.message ?? r.status}`);
    // The model is a relaxation: its bound (or optimum) bounds the full problem.
    const modelBound = r.status === "optimal" ? r.objective! : (r.bound ?? 0);
    bound = Math.max(bound, Math.min(modelBound, bestValue));
    if (r.colValue) {
      const open = openSites(r.colValue, m);
      const value = weightedDistance(problem, open);
      if (
        value < bestValue - relTol(bestValue) ||
        (Math.abs(value - bestValue) <= relTol(bestValue) && open.join() < best.join())
      ) {
        best = open;
        bestValue = value;
      }
      if (r.status === "optimal" && value <= r.objective! + relTol(value))
        return {
          status: "optimal" as const,
          best: open,
          bestValue: value,
          bound: value,
          rounds,
          columns,
          rows,
        };
      if (r.status !== "optimal")
        return { status: "time-limit" as const, best, bestValue, bound, rounds, columns, rows };
      // Widen the points with none of their nearest sites open.
      const isOpen = new Uint8Array(m);
      for (const j of open) isOpen[j] = 1;
      let widened = 0;
      for (let i = 0; i < n; i++) {
        if (!(problem.demand.weight[i]! > 0) || limit[i]! >= m) continue;
        let reached = false;
        for (let t = 0; t < limit[i]! && !reached; t++) reached = isOpen[order[i]![t]!] === 1;
        if (!reached) {
          limit[i] = Math.min(m, 2 * limit[i]!);
          widened++;
        }
      }
      if (widened === 0)
        throw new Error(
          "p-median: the relaxation's optimum differs from its sites' value with no point to widen",
        );
    } else return { status: "time-limit" as const, best, bestValue, bound, rounds, columns, rows };
  }
}

async function covering(problem: HubProblem, options: HubOptions, solver: HubSolver) {
  const m = problem.candidates.length;
  const model = coveringModel(problem, options.k, options.withinKm);
  const greedy = greedyHubs(
    problem,
    options.k,
    (open) => coveredWeight(problem, open, options.withinKm),
    true,
  );
  const start = new Float64Array(model.numCols);
  for (const j of greedy) start[j] = 1;
  // z columns follow the sites in point order, for the points with a site in reach.
  const { km } = nearestOpen(problem, greedy);
  let col = m;
  for (let i = 0; i < problem.demand.codes.length; i++) {
    if (!(problem.demand.weight[i]! > 0)) continue;
    let any = false;
    for (let j = 0; j < m && !any; j++) any = problem.distance[i * m + j]! <= options.withinKm;
    if (!any) continue;
    start[col++] = km[i]! <= options.withinKm ? 1 : 0;
  }
  const r = await solver.solve(model, options.timeLimitSeconds ?? 60, start);
  if (r.status === "error" || r.status === "infeasible")
    throw new Error(`HiGHS could not solve the covering model: ${r.message ?? r.status}`);
  const greedyValue = coveredWeight(problem, greedy, options.withinKm);
  let best = greedy;
  let bestValue = greedyValue;
  if (r.colValue) {
    const open = openSites(r.colValue, m);
    const value = coveredWeight(problem, open, options.withinKm);
    if (value >= bestValue - relTol(bestValue)) {
      best = open;
      bestValue = value;
    }
  }
  const status = r.status === "optimal" ? ("optimal" as const) : ("time-limit" as const);
  const bound = status === "optimal" ? bestValue : Math.max(bestValue, r.bound ?? Number.POSITIVE_INFINITY);
  return { status, best, bestValue, bound, rounds: 1, columns: model.numCols, rows: model.numRows };
}

/**
 * Places `k` hubs among the candidate sites.
 * @example await placeHubs(hubProblem(demand, sites), { k: 3, objective: "p-median", withinKm: 5 })
 */
export async function placeHubs(
  problem: HubProblem,
  options: HubOptions,
  cache: { order?: Int32Array[]; solver?: HubSolver } = {},
): Promise<HubPlacement> {
  check(problem, options);
  const started = Date.now();
  const solver = cache.solver ?? (await openHubSolver());
  let r: Awaited<ReturnType<typeof covering>>;
  try {
    r =
      options.objective === "p-median"
        ? await pMedian(problem, options, (cache.order ??= siteOrder(problem)), solver)
        : await covering(problem, options, solver);
  } finally {
    if (!cache.solver) await solver.close();
  }
  const hubs = [...r.best].sort((a, b) => a - b);
  const gap =
    r.status === "optimal" ? 0 : Math.abs(r.bestValue - r.bound) / Math.max(1e-12, Math.abs(r.bestValue));
  return {
    k: options.k,
    objective: options.objective,
    withinKm: options.withinKm,
    status: r.status,
    hubs,
    assignment: nearestOpen(problem, hubs).site,
    value: r.bestValue,
    bound: r.bound,
    gap,
    rounds: r.rounds,
    columns: r.columns,
    rows: r.rows,
    seconds: (Date.now() - started) / 1000,
    access: accessOf(problem, hubs, options.withinKm),
  };
}
