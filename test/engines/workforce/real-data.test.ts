// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The workforce engines on the real files in ../shared/data. Every expected figure was computed
// independently with a short Python pass over the CSVs (csv module: HEEC FY2016–FY2022 from the gp-admin
// file and FY2023–FY2025 from the partners file; partners = senior + partner/provider; ICBs of the January
// 2026 map, then of older maps, then of epraccur; PCN workforce decoded as cp1252; weighted lists from the
// 2021-22 payments file), not with icsplan's code.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { readWorkforceHistory, arrsUseCase } from "../../../src/app/workforce.ts";
import { arrsByPcn } from "../../../src/engines/workforce/arrs.ts";
import { partnerChanges } from "../../../src/engines/workforce/partners.ts";
import { partnershipRisk } from "../../../src/engines/workforce/risk.ts";
import { workforceTrends } from "../../../src/engines/workforce/trends.ts";
import type { WorkforceHistory } from "../../../src/model/workforce.ts";
import { loadPcnCensus } from "../../../src/store/repositories/workforce.ts";
import type { Store } from "../../../src/store/store.ts";
import { importedStore, shared } from "../../helpers.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-map_2025-10.csv",
  "registrations/history/gp-reg-pat-prac-map_2022-01.csv",
  "registrations/history/gp-reg-pat-prac-map_2020-09.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "workforce/heec_practice_workforce_fy2016-2024_gp_admin.csv",
  "workforce/heec_practice_workforce_fy2023-2025_partners.csv",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2022-09.csv",
  "deprivation/practice_imd2019_score_swahsn_2023-01.csv",
  "payments/nhs-payments-gp_2021-22.csv",
  "payments/history/nhs-payments-gp_2015-16.csv",
];

/** [fiscal year, practices, GP FTE, GP HC, partner FTE, patients, GP FTE per 10,000]. */
const NATIONAL: [number, number, number, number, number | null, number, number][] = [
  [2016, 7623, 27372.5, 34286.0, null, 56902441.0, 4.8141],
  [2017, 7558, 27959.7, 34991.0, null, 57845874.0, 4.8361],
  [2018, 7354, 27628.7, 35128.0, null, 58667714.0, 4.7113],
  [2019, 7137, 27061.8, 34917.0, null, 59347455.0, 4.5819],
  [2020, 6867, 26862.7, 35247.0, null, 59996728.0, 4.498],
  [2021, 6652, 26926.0, 36112.0, null, 60632195.0, 4.4544],
  [2022, 6587, 26926.8, 36526.0, null, 61388385.7, 4.3878],
  [2023, 6478, 26627.2, 36318.2, 16603.9, 62202634.2, 4.2843],
  [2024, 6395, 26624.6, 36695.3, 16272.6, 62989508.0, 4.246],
  [2025, 6293, 27076.7, 37885.0, 15829.8, 63554992.5, 4.2774],
];

/** Staffordshire and Stoke-on-Trent (QNC): [fiscal year, practices, GP FTE, partner FTE]. */
const QNC: [number, number, number, number | null][] = [
  [2016, 173, 545.3, null],
  [2019, 158, 523.3, null],
  [2022, 147, 494.3, null],
  [2023, 145, 485.1, 351.7],
  [2024, 144, 493.5, 346.7],
  [2025, 142, 503.1, 340.8],
];

const near = (a: number | null | undefined, b: number, eps = 0.05) =>
  assert.ok(a !== null && a !== undefined && Math.abs(a - b) < eps, `${a} ≠ ${b}`);

