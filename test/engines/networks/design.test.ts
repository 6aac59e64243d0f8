// Test tier: heavy (designs and jobs over the demo); run by `npm run test:heavy` and CI, not by `npm test`.
// The heuristic network designer on hand-made instances: validity of every design (each practice once,
// contiguous networks, band or a named relaxation), agreement with brute-force enumeration on small
// instances, locks, kept-whole PCNs, waivers, infeasible requests and bad requests.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  designNetworks,
  DesignRequestError,
  objectiveOf,
  parseBandText,
  type DesignOptions,
  type DesignResult,
} from "../../../src/engines/networks/design/index.ts";
import type { Adjacency, NetworkInstance } from "../../../src/engines/networks/instance.ts";
import { at, disconnectedNetworks, enumerateOptimum, randomInstance } from "./design-kit.ts";
import { adjacencyOf, makeInstance } from "./network-kit.ts";

/** Asserts what every design must satisfy, and returns the networks' practice codes. */
function checkValid(instance: NetworkInstance, adjacency: Adjacency, r: DesignResult): string[][] {
  const n = instance.practiceCodes.length;
  assert.equal(r.assignment.length, n);
  const seen = new Map<string, number>();
  r.networks.forEach((net, i) => {
    for (const code of net.practices) {
      assert.ok(!seen.has(code), `${code} is in two networks`);
      seen.set(code, i);
    }
  });
  assert.equal(seen.size, n, "every practice is in a network");
  for (let p = 0; p < n; p++) assert.equal(seen.get(instance.practiceCodes[p]!), r.assignment[p]);
  assert.deepEqual(disconnectedNetworks(adjacency, r.assignment), [], "every network is contiguous");
  const labels = r.networks.map((x) => x.label);
  assert.equal(new Set(labels).size, labels.length, "labels are unique");
  for (const net of r.networks) {
    const total = net.practices.reduce(
      (s, c) => s + instance.listSize[instance.practiceCodes.indexOf(c)]!,
      0,
    );
    assert.equal(net.listSize, total);
    if (net.band === "in") continue;
    const covered =
      net.waiver !== null ||
      r.relaxations.some(
        (x) => x.network === net.label && x.rule === (net.band === "under" ? "minimum" : "maximum"),
      );
    assert.ok(
      covered,
      `network ${net.label} (${net.listSize}) is ${net.band} the band with no waiver or relaxation`,
    );
  }
  return r.networks.map((x) => x.practices);
}

/**
 * The tiny ICB: nine practices on a 3 × 3 grid 2 km apart (patients in thousands), today in three PCNs,
 * none in band: U00001 (A, B) 22k, U00002 (C–G) 55k, U00003 (H, I) 23k; one place.
 *
 *        x=0        x=2        x=4
 *   y=4  A 12 (1)   B 10 (1)   C 14 (2)
 *   y=2  D  9 (2)   E 11 (2)   F 13 (2)
 *   y=0  G  8 (2)   H 12 (3)   I 11 (3)
 *
 * Edges join grid neighbours. 100k patients fit two or three networks of 30–50k.
 */
function tinyIcb() {
  const rows: [number, number, number, number][] = [
    [0, 4, 12, 0],
    [2, 4, 10, 0],
    [4, 4, 14, 1],
    [0, 2, 9, 1],
    [2, 2, 11, 1],
    [4, 2, 13, 1],
    [0, 0, 8, 1],
    [2, 0, 12, 2],
    [4, 0, 11, 2],
  ];
  const instance = makeInstance(rows.map(([x, y, k, pcn]) => at(x, y, { list: k * 1000, pcn })));
  const edges: [number, number][] = [];
  for (let p = 0; p < 9; p++) {
    if (p % 3 < 2) edges.push([p, p + 1]);
    if (p < 6) edges.push([p, p + 3]);
  }
  return { instance, adjacency: adjacencyOf(9, edges) };
}

