// Solving the set-partitioning model over many candidate networks (hundreds of thousands) exactly, by
// column generation and reduced-cost filtering, so HiGHS only ever sees a few thousand columns:
//  1. Restricted master LP over a pool (the heuristic's networks, every single unit, so it is feasible);
//     price every enumerated column with the LP duals π (reduced cost c_j − Σ_{u∈j} π_u) and add the most
//     negative; repeat until none is negative. The LP optimum is then a lower bound LB for every design.
//  2. A binary solve over the pool gives an incumbent UB (or the heuristic's design if better).
//  3. Any design cheaper than UB is made only of columns with reduced cost < UB − LB (its cost is
//     LB + Σ of its columns' non-negative reduced costs), so the binary model over those columns, solved to
//     optimality, is optimal over all enumerated columns.
import type { Columns } from "./columns.ts";
import { setPartitioningLp } from "./model.ts";
import { openLpSession, solveMip, type MipResult } from "./solve.ts";

export interface ColumnGenerationResult extends MipResult {
  /** Optimum of the LP relaxation over all columns: a proven lower bound. */
  lpBound: number | null;
  rounds: number;
  /** Columns in the final binary model. */
  finalColumns: number;
  /** Indices into `columns` of the chosen networks. */
  chosenColumns: number[];
}

export interface ColumnGenerationOptions {
  /** Columns of a known design (e.g. the heuristic's): a first incumbent and part of the first pool. */
  initial: readonly number[];
  timeLimitSeconds: number;
  /** Columns added per pricing round (default 1,500). */
  perRound?: number;
  /** Largest final binary model (default 60,000 columns); larger means the gap cannot be closed in time. */
  finalLimit?: number;
  /**
   * When `columns` is not every candidate (a truncated enumeration): the most networks a design can have,
   * and a lower bound on the reduced cost of any candidate network given the duals. The bound is then the
   * Lagrangian one, Σ π_u + count × min(0, least reduced cost), valid for every design.
   */
  outside?: { count: number; floor: (duals: ArrayLike<number>) => number; complete: boolean };
}

const reducedCosts = (columns: Columns, duals: ArrayLike<number>): Float64Array => {
  const rc = new Float64Array(columns.units.length);
  for (let j = 0; j < rc.length; j++) {
    let s = columns.cost[j]!;
    for (const u of columns.units[j]!) s -= duals[u]!;
    rc[j] = s;
  }
  return rc;
};

