// Site adjacency from a Delaunay triangulation of practice sites (d3-delaunay), with implausibly long edges
// pruned. Practices at the same site (identical coordinates) are adjacent to each other and share their
// site's edges; only distinct sites are triangulated (no jitter). Sites are projected to km on a local
// plane for the triangulation; edge lengths are great-circle km.
//
// Pruning: an edge between sites a and b of length L is kept when
//   L ≤ maxEdgeKm   and   L ≤ pruneFactor × max(median_a, median_b)
// where median_s is the median length of site s's Delaunay edges. The max() keeps a rural site joined to
// the town it looks to (its own edges are all long) while dropping the long edges the triangulation draws
// across estuaries, bays and the convex hull (long for both ends).
import { Delaunay } from "d3-delaunay";
import { hasSite, haversineKm, projectKm } from "./geo.ts";

export interface DelaunayOptions {
  /** Keep an edge only up to this multiple of the larger endpoint median edge length (default 3). */
  pruneFactor?: number;
  /** Keep no edge longer than this, km (default 30). */
  maxEdgeKm?: number;
}

export const DELAUNAY_DEFAULTS = { pruneFactor: 3, maxEdgeKm: 30 } as const;

export interface PracticeEdge {
  p: number;
  q: number;
  km: number;
}

export interface DelaunayGraph {
  /** Kept practice-level edges (p < q), including same-site pairs (0 km). */
  edges: PracticeEdge[];
  /** Site-level edges that were pruned, as one practice of each site. */
  pruned: PracticeEdge[];
  /** Practices of each distinct site. */
  sites: number[][];
  /** Practices without coordinates (never triangulated). */
  noSite: number[];
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Groups practices by identical coordinates, in first-practice order. */
export function groupSites(lat: Float64Array, lon: Float64Array): { sites: number[][]; noSite: number[] } {
  const byKey = new Map<string, number[]>();
  const noSite: number[] = [];
  for (let p = 0; p < lat.length; p++) {
    if (!hasSite(lat[p]!, lon[p]!)) {
      noSite.push(p);
      continue;
    }
    const key = `${lat[p]},${lon[p]}`;
    const g = byKey.get(key);
    if (g) g.push(p);
    else byKey.set(key, [p]);
  }
  return { sites: [...byKey.values()], noSite };
}

export function delaunayGraph(
  lat: Float64Array,
  lon: Float64Array,
  options: DelaunayOptions = {},
): DelaunayGraph {
  const pruneFactor = options.pruneFactor ?? DELAUNAY_DEFAULTS.pruneFactor;
  const maxEdgeKm = options.maxEdgeKm ?? DELAUNAY_DEFAULTS.maxEdgeKm;
  const { sites, noSite } = groupSites(lat, lon);
  const edges: PracticeEdge[] = [];
  const pruned: PracticeEdge[] = [];
  // Same-site practices: adjacent to each other.
  for (const group of sites)
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) edges.push({ p: group[i]!, q: group[j]!, km: 0 });

  const s = sites.length;
  if (s >= 2) {
    const siteLat = Float64Array.from(sites, (g) => lat[g[0]!]!);
    const siteLon = Float64Array.from(sites, (g) => lon[g[0]!]!);
    const { x, y } = projectKm(siteLat, siteLon);
    const coords = new Float64Array(2 * s);
    for (let i = 0; i < s; i++) {
      coords[2 * i] = x[i]!;
      coords[2 * i + 1] = y[i]!;
    }
    const delaunay = new Delaunay(coords);
    const siteEdges: { a: number; b: number; km: number }[] = [];
    const incident: number[][] = Array.from({ length: s }, () => []);
    for (let a = 0; a < s; a++) {
      const seen = new Set<number>();
      for (const b of delaunay.neighbors(a)) {
        if (b <= a || seen.has(b)) continue;
        seen.add(b);
        const km = haversineKm(siteLat[a]!, siteLon[a]!, siteLat[b]!, siteLon[b]!);
        siteEdges.push({ a, b, km });
        incident[a]!.push(km);
        incident[b]!.push(km);
      }
    }
    const medians = incident.map(median);
    for (const { a, b, km } of siteEdges) {
      const keep = km <= maxEdgeKm && km <= pruneFactor * Math.max(medians[a]!, medians[b]!);
      if (!keep) {
        const [p, q] = [sites[a]![0]!, sites[b]![0]!];
        pruned.push(p < q ? { p, q, km } : { p: q, q: p, km });
        continue;
      }
      for (const p of sites[a]!)
        for (const q of sites[b]!) edges.push(p < q ? { p, q, km } : { p: q, q: p, km });
    }
  }
  edges.sort((e, f) => e.p - f.p || e.q - f.q);
  pruned.sort((e, f) => e.km - f.km || e.p - f.p || e.q - f.q);
  return { edges, pruned, sites, noSite };
}
