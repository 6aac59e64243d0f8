// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The dispersal backtest on the real registration history in ../shared/data (list snapshots of January
// 2021, May 2022 and April 2025, the maps, the register and the postcode coordinates): mergers separated
// from true dispersals, and the model fitted on one window beating both predicting no gain and a
// list-proportional share of the closed list among the practices within 5 km, on the other, on the MAE of
// net gains of true dispersals. Figures as `icsplan scenarios backtest --report dispersals` prints them
// (docs/scenarios.md); the per-receiver export is checked against them.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runDispersalBacktest, type DispersalOutcome } from "../../../src/app/backtest.ts";
import { receiverRecords } from "../../../src/cli/render/dispersal-backtest.ts";
import type { DispersalBacktest } from "../../../src/engines/scenarios/backtest/dispersals.ts";
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

describe("dispersal backtest on the real registration history", () => {
  let store: Store;
  let result: DispersalBacktest;
  let pair: DispersalOutcome;

  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { expect: "imported" },
    ));
    const outcome = await runDispersalBacktest(store); // defaults: 10 km, mergers within 15 km
    assert.ok(outcome.result, outcome.message ?? "no result");
    result = outcome.result;
    pair = await runDispersalBacktest(store, { pairs: [["2022-05-01", "2025-04-01"]] });
  });
  after(() => store.close());

  test("mergers are separated from true dispersals in both windows", () => {
    assert.deepEqual(
      result.windows.map((w) => [w.label, w.counts]),
      [
        [
          "January 2021 → May 2022",
          { closures: 160, merger: 137, dispersal: 14, successor: 2, small: 7, "no-site": 0 },
        ],
        [
          "May 2022 → April 2025",
          { closures: 279, merger: 242, dispersal: 24, successor: 1, small: 12, "no-site": 0 },
        ],
      ],
    );
    // F85002 took 14 closed lists in 2021–22 (76,518 net gain; 852 left after them).
    const f85002 = result.detail[0]!.receivers.find((r) => r.code === "F85002")!;
    assert.equal(f85002.mergedFrom.length, 14);
    near(f85002.residual, 852, 1, "F85002 after its mergers");
  });

  test("practices without coordinates get a sector centroid, flagged (J82114: PO6 3)", () => {
    assert.deepEqual(
      result.windows.map((w) => w.approximateSites),
      [
        { closures: 7, receivers: 26 },
        { closures: 4, receivers: 15 },
      ],
    );
    const j = result.windows[1]!.cases.find((c) => c.code === "J82114")!;
    assert.equal(j.approximateSite, "sector PO6 3 (5 postcodes)");
    assert.equal(j.patients, 9742);
  });

  test("fitted on one window, the model beats no gain and the 5 km list-proportional share on the other", () => {
    const [a, b] = result.windows;
    assert.deepEqual(a!.fittedOn, ["May 2022 → April 2025"]);
    assert.deepEqual(b!.fittedOn, ["January 2021 → May 2022"]);
    assert.deepEqual(a!.params, { share: 0.3, decayPerKm: 1.5, sizeExponent: 1 });
    assert.deepEqual(b!.params, { share: 0.2, decayPerKm: 1.5, sizeExponent: 0 });
    assert.deepEqual([a!.practices, b!.practices], [412, 585]);
    near(a!.mae.model, 360.9, 0.05, "model 2021–22");
    near(a!.mae.noGain, 364.0, 0.05, "no gain 2021–22");
    near(a!.mae.baseline, 379.1, 0.05, "5 km baseline 2021–22");
    near(b!.mae.model, 625.5, 0.05, "model 2022–25");
    near(b!.mae.noGain, 635.4, 0.05, "no gain 2022–25");
    near(b!.mae.baseline, 669.1, 0.05, "5 km baseline 2022–25");
    for (const w of result.windows) assert.deepEqual(w.beats, { noGain: true, baseline: true }, w.label);
    // Per case: the model's MAE is below no gain's in 9 of 14 and 17 of 24 true dispersals.
    assert.deepEqual(
      result.windows.map((w) => [w.cases.length, w.cases.filter((c) => c.mae.model < c.mae.noGain).length]),
      [
        [14, 9],
        [24, 17],
      ],
    );
  });

  test("the per-receiver export of a chosen pair reproduces the window's scores", () => {
    const w = pair.result!.windows[0]!;
    assert.deepEqual(w.fittedOn, ["January 2021 → May 2022"]);
    const rows = receiverRecords(pair);
    assert.equal(rows.length, 22_237);
    // Σ predicted of a true dispersal = k × its list (J82114: 20% of 9,742).
    const j = rows.filter((r) => r.closed_practice === "J82114");
    near(
      j.reduce((s, r) => s + Number(r.predicted_patients), 0),
      0.2 * 9742,
      0.5,
      "J82114 predicted",
    );
    // The scored receivers' observed changes give the no-gain MAE.
    const observed = new Map<string, number>();
    for (const r of rows)
      if (r.scored) observed.set(String(r.receiver), Number(r.observed_change_after_mergers));
    assert.equal(observed.size, w.practices);
    near(
      [...observed.values()].reduce((s, v) => s + Math.abs(v), 0) / observed.size,
      w.mae.noGain,
      0.01,
      "no gain from the export",
    );
  });
});
