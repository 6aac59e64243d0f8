// The exact mode: candidate enumeration checked against brute force, and the MIP optimum checked against
// the best of every partition of a small instance (enumerated here), all scored by the designer's objective.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluateProblem } from "../../../src/engines/networks/design/objective.ts";
import { resolveOptions } from "../../../src/engines/networks/design/options.ts";
import { buildProblem } from "../../../src/engines/networks/design/problem.ts";
import { enumerateColumns } from "../../../src/engines/networks/exact/columns.ts";
import { designExact } from "../../../src/engines/networks/exact/design-exact.ts";
import type { Adjacency, NetworkInstance } from "../../../src/engines/networks/instance.ts";

/** A rows × cols grid of practices ~2 km apart, with the given lists, two current PCNs (left/right halves). */
function grid(
  rows: number,
  cols: number,
  lists: number[],
): { instance: NetworkInstance; adjacency: Adjacency } {
  const n = rows * cols;
  const nb: number[][] = Array.from({ length: n }, () => []);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const p = r * cols + c;
      const link = (q: number) => {
        nb[p]!.push(q);
        nb[q]!.push(p);
      };
      if (c + 1 < cols) link(p + 1);
      if (r + 1 < rows) link(p + cols);
    }
  const offsets = new Int32Array(n + 1);
  nb.forEach((l, p) => (offsets[p + 1] = offsets[p]! + l.length));
  const codes = Array.from({ length: n }, (_, p) => `Z9${String(p).padStart(4, "0")}`);
  return {
    instance: {
      scope: "test grid",
      practiceCodes: codes,
      practiceNames: codes,
      listSize: Float64Array.from(lists),
      listKnown: new Uint8Array(n).fill(1),
      lat: Float64Array.from(codes, (_, p) => 52 + 0.018 * Math.floor(p / cols)),
      lon: Float64Array.from(codes, (_, p) => -2 + 0.03 * (p % cols)),
      place: new Int32Array(n),
      placeCodes: ["Z9A"],
      placeNames: ["Place A"],
      current: Int32Array.from(codes, (_, p) => (p % cols < cols / 2 ? 0 : 1)),
      networkCodes: ["U99001", "U99002"],
      networkNames: ["West", "East"],
      imdDecile: new Int8Array(n),
      catchments: null,
    },
    adjacency: {
      basis: "delaunay",
      offsets,
      neighbours: Int32Array.from(nb.flat()),
      components: [Array.from({ length: n }, (_, p) => p)],
      isolated: [],
      method: "grid",
    },
  };
}

const connected = (set: number[], adjacency: Adjacency) => {
  const inSet = new Set(set);
  const seen = new Set([set[0]!]);
  const queue = [set[0]!];
  for (let h = 0; h < queue.length; h++)
    for (let e = adjacency.offsets[queue[h]!]!; e < adjacency.offsets[queue[h]! + 1]!; e++) {
      const q = adjacency.neighbours[e]!;
      if (inSet.has(q) && !seen.has(q)) {
        seen.add(q);
        queue.push(q);
      }
    }
  return seen.size === set.length;
};

describe("exact network design", () => {
  const lists = [9_000, 12_000, 8_000, 15_000, 11_000, 7_000, 14_000, 10_000, 13_000];
  const { instance, adjacency } = grid(3, 3, lists);

  test("enumerates each connected set within the list cap exactly once", () => {
    const pb = buildProblem(instance, adjacency, resolveOptions({ band: { min: 0, max: 40_000 } }));
    const columns = enumerateColumns(pb, { maxList: 40_000, limit: 1e6 });
    const keys = columns.units.map((u) => [...u].sort((a, b) => a - b).join(","));
    assert.equal(new Set(keys).size, keys.length, "no set twice");
    let expected = 0;
    for (let mask = 1; mask < 1 << 9; mask++) {
      const set = [...Array(9).keys()].filter((p) => mask & (1 << p));
      if (set.reduce((s, p) => s + lists[p]!, 0) <= 40_000 && connected(set, adjacency)) expected++;
    }
    assert.equal(columns.units.length, expected);
  });

  test("the MIP optimum equals the best of every contiguous in-band partition (brute force)", async () => {
    const options = { band: { min: 25_000, max: 40_000 }, disruptionWeight: 1, placeWeight: 1 };
    const exact = await designExact(instance, adjacency, options);
    assert.equal(exact.status, "optimal");
    assert.equal(exact.gap, 0);
    const pb = buildProblem(instance, adjacency, resolveOptions(options));
    // Every partition of 9 practices via restricted growth strings.
    let best = Infinity;
    const a = new Int32Array(9);
    const visit = (p: number, used: number) => {
      if (p === 9) {
        const groups = Array.from({ length: used }, (_, g) => [...a.keys()].filter((q) => a[q] === g));
        for (const g of groups) {
          const total = g.reduce((s, q) => s + lists[q]!, 0);
          if (total < 25_000 || total > 40_000 || !connected(g, adjacency)) return;
        }
        best = Math.min(best, evaluateProblem(pb, a).total);
        return;
      }
      for (let g = 0; g <= used; g++) {
        a[p] = g;
        visit(p + 1, Math.max(used, g + 1));
      }
    };
    visit(0, 0);
    assert.ok(Number.isFinite(best));
    assert.ok(Math.abs(exact.objective!.total - best) < 1e-6 * best, `${exact.objective!.total} vs ${best}`);
    // Every practice once; every network contiguous and in band.
    const networks = new Map<number, number[]>();
    exact.assignment!.forEach((g, p) => networks.set(g, [...(networks.get(g) ?? []), p]));
    for (const g of networks.values()) {
      assert.ok(connected(g, adjacency));
      const total = g.reduce((s, q) => s + lists[q]!, 0);
      assert.ok(total >= 25_000 && total <= 40_000);
    }
  });

  test("when no in-band partition exists, networks may exceed the maximum (penalised) and it says so", async () => {
    const { instance: two, adjacency: twoAdj } = grid(1, 2, [30_000, 30_000]);
    const exact = await designExact(two, twoAdj, { band: { min: 35_000, max: 50_000 } });
    assert.equal(exact.status, "optimal");
    assert.deepEqual([...exact.assignment!], [0, 0]);
    assert.match(exact.notes.join(" "), /No partition into networks of at most 50,000/);
  });
});
