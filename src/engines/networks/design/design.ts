// The heuristic network designer: resolve the request (problem.ts), build today's map made valid
// (construct.ts), repair the band greedily, anneal, descend, then label the networks and report what had to
// be relaxed. Deterministic for a seed when stopped by iterations. See docs/networks.md "Design: heuristic".
import { currentAssignment } from "../assignment.ts";
import { movedPractices } from "../compare.ts";
import type { Adjacency, Assignment, NetworkInstance } from "../instance.ts";
import { checkDesign, networksOf, type Violation } from "./constraints.ts";
import { construct, repair } from "./construct.ts";
import { networkLabels } from "./labels.ts";
import { compareScores, evaluateProblem, type ObjectiveBreakdown, type Score } from "./objective.ts";
import { resolveOptions, type Band, type DesignOptions } from "./options.ts";
import { buildProblem, Waiver, type Problem } from "./problem.ts";
import { fmt, listCodes, type Relaxation } from "./relaxation.ts";
import { recombineDesigns } from "./recombine.ts";
import { createDesignRng, type DesignRng } from "./rng.ts";
import { anneal, descend } from "./search.ts";
import { DesignState } from "./state.ts";

export type SizeBand = "under" | "in" | "over";

export interface DesignedNetwork {
  label: string;
  /** Practice codes, in code order. */
  practices: string[];
  listSize: number;
  band: SizeBand;
  /** The waiver that lets it sit under the minimum, when it does. */
  waiver: "user" | "relaxation" | null;
}

export interface MapFigures {
  networks: number;
  inBand: number;
  under: number;
  over: number;
  /** Patient-km to the network centre, and per patient. */
  cohesion: number;
  meanKm: number;
}

export interface DesignChanges {
  /** Practices no longer in the network their PCN became (compare.ts movedPractices: maximum-overlap
   *  matching of today's PCNs to the new networks, as `networks compare` counts them). */
  practicesMoved: number;
  patientsMoved: number;
  /** Practices outside any PCN today that the design places in a network. */
  practicesPlaced: number;
}

export interface DesignResult {
  scope: string;
  /** The method that produced the design: the heuristic search, or the exact mode (exact/design-exact.ts). */
  method: "heuristic" | "exact";
  band: Band;
  seed: number;
  /** Network index (into `networks`) of each practice. */
  assignment: Assignment;
  networks: DesignedNetwork[];
  objective: ObjectiveBreakdown;
  /** The same figures for today's map (practices outside any PCN counted alone), and for the design. */
  today: MapFigures;
  proposal: MapFigures;
  changes: DesignChanges;
  relaxations: Relaxation[];
  notes: string[];
  iterations: number;
  seconds: number;
}

const bandOfSize = (band: Band, W: number): SizeBand =>
  W < band.min ? "under" : W > band.max ? "over" : "in";

/** Figures of a map; `counted` says which networks count as networks (today: PCNs, not lone unallocated). */
export function mapFigures(
  pb: Problem,
  assignment: ArrayLike<number>,
  counted: (network: number) => boolean = () => true,
): MapFigures {
  const o = evaluateProblem(pb, assignment);
  const f = { networks: 0, inBand: 0, under: 0, over: 0 };
  networksOf(assignment).forEach((ps, i) => {
    if (ps.length === 0 || !counted(i)) return;
    const W = ps.reduce((s, p) => s + pb.w[p]!, 0);
    const b = bandOfSize(pb.band, W);
    f.networks++;
    if (b === "in") f.inBand++;
    else f[b]++;
  });
  const patients = pb.w.reduce((s, v) => s + v, 0);
  return { ...f, cohesion: o.cohesion, meanKm: patients > 0 ? o.cohesion / patients : 0 };
}

/** Default annealing length: proposals per practice, with a floor for small instances. */
export const defaultIterations = (practices: number) => 10_000 + SCHEDULE.perPractice * practices;

/** Annealing schedule: starting and final temperatures as multiples of temperatureScale, and proposals
 *  per practice (tuned on four real ICBs: see docs/networks.md "Design: heuristic"). */
