// Entitlements: known answers from the configured rates, and how they move when practices change network,
// leave every PCN, merge or close; the configuration's rates are checked in real-data.test.ts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { arrsEntitlement } from "../../../src/config/arrs.ts";
import { FUNDING_YEARS, fundingYear, UnknownFundingYearError } from "../../../src/config/funding.ts";
import {
  compareEntitlements,
  computeEntitlements,
  type EntitlementPractice,
} from "../../../src/engines/funding/entitlements.ts";

const practice = (
  code: string,
  network: string | null,
  list: number,
  weighted: number,
): EntitlementPractice => ({
  code,
  name: `Practice ${code}`,
  networkCode: network,
  networkName: network ? `PCN ${network}` : null,
  listSize: list,
  weighted,
  basis: "official-ratio",
});

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} ≠ ${b}`);

const today = [
  practice("A1", "U00001", 10_000, 11_000),
  practice("A2", "U00001", 20_000, 19_000),
  practice("B1", "U00002", 35_000, 36_000),
  practice("X1", null, 5_000, 5_500),
];
const options = { adjustmentFactor: 1.0002 };

describe("entitlements 2024-25: known answers", () => {
  const e = computeEntitlements(today, fundingYear("2024-25"), options);
  const a1 = e.practices.find((p) => p.code === "A1")!;

  test("Global Sum £112.50 per weighted patient less the 4.75% out-of-hours deduction", () => {
    close(a1.items["global-sum"]!, 112.5 * 11_000, "global sum");
    close(a1.items["ooh-deduction"]!, -0.0475 * 112.5 * 11_000, "deduction");
  });

  test("practice in a PCN: NPP £1.761 per weighted patient; network items and ARRS from its lists", () => {
    close(a1.items["network-participation"]!, 1.761 * 11_000, "NPP");
    const adjusted = 11_000 * 1.0002;
    close(a1.items["pcn-core"]!, 2.218 * 10_000, "core registered");
    close(a1.items["pcn-core-adjusted"]!, 0.698 * adjusted, "core adjusted");
    close(a1.items["pcn-core-uplift"]!, 0.051 * 10_000, "uplift");
    close(a1.items["enhanced-access"]!, 7.975 * adjusted, "enhanced access");
    close(a1.items["capacity-access"]!, 3.248 * adjusted, "capacity and access");
    close(a1.items.arrs!, arrsEntitlement(11_000, "2024-25"), "ARRS");
    close(a1.practiceTotal, 112.5 * 11_000 * 0.9525 + 1.761 * 11_000, "practice total");
  });

  test("a practice outside any PCN has the Global Sum only", () => {
    const x1 = e.practices.find((p) => p.code === "X1")!;
    assert.deepEqual(Object.keys(x1.items).sort(), ["global-sum", "ooh-deduction"]);
    close(x1.total, 112.5 * 5_500 * 0.9525, "X1");
  });

  test("a network's entitlement is the sum of its practices' contributions; ARRS on its weighted population", () => {
    const n1 = e.networks.find((n) => n.code === "U00001")!;
    assert.deepEqual(n1.practices, ["A1", "A2"]);
    assert.equal(n1.registered, 30_000);
    close(n1.arrs!, arrsEntitlement(30_000, "2024-25"), "network ARRS");
    close(
      n1.total,
      e.practices.filter((p) => p.networkCode === "U00001").reduce((a, p) => a + p.networkTotal, 0),
      "network total",
    );
    close(
      e.totals.all,
      e.practices.reduce((a, p) => a + p.total, 0),
      "all",
    );
  });

  test("care home premium is listed, not computed, and says why", () => {
    assert.equal(e.rates.find((r) => r.item === "care-home-premium")!.computed, false);
    assert.ok(e.caveats.some((c) => /Care home premium is not computed/.test(c)));
  });
});

describe("entitlements follow the configuration", () => {
  const year = fundingYear("2024-25");
  const base = computeEntitlements(today, year, options);

  test("a practice that changes network takes exactly its contribution with it; totals are unchanged", () => {
    const moved = today.map((p) =>
      p.code === "A2" ? { ...p, networkCode: "U00002", networkName: "PCN U00002" } : p,
    );
    const after = computeEntitlements(moved, year, options);
    const a2 = base.practices.find((p) => p.code === "A2")!;
    const diff = compareEntitlements(base, after);
    close(diff.networks.find((n) => n.code === "U00001")!.change, -a2.networkTotal, "A loses");
    close(diff.networks.find((n) => n.code === "U00002")!.change, a2.networkTotal, "B gains");
    close(diff.totalChange, 0, "total");
    close(diff.practices.find((p) => p.code === "A2")!.change, 0, "the practice itself");
    assert.equal(diff.practices.find((p) => p.code === "A2")!.after, "U00002");
    // ARRS moves with the weighted population.
    close(
      after.networks.find((n) => n.code === "U00002")!.arrs!,
      arrsEntitlement(36_000 + 19_000, "2024-25"),
      "ARRS after",
    );
  });

  test("a practice that leaves every PCN loses its NPP and network contribution", () => {
    const out = today.map((p) => (p.code === "B1" ? { ...p, networkCode: null, networkName: null } : p));
    const after = computeEntitlements(out, year, options);
    const b1 = base.practices.find((p) => p.code === "B1")!;
    const diff = compareEntitlements(base, after);
    close(
      diff.practices.find((p) => p.code === "B1")!.change,
      -(b1.networkTotal + b1.items["network-participation"]!),
      "B1",
    );
    assert.equal(diff.networks.find((n) => n.code === "U00002")!.after, null);
  });

  test("a closure: the closed practice's entitlement goes, receivers gain by their new lists", () => {
    // X1 closes; A1 takes 3,000 of its patients and B1 2,000 (at their own ratios).
    const after = computeEntitlements(
      [
        { ...today[0]!, listSize: 13_000, weighted: 13_000 * 1.1 },
        today[1]!,
        { ...today[2]!, listSize: 37_000, weighted: 37_000 * (36_000 / 35_000) },
      ],
      year,
      options,
    );
    const diff = compareEntitlements(base, after);
    assert.equal(diff.practices.find((p) => p.code === "X1")!.after, null);
    close(
      diff.practices.find((p) => p.code === "X1")!.change,
      -base.practices.find((p) => p.code === "X1")!.total,
      "X1 closes",
    );
    assert.ok(diff.practices.find((p) => p.code === "A1")!.change > 0);
  });
});

describe("contract years", () => {
  test("2019-20 network items are paid for 9 months (from 1 July 2019)", () => {
    const e = computeEntitlements(today, fundingYear("2019-20"), options);
    close(e.practices.find((p) => p.code === "A1")!.items["pcn-core"]!, 1.5 * 0.75 * 10_000, "core");
  });
  test("a year without ARRS figures computes the rest and says so", () => {
    // ARRS is configured for 2020-21 … 2026-27 (src/config/arrs.ts); 2019-20 has none.
    const e = computeEntitlements(today, fundingYear("2019-20"), options);
    assert.equal(e.totals.arrs, null);
    assert.ok(
      e.caveats.some((c) =>
        /ARRS is not computed: No ARRS figures are configured for contract year '2019-20'/.test(c),
      ),
    );
    const y22 = computeEntitlements(today, fundingYear("2022-23"), options);
    assert.ok(Math.abs(y22.totals.arrs! - arrsEntitlement(66_000, "2022-23")) < 1e-6); // A1 + A2 + B1 (X1 is in no PCN)
  });
  test("an unknown year names the known ones", () => {
    assert.throws(
      () => fundingYear("2031-32"),
      (e: Error) =>
        e instanceof UnknownFundingYearError &&
        e.message.includes("'2031-32'") &&
        e.message.includes(FUNDING_YEARS.map((y) => y.year).join(", ")),
    );
  });
  test("every configured rate has a source", () => {
    for (const y of FUNDING_YEARS)
      for (const r of [y.globalSum, ...y.items]) assert.ok(r.source.length > 10, `${y.year} ${r.item}`);
  });
});
