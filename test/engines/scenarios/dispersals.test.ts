// The dispersal backtest engine on a hand-made window whose answers can be checked by hand: a merger (the
// list reappears at one receiver), a receiver taking two lists, a true dispersal, a successor and a small
// closure; the median background; the model, no-gain and 5 km baseline errors; the fit; the receiver rows.
// And the sector/district centroids for postcodes missing from the coordinates file.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  dispersalBacktest,
  dispersalWindow,
  fitDispersal,
  receiverRows,
  type SitedSnapshot,
} from "../../../src/engines/scenarios/backtest/dispersals.ts";
import { approximateSites, postcodeParts } from "../../../src/model/postcode-centroid.ts";
import { KM_PER_DEGREE } from "./scenario-kit.ts";

const deg = (km: number) => km / KM_PER_DEGREE;
type Row = [code: string, patients: number, km: number];
const snapshot = (date: string, rows: Row[]): SitedSnapshot => ({
  date,
  period: date,
  codes: rows.map((r) => r[0]),
  patients: rows.map((r) => r[1]),
  area: rows.map(() => "X"),
  lat: rows.map(() => 0),
  lon: rows.map((r) => deg(r[2])),
});

// Background growth 10% (the median practice). M (2,000) merges into P1; M1 (3,000) and M2 (2,000) both
// merge into P2; D (3,000) disperses: E1 +600, E2 +300, E3 +0 net; S re-registers as N at its site; T (100)
// is small. Q1–Q5 are quiet practices far from every closure.
const quiet: Row[] = [1, 2, 3, 4, 5].map((i) => [`Q${i}`, 5000, 600 + 30 * i]);
const A = snapshot("2021-01-01", [
  ["M", 2000, 0],
  ["P1", 10_000, 2],
  ["M1", 3000, 50],
  ["M2", 2000, 51],
  ["P2", 20_000, 52],
  ["D", 3000, 100],
  ["E1", 5000, 100.5],
  ["E2", 5000, 102],
  ["E3", 5000, 104],
  ["S", 1000, 200],
  ["T", 100, 300],
  ["U", 4000, 301],
  ...quiet,
]);
const B = snapshot("2022-05-01", [
  ["P1", 12_000 * 1.1, 2],
  ["P2", 25_000 * 1.1, 52],
  ["E1", 5600 * 1.1, 100.5],
  ["E2", 5300 * 1.1, 102],
  ["E3", 5000 * 1.1, 104],
  ["N", 1000 * 1.1, 200.1],
  ["U", 4000 * 1.1, 301],
  ...quiet.map(([c, n, km]): Row => [c, n * 1.1, km]),
]);

