// The practice adjacency graph of an instance: which practices may sit in one contiguous network.
//
// - Catchment basis (where LSOA registrations exist): p and q are neighbours when their catchment overlap
//   (overlap.ts: Σ_l min(share_p(l), share_q(l))) is at least `overlapThreshold` (default 0.02, i.e. 2% of
//   their patients live in LSOAs both draw from) and their sites are at most `maxEdgeKm` apart (the thin tail
//   of patients registered far from home can add up to a material overlap between distant practices).
//   Practices with no catchment rows take their Delaunay edges instead. When the graph is still in pieces,
//   pruned-Delaunay edges are added, shortest first, only where they join two pieces (a minimum spanning
//   forest over the pieces): the fewest, shortest bridges.
// - Delaunay basis (no catchments): the pruned Delaunay triangulation of practice sites (delaunay.ts).
//
// Whatever remains in pieces is reported in `components` (islands) and `isolated` (practices with no
// neighbour), never silently: a network cannot be contiguous across them.
import { RequestError } from "../../model/errors.ts";
import {
  delaunayGraph,
  DELAUNAY_DEFAULTS,
  type DelaunayGraph,
  type DelaunayOptions,
  type PracticeEdge,
} from "./delaunay.ts";
import { haversineKm } from "./geo.ts";
import type { Adjacency, NetworkInstance } from "./instance.ts";
import { catchmentOverlaps } from "./overlap.ts";

export interface AdjacencyOptions extends DelaunayOptions {
  /** `auto` (default): catchments when the instance has them, else Delaunay. */
  basis?: "auto" | "catchment" | "delaunay";
  /** Catchment neighbours: minimum overlap Σ min shares (default 0.02). */
  overlapThreshold?: number;
  /** Catchment basis: add Delaunay bridges between pieces (default true). */
  bridge?: boolean;
}

export const DEFAULT_OVERLAP_THRESHOLD = 0.02;

/** The catchment basis was asked for an instance without catchments. */
export class NoCatchmentsError extends RequestError {
  override name = "NoCatchmentsError";
  constructor(message: string, field?: string) {
    super(message, { kind: "unprocessable", field });
  }
}

/** Symmetric CSR from an undirected edge list (duplicates and self-loops dropped, neighbours sorted). */
export function adjacencyFromEdges(
  n: number,
  edges: readonly { p: number; q: number }[],
): { offsets: Int32Array; neighbours: Int32Array } {
  const lists: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (const { p, q } of edges) {
    if (p === q) continue;
    lists[p]!.add(q);
    lists[q]!.add(p);
  }
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) offsets[p + 1] = offsets[p]! + lists[p]!.size;
  const neighbours = new Int32Array(offsets[n]!);
  for (let p = 0; p < n; p++)
    neighbours.set(
      [...lists[p]!].sort((a, b) => a - b),
      offsets[p]!,
    );
  return { offsets, neighbours };
}

/** Connected components of the whole graph (practice indices ascending; components by first practice). */
export function connectedComponents(offsets: Int32Array, neighbours: Int32Array): number[][] {
  return inducedComponents({ offsets, neighbours }, null);
}

/**
 * Connected components of the subgraph induced by `members` (all practices when null). Each component's
 * practices are ascending; components are ordered by size, largest first, then by first practice.
 */
