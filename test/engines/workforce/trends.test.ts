// Workforce trends and partner change on the tiny history of kit.ts, whose answers are worked out by hand.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { WorkforceRequestError } from "../../../src/engines/workforce/errors.ts";
import { change } from "../../../src/engines/workforce/figures.ts";
import { partnerChanges } from "../../../src/engines/workforce/partners.ts";
import { choosePeriods } from "../../../src/engines/workforce/periods.ts";
import { workforceTrends } from "../../../src/engines/workforce/trends.ts";
import { fiscalYearLabel, parseFiscalYear } from "../../../src/model/workforce.ts";
import { tinyHistory } from "./kit.ts";

const close = (a: number | null, b: number, eps = 1e-9) =>
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≠ ${b}`);

describe("fiscal years", () => {
  test("labels and parsing: FY2024-25 = HEEC Year 2025", () => {
    assert.equal(fiscalYearLabel(2025), "FY2024-25");
    assert.equal(fiscalYearLabel(2000), "FY1999-00");
    for (const t of ["FY2024-25", "2024-25", "fy2025", "2025", "2024/2025"])
      assert.equal(parseFiscalYear(t), 2025, t);
    for (const t of ["FY2024-26", "25", "next year", ""]) assert.equal(parseFiscalYear(t), null, t);
  });

  test("change: absolute and fraction, null when unknown or from zero", () => {
    assert.deepEqual(change(4, 3), { from: 4, to: 3, absolute: -1, fraction: -0.25 });
    assert.equal(change(0, 3).fraction, null);
    assert.equal(change(null, 3).absolute, null);
  });
});

describe("periods", () => {
  const chosen = choosePeriods(tinyHistory());

  test("one dataset per fiscal year: the newer file wins FY2022-23, and the overlap is reported with both totals", () => {
    assert.deepEqual(
      chosen.periods.map((p) => [p.label, p.dataset.id, p.practices, p.hasPartners]),
      [
        ["FY2021-22", 1, 7, false],
        ["FY2022-23", 2, 5, true],
        ["FY2023-24", 2, 5, true],
      ],
    );
    assert.equal(chosen.rows.filter((r) => r.gpFte === 99).length, 0);
    assert.equal(chosen.overlaps.length, 1);
    assert.match(
      chosen.overlaps[0]!,
      /FY2022-23 .*partners.* 16\.0 over 5 practices.*gp-admin.* 99\.0 over 1/,
    );
  });
});

describe("workforce trends", () => {
  const t = workforceTrends(tinyHistory(), { by: "icb" });
  const point = (s: (typeof t)["total"], fy: number) => s.points.find((p) => p.fiscalYear === fy)!.figures;

  test("England totals sum the practices that report each figure", () => {
    const fy22 = point(t.total, 2022);
    assert.equal(fy22.practices, 7);
    assert.equal(fy22.patients, 39_000);
    assert.equal(fy22.staff.gpFte, 17); // B2 reports no GPs
    assert.equal(fy22.staff.partnerFte, null);
    close(fy22.per10k.gpFte, (10_000 * 17) / 34_000); // B2's patients left out of the ratio
    close(fy22.gpFtePer10kWeighted, (10_000 * 9) / 20_000);
    const fy24 = point(t.total, 2024);
    assert.equal(fy24.staff.gpFte, 15);
    assert.equal(fy24.staff.partnerFte, 9);
    assert.equal(fy24.salariedOtherFte, 6);
    close(fy24.partnerShareFte, 9 / 15);
    assert.equal(fy24.weightedPatients, null);
  });

  test("areas plus unplaced practices add up to England in every period (conservation)", () => {
    for (const p of t.periods) {
      const areas = t.areas.reduce(
        (a, s) => a + (s.points.find((x) => x.fiscalYear === p.fiscalYear)?.figures.staff.gpFte ?? 0),
        0,
      );
      const unplaced = t.unplaced.find((u) => u.fiscalYear === p.fiscalYear)?.gpFte ?? 0;
      assert.equal(areas + unplaced, point(t.total, p.fiscalYear).staff.gpFte, p.label);
    }
    assert.deepEqual(t.unplaced, [{ fiscalYear: 2022, practices: 1, gpFte: 1 }]);
    const qaa = t.areas.find((s) => s.area.code === "QAA")!;
    assert.equal(point(qaa, 2022).staff.gpFte, 14); // includes A0, closed, placed through an older map
    assert.deepEqual(t.placement, { map: 5, olderMap: 1, register: 0, unplaced: 1, unplacedGpFteFirst: 1 });
  });

  test("changes: from the previous period and from first to last known", () => {
    const fy23 = t.total.points[1]!;
    assert.deepEqual(fy23.fromPrevious!.gpFte, { from: 17, to: 16, absolute: -1, fraction: -1 / 17 });
    assert.equal(t.total.changes.gpFte.absolute, -2);
    assert.equal(t.total.changes.gpFte.fromYear, "FY2021-22");
    assert.deepEqual(
      [
        t.total.changes.partnerFte.fromYear,
        t.total.changes.partnerFte.toYear,
        t.total.changes.partnerFte.fraction,
      ],
      ["FY2022-23", "FY2023-24", -0.25],
    );
  });

  test("by PCN within an ICB: practices without a PCN in today's map are counted apart", () => {
    const byPcn = workforceTrends(tinyHistory(), { by: "pcn", icb: "QAA" });
    assert.equal(byPcn.scope.code, "QAA");
    assert.deepEqual(
      byPcn.areas.map((s) => [s.area.code, s.points.map((p) => p.figures.staff.gpFte)]),
      [
        ["U00001", [9, 9, 8]],
        ["U00002", [3, 2, 2]],
      ],
    );
    assert.deepEqual(byPcn.unplaced, [{ fiscalYear: 2022, practices: 1, gpFte: 2 }]);
    assert.equal(point(byPcn.total, 2022).staff.gpFte, 14);
  });

  test("an unknown ICB is an error naming the known codes", () => {
    assert.throws(
      () => workforceTrends(tinyHistory(), { by: "icb", icb: "QZZ" }),
      (e: Error) => e instanceof WorkforceRequestError && /--icb: .*'QZZ'.*QAA, QBB/.test(e.message),
    );
  });
});

describe("partner change", () => {
  test("by ICB, fastest-losing first, with the England total", () => {
    const p = partnerChanges(tinyHistory(), { by: "icb" });
    assert.deepEqual([p.from.label, p.to.label, p.rank], ["FY2022-23", "FY2023-24", "pct"]);
    assert.deepEqual(
      p.rows.map((r) => [r.rank, r.area.code, r.from.partnerFte, r.to.partnerFte]),
      [
        [1, "QAA", 7, 4],
        [2, "QBB", 5, 5],
      ],
    );
    close(p.rows[0]!.fte.fraction, -3 / 7);
    assert.deepEqual([p.total.from.partnerFte, p.total.to.partnerFte, p.total.fte.absolute], [12, 9, -3]);
  });

  test("by practice, ranked by FTE lost; --top keeps the first N", () => {
    const p = partnerChanges(tinyHistory(), { by: "practice", top: 2 });
    assert.equal(p.rank, "fte");
    assert.deepEqual(
      p.rows.map((r) => [r.area.code, r.fte.absolute]),
      [
        ["A1", -2],
        ["A3", -1],
      ],
    );
    assert.equal(p.ranked, 5);
  });

  test("bad requests: a period without partners, --top 0, --from after --to", () => {
    assert.throws(
      () => partnerChanges(tinyHistory(), { by: "icb", from: 2022 }),
      /--from FY2021-22 has no partner figures; expected one of FY2022-23, FY2023-24/,
    );
    assert.throws(
      () => partnerChanges(tinyHistory(), { by: "icb", top: 0 }),
      /--top must be a whole number of at least 1; found '0'/,
    );
    assert.throws(
      () => partnerChanges(tinyHistory(), { by: "icb", from: 2024, to: 2023 }),
      /--from \(FY2023-24\) must be before --to \(FY2022-23\)/,
    );
  });
});
