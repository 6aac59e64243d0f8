// A proposed configuration on the map, drawn in the browser from today's practice points (the API's
// export.geojson) and the design's networks: each network's polygon is the convex hull of its practice
// sites widened by a margin (as the server draws networks with no LSOA boundaries), so a network of one or
// two practices still shows. Pure, tested without a browser.
import type { Band } from "./bands.ts";
import type { Feature, FeatureCollection } from "./map-style.ts";

export type Point = [number, number];

const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** The convex hull of points, anticlockwise, without repeating the first point (Andrew's monotone chain). */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const unique = sorted.filter((p, i) => i === 0 || p[0] !== sorted[i - 1]![0] || p[1] !== sorted[i - 1]![1]);
  if (unique.length < 3) return unique;
  const lower: Point[] = [];
  for (const p of unique) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (const p of [...unique].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** The hull of the sites widened by `metres` (each site ringed by 12 points), closed, as a GeoJSON ring. */
export function widenedHull(sites: readonly Point[], metres = 500): Point[] {
  const ring: Point[] = [];
  for (const [lon, lat] of sites) {
    const dLat = metres / 111_320;
    const dLon = metres / (111_320 * Math.cos((lat * Math.PI) / 180));
    for (let k = 0; k < 12; k++) {
      const a = (k * Math.PI) / 6;
      ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
    }
  }
  const hull = convexHull(ring);
  return hull.length === 0 ? [] : [...hull, hull[0]!];
}

export interface DesignNetwork {
  label: string;
  practices: string[];
  listSize: number;
  band: Band;
}

/** The design as a FeatureCollection in export.geojson's shape: network polygons, then practice points. */
export function designCollection(
  today: FeatureCollection,
  networks: readonly DesignNetwork[],
): FeatureCollection {
  const sites = new Map<string, Feature>();
  for (const f of today.features)
    if (f.properties.kind === "practice" && typeof f.properties.practice_code === "string")
      sites.set(f.properties.practice_code, f);
  const polygons: Feature[] = [];
  const points: Feature[] = [];
  for (const n of networks) {
    const located = n.practices.map((code) => sites.get(code)).filter((f) => f !== undefined);
    const ring = widenedHull(located.map((f) => f.geometry.coordinates as Point));
    if (ring.length >= 4)
      polygons.push({
        type: "Feature",
        geometry: { type: "Polygon", coordinates: [ring] },
        properties: {
          kind: "network",
          network_code: n.label,
          practices: n.practices.length,
          list_size: n.listSize,
          band: n.band,
          outside_pcn: false,
        },
      });
    for (const f of located)
      points.push({ ...f, properties: { ...f.properties, network_code: n.label, network_name: n.label } });
  }
  return {
    type: "FeatureCollection",
    features: [...polygons, ...points],
    metadata: {
      method:
        "Proposed networks are drawn as the convex hull of their practice sites widened by 500 m; today's map is the API's.",
    },
  };
}
