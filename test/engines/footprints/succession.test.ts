// The footprint engine on the real maps of January, July and August 2026 and the ODS change summary of the
// April 2026 ICB mergers. Expected figures are counted from the CSVs in this file (papaparse), or were
// counted by hand with a short Python pass (the Frimley practices: 41 to Thames Valley, 14 to Hampshire
// and Isle of Wight, 11 to Surrey and Sussex).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { footprintOf, groupChanges, mapInForce } from "../../../src/engines/footprints/in-force.ts";
import { icbSuccession, lineageOf } from "../../../src/engines/footprints/succession.ts";
import type { DatedMap, IcbSuccession } from "../../../src/model/footprint.ts";
import { augMap, changeFiles, janMap, julMap, julyLists, readCsvRecords, FRIMLEY, RENAMED } from "./kit.ts";

const jan = janMap();
const jul = julMap();
const aug = augMap();
const changes = groupChanges(changeFiles());
const maps = [aug.map, jan.map, jul.map];
const rowsOf = new Map<number, DatedMap>([jan, jul, aug].map((m) => [m.map.id, m]));
const footprint = (date: string) => {
  const choice = mapInForce(maps, changes, date);
  return footprintOf(choice, rowsOf.get(choice.map.id)!.rows);
};
const lists = julyLists();
const succession: IcbSuccession = icbSuccession({
  from: { footprint: footprint("2026-03-31"), rows: jan.rows },
  to: { footprint: footprint("2026-08-01"), rows: aug.rows },
  changes,
  lists: {
    dataset: { ...aug.map, id: 20, source: "gp-reg-pat-prac-quin-age", period: "July 2026" },
    byPractice: lists,
  },
});
const distinct = (rows: DatedMap["rows"]) => new Set(rows.map((r) => r.icb.code)).size;

