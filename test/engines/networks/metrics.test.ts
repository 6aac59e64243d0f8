// Network metrics and the evaluation on hand-made instances whose answers are worked out by hand: bands,
// contiguity, cohesion (practice sites and LSOA level), co-located practices, places crossed, deprivation,
// coverage.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { contractYearOn } from "../../../src/config/pcn-contract.ts";
import { currentLabels, currentMap } from "../../../src/engines/networks/assignment.ts";
import { evaluate } from "../../../src/engines/networks/evaluate.ts";
import { adjacencyOf, KM_PER_DEGREE, makeInstance } from "./network-kit.ts";

const rules = contractYearOn("2026-01-01");
const close = (actual: number | null, expected: number, tolerance = 1e-6) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < tolerance, `${actual} ≠ ${expected}`);

describe("evaluation of a hand-made map (practice sites)", () => {
  // Practices on the equator, 0.01° (1.11 km) apart; p6 shares p2's site; p7 is outside any PCN.
  // Networks: U00001 = {0, 1, 2} 31,000 (in band, p2 in another place); U00002 = {3, 5} 35,000 (in band,
  // not contiguous: p4 between); U00003 = {4} 60,000 (over); U00004 = {6} 5,000 (under).
  const instance = makeInstance([
    { lat: 0, lon: 0.0, list: 10_000, pcn: 0, imd: 1 },
    { lat: 0, lon: 0.01, list: 12_000, pcn: 0, imd: 2 },
    { lat: 0, lon: 0.02, list: 9_000, pcn: 0, place: 1, imd: 3 },
    { lat: 0, lon: 0.03, list: 20_000, pcn: 1, imd: 9 },
    { lat: 0, lon: 0.04, list: 60_000, pcn: 2, imd: 10 },
    { lat: 0, lon: 0.05, list: 15_000, pcn: 1 },
    { lat: 0, lon: 0.02, list: 5_000, pcn: 3, imd: 5 },
    { lat: 0, lon: 0.06, list: 4_000, pcn: -1, imd: 6 },
  ]);
  const adjacency = adjacencyOf(8, [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 5],
    [5, 7],
    [2, 6],
  ]);
  const { assignment, labels } = currentMap(instance);
  const ev = evaluate(instance, adjacency, assignment, rules, labels);
  const net = (code: string) => ev.networks.find((n) => n.code === code)!;
  const breaches = (rule: string) => ev.breaches.filter((b) => b.rule === rule);

  test("list sizes and bands; the practice outside any PCN counts under coverage, not as a network", () => {
    assert.equal(ev.totals.networks, 4);
    assert.deepEqual(ev.totals.bands, { under: 1, in: 2, over: 1 });
    assert.deepEqual(ev.totals.bandPatients, { under: 5_000, in: 66_000, over: 60_000 });
    assert.equal(ev.totals.patients, 135_000);
    assert.deepEqual(ev.totals.outsidePcn, { practices: ["T00007"], patients: 4_000 });
    assert.equal(net("U00001").listSize, 31_000);
    assert.equal(net("U:T00007").outsidePcn, true);
    assert.deepEqual(
      breaches("size.under-minimum").map((b) => [b.network, b.figure]),
      [["U00004", 5_000]],
    );
    assert.deepEqual(
      breaches("size.over-maximum").map((b) => [b.network, b.practices, b.figure]),
      [["U00003", ["T00004"], 60_000]],
    );
    assert.deepEqual(
      breaches("coverage.outside-pcn").map((b) => b.practices),
      [["T00007"]],
    );
  });

  test("contiguity: the breach names the network and the practices of each piece", () => {
    assert.equal(ev.totals.notContiguous, 1);
    assert.equal(net("U00002").contiguous, false);
    assert.deepEqual(net("U00002").pieces, [["T00003"], ["T00005"]]);
    const [b, ...rest] = breaches("contiguity.split");
    assert.equal(rest.length, 0);
    assert.equal(b!.network, "U00002");
    assert.deepEqual(b!.practices, ["T00005"]);
    assert.equal(b!.figure, 2);
    assert.match(
      b!.message,
      /U00002 .* is in 2 pieces: \{T00003 Practice T00003\} \| \{T00005 Practice T00005\}/,
    );
    assert.equal(net("U00001").contiguous, true);
  });

  test("cohesion at practice sites: list-weighted mean distance to the list-weighted centre, by hand", () => {
    const c = net("U00001").cohesion;
    assert.equal(c.basis, "practice-site");
    assert.equal(c.nearestSiteKm, null);
    const centre = (10_000 * 0 + 12_000 * 0.01 + 9_000 * 0.02) / 31_000; // degrees of longitude
    const mean =
      ((10_000 * Math.abs(0 - centre) + 12_000 * Math.abs(0.01 - centre) + 9_000 * Math.abs(0.02 - centre)) /
        31_000) *
      KM_PER_DEGREE;
    close(c.centreKm, mean);
    close(c.centreKm, 0.69425, 1e-4);
    close(c.centre!.lon, centre, 1e-12);
    close(net("U00003").cohesion.centreKm, 0); // one practice: at its own centre
    assert.equal(ev.totals.cohesion.basis, "practice-site");
  });

  test("sites: co-located practices in different networks are named, once per shared site", () => {
    assert.equal(net("U00001").sites, 3);
    assert.equal(ev.totals.sites, 7);
    const split = breaches("sites.co-located-split");
    assert.deepEqual(
      split.map((b) => [b.network, b.practices]),
      [["U00001", ["T00002", "T00006"]]],
    );
    assert.match(
      split[0]!.message,
      /^T00002 .*\(U00001\) and T00006 .*\(U00004\) share a site, in 2 networks/,
    );
  });

  test("places crossed: the breach names the practices outside the network's main place", () => {
    assert.equal(ev.totals.crossingPlaces, 1);
    assert.deepEqual(net("U00001").places, [
      { code: "P1A", practices: 2, patients: 22_000 },
      { code: "P1B", practices: 1, patients: 9_000 },
    ]);
    assert.deepEqual(
      breaches("boundary.crosses-place").map((b) => [b.network, b.practices, b.figure]),
      [["U00001", ["T00002"], 2]],
    );
  });

  test("deprivation mix from practice deciles (quintile = ⌈decile / 2⌉)", () => {
    const d = net("U00001").deprivation;
    assert.deepEqual(
      { basis: d.basis, quintilePatients: d.quintilePatients, unknownPatients: d.unknownPatients },
      { basis: "practice", quintilePatients: [22_000, 9_000, 0, 0, 0], unknownPatients: 0 },
    );
    assert.match(d.description, /^each practice's whole list at its practice IMD decile/);
    assert.deepEqual(net("U00002").deprivation.quintilePatients, [0, 0, 0, 0, 20_000]);
    assert.equal(net("U00002").deprivation.unknownPatients, 15_000);
  });

  test("labels default to N1, N2, … and a bad assignment is refused", () => {
    const plain = evaluate(instance, adjacency, assignment, rules);
    assert.equal(plain.networks[0]!.code, "N1");
    assert.throws(() => evaluate(instance, adjacency, new Int32Array(3), rules), /3 practices; test has 8/);
    assert.throws(
      () => evaluate(instance, adjacency, Int32Array.from([0, 0, 0, 1, 2, 1, 3, -1]), rules),
      /practices without a network: T00007/,
    );
    assert.equal(currentLabels(instance).length, 5);
  });
});

