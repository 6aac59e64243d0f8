// The ReCom chain (src/engines/ensemble/recom.ts) on a 3 × 3 grid of equal practices split into three
// networks of exactly three: the chain reaches all 10 partitions of the grid into connected triominoes
// (counted by hand: 2 of three straight lines, 8 with L-shapes), keeps every state valid, and is
// reproducible for a seed. The frequencies against the exact stationary distribution: stationary.test.ts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RecomChain } from "../../../src/engines/ensemble/recom.ts";
import { sfc32Uniform } from "../../../src/model/random.ts";
import { adjacencyOf } from "../networks/network-kit.ts";

function grid() {
  const edges: [number, number][] = [];
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) {
      const i = r * 3 + c;
      if (c < 2) edges.push([i, i + 1]);
      if (r < 2) edges.push([i, i + 3]);
    }
  return adjacencyOf(9, edges);
}

/** Labels in order of first appearance: one key per set partition. */
const canonical = (a: Int32Array) => {
  const m = new Map<number, number>();
  return [...a].map((x) => (m.has(x) ? m.get(x)! : (m.set(x, m.size), m.size - 1))).join("");
};

function run(seed: number, steps: number) {
  const chain = new RecomChain(grid(), Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2]), {
    population: new Float64Array(9).fill(1),
    band: { min: 3, max: 3 },
  });
  const rng = { next: sfc32Uniform(seed) };
  const seen = new Map<string, number>();
  const trace: string[] = [];
  for (let s = 0; s < steps; s++) {
    chain.step(rng);
    const key = canonical(chain.assignment);
    for (let k = 0; k < 3; k++) assert.equal([...chain.assignment].filter((x) => x === k).length, 3);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (s < 50) trace.push(key);
  }
  return { seen, trace };
}

describe("ReCom chain", () => {
  test("reaches all 10 partitions of the 3 × 3 grid into triominoes", () => {
    const { seen } = run(1, 20_000);
    assert.equal(seen.size, 10);
  });
  test("the same seed gives the same chain; another seed another", () => {
    assert.deepEqual(run(7, 200).trace, run(7, 200).trace);
    assert.notDeepEqual(run(7, 200).trace, run(8, 200).trace);
  });
});
