// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The footprint use cases on a store holding the real January, July and August 2026 maps, the July 2026
// list sizes, the ODS change summary of the April 2026 mergers and the HEEC practice workforce
// (FY2022-23 to FY2024-25). Every expected value is read from the CSVs in this file (papaparse), not with
// icsplan's importers: the ICB of practices before and after 1 April 2026, the 42 → 36 ICB count, the
// Frimley split, and a workforce series of FY2022-23 (before the mergers) summed over the new Thames
// Valley ICB's practices and over the old Buckinghamshire, Oxfordshire and Berkshire West ICB's.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { after, before, describe, test } from "node:test";
import { areaFootprint, icbOnDate, icbSuccession } from "../../../src/app/footprints.ts";
import { trendsUseCase } from "../../../src/app/workforce.ts";
import type { Store } from "../../../src/store/store.ts";
import { importedStore, shared } from "../../helpers.ts";
import { FRIMLEY, LISTS_JUL, MAPS, RENAMED, mapRecords, readCsvRecords } from "./kit.ts";

const PARTNERS = "workforce/heec_practice_workforce_fy2023-2025_partners.csv";
const REGISTER = "practices/epraccur_2026-02.csv";
const FILES = [REGISTER, MAPS.jan, MAPS.jul, MAPS.aug, LISTS_JUL, RENAMED, FRIMLEY, PARTNERS];

const jan = new Map(mapRecords(MAPS.jan).map((r) => [r.PRACTICE_CODE!, r]));
const jul = new Map(mapRecords(MAPS.jul).map((r) => [r.PRACTICE_CODE!, r]));
const aug = new Map(mapRecords(MAPS.aug).map((r) => [r.PRACTICE_CODE!, r]));
const codesIn = (map: Map<string, Record<string, string>>, icb: string) =>
  new Set([...map.values()].filter((r) => r.ICB_CODE === icb).map((r) => r.PRACTICE_CODE!));

/** FY2022-23 GP FTE (excluding trainees and locums) and practice count over a set of practices. */
function workforce2023(practices: ReadonlySet<string>): { practices: number; gpFte: number } {
  let n = 0;
  let gpFte = 0;
  for (const r of readCsvRecords(PARTNERS)) {
    if (r.Year !== "2023" || !practices.has(r["Practice.Code"]!)) continue;
    n++;
    gpFte += Number(r.TOTAL_GP_EXTGL_FTE);
  }
  return { practices: n, gpFte };
}

