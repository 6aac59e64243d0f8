// The closure engine on hand-made practices whose answers can be checked by hand: nearest-with-capacity
// fills the nearest practice first, the cap and the distance limit bind, patients not placed are counted
// by reason, PCN bands and ARRS follow the lists, and bad requests are named.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { arrsEntitlement } from "../../../src/config/arrs.ts";
import { closePractices } from "../../../src/engines/scenarios/closure.ts";
import { ScenarioRequestError } from "../../../src/engines/scenarios/errors.ts";
import type { Catchments } from "../../../src/engines/networks/instance.ts";
import { KM_PER_DEGREE, practice, RULES } from "./scenario-kit.ts";

// C closes (1,000 patients at km 0). A at 1 km (2,000), B at 2 km (3,000), D at 20 km (5,000).
const line = () => [
  practice({ code: "C00001", km: 0, list: 1000, pcn: "U00001", weighted: 1200 }),
  practice({ code: "A00001", km: 1, list: 2000, pcn: "U00001", gpFte: 2, weighted: 2000 }),
  practice({ code: "B00001", km: 2, list: 3000, pcn: "U00002", gpFte: 1.5, weighted: 2700 }),
  practice({ code: "D00001", km: 20, list: 5000, pcn: "U00002", gpFte: 4, weighted: 5000 }),
];
const input = (practices = line(), catchments: Catchments | null = null) => ({
  date: "2026-01-01",
  practices,
  rules: RULES,
  catchments: catchments ? { practiceCodes: ["C00001"], catchments } : null,
});
const gains = (r: ReturnType<typeof closePractices>) =>
  Object.fromEntries(r.receivers.map((x) => [x.code, x.gain]));

