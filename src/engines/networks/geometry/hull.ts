// Convex hulls for networks without LSOA boundaries: the hull of the network's points (practice sites,
// and LSOA centroids where catchments exist), each point widened to a small octagon so that a network of
// one site, or of sites on a line, still has an area to draw.
import type { Position, Ring } from "./dissolve.ts";

const cross = (o: Position, a: Position, b: Position) =>
  (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Andrew's monotone chain; a closed counter-clockwise ring. */
export function convexHull(points: readonly Position[]): Ring {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return [...pts, pts[0]!];
  const lower: Position[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Position[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  return [...hull, hull[0]!];
}

/** The convex hull of the points, each widened by `radiusKm` (an octagon), rounded to 5 decimals. */
export function bufferedHull(points: readonly Position[], radiusKm = 0.5): Ring {
  const widened: Position[] = [];
  for (const [lon, lat] of points) {
    const dLat = radiusKm / 111.32;
    const dLon = radiusKm / (111.32 * Math.cos((lat * Math.PI) / 180));
    for (let k = 0; k < 8; k++) {
      const t = (k * Math.PI) / 4 + Math.PI / 8;
      widened.push([lon + dLon * Math.cos(t), lat + dLat * Math.sin(t)]);
    }
  }
  return convexHull(widened).map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5]);
}
