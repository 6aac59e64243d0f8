// The exact network designer: enumerate candidate networks (columns.ts), solve the set-partitioning MIP
// with HiGHS in a worker by column generation (column-generation.ts), and score the result with the same
// objective as the heuristic, so the two can be compared.
//
// It always starts from a known design (the caller's, or the heuristic's, run first): that design is the
// first incumbent, so the result is never worse than it, and its band tiers bound which candidate networks
// can matter. Designs are ordered lexicographically (patients under the minimum, over the maximum, under in
// relaxed networks, then soft cost), and tiers add up over networks, so a design at least as good as the
// incumbent is made only of networks whose own tiers fit within the incumbent's (for an in-band incumbent:
// only in-band networks). Every other candidate is dropped before HiGHS sees it, which also keeps the
// model's costs within a few orders of magnitude (HiGHS failed on the LP relaxation when networks under the
// minimum, priced at 1,000,000 per patient, sat beside ones of a few thousand).
//
// Returns the optimum with its proof, or the incumbent with an honest finite gap: when the enumeration is
// cut at its limit, the bound is a Lagrangian one that also covers every candidate not enumerated.
import { designNetworks, describeDesign, type DesignResult } from "../design/design.ts";
import { cohesionOf, evaluateProblem, type ObjectiveBreakdown } from "../design/objective.ts";
import { resolveOptions, type DesignOptions } from "../design/options.ts";
import { buildProblem, Waiver, type Problem } from "../design/problem.ts";
import type { Adjacency, Assignment, NetworkInstance } from "../instance.ts";
import { columnCost, enumerateColumns, type Columns, type Tiers } from "./columns.ts";
import { solveByColumnGeneration } from "./column-generation.ts";
import type { MipResult } from "./solve.ts";

export interface ExactOptions extends DesignOptions {
  /** HiGHS time limit in seconds. Default 60. */
  mipTimeLimitSeconds?: number;
  /** Most candidate networks to enumerate. Default 400,000 (about 10 s and 300 MB). */
  columnLimit?: number;
  /** A known design (e.g. the heuristic's), used as the first incumbent. Default: the heuristic's, run here. */
  initial?: Assignment;
}

/** What the result is: the proven optimum, or a design with a finite gap to a proven bound. */
export type ExactProof = "optimal" | "gap" | "none";

export interface ExactResult {
  status: MipResult["status"];
  /** "optimal": proven over every possible design; "gap": `bound` and `gap` hold for every design. */
  proof: ExactProof;
  /** Which method produced the returned design: the MIP, or the starting design it could not improve. */
  source: "mip" | "initial";
  assignment: Assignment | null;
  objective: ObjectiveBreakdown | null;
  /** Proven lower bound and relative gap (0 when optimal). */
  bound: number | null;
  gap: number | null;
  columns: number;
  /** Enumeration stopped at the column limit: the bound then comes from the Lagrangian argument. */
  truncated: boolean;
  /** The largest list a candidate network could have (the band maximum, raised when needed). */
  maxList: number;
  seconds: { initial: number; enumerate: number; solve: number };
  notes: string[];
  /** Column generation: the LP bound over all columns, pricing rounds, columns in the final binary model. */
  lpBound: number | null;
  rounds: number;
  finalColumns: number;
  /** The starting design's objective (the heuristic's when it was run here). */
  initialObjective: ObjectiveBreakdown;
  /** The design described as the heuristic describes its own (networks, figures, relaxations). */
  design: DesignResult | null;
}

const fmt = (v: number) => Math.round(v).toLocaleString("en-GB");

/** Whether a network of tiers `t` can be part of a design at least as good as one of tiers `cap`. */
export function admissible(t: Tiers, cap: Tiers): boolean {
  if (t.under > cap.under) return false;
  if (cap.under > 0) return true;
  if (t.over > cap.over) return false;
  if (cap.over > 0) return true;
  return t.relaxedUnder <= cap.relaxedUnder;
}

const keyOf = (units: ArrayLike<number>) => [...Array.from(units)].sort((a, b) => a - b).join(",");

/** The units of each network of an assignment. */
function unitGroups(pb: Problem, assignment: Assignment): number[][] {
  const groups = new Map<number, Set<number>>();
  assignment.forEach((n, p) => {
    if (!groups.has(n)) groups.set(n, new Set());
    groups.get(n)!.add(pb.unitOf[p]!);
  });
  return [...groups.values()].map((s) => [...s].sort((a, b) => a - b));
}