describe("ICB footprints across the April 2026 mergers", () => {
  test("42 ICBs in January 2026, 36 in August 2026, counted from the CSVs", () => {
    assert.equal(distinct(jan.rows), 42);
    assert.equal(distinct(aug.rows), 36);
    assert.equal(footprint("2026-01-15").icbs, 42);
    assert.equal(footprint("2026-08-15").icbs, 36);
    assert.equal(succession.old.length, 42);
    assert.equal(succession.new.length, 36);
  });

  test("the map in force: the January map to 31 March 2026, the change's membership from 1 April", () => {
    const before = footprint("2026-03-31");
    assert.equal(before.map.period, "January 2026");
    assert.equal(before.basis, "map");
    assert.equal(before.from, "2026-01-01");
    assert.equal(before.label, "ICB footprint of the January 2026 map (42 ICBs)");
    const on = footprint("2026-04-01");
    assert.equal(on.map.period, "July 2026"); // the first map published on or after the change
    assert.equal(on.basis, "change");
    assert.equal(on.from, "2026-04-01");
    assert.equal(
      on.label,
      "ICB footprint from 2026-04-01 (36 ICBs; membership as published in the July 2026 map)",
    );
    const now = footprint("2026-09-30");
    assert.equal(now.map.period, "August 2026");
    assert.equal(now.basis, "map");
    assert.equal(now.from, "2026-04-01");
    assert.throws(
      () => mapInForce(maps, changes, "2025-12-31"),
      /--date 2025-12-31: no map is in force that early; the earliest loaded is the January 2026 map \(2026-01-01\)/,
    );
    // Without a map published after the change, the change is named and the older membership kept.
    const early = mapInForce([jan.map], changes, "2026-05-01");
    assert.equal(early.map.period, "January 2026");
    assert.match(
      early.caveats.join(" "),
      /ODS change of 2026-04-01 is loaded but no map published since it is/,
    );
  });

  test("every old ICB has at least one successor; practices in both maps are all linked", () => {
    const inBoth = jan.rows.filter((r) => aug.rows.some((a) => a.practiceCode === r.practiceCode)).length;
    let linked = 0;
    for (const o of succession.old) {
      assert.ok(o.successors.length >= 1, `${o.icb.code} has no successor`);
      linked += o.successors.reduce((a, s) => a + s.practices, 0);
      assert.equal(o.continuing + o.gone, o.practices);
    }
    assert.equal(linked, inBoth);
    assert.equal(
      succession.old.reduce((a, o) => a + o.gone, 0),
      jan.rows.length - inBoth,
    );
    // Every link between two codes is backed by an ODS change row, and every ODS row by a practice move.
    assert.deepEqual(succession.unexplained, []);
  });

  test("six new ICBs, each from the ICBs whose renamed sub-ICB locations it took", () => {
    const formed = succession.new.filter((n) => n.isNew).map((n) => n.icb.code);
    assert.deepEqual(formed, ["D7T5G", "S0E4D", "S1Y5D", "S9B9J", "T6Y0W", "Z9B2Z"]);
    const renamed = readCsvRecords(RENAMED);
    // Each renamed sub-ICB's practices: same sub-ICB code after, in the ICB the ODS file names.
    for (const r of renamed) {
      const after = aug.rows.filter((a) => a.subIcb.code === r.sub_icb_location_code);
      assert.ok(after.length > 0, r.sub_icb_location_code);
      for (const a of after) assert.equal(a.icb.name.toUpperCase(), r.new_icb_name);
    }
    const tv = succession.new.find((n) => n.icb.code === "S0E4D")!;
    assert.deepEqual(
      tv.predecessors.map((p) => [p.from.code, p.practices, p.evidence.renamedSubIcbs, p.evidence.lsoas]),
      [
        ["QU9", 151, ["10Q", "14Y", "15A"], 0],
        ["QNQ", 41, [], 244],
      ],
    );
    const bob = succession.old.find((o) => o.icb.code === "QU9")!;
    assert.equal(bob.fate, "merged");
    const qu9 = jan.rows.filter(
      (r) => r.icb.code === "QU9" && aug.rows.some((a) => a.practiceCode === r.practiceCode),
    );
    assert.equal(
      bob.successors[0]!.patients,
      qu9.reduce((a, r) => a + (lists.get(r.practiceCode) ?? 0), 0),
    );
    assert.equal(bob.successors[0]!.sharePractices, 1);
  });

  test("Frimley (QNQ) is split as the ODS LSOA reallocation says: Thames Valley, Hampshire & IoW, Surrey & Sussex", () => {
    const frimley = readCsvRecords(FRIMLEY);
    const lsoasTo = new Map<string, number>();
    for (const r of frimley) lsoasTo.set(r.ICB25NM!, (lsoasTo.get(r.ICB25NM!) ?? 0) + 1);
    const qnq = succession.old.find((o) => o.icb.code === "QNQ")!;
    assert.equal(qnq.fate, "split");
    assert.deepEqual(
      qnq.successors.map((s) => [s.to.code, s.to.name, s.practices, s.subIcbs, s.evidence.lsoas]),
      [
        [
          "S0E4D",
          "NHS Thames Valley Integrated Care Board",
          41,
          ["D4U1Y"],
          lsoasTo.get("NHS Thames Valley Integrated Care Board"),
        ],
        [
          "QRL",
          "NHS Hampshire and Isle of Wight Integrated Care Board",
          14,
          ["D4U1Y"],
          lsoasTo.get("NHS Hampshire and Isle of Wight Integrated Care Board"),
        ],
        [
          "S9B9J",
          "NHS Surrey and Sussex Integrated Care Board",
          11,
          ["D4U1Y"],
          lsoasTo.get("NHS Surrey and Sussex Integrated Care Board"),
        ],
      ],
    );
    assert.deepEqual(
      qnq.successors.map((s) => s.evidence.lsoas),
      [244, 101, 95],
    );
    assert.ok(Math.abs(qnq.successors.reduce((a, s) => a + s.sharePractices, 0) - 1) < 1e-12);
    // The ICB code QNQ is gone; Hampshire and Isle of Wight keeps its code and grows.
    assert.ok(!aug.rows.some((r) => r.icb.code === "QNQ"));
    const qrl = succession.old.find((o) => o.icb.code === "QRL")!;
    assert.equal(qrl.fate, "enlarged");
    assert.equal(
      lineageOf(succession, "QNQ"),
      "QNQ NHS Frimley Integrated Care Board was split on 2026-04-01: its practices are now in " +
        "S0E4D NHS Thames Valley Integrated Care Board (41 practices), QRL NHS Hampshire and Isle of Wight " +
        "Integrated Care Board (14 practices), S9B9J NHS Surrey and Sussex Integrated Care Board (11 practices)",
    );
    assert.match(
      lineageOf(succession, "QRL")!,
      /^QRL gained on 2026-04-01 practices of QNQ NHS Frimley .*\(14 practices\)$/,
    );
    assert.equal(lineageOf(succession, "QNC"), null);
  });

  test("an ICB untouched by the mergers is unchanged: Staffordshire and Stoke-on-Trent (QNC)", () => {
    const qnc = succession.old.find((o) => o.icb.code === "QNC")!;
    assert.equal(qnc.fate, "unchanged");
    assert.equal(qnc.successors.length, 1);
    assert.equal(qnc.successors[0]!.to.code, "QNC");
    assert.equal(qnc.practices, jan.rows.filter((r) => r.icb.code === "QNC").length);
  });
});