describe("ICB footprints in the store: a practice's ICB on a date, the succession, series across the change", () => {
  let store: Store;
  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { expect: "imported" },
    ));
  });
  after(async () => store?.close());

  test("a practice's ICB before and after 1 April 2026 is its row of the map in force", async () => {
    // A practice of each kind of change, chosen from the files: in BOB (merged into Thames Valley), in
    // Frimley going to each of its three successors, in North Central London, and in QNC (unchanged).
    const pick = (from: string, to: string) =>
      [...jan.values()].find((r) => r.ICB_CODE === from && aug.get(r.PRACTICE_CODE!)?.ICB_CODE === to)!
        .PRACTICE_CODE!;
    const chosen = [
      pick("QU9", "S0E4D"),
      pick("QNQ", "S0E4D"),
      pick("QNQ", "QRL"),
      pick("QNQ", "S9B9J"),
      pick("QMJ", "Z9B2Z"),
      pick("QNC", "QNC"),
    ];
    for (const code of chosen) {
      const before = await icbOnDate(store, { synthetic: false, practice: code, date: "2026-03-31" });
      assert.equal(before.icb.code, jan.get(code)!.ICB_CODE, code);
      assert.equal(before.subIcb.code, jan.get(code)!.SUB_ICB_LOCATION_CODE, code);
      assert.equal(before.footprint.label, "ICB footprint of the January 2026 map (42 ICBs)");
      const on = await icbOnDate(store, {
        synthetic: false,
        practice: code.toLowerCase(),
        date: "2026-04-01",
      });
      assert.equal(on.icb.code, jul.get(code)!.ICB_CODE, code);
      assert.equal(on.icb.name, jul.get(code)!.ICB_NAME, code);
      assert.equal(on.subIcb.code, jul.get(code)!.SUB_ICB_LOCATION_CODE, code);
      assert.equal(
        on.footprint.label,
        "ICB footprint from 2026-04-01 (36 ICBs; membership as published in the July 2026 map)",
      );
      const now = await icbOnDate(store, { synthetic: false, practice: code, date: "2026-08-20" });
      assert.equal(now.icb.code, aug.get(code)!.ICB_CODE, code);
      assert.equal(now.footprint.map.period, "August 2026");
    }
    // A practice of the January map that has closed by August.
    const gone = [...jan.keys()].find((c) => !jul.has(c) && !aug.has(c))!;
    assert.equal(
      (await icbOnDate(store, { synthetic: false, practice: gone, date: "2026-02-01" })).icb.code,
      jan.get(gone)!.ICB_CODE,
    );
    await assert.rejects(
      icbOnDate(store, { synthetic: false, practice: gone, date: "2026-08-01" }),
      new RegExp(
        `--practice ${gone}: not in the August 2026 map \\(in force on 2026-08-01\\); it is in the January 2026 maps`,
      ),
    );
    await assert.rejects(
      icbOnDate(store, { synthetic: false, practice: chosen[0]!, date: "2025-12-31" }),
      /no map is in force that early; the earliest loaded is the January 2026 map/,
    );
    await assert.rejects(
      icbOnDate(store, { synthetic: false, practice: chosen[0]!, date: "1 April" }),
      /--date must be a date such as 2026-04-01; found '1 April'/,
    );
  });

  test("the succession from the store: 42 → 36 ICBs, Frimley split as the ODS file says, patients from July 2026", async () => {
    const s = await icbSuccession(store, { synthetic: false });
    assert.equal(s.from.map.period, "January 2026");
    assert.equal(s.to.map.period, "August 2026");
    assert.equal(s.from.icbs, new Set([...jan.values()].map((r) => r.ICB_CODE)).size);
    assert.equal(s.to.icbs, new Set([...aug.values()].map((r) => r.ICB_CODE)).size);
    assert.deepEqual([s.from.icbs, s.to.icbs], [42, 36]);
    assert.deepEqual(
      s.changes.map((c) => [c.effectiveFrom, c.sources.map((d) => d.source).sort()]),
      [["2026-04-01", ["ods-lsoa-reallocation", "ods-sicbl-renamed"]]],
    );
    assert.equal(s.lists?.period, "July 2026");
    assert.deepEqual(s.unexplained, []);
    for (const o of s.old) assert.ok(o.successors.length >= 1, o.icb.code);
    const lists = new Map(readCsvRecords(LISTS_JUL).map((r) => [r.ORG_CODE!, Number(r.NUMBER_OF_PATIENTS)]));
    const qnq = s.old.find((o) => o.icb.code === "QNQ")!;
    for (const link of qnq.successors) {
      const moved = [...codesIn(jan, "QNQ")].filter((c) => aug.get(c)?.ICB_CODE === link.to.code);
      assert.equal(link.practices, moved.length, link.to.code);
      assert.equal(
        link.patients,
        moved.reduce((a, c) => a + (lists.get(c) ?? 0), 0),
        link.to.code,
      );
    }
    assert.deepEqual(
      qnq.successors.map((l) => [l.to.code, l.evidence.lsoas]),
      [
        ["S0E4D", 244],
        ["QRL", 101],
        ["S9B9J", 95],
      ],
    );
    // An explicit pair of dates: July → August 2026 has no change between them, and no ICB moves.
    const quiet = await icbSuccession(store, { synthetic: false, from: "2026-07-01", to: "2026-08-01" });
    assert.ok(quiet.old.every((o) => o.fate === "unchanged"));
    assert.match(
      quiet.caveats.join(" "),
      /No ODS change file takes effect between the July 2026 and August 2026 maps/,
    );
    await assert.rejects(
      icbSuccession(store, { synthetic: false, from: "2026-08-01", to: "2026-07-01" }),
      /--from 2026-08-01 gives the August 2026 map, not earlier than the July 2026 map of --to 2026-07-01/,
    );
  });

  test("an ICB as it is now and as it was; an old code in today's footprint names its successors", async () => {
    const tv = await areaFootprint(store, { synthetic: false, icb: "S0E4D" });
    assert.equal(tv.footprint.map.period, "August 2026");
    assert.deepEqual(new Set(tv.practiceCodes), codesIn(aug, "S0E4D"));
    assert.match(
      tv.lineage!,
      /^S0E4D was formed on 2026-04-01 from QU9 .*\(151 practices\), QNQ NHS Frimley Integrated Care Board \(41 practices\)$/,
    );
    const bob = await areaFootprint(store, { synthetic: false, icb: "QU9", footprint: "2026-03-31" });
    assert.deepEqual(new Set(bob.practiceCodes), codesIn(jan, "QU9"));
    assert.equal(bob.footprint.label, "ICB footprint of the January 2026 map (42 ICBs)");
    await assert.rejects(
      areaFootprint(store, { synthetic: false, icb: "QNQ" }),
      /--icb QNQ is not an ICB in the ICB footprint from 2026-04-01 \(36 ICBs; .*\): QNQ NHS Frimley Integrated Care Board was split on 2026-04-01: its practices are now in S0E4D .*; as it was, it is in the footprints up to 2026-03-31$/,
    );
    await assert.rejects(
      areaFootprint(store, { synthetic: false, icb: "S0E4D", footprint: "2026-03-31" }),
      /--icb S0E4D is not an ICB in the ICB footprint of the January 2026 map \(42 ICBs\): S0E4D was formed .*; it is in the footprints from 2026-04-01$/,
    );
    await assert.rejects(
      areaFootprint(store, { synthetic: false, icb: "QZZ" }),
      /--icb: no ICB has code or name 'QZZ' in any loaded map/,
    );
  });

  test("a workforce series of FY2022-23 (before the mergers) over the new ICB's footprint and over the old one", async () => {
    // As it is now: Thames Valley (S0E4D) did not exist in FY2022-23; its practices of August 2026 did.
    // Practices that closed between July and August 2026 are counted through the July map, which has S0E4D.
    const now = new Set([...codesIn(aug, "S0E4D"), ...[...codesIn(jul, "S0E4D")].filter((c) => !aug.has(c))]);
    const tv = await trendsUseCase(store, { synthetic: false }, { by: "icb", icb: "S0E4D" });
    assert.equal(tv.scope.code, "S0E4D");
    assert.equal(tv.footprint.map.period, "August 2026");
    assert.match(tv.footprint.label, /^ICB footprint from 2026-04-01 \(36 ICBs/);
    assert.match(tv.lineage!, /^S0E4D was formed on 2026-04-01 from QU9/);
    const fy23 = tv.total.points.find((p) => p.fiscalYear === 2023)!.figures;
    const direct = workforce2023(now);
    assert.equal(fy23.practices, direct.practices);
    assert.ok(Math.abs(fy23.staff.gpFte! - direct.gpFte) < 1e-6, `${fy23.staff.gpFte} ≠ ${direct.gpFte}`);

    // As it was: BOB (QU9) in the January 2026 map, plus practices closed before it that the register
    // (February 2026) still places in QU9.
    const register = Papa.parse<string[]>(readFileSync(shared(REGISTER), "utf8"), {
      skipEmptyLines: true,
    }).data;
    const was = new Set([
      ...codesIn(jan, "QU9"),
      ...register
        .filter((r) => r[3] === "QU9" && !jan.has(r[0]!) && !jul.has(r[0]!) && !aug.has(r[0]!))
        .map((r) => r[0]!),
    ]);
    const asked = await trendsUseCase(
      store,
      { synthetic: false },
      { by: "icb", icb: "QU9", footprint: "2026-03-31" },
    );
    const fallback = await trendsUseCase(store, { synthetic: false }, { by: "icb", icb: "QU9" });
    for (const bob of [asked, fallback]) {
      assert.equal(bob.footprint.map.period, "January 2026");
      const f = bob.total.points.find((p) => p.fiscalYear === 2023)!.figures;
      const d = workforce2023(was);
      assert.equal(f.practices, d.practices);
      assert.ok(Math.abs(f.staff.gpFte! - d.gpFte) < 1e-6, `${f.staff.gpFte} ≠ ${d.gpFte}`);
    }
    // The new footprint is the old one plus Frimley's 41 Berkshire East practices (less closures).
    assert.ok(fy23.practices > asked.total.points.find((p) => p.fiscalYear === 2023)!.figures.practices);
    // Without an ICB, the series states the footprint of its map.
    const england = await trendsUseCase(store, { synthetic: false }, { by: "icb" });
    assert.equal(england.footprint.map.period, "August 2026");
    assert.equal(england.areas.length, 36);
  });
});
