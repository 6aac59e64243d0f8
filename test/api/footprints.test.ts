// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The ICB footprint routes (GET /api/icbs/on, /api/icbs/changes, /api/icbs/footprint) in process on a store
// holding the real January, July and August 2026 maps, the July 2026 list sizes and the ODS change summary
// of the April 2026 mergers (the files of test/engines/footprints/use-cases.test.ts, so the imported
// fixture is shared). Expected values are read from the CSVs with papaparse, not icsplan's importers, and
// a few were checked by hand: K81001 The Waterfield Practice was in Frimley (QNQ, sub-ICB D4U1Y) on
// 31 March 2026 and in Thames Valley (S0E4D, U2G6B) from 1 April; Frimley's 66 continuing practices went
// 41 to Thames Valley, 14 to Hampshire and Isle of Wight (QRL), 11 to Surrey and Sussex (S9B9J).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import type { AreaFootprint, IcbMembership, IcbsOnDate, IcbSuccession } from "../../src/model/footprint.ts";
import type { Store } from "../../src/store/store.ts";
import { importedStore, shared } from "../helpers.ts";
import { FRIMLEY, LISTS_JUL, MAPS, RENAMED, mapRecords, readCsvRecords } from "../engines/footprints/kit.ts";

const PARTNERS = "workforce/heec_practice_workforce_fy2023-2025_partners.csv";
const REGISTER = "practices/epraccur_2026-02.csv";
const FILES = [REGISTER, MAPS.jan, MAPS.jul, MAPS.aug, LISTS_JUL, RENAMED, FRIMLEY, PARTNERS];

const jan = new Map(mapRecords(MAPS.jan).map((r) => [r.PRACTICE_CODE!, r]));
const jul = new Map(mapRecords(MAPS.jul).map((r) => [r.PRACTICE_CODE!, r]));
const aug = new Map(mapRecords(MAPS.aug).map((r) => [r.PRACTICE_CODE!, r]));
const codesIn = (map: Map<string, Record<string, string>>, icb: string) =>
  new Set([...map.values()].filter((r) => r.ICB_CODE === icb).map((r) => r.PRACTICE_CODE!));

let store: Store;
let api: ReturnType<typeof createApi>;

before(async () => {
  ({ store } = await importedStore(
    FILES.map((f) => shared(f)),
    { expect: "imported" },
  ));
  api = createApi(store);
});
after(async () => store?.close());

async function ok<T>(path: string): Promise<T> {
  const res = await api.request(path);
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
  return (await res.json()) as T;
}

async function problemOf(path: string, status: number, field: string) {
  const res = await api.request(path);
  assert.equal(res.status, status, await res.clone().text());
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const p = (await res.json()) as { status: number; detail: string; field?: string };
  assert.equal(p.status, status);
  assert.equal(p.field, field, p.detail);
  assert.doesNotMatch(p.detail, /\n\s+at |--[a-z]/, "no stack trace, no CLI option");
  return p;
}