describe("closure: nearest with capacity", () => {
  test("growth:20% — A takes 400 (its cap), B the other 600; all placed; D is out of range", () => {
    const r = closePractices(input(), ["C00001"], {
      model: "nearest",
      maxKm: 10,
      cap: { kind: "growth-percent", percent: 20 },
    });
    assert.deepEqual(gains(r), { A00001: 400, B00001: 600 });
    assert.equal(r.totals.placed, 1000);
    assert.equal(r.notPlaced.total, 0);
    assert.equal(r.totals.patientsBefore, 11_000);
    assert.equal(r.totals.patientsAfter, 11_000);
    assert.equal(r.totals.practicesInRange, 2);
    assert.ok(Math.abs(r.totals.meanKm! - (400 * 1 + 600 * 2) / 1000) < 1e-6);
    assert.deepEqual(r.closed[0]!.receivers, [
      { code: "B00001", patients: 600 },
      { code: "A00001", patients: 400 },
    ]);
  });

  test("growth:10% — 200 + 300 placed; 500 not placed because every practice in range is full", () => {
    const r = closePractices(input(), ["C00001"], {
      model: "nearest",
      maxKm: 10,
      cap: { kind: "growth-percent", percent: 10 },
    });
    assert.deepEqual(gains(r), { A00001: 200, B00001: 300 });
    assert.deepEqual(r.notPlaced, { total: 500, noPracticeInRange: 0, allFull: 500, noLocation: 0 });
    assert.equal(r.totals.patientsBefore, r.totals.patientsAfter + r.notPlaced.total);
  });

  test("a distance limit that places nobody is an outcome, not an error", () => {
    const r = closePractices(input(), ["C00001"], { model: "nearest", maxKm: 0.5 });
    assert.equal(r.totals.placed, 0);
    assert.deepEqual(r.notPlaced, { total: 1000, noPracticeInRange: 1000, allFull: 0, noLocation: 0 });
    assert.match(r.notes.join("\n"), /Nobody was placed: no open practice is within 0.5 km/);
  });

  test("growth:2000 patients and per-gp-fte:1800 caps", () => {
    const fixed = closePractices(input(), ["C00001"], {
      model: "nearest",
      cap: { kind: "growth-patients", patients: 700 },
    });
    assert.deepEqual(gains(fixed), { A00001: 700, B00001: 300 });
    // A: 1,800 × 2 − 2,000 = 1,600 room; B: 1,800 × 1.5 − 3,000 < 0, so none.
    const fte = closePractices(input(), ["C00001"], {
      model: "nearest",
      cap: { kind: "per-gp-fte", patients: 1800 },
    });
    assert.deepEqual(gains(fte), { A00001: 1000 });
    assert.equal(fte.receivers[0]!.patientsPerGpFteAfter, 1500);
  });

  test("per-gp-fte cap: a practice without GP FTE takes no one, and a note says so", () => {
    const practices = line();
    practices[1] = practice({ code: "A00001", km: 1, list: 2000 }); // no workforce
    const r = closePractices(input(practices), ["C00001"], {
      model: "nearest",
      cap: { kind: "per-gp-fte", patients: 3000 },
    });
    assert.deepEqual(gains(r), { B00001: 1000 }); // B: 3,000 × 1.5 − 3,000 = 1,500 room
    assert.match(
      r.notes.join("\n"),
      /1 practice within range has no GP FTE recorded, so the per-GP-FTE cap cannot be judged: it takes no patients/,
    );
  });

  test("PCN effects: U00001 loses C and gains A's 400; ARRS follows the weighted lists", () => {
    const r = closePractices(input(), ["C00001"], {
      model: "nearest",
      cap: { kind: "growth-percent", percent: 20 },
    });
    const u1 = r.pcns.find((p) => p.code === "U00001")!;
    assert.equal(u1.practicesBefore, 2);
    assert.equal(u1.practicesAfter, 1);
    assert.equal(u1.listBefore, 3000);
    assert.equal(u1.listAfter, 2400);
    assert.equal(u1.bandBefore, "under");
    // Movers carry C's weighting: 1,200 / 1,000 = 1.2 per patient.
    assert.ok(Math.abs(u1.weightedAfter! - (2000 + 400 * 1.2)) < 1e-9);
    assert.ok(Math.abs(u1.arrsAfter! - arrsEntitlement(2480, "2025-26")) < 1e-6);
    const u2 = r.pcns.find((p) => p.code === "U00002")!;
    assert.equal(u2.listAfter - u2.listBefore, 600);
    assert.ok(Math.abs(u2.weightedAfter! - (2700 + 5000 + 600 * 1.2)) < 1e-9);
    assert.equal(r.arrsYear, "2025-26");
  });

  test("a PCN pushed across the 30,000 minimum changes band", () => {
    const practices = [
      practice({ code: "C00001", km: 0, list: 3000, pcn: "U00001" }),
      practice({ code: "A00001", km: 1, list: 28_000, pcn: "U00002" }),
      practice({ code: "B00001", km: 1.5, list: 30_500, pcn: "U00001" }),
    ];
    const r = closePractices(input(practices), ["C00001"], {
      model: "nearest",
      cap: { kind: "growth-percent", percent: 20 },
    });
    const u2 = r.pcns.find((p) => p.code === "U00002")!;
    assert.deepEqual([u2.bandBefore, u2.bandAfter, u2.listAfter], ["under", "in", 31_000]);
  });
});

describe("closure: origins by LSOA", () => {
  test("the list is apportioned over the LSOAs by largest remainder; an LSOA without a centroid starts at the site", () => {
    // Two LSOAs: one 3 km west of C (registrations 2), one with no centroid (registrations 1).
    const catchments: Catchments = {
      lsoaCodes: ["E01000001", "E01000002"],
      lsoaLat: Float64Array.from([0, Number.NaN]),
      lsoaLon: Float64Array.from([-3 / KM_PER_DEGREE, Number.NaN]),
      lsoaImdDecile: Int8Array.from([0, 0]),
      offsets: Int32Array.from([0, 2]),
      lsoa: Int32Array.from([0, 1]),
      patients: Float64Array.from([2, 1]),
    };
    const practices = [
      practice({ code: "C00001", km: 0, list: 1000 }),
      practice({ code: "W00001", km: -3.2, list: 10_000 }),
      practice({ code: "A00001", km: 1, list: 10_000 }),
    ];
    const r = closePractices(input(practices, catchments), ["C00001"], { model: "nearest", maxKm: 10 });
    // 1,000 × 2/3 = 666.67 → 667 from the western LSOA (nearest W, 0.2 km); 333 from the site (nearest A).
    assert.deepEqual(gains(r), { W00001: 667, A00001: 333 });
    assert.equal(r.closed[0]!.origins, "lsoa");
    assert.equal(r.closed[0]!.lsoas, 2);
  });
});

