// Hand-made network instances for tests: practices given by position, list, PCN and place; optional
// catchments given as LSOAs and (practice, LSOA, patients) rows.
import { adjacencyFromEdges, connectedComponents } from "../../../src/engines/networks/graph.ts";
import type { Adjacency, Catchments, NetworkInstance } from "../../../src/engines/networks/instance.ts";

export interface TestPractice {
  lat: number;
  lon: number;
  list?: number;
  /** Network index into `networks`, or −1 for outside any PCN. */
  pcn?: number;
  place?: number;
  imd?: number;
  /** No site coordinates. */
  noSite?: boolean;
}

export interface TestCatchments {
  lsoas: { lat: number; lon: number; imd?: number }[];
  /** [practice, lsoa, patients] */
  rows: [number, number, number][];
}

/** 1° of longitude on the equator (and of latitude anywhere) in km, on the haversine sphere. */
export const KM_PER_DEGREE = (2 * Math.PI * 6371.0088) / 360;

export function makeInstance(
  practices: TestPractice[],
  options: { networks?: string[]; places?: string[]; catchments?: TestCatchments } = {},
): NetworkInstance {
  const n = practices.length;
  const codes = practices.map((_, p) => `T${String(p).padStart(5, "0")}`);
  const networks = options.networks ?? ["U00001", "U00002", "U00003", "U00004"];
  const places = options.places ?? ["P1A", "P1B", "P1C"];
  let catchments: Catchments | null = null;
  if (options.catchments) {
    const { lsoas, rows } = options.catchments;
    const sorted = [...rows].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const offsets = new Int32Array(n + 1);
    for (const [p] of sorted) offsets[p + 1]!++;
    for (let p = 0; p < n; p++) offsets[p + 1]! += offsets[p]!;
    catchments = {
      lsoaCodes: lsoas.map((_, l) => `E01${String(l).padStart(6, "0")}`),
      lsoaLat: Float64Array.from(lsoas, (l) => l.lat),
      lsoaLon: Float64Array.from(lsoas, (l) => l.lon),
      lsoaImdDecile: Int8Array.from(lsoas, (l) => l.imd ?? 0),
      offsets,
      lsoa: Int32Array.from(sorted, (r) => r[1]),
      patients: Float64Array.from(sorted, (r) => r[2]),
    };
  }
  return {
    scope: "test",
    practiceCodes: codes,
    practiceNames: codes.map((c) => `Practice ${c}`),
    listSize: Float64Array.from(practices, (p) => p.list ?? 0),
    listKnown: Uint8Array.from(practices, (p) => (p.list === undefined ? 0 : 1)),
    lat: Float64Array.from(practices, (p) => (p.noSite ? Number.NaN : p.lat)),
    lon: Float64Array.from(practices, (p) => (p.noSite ? Number.NaN : p.lon)),
    place: Int32Array.from(practices, (p) => p.place ?? 0),
    placeCodes: places,
    placeNames: places.map((p) => `Place ${p}`),
    current: Int32Array.from(practices, (p) => p.pcn ?? 0),
    networkCodes: networks,
    networkNames: networks.map((c) => `Network ${c}`),
    imdDecile: Int8Array.from(practices, (p) => p.imd ?? 0),
    catchments,
  };
}

/** An adjacency from explicit edges (for metric tests that should not depend on the triangulation). */
export function adjacencyOf(n: number, edges: [number, number][]): Adjacency {
  const { offsets, neighbours } = adjacencyFromEdges(
    n,
    edges.map(([p, q]) => ({ p, q })),
  );
  const isolated: number[] = [];
  for (let p = 0; p < n; p++) if (offsets[p + 1] === offsets[p]) isolated.push(p);
  return {
    basis: "delaunay",
    offsets,
    neighbours,
    components: connectedComponents(offsets, neighbours),
    isolated,
    method: "test edges",
  };
}

/** Neighbour sets of each practice. */
export function neighbourSets(adjacency: Adjacency): Set<number>[] {
  const n = adjacency.offsets.length - 1;
  return Array.from(
    { length: n },
    (_, p) => new Set(adjacency.neighbours.subarray(adjacency.offsets[p]!, adjacency.offsets[p + 1]!)),
  );
}

/** Symmetric, without self-loops or duplicates, neighbours ascending. */
export function checkWellFormed(adjacency: Adjacency): string | null {
  const n = adjacency.offsets.length - 1;
  const sets = neighbourSets(adjacency);
  for (let p = 0; p < n; p++) {
    const row = [...adjacency.neighbours.subarray(adjacency.offsets[p]!, adjacency.offsets[p + 1]!)];
    if (row.includes(p)) return `self-loop at ${p}`;
    if (new Set(row).size !== row.length) return `duplicate neighbour at ${p}`;
    if (row.some((q, i) => i > 0 && q <= row[i - 1]!)) return `neighbours of ${p} not ascending`;
    for (const q of row) if (!sets[q]!.has(p)) return `${p}→${q} without ${q}→${p}`;
  }
  return null;
}