export const SCHEDULE = { t0: 1, t1: 0.001, perPractice: 300 } as const;

/** The seed of start s > 0 of a design of seed `seed` (start 0 uses the seed itself). */
export const startSeed = (seed: number, s: number) => (seed * 7_919 + s * 104_729) | 0;

/** Further runs when the first leaves more of the band breached than geography forces. */
export const RESTARTS = 2;

/**
 * Patients over the maximum that no design can avoid: in each part of the graph, the larger of the excess
 * of its units over the maximum on their own, and the excess of its total over as many networks of the
 * maximum as it can hold at the minimum (total − ⌊total / min⌋ × max).
 */
export function overMaximumFloor(pb: Problem): number {
  const units = new Float64Array(pb.componentW.length);
  for (let u = 0; u < pb.unitCount; u++)
    units[pb.unitComponent[u]!]! += Math.max(0, pb.unitW[u]! - pb.band.max);
  let floor = 0;
  pb.componentW.forEach((T, c) => {
    const k = Math.floor(T / pb.band.min);
    floor += Math.max(units[c]!, k > 0 ? Math.max(0, T - k * pb.band.max) : 0);
  });
  return floor;
}

/** A temperature scale: the mean list of a unit times the median length of a unit edge (km). */
function temperatureScale(pb: Problem): number {
  const lengths: number[] = [];
  for (let e = 0; e < pb.unitAdj.length; e++) {
    const u = pb.unitAdjFrom[e]!;
    const v = pb.unitAdj[e]!;
    if (u < v) lengths.push(Math.hypot(pb.unitX[u]! - pb.unitX[v]!, pb.unitY[u]! - pb.unitY[v]!));
  }
  lengths.sort((a, b) => a - b);
  const median = lengths.length > 0 ? lengths[lengths.length >> 1]! : 1;
  const total = pb.w.reduce((s, v) => s + v, 0);
  return Math.max(1, (total / pb.unitCount) * Math.max(median, 0.1));
}

function explain(pb: Problem, v: Violation, label: string): Relaxation {
  const codes = v.practices.map((p) => pb.practiceCodes[p]!);
  const W = v.listSize ?? 0;
  const base = { practices: codes, network: label, listSize: W };
  if (v.rule === "minimum")
    return {
      ...base,
      rule: "minimum",
      reason: "not-resolved",
      message: `Network ${label} (${listCodes(codes)}) has ${fmt(W)} patients, under the ${fmt(pb.band.min)} minimum: no contiguous arrangement within the band was found for it (locks, kept-whole PCNs or practices sharing a site nearby may prevent one).`,
    };
  const big = v.practices.map((p) => pb.unitOf[p]!).find((u) => pb.unitW[u]! > pb.band.max);
  if (big !== undefined) {
    const members = [...pb.unitPractices.subarray(pb.unitStart[big], pb.unitStart[big + 1])];
    const what =
      members.length === 1
        ? `practice ${pb.practiceCodes[members[0]!]} alone has`
        : `practices ${listCodes(members.map((p) => pb.practiceCodes[p]!))}, which must stay together, have`;
    return {
      ...base,
      rule: "maximum",
      reason: "unit-over-maximum",
      message: `Network ${label} has ${fmt(W)} patients, over the ${fmt(pb.band.max)} maximum: ${what} ${fmt(pb.unitW[big]!)}.`,
    };
  }
  const c = pb.unitComponent[pb.unitOf[v.practices[0]!]!]!;
  const T = pb.componentW[c]!;
  if (Math.floor(T / pb.band.min) < Math.ceil(T / pb.band.max))
    return {
      ...base,
      rule: "maximum",
      reason: "component-cannot-fit-band",
      message: `Network ${label} has ${fmt(W)} patients, over the ${fmt(pb.band.max)} maximum: its part of the adjacency graph has ${fmt(T)} patients, which no number of networks of ${fmt(pb.band.min)}–${fmt(pb.band.max)} can divide.`,
    };
  return {
    ...base,
    rule: "maximum",
    reason: "not-resolved",
    message: `Network ${label} (${listCodes(codes)}) has ${fmt(W)} patients, over the ${fmt(pb.band.max)} maximum: no contiguous division within the band was found (the practices' sizes and geography, locks, kept-whole PCNs or practices sharing a site may prevent one).`,
  };
}

