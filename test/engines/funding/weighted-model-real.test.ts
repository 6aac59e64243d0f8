// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The weighted-population model on the real files, out of sample: fitted on FY2020-21 and scored on FY2021-22
// (a year it was not fitted on), and 10-fold cross-validated within FY2021-22 (practices it never saw). The
// index is weighted ÷ registered, whose R² list size cannot inflate. Published ratios are checked against the
// CSV (M83126 FY2021-22: 7,949.2 ÷ 7,120.25), and every practice of the year has an estimate to score.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { modelReport } from "../../../src/app/funding-model.ts";
import type { Store } from "../../../src/store/store.ts";
import { importedStore, shared } from "../../helpers.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "registrations/2026-08/gp-reg-pat-prac-sing-age-regions_2026-08.csv.gz",
  "deprivation/practice_imd2019_score_swahsn_2023-01.csv",
  "other/qof_2020-21/PREVALENCE_2021_v2.csv",
  "payments/history/nhs-payments-gp_2020-21.csv",
  "payments/nhs-payments-gp_2021-22.csv",
];

describe("weighted-population model on the real files", () => {
  let store: Store;
  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { each: true, expect: "imported" },
    ));
  });
  after(async () => store?.close());

  test("index R² out of sample: 0.83+ on the next year and on unseen practices; estimates for every practice", async () => {
    const r = await modelReport(store, { synthetic: false });
    const v = r.validation;
    assert.deepEqual([v.fitYear, v.testYear], ["2020-21", "2021-22"]);
    // Measured (docs/funding.md): 0.838 next year, 0.834 cross-validated; 0.80 before PCN age structure,
    // the QOF year nearest the payments year and place (not ICB) effects.
    assert.ok(v.model.test.r2Ratio > 0.83, `next-year index R² ${v.model.test.r2Ratio}`);
    assert.ok(
      v.crossValidated.test.r2Ratio > 0.825,
      `cross-validated index R² ${v.crossValidated.test.r2Ratio}`,
    );
    assert.ok(v.crossValidated.test.r2Ratio < v.ownRatio.r2Ratio); // the own ratio remains far better
    assert.ok(v.reduced.test.r2Ratio < 0.45);
    assert.ok(v.model.features.some((f) => f.startsWith("pcn age")));
    assert.equal(v.crossValidated.folds, 10);
    assert.equal(v.crossValidated.test.n, v.model.test.n);
    // One row per practice of the map in the FY2021-22 file, scored or not.
    assert.ok(r.estimates.length > 6100, String(r.estimates.length));
    const m = r.estimates.find((e) => e.code === "M83126")!;
    assert.ok(Math.abs(m.official! - 7949.2 / 7120.25) < 1e-9);
    assert.equal(m.registered, 7120.25);
    assert.equal(m.scored, true);
    assert.ok(Math.abs(m.crossValidated - m.official!) < 0.15, String(m.crossValidated));
  });
});