describe("designNetworks on the tiny ICB", () => {
  const { instance, adjacency } = tinyIcb();

  test("every practice once, contiguous networks, all in band, stable labels", () => {
    const r = designNetworks(instance, adjacency, { seed: 1 });
    checkValid(instance, adjacency, r);
    assert.ok(r.networks.every((n) => n.band === "in"));
    assert.deepEqual(r.relaxations, []);
    assert.deepEqual([r.today.networks, r.today.inBand, r.today.under, r.today.over], [3, 0, 2, 1]);
    assert.equal(r.proposal.inBand, r.networks.length);
    // Labels are today's codes where a network inherits a PCN, else NEW-k.
    for (const n of r.networks) assert.match(n.label, /^(U0000[123]|NEW-\d+)$/);
    assert.deepEqual(r.objective, objectiveOf(instance, adjacency, r.assignment, { seed: 1 }));
  });

  test("equals the optimum over every contiguous in-band partition at several weights", () => {
    for (const options of [
      { disruptionWeight: 0, placeWeight: 0 },
      { disruptionWeight: 1 },
      { disruptionWeight: 20 },
    ] satisfies DesignOptions[]) {
      const best = enumerateOptimum(instance, adjacency, options)!;
      const r = designNetworks(instance, adjacency, { ...options, seed: 3 });
      assert.ok(Math.abs(r.objective.total - best.total) <= 1e-9 * best.total, JSON.stringify(options));
    }
  });

  test("deterministic for a seed", () => {
    const a = designNetworks(instance, adjacency, { seed: 42 });
    const b = designNetworks(instance, adjacency, { seed: 42 });
    assert.deepEqual(a.assignment, b.assignment);
    assert.deepEqual(
      a.networks.map((n) => n.label),
      b.networks.map((n) => n.label),
    );
    assert.equal(a.objective.total, b.objective.total);
  });
});

describe("the objective", () => {
  test("hand-computed: cohesion, disruption and place of a small configuration", () => {
    // Practices at x = 0, 3 and 9 km: 20k and 10k in U00001 (place P1A), 30k alone in U00002 (place P1B).
    const instance = makeInstance([
      at(0, 0, { list: 20_000, pcn: 0, place: 0 }),
      at(3, 0, { list: 10_000, pcn: 0, place: 0 }),
      at(9, 0, { list: 30_000, pcn: 1, place: 1 }),
    ]);
    const adjacency = adjacencyOf(3, [
      [0, 1],
      [1, 2],
    ]);
    // Today's map: centre of U00001 at x = 1 → 20k × 1 + 10k × 2 = 40,000 patient-km; nothing moved.
    const today = objectiveOf(instance, adjacency, Int32Array.from([0, 0, 1]), {
      band: { min: 1, max: 1e6 },
    });
    assert.ok(Math.abs(today.cohesion - 40_000) < 1e-6 * 40_000, String(today.cohesion));
    assert.equal(today.disruption, 0);
    assert.equal(today.place, 0);
    // Practice 1 joins practice 2: centres at 0 and 7.5 → 10k × 4.5 + 30k × 1.5 = 90,000; practices 0 and 1
    // each lose all their mates (20k + 10k disrupted); 10k patients sit outside the network's main place.
    const o = objectiveOf(instance, adjacency, Int32Array.from([0, 1, 1]), {
      band: { min: 1, max: 1e6 },
      disruptionWeight: 2,
      placeWeight: 3,
    });
    assert.ok(Math.abs(o.cohesion - 90_000) < 1e-6 * 90_000, String(o.cohesion));
    assert.equal(o.disruption, 30_000);
    assert.equal(o.place, 10_000);
    assert.ok(Math.abs(o.total - (90_000 + 2 * 30_000 + 3 * 10_000)) < 1e-3);
    // Under the default band every network is under 30k or at it: 10k short in network 0.
    const banded = objectiveOf(instance, adjacency, Int32Array.from([0, 1, 1]));
    assert.equal(banded.underMinimum, 10_000);
    assert.equal(banded.penalties, 10_000 * 1_000_000);
  });
});

