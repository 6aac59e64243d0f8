// Use cases around saved network configurations: the configuration a design leaves behind (for saving as
// a scenario), reading a saved scenario back as a configuration of a loaded instance, and drawing a
// configuration as GeoJSON with the LSOA boundaries the store holds.
import { RequestError, UnknownAreaError } from "../model/errors.ts";
import {
  assignmentFromRows,
  type LabelledAssignment,
  type PracticeNetworkRow,
} from "../engines/networks/assignment.ts";
import { networkGeoJson, type FeatureCollection } from "../engines/networks/geometry/network-geojson.ts";
import type { Position } from "../engines/networks/geometry/dissolve.ts";
import { loadLsoaBoundaries } from "../store/repositories/boundaries.ts";
import type { ScenarioConfiguration } from "../model/scenario.ts";
import type { ScenarioRecord } from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";

import { loadNetworkInstance, type LoadedNetworkInstance } from "./network-instance.ts";

/** Every practice of the instance with its network in `configuration`, list and weighted list. */
export function configurationOf(
  loaded: LoadedNetworkInstance,
  configuration: LabelledAssignment,
): ScenarioConfiguration {
  const byCode = new Map(loaded.picture.practices.map((p) => [p.code, p]));
  const { instance } = loaded;
  return {
    practices: instance.practiceCodes.map((code, p) => {
      const label = configuration.labels[configuration.assignment[p]!]!;
      return {
        practiceCode: code,
        networkCode: label.outsidePcn ? null : label.code,
        networkName: label.outsidePcn ? null : label.name,
        listSize: instance.listKnown[p] ? instance.listSize[p]! : 0,
        weightedList: byCode.get(code)?.weightedList ?? null,
      };
    }),
    closed: [],
  };
}

export class ScenarioConfigurationError extends RequestError {
  override name = "ScenarioConfigurationError";
  constructor(message: string) {
    super(message, { kind: "unprocessable" });
  }
}

/** A saved scenario's configuration as a labelled assignment of the loaded instance. */
export function scenarioAssignment(
  loaded: LoadedNetworkInstance,
  record: ScenarioRecord,
): LabelledAssignment {
  const configuration = record.configuration;
  if (!configuration)
    throw new ScenarioConfigurationError(
      `scenario '${record.name}' (${record.kind}) has no practice → network configuration`,
    );
  if (record.synthetic !== loaded.picture.synthetic)
    throw new ScenarioConfigurationError(
      `scenario '${record.name}' was made on the ${record.synthetic ? "synthetic demo" : "real data"}; ${record.synthetic ? "add --demo" : "drop --demo"}`,
    );
  if (configuration.closed.length > 0)
    throw new ScenarioConfigurationError(
      `scenario '${record.name}' closes or merges practices (${configuration.closed.join(", ")}), so it is not a configuration of today's practices; use \`icsplan scenarios show ${record.name}\``,
    );
  // An England design (networks design --england) holds every practice of England: an ICB or place
  // takes its own practices from it.
  const inArea = new Set(loaded.instance.practiceCodes);
  const practices =
    record.area === "England"
      ? configuration.practices.filter((p) => inArea.has(p.practiceCode))
      : configuration.practices;
  const rows: PracticeNetworkRow[] = practices.map((p) => ({
    practiceCode: p.practiceCode,
    networkCode: p.networkCode ?? "U",
    networkName: p.networkName ?? undefined,
    where: `scenario ${record.name}`,
  }));
  return assignmentFromRows(loaded.instance, rows);
}

/** The configuration as GeoJSON: practice points and network polygons (LSOA dissolve or hull). */
export async function configurationGeoJson(
  store: Store,
  loaded: LoadedNetworkInstance,
  configuration: LabelledAssignment,
): Promise<FeatureCollection & { metadata: Record<string, unknown> }> {
  const { instance, picture } = loaded;
  const inside = new Set(instance.practiceCodes);
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (let p = 0; p < instance.practiceCodes.length; p++) {
    if (!Number.isFinite(instance.lat[p]!)) continue;
    minLat = Math.min(minLat, instance.lat[p]!);
    maxLat = Math.max(maxLat, instance.lat[p]!);
    minLon = Math.min(minLon, instance.lon[p]!);
    maxLon = Math.max(maxLon, instance.lon[p]!);
  }
  const margin = 0.2; // degrees: LSOAs just beyond the outermost sites still belong to the area
  const box = {
    minLat: minLat - margin,
    maxLat: maxLat + margin,
    minLon: minLon - margin,
    maxLon: maxLon + margin,
  };
  const lsoas = Number.isFinite(minLat)
    ? await loadLsoaBoundaries(store.db, { synthetic: picture.synthetic, box })
    : [];
  const outsideSites: Position[] = [];
  for (const p of picture.practices)
    if (!inside.has(p.code) && p.site.lat !== null && p.site.lon !== null) {
      const { lat, lon } = p.site;
      if (
        lat >= box.minLat - margin &&
        lat <= box.maxLat + margin &&
        lon >= box.minLon - margin &&
        lon <= box.maxLon + margin
      )
        outsideSites.push([lon, lat]);
    }
  const band = { min: loaded.rules.minimumList, max: loaded.rules.typicalMaximumList };
  const collection = networkGeoJson({ instance, configuration, lsoas, outsideSites, band });
  const shapes = collection.features.filter((f) => f.properties.kind === "network");
  return {
    ...collection,
    metadata: {
      synthetic: picture.synthetic,
      area: loaded.areaName,
      scope: instance.scope,
      map: picture.sources.map.period,
      lsoaBoundaries: lsoas.length,
      networksDissolved: shapes.filter((f) => f.properties.shape === "lsoa-dissolve").length,
      networksHulled: shapes.filter((f) => f.properties.shape === "convex-hull").length,
      method:
        "Network polygons dissolve the LSOAs each network serves (by most registered patients where LSOA registrations exist, else by nearest practice site); networks with no LSOA boundary loaded are drawn as the convex hull of their sites widened by 500 m.",
    },
  };
}

/** The network instance a saved scenario was made on: its area, map date and data (real or demo). */
export async function loadScenarioInstance(
  store: Store,
  record: ScenarioRecord,
): Promise<LoadedNetworkInstance> {
  const request = (record.request ?? {}) as { subIcb?: string | null; graph?: Record<string, unknown> };
  const g = request.graph ?? {};
  const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));
  const graph = {
    basis: (g.basis as "auto" | "catchment" | "delaunay" | undefined) ?? "auto",
    overlapThreshold: num(g.overlap),
    pruneFactor: num(g.pruneFactor),
    maxEdgeKm: num(g.maxEdgeKm),
  };
  const base = { synthetic: record.synthetic, date: record.mapDate, graph };
  if (request.subIcb) return loadNetworkInstance(store, { ...base, subIcb: record.area });
  try {
    return await loadNetworkInstance(store, { ...base, icb: record.area });
  } catch (error) {
    if (error instanceof UnknownAreaError)
      return loadNetworkInstance(store, { ...base, subIcb: record.area });
    throw error;
  }
}
