// Use cases of network configurations for an ICB or place: evaluate one, compare two, design one
// (heuristic or exact; one area or all of England), export one as CSV or GeoJSON. A configuration is
// today's map, a saved scenario or rows of practice → network; the area, picture and graph settings are
// typed fields. Results carry the loaded instance (`loaded`) for renderers beside plain data.
import { availableParallelism } from "node:os";
import {
  currentMap,
  assignmentFromRows,
  type LabelledAssignment,
  type PracticeNetworkRow,
} from "../engines/networks/assignment.ts";
import { AssignmentError } from "../engines/networks/assignment.ts";
import { compare, type Comparison } from "../engines/networks/compare.ts";
import {
  designNetworks as designHeuristic,
  type DesignOptions,
  type DesignResult,
} from "../engines/networks/design/index.ts";
import { designNetworksInParallel } from "../engines/networks/design/parallel.ts";
import { evaluate, type Evaluation } from "../engines/networks/evaluate.ts";
import type { ExactResult } from "../engines/networks/exact/design-exact.ts";
import { NoCatchmentsError, type AdjacencyOptions } from "../engines/networks/graph.ts";
import type { NetworkInstance } from "../engines/networks/instance.ts";
import { RequestError } from "../model/errors.ts";
import type { PracticeSet } from "../model/footprint.ts";
import type { ScenarioConfiguration } from "../model/scenario.ts";
import { checkScenarioSave, getScenario, saveScenario, type Json } from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";
import { englandLabels, type EnglandDesign } from "./network-england.ts";
import { instanceOfPicture, type LoadedNetworkInstance } from "./network-instance.ts";
import { configurationGeoJson, configurationOf, scenarioAssignment } from "./network-scenarios.ts";
import { footprintLabel } from "./footprints.ts";
import { readPicture, type PictureRequest } from "./picture.ts";
import { checkpoint, type Work } from "./work.ts";

export interface NetworkAreaRequest extends PictureRequest {
  /** An ICB by ODS code, ONS code or unique part of its name (the demo's one ICB when neither is given). */
  icb?: string | undefined;
  /** A place (sub-ICB location) by ODS or ONS code. */
  subIcb?: string | undefined;
  /** A union of places or a set of local authorities (src/app/area-footprint.ts), instead of an area. */
  practices?: PracticeSet | undefined;
  /** The adjacency graph: basis and its settings. */
  graph?: AdjacencyOptions | undefined;
}

/** A configuration of networks: today's map, a saved scenario, or rows practice → network. */
export type ConfigurationSpec =
  | { kind: "today" }
  | { kind: "scenario"; name: string }
  | { kind: "rows"; rows: PracticeNetworkRow[]; label: string };

export const TODAY: ConfigurationSpec = { kind: "today" };

/** The instance of an area (its picture kept warm), its catchments and graph. */
export async function loadArea(store: Store, request: NetworkAreaRequest): Promise<LoadedNetworkInstance> {
  const picture = await readPicture(store, request);
  try {
    const loaded = await instanceOfPicture(store, picture, {
      synthetic: request.synthetic ?? false,
      date: request.date,
      lists: request.lists,
      icb: request.icb,
      subIcb: request.subIcb,
      practices: request.practices,
      graph: request.graph,
    });
    return { ...loaded, footprint: await footprintLabel(store, picture) };
  } catch (error) {
    if (error instanceof NoCatchmentsError)
      throw new RequestError(`--basis catchment: ${error.message}`, {
        field: "basis",
        kind: "unprocessable",
      });
    throw error;
  }
}