/** Adds the networks of a known design to the candidates where the enumeration missed them. */
function withDesign(
  pb: Problem,
  columns: Columns,
  groups: number[][],
): { columns: Columns; initial: number[] } {
  const index = new Map<string, number>();
  columns.units.forEach((us, j) => index.set(keyOf(us), j));
  const extra: { units: Int32Array; cost: number; list: number }[] = [];
  const initial = groups.map((g) => {
    const j = index.get(keyOf(g));
    if (j !== undefined) return j;
    const c = columnCost(pb, g);
    extra.push({ units: Int32Array.from(g), cost: c.cost, list: c.listSize });
    return columns.units.length + extra.length - 1;
  });
  if (extra.length === 0) return { columns, initial };
  const cost = new Float64Array(columns.cost.length + extra.length);
  cost.set(columns.cost);
  const listSize = new Float64Array(cost.length);
  listSize.set(columns.listSize);
  extra.forEach((e, k) => {
    cost[columns.cost.length + k] = e.cost;
    listSize[columns.cost.length + k] = e.list;
  });
  return {
    columns: {
      units: [...columns.units, ...extra.map((e) => e.units)],
      cost,
      listSize,
      truncated: columns.truncated,
    },
    initial,
  };
}

/**
 * A lower bound on the reduced cost c_j − Σ_{u∈j} π_u of every candidate network of at most `maxList`
 * patients, enumerated or not. A network's cost is at least the sum over its units of half the unit's own
 * cohesion about its own centre (for any centre c, Σ w·d(point, c) ≥ the geometric-median cost ≥ half the
 * cost about the centroid; disruption, place and penalties are ≥ 0), so its reduced cost is at least
 * −Σ_{u∈j} (π_u − g_u)⁺, whose most negative value within the list cap is a fractional knapsack.
 */
export function reducedCostFloor(
  pb: Problem,
  duals: ArrayLike<number>,
  g: Float64Array,
  maxList: number,
): number {
  const items: { profit: number; weight: number }[] = [];
  for (let u = 0; u < pb.unitCount; u++) {
    const profit = duals[u]! - g[u]!;
    if (profit > 0) items.push({ profit, weight: pb.unitW[u]! });
  }
  items.sort((a, b) => b.profit * a.weight - a.profit * b.weight || b.profit - a.profit);
  let left = maxList;
  let gain = 0;
  for (const it of items) {
    if (it.weight <= left) {
      gain += it.profit;
      left -= it.weight;
    } else {
      gain += (it.profit * left) / it.weight;
      break;
    }
  }
  return -gain;
}

