// Use case: a two-level design (neighbourhoods nested in multi-neighbourhood areas) of an ICB, a place or
// every ICB of England, with the district (local authority) of each practice read from the store, both
// levels evaluated beside today's PCNs, saved as a scenario when asked (the practice → neighbourhood
// configuration, each practice also naming its area), and exported as CSV or GeoJSON (both levels).
// See docs/networks.md "Neighbourhoods: two-level design".
import {
  designNeighbourhoods as designTwoLevels,
  noAuthorities,
  practiceAuthorities,
  type LsoaAuthority,
  type NeighbourhoodOptions,
  type PracticeAuthorities,
  type TwoLevelDesign,
} from "../engines/neighbourhoods/index.ts";
import type { LabelledAssignment } from "../engines/networks/assignment.ts";
import type { ScenarioConfiguration } from "../model/scenario.ts";
import type { DatasetRef, Picture } from "../model/picture.ts";
import { findDataset } from "../store/repositories/datasets.ts";
import { checkScenarioSave, saveScenario, type Json } from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";
import { instanceOfPicture, type LoadedNetworkInstance } from "./network-instance.ts";
import { configurationGeoJson, configurationOf } from "./network-scenarios.ts";
import { loadArea, networkSource, type NetworkAreaRequest, type SaveAs } from "./networks.ts";
import { footprintLabel } from "./footprints.ts";
import { readPicture } from "./picture.ts";
import { checkpoint, type Work } from "./work.ts";

export interface NeighbourhoodDesignRequest extends NetworkAreaRequest {
  /** Every ICB of the picture, labels unique in England (each carries its ICB code). */
  england?: boolean | undefined;
  options?: NeighbourhoodOptions | undefined;
  save?: SaveAs | undefined;
}

export interface DistrictSource {
  /** Where LSOA → district came from: the ONS lookup or the IoD 2025 LSOA file; null when neither. */
  lookup: DatasetRef | null;
  centroids: DatasetRef | null;
}

export interface NeighbourhoodAreaDesign {
  loaded: LoadedNetworkInstance;
  authorities: PracticeAuthorities;
  design: TwoLevelDesign;
}