/** A configuration of the loaded area, with a description for titles. `field` names it in messages. */
export async function resolveConfiguration(
  store: Store,
  loaded: LoadedNetworkInstance,
  spec: ConfigurationSpec,
  field: string,
): Promise<{ labelled: LabelledAssignment; description: string }> {
  if (spec.kind === "today") return { labelled: currentMap(loaded.instance), description: "today's map" };
  if (spec.kind === "rows") {
    try {
      return { labelled: assignmentFromRows(loaded.instance, spec.rows), description: spec.label };
    } catch (error) {
      if (error instanceof AssignmentError)
        throw new RequestError(`${field} ${spec.label}: ${error.message}`, { field, kind: "unprocessable" });
      throw error;
    }
  }
  const record = await getScenario(store.db, spec.name);
  if (!record)
    throw new RequestError(
      `${field} must be 'today', a CSV file or a saved scenario; '${spec.name}' is neither a file nor a scenario (see \`icsplan scenarios list\`)`,
      { field, kind: "not-found" },
    );
  try {
    return { labelled: scenarioAssignment(loaded, record), description: `scenario ${record.name}` };
  } catch (error) {
    if (error instanceof RequestError)
      throw new RequestError(`${field}: ${error.message}`, { field, kind: error.kind });
    throw error;
  }
}