describe("dispersal backtest engine", () => {
  const w = dispersalWindow(A, B);
  const cls = Object.fromEntries(w.closures.map((c) => [c.code, [c.class, c.partner]]));

  test("classes closures: mergers (one receiver, or two lists into one), a dispersal, a successor, a small one", () => {
    assert.deepEqual(cls, {
      M: ["merger", "P1"],
      M1: ["merger", "P2"],
      M2: ["merger", "P2"],
      D: ["dispersal", null],
      S: ["successor", "N"],
      T: ["small", null],
    });
    const p2 = w.receivers.find((r) => r.code === "P2")!;
    assert.ok(Math.abs(p2.gain - 5000) < 1e-6 && Math.abs(p2.residual) < 1e-6, JSON.stringify(p2));
    assert.deepEqual(p2.mergedFrom, ["M1", "M2"]);
    // Scored: the receivers within 10 km of D, none of them a merger receiver.
    assert.deepEqual(
      w.neighbourhood.map((i) => w.receivers[i]!.code),
      ["E1", "E2", "E3"],
    );
    assert.equal(w.noise, 0);
  });

  test("net gains are over the median growth; errors of the model, no gain and the 5 km baseline", () => {
    const gains = w.neighbourhood.map((i) => Math.round(w.receivers[i]!.residual));
    assert.deepEqual(gains, [600, 300, 0]);
    const r = dispersalBacktest([A, B], { grid: { share: [0.3, 1], decay: [0], exponent: [0] } });
    const s = r.windows[0]!;
    assert.deepEqual(s.counts, {
      closures: 6,
      dispersal: 1,
      merger: 3,
      successor: 1,
      small: 1,
      "no-site": 0,
    });
    // One window: fitted in sample (it overlaps every other window), k = 0.3 → 300 at each of E1–E3.
    assert.deepEqual(s.fittedOn, [s.label]);
    assert.deepEqual(s.params, { share: 0.3, decayPerKm: 0, sizeExponent: 0 });
    assert.ok(Math.abs(s.mae.model - 200) < 1e-9, `model ${s.mae.model}`); // (300 + 0 + 300) / 3
    assert.ok(Math.abs(s.mae.noGain - 300) < 1e-9, `no gain ${s.mae.noGain}`); // (600 + 300 + 0) / 3
    assert.ok(Math.abs(s.mae.baseline - 700) < 1e-9, `baseline ${s.mae.baseline}`); // 1,000 each
    assert.deepEqual(s.beats, { noGain: true, baseline: true });
    assert.equal(s.cases.length, 1);
    assert.equal(s.cases[0]!.code, "D");
    assert.equal(Math.round(s.cases[0]!.observedWithin), 900);
  });

  test("a later list without areas (the July 2026 totals) takes each practice's earlier area", () => {
    // Area X grows 10%, area Y 50%: with the earlier areas every net gain is 0 (one national median, 30%,
    // would give ∓200).
    const rows: Row[] = [
      ["X1", 1000, 0],
      ["X2", 1000, 1],
      ["Y1", 1000, 500],
      ["Y2", 1000, 501],
    ];
    const a = { ...snapshot("2021-01-01", rows), area: ["X", "X", "Y", "Y"] };
    const b = {
      ...snapshot(
        "2022-05-01",
        rows.map(([c, n, km]): Row => [c, n * (c[0] === "X" ? 1.1 : 1.5), km]),
      ),
      area: ["", "", "", ""],
    };
    const v = dispersalWindow(a, b);
    assert.deepEqual(
      v.receivers.map((r) => Math.round(r.gain) + 0),
      [0, 0, 0, 0],
    );
  });

  test("the fit takes the least error; decay sends the share to the nearest", () => {
    const fit = fitDispersal([w], { share: [0.2, 0.3], decay: [0, 5], exponent: [0] });
    // β = 5: almost all of k × 3,000 at E1 (0.5 km). k = 0.2: |600 − 600| + 300 + 0 ≈ 300 / 3.
    assert.deepEqual(fit.params, { share: 0.2, decayPerKm: 5, sizeExponent: 0 });
    assert.ok(Math.abs(fit.error.mae - 100) < 1, `${fit.error.mae}`);
  });

  test("receiver rows: per closure × receiver within the limit; predictions sum to k × list", () => {
    const rows = receiverRows(w, { share: 0.3, decayPerKm: 0, sizeExponent: 0 });
    const d = rows.filter((r) => r.closed === "D");
    assert.deepEqual(
      d.map((r) => [r.receiver, r.rank, Math.round(r.predicted), Math.round(r.predictedBaseline), r.scored]),
      [
        ["E1", 1, 300, 1000, true],
        ["E2", 2, 300, 1000, true],
        ["E3", 3, 300, 1000, true],
      ],
    );
    const m = rows.filter((r) => r.closed === "M");
    assert.deepEqual(
      m.map((r) => [r.receiver, r.mergerPartner, Math.round(r.observedGain), Math.round(r.observedResidual)]),
      [["P1", true, 2000, 0]],
    );
    assert.deepEqual(
      rows.filter((r) => r.closed === "M1").map((r) => [r.receiver, r.closuresInRange]),
      [["P2", 2]],
    );
  });
});

describe("approximate sites for postcodes missing from the coordinates file", () => {
  const known: [string, { lat: number; lon: number }][] = [
    ["PO6 3AB", { lat: 1, lon: 1 }],
    ["po63cd", { lat: 3, lon: 3 }],
    ["PO6 4EF", { lat: 10, lon: 10 }],
  ];

  test("sector centroid, else district, flagged with its basis; known and malformed postcodes left out", () => {
    const got = approximateSites(["PO6 3AW", "PO6 9ZZ", "ZZ1 1AA", "PO6 3AB", "not a postcode"], known);
    assert.deepEqual([...got.keys()], ["PO63AW", "PO69ZZ"]);
    assert.deepEqual(got.get("PO63AW"), { lat: 2, lon: 2, basis: "sector", area: "PO6 3", from: 2 });
    assert.deepEqual(got.get("PO69ZZ"), {
      lat: 14 / 3,
      lon: 14 / 3,
      basis: "district",
      area: "PO6",
      from: 3,
    });
  });

  test("postcode parts", () => {
    assert.deepEqual(postcodeParts("ec1a 1bb"), { district: "EC1A", sector: "EC1A 1" });
    assert.deepEqual(postcodeParts("M1 1AE"), { district: "M1", sector: "M1 1" });
    assert.equal(postcodeParts("PO6"), null);
  });
});
