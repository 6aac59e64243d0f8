// The 2026/27 contract year: the date rule (contract years run April to March), the default year of the
// funding commands following the date, the 2026-27 figures with their sources, and entitlements of QNC in
// 2026-27 on the real files (August 2026 map, July 2026 lists, FY2021-22 weighted ratios).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { arrsEntitlement, arrsYear } from "../../../src/config/arrs.ts";
import { contractYearOf } from "../../../src/config/contract-year.ts";
import { defaultFundingYear, FUNDING_YEARS, fundingYear } from "../../../src/config/funding.ts";
import { contractYearOn, PCN_CONTRACT_YEARS } from "../../../src/config/pcn-contract.ts";
import { entitlementsReport, resolveYear } from "../../../src/app/funding-entitlements.ts";
import type { Store } from "../../../src/store/store.ts";
import { importOne, memoryStore, shared } from "../../helpers.ts";

describe("contract years follow the date", () => {
  test("April to March: 31 March is the old year, 1 April the new", () => {
    assert.equal(contractYearOf("2026-03-31"), "2025-26");
    assert.equal(contractYearOf("2026-04-01"), "2026-27");
    assert.equal(contractYearOf("2026-12-02"), "2026-27");
    assert.equal(contractYearOf("2027-01-15"), "2026-27");
    assert.equal(contractYearOf("2099-04-01"), "2099-00");
    assert.equal(contractYearOf("2026-08-01T10:00:00Z"), "2026-27");
    assert.throws(() => contractYearOf("1 April 2026"), /expected an ISO date/);
  });

  test("the August 2026 map is judged on 2026-27 bands (the known issue: it fell back to 2025-26)", () => {
    assert.equal(contractYearOn("2026-08-01").year, "2026-27");
    assert.equal(contractYearOn("2026-07-01").year, "2026-27");
    assert.equal(contractYearOn("2026-01-01").year, "2025-26");
    const y = PCN_CONTRACT_YEARS.find((c) => c.year === "2026-27")!;
    assert.deepEqual([y.minimumList, y.typicalMaximumList, y.unverified], [30_000, 50_000, true]);
    assert.ok(y.sources.some((s) => s.includes("changes-to-the-gp-contract-in-2026-27")));
  });

  test("the default funding year is the date's, else the newest earlier year configured in full", () => {
    const today = defaultFundingYear("2026-12-02");
    assert.deepEqual([today.year.year, today.dateYear, today.basis], ["2026-27", "2026-27", "date"]);
    assert.equal(defaultFundingYear("2026-03-31").year.year, "2025-26");
    assert.equal(defaultFundingYear("2019-07-01").year.year, "2019-20");
    const later = defaultFundingYear("2027-04-01");
    assert.deepEqual([later.year.year, later.dateYear, later.basis], ["2026-27", "2027-28", "fallback"]);
    const early = defaultFundingYear("2010-06-01");
    assert.deepEqual([early.year.year, early.basis], [FUNDING_YEARS[0]!.year, "fallback"]);
  });

  test("resolveYear: --year wins; else --date's year; else today's, with a caveat saying which", () => {
    assert.deepEqual(resolveYear("2024-25", { today: "2026-12-02" }), {
      year: fundingYear("2024-25"),
      caveat: null,
    });
    const byToday = resolveYear(undefined, { today: "2026-12-02" });
    assert.equal(byToday.year.year, "2026-27");
    assert.equal(
      byToday.caveat,
      "Contract year 2026-27: the year of today's date (2026-12-02); --year chooses another.",
    );
    const byDate = resolveYear(undefined, { date: "2025-01-15", today: "2026-12-02" });
    assert.equal(byDate.year.year, "2024-25");
    assert.match(byDate.caveat!, /the year of the date asked \(2025-01-15\)/);
    assert.match(
      resolveYear(undefined, { today: "2027-05-01" }).caveat!,
      /^Contract year 2027-28 \(today's date \(2027-05-01\)\) has no funding figures configured in full: 2026-27 figures are used/,
    );
  });
});

describe("2026-27 figures", () => {
  const y = fundingYear("2026-27");

  test("Global Sum £130.07, unverified (a secondary source); the capacity and access payment has left the DES", () => {
    assert.equal(y.globalSum.annualRate, 130.07);
    assert.equal(y.globalSum.unverified, true);
    assert.ok(y.complete);
    assert.ok(!y.items.some((i) => i.item === "capacity-access"));
    assert.ok(fundingYear("2025-26").items.some((i) => i.item === "capacity-access"));
    assert.ok(
      y.notes.some((n) => n.includes("£292m") && n.includes("practice-level GP reimbursement scheme")),
    );
  });

  test("every rate names a source; rates carried over from 2025-26 are equal to them and unverified", () => {
    const prev = new Map(fundingYear("2025-26").items.map((i) => [i.item, i]));
    for (const i of y.items) {
      assert.ok(i.source.length > 20, i.item);
      assert.equal(i.unverified, true, i.item);
      if (i.item !== "network-participation")
        assert.equal(i.annualRate, prev.get(i.item)!.annualRate, i.item);
    }
  });

  test("ARRS 2026-27: any GP reimbursable, the sum per weighted patient unverified", () => {
    const a = arrsYear("2026-27");
    assert.equal(a.unverified, true);
    const gp = a.roles.find((r) => r.role === "GP")!;
    assert.equal(gp.maxReimbursement, 152_900);
    assert.ok(gp.source.includes("top of salaried GP pay range"));
    assert.ok(Math.abs(arrsEntitlement(1, "2026-27") - 27.3) < 1e-9);
  });
});

describe("entitlements 2026-27 of QNC on the real files", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    for (const f of [
      "practices/epraccur_2026-02.csv",
      "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv",
      "registrations/2026-07/gp-reg-pat-prac-all_2026-07_from-quin-age.csv",
      "payments/nhs-payments-gp_2021-22.csv",
    ]) {
      const o = await importOne(store, shared(f));
      assert.equal(o.status, "imported", `${f}: ${JSON.stringify(o)}`);
    }
  });
  after(() => store.close());

  test("the default year on 2026-12-02 is 2026-27; Global Sum net of 4.75% = £130.07 × weighted; no capacity and access", async () => {
    const r = await entitlementsReport(store, { synthetic: false, icb: "QNC", today: "2026-12-02" });
    assert.equal(r.year.year, "2026-27");
    assert.equal(r.date, "2026-08-01");
    assert.equal(
      r.caveats[0],
      "Contract year 2026-27: the year of today's date (2026-12-02); --year chooses another.",
    );
    const e = r.today;
    assert.ok(e.practices.length > 100, `${e.practices.length} practices`);
    for (const p of e.practices) {
      assert.ok(Math.abs(p.items["global-sum"]! - 130.07 * p.weighted) < 1e-6, p.code);
      assert.ok(
        Math.abs(
          p.practiceTotal - p.items["global-sum"]! * 0.9525 - (p.items["network-participation"] ?? 0),
        ) < 1e-6,
      );
      assert.equal(p.items["capacity-access"], undefined);
      if (p.networkCode !== null) assert.ok(Math.abs(p.items.arrs! - 27.3 * p.weighted) < 1e-6, p.code);
    }
    const rates = new Map(e.rates.map((l) => [l.item, l]));
    assert.equal(rates.get("global-sum")!.unverified, true);
    assert.equal(rates.get("arrs")!.unverified, true);
    assert.equal(rates.has("capacity-access"), false);
    // The same area and populations at 2025-26 rates differ exactly by the rates.
    const r25 = await entitlementsReport(store, { synthetic: false, icb: "QNC", year: "2025-26" });
    const weighted = e.practices.reduce((a, p) => a + p.weighted, 0);
    const gs = (x: typeof e) => x.practices.reduce((a, p) => a + p.items["global-sum"]!, 0);
    assert.ok(Math.abs(gs(e) - gs(r25.today) - (130.07 - 121.79) * weighted) < 1e-3);
    assert.ok(r25.today.practices.some((p) => (p.items["capacity-access"] ?? 0) > 0));
  });
});
