// The exact network designer: enumerate candidate networks (columns.ts), solve the set-partitioning MIP
// with HiGHS in a worker (solve.ts), and score the result with the same objective as the heuristic, so the
// two can be compared. Returns the optimum, or the incumbent with its proven gap when the time limit stops
// the search, or says why there is none.
import { evaluateProblem, type ObjectiveBreakdown } from "../design/objective.ts";
import { resolveOptions, type DesignOptions } from "../design/options.ts";
import { describeDesign, type DesignResult } from "../design/design.ts";
import { buildProblem } from "../design/problem.ts";
import type { Adjacency, Assignment, NetworkInstance } from "../instance.ts";
import { enumerateColumns } from "./columns.ts";
import { solveByColumnGeneration } from "./column-generation.ts";
import type { MipResult } from "./solve.ts";

export interface ExactOptions extends DesignOptions {
  /** HiGHS time limit in seconds. Default 60. */
  mipTimeLimitSeconds?: number;
  /** Most candidate networks to enumerate. Default 400,000 (about 10 s and 300 MB). */
  columnLimit?: number;
  /** A known design (e.g. the heuristic's), used as the first incumbent. */
  initial?: Assignment;
}

export interface ExactResult {
  status: MipResult["status"];
  assignment: Assignment | null;
  objective: ObjectiveBreakdown | null;
  /** Proven lower bound and relative gap (0 when optimal). */
  bound: number | null;
  gap: number | null;
  columns: number;
  /** Enumeration stopped at the column limit: optimality is over the enumerated networks only. */
  truncated: boolean;
  /** The largest list a candidate network could have (the band maximum, raised when needed). */
  maxList: number;
  seconds: { enumerate: number; solve: number };
  notes: string[];
  /** Column generation: the LP bound over all columns, pricing rounds, columns in the final binary model. */
  lpBound: number | null;
  rounds: number;
  finalColumns: number;
  /** The design described as the heuristic describes its own (networks, figures, relaxations). */
  design: DesignResult | null;
}

export async function designExact(
  instance: NetworkInstance,
  adjacency: Adjacency,
  options: ExactOptions = {},
): Promise<ExactResult> {
  const pb = buildProblem(instance, adjacency, resolveOptions(options));
  const limit = options.columnLimit ?? 400_000;
  const notes: string[] = [];
  // First within the band; if no partition exists there (geography forces a network over the maximum),
  // again allowing networks up to maximum + minimum, whose excess is penalised as in the heuristic.
  let best: ExactResult | null = null;
  for (const maxList of [pb.band.max, pb.band.max + pb.band.min]) {
    const t0 = performance.now();
    const columns = enumerateColumns(pb, { maxList, limit });
    const t1 = performance.now();
    const initial: number[] = [];
    if (options.initial) {
      const index = new Map<string, number>();
      columns.units.forEach((us, j) => index.set([...us].sort((a, b) => a - b).join(","), j));
      const groups = new Map<number, Set<number>>();
      options.initial.forEach((n, p) => {
        if (!groups.has(n)) groups.set(n, new Set());
        groups.get(n)!.add(pb.unitOf[p]!);
      });
      const found = [...groups.values()].map((us) => index.get([...us].sort((a, b) => a - b).join(",")));
      if (found.every((j) => j !== undefined)) initial.push(...(found as number[]));
    }
    const mip = await solveByColumnGeneration(pb.unitCount, columns, {
      initial,
      timeLimitSeconds: options.mipTimeLimitSeconds ?? 60,
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
    const last: ExactResult = {
      status: mip.status,
      assignment,
      objective: assignment ? evaluateProblem(pb, assignment) : null,
      bound: mip.bound,
      gap: mip.gap,
      columns: columns.units.length,
      truncated: columns.truncated,
      maxList,
      seconds: { enumerate: (t1 - t0) / 1000, solve: mip.seconds },
      notes: [...notes, ...(mip.message ? [mip.message] : [])],
      lpBound: mip.lpBound,
      rounds: mip.rounds,
      finalColumns: mip.finalColumns,
      design: assignment
        ? describeDesign(instance, pb, assignment, {
            seed: 0,
            iterations: 0,
            seconds: (performance.now() - t0) / 1000,
          })
        : null,
    };
    const tiers = last.objective?.underMinimum ?? 0;
    if (mip.status !== "infeasible" && tiers === 0) return last;
    if (best === null || (last.objective && (!best.objective || last.objective.total < best.objective.total)))
      best = last;
    notes.push(
      mip.status === "infeasible"
        ? `No partition into networks of at most ${maxList.toLocaleString("en-GB")} patients exists.`
        : `No partition into networks of at most ${maxList.toLocaleString("en-GB")} patients keeps every network at the minimum.`,
    );
  }
  return { ...best!, notes };
}
