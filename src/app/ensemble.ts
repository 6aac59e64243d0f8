// Use case: the ensemble of an ICB or place. A heuristic design gives a valid start (contiguous networks,
// all within the band); the recombination chain walks from it; today's map, the start and any saved
// scenarios or rows asked about are placed among the plans it visited (engines/ensemble/ensemble.ts).
import { runEnsemble, type EnsembleResult } from "../engines/ensemble/ensemble.ts";
import { designNetworks as designHeuristic } from "../engines/networks/design/design.ts";
import { buildProblem } from "../engines/networks/design/problem.ts";
import { resolveOptions, type Band } from "../engines/networks/design/options.ts";
import { RequestError } from "../model/errors.ts";
import type { Store } from "../store/store.ts";
import {
  loadArea,
  networkSource,
  resolveConfiguration,
  TODAY,
  type ConfigurationSpec,
  type NetworkAreaRequest,
  type NetworkSource,
} from "./networks.ts";
import { checkpoint, type Work } from "./work.ts";

export interface EnsembleRequest extends NetworkAreaRequest {
  /** Recombination steps (default 10,000). */
  steps?: number | undefined;
  /** Seed of the start design and the chain (default 1). */
  seed?: number | undefined;
  /** Record every `thin`-th plan (default 10). */
  thin?: number | undefined;
  band?: Band | undefined;
  /** Configurations to place among the plans; today's map is always placed first. */
  configurations?: ConfigurationSpec[] | undefined;
}

export interface NetworkEnsemble extends NetworkSource {
  band: Band;
  start: string;
  ensemble: EnsembleResult;
  seconds: number;
}

export const DEFAULT_ENSEMBLE_STEPS = 10_000;
export const MAX_ENSEMBLE_STEPS = 1_000_000;

/** Labels 0 … k − 1 in order of first use, every one used. */
function compact(assignment: ArrayLike<number>): Int32Array {
  const map = new Map<number, number>();
  const out = new Int32Array(assignment.length);
  for (let p = 0; p < assignment.length; p++) {
    const a = assignment[p]!;
    if (!map.has(a)) map.set(a, map.size);
    out[p] = map.get(a)!;
  }
  return out;
}

export async function networkEnsemble(
  store: Store,
  request: EnsembleRequest,
  work?: Work,
): Promise<NetworkEnsemble> {
  const steps = request.steps ?? DEFAULT_ENSEMBLE_STEPS;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_ENSEMBLE_STEPS)
    throw new RequestError(
      `steps must be a whole number from 1 to ${MAX_ENSEMBLE_STEPS.toLocaleString("en-GB")}; found ${steps}`,
      { field: "steps" },
    );
  const seed = request.seed ?? 1;
  await checkpoint(work, { stage: "load", message: "reading the area" });
  const loaded = await loadArea(store, request);
  const started = performance.now();
  const options = { seed, date: loaded.picture.date, ...(request.band ? { band: request.band } : {}) };
  const pb = buildProblem(loaded.instance, loaded.adjacency, resolveOptions(options));
  await checkpoint(work, { stage: "start", message: "a valid start: the heuristic design" });
  const design = designHeuristic(loaded.instance, loaded.adjacency, options);
  if (design.proposal.under > 0 || design.proposal.over > 0)
    throw new RequestError(
      `no valid start: the design of ${loaded.areaName} leaves ${design.proposal.under + design.proposal.over} network(s) outside the ${pb.band.min.toLocaleString("en-GB")}–${pb.band.max.toLocaleString("en-GB")} band, and the chain keeps every network within it; try a wider band`,
      { field: "band", kind: "unprocessable" },
    );
  const configurations = [
    {
      label: "today's map",
      assignment: (await resolveConfiguration(store, loaded, TODAY, "config")).labelled.assignment,
    },
    { label: `the design (seed ${seed})`, assignment: design.assignment },
  ];
  for (const spec of request.configurations ?? []) {
    const { labelled, description } = await resolveConfiguration(store, loaded, spec, "config");
    configurations.push({ label: description, assignment: labelled.assignment });
  }
  await checkpoint(work, { stage: "chain", total: steps, message: `${steps.toLocaleString("en-GB")} steps` });
  const ensemble = runEnsemble(
    pb,
    loaded.instance,
    loaded.adjacency,
    compact(design.assignment),
    configurations,
    {
      steps,
      seed,
      ...(request.thin !== undefined ? { thin: request.thin } : {}),
    },
  );
  return {
    ...networkSource(loaded),
    band: pb.band,
    start: `heuristic design, seed ${seed}: ${design.proposal.networks} networks in band`,
    ensemble,
    seconds: (performance.now() - started) / 1000,
  };
}