describe("cohesion at LSOA level", () => {
  // p0 at 0°, p1 at 0.02° east, one network. LSOA A at 0.005° (p0: 100), LSOA B at 0.03° (p0: 50, p1: 50).
  // Network patients: A 100, B 100 → centre 0.0175°. Nearest site: A → p0 0.005°, B → p1 0.01°: mean 0.0075°.
  // To the centre: A 0.0125°, B 0.0125°: mean 0.0125°.
  const instance = makeInstance(
    [
      { lat: 0, lon: 0, list: 150, pcn: 0 },
      { lat: 0, lon: 0.02, list: 50, pcn: 0 },
    ],
    {
      catchments: {
        lsoas: [
          { lat: 0, lon: 0.005, imd: 1 },
          { lat: 0, lon: 0.03, imd: 10 },
        ],
        rows: [
          [0, 0, 100],
          [0, 1, 50],
          [1, 1, 50],
        ],
      },
    },
  );
  const adjacency = adjacencyOf(2, [[0, 1]]);
  const { assignment, labels } = currentMap(instance);
  const ev = evaluate(instance, adjacency, assignment, rules, labels);

  test("patient-weighted distance to the nearest site and to the population centre, by hand", () => {
    const c = ev.networks[0]!.cohesion;
    assert.equal(c.basis, "lsoa");
    close(c.patients, 200);
    close(c.centre!.lon, 0.0175, 1e-12);
    close(c.nearestSiteKm, 0.0075 * KM_PER_DEGREE);
    close(c.centreKm, 0.0125 * KM_PER_DEGREE);
    assert.equal(ev.totals.cohesion.basis, "lsoa");
    close(ev.totals.cohesion.nearestSiteKm, 0.0075 * KM_PER_DEGREE);
  });

  test("deprivation mix by the LSOA where patients live", () => {
    const d = ev.networks[0]!.deprivation;
    assert.deepEqual(
      { basis: d.basis, quintilePatients: d.quintilePatients, unknownPatients: d.unknownPatients },
      { basis: "lsoa", quintilePatients: [100, 0, 0, 0, 100], unknownPatients: 0 },
    );
    assert.equal(d.practicesByResidence, d.practices);
    assert.deepEqual(ev.totals.deprivation.quintilePatients, [100, 0, 0, 0, 100]);
  });

  test("a practice far from its network's patient centre is named", () => {
    // Two practices 0.45° apart (50 km), equal lists: each is 25 km from the centre.
    const far = makeInstance([
      { lat: 0, lon: 0, list: 20_000, pcn: 0 },
      { lat: 0, lon: 0.45, list: 20_000, pcn: 0 },
    ]);
    const e = evaluate(far, adjacencyOf(2, [[0, 1]]), currentMap(far).assignment, rules, currentLabels(far));
    const [b] = e.breaches.filter((x) => x.rule === "cohesion.far-practice");
    assert.deepEqual(b!.practices, ["T00000", "T00001"]);
    close(b!.figure, 0.225 * KM_PER_DEGREE);
    assert.match(
      b!.message,
      /T00000 Practice T00000 is 25\.0 km, T00001 Practice T00001 is 25\.0 km from the network's patient centre/,
    );
  });
});
