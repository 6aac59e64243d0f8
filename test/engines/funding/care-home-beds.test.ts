import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  careHomeBedsFromPremium,
  type CareHomePremiumRecord,
} from "../../../src/engines/funding/care-home-beds.ts";

const row = (
  practiceCode: string,
  commissionerCode: string,
  pcnCode: string | null,
  registered: number | null,
  premium: number,
): CareHomePremiumRecord => ({ practiceCode, commissionerCode, pcnCode, registered, premium });

describe("care home beds from the payments files' premium", () => {
  test("a PCN's beds are its premium ÷ the rate, shared over its practices by list", () => {
    const b = careHomeBedsFromPremium(
      [
        row("A1", "C1", "U00001", 6_000, 12_000),
        row("A2", "C1", "U00001", 4_000, 0),
        row("B1", "C1", "U00002", 5_000, 2_400),
      ],
      120,
    );
    assert.equal(b.byPractice.get("A1"), 60);
    assert.equal(b.byPractice.get("A2"), 40);
    assert.equal(b.byPractice.get("B1"), 20);
    assert.equal(b.beds, 120);
    assert.equal(b.paidUnits, 2);
    assert.equal(b.premium, 14_400);
  });

  test("recoveries are netted within the PCN and never make beds negative", () => {
    const b = careHomeBedsFromPremium(
      [
        row("A1", "C1", "U00001", 1_000, 1_200),
        row("A2", "C1", "U00001", 1_000, -240),
        row("B1", "C1", "U00002", 1_000, -75),
      ],
      120,
    );
    assert.equal(b.byPractice.get("A1"), 4);
    assert.equal(b.byPractice.get("A2"), 4);
    assert.equal(b.byPractice.get("B1"), 0);
    assert.equal(b.beds, 8);
    assert.equal(b.paidUnits, 1);
  });

  test("a commissioner that records no premium at all leaves its practices' beds unknown, not zero", () => {
    const b = careHomeBedsFromPremium(
      [
        row("A1", "C1", "U00001", 1_000, 1_200),
        row("S1", "C2", "U00009", 1_000, 0),
        row("S2", "C2", null, 500, 0),
      ],
      120,
    );
    assert.deepEqual(b.silentCommissioners, ["C2"]);
    assert.deepEqual([...b.unknown].sort(), ["S1", "S2"]);
    assert.equal(b.byPractice.has("S1"), false);
  });

  test("practices outside any PCN stand alone; unknown lists share equally; sums are preserved", () => {
    const b = careHomeBedsFromPremium(
      [
        row("P1", "C1", null, 3_000, 360),
        row("Q1", "C1", "U00003", null, 600),
        row("Q2", "C1", "U00003", null, 0),
      ],
      120,
    );
    assert.equal(b.byPractice.get("P1"), 3);
    assert.equal(b.byPractice.get("Q1"), 2.5);
    assert.equal(b.byPractice.get("Q2"), 2.5);
    assert.equal(b.beds, 8);
    assert.throws(() => careHomeBedsFromPremium([], 0), /rate per bed must be positive/);
  });
});
