// Capacity caps as typed on the command line, each practice's room under them, and the largest-remainder
// apportionment that keeps every split in whole patients.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { largestRemainder } from "../../../src/engines/scenarios/apportion.ts";
import { capText, parseCapacityCap, practiceCapacity } from "../../../src/engines/scenarios/capacity.ts";

describe("capacity caps", () => {
  test("growth:%, growth:patients and per-gp-fte are read and written back", () => {
    for (const [text, cap] of [
      ["growth:20%", { kind: "growth-percent", percent: 20 }],
      ["growth: 7.5 %", { kind: "growth-percent", percent: 7.5 }],
      ["growth:2,000", { kind: "growth-patients", patients: 2000 }],
      ["PER-GP-FTE:2500", { kind: "per-gp-fte", patients: 2500 }],
    ] as const) {
      assert.deepEqual(parseCapacityCap(text), cap);
    }
    assert.equal(capText(parseCapacityCap("growth:2,000")), "growth:2000");
  });

  test("zero, negative and unknown caps are refused with the value named", () => {
    const cases: [string, RegExp][] = [
      [
        "growth:0%",
        /capacity cap 'growth:0%': the growth share must be above 0 \(a cap of 0% lets no practice take a patient\)/,
      ],
      ["growth:-100", /capacity cap 'growth:-100': the number of patients must be above 0/],
      ["per-gp-fte:-5", /capacity cap 'per-gp-fte:-5': patients per GP FTE must be above 0/],
      ["growth:lots%", /the growth share must be a number; found 'lots'/],
      [
        "lots",
        /capacity cap must be growth:<percent>% \(e.g. growth:20%\), growth:<patients> \(e.g. growth:2000\) or per-gp-fte:<patients>/,
      ],
    ];
    for (const [text, message] of cases) assert.throws(() => parseCapacityCap(text), message, text);
  });

  test("room under each cap", () => {
    assert.equal(practiceCapacity({ kind: "growth-percent", percent: 20 }, 8_001, null), 1600);
    assert.equal(practiceCapacity({ kind: "growth-patients", patients: 500 }, 8_000, null), 500);
    assert.equal(practiceCapacity({ kind: "per-gp-fte", patients: 2000 }, 8_000, 5), 2000);
    assert.equal(practiceCapacity({ kind: "per-gp-fte", patients: 2000 }, 12_000, 5), 0); // already above
    assert.equal(practiceCapacity({ kind: "per-gp-fte", patients: 2000 }, 8_000, null), null); // cannot judge
  });
});

describe("largest remainder", () => {
  test("known answers; sums exactly; ties to the earlier index", () => {
    assert.deepEqual([...largestRemainder(10, [1, 1, 1])], [4, 3, 3]);
    assert.deepEqual([...largestRemainder(1000, [2, 1])], [667, 333]);
    assert.deepEqual([...largestRemainder(0, [1, 2])], [0, 0]);
    assert.deepEqual([...largestRemainder(5, [0, 3, 0])], [0, 5, 0]);
    for (let total = 1; total < 200; total += 7) {
      const w = [0.3, 2, 0, 5.5, 1e-3, 7];
      const out = largestRemainder(total, w);
      assert.equal(
        out.reduce((a, v) => a + v, 0),
        total,
      );
      out.forEach((v, i) => assert.ok(Math.abs(v - (total * w[i]!) / 14.801) < 1, `${total} ${i}`));
    }
  });

  test("bad totals and weights are refused", () => {
    assert.throws(() => largestRemainder(1.5, [1]), /total must be a whole number ≥ 0/);
    assert.throws(() => largestRemainder(3, [0, 0]), /every weight is 0/);
    assert.throws(() => largestRemainder(3, [1, -1]), /weight 1 must be a finite number ≥ 0/);
  });
});