/**
 * Designs networks for the practices of an instance: every practice in one contiguous network, every
 * network within the band unless waived, minimising the objective of objective.ts.
 * @example designNetworks(instance, buildAdjacency(instance), { seed: 1, disruptionWeight: 5 })
 */
export function designNetworks(
  instance: NetworkInstance,
  adjacency: Adjacency,
  options: DesignOptions = {},
): DesignResult {
  const search = prepareSearch(instance, adjacency, options);
  const finals: FinishedStart[] = [];
  let rng = createDesignRng(search.opts.seed);
  for (let s = 0; s < search.opts.starts; s++) {
    const run = runStart(search, s);
    finals.push(run.finished);
    rng = run.rng;
    if (performance.now() > search.deadline) break;
  }
  return finishSearch(search, finals, rng);
}

/** A design search made ready: the resolved options and problem, the valid start and the schedule. */
export interface PreparedSearch {
  instance: NetworkInstance;
  opts: ReturnType<typeof resolveOptions>;
  pb: Problem;
  /** Unit assignment every start begins from (today's map made valid). */
  start: Int32Array;
  floor: number;
  scale: number;
  started: number;
  deadline: number;
}

/** What one start left: its best design's score, practice assignment and annealing iterations. */
export interface FinishedStart {
  score: Score;
  assignment: Int32Array;
  iterations: number;
}

/** Resolves the request and builds what every start shares. Throws DesignRequestError for bad options. */
export function prepareSearch(
  instance: NetworkInstance,
  adjacency: Adjacency,
  options: DesignOptions = {},
): PreparedSearch {
  const started = performance.now();
  const opts = resolveOptions(options);
  const pb = buildProblem(instance, adjacency, opts);
  const deadline = opts.timeLimitSeconds === null ? Infinity : started + opts.timeLimitSeconds * 1000;
  return {
    instance,
    opts,
    pb,
    start: construct(pb),
    floor: overMaximumFloor(pb),
    scale: temperatureScale(pb),
    started,
    deadline,
  };
}

/**
 * Start number `s` of a search, on its own random stream (start 0: the seed's own): repair, anneal and
 * descend; a run that leaves more of the band breached than geography forces is repeated (at most RESTARTS
 * times, continuing the same stream), keeping the best run. Starts are independent of one another, so they
 * may run in any order or at once (parallel.ts); returns the stream as the start left it.
 */
export function runStart(search: PreparedSearch, s: number): { finished: FinishedStart; rng: DesignRng } {
  const { pb, opts, deadline } = search;
  const rng = createDesignRng(s === 0 ? opts.seed : startSeed(opts.seed, s));
  let final: DesignState | null = null;
  let iterations = 0;
  for (let run = 0; run <= RESTARTS; run++) {
    const state = new DesignState(pb, search.start);
    repair(state, rng);
    const annealed = anneal(state, rng, {
      iterations: opts.iterations ?? defaultIterations(pb.n),
      t0: SCHEDULE.t0 * search.scale,
      t1: SCHEDULE.t1 * search.scale,
      deadline,
    });
    iterations += annealed.iterations;
    const candidate = new DesignState(pb, annealed.best);
    descend(candidate, rng, deadline);
    if (!final || compareScores(candidate.score(), final.score()) < 0) final = candidate;
    const score = final.score();
    if ((score.under === 0 && score.over <= search.floor) || performance.now() > deadline) break;
  }
  return { finished: { score: final!.score(), assignment: final!.practiceAssignment(), iterations }, rng };
}

/**
 * The best of the starts' designs (in start order, ties to the earlier), their networks recombined
 * (recombine.ts) and the recombination descended on `rng` (the last start's stream, as it left it); the
 * better of the two is described.
 */
