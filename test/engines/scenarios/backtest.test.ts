// The backtest engine on a hand-made history whose answers can be checked by hand: closures found between
// snapshots, a successor and a practice without a site left out, background growth by area, observed gains
// net of it, scores of both models, the isolated-closure classes and the map closure counts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { backtest } from "../../../src/engines/scenarios/backtest/backtest.ts";
import {
  buildInterval,
  mapClosures,
  type ListSnapshot,
} from "../../../src/engines/scenarios/backtest/interval.ts";
import { intervalProblem, predict } from "../../../src/engines/scenarios/backtest/problem.ts";
import { scoreFlows } from "../../../src/engines/scenarios/backtest/score.ts";
import { ScenarioRequestError } from "../../../src/engines/scenarios/errors.ts";
import { KM_PER_DEGREE } from "./scenario-kit.ts";

const deg = (km: number) => km / KM_PER_DEGREE;
type Row = [code: string, patients: number, area: string, km: number | null];
function snapshot(date: string, rows: Row[]): ListSnapshot {
  return {
    date,
    period: date,
    codes: rows.map((r) => r[0]),
    patients: rows.map((r) => r[1]),
    area: rows.map((r) => r[2]),
    lat: rows.map((r) => (r[3] === null ? Number.NaN : 0)),
    lon: rows.map((r) => (r[3] === null ? Number.NaN : deg(r[3]))),
  };
}

// Area X: C (1,000) closes at km 0; R1 at 1 km takes it all; R2 at 3 km is unchanged but for growth.
// S closes at km 50 and a new practice N opens 0.1 km from it (a successor). Q closes with no site.
// Area Y (far east) grows 10%.
const A = snapshot("2021-01-01", [
  ["C", 1000, "X", 0],
  ["Q", 500, "X", null],
  ["R1", 4000, "X", 1],
  ["R2", 5000, "X", 3],
  ["S", 2000, "X", 50],
  ["T", 10_000, "X", 80],
  ["Y1", 10_000, "Y", 400],
]);
const B = snapshot("2022-05-01", [
  ["N", 2000, "X", 50.1],
  ["R1", 5100, "X", 1],
  ["R2", 5100, "X", 3],
  ["T", 10_200, "X", 80],
  ["Y1", 11_000, "Y", 400],
]);

describe("backtest interval", () => {
  const it = buildInterval(A, B);
  test("closures, exclusions and new practices", () => {
    assert.deepEqual(
      it.closures.map((c) => [c.code, c.excluded, c.successor]),
      [
        ["C", null, null],
        ["Q", "no-site", null],
        ["S", "successor", "N"],
      ],
    );
    assert.deepEqual(it.newPractices, ["N"]);
  });

  test("background growth is the area's total growth, closures included; observed gains are net of it", () => {
    // X: A = 1,000 + 500 + 4,000 + 5,000 + 2,000 + 10,000 = 22,500; B = 2,000 + 5,100 + 5,100 + 10,200 = 22,400.
    const gX = 22_400 / 22_500;
    assert.ok(Math.abs(it.areaGrowth.get("X")! - gX) < 1e-12);
    assert.ok(Math.abs(it.areaGrowth.get("Y")! - 1.1) < 1e-12);
    const obs = Object.fromEntries(it.continuing.map(({ a }, k) => [A.codes[a], it.observed[k]!]));
    assert.ok(Math.abs(obs.R1! - (5100 / gX - 4000)) < 1e-9);
    assert.ok(Math.abs(obs.Y1! - 0) < 1e-9);
    // X's observed gains sum to its closed lists less the new practice's list ÷ g.
    const sumX = obs.R1! + obs.R2! + obs.T!;
    assert.ok(Math.abs(sumX - (1000 + 500 + 2000 - 2000 / gX)) < 1e-6);
  });

  test("nearest with no cap sends C's 1,000 to R1; scores follow", () => {
    const ip = intervalProblem(it, { maxKm: 10, cap: null });
    assert.deepEqual(
      ip.evaluated.map((c) => c.code),
      ["C"],
    );
    const flows = predict(ip, { kind: "nearest" });
    const s = scoreFlows(ip, flows);
    assert.equal(s.neighbourhood, 2); // R1 and R2 within 10 km of C
    const gX = 22_400 / 22_500;
    const oR1 = 5100 / gX - 4000;
    const oR2 = 5100 / gX - 5000;
    assert.ok(Math.abs(s.mae - (Math.abs(1000 - oR1) + Math.abs(0 - oR2)) / 2) < 1e-9);
    assert.ok(Math.abs(s.maeZero - (Math.abs(oR1) + Math.abs(oR2)) / 2) < 1e-9);
    assert.ok(Math.abs(s.located - Math.min(1000, oR1) / 1000) < 1e-12);
  });

  test("a per-GP-FTE cap is refused: there is no workforce for past snapshots", () => {
    assert.throws(
      () => intervalProblem(it, { maxKm: 10, cap: { kind: "per-gp-fte", patients: 2000 } }),
      (e: Error) => e instanceof ScenarioRequestError && /no GP FTE for past list snapshots/.test(e.message),
    );
  });
});

describe("backtest", () => {
  test("end to end on the hand-made history: counts, classes, hits and the map closures", () => {
    const maps = [
      { date: "2020-09-01", period: "Sep 2020", codes: ["C", "Q", "R1", "R2", "S", "T", "Y1"] },
      { date: "2022-01-01", period: "Jan 2022", codes: ["N", "R1", "R2", "T", "Y1"] },
      { date: "2023-01-01", period: "Jan 2023", codes: ["N", "R1", "T", "Y1"] },
    ];
    const r = backtest(
      { lists: [B, A], maps },
      { maxKm: 10, cap: null, grid: { decay: [0, 1], exponent: [1] } },
    );
    const i = r.intervals[0]!;
    assert.equal(r.intervals.length, 1);
    assert.deepEqual(
      [i.closures, i.closedPatients, i.evaluated, i.evaluatedPatients, i.months],
      [3, 3500, 1, 1000, 16],
    );
    assert.deepEqual(i.excluded, { noSite: ["Q"], successor: [{ closed: "S", successor: "N" }] });
    assert.deepEqual(i.isolated, { total: 1, merger: 1, dispersed: 0, "not-traced": 0 });
    assert.equal(i.mergersToNearest, 1);
    const nearest = r.models.find((m) => m.id === "nearest")!;
    assert.deepEqual([nearest.closures.all.top1, nearest.closures.all.top3], [1, 1]);
    assert.equal(r.fit.grid.length, 2);
    assert.deepEqual(r.fit.best, { decayPerKm: 1, attractivenessExponent: 1 }); // the decay brings R1 closer to 1,000
    assert.deepEqual(
      mapClosures(maps).map((m) => m.closed),
      [["C", "Q", "S"], ["R2"]],
    );
    assert.deepEqual(r.untested, [{ from: "2022-05-01", to: "2023-01-01", closed: 1 }]);
    const row = r.closures.find((c) => c.code === "C")!;
    assert.deepEqual([row.status, row.isolated, row.class, row.topRank], ["evaluated", true, "merger", 0]);
    assert.deepEqual(row.hits.nearest, { top1: true, top3: true });
  });

  test("a distance limit of zero is refused", () => {
    assert.throws(
      () => backtest({ lists: [A, B], maps: [] }, { maxKm: 0 }),
      /the distance limit must be a number of km above 0/,
    );
  });
});
