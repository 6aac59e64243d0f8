// Use cases of saved scenarios: list, show, export (CSV, JSON, GeoJSON), compare two (or one against
// today's map), delete, and import a colleague's JSON export into this store. Scenarios are made by the
// use cases that design, close, merge or allocate (their `save` option).
import { contractYearOn } from "../config/pcn-contract.ts";
import { compareConfigurations, type ConfigurationComparison } from "../engines/configurations/compare.ts";
import { currentMap } from "../engines/networks/assignment.ts";
import { RequestError } from "../model/errors.ts";
import type { ScenarioConfiguration, ScenarioPractice } from "../model/scenario.ts";
import {
  checkScenarioName,
  deleteScenario as deleteRecord,
  getScenario,
  listScenarios as listRecords,
  saveScenario,
  SCENARIO_KINDS,
  type Json,
  type ScenarioKind,
  type ScenarioRecord,
  type ScenarioSummary,
} from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";
import { footprintLabelOnDate } from "./footprints.ts";
import { readPicture } from "./picture.ts";
import {
  configurationGeoJson,
  configurationOf,
  loadScenarioInstance,
  scenarioAssignment,
} from "./network-scenarios.ts";

export { SCENARIO_KINDS, type ScenarioKind, type ScenarioRecord, type ScenarioSummary };

/** What an export file says it is, so an import knows it has a scenario in hand. */
export const SCENARIO_FILE_FORMAT = "icsplan-scenario";
export const SCENARIO_FILE_VERSION = 1;

const notFound = (name: string) =>
  new RequestError(`no scenario is named '${name}' (see \`icsplan scenarios list\`)`, {
    kind: "not-found",
    field: "name",
  });

export interface ScenarioListRequest {
  kind?: ScenarioKind | undefined;
}

export function parseScenarioKind(text: string | undefined): ScenarioKind | undefined {
  if (text === undefined) return undefined;
  if (!(SCENARIO_KINDS as readonly string[]).includes(text))
    throw new RequestError(`kind must be one of ${SCENARIO_KINDS.join(", ")}; found '${text}'`, {
      field: "kind",
    });
  return text as ScenarioKind;
}

/** Saved scenarios, newest first, without their contents. */
export function listScenarios(store: Store, request: ScenarioListRequest = {}): Promise<ScenarioSummary[]> {
  return listRecords(store.db, { kind: request.kind });
}

/** One saved scenario with what was asked, what came out and the configuration it leaves. */
export async function showScenario(store: Store, name: string): Promise<ScenarioRecord> {
  const record = await getScenario(store.db, name);
  if (!record) throw notFound(name);
  return record;
}

export async function deleteScenario(store: Store, name: string): Promise<void> {
  if (!(await deleteRecord(store.db, name))) throw notFound(name);
}

export const SCENARIO_PRACTICE_COLUMNS = [
  "practice_code",
  "network_code",
  "network_name",
  "list_size",
  "weighted_list",
  "merged_from",
] as const;

/** A scenario's practice → network table, one row per open practice. */
export function scenarioPracticeRows(record: ScenarioRecord) {
  if (!record.configuration)
    throw new RequestError(
      `scenario '${record.name}' (${record.kind}) has no practice table; export it as json`,
      { field: "format", kind: "unprocessable" },
    );
  return record.configuration.practices.map((p) => ({
    practice_code: p.practiceCode,
    network_code: p.networkCode ?? "U",
    network_name: p.networkName ?? "",
    list_size: p.listSize,
    weighted_list: p.weightedList,
    merged_from: p.mergedFrom?.join(" ") ?? "",
  }));
}

/** A scenario as an export file: everything, marked so `importScenario` recognises it. */
export function scenarioFile(record: ScenarioRecord) {
  return { format: SCENARIO_FILE_FORMAT, version: SCENARIO_FILE_VERSION, ...record };
}

/** A saved scenario as GeoJSON: its configuration drawn on the area it was made for. */
export async function scenarioGeoJson(store: Store, name: string): Promise<unknown> {
  const record = await showScenario(store, name);
  const loaded = await loadScenarioInstance(store, record);
  const configuration = scenarioAssignment(loaded, record);
  const collection = await configurationGeoJson(store, loaded, configuration);
  return { ...collection, metadata: { ...collection.metadata, scenario: record.name, kind: record.kind } };
}

const isToday = (s: string) => ["today", "current"].includes(s.trim().toLowerCase());

export interface ScenarioComparison {
  labels: { a: string; b: string };
  /** The ICB footprint of the scenarios' map (in force on its date), or null when no map that old is loaded. */
  footprint: string | null;
  comparison: ConfigurationComparison;
}

