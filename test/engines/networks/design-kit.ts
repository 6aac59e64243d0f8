// Test kit for the network designer: seeded random small instances, an independent contiguity check, and a
// brute-force enumerator of every contiguous partition within the band (the optimum the heuristic must
// reach on instances of up to 9 practices, standing in for the exact mode).
import { evaluateProblem } from "../../../src/engines/networks/design/objective.ts";
import { resolveOptions, type DesignOptions } from "../../../src/engines/networks/design/options.ts";
import { buildProblem } from "../../../src/engines/networks/design/problem.ts";
import type { Adjacency, NetworkInstance } from "../../../src/engines/networks/instance.ts";
import { adjacencyOf, KM_PER_DEGREE, makeInstance, type TestPractice } from "./network-kit.ts";

/** A small seeded generator for test data (mulberry32), independent of the designer's own. */
export function testRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAT0 = 52.5;
/** A practice at (x, y) km from a fixed origin. */
export const at = (x: number, y: number, extra: Omit<TestPractice, "lat" | "lon"> = {}): TestPractice => ({
  lat: LAT0 + y / KM_PER_DEGREE,
  lon: -1.5 + x / (KM_PER_DEGREE * Math.cos((LAT0 * Math.PI) / 180)),
  ...extra,
});

/**
 * n practices scattered over a 20 × 20 km square with lists of 4,000–20,000, today's PCNs of 1–3
 * neighbouring practices, two places split east/west, and each practice joined to its 3 nearest neighbours.
 */
export function randomInstance(seed: number, n: number): { instance: NetworkInstance; adjacency: Adjacency } {
  const rnd = testRng(seed);
  const pts = Array.from({ length: n }, () => ({ x: rnd() * 20, y: rnd() * 20 }));
  const d = (i: number, j: number) => Math.hypot(pts[i]!.x - pts[j]!.x, pts[i]!.y - pts[j]!.y);
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const near = pts
      .map((_, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => d(i, a) - d(i, b))
      .slice(0, 3);
    for (const j of near) edges.push([i, j]);
  }
  // Join components through their closest pair.
  for (;;) {
    const comps = adjacencyOf(n, edges).components;
    if (comps.length === 1) break;
    let best: [number, number] = [0, 0];
    let bestD = Infinity;
    for (const i of comps[0]!)
      for (let j = 0; j < n; j++)
        if (!comps[0]!.includes(j) && d(i, j) < bestD) {
          bestD = d(i, j);
          best = [i, j];
        }
    edges.push(best);
  }
  const pcn = new Array<number>(n).fill(-2);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (pcn[i] !== -2) continue;
    pcn[i] = next;
    const size = 1 + Math.floor(rnd() * 3);
    const near = pts
      .map((_, j) => j)
      .filter((j) => pcn[j] === -2)
      .sort((a, b) => d(i, a) - d(i, b))
      .slice(0, size - 1);
    for (const j of near) pcn[j] = next;
    next++;
  }
  const practices = pts.map((p, i) =>
    at(p.x, p.y, { list: 4000 + Math.round(rnd() * 16) * 1000, pcn: pcn[i]!, place: p.x < 10 ? 0 : 1 }),
  );
  const networks = Array.from({ length: next }, (_, c) => `U${String(10001 + c)}`);
  return {
    instance: makeInstance(practices, { networks, places: ["P1A", "P1B"] }),
    adjacency: adjacencyOf(n, edges),
  };
}

/** Networks of an assignment that are not connected on the graph (own BFS, independent of the designer). */
export function disconnectedNetworks(adjacency: Adjacency, assignment: ArrayLike<number>): number[] {
  const n = assignment.length;
  const byNetwork = new Map<number, number[]>();
  for (let p = 0; p < n; p++) byNetwork.set(assignment[p]!, [...(byNetwork.get(assignment[p]!) ?? []), p]);
  const bad: number[] = [];
  for (const [net, ps] of byNetwork) {
    const seen = new Set([ps[0]!]);
    const stack = [ps[0]!];
    while (stack.length > 0) {
      const p = stack.pop()!;
      for (let e = adjacency.offsets[p]!; e < adjacency.offsets[p + 1]!; e++) {
        const q = adjacency.neighbours[e]!;
        if (assignment[q] === net && !seen.has(q)) {
          seen.add(q);
          stack.push(q);
        }
      }
    }
    if (seen.size !== ps.length) bad.push(net);
  }
  return bad;
}

/** Every set partition of 0 … n − 1 as a restricted-growth assignment. */
export function* setPartitions(n: number): Generator<Int32Array> {
  const a = new Int32Array(n);
  const max = new Int32Array(n);
  for (;;) {
    yield a;
    let i = n - 1;
    while (i > 0 && a[i]! > max[i - 1]!) i--;
    if (i === 0) return;
    a[i]!++;
    for (let j = i + 1; j < n; j++) {
      a[j] = 0;
      max[j] = Math.max(max[j - 1]!, a[j - 1]!);
    }
    max[i] = Math.max(max[i - 1]!, a[i]!);
  }
}

/**
 * The optimum by enumeration: the least objective over every contiguous partition whose networks are all
 * within the band and that `allowed` accepts (e.g. locks), or null when there is none.
 */
export function enumerateOptimum(
  instance: NetworkInstance,
  adjacency: Adjacency,
  options: DesignOptions,
  allowed: (assignment: Int32Array) => boolean = () => true,
): { total: number; assignment: Int32Array; partitions: number } | null {
  const pb = buildProblem(instance, adjacency, resolveOptions(options));
  const n = instance.practiceCodes.length;
  let best: { total: number; assignment: Int32Array } | null = null;
  let count = 0;
  for (const a of setPartitions(n)) {
    const sums = new Map<number, number>();
    for (let p = 0; p < n; p++) sums.set(a[p]!, (sums.get(a[p]!) ?? 0) + instance.listSize[p]!);
    if ([...sums.values()].some((s) => s < pb.band.min || s > pb.band.max)) continue;
    if (disconnectedNetworks(adjacency, a).length > 0 || !allowed(a)) continue;
    count++;
    const total = evaluateProblem(pb, a).total;
    if (!best || total < best.total) best = { total, assignment: Int32Array.from(a) };
  }
  return best ? { ...best, partitions: count } : null;
}
