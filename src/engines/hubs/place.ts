// Places k hubs exactly with HiGHS: p-median (minimise the need-weighted distance to the nearest open hub)
// or maximal covering (maximise the need within a distance). See benders.ts and model.ts.
//
// p-median is solved by Benders decomposition (benders.ts): a master over the site binaries only, with
// closed-form cuts, started from a greedy placement so HiGHS always holds a feasible answer. Covering is
// one MIP (model.ts), also started from a greedy placement.
import { accessOf, coveredWeight, nearestOpen, weightedDistance, type Access } from "./access.ts";
import { pMedianBenders } from "./benders.ts";
import { coveringModel, siteOrder } from "./model.ts";
import { HubRequestError, type HubObjective, type HubProblem } from "./problem.ts";
import { openHubSolver, type HubSolver } from "./solve.ts";

export interface HubOptions {
  k: number;
  objective: HubObjective;
  /** The covering distance, and the distance access is reported within, km. */
  withinKm: number;
  /** HiGHS time limit in seconds for the whole placement (default 60). */
  timeLimitSeconds?: number;
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
  const start = greedyHubs(problem, options.k, (open) => weightedDistance(problem, open), false);
  const r = await pMedianBenders(
    problem,
    options.k,
    order,
    solver,
    start,
    weightedDistance(problem, start),
    options.timeLimitSeconds ?? 60,
  );
  return {
    status: r.status,
    best: r.open,
    bestValue: r.value,
    bound: r.bound,
    rounds: r.rounds,
    columns: r.columns,
    rows: r.cuts + 1,
  };
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