describe("where patients live", () => {
  test("with catchments, cohesion is patient-km from LSOA centroids to the network's population centre", () => {
    // Practice 0 (site x = 0) has 10k patients at LSOA x = 0 and 10k at x = 4; practice 1 (site x = 10)
    // has 20k at x = 10. One network: centre at (0·10 + 4·10 + 10·20) / 40 = 6 km →
    // 10k × 6 + 10k × 2 + 20k × 4 = 160,000 patient-km.
    const l = (x: number) => ({ lat: at(x, 0).lat, lon: at(x, 0).lon });
    const instance = makeInstance([at(0, 0, { list: 20_000, pcn: 0 }), at(10, 0, { list: 20_000, pcn: 0 })], {
      catchments: {
        lsoas: [l(0), l(4), l(10)],
        rows: [
          [0, 0, 10_000],
          [0, 1, 10_000],
          [1, 2, 20_000],
        ],
      },
    });
    const adjacency = adjacencyOf(2, [[0, 1]]);
    const o = objectiveOf(instance, adjacency, Int32Array.from([0, 0]));
    assert.ok(Math.abs(o.cohesion - 160_000) < 1e-6 * 160_000, String(o.cohesion));
  });

  test("practices sharing a site end in one network", () => {
    // Line: x = −4, −2, {0, 0}, 2, 4; the two practices at x = 0 share a site (10k each).
    const instance = makeInstance(
      [
        [-4, 15],
        [-2, 15],
        [0, 10],
        [0, 10],
        [2, 15],
        [4, 15],
      ].map(([x, k]) => at(x!, 0, { list: k! * 1000, pcn: 0 })),
    );
    const adjacency = adjacencyOf(6, [
      [0, 1],
      [1, 2],
      [1, 3],
      [2, 3],
      [2, 4],
      [3, 4],
      [4, 5],
    ]);
    for (const seed of [1, 2, 3]) {
      const r = designNetworks(instance, adjacency, { seed, disruptionWeight: 0 });
      checkValid(instance, adjacency, r);
      assert.equal(r.assignment[2], r.assignment[3], `seed ${seed}`);
      assert.ok(r.networks.every((n) => n.band === "in"));
    }
  });
});

describe("agreement with brute-force enumeration (standing in for the exact mode)", () => {
  test("24 random instances of 6–9 practices, three weightings each: the heuristic finds the optimum", () => {
    let compared = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const { instance, adjacency } = randomInstance(seed, 6 + (seed % 4));
      for (const options of [
        { disruptionWeight: 0, placeWeight: 0 },
        { disruptionWeight: 1, placeWeight: 1 },
        { disruptionWeight: 5, placeWeight: 0 },
      ] satisfies DesignOptions[]) {
        const best = enumerateOptimum(instance, adjacency, options);
        if (!best) continue;
        compared++;
        const r = designNetworks(instance, adjacency, { ...options, seed: 1 });
        checkValid(instance, adjacency, r);
        const gap = (r.objective.total - best.total) / best.total;
        assert.ok(Math.abs(gap) <= 1e-9, `seed ${seed} ${JSON.stringify(options)}: gap ${gap}`);
      }
    }
    assert.ok(compared >= 60, `only ${compared} instances had an in-band partition`);
  });
});

