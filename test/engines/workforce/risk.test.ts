// The partnership sustainability score on the tiny history of kit.ts: every component of a known practice
// reproduced by hand, the ranking, the area counts and bad requests.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { partnershipRisk } from "../../../src/engines/workforce/risk.ts";
import { pointsFor, RISK_FLAG_POINTS, RISK_RULES } from "../../../src/engines/workforce/risk-rules.ts";
import { tinyHistory } from "./kit.ts";

describe("risk rules", () => {
  test("bands are inclusive, ordered from the most points, and ratio rules scale by England's value", () => {
    const partners = RISK_RULES.find((r) => r.id === "partners")!;
    assert.equal(pointsFor(partners, 0).points, 3);
    assert.equal(pointsFor(partners, 1).points, 2);
    assert.equal(pointsFor(partners, 1.1).points, 0);
    const ppg = RISK_RULES.find((r) => r.id === "patients-per-gp")!;
    assert.equal(pointsFor(ppg, 3_750, 2_500).points, 2);
    assert.equal(pointsFor(ppg, 3_749, 2_500).points, 1);
    assert.equal(pointsFor(ppg, 3_124, 2_500).points, 0);
    assert.equal(
      RISK_RULES.reduce((a, r) => a + Math.max(...r.bands.map((b) => b.points)), 0),
      13,
    );
    assert.equal(RISK_FLAG_POINTS, 7);
  });
});

describe("partnership risk", () => {
  const r = partnershipRisk(tinyHistory(), {});
  const a1 = r.practices.find((p) => p.practice.code === "A1")!;

  test("references: England's patients per GP FTE and locum share in the latest period", () => {
    assert.equal(r.period.label, "FY2023-24");
    assert.equal(r.englandPatientsPerGpFte, 37_500 / 15);
    assert.equal(r.englandLocumShare, 5 / 20);
    assert.equal(r.partnerFrom!.label, "FY2022-23");
    assert.equal(r.growthFrom!.label, "FY2021-22"); // FY2020-21 is not loaded: the first period is used
  });

  test("a known practice: each component's value, thresholds and points", () => {
    const by = Object.fromEntries(a1.components.map((c) => [c.id, c]));
    assert.deepEqual(
      a1.components.map((c) => [c.id, c.value, c.points, c.status]),
      [
        ["partners", 2, 0, "scored"],
        ["partner-change", -0.5, 2, "scored"],
        ["patients-per-gp", 3_150, 1, "scored"],
        ["list-growth", 0.26, 2, "scored"],
        ["deprivation", 1, 2, "scored"],
        ["locum-reliance", 0.5, 2, "scored"],
      ],
    );
    assert.deepEqual(by["patients-per-gp"]!.thresholds, [
      { comparison: ">=", value: 3_750, points: 2 },
      { comparison: ">=", value: 3_125, points: 1 },
    ]);
    assert.deepEqual(
      by["locum-reliance"]!.thresholds.map((t) => t.value),
      [0.5, 0.375],
    );
    assert.deepEqual([a1.score, a1.maxScore, a1.flagged, a1.known], [9, 13, true, 6]);
  });

  test("APMS practices are not scored on partners; unknowns score 0 and are counted", () => {
    const b2 = r.practices.find((p) => p.practice.code === "B2")!;
    assert.deepEqual(
      b2.components.slice(0, 2).map((c) => [c.status, c.note]),
      [
        ["not-applicable", "APMS contract"],
        ["not-applicable", "APMS contract"],
      ],
    );
    const a3 = r.practices.find((p) => p.practice.code === "A3")!;
    assert.deepEqual(
      a3.components.map((c) => c.points),
      [3, 2, 0, 0, 0, 0],
    );
    assert.equal(a3.known, 5); // no deprivation figure
  });

  test("ranked by score, then patients per GP FTE; areas count flagged practices", () => {
    assert.deepEqual(
      r.practices.map((p) => [p.rank, p.practice.code, p.score]),
      [
        [1, "A1", 9],
        [2, "A3", 5],
        [3, "B1", 1],
        [4, "A2", 0],
        [5, "B2", 0],
      ],
    );
    assert.deepEqual(
      r.areas.map((a) => [a.area.code, a.practices, a.flagged, a.patientsFlagged]),
      [
        ["QAA", 3, 1, 12_600],
        ["QBB", 2, 0, 0],
      ],
    );
  });

  test("--icb ranks its PCNs; --pcn and --practice narrow; --top keeps N", () => {
    const inA = partnershipRisk(tinyHistory(), { icb: "QAA", top: 1 });
    assert.deepEqual(
      inA.practices.map((p) => p.practice.code),
      ["A1"],
    );
    assert.equal(inA.ranked, 3);
    assert.deepEqual(
      inA.areas.map((a) => a.area.code),
      ["U00001", "U00002"],
    );
    assert.deepEqual(
      partnershipRisk(tinyHistory(), { pcn: "U00003" }).practices.map((p) => p.practice.code),
      ["B1", "B2"],
    );
    assert.equal(partnershipRisk(tinyHistory(), { practice: "a3" }).practices[0]!.score, 5);
  });

  test("bad requests name the field, what was expected and what was found", () => {
    assert.throws(
      () => partnershipRisk(tinyHistory(), { top: 0 }),
      /--top must be a whole number of at least 1; found '0'/,
    );
    assert.throws(
      () => partnershipRisk(tinyHistory(), { pcn: "U99999" }),
      /--pcn 'U99999' is not a PCN in the January 2026 map; expected a PCN code such as U00001, U00002, U00003/,
    );
    assert.throws(
      () => partnershipRisk(tinyHistory(), { icb: "QBB", pcn: "U00001" }),
      /--pcn 'U00001' is in QAA \(ICB A\), not in --icb QBB/,
    );
    assert.throws(
      () => partnershipRisk(tinyHistory(), { practice: "Z9" }),
      /--practice 'Z9' is not a practice in the January 2026 map/,
    );
  });
});