describe("closure: patient choice", () => {
  test("decay 0 and attractiveness 1: patients split in proportion to list size, within capacity", () => {
    const r = closePractices(input(), ["C00001"], {
      model: "choice",
      maxKm: 10,
      cap: { kind: "growth-percent", percent: 50 },
      choice: { decayPerKm: 0, attractivenessExponent: 1 },
    });
    assert.deepEqual(gains(r), { A00001: 400, B00001: 600 });
  });

  test("a full practice's overflow chooses again among the others", () => {
    // A (2,000) may take 200 under growth:10%; B (3,000) 300 and nothing else is in range: 500 not placed.
    const r = closePractices(input(), ["C00001"], {
      model: "choice",
      maxKm: 10,
      cap: { kind: "growth-percent", percent: 10 },
      choice: { decayPerKm: 0.5, attractivenessExponent: 1 },
    });
    assert.deepEqual(gains(r), { A00001: 200, B00001: 300 });
    assert.deepEqual(r.notPlaced, { total: 500, noPracticeInRange: 0, allFull: 500, noLocation: 0 });
  });

  test("strong decay sends most patients to the nearest practice", () => {
    const r = closePractices(input(), ["C00001"], {
      model: "choice",
      maxKm: 10,
      cap: { kind: "growth-percent", percent: 100 },
      choice: { decayPerKm: 5, attractivenessExponent: 0 },
    });
    assert.ok(gains(r).A00001! > 990, JSON.stringify(gains(r)));
  });
});

describe("closure: bad requests", () => {
  const run =
    (codes: string[], options = {}) =>
    () =>
      closePractices(input(), codes, options);
  test("unknown codes, a practice closed twice, no practice, bad limits are named", () => {
    assert.throws(
      run(["C00001", "ZZZ999"]),
      (e: Error) =>
        e instanceof ScenarioRequestError &&
        /unknown practice code 'ZZZ999': not in the practice → PCN map of 2026-01-01 \(4 practices/.test(
          e.message,
        ),
    );
    assert.throws(
      run(["C00001", "c00001"]),
      /practice C00001 is named twice: each practice can be closed only once/,
    );
    assert.throws(run([]), /name at least one practice to close/);
    assert.throws(
      run(["C00001"], { maxKm: 0 }),
      /the distance limit must be a number of km above 0 and at most 200; found '0'/,
    );
    assert.throws(run(["C00001"], { maxKm: Number.NaN }), ScenarioRequestError);
    assert.throws(
      run(["C00001"], { model: "random" }),
      /the model must be nearest or choice; found 'random'/,
    );
    assert.throws(
      run(["C00001"], { model: "choice", choice: { decayPerKm: -1, attractivenessExponent: 1 } }),
      /the distance decay must be a number ≥ 0 per km; found '-1'/,
    );
  });

  test("closing every practice: nobody can be placed; closing a practice without a list: nothing to re-home", () => {
    const all = closePractices(input(), ["C00001", "A00001", "B00001", "D00001"], { model: "nearest" });
    assert.equal(all.totals.placed, 0);
    assert.equal(all.notPlaced.noPracticeInRange, 11_000);
    const practices = line();
    practices[0] = practice({ code: "C00001", km: 0, list: null });
    const none = closePractices(input(practices), ["C00001"]);
    assert.equal(none.totals.toRehome, 0);
    assert.match(none.notes.join("\n"), /C00001 has no list size/);
  });
});
