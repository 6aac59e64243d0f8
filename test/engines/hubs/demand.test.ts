// Demand for hubs, by hand: need shares per specialty, LSOA demand from catchments with practices not covered
// at their site, the merge of small points with its error bound, and the CLI's readings of k and distances.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseKm, parseKs } from "../../../src/cli/commands/hubs.ts";
import { weightedDistance } from "../../../src/engines/hubs/access.ts";
import {
  aggregateSmallPoints,
  buildDemand,
  needShares,
  parseSpecialty,
  type PracticeNeedInput,
} from "../../../src/engines/hubs/demand.ts";
import { hubProblem } from "../../../src/engines/hubs/problem.ts";

const bands = (young: number, old: number) => ({
  male: [...new Array(13).fill(young / 26), ...new Array(5).fill(old / 10)],
  female: [...new Array(13).fill(young / 26), ...new Array(5).fill(old / 10)],
});

const practices: PracticeNeedInput[] = [
  {
    code: "P1",
    listSize: 1000,
    lat: 52,
    lon: -2,
    imdDecile: 1,
    ageBands: bands(800, 200),
    diabetes: { register: 70, list: 1000 },
  },
  {
    code: "P2",
    listSize: 3000,
    lat: 52.1,
    lon: -2,
    imdDecile: 10,
    ageBands: bands(2100, 900),
    diabetes: null,
  },
  {
    code: "P3",
    listSize: 500,
    lat: 52.2,
    lon: -2.1,
    imdDecile: 4,
    ageBands: null,
    diabetes: { register: 50, list: 500 },
  },
];

describe("need shares", () => {
  test("65+ from age bands; diabetes register ÷ QOF list; a practice without data takes the area mean", () => {
    const e = needShares("care-of-the-elderly", practices);
    assert.ok(Math.abs(e.share[0]! - 0.2) < 1e-12 && Math.abs(e.share[1]! - 0.3) < 1e-12);
    // mean over P1, P2 by list: (200 + 900) / 4000
    assert.ok(Math.abs(e.meanShare - 0.275) < 1e-12);
    assert.equal(e.share[2], e.meanShare);
    assert.deepEqual(e.defaulted, ["P3"]);
    const d = needShares("diabetes", practices);
    assert.deepEqual([d.share[0], d.share[2]], [0.07, 0.1]);
    assert.ok(Math.abs(d.share[1]! - 120 / 1500) < 1e-12);
    assert.deepEqual([...needShares("dermatology", practices).share], [1, 1, 1]);
    const c = needShares(
      "custom",
      practices.map((p, i) => ({ ...p, weight: i === 0 ? 2 : null })),
    );
    assert.deepEqual([...c.share], [2, 1, 1]);
    assert.throws(
      () =>
        needShares(
          "diabetes",
          practices.map((p) => ({ ...p, diabetes: null })),
        ),
      /no practice of the area has the data for people on the QOF diabetes register/,
    );
  });

  test("specialty names", () => {
    assert.equal(parseSpecialty("Care of the elderly"), "care-of-the-elderly");
    assert.equal(parseSpecialty("elderly"), "care-of-the-elderly");
    assert.equal(parseSpecialty("DIABETES"), "diabetes");
    assert.throws(
      () => parseSpecialty("cardiology"),
      /--specialty must be care-of-the-elderly, diabetes, dermatology or custom/,
    );
  });
});

describe("demand points", () => {
  test("LSOAs of covered practices sum patients × share; an uncovered practice is at its site", () => {
    const catchments = {
      practiceCodes: ["P1", "P2"],
      catchments: {
        lsoaCodes: ["E01000001", "E01000002", "E01000003"],
        lsoaLat: Float64Array.from([52, 52.05, Number.NaN]),
        lsoaLon: Float64Array.from([-2, -2, -2]),
        lsoaImdDecile: Int8Array.from([1, 7, 3]),
        offsets: Int32Array.from([0, 2, 4]),
        lsoa: Int32Array.from([0, 1, 1, 2]),
        patients: Float64Array.from([600, 400, 2990, 10]),
      },
    };
    const share = Float64Array.from([0.2, 0.3, 0.5]);
    const b = buildDemand(practices, share, catchments);
    assert.deepEqual(b.demand.codes, ["E01000001", "E01000002", "P3"]);
    assert.deepEqual([...b.demand.weight], [600 * 0.2, 400 * 0.2 + 2990 * 0.3, 500 * 0.5]);
    assert.deepEqual([...b.demand.quintile], [1, 4, 2]);
    assert.deepEqual([b.lsoaPoints, b.sitePoints, b.practicesAtSite], [2, 1, ["P3"]]);
    assert.deepEqual([b.patients, b.patientsLeftOut, b.lsoasWithoutCentroid], [4490, 10, 1]);
  });

  test("small points merge into the nearest larger one; the objective moves by at most the bound", () => {
    const demand = {
      codes: ["A", "B", "C", "D"],
      lat: Float64Array.from([52, 52.01, 52.3, 52.31]),
      lon: Float64Array.from([-2, -2, -2, -2]),
      weight: Float64Array.from([100, 3, 200, 5]),
      quintile: Int8Array.from([1, 2, 3, 4]),
    };
    const a = aggregateSmallPoints(demand, Float64Array.from([100, 3, 200, 5]), 20);
    assert.deepEqual(a.demand.codes, ["A", "C"]);
    assert.deepEqual([...a.demand.weight], [103, 205]);
    assert.equal(a.merged, 2);
    const sites = [
      { code: "S1", name: "S1", lat: 52.1, lon: -2.05 },
      { code: "S2", name: "S2", lat: 52.4, lon: -1.9 },
    ];
    const full = hubProblem(demand, sites);
    const merged = hubProblem(a.demand, sites);
    for (const open of [[0], [1], [0, 1]])
      assert.ok(
        Math.abs(weightedDistance(full, open) - weightedDistance(merged, open)) <= a.errorBound + 1e-9,
      );
    assert.equal(aggregateSmallPoints(demand, Float64Array.from([100, 3, 200, 5]), 0).merged, 0);
  });
});

describe("the CLI's readings", () => {
  test("k, k ranges and distances", () => {
    assert.deepEqual(parseKs(undefined, "1..6"), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(parseKs("4", undefined), [4]);
    assert.deepEqual(parseKs(undefined, undefined), [3]);
    assert.throws(() => parseKs("0", undefined), /-k must be a whole number of at least 1; found '0'/);
    assert.throws(() => parseKs(undefined, "6..1"), /--k-range must be a range such as 1..6; found '6..1'/);
    assert.throws(() => parseKs("2", "1..3"), /give -k or --k-range, not both/);
    assert.deepEqual([parseKm("5km"), parseKm("2.5 km"), parseKm("10")], [5, 2.5, 10]);
    assert.throws(() => parseKm("five"), /--within must be a distance such as 5km; found 'five'/);
  });
});
