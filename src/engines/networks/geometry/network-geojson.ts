// A configuration of networks as GeoJSON: a point per practice site, and a polygon per network —
// dissolved from LSOA boundaries where those exist, else the convex hull of its practice sites widened by
// 500 m. Each LSOA goes to the network holding most of its registered patients where LSOA registrations
// exist (catchments), else to the network of its nearest practice site; an LSOA whose nearest site is a
// practice outside the area is left out. RFC 7946: WGS84 [lon, lat], outer rings counter-clockwise.
import type { LabelledAssignment } from "../assignment.ts";
import { hasSite, haversineKm } from "../geo.ts";
import type { NetworkInstance } from "../instance.ts";
import { dissolve, type PolygonalGeometry, type Position } from "./dissolve.ts";
import { bufferedHull } from "./hull.ts";

import type { LsoaArea } from "../../../model/geometry.ts";
export type { LsoaArea };

export interface NetworkGeoJsonInput {
  instance: NetworkInstance;
  configuration: LabelledAssignment;
  /** LSOA boundaries (with centroids) that may fall in the area; none → hulls only. */
  lsoas: readonly LsoaArea[];
  /** Sites of practices outside the area, so LSOAs nearer to them are left out. */
  outsideSites: readonly Position[];
  /** Band, for each network's `band` property. */
  band: { min: number; max: number };
}

export interface Feature {
  type: "Feature";
  geometry:
    | { type: "Point"; coordinates: Position }
    | { type: "MultiPolygon"; coordinates: Position[][][] }
    | { type: "Polygon"; coordinates: Position[][] };
  properties: Record<string, string | number | boolean | null>;
}

export interface FeatureCollection {
  type: "FeatureCollection";
  features: Feature[];
}

/** Network index of each LSOA (−1 when it falls outside the area). */
export function lsoaNetworks(input: NetworkGeoJsonInput): Int32Array {
  const { instance, configuration } = input;
  const a = configuration.assignment;
  const out = new Int32Array(input.lsoas.length).fill(-1);
  // Catchments: patients of each LSOA by network.
  const byCatchment = new Map<string, Map<number, number>>();
  const c = instance.catchments;
  if (c)
    for (let p = 0; p < instance.practiceCodes.length; p++)
      for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++) {
        const code = c.lsoaCodes[c.lsoa[e]!]!;
        if (!byCatchment.has(code)) byCatchment.set(code, new Map());
        const m = byCatchment.get(code)!;
        m.set(a[p]!, (m.get(a[p]!) ?? 0) + c.patients[e]!);
      }
  input.lsoas.forEach((l, i) => {
    const counts = byCatchment.get(l.code);
    if (counts) {
      let best = -1;
      let bestW = -1;
      for (const [n, w] of [...counts].sort((x, y) => x[0] - y[0])) if (w > bestW) [best, bestW] = [n, w];
      out[i] = best;
      return;
    }
    let nearest = -1;
    let d = Infinity;
    for (let p = 0; p < instance.practiceCodes.length; p++) {
      if (!hasSite(instance.lat[p]!, instance.lon[p]!)) continue;
      const dp = haversineKm(l.lat, l.lon, instance.lat[p]!, instance.lon[p]!);
      if (dp < d) [nearest, d] = [p, dp];
    }
    for (const [lon, lat] of input.outsideSites) if (haversineKm(l.lat, l.lon, lat, lon) < d) return;
    if (nearest >= 0) out[i] = a[nearest]!;
  });
  return out;
}

export function networkGeoJson(input: NetworkGeoJsonInput): FeatureCollection {
  const { instance, configuration, band } = input;
  const { assignment, labels } = configuration;
  const features: Feature[] = [];
  const k = labels.length;
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let p = 0; p < assignment.length; p++) members[assignment[p]!]!.push(p);
  const lsoaOf = lsoaNetworks(input);
  const geometriesOf: PolygonalGeometry[][] = Array.from({ length: k }, () => []);
  lsoaOf.forEach((n, i) => {
    if (n >= 0) geometriesOf[n]!.push(input.lsoas[i]!.geometry);
  });
  for (let n = 0; n < k; n++) {
    const ps = members[n]!;
    if (ps.length === 0) continue;
    const list = ps.reduce((s, p) => s + instance.listSize[p]!, 0);
    const label = labels[n]!;
    const dissolved = geometriesOf[n]!.length > 0 ? dissolve(geometriesOf[n]!) : null;
    const sites = ps
      .filter((p) => Number.isFinite(instance.lat[p]!) && Number.isFinite(instance.lon[p]!))
      .map((p): Position => [instance.lon[p]!, instance.lat[p]!]);
    if (!dissolved && sites.length === 0) continue;
    features.push({
      type: "Feature",
      geometry: dissolved
        ? { type: "MultiPolygon", coordinates: dissolved }
        : { type: "Polygon", coordinates: [bufferedHull(sites)] },
      properties: {
        kind: "network",
        network_code: label.code,
        network_name: label.name,
        outside_pcn: label.outsidePcn,
        practices: ps.length,
        list_size: list,
        band: list < band.min ? "under" : list > band.max ? "over" : "in",
        shape: dissolved ? "lsoa-dissolve" : "convex-hull",
        lsoas: geometriesOf[n]!.length,
      },
    });
  }
  for (let p = 0; p < assignment.length; p++) {
    if (!Number.isFinite(instance.lat[p]!) || !Number.isFinite(instance.lon[p]!)) continue;
    const label = labels[assignment[p]!]!;
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: [instance.lon[p]!, instance.lat[p]!] },
      properties: {
        kind: "practice",
        practice_code: instance.practiceCodes[p]!,
        practice_name: instance.practiceNames[p]!,
        list_size: instance.listKnown[p] ? instance.listSize[p]! : null,
        network_code: label.code,
        network_name: label.name,
        place: instance.placeCodes[instance.place[p]!]!,
      },
    });
  }
  return { type: "FeatureCollection", features };
}