describe("workforce on the real files", () => {
  let store: Store;
  let history: WorkforceHistory;

  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { each: true, expect: "imported" },
    ));
    history = await readWorkforceHistory(store, { synthetic: false });
  });
  after(async () => store?.close());

  test("national figures for every period equal the sums of the practice rows", () => {
    const t = workforceTrends(history, { by: "icb" });
    assert.equal(t.map.period, "January 2026");
    assert.deepEqual(
      t.periods.map((p) => p.label),
      NATIONAL.map(([fy]) => `FY${fy - 1}-${String(fy % 100).padStart(2, "0")}`),
    );
    for (const [fy, practices, gpFte, gpHc, partnerFte, patients, per10k] of NATIONAL) {
      const f = t.total.points.find((p) => p.fiscalYear === fy)!.figures;
      assert.equal(f.practices, practices, `FY ${fy}`);
      near(f.staff.gpFte, gpFte);
      near(f.staff.gpHc, gpHc);
      if (partnerFte === null) assert.equal(f.staff.partnerFte, null);
      else near(f.staff.partnerFte, partnerFte);
      near(f.patients, patients, 0.5);
      near(f.per10k.gpFte, per10k, 0.0001);
    }
    assert.ok(
      t.caveats.some((c) =>
        /FY2022-23 is in more than one workforce file.*26,627\.2 over 6,478.*26,726\.5 over 6,503/.test(c),
      ),
    );
    assert.ok(
      t.caveats.some((c) => /FY2023-24 is in more than one workforce file.*26,561\.2 over 6,392/.test(c)),
    );
  });

  test("ICBs plus unplaced practices add up to England in every period; QNC matches the files", () => {
    const t = workforceTrends(history, { by: "icb" });
    assert.equal(t.areas.length, 42);
    for (const p of t.periods) {
      const sum = t.areas.reduce(
        (a, s) => a + (s.points.find((x) => x.fiscalYear === p.fiscalYear)?.figures.staff.gpFte ?? 0),
        0,
      );
      const unplaced = t.unplaced.find((u) => u.fiscalYear === p.fiscalYear)?.gpFte ?? 0;
      near(
        sum + unplaced,
        t.total.points.find((x) => x.fiscalYear === p.fiscalYear)!.figures.staff.gpFte!,
        1e-6,
      );
    }
    assert.deepEqual(
      t.unplaced.map((u) => [u.fiscalYear, u.practices, Number(u.gpFte.toFixed(1))]),
      [
        [2016, 65, 88.3],
        [2017, 34, 8.8],
      ],
    );
    const qnc = t.areas.find((s) => s.area.code === "QNC")!;
    for (const [fy, practices, gpFte, partnerFte] of QNC) {
      const f = qnc.points.find((p) => p.fiscalYear === fy)!.figures;
      assert.equal(f.practices, practices, `QNC FY ${fy}`);
      near(f.staff.gpFte, gpFte);
      if (partnerFte !== null) near(f.staff.partnerFte, partnerFte);
    }
  });

  test("PCNs within an ICB add up to the ICB, with practices outside any PCN counted apart", () => {
    const t = workforceTrends(history, { by: "pcn", icb: "QNC" });
    for (const p of t.periods) {
      const sum = t.areas.reduce(
        (a, s) => a + (s.points.find((x) => x.fiscalYear === p.fiscalYear)?.figures.staff.gpFte ?? 0),
        0,
      );
      const unplaced = t.unplaced.find((u) => u.fiscalYear === p.fiscalYear)?.gpFte ?? 0;
      near(
        sum + unplaced,
        t.total.points.find((x) => x.fiscalYear === p.fiscalYear)!.figures.staff.gpFte!,
        1e-6,
      );
    }
  });

  test("partners: England FY2022-23 → FY2024-25 and the fastest-losing ICBs", () => {
    const p = partnerChanges(history, { by: "icb" });
    near(p.total.from.partnerFte, 16603.9);
    near(p.total.to.partnerFte, 15829.8);
    assert.deepEqual(
      p.rows
        .slice(0, 3)
        .map((r) => [r.area.code, Number(r.from.partnerFte.toFixed(1)), Number(r.to.partnerFte.toFixed(1))]),
      [
        ["QR1", 227.6, 202.9],
        ["QT6", 212.9, 192.0],
        ["QSL", 187.9, 170.8],
      ],
    );
    near(p.rows[0]!.fte.fraction, -0.10852, 0.00001);
  });

  test("risk components of known practices reproduce the files", () => {
    const r = partnershipRisk(history, { practice: "F82034" });
    near(r.englandPatientsPerGpFte, 2337.867, 0.001);
    near(r.englandLocumShare, 0.2626914, 0.000001);
    const values = (code: string) =>
      Object.fromEntries(
        partnershipRisk(history, { practice: code }).practices[0]!.components.map((c) => [c.id, c.value]),
      );
    const f = values("F82034");
    assert.equal(f.partners, 0);
    near(f["partner-change"], -1, 1e-9);
    near(f["patients-per-gp"], 45548.5, 0.01);
    near(f["list-growth"], 0.8800718, 1e-6);
    near(f["locum-reliance"], 0.8333333, 1e-6);
    const m = values("M83637");
    near(m.partners, 0.7, 1e-9);
    near(m["partner-change"], -0.3636364, 1e-6);
    near(m["patients-per-gp"], 6976.1429, 0.001);
    near(m["list-growth"], 0.2288123, 1e-6);
    near(m["locum-reliance"], 0.4166667, 1e-6);
    assert.equal(r.practices[0]!.score, 11);
  });

  test("ARRS, September 2022 census: every FTE counted once; a PCN's entitlement = weighted population × rate", async () => {
    const r = await arrsUseCase(store, { synthetic: false }, {});
    assert.equal(r.census.period, "September 2022");
    near(r.total.arrsFte + r.total.otherFte, 14149.272, 0.001);
    // 1,105 PCNs have staff in the census; the map's PCNs without any are listed too (their entitlement counts).
    assert.equal(r.pcns.filter((p) => p.arrsFte + p.otherFte > 0).length, 1105);
    assert.deepEqual([r.censusYear, r.year.year, r.yearBasis], ["2022-23", "2022-23", "census"]);
    const u = r.pcns.find((p) => p.pcn.code === "U04901")!;
    assert.equal(u.practices, 3); // M83020, M83069, M83092 in the January 2022 map
    // FY2021-22 weighted ÷ registered × the April 2025 list (the only list loaded here), summed.
    near(u.weightedPopulation, 36934.933695, 0.001);
    near(u.entitlement, 36934.933695 * 16.915, 0.01);
    const fte = Object.fromEntries(u.roles.map((l) => [l.role, l.fte]));
    near(fte.Pharmacists, 1, 1e-9);
    near(fte["Advanced Practitioners"], 2.906666667, 1e-9);
    near(fte["Care Coordinators"], 3, 1e-9);
    near(u.otherFte, 0.2, 1e-9);
    // Every ARRS FTE is costed at 2022-23 maxima (the physician associate at the band 7–8a maximum).
    assert.deepEqual([u.uncostedFte, u.headroomBound], [0, "lower"]);
    near(u.cost, 59_312 + 2.906666667 * 64_990 + 3 * 31_746 + 59_312 + 0.8 * 38_187, 0.01);
    near(u.headroom, 36934.933695 * 16.915 - u.cost, 0.01);
  });

  test("one ARRS entitlement for an area and date: workforce arrs = funding entitlements", async () => {
    const { entitlementsReport } = await import("../../../src/app/funding-entitlements.ts");
    const year = "2024-25";
    const w = await arrsUseCase(store, { synthetic: false }, { icb: "QNC", year });
    const f = await entitlementsReport(store, { synthetic: false, icb: "QNC", year, date: "2022-09-01" });
    assert.ok(w.total.entitlement! > 1e7);
    near(w.total.entitlement, f.today.totals.arrs!, 0.01);
  });

  test("ARRS on request at another year uses the payments-file lists of that year's date", async () => {
    // Costed at 2020-21 figures on request: the weighted lists are then those of the newest payments file on
    // or before 1 January 2020 (FY2015-16 here: 13,439.17031 + 13,762.82543 + 8,605.897864).
    const c = await loadPcnCensus(store.db, { synthetic: false });
    const r21 = arrsByPcn(c!, { year: "2020-21", pcn: "U04901" });
    assert.equal(r21.weighted!.dataset.period, "FY2015-16");
    near(r21.pcns[0]!.entitlement, 35807.893574 * 7.131, 0.001);
  });
});
