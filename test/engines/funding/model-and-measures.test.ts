// The weighted-population model on data with a known answer, the features it builds, the concentration
// index (known values and sign convention) and payment trends.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { concentrationIndex } from "../../../src/engines/funding/concentration.ts";
import { imdScore, observation } from "../../../src/engines/funding/features.ts";
import { paymentSeries, trendOf } from "../../../src/engines/funding/history.ts";
import { choleskySolve, fitRidge } from "../../../src/engines/funding/ridge.ts";
import {
  fitWeightedModel,
  predictRatio,
  type ModelObservation,
} from "../../../src/engines/funding/weighted-model.ts";
import { mergedEstimate, resolveWeighted } from "../../../src/engines/funding/weighted-population.ts";
import { sfc32Uniform } from "../../../src/model/random.ts";

describe("ridge regression", () => {
  test("Cholesky solves a known system", () => {
    const x = choleskySolve(
      [
        [4, 2],
        [2, 3],
      ],
      [2, 1],
    );
    assert.ok(Math.abs(x[0]! - 0.5) < 1e-12 && Math.abs(x[1]!) < 1e-12);
  });
  test("recovers exact coefficients with no penalty", () => {
    const rnd = sfc32Uniform(7);
    const rows = Array.from({ length: 50 }, () => [rnd(), rnd()]);
    const y = rows.map((r) => 3 + 2 * r[0]! - 1 * r[1]!);
    const m = fitRidge(rows, y, 0);
    assert.ok(Math.abs(m.beta[0]! / m.sds[0]! - 2) < 1e-9);
    assert.ok(Math.abs(m.beta[1]! / m.sds[1]! + 1) < 1e-9);
  });
});

function syntheticYear(seed: number, n = 400): ModelObservation[] {
  // ratio = exp(0.02 × (score/10) − 0.05 × rural + area effect), known exactly.
  const rnd = sfc32Uniform(seed);
  return Array.from({ length: n }, (_, i) => {
    const score = 5 + 50 * rnd();
    const rural = rnd() < 0.3 ? 1 : 0;
    const area = rnd() < 0.5 ? "NORTH" : "SOUTH";
    const registered = 2000 + Math.floor(15000 * rnd());
    const ratio = Math.exp(0.02 * (score / 10) - 0.05 * rural + (area === "NORTH" ? 0.03 : 0));
    return {
      code: `P${i}`,
      registered,
      weighted: registered * ratio,
      numeric: { "imd score": score / 10, rural },
      area,
    };
  });
}

describe("weighted-population model", () => {
  test("fits a known relationship exactly and scores R² = 1 on another year", () => {
    const model = fitWeightedModel(syntheticYear(1), "2020-21", { lambda: 0 });
    assert.deepEqual(model.features, ["imd score", "rural"]);
    assert.deepEqual(model.areaLevels, ["NORTH", "SOUTH"]);
    const other = syntheticYear(2);
    for (const r of other.slice(0, 20))
      assert.ok(Math.abs(predictRatio(model, r) - r.weighted! / r.registered) < 1e-9);
  });

  test("a feature few practices have is dropped; missing values get the mean and an indicator", () => {
    const rows = syntheticYear(3).map((r, i) => ({
      ...r,
      numeric: { ...r.numeric, rare: i < 10 ? 1 : null, rural: i % 10 === 0 ? null : r.numeric.rural! },
    }));
    const model = fitWeightedModel(rows, "2021-22");
    assert.ok(!model.features.includes("rare"));
    assert.deepEqual(model.indicators, ["rural"]);
  });

  test("resolveWeighted: own published ratio × today's list, else the model on the features the practice has", () => {
    const training = syntheticYear(4);
    const r = resolveWeighted(
      [
        {
          code: "OWN",
          listSize: 10_000,
          official: { fiscalYear: "2021-22", registered: 8_000, weighted: 8_800 },
          inputs: () => inputs("OWN"),
        },
        {
          code: "NEW",
          listSize: 5_000,
          official: null,
          inputs: () => ({ ...inputs("NEW"), deprivation: { decile: 1, score: 40 } }),
        },
        { code: "NOLIST", listSize: 0, official: null, inputs: () => inputs("NOLIST") },
      ],
      () => training,
      "2021-22",
    );
    assert.deepEqual(r.estimates.get("OWN"), {
      weighted: 11_000,
      ratio: 1.1,
      basis: "official-ratio",
      fiscalYear: "2021-22",
    });
    const est = r.estimates.get("NEW")!;
    assert.equal(est.basis, "model");
    assert.deepEqual(r.modelled[0]!.features, ["imd score"]);
    assert.ok(!r.estimates.has("NOLIST"));
  });

  test("a merged practice takes the list-weighted ratio of its parts", () => {
    const m = mergedEstimate(
      [
        { weighted: 11_000, ratio: 1.1, basis: "official-ratio" },
        { weighted: 9_000, ratio: 0.9, basis: "official-ratio" },
      ],
      20_000,
    )!;
    assert.equal(m.basis, "merged");
    assert.ok(Math.abs(m.weighted - 20_000) < 1e-9 && Math.abs(m.ratio - 1) < 1e-12);
  });

  test("features: IMD score, else the mean score of the decile; rurality and dispensing flags; list growth clipped", () => {
    assert.equal(imdScore({ decile: 1, score: null }), 47.16);
    assert.equal(imdScore({ decile: 10, score: 3.2 }), 3.2);
    const o = observation({
      ...inputs("P"),
      rurality: "Rural",
      dispensing: "Yes",
      previousRegistered: 5_000,
      registered: 10_000,
    });
    assert.equal(o.numeric["rural"], 1);
    assert.equal(o.numeric["dispensing"], 1);
    assert.equal(o.numeric["list growth"], 0.3);
  });
});

