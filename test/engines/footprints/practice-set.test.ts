// The practice set of a union of places or a set of local authorities (src/engines/footprints/practice-set.ts),
// by hand: places by ODS or ONS code, de-duplicated, across ICBs; a practice placed in the district of the
// LSOA centroid nearest its site (not of the nearest district's other LSOAs), and the refusals naming the
// field.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FootprintRequestError } from "../../../src/engines/footprints/errors.ts";
import {
  authoritiesSet,
  placesSet,
  type LsoaDistrict,
} from "../../../src/engines/footprints/practice-set.ts";
import type { Practice } from "../../../src/model/organisation.ts";

const practice = (code: string, place: string, icb: string, lat: number | null, lon: number | null) =>
  ({
    code,
    name: `Practice ${code}`,
    site: { postcode: null, lat, lon },
    pcnCode: "U",
    pcnName: "",
    subIcb: { code: place, onsCode: `E38${place}`, name: `Place - ${place}` },
    icb: { code: icb, onsCode: null, name: `ICB ${icb}` },
    region: { code: "Y", onsCode: null, name: "Region" },
    listSize: 1000,
    weightedList: null,
    workforce: null,
    deprivation: null,
  }) as Practice;

const practices = [
  practice("P1", "AAA", "Q1", 51.0, -0.1),
  practice("P2", "AAA", "Q1", 51.0, 0.1),
  practice("P3", "BBB", "Q2", 51.2, -0.1),
  practice("P4", "CCC", "Q2", null, null),
];

const refusal = (field: string, pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof FootprintRequestError);
  assert.equal(error.field, field);
  assert.match(error.message, pattern);
  return true;
};

describe("a union of places", () => {
  test("by ODS or ONS code, de-duplicated, across ICBs", () => {
    const r = placesSet(practices, ["bbb", "E38AAA", "AAA"], "August 2026");
    assert.equal(r.set.code, "AAA+BBB");
    assert.deepEqual(r.set.practiceCodes, ["P1", "P2", "P3"]);
    // In the order asked; a name that ends with its code gets no code added.
    assert.equal(r.set.name, "Union of 2 places: Place - BBB; Place - AAA");
    assert.deepEqual(
      r.icbs.map((i) => i.code),
      ["Q1", "Q2"],
    );
  });
  test("an unknown place, or none, is refused naming --places", () => {
    assert.throws(
      () => placesSet(practices, ["AAA", "ZZZ"], "August 2026"),
      refusal("places", /'ZZZ' in the August 2026 map/),
    );
    assert.throws(() => placesSet(practices, [" ", ""], "August 2026"), refusal("places", /at least one/));
  });
});

describe("a set of local authorities", () => {
  // Two districts side by side: L1's LSOAs west of 0°, L2's east; L3 far north.
  const lsoas: LsoaDistrict[] = [
    { lsoaCode: "A", ladCode: "L1", ladName: "West", lat: 51.0, lon: -0.12 },
    { lsoaCode: "B", ladCode: "L1", ladName: "West", lat: 51.2, lon: -0.08 },
    { lsoaCode: "C", ladCode: "L2", ladName: "East", lat: 51.0, lon: 0.02 },
    { lsoaCode: "D", ladCode: "L3", ladName: "North", lat: 53.0, lon: 0.0 },
  ];
  test("a practice is in the district of the LSOA centroid nearest its site", () => {
    const r = authoritiesSet(practices, ["l1"], lsoas);
    // P1 is nearest A (L1), P3 nearest B (L1); P2 nearest C (L2); P4 has no site.
    assert.deepEqual(r.set.practiceCodes, ["P1", "P3"]);
    assert.deepEqual(r.authorities, [{ code: "L1", name: "West", practices: 2 }]);
    assert.equal(r.set.name, "West (L1)");
    assert.match(r.caveats.join(" "), /1 practices of the map have no site/);
    const both = authoritiesSet(practices, ["L2", "L1"], lsoas);
    assert.equal(both.set.code, "L1+L2");
    assert.deepEqual(both.set.practiceCodes, ["P1", "P2", "P3"]);
  });
  test("an unknown district, or one with no practice, is refused naming --local-authorities", () => {
    assert.throws(
      () => authoritiesSet(practices, ["L9"], lsoas),
      refusal("localAuthorities", /'L9' is not a local authority/),
    );
    assert.throws(
      () => authoritiesSet(practices, ["L1", "L3"], lsoas),
      refusal("localAuthorities", /no practice of the map has its site in L3 North/),
    );
  });
});
