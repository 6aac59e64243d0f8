// The one ARRS entitlement computation of `funding entitlements` and `workforce arrs`
// (src/engines/funding/arrs-entitlement.ts), on hand-computed figures: 2024-25 pays £22.894 + £1.303 GP
// ARRS = £24.197 per weighted patient (src/config/arrs.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { UnknownContractYearError } from "../../../src/config/arrs.ts";
import { arrsEntitlements } from "../../../src/engines/funding/arrs-entitlement.ts";

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-6, `${a} ≠ ${b}`);

test("each network's weighted population × the year's rate; the total the networks' sum", () => {
  const r = arrsEntitlements(
    [
      { code: "A1", networkCode: "U2", weighted: 10_000 },
      { code: "A2", networkCode: "U1", weighted: 20_000.5 },
      { code: "A3", networkCode: "U1", weighted: null },
      { code: "A4", networkCode: null, weighted: 5_000 },
    ],
    "2024-25",
  );
  assert.deepEqual([...r.networks.keys()], ["U1", "U2"]);
  const u1 = r.networks.get("U1")!;
  assert.deepEqual(u1.practices, ["A2", "A3"]);
  assert.equal(u1.practicesWithoutWeighted, 1);
  close(u1.entitlement, 20_000.5 * 24.197);
  close(r.networks.get("U2")!.entitlement, 241_970);
  // A4 is outside any network: no ARRS.
  assert.equal(r.total.practices, 3);
  close(r.total.weighted, 30_000.5);
  close(r.total.entitlement, 30_000.5 * 24.197);
});

test("a network with no weighted population has no entitlement; an unknown year is refused", () => {
  const r = arrsEntitlements([{ code: "A1", networkCode: "U1", weighted: null }], "2025-26");
  assert.equal(r.networks.get("U1")!.entitlement, null);
  assert.equal(r.total.entitlement, null);
  assert.throws(() => arrsEntitlements([], "2019-20"), UnknownContractYearError);
});