function inputs(code: string) {
  return {
    code,
    registered: 0,
    weighted: null,
    previousRegistered: null,
    rurality: null,
    dispensing: null,
    deprivation: null,
    area: "NORTH",
  };
}

describe("concentration index", () => {
  test("known value: two equal groups, the more deprived with twice the per-head amount", () => {
    // R = 0.25 (deprived, y = 2) and 0.75 (y = 1); μ = 1.5; C = (2/1.5)(0.5 × 0.5 × −0.25 + 0.5 × −0.5 × 0.25) = −1/6.
    const c = concentrationIndex([
      { weight: 100, value: 2, deprivation: 40 },
      { weight: 100, value: 1, deprivation: 10 },
    ])!;
    assert.ok(Math.abs(c + 1 / 6) < 1e-12, String(c));
  });
  test("sign: positive when the less deprived get more; zero when equal per head; ties share a rank", () => {
    assert.ok(
      concentrationIndex([
        { weight: 1, value: 1, deprivation: 40 },
        { weight: 1, value: 2, deprivation: 10 },
      ])! > 0,
    );
    assert.equal(
      concentrationIndex([
        { weight: 3, value: 5, deprivation: 40 },
        { weight: 1, value: 5, deprivation: 10 },
      ]),
      0,
    );
    assert.equal(
      concentrationIndex([
        { weight: 1, value: 1, deprivation: 20 },
        { weight: 1, value: 3, deprivation: 20 },
      ]),
      0,
    );
  });
});

describe("payment series and trends", () => {
  const years = [
    {
      fiscalYear: "2019-20",
      records: [{ practiceCode: "A", registered: 100, weighted: 100, total: 10_000, globalSum: 0 }],
    },
    {
      fiscalYear: "2021-22",
      records: [
        { practiceCode: "A", registered: 100, weighted: 110, total: 12_100, globalSum: 0 },
        { practiceCode: "B", registered: 0, weighted: null, total: 500, globalSum: 0 },
      ],
    },
  ];
  test("per registered and weighted patient; a practice with no list counts but adds no money", () => {
    const [s] = paymentSeries(years, () => "all");
    assert.equal(s!.points[1]!.practices, 2);
    assert.equal(s!.points[1]!.perRegistered, 121);
    assert.equal(s!.points[1]!.perWeighted, 110);
  });
  test("compound growth and least-squares slope", () => {
    const t = trendOf(paymentSeries(years, () => "all")[0]!.points)!;
    assert.ok(Math.abs(t.annualGrowth! - 0.1) < 1e-12);
    assert.ok(Math.abs(t.slopePerYear! - 10.5) < 1e-12);
    assert.equal(t.change, 21);
  });
});
