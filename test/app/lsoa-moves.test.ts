// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The LSOAs an ODS change moved, applied to an area's LSOA geography (src/engines/footprints/lsoa-moves.ts,
// src/app/area-lsoas.ts). By hand on a small case; then on the real files: the April 2024 ONS LSOA →
// sub-ICB location lookup, the LSOA 2011 → 2021 lookup and the ODS reallocation of Frimley's 440 LSOAs (2011
// codes) on 1 April 2026, with the January and August 2026 maps. Expected counts are read from the CSVs with
// papaparse: every LSOA 2021 of Frimley's D4U1Y in the lookup goes to exactly one of Thames Valley (the new
// U2G6B, its code 'tbc' in the file), Hampshire and Isle of Wight (D9Y0V) and Surrey and Sussex (92A).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { areaLsoas } from "../../src/app/area-lsoas.ts";
import { lsoaMoves } from "../../src/engines/footprints/lsoa-moves.ts";
import type { OrganisationChange } from "../../src/model/footprint.ts";
import type { Store } from "../../src/store/store.ts";
import { importedStore, shared } from "../helpers.ts";
import { FRIMLEY, LISTS_JUL, MAPS, readCsvRecords } from "../engines/footprints/kit.ts";

const LOOKUP = "boundaries/lookups/lsoa21_sicbl24_icb24_en_apr2024.csv";
const VINTAGES = "boundaries/lookups/lsoa11_lsoa21_lad22_ew.csv";
const REGISTER = "practices/epraccur_2026-02.csv";

const change = (
  effectiveFrom: string,
  reallocated: OrganisationChange["reallocated"],
): OrganisationChange => ({
  effectiveFrom,
  sources: [],
  renamed: [],
  reallocated,
});
const move = (
  lsoaCode: string,
  from: string,
  to: string | null,
  toIcbCode: string | null,
  toIcbName: string,
) => ({
  lsoaCode,
  fromSubIcbCode: from,
  fromIcbCode: "QOLD",
  toSubIcbCode: to,
  toIcbCode,
  toIcbName,
});

describe("LSOA moves by hand", () => {
  const changes = [
    change("2026-04-01", [
      move("A11", "OLD", "P1", "QNEW", "NHS New ICB"), // to a place of the area
      move("B11", "OLD", null, null, "NHS NEW INTEGRATED CARE BOARD"), // 'tbc', the ICB by name only
      move("C11", "P1", "ELSE", "QELSE", "NHS Else ICB"), // out of the area
    ]),
  ];
  const lsoa21Of = new Map([["B11", ["B21a", "B21b"]]]);
  const area = { icbCode: "QNEW", icbName: "NHS New ICB", subIcbCodes: ["P1", "P2"], lsoa21Of, changes };

  test("on or after the change: held by the new place, the 'tbc' ones by the place the lookup lacks, one out", () => {
    const r = lsoaMoves({ ...area, date: "2026-08-01", level: "icb", withoutLookup: ["P2"] });
    assert.deepEqual([...r.moved].sort(), [
      ["A11", "P1"],
      ["B21a", "P2"],
      ["B21b", "P2"],
    ]);
    assert.deepEqual([...r.without], ["C11"]);
    assert.equal(r.unplaced, 0);
    assert.equal(r.applied.length, 1);
  });

  test("no place the lookup lacks: the 'tbc' ones are unplaced for the ICB, not a place's", () => {
    const icb = lsoaMoves({ ...area, date: "2026-08-01", level: "icb", withoutLookup: [] });
    assert.equal(icb.unplaced, 2);
    assert.deepEqual([...icb.moved.keys()], ["A11"]);
    const place = lsoaMoves({
      ...area,
      subIcbCodes: ["P1"],
      date: "2026-08-01",
      level: "sub-icb",
      withoutLookup: [],
    });
    assert.equal(place.unplaced, 0);
  });

  test("before the change: nothing applies", () => {
    const r = lsoaMoves({ ...area, date: "2026-01-01", level: "icb", withoutLookup: ["P2"] });
    assert.equal(r.moved.size + r.without.size + r.unplaced + r.applied.length, 0);
  });
});