/** What every network result says about its data. */
export interface NetworkSource {
  synthetic: boolean;
  area: string;
  date: string;
  map: string;
  lists: string | null;
  catchments: string | null;
  /** The ICB footprint of the map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
}

export const networkSource = (loaded: LoadedNetworkInstance): NetworkSource => ({
  synthetic: loaded.picture.synthetic,
  area: loaded.areaName,
  date: loaded.picture.date,
  map: loaded.picture.sources.map.period,
  lists: loaded.picture.sources.lists?.period ?? null,
  catchments: loaded.catchments?.dataset.period ?? null,
  footprint: loaded.footprint ?? null,
});

export interface EvaluateRequest extends NetworkAreaRequest {
  configuration?: ConfigurationSpec | undefined;
}

export interface NetworkEvaluation {
  loaded: LoadedNetworkInstance;
  configuration: string;
  evaluation: Evaluation;
}

/** Sizes and bands, contiguity, cohesion, sites, places crossed, deprivation and breaches of a configuration. */
export async function evaluateNetworks(store: Store, request: EvaluateRequest): Promise<NetworkEvaluation> {
  const loaded = await loadArea(store, request);
  const { labelled, description } = await resolveConfiguration(
    store,
    loaded,
    request.configuration ?? TODAY,
    "--config",
  );
  const evaluation = evaluate(
    loaded.instance,
    loaded.adjacency,
    labelled.assignment,
    loaded.rules,
    labelled.labels,
  );
  return { loaded, configuration: description, evaluation };
}

export interface CompareRequest extends NetworkAreaRequest {
  a?: ConfigurationSpec | undefined;
  b: ConfigurationSpec;
}

export interface NetworkComparison {
  loaded: LoadedNetworkInstance;
  labels: { a: string; b: string };
  comparison: Comparison;
}

/** Two configurations of one area side by side: bands, contiguity, cohesion, practices and patients moved. */
export async function compareNetworks(store: Store, request: CompareRequest): Promise<NetworkComparison> {
  const loaded = await loadArea(store, request);
  const a = await resolveConfiguration(store, loaded, request.a ?? TODAY, "--a");
  const b = await resolveConfiguration(store, loaded, request.b, "--b");
  const comparison = compare(loaded.instance, loaded.adjacency, a.labelled, b.labelled, loaded.rules);
  return { loaded, labels: { a: a.description, b: b.description }, comparison };
}

/** The design as a labelled assignment, named after the PCNs whose codes it reuses. */
export function designLabels(instance: NetworkInstance, result: DesignResult): LabelledAssignment {
  const names = new Map(instance.networkCodes.map((c, i) => [c, instance.networkNames[i]!]));
  // England designs rename a PCN code reused by a second ICB to <code>-<ICB>: it keeps the PCN's name.
  const nameOf = (label: string) =>
    names.get(label) ??
    (label.startsWith("NEW-")
      ? `New network ${label.slice(4)}`
      : (names.get(label.replace(/-[^-]+$/, "")) ?? label));
  return {
    assignment: result.assignment,
    labels: result.networks.map((n) => ({ code: n.label, name: nameOf(n.label), outsidePcn: false })),
  };
}

/** practice_code,network_code, in practice-code order. */
export function designCsv(instance: NetworkInstance, result: DesignResult): string {
  return [
    "practice_code,network_code",
    ...instance.practiceCodes.map((c, p) => `${c},${result.networks[result.assignment[p]!]!.label}`),
  ].join("\n");
}

/** Today's map against the design, under the band the design was made for. */
export function designComparison(loaded: LoadedNetworkInstance, result: DesignResult): Comparison {
  const asked =
    result.band.min !== loaded.rules.minimumList || result.band.max !== loaded.rules.typicalMaximumList;
  const rules = {
    year: `${loaded.rules.year}${asked ? " (band as asked)" : ""}`,
    minimumList: result.band.min,
    typicalMaximumList: result.band.max,
    sources: loaded.rules.sources,
  };
  return compare(
    loaded.instance,
    loaded.adjacency,
    currentMap(loaded.instance),
    designLabels(loaded.instance, result),
    rules,
  );
}

/** What the exact mode proved, without its design (which the result holds). */
export function exactSummary(exact: ExactResult) {
  return {
    status: exact.status,
    proof: exact.proof,
    source: exact.source,
    initialObjective: exact.initialObjective.total,
    lpBound: exact.lpBound,
    rounds: exact.rounds,
    bound: exact.bound,
    gap: exact.gap,
    columns: exact.columns,
    truncated: exact.truncated,
    seconds: exact.seconds,
    notes: exact.notes,
  };
}

export interface SaveAs {
  name: string;
  /** Replace a scenario of the same name (else a conflict). */
  replace?: boolean | undefined;
  description?: string | undefined;
}

export interface DesignRequest extends NetworkAreaRequest {
  options?: Omit<DesignOptions, "date"> | undefined;
  /** Solve exactly with HiGHS (column generation + set partitioning), within this MIP time limit. */
  exact?: { mipTimeLimitSeconds?: number | undefined } | undefined;
  save?: SaveAs | undefined;
}

export interface NetworkDesign {
  loaded: LoadedNetworkInstance;
  design: DesignResult;
  exact: ExactResult | null;
  savedAs: string | null;
}

/** The request as saved with a scenario (JSON-safe). */
const asJson = (value: unknown): Json => JSON.parse(JSON.stringify(value ?? null)) as Json;

/** A design of one area, shown beside today's map; saved as a scenario when asked. */
/**
 * Worker threads for the starts of one heuristic design (engines/networks/design/parallel.ts; the design is
 * the same with any number): ICSPLAN_DESIGN_WORKERS when set (0: none), else one fewer than the cores, at
 * most 3 (the designer makes 4 starts).
 */
export function designWorkers(): number {
  const set = process.env.ICSPLAN_DESIGN_WORKERS;
  if (set !== undefined && set.trim() !== "" && Number.isInteger(Number(set)) && Number(set) >= 0)
    return Number(set);
  return Math.min(3, Math.max(0, availableParallelism() - 1));
}

export async function designNetworks(
  store: Store,
  request: DesignRequest,
  work?: Work,
): Promise<NetworkDesign> {
  if (request.save) await checkScenarioSave(store.db, request.save.name, request.save.replace);
  await checkpoint(work, { stage: "load", message: "reading the area" });
  const loaded = await loadArea(store, request);
  const options = { ...request.options, date: loaded.picture.date };
  await checkpoint(work, {
    stage: "design",
    message: `${request.exact ? "exact" : "heuristic"} design of ${loaded.areaName}`,
  });
  let design: DesignResult;
  let exact: ExactResult | null = null;
  if (request.exact) {
    const { designExact } = await import("../engines/networks/exact/design-exact.ts");
    exact = await designExact(loaded.instance, loaded.adjacency, {
      ...options,
      mipTimeLimitSeconds: request.exact.mipTimeLimitSeconds,
    });
    if (!exact.design)
      throw new RequestError(
        `the exact mode found no design (${exact.status}${exact.notes.length > 0 ? `: ${exact.notes.join(" ")}` : ""}); the heuristic (without --exact) always returns one`,
        { field: "exact", kind: "unprocessable" },
      );
    design = exact.design;
  } else design = await designNetworksInParallel(loaded.instance, loaded.adjacency, options, designWorkers());
  await checkpoint(work, { stage: "save" });
  let savedAs: string | null = null;
  if (request.save) {
    const record = await saveScenario(
      store.db,
      {
        name: request.save.name,
        kind: "network-design",
        synthetic: loaded.picture.synthetic,
        area: loaded.instance.scope.replace(/^\S+\s+/, ""),
        mapDate: loaded.picture.date,
        description:
          request.save.description ??
          `${request.exact ? "Exact" : "Heuristic"} design for ${loaded.areaName}, map of ${loaded.picture.sources.map.period}`,
        request: asJson({
          icb: request.icb ?? null,
          subIcb: request.subIcb ?? null,
          date: request.date ?? null,
          graph: {
            basis: request.graph?.basis ?? "auto",
            overlap: request.graph?.overlapThreshold ?? null,
            pruneFactor: request.graph?.pruneFactor ?? null,
            maxEdgeKm: request.graph?.maxEdgeKm ?? null,
          },
          exact: request.exact !== undefined,
          ...request.options,
          band: design.band,
        }),
        result: asJson({
          objective: design.objective,
          today: design.today,
          proposal: design.proposal,
          changes: design.changes,
          networks: design.networks,
          relaxations: design.relaxations,
          exact: exact && exactSummary(exact),
        }),
        configuration: configurationOf(loaded, designLabels(loaded.instance, design)),
      },
      { replace: request.save.replace ?? false },
    );
    savedAs = record.name;
  }
  return { loaded, design, exact, savedAs };
}

/** A network design as plain data: the design with practice names, and today's map against it. */
export function designData(result: NetworkDesign) {
  const { loaded, design } = result;
  const names = new Map(
    loaded.instance.practiceCodes.map((c, p) => [c, loaded.instance.practiceNames[p] ?? null]),
  );
  return {
    ...networkSource(loaded),
    ...design,
    networks: design.networks.map((n) => ({
      ...n,
      practiceNames: n.practices.map((c) => names.get(c) ?? null),
    })),
    assignment: [...design.assignment],
    exact: result.exact && exactSummary(result.exact),
    savedAs: result.savedAs,
  };
}

export interface EnglandDesignRequest extends PictureRequest {
  graph?: AdjacencyOptions | undefined;
  options?: Omit<DesignOptions, "date"> | undefined;
  save?: SaveAs | undefined;
}

export interface NetworkDesignEngland {
  picture: LoadedNetworkInstance["picture"];
  /** The ICB footprint whose ICBs are designed, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
  design: EnglandDesign;
  savedAs: string | null;
  seconds: { load: number; design: number; total: number };
}

/** One row per ICB of an England design: today's and the design's figures, moves, objective, time. */
export function englandRows(design: EnglandDesign) {
  return design.rows.map(({ icb, loaded, result }) => ({
    icb,
    name: loaded.areaName,
    practices: loaded.instance.practiceCodes.length,
    patients: loaded.instance.listSize.reduce((s, v) => s + v, 0),
    cohesionBasis: loaded.catchments ? "lsoa" : "sites",
    today: result.today,
    design: result.proposal,
    practicesMoved: result.changes.practicesMoved,
    patientsMoved: result.changes.patientsMoved,
    relaxations: result.relaxations.length,
    proposals: result.iterations,
    objective: result.objective.total,
    seconds: result.seconds,
  }));
}

/** practice_code,network_code for every practice of England, in ICB then practice-code order. */
export function englandCsv(design: EnglandDesign): string {
  return [
    "practice_code,network_code",
    ...design.rows.flatMap(({ loaded, result }) =>
      loaded.instance.practiceCodes.map((c, p) => `${c},${result.networks[result.assignment[p]!]!.label}`),
    ),
  ].join("\n");
}

/**
 * Every ICB of England designed with the same options (one start each unless asked), the labels made
 * unique in England, saved as one scenario when asked. Reports progress per ICB and can be cancelled
 * between ICBs.
 */
export async function designEnglandNetworks(
  store: Store,
  request: EnglandDesignRequest,
  work?: Work,
): Promise<NetworkDesignEngland> {
  const started = performance.now();
  if (request.save) await checkScenarioSave(store.db, request.save.name, request.save.replace);
  const picture = await readPicture(store, request);
  const icbs = [...new Set(picture.practices.map((p) => p.icb.code))].sort();
  const instances: LoadedNetworkInstance[] = [];
  for (const [i, icb] of icbs.entries()) {
    await checkpoint(work, { stage: "load", done: i, total: icbs.length, message: icb });
    instances.push(
      await instanceOfPicture(store, picture, {
        synthetic: request.synthetic ?? false,
        date: request.date,
        lists: request.lists,
        icb,
        graph: request.graph,
      }),
    );
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const options = { starts: 1, ...request.options };
  const designStarted = performance.now();
  const rows = [];
  for (const [i, loaded] of instances.entries()) {
    const icb = loaded.instance.scope.replace(/^ICB\s+/, "");
    await checkpoint(work, {
      stage: "design",
      done: i,
      total: instances.length,
      message: `${icb} ${loaded.areaName}`,
    });
    rows.push({
      icb,
      loaded,
      result: designHeuristic(loaded.instance, loaded.adjacency, { ...options, date: loaded.picture.date }),
    });
  }
  const design: EnglandDesign = {
    rows: englandLabels(rows),
    seconds: (performance.now() - designStarted) / 1000,
  };
  await checkpoint(work, { stage: "save", done: instances.length, total: instances.length });
  let savedAs: string | null = null;
  if (request.save) {
    const configuration: ScenarioConfiguration = {
      practices: design.rows.flatMap(
        (r) => configurationOf(r.loaded, designLabels(r.loaded.instance, r.result)).practices,
      ),
      closed: [],
    };
    const record = await saveScenario(
      store.db,
      {
        name: request.save.name,
        kind: "network-design",
        synthetic: picture.synthetic,
        area: "England",
        mapDate: picture.date,
        description:
          request.save.description ??
          `Heuristic design for England (${design.rows.length} ICBs), map of ${picture.sources.map.period}`,
        request: asJson({
          england: true,
          date: request.date ?? null,
          graph: {
            basis: request.graph?.basis ?? "auto",
            overlap: request.graph?.overlapThreshold ?? null,
            pruneFactor: request.graph?.pruneFactor ?? null,
            maxEdgeKm: request.graph?.maxEdgeKm ?? null,
          },
          ...options,
        }),
        result: asJson({ icbs: englandRows(design) }),
        configuration,
      },
      { replace: request.save.replace ?? false },
    );
    savedAs = record.name;
  }
  return {
    picture,
    footprint: await footprintLabel(store, picture),
    design,
    savedAs,
    seconds: { load: loadSeconds, design: design.seconds, total: (performance.now() - started) / 1000 },
  };
}

export interface ExportRequest extends NetworkAreaRequest {
  configuration?: ConfigurationSpec | undefined;
  format: "csv" | "geojson";
}

export interface ExportRow {
  practice_code: string;
  network_code: string;
  network_name: string;
  list_size: number;
}

export interface NetworkExport {
  configuration: string;
  rows: ExportRow[];
  geojson: (Awaited<ReturnType<typeof configurationGeoJson>> & { metadata: Record<string, unknown> }) | null;
}

/** A configuration as rows practice → network (CSV) or as GeoJSON: practice points and network polygons. */
export async function exportNetworks(store: Store, request: ExportRequest): Promise<NetworkExport> {
  const loaded = await loadArea(store, request);
  const { labelled, description } = await resolveConfiguration(
    store,
    loaded,
    request.configuration ?? TODAY,
    "--config",
  );
  const rows = configurationOf(loaded, labelled).practices.map((p) => ({
    practice_code: p.practiceCode,
    network_code: p.networkCode ?? "U",
    network_name: p.networkName ?? "",
    list_size: p.listSize,
  }));
  if (request.format === "csv") return { configuration: description, rows, geojson: null };
  const collection = await configurationGeoJson(store, loaded, labelled);
  return {
    configuration: description,
    rows,
    geojson: { ...collection, metadata: { ...collection.metadata, configuration: description } },
  };
}
