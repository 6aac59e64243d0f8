// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// A plan's footprint on the real files: an ICB as it was on a date (QNQ Frimley on 2026-03-31, abolished
// on 1 April 2026), a union of places from two ICBs, and a set of local authorities (Brighton and Hove,
// Adur). The store holds the January, July and August 2026 maps, the July 2026 list sizes, the ODS change
// summary, the practice postcodes' coordinates, the ONS LSOA → ward → LAD lookup and the LSOA 2021
// population-weighted centroids. Every expected value is read from the CSVs here with papaparse: Frimley's
// practices in the January map and their July lists, the places' practices in the August map, and the
// practices whose site's nearest LSOA centroid is in the districts, by brute force over every centroid.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { resolveArea } from "../../src/app/area-footprint.ts";
import { overview } from "../../src/app/overview.ts";
import { newPlan, planView } from "../../src/app/plan.ts";
import { RequestError } from "../../src/model/errors.ts";
import type { Store } from "../../src/store/store.ts";
import { importedStore, shared } from "../helpers.ts";
import {
  FRIMLEY,
  LISTS_JUL,
  MAPS,
  RENAMED,
  julyLists,
  mapRecords,
  readCsvRecords,
} from "../engines/footprints/kit.ts";

const POSTCODES = "practices/practice_postcode_coordinates_codepoint_2025-10.csv";
const LADS = "boundaries/lookups/lsoa21_ward24_lad24_ew.csv";
const CENTROIDS = "boundaries/lsoa21/lsoa21_population_weighted_centroids_ew_v3.csv";
const FILES = [
  "practices/epraccur_2026-02.csv",
  POSTCODES,
  MAPS.jan,
  MAPS.jul,
  MAPS.aug,
  LISTS_JUL,
  RENAMED,
  FRIMLEY,
  LADS,
  CENTROIDS,
];

const jan = mapRecords(MAPS.jan);
const aug = mapRecords(MAPS.aug);
const lists = julyLists();
const patientsOf = (codes: Iterable<string>) => [...codes].reduce((n, c) => n + (lists.get(c) ?? 0), 0);

/** Practices of the August map whose site's nearest LSOA 2021 centroid (of all of them) is in the districts. */
function practicesInDistricts(districts: ReadonlySet<string>): Set<string> {
  const ladOf = new Map(readCsvRecords(LADS).map((r) => [r.LSOA21CD!, r.LAD24CD!]));
  const centroids = readCsvRecords(CENTROIDS).map((r) => ({
    lad: ladOf.get(r.LSOA21CD!) ?? null,
    lat: Number(r.latitude),
    lon: Number(r.longitude),
  }));
  const known = readCsvRecords(POSTCODES).map((r) => ({
    key: r.postcode!.replace(/\s+/g, ""),
    lat: Number(r.latitude),
    lon: Number(r.longitude),
  }));
  const exact = new Map(known.map((k) => [k.key, k]));
  // A postcode the coordinates file lacks: the mean of its sector's known postcodes (BN1 9DN → "BN19").
  const siteOf = (postcode: string) => {
    const key = postcode.replace(/\s+/g, "");
    const hit = exact.get(key);
    if (hit) return hit;
    const sector = known.filter((k) => k.key.slice(0, -2) === key.slice(0, -2));
    if (sector.length === 0) return undefined;
    return {
      lat: sector.reduce((a, k) => a + k.lat, 0) / sector.length,
      lon: sector.reduce((a, k) => a + k.lon, 0) / sector.length,
    };
  };
  const inside = centroids.filter((c) => c.lad !== null && districts.has(c.lad));
  const lat0 = Math.min(...inside.map((c) => c.lat)) - 0.5;
  const lat1 = Math.max(...inside.map((c) => c.lat)) + 0.5;
  const out = new Set<string>();
  for (const r of aug) {
    const site = siteOf(r.PRACTICE_POSTCODE!);
    if (!site || site.lat < lat0 || site.lat > lat1) continue;
    const k = Math.cos((site.lat * Math.PI) / 180) ** 2;
    let best = centroids[0]!;
    let d = Infinity;
    for (const c of centroids) {
      const dd = (c.lat - site.lat) ** 2 + k * (c.lon - site.lon) ** 2;
      if (dd < d) {
        d = dd;
        best = c;
      }
    }
    if (best.lad !== null && districts.has(best.lad)) out.add(r.PRACTICE_CODE!);
  }
  return out;
}