export async function solveByColumnGeneration(
  unitCount: number,
  columns: Columns,
  options: ColumnGenerationOptions,
): Promise<ColumnGenerationResult> {
  const started = performance.now();
  const deadline = started + options.timeLimitSeconds * 1000;
  const left = () => Math.max(1, (deadline - performance.now()) / 1000);
  const perRound = options.perRound ?? 1500;
  const inPool = new Uint8Array(columns.units.length);
  const pool: number[] = [];
  const add = (j: number) => {
    if (!inPool[j]) {
      inPool[j] = 1;
      pool.push(j);
    }
  };
  options.initial.forEach(add);
  for (let j = 0; j < columns.units.length; j++) if (columns.units[j]!.length === 1) add(j);
  // Units that cannot stand alone (locked with others): the cheapest column holding each.
  const covered = new Uint8Array(unitCount);
  for (const j of pool) for (const u of columns.units[j]!) covered[u] = 1;
  const cheapest = new Int32Array(unitCount).fill(-1);
  for (let j = 0; j < columns.units.length; j++)
    for (const u of columns.units[j]!)
      if (!covered[u] && (cheapest[u] === -1 || columns.cost[j]! < columns.cost[cheapest[u]!]!))
        cheapest[u] = j;
  for (let u = 0; u < unitCount; u++) {
    if (covered[u]) continue;
    if (cheapest[u] === -1)
      return {
        status: "infeasible",
        chosen: [],
        chosenColumns: [],
        objective: null,
        bound: null,
        gap: null,
        seconds: (performance.now() - started) / 1000,
        lpBound: null,
        rounds: 0,
        finalColumns: 0,
        message: "some practices are in no candidate network",
      };
    add(cheapest[u]!);
    for (const v of columns.units[cheapest[u]!]!) covered[v] = 1;
  }

  const initialCost =
    options.initial.length > 0 ? options.initial.reduce((s, j) => s + columns.cost[j]!, 0) : Infinity;
  const tolerance = (v: number) => 1e-9 * Math.max(1, Math.abs(v));
  let rounds = 0;
  let lpBound: number | null = null;
  let rc: Float64Array | null = null;
  // The best Lagrangian bound seen (only used when the columns are not every candidate).
  let lagrangian: number | null = null;
  let converged = false;
  let enumeratedBound = 0;
  const outside = options.outside;
  const complete = outside?.complete ?? true;
  let session = await openLpSession();
  try {
    let lp = await session.read(setPartitioningLp(unitCount, columns, { subset: pool, relax: true }));
    for (;;) {
      rounds++;
      if (lp.status !== "optimal" || lp.objective === null) {
        lpBound = null;
        break;
      }
      rc = reducedCosts(columns, lp.duals);
      if (outside) {
        let least = outside.floor(lp.duals);
        for (let j = 0; j < rc.length; j++) if (rc[j]! < least) least = rc[j]!;
        const sum = lp.duals.reduce((a, b) => a + b, 0);
        const lb = sum + outside.count * Math.min(0, least);
        if (lagrangian === null || lb > lagrangian) lagrangian = lb;
      }
      const negative: number[] = [];
      for (let j = 0; j < rc.length; j++)
        if (!inPool[j] && rc[j]! < -tolerance(lp.objective)) negative.push(j);
      if (negative.length === 0) {
        converged = true;
        enumeratedBound = lp.objective;
        lpBound = complete ? lp.objective : lagrangian;
        break;
      }
      if (performance.now() > deadline) break;
      negative.sort((a, b) => rc![a]! - rc![b]!);
      const added = negative.slice(0, perRound);
      added.forEach(add);
      lp = await session.add(added.map((j) => ({ cost: columns.cost[j]!, rows: columns.units[j]! })));
      if (lp.status === "error") {
        // HiGHS (WASM) sometimes fails to re-solve after columns are appended: read the pool afresh.
        await session.close();
        session = await openLpSession();
        lp = await session.read(setPartitioningLp(unitCount, columns, { subset: pool, relax: true }));
      }
    }
  } finally {
    await session.close();
  }

  const finish = (r: MipResult, subset: readonly number[], finalColumns: number): ColumnGenerationResult => ({
    ...r,
    seconds: (performance.now() - started) / 1000,
    lpBound,
    rounds,
    finalColumns,
    chosenColumns: r.chosen.map((k) => subset[k]!),
  });

  // Incumbent over the pool.
  // A good incumbent narrows the final model; it need not be proven optimal, so its time is capped.
  // (Starting HiGHS from the heuristic's design made it slower to find better ones, so it starts cold.)
  const poolMip = await solveMip(
    setPartitioningLp(unitCount, columns, { subset: pool }),
    Math.min(left(), Math.max(5, options.timeLimitSeconds / 3)),
  );
  let ub = initialCost;
  let incumbent: MipResult = { ...poolMip };
  let incumbentSubset: readonly number[] = pool;
  if (Number.isFinite(initialCost) && (poolMip.objective === null || poolMip.objective > initialCost)) {
    incumbent = {
      status: "time-limit",
      chosen: options.initial.map((_, k) => k),
      objective: initialCost,
      bound: null,
      gap: null,
      seconds: 0,
    };
    incumbentSubset = options.initial;
  } else ub = poolMip.objective ?? Infinity;
  if (!Number.isFinite(ub)) return finish({ ...poolMip, bound: lpBound, gap: null }, pool, pool.length);

  if (!converged || lpBound === null || rc === null) {
    // The LP did not converge in time (or failed): the incumbent, with the best Lagrangian bound seen.
    const bound = lagrangian;
    return finish(
      {
        ...incumbent,
        status: "time-limit",
        bound,
        gap: bound === null ? null : Math.max(0, (ub - bound) / Math.abs(ub)),
      },
      incumbentSubset,
      pool.length,
    );
  }
  const gapAbs = ub - lpBound;
  if (gapAbs <= tolerance(ub))
    return finish({ ...incumbent, status: "optimal", bound: lpBound, gap: 0 }, incumbentSubset, pool.length);

  // Columns that could improve on UB among those given (all of them only when `complete`).
  const filterGap = ub - enumeratedBound;
  const finalSet = [...pool];
  for (let j = 0; j < rc.length; j++) if (!inPool[j] && rc[j]! <= filterGap + tolerance(ub)) finalSet.push(j);
  if (finalSet.length > (options.finalLimit ?? 60_000))
    return finish(
      {
        ...incumbent,
        status: "time-limit",
        bound: lpBound,
        gap: gapAbs / Math.abs(ub),
        message: `${finalSet.length.toLocaleString("en-GB")} networks could still improve the design: too many to search exactly`,
      },
      incumbentSubset,
      finalSet.length,
    );
  const finalPosition = new Map(finalSet.map((j, k) => [j, k]));
  const best = incumbentSubset === pool ? incumbent.chosen.map((k) => pool[k]!) : [...options.initial];
  const mip = await solveMip(setPartitioningLp(unitCount, columns, { subset: finalSet }), left(), {
    ones: best.map((j) => finalPosition.get(j)!),
    numCols: finalSet.length,
  });
  // HiGHS proved the final model's optimum no better than the incumbent: the incumbent is optimal (its cost,
  // summed here, and HiGHS's objective may differ in the last digits).
  if (complete && mip.status === "optimal" && mip.objective !== null && mip.objective >= ub - tolerance(ub))
    return finish(
      { ...incumbent, status: "optimal", bound: Math.min(ub, mip.objective), gap: 0 },
      incumbentSubset,
      finalSet.length,
    );
  if (mip.objective === null || mip.objective > ub)
    return finish(
      { ...incumbent, status: "time-limit", bound: lpBound, gap: gapAbs / Math.abs(ub) },
      incumbentSubset,
      finalSet.length,
    );
  // Over every candidate, the final model's optimum is the optimum; over some only, the Lagrangian bound stays.
  const proven = complete && mip.status === "optimal";
  const bound = proven ? mip.objective : complete ? Math.max(lpBound, mip.bound ?? lpBound) : lpBound;
  return finish(
    {
      ...mip,
      status: proven ? "optimal" : "time-limit",
      bound,
      gap: proven ? 0 : Math.max(0, (mip.objective - bound) / Math.abs(mip.objective)),
    },
    finalSet,
    finalSet.length,
  );
}