/**
 * Two saved scenarios compared (or one against `today`, the map it started from): practices closed or
 * moved, lists, networks and their bands under the contract year of the scenario's map.
 */
export async function compareScenarios(store: Store, a: string, b: string): Promise<ScenarioComparison> {
  if (isToday(a) && isToday(b))
    throw new RequestError("name at least one saved scenario to compare", { field: "a" });
  const read = async (name: string, field: "a" | "b"): Promise<ScenarioRecord | null> => {
    if (isToday(name)) return null;
    const r = await getScenario(store.db, name);
    if (!r)
      throw new RequestError(`no scenario is named '${name}' (see \`icsplan scenarios list\`)`, {
        kind: "not-found",
        field,
      });
    if (!r.configuration)
      throw new RequestError(
        `scenario '${name}' (${r.kind}) has no practice → network configuration to compare`,
        { kind: "unprocessable", field },
      );
    return r;
  };
  const ra = await read(a, "a");
  const rb = await read(b, "b");
  const ref = (ra ?? rb)!;
  if (ra && rb && ra.synthetic !== rb.synthetic)
    throw new RequestError(
      `'${a}' is on ${ra.synthetic ? "the demo" : "real data"} and '${b}' is not: they cannot be compared`,
      { kind: "unprocessable", field: "b" },
    );
  const today = async (): Promise<ScenarioConfiguration> => {
    const loaded = await loadScenarioInstance(store, ref);
    return configurationOf(loaded, currentMap(loaded.instance));
  };
  const ca = ra ? ra.configuration! : await today();
  const cb = rb ? rb.configuration! : await today();
  const rules = contractYearOn(ref.mapDate);
  const footprint = await footprintLabelOnDate(store, ref.synthetic, ref.mapDate);
  return {
    footprint,
    comparison: compareConfigurations(ca, cb, { min: rules.minimumList, max: rules.typicalMaximumList }),
    labels: {
      a: ra ? `${ra.name} (${ra.kind})` : `today (${ref.area}, map ${ref.mapDate})`,
      b: rb ? `${rb.name} (${rb.kind})` : `today (${ref.area}, map ${ref.mapDate})`,
    },
  };
}

// ---- import -------------------------------------------------------------------------------------------

/** A field of an import file is not what a scenario export holds. */
export class ScenarioFileError extends RequestError {
  override name = "ScenarioFileError";
  constructor(source: string, field: string, expected: string, found: unknown) {
    const shown = JSON.stringify(found) ?? String(found);
    super(
      `${source}: ${field} must be ${expected}; found ${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown}`,
      { field },
    );
  }
}

export interface ScenarioImportRequest {
  /** The parsed JSON of an export file (`icsplan scenarios export NAME --format json`). */
  file: unknown;
  /** Where it came from, for messages: a file name, or "the request body". */
  source: string;
  /** Save under this name instead of the file's. */
  name?: string | undefined;
  /** Replace a scenario of the same name (else a conflict). */
  replace?: boolean | undefined;
}

