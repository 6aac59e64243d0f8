// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The backtest on the real registration history in ../shared/data: the list snapshots of January 2021,
// May 2022 and April 2025, the five practice → PCN maps, the practice register and the postcode
// coordinates. The counts and the errors were computed independently from the CSV files (a separate
// Python reading of the same files: closures, practices without a site, successors, the neighbourhood, the
// MAE of predicting no gain and of nearest-with-capacity match to the last digit); the fitted figures are
// those `icsplan scenarios backtest` prints (docs/scenarios.md).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runBacktest } from "../../../src/app/backtest.ts";
import type { BacktestResult } from "../../../src/engines/scenarios/backtest/backtest.ts";
import type { Store } from "../../../src/store/store.ts";
import { importedStore, shared } from "../../helpers.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/history/gp-reg-pat-prac-all_2021-01.csv",
  "registrations/history/gp-reg-pat-prac-all_2022-05.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "registrations/history/gp-reg-pat-prac-map_2020-09.csv",
  "registrations/history/gp-reg-pat-prac-map_2022-01.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-map_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv",
];

const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual}, expected ${expected} ± ${tolerance}`,
  );

describe("backtest on the real registration history", () => {
  let store: Store;
  let result: BacktestResult;

  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { expect: "imported" },
    ));
    const outcome = await runBacktest(store); // defaults: 10 km, growth:20%
    assert.ok(outcome.result, outcome.message ?? "no result");
    result = outcome.result;
  });
  after(() => store.close());

  test("finds the closures counted independently: 160 (Jan 2021 → May 2022) and 279 (May 2022 → Apr 2025)", () => {
    const [a, b] = result.intervals;
    assert.equal(result.intervals.length, 2);
    assert.deepEqual(
      [a!.closures, a!.closedPatients, b!.closures, b!.closedPatients],
      [160, 863_949, 279, 1_494_940],
    );
    assert.deepEqual(a!.excluded.noSite, [
      "F85048",
      "G81090",
      "G85008",
      "G85106",
      "P91032",
      "P91625",
      "Y00454",
    ]);
    assert.deepEqual(
      a!.excluded.successor.map((s) => `${s.closed}→${s.successor}`),
      ["B85622→Y07275", "J82077→Y07014"],
    );
    assert.deepEqual(b!.excluded.noSite, ["J82114", "K82018", "M91011", "N85040"]);
    assert.deepEqual(
      b!.excluded.successor.map((s) => `${s.closed}→${s.successor}`),
      ["Y02962→Y08402"],
    );
    assert.deepEqual(
      [a!.evaluated, a!.evaluatedPatients, b!.evaluated, b!.evaluatedPatients],
      [151, 827_312, 274, 1_450_474],
    );
    assert.deepEqual([a!.newPractices, b!.newPractices], [8, 12]);
  });

  test("closures between maps, and those after the last list that cannot be scored", () => {
    assert.deepEqual(
      result.maps.map((m) => `${m.from}→${m.to}:${m.closed}`),
      [
        "2020-09-01→2022-01-01:188",
        "2022-01-01→2025-10-01:341",
        "2025-10-01→2026-01-01:31",
        "2026-01-01→2026-08-01:42",
      ],
    );
    assert.deepEqual(
      result.untested.map((u) => u.closed),
      [37, 68, 110],
    );
  });

  test("observed gains and the nearest-with-capacity error match the independent computation", () => {
    const nearest = result.models.find((m) => m.id === "nearest")!;
    const [a, b] = nearest.intervals;
    assert.deepEqual([a!.neighbourhood, b!.neighbourhood], [3577, 4321]);
    near(a!.maeZero, 538.9715, 0.001, "no-gain MAE, 2021–22");
    near(b!.maeZero, 885.7287, 0.001, "no-gain MAE, 2022–25");
    near(a!.mae, 639.9841, 0.001, "nearest MAE, 2021–22");
    near(b!.mae, 981.9817, 0.001, "nearest MAE, 2022–25");
    assert.deepEqual([a!.predictedPatients, b!.predictedPatients], [736_553, 1_385_174]);
  });

  test("the fitted patient-choice model and its cross-check are as measured", () => {
    const r = result;
    assert.deepEqual(r.fit.best, { decayPerKm: 0.4, attractivenessExponent: 1 });
    near(r.fit.bestMae, 796.54, 0.1, "fitted choice pooled MAE");
    const choice = r.models.find((m) => m.id === "choice")!;
    const nearest = r.models.find((m) => m.id === "nearest")!;
    const blind = r.models.find((m) => m.id === "distance-blind")!;
    near(choice.pooled.located, 0.3737, 0.002, "choice located");
    near(nearest.pooled.located, 0.3168, 0.002, "nearest located");
    near(blind.pooled.mae, 804.77, 0.1, "distance-blind MAE");
    // Out of sample: fitting on either period alone loses at most 0.2 patients of MAE on the other.
    assert.equal(r.fit.crossChecks.length, 2);
    for (const c of r.fit.crossChecks) assert.ok(c.testMae - c.bestTestMae < 0.5, JSON.stringify(c));
    // Closure by closure (isolated closures): 91, of which 71 mergers; 27 went to the nearest practice.
    const iso = r.intervals.reduce((s, i) => s + i.isolated.total, 0);
    const mergers = r.intervals.reduce((s, i) => s + i.isolated.merger, 0);
    assert.deepEqual([iso, mergers, r.intervals.reduce((s, i) => s + i.mergersToNearest, 0)], [91, 71, 27]);
    near(choice.closures.all.top3, 0.638, 0.005, "choice top 3");
    near(nearest.closures.all.top3, 0.5766, 0.005, "nearest top 3");
  });
});
