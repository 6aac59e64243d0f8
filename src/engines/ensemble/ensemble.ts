// Is a proposal an outlier? An ensemble of valid alternative designs drawn by the recombination chain
// (recom.ts) from a valid start — every network contiguous and within the band — and, for each
// configuration asked about (today's map, a design, a user's map), where it falls among them on the
// figures a planner argues about:
//
//   cohesion      patient-km from home to the network's population centre (lower: more compact)
//   disruption    patients moved away from today's network-mates (lower: less change)
//   place         patients at practices outside their network's main place (lower: fewer places crossed)
//   localisation  share of patients registered in a practice of the network their LSOA is assigned to
//                 (higher: more local; only where the instance has LSOA registrations)
//
// A configuration's percentile on a figure is the share of ensemble plans whose value is at or below its
// own (ties count half), so 3% cohesion means only 3% of valid plans are as compact or more. The chain is
// not uniform over partitions (see recom.ts), so percentiles are against the ReCom ensemble, the standard
// reference in redistricting analysis, not against all partitions. Pure and seeded.
import { evaluateProblem } from "../networks/design/objective.ts";
import type { Problem } from "../networks/design/problem.ts";
import type { Adjacency, Assignment, NetworkInstance } from "../networks/instance.ts";
import { localisation, lsoaRows } from "../networks/localisation.ts";
import { RecomChain, type Rng } from "./recom.ts";

export const ENSEMBLE_METRICS = ["cohesion", "disruption", "place", "localisation"] as const;
export type EnsembleMetric = (typeof ENSEMBLE_METRICS)[number];

/** Whether a lower value is the better one. */
export const LOWER_IS_BETTER: Record<EnsembleMetric, boolean> = {
  cohesion: true,
  disruption: true,
  place: true,
  localisation: false,
};

export type Figures = Record<EnsembleMetric, number | null>;

export interface Distribution {
  min: number;
  p5: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
  max: number;
}

export interface Position {
  label: string;
  networks: number;
  figures: Figures;
  /** Share (0–1) of ensemble plans at or below this configuration's value; null where not measured. */
  percentiles: Record<EnsembleMetric, number | null>;
}

export interface EnsembleOptions {
  steps: number;
  seed: number;
  /** Trees drawn for a pair before a step stays (recom.ts; default 10). */
  treeAttempts?: number;
  /**
   * Record the plan every `thin` steps (default DEFAULT_THIN): consecutive plans differ in two networks
   * only, so every step's figures would add cost, not information (standard MCMC thinning).
   */
  thin?: number;
}

export interface EnsembleResult {
  steps: number;
  /** Steps that changed the plan (the others found no balanced split and stayed). */
  moved: number;
  /** Plans recorded (steps ÷ thin). */
  samples: number;
  thin: number;
  /** Networks in every plan of the chain (its start's). */
  networks: number;
  seed: number;
  distributions: Record<EnsembleMetric, Distribution | null>;
  positions: Position[];
}

export const DEFAULT_THIN = 10;

/** A seeded generator (mulberry32), the same stream for the same seed. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Quantile of sorted values by linear interpolation. */
function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Share of sorted values below v, plus half of those equal to it (within a relative 1e-9). */
export function percentileOf(sorted: Float64Array, v: number): number {
  const eps = 1e-9 * Math.max(1, Math.abs(v));
  let below = 0;
  let equal = 0;
  for (const x of sorted) {
    if (x < v - eps) below++;
    else if (x <= v + eps) equal++;
  }
  return (below + equal / 2) / sorted.length;
}

/** The four figures of one assignment. */
export function figuresOf(
  pb: Problem,
  instance: NetworkInstance,
  assignment: Assignment,
  rows?: ReturnType<typeof lsoaRows>,
): Figures {
  const o = evaluateProblem(pb, assignment);
  const l = instance.catchments ? localisation(instance, assignment, () => true, rows) : null;
  return {
    cohesion: o.cohesion,
    disruption: o.disruption,
    place: o.place,
    localisation: l ? l.summary.overall : null,
  };
}

/**
 * Runs the chain from `start` (a valid plan: contiguous networks in the band, labels 0 … k − 1) for
 * `steps` steps and places each configuration among the plans it visited.
 */
export function runEnsemble(
  pb: Problem,
  instance: NetworkInstance,
  adjacency: Adjacency,
  start: Assignment,
  configurations: readonly { label: string; assignment: Assignment }[],
  options: EnsembleOptions,
): EnsembleResult {
  if (!Number.isInteger(options.steps) || options.steps < 1)
    throw new RangeError(`steps must be a whole number of at least 1; found ${options.steps}`);
  const thin = Math.max(1, Math.floor(options.thin ?? DEFAULT_THIN));
  const chain = new RecomChain(adjacency, start, {
    population: instance.listSize,
    band: pb.band,
    ...(options.treeAttempts !== undefined ? { treeAttempts: options.treeAttempts } : {}),
  });
  const rng = seededRng(options.seed);
  const rows = instance.catchments ? lsoaRows(instance.catchments, instance.practiceCodes.length) : undefined;
  const samples = Math.floor(options.steps / thin);
  const values: Record<EnsembleMetric, Float64Array> = {
    cohesion: new Float64Array(samples),
    disruption: new Float64Array(samples),
    place: new Float64Array(samples),
    localisation: new Float64Array(samples),
  };
  let moved = 0;
  let recorded = 0;
  for (let step = 1; step <= options.steps; step++) {
    if (chain.step(rng).moved) moved++;
    if (step % thin !== 0 || recorded >= samples) continue;
    const f = figuresOf(pb, instance, chain.assignment, rows);
    for (const m of ENSEMBLE_METRICS) values[m][recorded] = f[m] ?? NaN;
    recorded++;
  }
  const sorted = {} as Record<EnsembleMetric, Float64Array | null>;
  const distributions = {} as Record<EnsembleMetric, Distribution | null>;
  for (const m of ENSEMBLE_METRICS) {
    const v = values[m].slice(0, recorded).sort();
    const ok = v.length > 0 && !Number.isNaN(v[0]!);
    sorted[m] = ok ? v : null;
    distributions[m] = ok
      ? {
          min: v[0]!,
          p5: quantile(v, 0.05),
          p25: quantile(v, 0.25),
          median: quantile(v, 0.5),
          p75: quantile(v, 0.75),
          p95: quantile(v, 0.95),
          max: v[v.length - 1]!,
        }
      : null;
  }
  const positions = configurations.map(({ label, assignment }) => {
    const figures = figuresOf(pb, instance, assignment, rows);
    const percentiles = {} as Record<EnsembleMetric, number | null>;
    for (const m of ENSEMBLE_METRICS) {
      const s = sorted[m];
      const v = figures[m];
      percentiles[m] = s && v !== null ? percentileOf(s, v) : null;
    }
    return { label, networks: new Set(assignment).size, figures, percentiles };
  });
  return {
    steps: options.steps,
    moved,
    samples: recorded,
    thin,
    networks: chain.k,
    seed: options.seed,
    distributions,
    positions,
  };
}