describe("ICB footprint routes on the real 2026 maps and ODS change summary", () => {
  test("GET /api/icbs/on: named practices' ICB on 31 March and 1 April 2026", async () => {
    // [practice, ICB before, sub-ICB before, ICB from 1 April, sub-ICB from 1 April]
    const named = [
      ["K81001", "QNQ", "D4U1Y", "S0E4D", "U2G6B"], // The Waterfield Practice: Frimley → Thames Valley
      ["J82015", "QNQ", "D4U1Y", "QRL", "D9Y0V"], // Giffard Drive Surgery: Frimley → Hampshire and IoW
      ["H81013", "QNQ", "D4U1Y", "S9B9J", "92A"], // Bartlett Group Practice: Frimley → Surrey and Sussex
      ["J82054", "QU9", "15A", "S0E4D", "15A"], // Kintbury & Woolton Hill: BOB → Thames Valley
      ["E83003", "QMJ", "93C", "Z9B2Z", "93C"], // Oakleigh Road: North Central London → West and North London
      ["C81018", "QNC", "05D", "QNC", "05D"], // Dove River: Staffordshire and Stoke-on-Trent, unchanged
    ] as const;
    for (const [code, icbBefore, subBefore, icbAfter, subAfter] of named) {
      assert.equal(jan.get(code)!.ICB_CODE, icbBefore, `${code} in the January file`);
      assert.equal(jul.get(code)!.ICB_CODE, icbAfter, `${code} in the July file`);
      const was = await ok<IcbMembership>(`/api/icbs/on?practice=${code}&date=2026-03-31`);
      assert.deepEqual([was.icb.code, was.subIcb.code], [icbBefore, subBefore], code);
      assert.equal(was.practiceName, jan.get(code)!.PRACTICE_NAME);
      assert.equal(was.footprint.label, "ICB footprint of the January 2026 map (42 ICBs)");
      assert.equal(was.footprint.from, "2026-01-01");
      const is = await ok<IcbMembership>(`/api/icbs/on?practice=${code.toLowerCase()}&date=2026-04-01`);
      assert.deepEqual([is.icb.code, is.subIcb.code], [icbAfter, subAfter], code);
      assert.equal(is.icb.name, jul.get(code)!.ICB_NAME);
      assert.deepEqual(
        [is.footprint.from, is.footprint.basis, is.footprint.icbs],
        ["2026-04-01", "change", 36],
      );
      assert.equal(is.footprint.map.period, "July 2026");
    }
  });

  test("GET /api/icbs/changes: 42 → 36 ICBs, Frimley split 41/14/11 practices and 244/101/95 LSOAs", async () => {
    const s = await ok<IcbSuccession>("/api/icbs/changes");
    assert.deepEqual([s.from.map.period, s.to.map.period], ["January 2026", "August 2026"]);
    assert.deepEqual([s.from.icbs, s.to.icbs], [42, 36]);
    assert.equal(s.old.length, new Set([...jan.values()].map((r) => r.ICB_CODE)).size);
    assert.equal(s.new.length, new Set([...aug.values()].map((r) => r.ICB_CODE)).size);
    assert.deepEqual(
      s.new
        .filter((n) => n.isNew)
        .map((n) => n.icb.code)
        .sort(),
      ["D7T5G", "S0E4D", "S1Y5D", "S9B9J", "T6Y0W", "Z9B2Z"],
    );
    assert.deepEqual(s.unexplained, []);
    assert.deepEqual(
      s.changes.map((c) => [c.effectiveFrom, c.sources.map((d) => d.source).sort()]),
      [["2026-04-01", ["ods-lsoa-reallocation", "ods-sicbl-renamed"]]],
    );
    const frimley = s.old.find((o) => o.icb.code === "QNQ")!;
    assert.equal(frimley.fate, "split");
    const lists = new Map(readCsvRecords(LISTS_JUL).map((r) => [r.ORG_CODE!, Number(r.NUMBER_OF_PATIENTS)]));
    const lsoas = new Map<string, number>();
    for (const r of readCsvRecords(FRIMLEY)) lsoas.set(r.ICB25NM!, (lsoas.get(r.ICB25NM!) ?? 0) + 1);
    assert.deepEqual(
      frimley.successors.map((l) => [l.to.code, l.practices, l.evidence.lsoas]),
      [
        ["S0E4D", 41, 244],
        ["QRL", 14, 101],
        ["S9B9J", 11, 95],
      ],
    );
    for (const link of frimley.successors) {
      const moved = [...codesIn(jan, "QNQ")].filter((c) => aug.get(c)?.ICB_CODE === link.to.code);
      assert.equal(link.practices, moved.length, link.to.code);
      assert.equal(
        link.patients,
        moved.reduce((a, c) => a + (lists.get(c) ?? 0), 0),
        link.to.code,
      );
      assert.equal(link.evidence.lsoas, lsoas.get(link.to.name), link.to.name);
    }
    // Between July and August 2026 no change takes effect: every ICB is unchanged.
    const only = await ok<IcbSuccession>("/api/icbs/changes?icb=QRL");
    assert.deepEqual(
      only.old.map((o) => o.icb.code),
      ["QNQ", "QRL"],
    );
    assert.deepEqual(
      only.new.map((n) => [n.icb.code, n.predecessors.map((l) => [l.from.code, l.practices])]),
      [
        [
          "QRL",
          [
            ["QRL", codesIn(jan, "QRL").size],
            ["QNQ", 14],
          ],
        ],
      ],
    );
    const quiet = await ok<IcbSuccession>("/api/icbs/changes?from=2026-07-01&to=2026-08-01");
    assert.deepEqual([quiet.from.icbs, quiet.to.icbs], [36, 36]);
    assert.ok(quiet.old.every((o) => o.fate === "unchanged"));
  });

  test("GET /api/icbs: 42 ICBs on 31 March 2026, 36 from 1 April, each with its practices and July 2026 patients", async () => {
    const lists = new Map(readCsvRecords(LISTS_JUL).map((r) => [r.ORG_CODE!, Number(r.NUMBER_OF_PATIENTS)]));
    for (const [date, file, n] of [
      ["2026-03-31", jan, 42],
      ["2026-04-01", jul, 36],
    ] as const) {
      const r = await ok<IcbsOnDate>(`/api/icbs?date=${date}`);
      assert.equal(r.icbs.length, n, date);
      assert.equal(r.lists?.period, "July 2026");
      for (const i of r.icbs) {
        const codes = codesIn(file, i.icb.code);
        assert.equal(i.practices, codes.size, `${date} ${i.icb.code}`);
        assert.equal(
          i.patients,
          [...codes].reduce((a, c) => a + (lists.get(c) ?? 0), 0),
          `${date} ${i.icb.code}`,
        );
      }
    }
    const early = await ok<IcbsOnDate>("/api/icbs?date=2026-03-31&icb=QNQ");
    assert.deepEqual(
      early.icbs.map((i) => [i.icb.code, i.practices]),
      [["QNQ", codesIn(jan, "QNQ").size]],
    );
    assert.match(early.caveats.join(" "), /No list-size file is dated on or before 2026-03-31/);
    const tv = await ok<IcbsOnDate>("/api/icbs?icb=thames%20valley");
    assert.deepEqual([tv.footprint.map.period, tv.icbs[0]!.icb.code], ["August 2026", "S0E4D"]);
    assert.match(tv.lineage!, /^S0E4D was formed on 2026-04-01 from QU9/);
  });

  test("GET /api/icbs/footprint: Thames Valley as it is now, BOB as it was", async () => {
    const tv = await ok<AreaFootprint>("/api/icbs/footprint?icb=S0E4D");
    assert.equal(tv.footprint.map.period, "August 2026");
    assert.deepEqual(new Set(tv.practiceCodes), codesIn(aug, "S0E4D"));
    assert.match(tv.lineage!, /^S0E4D was formed on 2026-04-01 from QU9 .*\(151 practices\)/);
    const bob = await ok<AreaFootprint>("/api/icbs/footprint?icb=QU9&footprint=2026-03-31");
    assert.deepEqual(new Set(bob.practiceCodes), codesIn(jan, "QU9"));
    assert.equal(bob.footprint.label, "ICB footprint of the January 2026 map (42 ICBs)");
  });

  test("bad dates and codes: 400 or 404 problem+json naming the field", async () => {
    await problemOf("/api/icbs/on?practice=K81001&date=1%20April", 400, "date");
    await problemOf("/api/icbs/on?practice=K81001&date=2026-02-30", 400, "date");
    await problemOf("/api/icbs/on?date=2026-04-01", 400, "practice");
    const early = await problemOf("/api/icbs/on?practice=K81001&date=2025-12-31", 404, "date");
    assert.match(
      early.detail,
      /^date=2025-12-31: no map is in force that early; the earliest loaded is the January 2026 map/,
    );
    const unknown = await problemOf("/api/icbs/on?practice=Q99999&date=2026-04-01", 404, "practice");
    assert.match(
      unknown.detail,
      /^practice Q99999: not in the July 2026 map \(in force on 2026-04-01\); it is in no loaded map$/,
    );
    await problemOf("/api/icbs/changes?from=2026-13-01", 400, "from");
    const backwards = await problemOf("/api/icbs/changes?from=2026-08-01&to=2026-07-01", 400, "from");
    assert.match(
      backwards.detail,
      /^from=2026-08-01 gives the August 2026 map, not earlier than the July 2026 map/,
    );
    const gone = await problemOf("/api/icbs/footprint?icb=QNQ", 404, "icb");
    assert.match(
      gone.detail,
      /Frimley .* was split on 2026-04-01: .*; as it was, it is in the footprints up to 2026-03-31$/,
    );
    const none = await problemOf("/api/icbs/footprint?icb=QZZ", 404, "icb");
    assert.match(none.detail, /^icb: no ICB has code or name 'QZZ' in any loaded map/);
    await problemOf("/api/icbs/footprint?icb=S0E4D&footprint=yesterday", 400, "footprint");
    await problemOf("/api/icbs?date=2026-04-31", 400, "date");
    await problemOf("/api/icbs?date=2026-04-01&icb=QNQ", 404, "icb");
    const nowhere = await problemOf("/api/icbs/changes?icb=QZZ", 404, "icb");
    assert.match(
      nowhere.detail,
      /^icb: no ICB has code or name 'QZZ' in the ICB footprint of the January 2026 map/,
    );
  });

  test("any route asked for an ICB of another map says where it went (src/app/area-hints.ts)", async () => {
    // QNQ (Frimley) is not in the default (August 2026) map: the overview, the practices and the
    // networks and workforce routes all say it was split, into which ICBs, and the last date it was in force.
    for (const path of [
      "/api/overview?icb=QNQ",
      "/api/practices?icb=QNQ",
      "/api/networks/evaluate?icb=QNQ",
    ]) {
      const p = await problemOf(path, 404, "icb");
      assert.match(
        p.detail,
        /^'QNQ' is not an ICB of the map this request uses: QNQ NHS Frimley .* was split on 2026-04-01: its practices are now in S0E4D .*\(41 practices\).*QRL .*\(14 practices\).*S9B9J .*\(11 practices\); as it was, it is in the footprints up to 2026-03-31$/,
        path,
      );
    }
    // A new ICB asked for on a date before it was formed: its predecessors.
    const early = await problemOf("/api/overview?icb=S0E4D&date=2026-01-01", 404, "icb");
    assert.match(
      early.detail,
      /^'S0E4D' is not an ICB of the map this request uses: S0E4D was formed on 2026-04-01 from /,
    );
    assert.match(early.detail, /QNQ NHS Frimley .*\(41 practices\)/);
    // A code no map has keeps the list of the map's ICBs; an ICB of the map answers as before.
    const none = await problemOf("/api/overview?icb=QZZ", 404, "icb");
    assert.match(none.detail, /^no ICB has code or name 'QZZ'; known ICBs: D7T5G, /);
    await ok("/api/overview?icb=QNQ&date=2026-01-01");
  });
});
