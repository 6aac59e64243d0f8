// The two-level designer on hand-made graphs: every practice in one neighbourhood, every neighbourhood in one
// area, both levels contiguous, bands met where the graph allows and breaches named where it does not, the
// district (local authority) term moving a split onto district lines at both levels, and the districts of
// practices from registrations or sites.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  connected,
  designAreas,
  designNeighbourhoods,
  noAuthorities,
  practiceAuthorities,
  scoreAreas,
  type AreaGraph,
  type PracticeAuthorities,
  type TwoLevelDesign,
} from "../../../src/engines/neighbourhoods/index.ts";
import { RequestError } from "../../../src/model/errors.ts";
import type { Adjacency, NetworkInstance } from "../../../src/engines/networks/instance.ts";
import { adjacencyOf, KM_PER_DEGREE, makeInstance } from "../networks/network-kit.ts";

/** Districts given by index per practice, codes D0, D1, … */
function districts(n: number, of: number[]): PracticeAuthorities {
  const k = Math.max(...of) + 1;
  const codes = Array.from({ length: k }, (_, i) => `D${i}`);
  return {
    codes,
    names: codes.map((c) => `District ${c}`),
    of: Int32Array.from(of),
    basis: of.map(() => "site" as const),
    lsoa: null,
    counts: { registrations: 0, site: n, none: 0 },
  };
}

/** A w × h grid of practices 1 km apart, each of `list` patients, in PCNs of four (2 × 2 blocks). */
function grid(w: number, h: number, list: number): { instance: NetworkInstance; adjacency: Adjacency } {
  const practices = [];
  const edges: [number, number][] = [];
  const networks: string[] = [];
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) {
      const pcn = Math.floor(j / 2) * Math.ceil(w / 2) + Math.floor(i / 2);
      while (networks.length <= pcn) networks.push(`U${String(networks.length + 1).padStart(5, "0")}`);
      practices.push({ lat: j / KM_PER_DEGREE, lon: i / KM_PER_DEGREE, list, pcn });
      const p = j * w + i;
      if (i > 0) edges.push([p - 1, p]);
      if (j > 0) edges.push([p - w, p]);
    }
  const instance = { ...makeInstance(practices, { networks }), scope: "ICB TST" };
  return { instance, adjacency: adjacencyOf(practices.length, edges) };
}

/** Checks the structure of a design against the instance with counts of its own. */
function assertNested(instance: NetworkInstance, adjacency: Adjacency, d: TwoLevelDesign): void {
  const n = instance.practiceCodes.length;
  const index = new Map(instance.practiceCodes.map((c, p) => [c, p]));
  // Every practice exactly once.
  const all = d.neighbourhoods.flatMap((x) => x.practices);
  assert.equal(all.length, n);
  assert.equal(new Set(all).size, n);
  // Every neighbourhood in exactly one area, and the areas' lists made of them.
  const inAreas = d.areas.flatMap((a) => a.neighbourhoods);
  assert.deepEqual([...inAreas].sort(), d.neighbourhoods.map((x) => x.label).sort());
  assert.equal(new Set(inAreas).size, inAreas.length);
  for (const a of d.areas) {
    const mine = d.neighbourhoods.filter((x) => a.neighbourhoods.includes(x.label));
    assert.ok(mine.every((x) => x.area === a.label));
    assert.equal(
      a.listSize,
      mine.reduce((s, x) => s + x.listSize, 0),
    );
    // Contiguous on the practice graph.
    assert.ok(
      connected(
        adjacency,
        mine.flatMap((x) => x.practices.map((c) => index.get(c)!)),
      ),
      a.label,
    );
  }
  for (const [i, x] of d.neighbourhoods.entries()) {
    const ps = x.practices.map((c) => index.get(c)!);
    assert.ok(connected(adjacency, ps), x.label);
    assert.ok(ps.every((p) => d.neighbourhoodOf[p] === i));
    assert.equal(
      x.listSize,
      ps.reduce((s, p) => s + instance.listSize[p]!, 0),
    );
    assert.ok(x.label.startsWith(`${x.area}-N`), `${x.label} is named inside ${x.area}`);
  }
  assert.equal(d.evaluation.neighbourhood.totals.notContiguous, 0);
  assert.equal(d.evaluation.area.totals.notContiguous, 0);
  assert.equal(d.evaluation.neighbourhood.totals.units, d.neighbourhoods.length);
  assert.equal(d.evaluation.area.totals.units, d.areas.length);
}

