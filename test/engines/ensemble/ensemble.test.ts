// The ensemble (src/engines/ensemble/ensemble.ts) on a 3 × 3 grid of equal practices: percentiles by hand,
// figures equal to the objective's, every recorded plan valid, and seeded reproducibility.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { figuresOf, percentileOf, runEnsemble } from "../../../src/engines/ensemble/ensemble.ts";
import { evaluateProblem } from "../../../src/engines/networks/design/objective.ts";
import { resolveOptions } from "../../../src/engines/networks/design/options.ts";
import { buildProblem } from "../../../src/engines/networks/design/problem.ts";
import { adjacencyOf, makeInstance } from "../networks/network-kit.ts";

/** 3 × 3 practices of 1,000 patients, 0.05° apart, today in three rows; each with its own LSOA. */
function grid() {
  const practices = [];
  const edges: [number, number][] = [];
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) {
      const i = r * 3 + c;
      practices.push({ lat: 52 + 0.05 * r, lon: -2 + 0.05 * c, list: 1000, pcn: r, place: 0 });
      if (c < 2) edges.push([i, i + 1]);
      if (r < 2) edges.push([i, i + 3]);
    }
  const catchments = {
    lsoas: practices.map((p) => ({ lat: p.lat, lon: p.lon })),
    // 800 live by their practice; 200 in the LSOA to the right (wrapping within the row).
    rows: practices.flatMap((_, i): [number, number, number][] => [
      [i, i, 800],
      [i, Math.floor(i / 3) * 3 + (((i % 3) + 1) % 3), 200],
    ]),
  };
  const instance = makeInstance(practices, { networks: ["R0", "R1", "R2"], places: ["P"], catchments });
  const adjacency = adjacencyOf(9, edges);
  const pb = buildProblem(instance, adjacency, resolveOptions({ band: { min: 3000, max: 3000 } }));
  return { instance, adjacency, pb };
}

const rows = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2]);
const columns = Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2]);

describe("ensemble", () => {
  test("percentile: the share at or below, ties counted half", () => {
    const sorted = Float64Array.from([1, 2, 2, 3]);
    assert.equal(percentileOf(sorted, 0), 0);
    assert.equal(percentileOf(sorted, 2), (1 + 2 / 2) / 4);
    assert.equal(percentileOf(sorted, 3), (3 + 0.5) / 4);
    assert.equal(percentileOf(sorted, 9), 1);
  });

  test("figures are the objective's cohesion, disruption and place, and the localisation of the LSOAs", () => {
    const { instance, pb } = grid();
    for (const a of [rows, columns]) {
      const f = figuresOf(pb, instance, a);
      const o = evaluateProblem(pb, a);
      assert.equal(f.cohesion, o.cohesion);
      assert.equal(f.disruption, o.disruption);
      assert.equal(f.place, 0, "one place");
    }
    // Rows keep every LSOA's 1,000 residents (800 + 200 from the row's neighbour) in its network.
    assert.equal(figuresOf(pb, instance, rows).localisation, 1);
    assert.equal(figuresOf(pb, instance, rows).disruption, 0);
    // Columns: each LSOA's residents come from two columns (800 + 200): 80% at the LSOA's network.
    assert.ok(Math.abs(figuresOf(pb, instance, columns).localisation! - 0.8) < 1e-12);
    assert.equal(
      figuresOf(pb, instance, columns).disruption,
      9 * 1000 * (2 / 2),
      "each practice loses both row-mates",
    );
  });

  test("today's rows are the best-localised plan; seeded; every plan of the chain recorded", () => {
    const { instance, adjacency, pb } = grid();
    const run = (seed: number) =>
      runEnsemble(pb, instance, adjacency, columns, [{ label: "today", assignment: rows }], {
        steps: 3000,
        seed,
        thin: 1,
      });
    const r = run(4);
    assert.equal(r.samples, 3000);
    assert.equal(r.networks, 3);
    assert.equal(r.distributions.localisation!.max, 1, "the chain visits the rows");
    assert.ok(r.distributions.localisation!.min < 1);
    const today = r.positions[0]!;
    assert.equal(today.figures.disruption, 0);
    assert.ok(today.percentiles.localisation! > 0.5, "no plan is more local than today's rows");
    assert.ok(today.percentiles.disruption! < 0.5, "no plan disrupts less than today's");
    assert.deepEqual(run(4), r);
    assert.throws(() => runEnsemble(pb, instance, adjacency, columns, [], { steps: 0, seed: 1 }), RangeError);
  });
});