describe("LSOA moves on the real files", () => {
  let store: Store;
  const lookup = readCsvRecords(LOOKUP);
  const inLookup = (subIcbs: string[]) => lookup.filter((r) => subIcbs.includes(r.SICBL24CDH!)).length;
  const frimley21 = new Set(lookup.filter((r) => r.SICBL24CDH === "D4U1Y").map((r) => r.LSOA21CD!));
  const vintages = readCsvRecords(VINTAGES);
  const moved = readCsvRecords(FRIMLEY);
  /** The LSOA 2021 codes of the reallocated LSOA 2011 codes going to a sub-ICB location ('tbc' as null). */
  const to21 = (to: string | null) => {
    const codes11 = new Set(
      moved
        .filter((r) => (to === null ? /tbc/.test(r.SICBL25CDH!) : r.SICBL25CDH === to))
        .map((r) => r.LSOA11CD!),
    );
    return new Set(vintages.filter((v) => codes11.has(v.LSOA11CD!)).map((v) => v.LSOA21CD!));
  };

  before(async () => {
    ({ store } = await importedStore(
      [REGISTER, MAPS.jan, MAPS.aug, LISTS_JUL, LOOKUP, VINTAGES, FRIMLEY].map((f) => shared(f)),
      { expect: "imported" },
    ));
  });
  after(async () => store?.close());

  const lsoas = (area: string, date?: string) =>
    areaLsoas(store, { synthetic: false, area, date, geometry: false });

  test("Frimley's LSOAs are held by their new ICBs from the August 2026 map, each once", async () => {
    const [tv, hiow, ss] = await Promise.all([lsoas("S0E4D"), lsoas("QRL"), lsoas("S9B9J")]);
    const codes = (r: typeof tv) => new Set(r.lsoas.map((l) => l.lsoaCode));
    const expected: [typeof tv, string | null, string, string[]][] = [
      [tv, null, "U2G6B", ["10Q", "14Y", "15A"]],
      [hiow, "D9Y0V", "D9Y0V", ["10R", "D9Y0V"]],
      [ss, "92A", "92A", ["09D", "70F", "92A", "97R"]],
    ];
    const all = new Set<string>();
    for (const [r, to, holder, places] of expected) {
      const incoming = to21(to);
      assert.ok(incoming.size > 90, `${r.area.code}: ${incoming.size} LSOAs come from Frimley`);
      assert.ok(
        [...incoming].every((c) => frimley21.has(c)),
        "they were Frimley's in the lookup",
      );
      const own = lookup.filter((l) => places.includes(l.SICBL24CDH!)).map((l) => l.LSOA21CD!);
      assert.equal(r.lsoas.length, new Set([...own, ...incoming]).size, r.area.code);
      for (const c of incoming) {
        assert.ok(codes(r).has(c), `${r.area.code} holds ${c}`);
        assert.equal(r.lsoas.find((l) => l.lsoaCode === c)!.subIcbCode, holder);
        assert.ok(!all.has(c), `${c} in one ICB only`);
        all.add(c);
      }
      assert.ok(
        r.caveats.some((c) => /ODS change of 2026-04-01 moved them/.test(c)),
        r.caveats.join("; "),
      );
    }
    assert.equal(all.size, frimley21.size, "every LSOA of Frimley's D4U1Y is placed");
    assert.equal(tv.lsoas.length, inLookup(["10Q", "14Y", "15A"]) + to21(null).size);
    // Thames Valley's new place has only Frimley's LSOAs, and no "missing" caveat.
    const u2g6b = await lsoas("U2G6B");
    assert.equal(u2g6b.lsoas.length, to21(null).size);
    assert.ok(!u2g6b.caveats.some((c) => /not in the .* LSOA lookup/.test(c)), u2g6b.caveats.join("; "));
  });

  test("as it was: Frimley in the January 2026 map has the lookup's LSOAs, nothing moved", async () => {
    const r = await lsoas("QNQ", "2026-01-01");
    assert.equal(r.lsoas.length, frimley21.size);
    assert.ok(!r.caveats.some((c) => /ODS change/.test(c)));
    const before = await lsoas("QRL", "2026-01-01");
    assert.ok(before.lsoas.every((l) => !frimley21.has(l.lsoaCode)));
  });
});
