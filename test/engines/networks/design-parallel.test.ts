// The designer's starts on worker threads (design/parallel.ts) give the design the one-thread designer gives:
// the same networks, objective and proposal count, whatever the number of workers; and how the starts are
// shared between threads.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { designNetworks } from "../../../src/engines/networks/design/design.ts";
import { designNetworksInParallel, splitStarts } from "../../../src/engines/networks/design/parallel.ts";
import { randomInstance } from "./design-kit.ts";

describe("parallel starts", () => {
  test("splitStarts: contiguous runs covering every start once, the caller's run ending on the last", () => {
    assert.deepEqual(splitStarts(4, 2), [
      [0, 1],
      [2, 3],
    ]);
    assert.deepEqual(splitStarts(4, 3), [[0], [1, 2], [3]]);
    assert.deepEqual(splitStarts(4, 4), [[0], [1], [2], [3]]);
    assert.deepEqual(splitStarts(1, 2), [[0]]);
    for (let count = 1; count <= 7; count++)
      for (let parts = 1; parts <= count; parts++) {
        const runs = splitStarts(count, parts);
        assert.equal(runs.length, parts);
        assert.deepEqual(
          runs.flat(),
          Array.from({ length: count }, (_, s) => s),
        );
        assert.equal(runs.at(-1)!.at(-1), count - 1);
      }
  });

  test("1 and 2 workers give the one-thread design, figure for figure", async () => {
    for (const seed of [3, 11]) {
      const { instance, adjacency } = randomInstance(seed, 60);
      const options = { seed, iterations: 4_000 };
      const one = designNetworks(instance, adjacency, options);
      for (const workers of [0, 1, 2]) {
        const par = await designNetworksInParallel(instance, adjacency, options, workers);
        assert.deepEqual([...par.assignment], [...one.assignment], `seed ${seed}, ${workers} workers`);
        assert.deepEqual(par.objective, one.objective);
        assert.deepEqual(par.networks, one.networks);
        assert.equal(par.iterations, one.iterations);
        assert.equal(par.iterations, 4 * 4_000, "four starts of 4,000 proposals each, none repeated");
      }
    }
  });
});