/** Rejects with a RequestError naming `field`. */
async function refused(work: Promise<unknown>, field: string, pattern: RegExp) {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof RequestError, String(error));
    assert.equal(error.field, field, error.message);
    assert.match(error.message, pattern);
    return true;
  });
}

describe("a plan's footprint on the real 2026 maps", () => {
  let store: Store;
  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { expect: "imported" },
    ));
  });
  after(async () => store?.close());

  test("QNQ Frimley as it was on 2026-03-31: its practices of the January map, and the footprint named", async () => {
    const frimley = jan.filter((r) => r.ICB_CODE === "QNQ").map((r) => r.PRACTICE_CODE!);
    assert.equal(frimley.length, 66);
    assert.equal(patientsOf(frimley), 846_675);
    const area = await resolveArea(store, { synthetic: false, icb: "QNQ", footprint: "2026-03-31" });
    assert.equal(area.footprint.label, "ICB footprint of the January 2026 map (42 ICBs)");
    assert.deepEqual(
      area.places.map((p) => p.code),
      [...new Set(jan.filter((r) => r.ICB_CODE === "QNQ").map((r) => r.SUB_ICB_LOCATION_CODE!))],
    );
    const plan = await newPlan(store, { synthetic: false, icb: "QNQ", footprint: "2026-03-31" });
    assert.equal(plan.name, "QNQ");
    assert.equal(plan.content.area.footprint, "ICB footprint of the January 2026 map (42 ICBs)");
    assert.equal(plan.content.area.footprintDate, "2026-03-31");
    const view = await planView(store, plan.name);
    const population = view.evidence.find((e) => e.key === "population")!;
    assert.equal(population.summary.practices, 66);
    // No list file before 2026-03-31 is loaded: the July 2026 lists, the earliest after (as `icbs on`).
    assert.equal(population.summary.patients, 846_675);
    assert.equal(population.summary.footprint, "ICB footprint of the January 2026 map (42 ICBs)");
    assert.match(
      String(population.summary.areaNotes),
      /^QNQ NHS Frimley Integrated Care Board was split on 2026-04-01: its practices are now in/,
    );
    assert.deepEqual(population.request, {
      synthetic: false,
      icb: "QNQ",
      footprint: "2026-03-31",
      date: "2026-01-01",
    });
    const networks = view.evidence.find((e) => e.key === "networks")!;
    assert.equal(networks.summary.practices, 66);
    // The organisations are Frimley's, from the January map.
    assert.equal(view.organisations.filter((o) => o.kind === "practice").length, 66);
    // On the newest map QNQ is refused with where it went.
    await refused(
      resolveArea(store, { synthetic: false, icb: "QNQ" }),
      "icb",
      /up to 2026-03-31 \(--footprint 2026-03-31 reads it as it was\)$/,
    );
  });

  test("a union of places from two ICBs: the sum of the places' overviews, in the August 2026 footprint", async () => {
    const codes = ["70F", "97R", "D9Y0V"];
    const expected = aug.filter((r) => codes.includes(r.SUB_ICB_LOCATION_CODE!)).map((r) => r.PRACTICE_CODE!);
    const area = await resolveArea(store, { synthetic: false, places: ["70f", "97R", "D9Y0V", "97R"] });
    assert.equal(area.code, "70F+97R+D9Y0V".split("+").sort().join("+"));
    assert.deepEqual([...area.practices!.practiceCodes], [...expected].sort());
    assert.deepEqual(
      area.icbs.map((i) => i.code),
      ["QRL", "S9B9J"],
    );
    assert.equal(
      area.footprint.label,
      "ICB footprint from 2026-04-01 (36 ICBs; membership as published in the August 2026 map)",
    );
    const places = await Promise.all(codes.map((subIcb) => overview(store, { synthetic: false, subIcb })));
    const plan = await newPlan(store, {
      synthetic: false,
      places: codes,
      name: "Sussex coast and Hampshire",
    });
    const view = await planView(store, plan.name);
    const population = view.evidence.find((e) => e.key === "population")!;
    // Measured: 74 + 49 + 133 = 256 practices, 936,923 + 564,929 + 1,922,167 = 3,424,019 patients.
    assert.equal(expected.length, 256);
    assert.equal(population.summary.practices, expected.length);
    assert.equal(
      population.summary.practices,
      places.reduce((n, o) => n + o.summary.practices, 0),
    );
    assert.equal(population.summary.patients, patientsOf(expected));
    assert.equal(
      population.summary.patients,
      places.reduce((n, o) => n + o.summary.patients, 0),
    );
    assert.equal((population.summary.places as unknown[]).length, 3);
    assert.deepEqual(population.request, { synthetic: false, places: ["70F", "97R", "D9Y0V"] });
    // The ARRS census is by PCN: not computed for a union, and the item says so.
    const arrs = view.evidence.find((e) => e.key === "arrs")!;
    assert.match(arrs.unavailable ?? "", /not computed for Union of 3 places.*published by PCN/);
    assert.equal(plan.content.area.footprint, area.footprint.label);
    // The system's organisations are those of both ICBs the union reaches, each once.
    const icbs = view.organisations.filter((o) => o.kind === "icb").map((o) => o.code);
    assert.deepEqual(icbs.sort(), ["QRL", "S9B9J"]);
    assert.equal(new Set(view.organisations.map((o) => o.key)).size, view.organisations.length);
    const practiceKeys = new Set(view.organisations.filter((o) => o.kind === "practice").map((o) => o.code));
    for (const code of expected) assert.ok(practiceKeys.has(code), `${code} is among the organisations`);
  });

  test("a set of local authorities: the practices whose site's nearest LSOA centroid is in them", async () => {
    const districts = ["E06000043", "E07000223"];
    const expected = practicesInDistricts(new Set(districts));
    const area = await resolveArea(store, { synthetic: false, localAuthorities: districts });
    assert.deepEqual([...area.practices!.practiceCodes], [...expected].sort());
    // Measured: 30 practices in Brighton and Hove and 4 in Adur, 388,431 patients (July 2026).
    assert.equal(expected.size, 34);
    assert.deepEqual(
      area.authorities.map((a) => [a.code, a.name, a.practices]),
      [
        ["E06000043", "Brighton and Hove", 30],
        ["E07000223", "Adur", 4],
      ],
    );
    assert.equal(
      area.authorities.reduce((n, a) => n + a.practices, 0),
      expected.size,
    );
    const o = await overview(store, { synthetic: false, practices: area.practices! });
    assert.equal(o.summary.practices, expected.size);
    assert.equal(o.summary.patients, patientsOf(expected));
    assert.equal(o.summary.patients, 388_431);
    assert.equal(o.scope.kind, "practices");
  });

  test("bad footprints are refused naming the field", async () => {
    const real = { synthetic: false };
    await refused(resolveArea(store, { ...real, icb: "QNC", places: ["70F"] }), "places", /give one of/);
    await refused(resolveArea(store, { ...real }), "icb", /give one of/);
    await refused(
      resolveArea(store, { ...real, icb: "QNC", subIcb: "70F" }),
      "subIcb",
      /found --icb and --sub-icb/,
    );
    await refused(resolveArea(store, { ...real, icb: " " }), "icb", /--icb needs a code/);
    await refused(resolveArea(store, { ...real, subIcb: "ZZZ" }), "subIcb", /no place/);
    await refused(resolveArea(store, { ...real, places: ["70F", "ZZZ"] }), "places", /'ZZZ'/);
    await refused(resolveArea(store, { ...real, places: [" "] }), "places", /at least one/);
    await refused(
      resolveArea(store, { ...real, localAuthorities: ["E99999999"] }),
      "localAuthorities",
      /'E99999999' is not a local authority/,
    );
    // Isle of Anglesey is in the lookup (England and Wales) but no practice of the English map is there.
    await refused(
      resolveArea(store, { ...real, localAuthorities: ["W06000001"] }),
      "localAuthorities",
      /no practice of the map has its site in W06000001/,
    );
    await refused(
      resolveArea(store, { ...real, icb: "QNQ", footprint: "2026-13-01" }),
      "footprint",
      /2026-13-01/,
    );
    await refused(
      resolveArea(store, { ...real, icb: "QNQ", footprint: "2019-01-01" }),
      "footprint",
      /earliest/,
    );
  });
});
