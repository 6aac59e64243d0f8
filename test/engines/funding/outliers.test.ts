// Outliers of per-head payments and implausible workforce figures (src/engines/funding/outliers.ts): the
// rules on hand-made rows, and the known case in the files: M83126 in FY2020-21 (£10,438,198.94 on a list of
// 6,892.5, against England's median of £149.30 a head; computed with Python's csv and statistics modules).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  outlierCaveats,
  paymentOutliers,
  withoutPaymentOutliers,
  workforceOutliers,
} from "../../../src/engines/funding/outliers.ts";
import { listPaymentYears, loadPayments } from "../../../src/store/repositories/payments.ts";
import type { PaymentYear } from "../../../src/model/funding.ts";
import { importOne, memoryStore, shared } from "../../helpers.ts";

const row = (practiceCode: string, registered: number | null, total: number | null) => ({
  practiceCode,
  registered,
  weighted: registered,
  total,
  globalSum: null,
});

describe("outliers on hand-made rows", () => {
  const years: PaymentYear[] = [
    {
      fiscalYear: "2020-21",
      records: [
        row("A", 1000, 100_000), // £100 a head
        row("B", 1000, 150_000),
        row("C", 1000, 200_000), // £200: the median of A–E
        row("D", 1000, 600_000), // exactly 3 × the median: not flagged
        row("E", 1000, 601_000), // above 3 ×: flagged
        row("F", 0, 10_000), // no list: ignored
        row("G", 500, null), // no total: ignored
      ],
    },
  ];

  test("a practice-year is flagged above 3 × the year's median per registered patient", () => {
    const out = paymentOutliers(years);
    assert.deepEqual(
      out.map((o) => [o.practiceCode, o.fiscalYear, o.median, Number(o.multiple.toFixed(4))]),
      [["E", "2020-21", 200, 3.005]],
    );
    // The median is over the rows with a list and a total: A, B, C, D, E → £200; 3 × 200 = £600 a head.
    assert.deepEqual(
      paymentOutliers(years, 3.1).map((o) => o.practiceCode),
      [],
    );
    assert.deepEqual(
      paymentOutliers(years, 1.5).map((o) => o.practiceCode),
      ["E", "D"],
    );
  });

  test("excluding drops exactly the flagged practice-years", () => {
    const kept = withoutPaymentOutliers(years, paymentOutliers(years, 1.5));
    assert.deepEqual(
      kept[0]!.records.map((r) => r.practiceCode),
      ["A", "B", "C", "F", "G"],
    );
  });

  test("more than 10,000 patients per GP FTE is implausible; no GP FTE is not a ratio", () => {
    const out = workforceOutliers([
      { code: "M83067", listSize: 8314, gpFte: 0.2 }, // 41,570 a GP FTE
      { code: "P2", listSize: 10_000, gpFte: 1 }, // exactly 10,000: not flagged
      { code: "P3", listSize: 9_000, gpFte: 0 },
      { code: "P4", listSize: null, gpFte: 1 },
    ]);
    assert.deepEqual(
      out.map((o) => [o.practiceCode, o.patientsPerGpFte]),
      [["M83067", 41_570]],
    );
    const lines = outlierCaveats([], out, false, () => "LYME VALLEY");
    assert.match(
      lines[0]!,
      /^Implausible workforce: 1 practice\(s\) with more than 10,000 patients per GP FTE, included; pass --exclude-outliers/,
    );
    assert.equal(lines[1], "M83067 (LYME VALLEY): 8,314 patients, 0.20 GP FTE = 41,570 per GP FTE");
  });
});

describe("outliers in the FY2020-21 payments file", () => {
  test("M83126 is flagged at 10.1 × England's median (£1,514 a head against £149.30)", async () => {
    const store = await memoryStore();
    try {
      await importOne(store, shared("practices/epraccur_2026-02.csv"));
      await importOne(store, shared("payments/history/nhs-payments-gp_2020-21.csv"));
      const refs = await listPaymentYears(store.db, false);
      const rows = await loadPayments(store.db, refs);
      const years = [...rows].map(([fiscalYear, records]) => ({ fiscalYear, records }));
      const out = paymentOutliers(years);
      assert.equal(out.length, 45); // of 6,700 practices with a list and a total
      const m = out.find((o) => o.practiceCode === "M83126")!;
      assert.ok(Math.abs(m.median - 149.3021292) < 1e-6, String(m.median));
      assert.ok(Math.abs(m.total - 10_438_198.94) < 0.01);
      assert.ok(Math.abs(m.multiple - 10.1433823) < 1e-6, String(m.multiple));
      const [head, first] = outlierCaveats([m], [], true, () => "LONGTON HALL SURGERY");
      assert.match(head!, /left out of per-head figures \(--exclude-outliers\)/);
      assert.equal(
        first,
        "M83126 (LONGTON HALL SURGERY) 2020-21: £10,438,199 on a list of 6,893 = £1,514 a head, 10.1 × the median £149",
      );
    } finally {
      await store.close();
    }
  });
});