export interface NeighbourhoodDesignOutcome {
  picture: Picture;
  /** The ICB footprint of the map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
  england: boolean;
  districts: DistrictSource;
  designs: NeighbourhoodAreaDesign[];
  savedAs: string | null;
  seconds: { load: number; design: number; total: number };
}

type Db = Store["db"];

/** The newest dataset with LSOA 2021 rows in a table (lsoa_imd with districts, or lsoa_centroid). */
async function newestLsoa21(db: Db, table: "lsoa_imd" | "lsoa_centroid", synthetic: boolean) {
  const q = db
    .selectFrom(table)
    .innerJoin("dataset", "dataset.id", `${table}.dataset_id`)
    .select(["dataset.id as id", "dataset.source as source"])
    .where("dataset.synthetic", "=", synthetic)
    .where(`${table}.vintage`, "=", 2021)
    .orderBy("dataset.reference_date", "desc")
    .orderBy("dataset.id", "desc")
    .limit(1);
  const row = await (
    table === "lsoa_imd" ? q.where("lsoa_imd.lad_code", "is not", null) : q
  ).executeTakeFirst();
  if (!row) return null;
  return { id: row.id, ref: await findDataset(db, row.source, synthetic) };
}

/** The sources of LSOA → district rows and LSOA 2021 centroids in the store. */
export async function districtSources(store: Store, synthetic: boolean) {
  const ons = await findDataset(store.db, "ons-lsoa-local-authority", synthetic);
  const imd = ons ? null : await newestLsoa21(store.db, "lsoa_imd", synthetic);
  const centroids = await newestLsoa21(store.db, "lsoa_centroid", synthetic);
  return { ons, imd, centroids };
}

/**
 * LSOA → district rows for the practices of an instance: the LSOAs of their registrations and those whose
 * centroid lies within 0.1° of a practice site's bounding box.
 */
export async function districtRows(
  store: Store,
  loaded: LoadedNetworkInstance,
  sources: Awaited<ReturnType<typeof districtSources>>,
): Promise<LsoaAuthority[]> {
  const { instance } = loaded;
  const db = store.db;
  if (!sources.ons && !sources.imd) return [];
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  instance.lat.forEach((lat, p) => {
    const lon = instance.lon[p]!;
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
  });
  const points = new Map<string, { lat: number; lon: number }>();
  if (sources.centroids && Number.isFinite(minLat)) {
    const rows = await db
      .selectFrom("lsoa_centroid")
      .select(["lsoa_code", "lat", "lon"])
      .where("dataset_id", "=", sources.centroids.id)
      .where("vintage", "=", 2021)
      .where("lat", ">=", minLat - 0.1)
      .where("lat", "<=", maxLat + 0.1)
      .where("lon", ">=", minLon - 0.1)
      .where("lon", "<=", maxLon + 0.1)
      .execute();
    for (const r of rows) points.set(r.lsoa_code, { lat: Number(r.lat), lon: Number(r.lon) });
  }
  const codes = [...new Set([...(instance.catchments?.lsoaCodes ?? []), ...points.keys()])];
  if (codes.length === 0) return [];
  const lads: { lsoa_code: string; lad_code: string | null; lad_name: string | null }[] = [];
  for (let i = 0; i < codes.length; i += 5_000) {
    const chunk = codes.slice(i, i + 5_000);
    lads.push(
      ...(sources.ons
        ? await db
            .selectFrom("lsoa_local_authority")
            .select(["lsoa_code", "lad_code", "lad_name"])
            .where("dataset_id", "=", sources.ons.id)
            .where("lsoa_code", "in", chunk)
            .execute()
        : await db
            .selectFrom("lsoa_imd")
            .select(["lsoa_code", "lad_code", "lad_name"])
            .where("dataset_id", "=", sources.imd!.id)
            .where("vintage", "=", 2021)
            .where("lsoa_code", "in", chunk)
            .execute()),
    );
  }
  const seen = new Set<string>();
  const out: LsoaAuthority[] = [];
  for (const r of lads) {
    if (r.lad_code === null || seen.has(r.lsoa_code)) continue;
    seen.add(r.lsoa_code);
    const pt = points.get(r.lsoa_code);
    out.push({
      lsoaCode: r.lsoa_code,
      ladCode: r.lad_code,
      ladName: r.lad_name,
      lat: pt?.lat ?? null,
      lon: pt?.lon ?? null,
    });
  }
  return out.sort((a, b) => a.lsoaCode.localeCompare(b.lsoaCode));
}

const asJson = (value: unknown): Json => JSON.parse(JSON.stringify(value ?? null)) as Json;

/** Every practice with its neighbourhood (as its network) and its area. */
export function neighbourhoodConfiguration(d: NeighbourhoodAreaDesign): ScenarioConfiguration {
  const base = configurationOf(d.loaded, neighbourhoodLevel(d));
  return {
    practices: base.practices.map((p, i) => {
      const n = d.design.neighbourhoods[d.design.neighbourhoodOf[i]!]!;
      return { ...p, areaCode: n.area, areaName: `Area ${n.area}` };
    }),
    closed: [],
  };
}

/** The neighbourhood level as a labelled assignment (for evaluation, export and maps). */
export function neighbourhoodLevel(d: NeighbourhoodAreaDesign): LabelledAssignment {
  return {
    assignment: d.design.neighbourhoodOf,
    labels: d.design.neighbourhoods.map((n) => ({
      code: n.label,
      name: `Neighbourhood ${n.label}`,
      outsidePcn: false,
    })),
  };
}

/** The area level as a labelled assignment of practices. */
export function areaLevel(d: NeighbourhoodAreaDesign): LabelledAssignment {
  return {
    assignment: Int32Array.from(d.design.neighbourhoodOf, (i) => d.design.areaOf[i]!),
    labels: d.design.areas.map((a) => ({ code: a.label, name: `Area ${a.label}`, outsidePcn: false })),
  };
}

/** Designs one area (or every ICB with `england`), saves it when asked. */
export async function designNeighbourhoods(
  store: Store,
  request: NeighbourhoodDesignRequest,
  work?: Work,
): Promise<NeighbourhoodDesignOutcome> {
  const started = performance.now();
  if (request.save) await checkScenarioSave(store.db, request.save.name, request.save.replace);
  await checkpoint(work, { stage: "load", message: "reading the area" });
  const synthetic = request.synthetic ?? false;
  let picture: Picture;
  const loadedAreas: LoadedNetworkInstance[] = [];
  if (request.england) {
    picture = await readPicture(store, request);
    const icbs = [...new Set(picture.practices.map((p) => p.icb.code))].sort();
    for (const [i, icb] of icbs.entries()) {
      await checkpoint(work, { stage: "load", done: i, total: icbs.length, message: icb });
      loadedAreas.push(
        await instanceOfPicture(store, picture, {
          synthetic,
          date: request.date,
          lists: request.lists,
          icb,
          graph: request.graph,
        }),
      );
    }
  } else {
    const loaded = await loadArea(store, request);
    picture = loaded.picture;
    loadedAreas.push(loaded);
  }
  const sources = await districtSources(store, synthetic);
  const withDistricts: { loaded: LoadedNetworkInstance; authorities: PracticeAuthorities }[] = [];
  for (const loaded of loadedAreas) {
    const rows = await districtRows(store, loaded, sources);
    withDistricts.push({
      loaded,
      authorities:
        rows.length > 0 ? practiceAuthorities(loaded.instance, rows) : noAuthorities(loaded.instance),
    });
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const designStarted = performance.now();
  const options = { ...(request.england ? { starts: 1 } : {}), ...request.options };
  const designs: NeighbourhoodAreaDesign[] = [];
  for (const [i, { loaded, authorities }] of withDistricts.entries()) {
    await checkpoint(work, {
      stage: "design",
      done: i,
      total: withDistricts.length,
      message: `two-level design of ${loaded.areaName}`,
    });
    designs.push({
      loaded,
      authorities,
      design: designTwoLevels(loaded.instance, loaded.adjacency, authorities, options),
    });
  }
  const designSeconds = (performance.now() - designStarted) / 1000;
  await checkpoint(work, { stage: "save" });
  const districts: DistrictSource = {
    lookup: sources.ons ?? sources.imd?.ref ?? null,
    centroids: sources.centroids?.ref ?? null,
  };
  let savedAs: string | null = null;
  if (request.save) {
    const first = designs[0]!;
    const area = request.england ? "England" : first.loaded.instance.scope.replace(/^\S+\s+/, "");
    const record = await saveScenario(
      store.db,
      {
        name: request.save.name,
        kind: "network-design",
        synthetic: picture.synthetic,
        area,
        mapDate: picture.date,
        description:
          request.save.description ??
          `Two-level design (neighbourhoods in areas) for ${request.england ? `England (${designs.length} ICBs)` : first.loaded.areaName}, map of ${picture.sources.map.period}`,
        request: asJson({
          twoLevel: true,
          england: request.england === true,
          icb: request.icb ?? null,
          subIcb: request.subIcb ?? null,
          date: request.date ?? null,
          graph: {
            basis: request.graph?.basis ?? "auto",
            overlap: request.graph?.overlapThreshold ?? null,
            pruneFactor: request.graph?.pruneFactor ?? null,
            maxEdgeKm: request.graph?.maxEdgeKm ?? null,
          },
          ...options,
          levels: {
            neighbourhood: { band: first.design.band },
            area: { band: first.design.areaBand },
          },
          weights: first.design.weights,
        }),
        result: asJson({
          districts,
          designs: designs.map((d) => designSummary(d)),
        }),
        configuration: {
          practices: designs.flatMap((d) => neighbourhoodConfiguration(d).practices),
          closed: [],
        },
      },
      { replace: request.save.replace ?? false },
    );
    savedAs = record.name;
  }
  return {
    picture,
    footprint: await footprintLabel(store, picture),
    england: request.england === true,
    districts,
    designs,
    savedAs,
    seconds: { load: loadSeconds, design: designSeconds, total: (performance.now() - started) / 1000 },
  };
}

/** One area's design without practice lists: the levels' totals, areas, breaches, notes. */
export function designSummary(d: NeighbourhoodAreaDesign) {
  const { design } = d;
  return {
    scope: design.scope,
    area: d.loaded.areaName,
    band: design.band,
    areaBand: design.areaBand,
    weights: design.weights,
    districtBasis: design.authorities,
    levels: {
      pcn: design.evaluation.pcn.totals,
      neighbourhood: design.evaluation.neighbourhood.totals,
      area: design.evaluation.area.totals,
    },
    areas: design.areas,
    changes: design.changes,
    relaxations: design.relaxations,
    notes: design.notes,
    seconds: design.seconds,
  };
}

/** A design as plain data: the source, both levels with their units and totals, and every practice. */
export function neighbourhoodData(outcome: NeighbourhoodDesignOutcome) {
  return {
    synthetic: outcome.picture.synthetic,
    date: outcome.picture.date,
    map: outcome.picture.sources.map.period,
    footprint: outcome.footprint,
    districts: outcome.districts,
    savedAs: outcome.savedAs,
    seconds: outcome.seconds,
    designs: outcome.designs.map((d) => ({
      ...networkSource(d.loaded),
      ...designSummary(d),
      neighbourhoods: d.design.neighbourhoods,
      units: {
        neighbourhood: d.design.evaluation.neighbourhood.units,
        area: d.design.evaluation.area.units,
      },
      practices: practiceRows(d),
    })),
  };
}

export interface NeighbourhoodPracticeRow {
  practice_code: string;
  practice_name: string;
  neighbourhood_code: string;
  area_code: string;
  list_size: number;
  district_code: string | null;
  district_name: string | null;
  district_basis: string;
  pcn_code: string | null;
}

/** Each practice with its neighbourhood, area, district (and how it was found) and today's PCN. */
export function practiceRows(d: NeighbourhoodAreaDesign): NeighbourhoodPracticeRow[] {
  const { instance } = d.loaded;
  return instance.practiceCodes.map((code, p) => {
    const n = d.design.neighbourhoods[d.design.neighbourhoodOf[p]!]!;
    const la = d.authorities.of[p]!;
    const c = instance.current[p]!;
    return {
      practice_code: code,
      practice_name: instance.practiceNames[p] ?? "",
      neighbourhood_code: n.label,
      area_code: n.area,
      list_size: instance.listKnown[p] ? instance.listSize[p]! : 0,
      district_code: la >= 0 ? d.authorities.codes[la]! : null,
      district_name: la >= 0 ? d.authorities.names[la]! : null,
      district_basis: d.authorities.basis[p]!,
      pcn_code: c >= 0 ? instance.networkCodes[c]! : null,
    };
  });
}

/** Both levels as one GeoJSON collection: practice points and neighbourhood and area polygons, each
 *  feature with `level` (neighbourhood or area). One area only. */
export async function neighbourhoodGeoJson(store: Store, d: NeighbourhoodAreaDesign) {
  const nbh = await configurationGeoJson(store, d.loaded, neighbourhoodLevel(d));
  const area = await configurationGeoJson(store, d.loaded, areaLevel(d));
  const tag = (level: string, f: (typeof nbh.features)[number]) => ({
    ...f,
    properties: { ...f.properties, level },
  });
  return {
    type: "FeatureCollection" as const,
    features: [
      ...nbh.features.map((f) => tag("neighbourhood", f)),
      ...area.features.filter((f) => f.properties.kind === "network").map((f) => tag("area", f)),
    ],
    metadata: {
      ...nbh.metadata,
      levels: ["neighbourhood", "area"],
      neighbourhoods: d.design.neighbourhoods.length,
      areas: d.design.areas.length,
    },
  };
}