export function inducedComponents(
  graph: Pick<Adjacency, "offsets" | "neighbours">,
  members: readonly number[] | null,
): number[][] {
  const n = graph.offsets.length - 1;
  const inSet = new Uint8Array(n);
  const nodes = members ?? Array.from({ length: n }, (_, i) => i);
  for (const p of nodes) inSet[p] = 1;
  const seen = new Uint8Array(n);
  const components: number[][] = [];
  const stack: number[] = [];
  for (const start of [...nodes].sort((a, b) => a - b)) {
    if (seen[start]) continue;
    const component: number[] = [];
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      component.push(p);
      for (let e = graph.offsets[p]!; e < graph.offsets[p + 1]!; e++) {
        const q = graph.neighbours[e]!;
        if (inSet[q] && !seen[q]) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    components.push(component.sort((a, b) => a - b));
  }
  return components.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

class UnionFind {
  private parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
    return true;
  }
}

const km = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} km`;

/**
 * The adjacency graph of an instance.
 * @example buildAdjacency(instance) // → { basis: "catchment", components: [[0, 1, …]], isolated: [], … }
 */
export function buildAdjacency(instance: NetworkInstance, options: AdjacencyOptions = {}): Adjacency {
  const n = instance.practiceCodes.length;
  const basis = options.basis ?? "auto";
  const pruneFactor = options.pruneFactor ?? DELAUNAY_DEFAULTS.pruneFactor;
  const maxEdgeKm = options.maxEdgeKm ?? DELAUNAY_DEFAULTS.maxEdgeKm;
  const threshold = options.overlapThreshold ?? DEFAULT_OVERLAP_THRESHOLD;
  const useCatchments = basis === "catchment" || (basis === "auto" && instance.catchments !== null);
  if (useCatchments && !instance.catchments)
    throw new NoCatchmentsError(
      `${instance.scope} has no LSOA catchments loaded (gp-reg-pat-prac-lsoa-all): use the Delaunay basis`,
    );
  // Computed only when needed (the catchment basis usually needs no bridge).
  let triangulation: DelaunayGraph | null = null;
  const delaunay = () =>
    (triangulation ??= delaunayGraph(instance.lat, instance.lon, { pruneFactor, maxEdgeKm }));
  const codes = instance.practiceCodes;
  const pruneText = `edges over ${pruneFactor} × the longer endpoint median or over ${maxEdgeKm} km pruned`;

  let edges: { p: number; q: number }[];
  let method: string;
  if (!useCatchments) {
    const d = delaunay();
    edges = d.edges;
    method =
      `Delaunay triangulation of ${d.sites.length} distinct practice sites (co-located practices adjacent); ` +
      `${pruneText} (${d.pruned.length} pruned)`;
    if (d.noSite.length > 0) method += `; ${d.noSite.length} practices without coordinates cannot be placed`;
  } else {
    const catchments = instance.catchments!;
    // The absolute cap applies here too: a thin tail of patients registered far from home can add up to a
    // material overlap between practices tens of km apart, which is not adjacency.
    let tooFar = 0;
    edges = catchmentOverlaps(catchments, n).filter((e) => {
      if (e.overlap < threshold) return false;
      const d = haversineKm(instance.lat[e.p]!, instance.lon[e.p]!, instance.lat[e.q]!, instance.lon[e.q]!);
      if (d > maxEdgeKm) tooFar++;
      return !(d > maxEdgeKm);
    });
    // Practices without catchment rows: their Delaunay edges.
    const noRows: number[] = [];
    for (let p = 0; p < n; p++) if (catchments.offsets[p + 1] === catchments.offsets[p]) noRows.push(p);
    if (noRows.length > 0) {
      const missing = new Uint8Array(n);
      for (const p of noRows) missing[p] = 1;
      edges.push(...delaunay().edges.filter((e) => missing[e.p] || missing[e.q]));
    }
    method =
      `shared catchments: neighbours when Σ_LSOA min(share_p, share_q) ≥ ${threshold} and sites ≤ ${maxEdgeKm} km apart` +
      (tooFar > 0 ? ` (${tooFar} overlapping pairs further apart dropped)` : "") +
      (noRows.length > 0 ? `; ${noRows.length} practices without LSOA rows use Delaunay edges` : "");
    if (options.bridge ?? true) {
      const uf = new UnionFind(n);
      let pieces = n;
      for (const e of edges) if (uf.union(e.p, e.q)) pieces--;
      const bridges: PracticeEdge[] = [];
      if (pieces > 1)
        for (const e of [...delaunay().edges].sort((a, b) => a.km - b.km || a.p - b.p || a.q - b.q))
          if (uf.union(e.p, e.q)) bridges.push(e);
      edges.push(...bridges);
      if (bridges.length > 0)
        method +=
          `; ${bridges.length} Delaunay bridge${bridges.length === 1 ? "" : "s"} (${pruneText}) join pieces: ` +
          bridges
            .slice(0, 8)
            .map((b) => `${codes[b.p]}–${codes[b.q]} ${km(b.km)}`)
            .join(", ") +
          (bridges.length > 8 ? ", …" : "");
    }
  }
  const { offsets, neighbours } = adjacencyFromEdges(n, edges);
  const components = connectedComponents(offsets, neighbours);
  const isolated: number[] = [];
  for (let p = 0; p < n; p++) if (offsets[p + 1] === offsets[p]) isolated.push(p);
  return {
    basis: useCatchments ? "catchment" : "delaunay",
    offsets,
    neighbours,
    components,
    isolated,
    method,
  };
}

/** Plain-language account of islands and isolated practices (empty when the graph is connected). */
export function describeIslands(instance: NetworkInstance, adjacency: Adjacency): string[] {
  const codes = instance.practiceCodes;
  const lines: string[] = [];
  if (adjacency.components.length > 1) {
    const [main, ...rest] = adjacency.components;
    lines.push(
      `The graph has ${adjacency.components.length} separate pieces: the main one of ${main!.length} practices, and ` +
        rest
          .map(
            (c) =>
              `{${c
                .slice(0, 6)
                .map((p) => codes[p])
                .join(", ")}${c.length > 6 ? `, … ${c.length} practices` : ""}}`,
          )
          .join(", ") +
        `. No network can join practices in different pieces contiguously.`,
    );
  }
  if (adjacency.isolated.length > 0)
    lines.push(
      `${adjacency.isolated.length} practice${adjacency.isolated.length === 1 ? " has" : "s have"} no neighbour: ` +
        adjacency.isolated.map((p) => `${codes[p]} (${instance.practiceNames[p]})`).join(", ") +
        ".",
    );
  return lines;
}
