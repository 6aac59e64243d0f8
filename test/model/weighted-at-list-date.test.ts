import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { weightedAtListDate } from "../../src/model/picture-builder.ts";

describe("the picture's weighted population at the list date", () => {
  test("the payments year's weighted ÷ registered ratio × today's list", () => {
    // FY2021-22: 10,000 registered, 11,000 weighted (ratio 1.1); the list has grown to 12,000.
    assert.ok(
      Math.abs(weightedAtListDate({ weighted: 11_000, registered: 10_000 }, 12_000)! - 13_200) < 1e-9,
    );
  });

  test("the published weighted list where there is nothing to scale by; null when unpublished", () => {
    assert.equal(weightedAtListDate({ weighted: 11_000, registered: null }, 12_000), 11_000);
    assert.equal(weightedAtListDate({ weighted: 11_000, registered: 0 }, 12_000), 11_000);
    assert.equal(weightedAtListDate({ weighted: 11_000, registered: 10_000 }, null), 11_000);
    assert.equal(weightedAtListDate(undefined, 12_000), null);
  });
});