export function finishSearch(search: PreparedSearch, finals: FinishedStart[], rng: DesignRng): DesignResult {
  const { pb, deadline } = search;
  const final = finals.reduce((a, b) => (compareScores(b.score, a.score) < 0 ? b : a));
  let assignment = final.assignment;
  if (finals.length > 1) {
    const units = recombineDesigns(
      pb,
      finals.map((f) => f.assignment),
    );
    if (units) {
      const combined = new DesignState(pb, units);
      descend(combined, rng, deadline);
      if (compareScores(combined.score(), final.score) < 0) assignment = combined.practiceAssignment();
    }
  }
  return describeDesign(search.instance, pb, assignment, {
    seed: search.opts.seed,
    iterations: finals.reduce((sum, f) => sum + f.iterations, 0),
    seconds: (performance.now() - search.started) / 1000,
  });
}

/**
 * The full result of a design given by its practice assignment (from the search or the exact solver):
 * networks with labels and bands, the objective, today's and the design's figures, what was relaxed and
 * why. Throws when the assignment breaks a hard rule (contiguity, locks, keep-whole): an internal error.
 */
export function describeDesign(
  instance: NetworkInstance,
  pb: Problem,
  assignment: Assignment,
  run: { seed: number; iterations: number; seconds: number; method?: DesignResult["method"] },
): DesignResult {
  const groups = networksOf(assignment);
  const labels = networkLabels(pb, instance, assignment, groups.length);
  const violations = checkDesign(pb, assignment);
  const broken = violations.filter((v) => v.rule !== "minimum" && v.rule !== "maximum");
  if (broken.length > 0)
    throw new Error(`internal error: the design breaks ${broken.map((v) => v.message).join("; ")}`);

  const relaxations: Relaxation[] = pb.relaxations.map((r) => {
    const a = r.practices.length > 0 ? assignment[r.practices[0]!]! : -1;
    const W = a >= 0 ? groups[a]!.reduce((s, p) => s + pb.w[p]!, 0) : null;
    return {
      rule: r.rule,
      reason: r.reason,
      practices: r.practices.map((p) => pb.practiceCodes[p]!),
      network: a >= 0 ? labels[a]! : null,
      listSize: W,
      message: a >= 0 ? `${r.message} (network ${labels[a]}, ${fmt(W!)} patients)` : r.message,
    };
  });
  const explained = new Set(
    pb.relaxations.filter((r) => r.rule === "minimum").flatMap((r) => r.practices.map((p) => assignment[p]!)),
  );
  for (const v of violations) {
    if (v.rule === "minimum" && explained.has(v.network)) continue;
    relaxations.push(explain(pb, v, labels[v.network]!));
  }

  const networks: DesignedNetwork[] = groups.map((ps, i) => {
    const W = ps.reduce((s, p) => s + pb.w[p]!, 0);
    const waivers = new Set(ps.map((p) => pb.unitWaiver[pb.unitOf[p]!]!));
    return {
      label: labels[i]!,
      practices: ps.map((p) => pb.practiceCodes[p]!),
      listSize: W,
      band: bandOfSize(pb.band, W),
      waiver:
        W >= pb.band.min
          ? null
          : waivers.has(Waiver.User)
            ? "user"
            : waivers.has(Waiver.Relaxed)
              ? "relaxation"
              : null,
    };
  });

  const today = currentAssignment(instance);
  const moved = movedPractices(instance, today, assignment);
  const changes: DesignChanges = {
    practicesMoved: moved.length,
    patientsMoved: moved.reduce((s, p) => s + pb.w[p]!, 0),
    practicesPlaced: pb.current.filter((c) => c < 0).length,
  };
  return {
    scope: instance.scope,
    method: run.method ?? "heuristic",
    band: pb.band,
    seed: run.seed,
    assignment,
    networks,
    objective: evaluateProblem(pb, assignment),
    today: mapFigures(pb, today, (i) => i < instance.networkCodes.length),
    proposal: mapFigures(pb, assignment),
    changes,
    relaxations,
    notes: [...(instance.notes ?? []), ...pb.notes],
    iterations: run.iterations,
    seconds: run.seconds,
  };
}
