// Use cases of the network studio (web): the instance of an area as plain columns for the browser (the
// practices with list, site, place and today's PCN; the adjacency graph and the LSOA catchments the
// server's evaluation uses; the band), so the browser can recompute the metrics as practices move; an
// edited configuration (rows practice → network) evaluated against today's map; and one saved as a named
// scenario.
import { currentMap } from "../engines/networks/assignment.ts";
import type { PracticeNetworkRow } from "../engines/networks/assignment.ts";
import { compare } from "../engines/networks/compare.ts";
import type { Json } from "../store/repositories/scenarios.ts";
import { checkScenarioName, saveScenario } from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";
import { configurationOf } from "./network-scenarios.ts";
import {
  compareNetworks,
  loadArea,
  networkSource,
  resolveConfiguration,
  type NetworkAreaRequest,
  type NetworkComparison,
  type NetworkSource,
  type SaveAs,
} from "./networks.ts";

/** A coordinate as JSON holds it: NaN (unknown) becomes null. */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface StudioInstance extends NetworkSource {
  scope: string;
  rules: { year: string; minimumList: number; typicalMaximumList: number };
  practices: {
    codes: string[];
    names: string[];
    listSize: number[];
    listKnown: number[];
    lat: (number | null)[];
    lon: (number | null)[];
    /** Index into `places`. */
    place: number[];
    /** Today's PCN: index into `networks`, −1 when outside any PCN. */
    current: number[];
  };
  places: { codes: string[]; names: string[] };
  networks: { codes: string[]; names: string[] };
  /** The graph contiguity is judged on (compressed sparse rows, symmetric). */
  adjacency: { basis: string; method: string; offsets: number[]; neighbours: number[]; isolated: number[] };
  /** Patients of each practice by LSOA (compressed sparse rows), for cohesion; null without registrations. */
  patientsByLsoa: {
    offsets: number[];
    lsoa: number[];
    patients: number[];
    lsoaLat: (number | null)[];
    lsoaLon: (number | null)[];
  } | null;
  notes: string[];
}

/** The area's instance, graph and catchments as JSON-safe columns (the studio's metrics work from these). */
export async function studioInstance(store: Store, request: NetworkAreaRequest): Promise<StudioInstance> {
  const loaded = await loadArea(store, request);
  const { instance: i, adjacency: g, rules } = loaded;
  const c = i.catchments;
  return {
    ...networkSource(loaded),
    scope: i.scope,
    rules: { year: rules.year, minimumList: rules.minimumList, typicalMaximumList: rules.typicalMaximumList },
    practices: {
      codes: [...i.practiceCodes],
      names: [...i.practiceNames],
      listSize: [...i.listSize],
      listKnown: [...i.listKnown],
      lat: [...i.lat].map(finite),
      lon: [...i.lon].map(finite),
      place: [...i.place],
      current: [...i.current],
    },
    places: { codes: [...i.placeCodes], names: [...i.placeNames] },
    networks: { codes: [...i.networkCodes], names: [...i.networkNames] },
    adjacency: {
      basis: g.basis,
      method: g.method,
      offsets: [...g.offsets],
      neighbours: [...g.neighbours],
      isolated: [...g.isolated],
    },
    patientsByLsoa: c
      ? {
          offsets: [...c.offsets],
          lsoa: [...c.lsoa],
          patients: [...c.patients],
          lsoaLat: [...c.lsoaLat].map(finite),
          lsoaLon: [...c.lsoaLon].map(finite),
        }
      : null,
    notes: [...(i.notes ?? [])],
  };
}

export interface StudioConfigurationRequest extends NetworkAreaRequest {
  /** Every practice of the area with its network code (`U`: outside any PCN) and optional name. */
  rows: PracticeNetworkRow[];
  /** What the configuration is, for messages (default "the edited configuration"). */
  label?: string | undefined;
}

/** An edited configuration evaluated, beside today's map: its evaluation and the practices it moves. */
export function evaluateStudioConfiguration(
  store: Store,
  request: StudioConfigurationRequest,
): Promise<NetworkComparison> {
  return compareNetworks(store, {
    ...request,
    b: { kind: "rows", rows: request.rows, label: request.label ?? "the edited configuration" },
  });
}

export interface StudioSaveRequest extends StudioConfigurationRequest {
  save: SaveAs;
}

/** Saves an edited configuration as a network scenario (kind network-design, `request.edited` true). */
export async function saveStudioConfiguration(store: Store, request: StudioSaveRequest) {
  checkScenarioName(request.save.name);
  const loaded = await loadArea(store, request);
  const { labelled } = await resolveConfiguration(
    store,
    loaded,
    { kind: "rows", rows: request.rows, label: request.label ?? "the edited configuration" },
    "rows",
  );
  const comparison = compare(
    loaded.instance,
    loaded.adjacency,
    currentMap(loaded.instance),
    labelled,
    loaded.rules,
  );
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
        `Networks edited in the studio for ${loaded.areaName}, map of ${loaded.picture.sources.map.period}`,
      request: JSON.parse(
        JSON.stringify({
          edited: true,
          icb: request.icb ?? null,
          subIcb: request.subIcb ?? null,
          date: request.date ?? null,
          graph: { basis: request.graph?.basis ?? "auto" },
        }),
      ) as Json,
      result: JSON.parse(
        JSON.stringify({
          today: comparison.a.totals,
          proposal: comparison.b.totals,
          changes: { practicesMoved: comparison.practicesMoved, patientsMoved: comparison.patientsMoved },
        }),
      ) as Json,
      configuration: configurationOf(loaded, labelled),
    },
    { replace: request.save.replace ?? false },
  );
  const { request: _r, result: _s, configuration: _c, ...summary } = record;
  return {
    scenario: summary,
    practicesMoved: comparison.practicesMoved,
    patientsMoved: comparison.patientsMoved,
  };
}
