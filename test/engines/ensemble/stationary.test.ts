// The ReCom chain's visit frequencies against its exact stationary distribution (issue 14 item 4: "check
// the chain against enumeration on a small graph, with frequencies you can explain").
//
// The oracle below is written from the chain's definition (src/engines/ensemble/recom.ts header), not from
// its code: from each partition, every cut edge is equally likely; its two networks are merged; every
// spanning tree of the merged subgraph is enumerated (edge subsets of size m − 1 with no cycle); a tree
// with no balanced edge is redrawn, up to `treeAttempts` (10) times, after which the chain stays; a good
// tree is uniform among the good ones, and its balanced edges are equally likely. That gives the exact
// transition matrix over every partition reachable from the start; its stationary distribution π is found
// by power iteration, and the chain's visit frequencies are compared with π in total variation (TV).
//
// 3 × 3 grid, three networks of exactly three: every triomino has one spanning tree and π is uniform over
// the 10 partitions. 4 × 4 grid, four networks of exactly four: 117 partitions and π far from uniform
// (TV 0.55 from uniform), set by how many networks are 2 × 2 blocks (4 spanning trees; every other
// tetromino has 1): the four blocks 32.6%, each of the 14 partitions with two blocks 2.55%, the 24 with
// one 0.70%, the 78 with none (the four rows among them) 0.19%: each block multiplies π by about 3.6,
// close to the 4 of the spanning-tree product ReCom is known to favour. docs/networks.md "Ensemble".
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RecomChain } from "../../../src/engines/ensemble/recom.ts";
import { sfc32Uniform } from "../../../src/model/random.ts";
import { adjacencyOf } from "../networks/network-kit.ts";

type Edge = [number, number];

/** Labels in order of first appearance: one key per set partition. */
const canonical = (a: ArrayLike<number>) => {
  const m = new Map<number, number>();
  return Array.from(a, (x) => (m.has(x) ? m.get(x)! : (m.set(x, m.size), m.size - 1))).join(",");
};

function gridEdges(side: number): Edge[] {
  const edges: Edge[] = [];
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      const i = r * side + c;
      if (c < side - 1) edges.push([i, i + 1]);
      if (r < side - 1) edges.push([i, i + side]);
    }
  return edges;
}

function* subsets<T>(xs: readonly T[], k: number, from = 0, acc: T[] = []): Generator<T[]> {
  if (acc.length === k) {
    yield acc.slice();
    return;
  }
  for (let i = from; i <= xs.length - (k - acc.length); i++) {
    acc.push(xs[i]!);
    yield* subsets(xs, k, i + 1, acc);
    acc.pop();
  }
}

/** Every spanning tree of the subgraph on `nodes` with `edges`: the (m − 1)-edge subsets with no cycle. */
function spanningTrees(nodes: readonly number[], edges: readonly Edge[]): Edge[][] {
  const trees: Edge[][] = [];
  for (const t of subsets(edges, nodes.length - 1)) {
    const up = new Map(nodes.map((v) => [v, v]));
    const root = (v: number): number => (up.get(v) === v ? v : root(up.get(v)!));
    if (
      t.every(([p, q]) => {
        const rp = root(p);
        const rq = root(q);
        if (rp === rq) return false;
        up.set(rp, rq);
        return true;
      })
    )
      trees.push(t);
  }
  return trees;
}

/** The nodes on `from`'s side of a tree once its edge `cut` is removed. */
function sideOf(tree: readonly Edge[], cut: number, from: number): Set<number> {
  const side = new Set([from]);
  for (let grew = true; grew;) {
    grew = false;
    tree.forEach(([p, q], i) => {
      if (i !== cut && side.has(p) !== side.has(q)) {
        side.add(p);
        side.add(q);
        grew = true;
      }
    });
  }
  return side;
}

/** The chain's exact transition probabilities from every partition reachable from `start`, and its π. */
function exactChain(
  edges: readonly Edge[],
  population: readonly number[],
  band: { min: number; max: number },
  start: readonly number[],
  attempts = 10,
) {
  const inBand = (w: number) => w >= band.min && w <= band.max;
  const rows = new Map<string, Map<string, number>>();
  const todo = [canonical(start)];
  while (todo.length > 0) {
    const key = todo.pop()!;
    if (rows.has(key)) continue;
    const x = key.split(",").map(Number);
    const row = new Map<string, number>();
    rows.set(key, row);
    const add = (to: string, p: number) => row.set(to, (row.get(to) ?? 0) + p);
    const cut = edges.filter(([p, q]) => x[p] !== x[q]);
    for (const [p, q] of cut) {
      const a = x[p]!;
      const b = x[q]!;
      const nodes = x.flatMap((l, v) => (l === a || l === b ? [v] : []));
      const merged = edges.filter(([u, v]) => nodes.includes(u) && nodes.includes(v));
      const total = nodes.reduce((s, v) => s + population[v]!, 0);
      const trees = spanningTrees(nodes, merged);
      // For each tree, the splits its balanced edges give.
      const good = trees
        .map((t) =>
          t.flatMap((_, i) => {
            const side = sideOf(t, i, nodes[0]!);
            const w = [...side].reduce((s, v) => s + population[v]!, 0);
            return inBand(w) && inBand(total - w) ? [side] : [];
          }),
        )
        .filter((splits) => splits.length > 0);
      const stay = ((trees.length - good.length) / trees.length) ** attempts;
      add(key, stay / cut.length);
      for (const splits of good)
        for (const side of splits) {
          const y = x.slice();
          for (const v of nodes) y[v] = side.has(v) ? a : b;
          add(canonical(y), (1 - stay) / good.length / splits.length / cut.length);
        }
    }
    for (const to of row.keys()) if (!rows.has(to)) todo.push(to);
  }
  const keys = [...rows.keys()];
  let pi = new Map(keys.map((k) => [k, 1 / keys.length]));
  for (let i = 0; i < 5000; i++) {
    const next = new Map(keys.map((k) => [k, 0]));
    for (const [from, row] of rows)
      for (const [to, p] of row) next.set(to, next.get(to)! + pi.get(from)! * p);
    pi = next;
  }
  return { rows, pi };
}

