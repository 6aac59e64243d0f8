// Dissolving polygons that tile an area (LSOAs) into the outline of their union, by edge cancellation:
// in a topologically consistent tiling (ONS boundaries are generalised from one topology, so neighbours
// share their vertices exactly) an edge inside the union appears twice, once in each direction; removing
// those pairs leaves the union's boundary, which is chained back into rings. Outer rings and holes are
// told apart by orientation and each hole is put in the smallest outer ring that contains it. Linear in
// the number of vertices; no floating-point clipping. Edges that do not cancel because the input is not
// consistent (slivers, overlaps) survive as extra boundary rather than being lost.

/** [lon, lat] */
import type {
  MultiPolygonCoordinates,
  PolygonalGeometry,
  PolygonCoordinates,
  Position,
  Ring,
} from "../../../model/geometry.ts";

export type { MultiPolygonCoordinates, PolygonalGeometry, PolygonCoordinates, Position, Ring };

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Twice the signed area (shoelace; positive = counter-clockwise in lon/lat). */
export function signedArea2(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return a;
}

export function pointInRing(p: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The polygons of a Polygon or MultiPolygon. */
export function polygonsOf(geometry: PolygonalGeometry): PolygonCoordinates[] {
  return geometry.type === "Polygon"
    ? [geometry.coordinates as PolygonCoordinates]
    : (geometry.coordinates as MultiPolygonCoordinates);
}

/**
 * The union of polygons from one consistent tiling, as MultiPolygon coordinates with RFC 7946 winding
 * (outer rings counter-clockwise, holes clockwise) and closed rings.
 */
export function dissolve(geometries: readonly PolygonalGeometry[]): MultiPolygonCoordinates {
  // Directed edges, normalised so every outer ring runs counter-clockwise and every hole clockwise.
  // Net multiplicity of each directed edge: a→b and b→a cancel. Keeping counts (not a set) keeps every
  // vertex's in- and out-degree equal even where the input overlaps, so every walk below closes.
  const edges = new Map<string, { from: Position; to: Position; count: number }>();
  const positions = new Map<string, Position>();
  const add = (from: Position, to: Position) => {
    positions.set(key(from), from);
    const k = `${key(from)}>${key(to)}`;
    const reverse = edges.get(`${key(to)}>${key(from)}`);
    if (reverse && reverse.count > 0) reverse.count--;
    else {
      const e = edges.get(k);
      if (e) e.count++;
      else edges.set(k, { from, to, count: 1 });
    }
  };
  for (const g of geometries)
    for (const polygon of polygonsOf(g))
      polygon.forEach((ring, i) => {
        const pts = signedArea2(ring) > 0 === (i === 0) ? ring : [...ring].reverse();
        for (let k = 0; k + 1 < pts.length; k++) {
          const a = pts[k]!;
          const b = pts[k + 1]!;
          if (a[0] !== b[0] || a[1] !== b[1]) add(a, b);
        }
        const first = pts[0]!;
        const last = pts[pts.length - 1]!;
        if (first[0] !== last[0] || first[1] !== last[1]) add(last, first);
      });

  // Chain the surviving edges into rings.
  const outgoing = new Map<string, Position[]>();
  let edgeCount = 0;
  for (const { from, to, count } of edges.values()) {
    const k = key(from);
    if (!outgoing.has(k)) outgoing.set(k, []);
    for (let c = 0; c < count; c++) outgoing.get(k)!.push(to);
    edgeCount += count;
  }
  const rings: Ring[] = [];
  for (const [startKey, targets] of outgoing) {
    while (targets.length > 0) {
      const start = positions.get(startKey)!;
      const ring: Ring = [start];
      let at = start;
      for (let guard = 0; guard <= edgeCount; guard++) {
        const next = outgoing.get(key(at))?.pop();
        if (next === undefined) break;
        ring.push(next);
        at = next;
        if (key(at) === startKey) break;
      }
      if (ring.length >= 4 && key(ring[ring.length - 1]!) === startKey) rings.push(ring);
    }
  }

  const outers = rings.filter((r) => signedArea2(r) > 0);
  const holes = rings.filter((r) => signedArea2(r) < 0);
  const polygons: Ring[][] = outers
    .map((r) => ({ r, area: signedArea2(r) }))
    .sort((a, b) => b.area - a.area)
    .map(({ r }) => [r]);
  for (const hole of holes) {
    let best: Ring[] | null = null;
    let bestArea = Infinity;
    for (const polygon of polygons) {
      const area = signedArea2(polygon[0]!);
      if (area < bestArea && pointInRing(hole[0]!, polygon[0]!)) {
        best = polygon;
        bestArea = area;
      }
    }
    best?.push(hole);
  }
  return polygons;
}