describe("locks, kept-whole PCNs and waivers", () => {
  const { instance, adjacency } = tinyIcb();
  const code = (p: number) => instance.practiceCodes[p]!;
  const networkOf = (r: DesignResult, p: number) => r.networks[r.assignment[p]!]!;

  test("practices locked to one label end together, in a network with that label", () => {
    // A (top left) and I (bottom right) are as far apart as the grid allows.
    const r = designNetworks(instance, adjacency, { locks: { [code(0)]: "EAST", [code(8)]: "EAST" } });
    checkValid(instance, adjacency, r);
    assert.equal(r.assignment[0], r.assignment[8]);
    assert.equal(networkOf(r, 0).label, "EAST");
  });

  test("practices locked to different labels never share a network", () => {
    const r = designNetworks(instance, adjacency, {
      disruptionWeight: 0,
      locks: { [code(0)]: "N1", [code(1)]: "N2", [code(3)]: "N1" },
    });
    checkValid(instance, adjacency, r);
    assert.notEqual(r.assignment[0], r.assignment[1]);
    assert.equal(r.assignment[0], r.assignment[3]);
    assert.deepEqual([networkOf(r, 0).label, networkOf(r, 1).label], ["N1", "N2"]);
  });

  test("a kept-whole PCN stays together", () => {
    for (const seed of [1, 2, 3]) {
      const r = designNetworks(instance, adjacency, { seed, disruptionWeight: 0, keepWhole: ["U00002"] });
      checkValid(instance, adjacency, r);
      const members = [2, 3, 4, 5, 6].map((p) => r.assignment[p]);
      assert.equal(new Set(members).size, 1, `seed ${seed}: ${members}`);
    }
  });

  test("a waived PCN may stay under the minimum, and the network says so", () => {
    // Practice 0, 20 km out, alone in its PCN at 12k and waived; the other 64k make two networks of 32k.
    const one = makeInstance([
      at(0, 0, { list: 12_000, pcn: 0 }),
      ...[20, 22, 24, 26].map((x) => at(x, 0, { list: 16_000, pcn: 1 })),
    ]);
    const line = adjacencyOf(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    const r = designNetworks(one, line, { waivers: ["U00001"], disruptionWeight: 0 });
    checkValid(one, line, r);
    const waived = r.networks.find((n) => n.practices.includes(one.practiceCodes[0]!))!;
    assert.equal(waived.listSize, 12_000);
    assert.equal(waived.waiver, "user");
    assert.deepEqual(r.relaxations, []);
  });
});

describe("infeasible requests: named relaxations and the best design that relaxes only them", () => {
  test("an isolated practice under the minimum forms a waived network, named in the relaxation", () => {
    const instance = makeInstance([
      at(0, 0, { list: 20_000, pcn: 0 }),
      at(2, 0, { list: 15_000, pcn: 0 }),
      at(4, 0, { list: 10_000, pcn: 1 }),
      at(60, 0, { list: 6_000, pcn: 1 }),
    ]);
    const adjacency = adjacencyOf(4, [
      [0, 1],
      [1, 2],
    ]);
    const r = designNetworks(instance, adjacency, {});
    checkValid(instance, adjacency, r);
    const relax = r.relaxations.find((x) => x.reason === "isolated-practice")!;
    assert.deepEqual(relax.practices, ["T00003"]);
    assert.equal(relax.rule, "minimum");
    assert.equal(relax.listSize, 6_000);
    assert.match(
      relax.message,
      /Practice T00003 has no neighbour in the adjacency graph with 6,000 patients, under the 30,000 minimum/,
    );
    assert.equal(r.networks.find((n) => n.practices.includes("T00003"))!.waiver, "relaxation");
    // Nothing else is relaxed: the other three practices form one in-band network.
    assert.equal(r.relaxations.length, 1);
  });

  test("an island under the minimum becomes one waived network", () => {
    const instance = makeInstance([
      at(0, 0, { list: 20_000, pcn: 0 }),
      at(2, 0, { list: 15_000, pcn: 0 }),
      at(50, 0, { list: 8_000, pcn: 1 }),
      at(52, 0, { list: 9_000, pcn: 2 }),
    ]);
    const adjacency = adjacencyOf(4, [
      [0, 1],
      [2, 3],
    ]);
    const r = designNetworks(instance, adjacency, {});
    checkValid(instance, adjacency, r);
    assert.equal(r.assignment[2], r.assignment[3]);
    const relax = r.relaxations.find((x) => x.reason === "island-under-minimum")!;
    assert.deepEqual(relax.practices, ["T00002", "T00003"]);
    assert.match(relax.message, /form an island of the adjacency graph with 17,000 patients/);
  });

  test("locks that confine a network under the minimum: that network is waived and named", () => {
    // A line 0–1–2–3–4: 0 locked to WEST, 2 to EAST; WEST can reach only practices 0 and 1 (25k).
    const instance = makeInstance(
      [15, 10, 20, 12, 8].map((k, i) => at(2 * i, 0, { list: k * 1000, pcn: i < 2 ? 0 : 1 })),
    );
    const adjacency = adjacencyOf(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    const r = designNetworks(instance, adjacency, { locks: { T00000: "WEST", T00002: "EAST" } });
    checkValid(instance, adjacency, r);
    const west = r.networks.find((n) => n.label === "WEST")!;
    assert.deepEqual(west.practices, ["T00000", "T00001"]);
    assert.equal(west.waiver, "relaxation");
    const relax = r.relaxations.find((x) => x.reason === "lock-area-under-minimum")!;
    assert.equal(relax.network, "WEST");
    assert.match(relax.message, /locked to WEST, whose network can reach at most 25,000 patients/);
  });

  test("locks that no contiguous network can join are split, and the split is reported", () => {
    const instance = makeInstance([
      at(0, 0, { list: 30_000, pcn: 0 }),
      at(2, 0, { list: 30_000, pcn: 0 }),
      at(50, 0, { list: 30_000, pcn: 1 }),
    ]);
    const adjacency = adjacencyOf(3, [[0, 1]]);
    const r = designNetworks(instance, adjacency, { locks: { T00000: "ONE", T00002: "ONE" } });
    checkValid(instance, adjacency, r);
    const relax = r.relaxations.find((x) => x.reason === "lock-disconnected")!;
    assert.equal(relax.rule, "lock");
    assert.deepEqual(relax.practices, ["T00000", "T00002"]);
    // T00001 keeps its PCN's code: its heir network took the lock label ONE.
    assert.deepEqual(
      r.networks.map((n) => n.label),
      ["ONE", "U00001", "ONE-2"],
    );
  });

  test("a practice over the maximum on its own is reported, not split", () => {
    const instance = makeInstance([at(0, 0, { list: 62_000, pcn: 0 }), at(2, 0, { list: 35_000, pcn: 1 })]);
    const adjacency = adjacencyOf(2, [[0, 1]]);
    const r = designNetworks(instance, adjacency, {});
    checkValid(instance, adjacency, r);
    assert.equal(r.networks.length, 2);
    const relax = r.relaxations.find((x) => x.reason === "unit-over-maximum")!;
    assert.match(relax.message, /practice T00000 alone has 62,000/);
  });

  test("a part of the graph no number of networks can divide within the band keeps one network over", () => {
    // 55k in three practices: two networks would put one under 30k, so one network of 55k.
    const instance = makeInstance([15, 20, 20].map((k, i) => at(2 * i, 0, { list: k * 1000, pcn: 0 })));
    const adjacency = adjacencyOf(3, [
      [0, 1],
      [1, 2],
    ]);
    const r = designNetworks(instance, adjacency, {});
    checkValid(instance, adjacency, r);
    assert.equal(r.networks.length, 1);
    assert.equal(r.relaxations[0]!.reason, "component-cannot-fit-band");
  });
});

describe("bad requests get clear errors", () => {
  const { instance, adjacency } = tinyIcb();
  const cases: [string, DesignOptions, RegExp][] = [
    [
      "band min > max",
      { band: { min: 50_000, max: 30_000 } },
      /band minimum 50,000 is greater than its maximum 30,000/,
    ],
    ["unknown practice in a lock", { locks: { X99999: "A" } }, /lock: practice 'X99999' is not in test/],
    ["empty lock label", { locks: { T00000: " " } }, /lock: practice 'T00000' has an empty network label/],
    ["unknown kept PCN", { keepWhole: ["U99999"] }, /keep whole: 'U99999' is not a PCN in test/],
    ["unknown waiver", { waivers: ["Q1"] }, /waiver: 'Q1' is neither a PCN nor a practice in test/],
    ["negative weight", { disruptionWeight: -1 }, /disruption weight must be a number ≥ 0; found -1/],
  ];
  for (const [name, options, message] of cases)
    test(name, () => {
      assert.throws(
        () => designNetworks(instance, adjacency, options),
        (e: unknown) => e instanceof DesignRequestError && message.test(e.message),
      );
    });

  test("band text: 30000-50000 and 30k-50k parse; 50k-30k and nonsense do not", () => {
    assert.deepEqual(parseBandText("30000-50000"), { min: 30_000, max: 50_000 });
    assert.deepEqual(parseBandText("25k–45k"), { min: 25_000, max: 45_000 });
    assert.throws(() => parseBandText("50k-30k"), /greater than its maximum/);
    assert.throws(() => parseBandText("big"), /band must look like 30000-50000/);
  });
});