describe("two-level design on a grid", () => {
  // 8 × 6 practices of 10,000: 480,000 patients; neighbourhoods of 3–5 practices; areas of 12–18 (120–180k).
  const { instance, adjacency } = grid(8, 6, 10_000);
  const opts = {
    band: { min: 30_000, max: 50_000 },
    areaBand: { min: 120_000, max: 180_000 },
    seed: 3,
    starts: 2,
  };
  const d = designNeighbourhoods(
    instance,
    adjacency,
    districts(
      48,
      Array.from({ length: 48 }, (_, p) => (p % 8 < 4 ? 0 : 1)),
    ),
    opts,
  );

  test("every practice once, every neighbourhood in one area, both levels contiguous", () => {
    assertNested(instance, adjacency, d);
  });

  test("both bands met (the grid allows it): no breach reported", () => {
    assert.ok(d.neighbourhoods.every((x) => x.listSize >= 30_000 && x.listSize <= 50_000));
    assert.ok(d.areas.every((a) => a.listSize >= 120_000 && a.listSize <= 180_000));
    assert.ok(d.areas.length >= 3 && d.areas.length <= 4, `${d.areas.length} areas of 480,000`);
    assert.deepEqual(d.relaxations.area, []);
    assert.deepEqual(d.relaxations.neighbourhood, []);
    assert.equal(d.evaluation.neighbourhood.totals.inBand, d.neighbourhoods.length);
    assert.equal(d.evaluation.area.totals.inBand, d.areas.length);
  });

  test("deterministic for a seed", () => {
    const again = designNeighbourhoods(
      instance,
      adjacency,
      districts(
        48,
        Array.from({ length: 48 }, (_, p) => (p % 8 < 4 ? 0 : 1)),
      ),
      opts,
    );
    assert.deepEqual([...again.neighbourhoodOf], [...d.neighbourhoodOf]);
    assert.deepEqual([...again.areaOf], [...d.areaOf]);
  });

  test("the area search's running score equals a recount from scratch", () => {
    const s = d.objective.area;
    assert.ok(s.under === 0 && s.over === 0);
    assert.ok(s.cohesion > 0);
  });
});