/** The chain's visit frequencies over `steps` steps. */
function visits(
  n: number,
  edges: Edge[],
  start: number[],
  band: { min: number; max: number },
  steps: number,
  seed: number,
) {
  const chain = new RecomChain(adjacencyOf(n, edges), Int32Array.from(start), {
    population: new Float64Array(n).fill(1),
    band,
  });
  const rng = { next: sfc32Uniform(seed) };
  const seen = new Map<string, number>();
  for (let s = 0; s < steps; s++) {
    chain.step(rng);
    const key = canonical(chain.assignment);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return new Map([...seen].map(([k, c]) => [k, c / steps]));
}

/** How many networks of a 4 × 4 partition are 2 × 2 blocks. */
function blockCount(labels: number[]): number {
  let blocks = 0;
  for (const l of new Set(labels)) {
    const cells = labels.flatMap((x, i) => (x === l ? [i] : []));
    const rows = new Set(cells.map((i) => Math.floor(i / 4)));
    const cols = new Set(cells.map((i) => i % 4));
    if (cells.length === 4 && rows.size === 2 && cols.size === 2) blocks++;
  }
  return blocks;
}

const tv = (p: Map<string, number>, q: Map<string, number>) => {
  let d = 0;
  for (const k of new Set([...p.keys(), ...q.keys()])) d += Math.abs((p.get(k) ?? 0) - (q.get(k) ?? 0));
  return d / 2;
};

describe("ReCom chain against its exact stationary distribution", () => {
  test("every row of the exact transition matrix sums to 1", () => {
    const { rows } = exactChain(
      gridEdges(3),
      Array(9).fill(1),
      { min: 3, max: 3 },
      [0, 0, 0, 1, 1, 1, 2, 2, 2],
    );
    assert.equal(rows.size, 10);
    for (const [from, row] of rows) {
      const sum = [...row.values()].reduce((s, p) => s + p, 0);
      assert.ok(Math.abs(sum - 1) < 1e-12, `${from}: ${sum}`);
    }
  });

  test("3 × 3 grid in triominoes: π is uniform over the 10 partitions, and the chain visits them so", () => {
    const start = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    const { pi } = exactChain(gridEdges(3), Array(9).fill(1), { min: 3, max: 3 }, start);
    for (const [k, p] of pi) assert.ok(Math.abs(p - 0.1) < 1e-9, `${k}: ${p}`);
    const seen = visits(9, gridEdges(3), start, { min: 3, max: 3 }, 50_000, 3);
    assert.equal(seen.size, 10);
    assert.ok(tv(seen, pi) < 0.02, `TV ${tv(seen, pi)}`);
  });

  test("4 × 4 grid in tetrominoes: 117 partitions, π far from uniform, the chain's frequencies within TV 0.05 of π", () => {
    const start = [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3];
    const band = { min: 4, max: 4 };
    const { pi } = exactChain(gridEdges(4), Array(16).fill(1), band, start);
    assert.equal(pi.size, 117);
    const uniform = new Map([...pi.keys()].map((k) => [k, 1 / pi.size]));
    assert.ok(tv(pi, uniform) > 0.5, `TV(π, uniform) ${tv(pi, uniform)}`);
    // π by the number of networks that are 2 × 2 blocks (4 spanning trees each; every other tetromino
    // has 1): equal within a class, and each block multiplies it by about 3.6, close to the 4 of the
    // spanning-tree product that ReCom is known to favour.
    const classes = new Map<number, number[]>();
    for (const [k, p] of pi) {
      const b = blockCount(k.split(",").map(Number));
      classes.set(b, [...(classes.get(b) ?? []), p]);
    }
    assert.deepEqual(
      [...classes].map(([b, ps]) => [b, ps.length]).sort((x, y) => x[0]! - y[0]!),
      [
        [0, 78],
        [1, 24],
        [2, 14],
        [4, 1],
      ],
    );
    const level = new Map([...classes].map(([b, ps]) => [b, ps[0]!]));
    for (const [b, ps] of classes)
      for (const p of ps) assert.ok(Math.abs(p - level.get(b)!) < 1e-9, `${b} blocks`);
    const ratio = (hi: number, lo: number) => level.get(hi)! / level.get(lo)!;
    for (const [hi, lo, power] of [
      [1, 0, 1],
      [2, 1, 1],
      [4, 2, 2],
    ] as const) {
      const r = ratio(hi, lo) ** (1 / power);
      assert.ok(r > 3.5 && r < 4, `π(${hi} blocks) / π(${lo}) = ${ratio(hi, lo)}`);
    }
    const blocks = level.get(4)!;
    assert.ok(blocks > 0.32 && blocks < 0.33, `four 2 × 2 blocks: ${blocks}`);
    assert.ok(
      Math.abs(level.get(0)! - 0.00191) < 0.00001,
      `no block (the four rows among them): ${level.get(0)}`,
    );
    const seen = visits(16, gridEdges(4), start, band, 200_000, 1);
    assert.equal(seen.size, 117, "every partition visited");
    assert.ok(tv(seen, pi) < 0.05, `TV(visits, π) ${tv(seen, pi)}`);
    assert.ok(Math.abs(seen.get(canonical(start))! - blocks) < 0.02, "the blocks' share");
  });
});