export interface ScenarioImportResult {
  scenario: ScenarioSummary;
  /** Practices of the scenario's configuration that this store does not know on the scenario's map date. */
  unknownPractices: string[];
  /** Why the scenario may not evaluate here (no data for its map date, practices unknown). */
  warnings: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function checkPractice(source: string, p: unknown, i: number): ScenarioPractice {
  const at = `configuration.practices[${i}]`;
  if (!isObject(p)) throw new ScenarioFileError(source, at, "an object", p);
  const code = p.practiceCode;
  if (typeof code !== "string" || !/^[A-Z0-9]{3,8}$/i.test(code))
    throw new ScenarioFileError(source, `${at}.practiceCode`, "an ODS practice code", code);
  const text = (k: string) => {
    const v = p[k];
    if (v !== null && typeof v !== "string")
      throw new ScenarioFileError(source, `${at}.${k}`, "text or null", v);
    return v;
  };
  const count = (k: string, nullable: boolean) => {
    const v = p[k];
    if (v === null && nullable) return null;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
      throw new ScenarioFileError(
        source,
        `${at}.${k}`,
        `a number of at least 0${nullable ? " or null" : ""}`,
        v,
      );
    return v;
  };
  const practice: ScenarioPractice = {
    practiceCode: code.toUpperCase(),
    networkCode: text("networkCode"),
    networkName: text("networkName"),
    listSize: count("listSize", false)!,
    weightedList: count("weightedList", true),
  };
  if (p.areaCode !== undefined) practice.areaCode = text("areaCode");
  if (p.areaName !== undefined) practice.areaName = text("areaName");
  if (p.mergedFrom !== undefined) {
    if (!Array.isArray(p.mergedFrom) || !p.mergedFrom.every((c) => typeof c === "string"))
      throw new ScenarioFileError(source, `${at}.mergedFrom`, "a list of practice codes", p.mergedFrom);
    practice.mergedFrom = p.mergedFrom as string[];
  }
  return practice;
}

function checkConfiguration(source: string, c: unknown): ScenarioConfiguration | null {
  if (c === null || c === undefined) return null;
  if (!isObject(c)) throw new ScenarioFileError(source, "configuration", "an object or null", c);
  if (!Array.isArray(c.practices))
    throw new ScenarioFileError(source, "configuration.practices", "a list of practices", c.practices);
  const practices = c.practices.map((p, i) => checkPractice(source, p, i));
  const seen = new Set<string>();
  for (const [i, p] of practices.entries()) {
    if (seen.has(p.practiceCode))
      throw new ScenarioFileError(
        source,
        `configuration.practices[${i}].practiceCode`,
        "each practice once",
        p.practiceCode,
      );
    seen.add(p.practiceCode);
  }
  const closed = c.closed ?? [];
  if (!Array.isArray(closed) || !closed.every((x) => typeof x === "string"))
    throw new ScenarioFileError(source, "configuration.closed", "a list of practice codes", c.closed);
  return { practices, closed: closed as string[] };
}

/** Checks an export file field by field and returns the scenario it holds (not yet saved). */
export function readScenarioFile(file: unknown, source: string): Omit<ScenarioRecord, "id" | "createdAt"> {
  if (!isObject(file))
    throw new ScenarioFileError(source, "the file", "a JSON object (a scenario export)", file);
  if (file.format !== undefined && file.format !== SCENARIO_FILE_FORMAT)
    throw new ScenarioFileError(source, "format", `'${SCENARIO_FILE_FORMAT}'`, file.format);
  if (file.version !== undefined && file.version !== SCENARIO_FILE_VERSION)
    throw new ScenarioFileError(source, "version", String(SCENARIO_FILE_VERSION), file.version);
  const text = (k: string, pattern?: RegExp) => {
    const v = file[k];
    if (typeof v !== "string" || (pattern && !pattern.test(v)))
      throw new ScenarioFileError(source, k, pattern ? `text like ${pattern.source}` : "text", v);
    return v;
  };
  const kind = file.kind;
  if (typeof kind !== "string" || !(SCENARIO_KINDS as readonly string[]).includes(kind))
    throw new ScenarioFileError(source, "kind", `one of ${SCENARIO_KINDS.join(", ")}`, kind);
  if (typeof file.synthetic !== "boolean")
    throw new ScenarioFileError(source, "synthetic", "true or false", file.synthetic);
  return {
    name: text("name"),
    kind: kind as ScenarioKind,
    synthetic: file.synthetic,
    area: text("area"),
    mapDate: text("mapDate", /^\d{4}-\d{2}-\d{2}$/),
    description: typeof file.description === "string" ? file.description : "",
    request: (file.request ?? null) as Json,
    result: (file.result ?? null) as Json,
    configuration: checkConfiguration(source, file.configuration),
  };
}

/**
 * Loads a colleague's scenario export into this store, under its own name or a new one. Practices the
 * store does not know on the scenario's map date are reported (the scenario still loads: the colleague
 * may hold newer data).
 */
export async function importScenario(
  store: Store,
  request: ScenarioImportRequest,
): Promise<ScenarioImportResult> {
  const scenario = readScenarioFile(request.file, request.source);
  const name = checkScenarioName(request.name ?? scenario.name);
  const warnings: string[] = [];
  let unknownPractices: string[] = [];
  if (scenario.configuration) {
    try {
      const picture = await readPicture(store, { synthetic: scenario.synthetic, date: scenario.mapDate });
      const known = new Set(picture.practices.map((p) => p.code));
      unknownPractices = scenario.configuration.practices
        .map((p) => p.practiceCode)
        .filter((c) => !known.has(c))
        .sort();
      if (unknownPractices.length > 0)
        warnings.push(
          `${unknownPractices.length} of its ${scenario.configuration.practices.length} practices are not in this store's ${scenario.synthetic ? "demo" : "data"} for ${scenario.mapDate} (${unknownPractices.slice(0, 5).join(", ")}${unknownPractices.length > 5 ? ", …" : ""})`,
        );
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      warnings.push(
        `this store has no ${scenario.synthetic ? "demo " : ""}data for its map date ${scenario.mapDate} yet (${error.message}); load it to evaluate the scenario`,
      );
    }
  }
  const saved = await saveScenario(store.db, { ...scenario, name }, { replace: request.replace ?? false });
  const { request: _r, result: _s, configuration: _c, ...summary } = saved;
  return { scenario: summary, unknownPractices, warnings };
}