describe("the district term", () => {
  // Six practices of 15,000 in a line 1 km apart; districts D0 = {0, 1, 2}, D1 = {3, 4, 5}. In a 30–50k band
  // the only designs are 2 + 2 + 2 (cohesion 3 × 15,000 × (0.5 + 0.5) = 45,000 patient-km, its middle pair
  // straddling the district line: 15,000 patients outside their neighbourhood's main district) and 3 + 3
  // (cohesion 2 × 15,000 × (1 + 0 + 1) = 60,000, on the line). laWeight 0 → 45,000 < 60,000: 2 + 2 + 2;
  // laWeight 2 → 45,000 + 30,000 > 60,000: 3 + 3.
  const line = makeInstance(
    Array.from({ length: 6 }, (_, p) => ({ lat: 0, lon: p / KM_PER_DEGREE, list: 15_000, pcn: -1 })),
  );
  const instance = { ...line, scope: "ICB LIN" };
  const adjacency = adjacencyOf(6, [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 5],
  ]);
  const las = districts(6, [0, 0, 0, 1, 1, 1]);
  const sizes = (d: TwoLevelDesign) => d.neighbourhoods.map((x) => x.practices.length).sort();

  test("without it, cohesion cuts across the district line; with it, the split follows the line", () => {
    const off = designNeighbourhoods(instance, adjacency, las, { laWeight: 0, pcnWeight: 0, seed: 1 });
    assert.deepEqual(sizes(off), [2, 2, 2]);
    assert.ok(Math.abs(off.objective.neighbourhood.cohesion - 45_000) < 1);
    assert.equal(off.evaluation.neighbourhood.totals.coterminosity.unitsInOneLa, 2);
    assert.equal(off.evaluation.neighbourhood.totals.coterminosity.inMainLa, 75_000 / 90_000);
    const on = designNeighbourhoods(instance, adjacency, las, { laWeight: 2, pcnWeight: 0, seed: 1 });
    assert.deepEqual(sizes(on), [3, 3]);
    assert.ok(Math.abs(on.objective.neighbourhood.cohesion - 60_000) < 1);
    assert.equal(on.evaluation.neighbourhood.totals.coterminosity.unitsInOneLa, 2);
    assert.equal(on.evaluation.neighbourhood.totals.coterminosity.inMainLa, 1);
    assert.equal(on.evaluation.neighbourhood.totals.coterminosity.districtsWhole, 2);
  });

  test("90,000 patients cannot make an area of 200,000: the breach is reported with its reason", () => {
    const d = designNeighbourhoods(instance, adjacency, las, { laWeight: 2, pcnWeight: 0 });
    assert.equal(d.areas.length, 1);
    assert.equal(d.areas[0]!.band, "under");
    assert.deepEqual(
      d.relaxations.area.map((b) => [b.area, b.rule, b.reason, b.listSize]),
      [["LIN-A1", "minimum", "graph-part-too-small", 90_000]],
    );
    assert.match(d.relaxations.area[0]!.message, /only 90,000 patients/);
  });

  test("at the area level, districts are kept whole inside areas", () => {
    // Six neighbourhoods of 100,000 in a line 1 km apart, areas of 200–300k: 2 + 2 + 2 (cohesion
    // 3 × 100,000 = 300,000) or 3 + 3 (400,000). Districts {0, 1, 2} and {3, 4, 5}: 2 + 2 + 2 leaves
    // 100,000 of each district outside its main area (split 200,000), 3 + 3 none.
    const g: AreaGraph = {
      w: new Float64Array(6).fill(100_000),
      adjStart: Int32Array.from([0, 1, 3, 5, 7, 9, 10]),
      adj: Int32Array.from([1, 0, 2, 1, 3, 2, 4, 3, 5, 4]),
      practiceNode: Int32Array.from([0, 1, 2, 3, 4, 5]),
      practiceW: new Float64Array(6).fill(100_000),
      x: Float64Array.from([0, 1, 2, 3, 4, 5]),
      y: new Float64Array(6),
      located: new Uint8Array(6).fill(1),
      la: Int32Array.from([0, 0, 0, 1, 1, 1]),
      laCount: 2,
      pcn: new Int32Array(6).fill(-1),
      pcnCount: 0,
    };
    const band = { min: 200_000, max: 300_000 };
    const off = designAreas(g, { band, laWeight: 0, pcnWeight: 0, seed: 1, starts: 2 });
    assert.deepEqual([...off.areaOf], [0, 0, 1, 1, 2, 2]);
    assert.ok(Math.abs(off.score.cohesion - 300_000) < 1e-6);
    assert.equal(off.score.laSplit, 200_000);
    const on = designAreas(g, { band, laWeight: 1, pcnWeight: 0, seed: 1, starts: 2 });
    assert.deepEqual([...on.areaOf], [0, 0, 0, 1, 1, 1]);
    assert.equal(on.score.laSplit, 0);
    // The search's bookkeeping matches a recount.
    for (const r of [off, on]) {
      const s = scoreAreas(g, r.areaOf, { band, laWeight: r === on ? 1 : 0, pcnWeight: 0 });
      assert.ok(
        Math.abs(s.soft - r.score.soft) < 1e-6 && s.under === r.score.under && s.over === r.score.over,
      );
    }
  });
});

