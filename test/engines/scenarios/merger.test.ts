// The merger engine on hand-made practices: lists, weighted lists, workforce and payments summed, sites
// kept, the PCNs touched and the networks re-evaluated; and the requests it refuses.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { arrsEntitlement } from "../../../src/config/arrs.ts";
import { buildAdjacency } from "../../../src/engines/networks/graph.ts";
import { buildInstance } from "../../../src/engines/networks/instance-builder.ts";
import { mergePractices, type PaymentTotals } from "../../../src/engines/scenarios/merger.ts";
import type { Picture } from "../../../src/model/picture.ts";
import { practice, RULES } from "./scenario-kit.ts";

// Two PCNs in a 2 × 3 grid, 2 km apart: U00001 on the south row (P1–P3), U00002 on the north row (P4–P6).
const practices = [
  practice({ code: "P00001", km: 0, list: 11_000, pcn: "U00001", gpFte: 5, weighted: 12_000 }),
  practice({ code: "P00002", km: 2, list: 10_000, pcn: "U00001", gpFte: 4, weighted: 9_000 }),
  practice({ code: "P00003", km: 4, list: 10_000, pcn: "U00001", gpFte: 5, weighted: 10_000 }),
  practice({ code: "P00004", km: 0, northKm: 2, list: 20_000, pcn: "U00002", gpFte: 10, weighted: 21_000 }),
  practice({ code: "P00005", km: 2, northKm: 2, list: 15_000, pcn: "U00002", gpFte: null, weighted: null }),
  practice({ code: "P00006", km: 4, northKm: 2, list: 10_000, pcn: "U00002", gpFte: 6, weighted: 10_000 }),
  practice({ code: "X00001", km: 300, list: 5_000, pcn: "U00009", icb: "Q02" }),
];
const picture = {
  synthetic: false,
  date: "2026-01-01",
  practices,
  sources: {},
  caveats: [],
} as unknown as Picture;
const instance = buildInstance(picture, { icb: "Q01" });
const adjacency = buildAdjacency(instance);
const payments = new Map<string, PaymentTotals>([
  ["P00002", { fiscalYear: "2021-22", totalPayments: 1_000_000, globalSum: 600_000, qofTotal: 100_000 }],
  ["P00005", { fiscalYear: "2021-22", totalPayments: 1_500_000, globalSum: 900_000, qofTotal: null }],
]);
const input = { date: "2026-01-01", instance, adjacency, rules: RULES, practices, payments };

describe("merger", () => {
  const r = mergePractices(input, { practices: ["P00002", "P00005"], into: "P00005" });

  test("lists, weighted lists, workforce and payments are summed; both sites are kept", () => {
    assert.equal(r.merged.code, "P00005");
    assert.equal(r.merged.pcnCode, "U00002");
    assert.equal(r.merged.listSize, 25_000);
    // P00005 has no published weighted list: list × the ICB's ratio (62,000 / 62,000 over those with both = 1).
    const ratio = (12_000 + 9_000 + 10_000 + 21_000 + 10_000) / (11_000 + 10_000 + 10_000 + 20_000 + 10_000);
    assert.ok(Math.abs(r.merged.weightedList! - (9_000 + 15_000 * ratio)) < 1e-9);
    assert.equal(r.merged.weightedEstimated, true);
    assert.equal(r.merged.workforce!.gpFte, 4);
    assert.equal(r.merged.workforceMembers, 1);
    assert.equal(r.merged.patientsPerGpFte, 10_000 / 4); // over the members with a GP FTE
    assert.deepEqual(r.merged.payments, {
      fiscalYear: "2021-22",
      totalPayments: 2_500_000,
      globalSum: 1_500_000,
      qofTotal: 100_000,
    });
    assert.equal(r.merged.sites.length, 2);
    assert.deepEqual(r.totals, { patientsBefore: 76_000, patientsAfter: 76_000 });
  });

  test("U00001 loses P00002 to U00002; ARRS moves with the weighted list", () => {
    const u1 = r.pcns.find((p) => p.code === "U00001")!;
    const u2 = r.pcns.find((p) => p.code === "U00002")!;
    assert.deepEqual(
      [u1.practicesBefore, u1.practicesAfter, u1.listBefore, u1.listAfter],
      [3, 2, 31_000, 21_000],
    );
    assert.deepEqual(
      [u2.practicesBefore, u2.practicesAfter, u2.listBefore, u2.listAfter],
      [3, 3, 45_000, 55_000],
    );
    assert.deepEqual(
      [u1.bandBefore, u1.bandAfter, u2.bandBefore, u2.bandAfter],
      ["in", "under", "in", "over"],
    );
    assert.ok(Math.abs(u1.arrsBefore! - u1.arrsAfter! - arrsEntitlement(9_000, "2025-26")) < 1e-6);
    assert.ok(Math.abs(u2.arrsAfter! - u2.arrsBefore! - arrsEntitlement(9_000, "2025-26")) < 1e-6);
  });

  test("networks re-evaluated: sizes, bands and contiguity follow; the breaches added are named", () => {
    const after = new Map(r.networks.after.map((n) => [n.code, n]));
    assert.equal(after.get("U00001")!.listSize, 21_000);
    assert.equal(after.get("U00002")!.listSize, 55_000);
    assert.deepEqual(after.get("U00002")!.practices, ["P00004", "P00005", "P00006"]); // P00002 shown as P00005
    assert.equal(r.networks.totalsAfter.practices, r.networks.totalsBefore.practices - 1);
    // U00001 loses its middle practice: P00001 and P00003, 4 km apart, are no longer neighbours.
    assert.deepEqual(r.networks.added.map((b) => `${b.rule} ${b.network}`).sort(), [
      "contiguity.split U00001",
      "size.over-maximum U00002",
      "size.under-minimum U00001",
    ]);
  });

  test("bad requests", () => {
    assert.throws(
      () => mergePractices(input, { practices: ["P00001"] }),
      /a merger needs at least two practices \(--practice A --practice B\); found 1/,
    );
    assert.throws(
      () => mergePractices(input, { practices: ["P00001", "P00002"], into: "P00003" }),
      /--into P00003 is not one of the merging practices \(P00001, P00002\)/,
    );
    assert.throws(
      () => mergePractices(input, { practices: ["P00001", "X00001"] }),
      /X00001 \(ICB Q02\) is outside ICB Q01: merge practices of one ICB/,
    );
    assert.throws(
      () => mergePractices(input, { practices: ["P00001", "P00001"] }),
      /practice P00001 is named twice: each practice can be merged only once/,
    );
    assert.throws(
      () => mergePractices(input, { practices: ["P00001", "NOPE"] }),
      /unknown practice code 'NOPE'/,
    );
  });
});