export async function designExact(
  instance: NetworkInstance,
  adjacency: Adjacency,
  options: ExactOptions = {},
): Promise<ExactResult> {
  const t0 = performance.now();
  const pb = buildProblem(instance, adjacency, resolveOptions(options));
  const limit = options.columnLimit ?? 400_000;
  const notes: string[] = [];
  const start = options.initial ?? designNetworks(instance, adjacency, options).assignment;
  const initialObjective = evaluateProblem(pb, start);
  const cap: Tiers = {
    under: initialObjective.underMinimum,
    over: initialObjective.overMaximum,
    relaxedUnder: initialObjective.relaxedUnderMinimum,
  };
  // Networks over the maximum can only help a design as good as the start if it has some over, or under.
  const maxList =
    cap.under > 0 ? pb.band.max + pb.band.min : cap.over > 0 ? pb.band.max + cap.over : pb.band.max;
  const t1 = performance.now();
  const enumerated = enumerateColumns(pb, { maxList, limit, admit: (t) => admissible(t, cap) });
  const { columns, initial } = withDesign(pb, enumerated, unitGroups(pb, start));
  const t2 = performance.now();

  // The most networks a design can have, and (for a truncated enumeration) a per-unit cost floor: together
  // they give a Lagrangian bound valid for every design, even while the LP has not converged.
  const anyWaived = pb.unitWaiver.some((w) => w !== Waiver.None);
  const total = pb.w.reduce((s, v) => s + v, 0);
  const count =
    cap.under === 0 && !anyWaived && pb.band.min > 0 ? Math.floor(total / pb.band.min) : pb.unitCount;
  // g_u: half a unit's own cohesion about its own centre, a floor on what it adds to any network's cost.
  const g = new Float64Array(pb.unitCount);
  for (let u = 0; u < pb.unitCount; u++)
    g[u] = 0.5 * cohesionOf(pb, pb.unitPractices.subarray(pb.unitStart[u]!, pb.unitStart[u + 1]!));
  const trivialBound = g.reduce((s, v) => s + v, 0);
  let floor: (duals: ArrayLike<number>) => number = () => Infinity;
  if (columns.truncated) floor = (duals) => reducedCostFloor(pb, duals, g, maxList);
  const outside = { count, floor, complete: !columns.truncated };

  const mip = await solveByColumnGeneration(pb.unitCount, columns, {
    initial,
    timeLimitSeconds: options.mipTimeLimitSeconds ?? 60,
    outside,
  });
  let assignment: Assignment | null = null;
  if (mip.chosenColumns.length > 0) {
    assignment = new Int32Array(pb.n).fill(-1);
    mip.chosenColumns.forEach((j, network) => {
      for (const u of columns.units[j]!)
        for (let k = pb.unitStart[u]!; k < pb.unitStart[u + 1]!; k++)
          assignment![pb.unitPractices[k]!] = network;
    });
  }
  let objective = assignment ? evaluateProblem(pb, assignment) : null;
  // Never worse than the start (HiGHS may stop with a worse incumbent).
  let source: ExactResult["source"] = "mip";
  if (
    !assignment ||
    !objective ||
    objective.total > initialObjective.total + 1e-9 * Math.abs(initialObjective.total)
  ) {
    assignment = Int32Array.from(start);
    objective = initialObjective;
    source = "initial";
  } else if (initial.length === mip.chosenColumns.length && keyOf(initial) === keyOf(mip.chosenColumns))
    source = "initial";
  // Every design costs at least Σ g_u, whatever the Lagrangian bound says.
  const bound =
    mip.bound === null ? (columns.truncated ? trivialBound : null) : Math.max(mip.bound, trivialBound);
  const gap =
    bound !== null && objective.total > 0 ? Math.max(0, (objective.total - bound) / objective.total) : null;
  const proof: ExactProof =
    mip.status === "optimal" && !columns.truncated
      ? "optimal"
      : gap !== null && Number.isFinite(gap)
        ? "gap"
        : "none";
  if (columns.truncated)
    notes.push(
      `The enumeration stopped at ${fmt(limit)} candidate networks, so the bound must cover the rest: it is the larger of a Lagrangian bound (at most ${fmt(count)} networks, each no cheaper than its units' own spread allows) and the sum of the units' own spread (${fmt(trivialBound)}).`,
    );
  if (objective.overMaximum > 0)
    notes.push(
      proof === "optimal"
        ? `No partition into networks of at most ${fmt(pb.band.max)} patients keeps every network at the minimum: the optimum has ${fmt(objective.overMaximum)} patients over the maximum.`
        : `The design has ${fmt(objective.overMaximum)} patients over the maximum of ${fmt(pb.band.max)} (not proven unavoidable).`,
    );
  if (objective.underMinimum > 0)
    notes.push(
      proof === "optimal"
        ? `No contiguous partition keeps every network at the minimum of ${fmt(pb.band.min)}: the optimum has ${fmt(objective.underMinimum)} patients short of it.`
        : `The design has ${fmt(objective.underMinimum)} patients short of the minimum of ${fmt(pb.band.min)} (not proven unavoidable).`,
    );
  if (mip.message) notes.push(mip.message);
  const seconds = (performance.now() - t0) / 1000;
  return {
    status: mip.status,
    proof,
    source,
    assignment,
    objective,
    bound,
    gap: proof === "optimal" ? 0 : gap,
    columns: columns.units.length,
    truncated: columns.truncated,
    maxList,
    seconds: { initial: (t1 - t0) / 1000, enumerate: (t2 - t1) / 1000, solve: mip.seconds },
    notes,
    lpBound: mip.lpBound,
    rounds: mip.rounds,
    finalColumns: mip.finalColumns,
    initialObjective,
    design: describeDesign(instance, pb, assignment, {
      seed: 0,
      iterations: 0,
      seconds,
      method: "exact",
    }),
  };
}