describe("breaches and requests", () => {
  test("an island neighbourhood too small for an area is named, the rest still in band", () => {
    // A 6 × 4 grid of 10,000 (240k) and an island of four practices (40k) with no edge to it.
    const { instance: g, adjacency: a } = grid(6, 4, 10_000);
    const island = makeInstance(
      Array.from({ length: 4 }, (_, p) => ({
        lat: 100 / KM_PER_DEGREE,
        lon: p / KM_PER_DEGREE,
        list: 10_000,
        pcn: 0,
      })),
    );
    const n = 28;
    const instance: NetworkInstance = {
      ...g,
      practiceCodes: [...g.practiceCodes, ...island.practiceCodes.map((c) => c.replace("T", "I"))],
      practiceNames: [...g.practiceNames, ...island.practiceNames],
      listSize: Float64Array.from([...g.listSize, ...island.listSize]),
      listKnown: Uint8Array.from([...g.listKnown, ...island.listKnown]),
      lat: Float64Array.from([...g.lat, ...island.lat]),
      lon: Float64Array.from([...g.lon, ...island.lon]),
      place: new Int32Array(n),
      current: Int32Array.from([...g.current, ...new Array<number>(4).fill(-1)]),
      imdDecile: new Int8Array(n),
    };
    const edges: [number, number][] = [];
    for (let p = 0; p < 24; p++)
      for (let e = a.offsets[p]!; e < a.offsets[p + 1]!; e++)
        if (a.neighbours[e]! > p) edges.push([p, a.neighbours[e]!]);
    edges.push([24, 25], [25, 26], [26, 27]);
    const adjacency = adjacencyOf(n, edges);
    const d = designNeighbourhoods(instance, adjacency, noAuthorities(instance), {
      areaBand: { min: 100_000, max: 150_000 },
    });
    assertNested(instance, adjacency, d);
    const breaches = d.relaxations.area;
    assert.equal(breaches.length, 1);
    assert.equal(breaches[0]!.reason, "graph-part-too-small");
    assert.equal(breaches[0]!.listSize, 40_000);
    assert.equal(d.areas.filter((x) => x.band === "in").length, d.areas.length - 1);
    assert.match(d.notes.join(" "), /district term is off/);
  });

  test("a neighbourhood maximum over 100,000 and an area band no larger than a neighbourhood are refused", () => {
    const { instance, adjacency } = grid(2, 2, 10_000);
    assert.throws(
      () =>
        designNeighbourhoods(instance, adjacency, noAuthorities(instance), {
          band: { min: 30_000, max: 120_000 },
        }),
      (e: unknown) => e instanceof RequestError && e.field === "band" && /at most 100,000/.test(e.message),
    );
    assert.throws(
      () =>
        designNeighbourhoods(instance, adjacency, noAuthorities(instance), {
          areaBand: { min: 10_000, max: 50_000 },
        }),
      (e: unknown) => e instanceof RequestError && e.field === "areaBand",
    );
  });
});

describe("districts of practices", () => {
  test("the district most registered patients live in; else the nearest LSOA centroid's", () => {
    const instance = makeInstance(
      [
        { lat: 0, lon: 0, list: 100 },
        { lat: 0, lon: 1, list: 100 },
        { lat: 0, lon: 2, noSite: true, list: 100 },
      ],
      {
        catchments: {
          lsoas: [
            { lat: 0, lon: 0 },
            { lat: 0, lon: 0.1 },
          ],
          // Practice 0: 30 patients in LSOA 0 (district A), 70 in LSOA 1 (district B).
          rows: [
            [0, 0, 30],
            [0, 1, 70],
          ],
        },
      },
    );
    const rows = [
      { lsoaCode: "E01000000", ladCode: "E0A", ladName: "A", lat: 0, lon: 0 },
      { lsoaCode: "E01000001", ladCode: "E0B", ladName: "B", lat: 0, lon: 0.1 },
      { lsoaCode: "E01000099", ladCode: "E0C", ladName: "C", lat: 0, lon: 0.95 },
    ];
    const a = practiceAuthorities(instance, rows);
    assert.deepEqual(a.codes, ["E0A", "E0B", "E0C"]);
    assert.deepEqual([...a.of], [1, 2, -1]);
    assert.deepEqual(a.basis, ["registrations", "site", "none"]);
    assert.deepEqual(a.counts, { registrations: 1, site: 1, none: 1 });
    assert.deepEqual([...a.lsoa!], [0, 1]);
  });
});
