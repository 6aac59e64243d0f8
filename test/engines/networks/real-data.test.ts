// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// Networks on the real data: today's map of Staffordshire & Stoke-on-Trent (QNC, with its LSOA catchments)
// and of Cornwall & the Isles of Scilly (QT6, practice sites only: Delaunay), and every ICB on practice
// sites. Expected counts were computed independently from the files (January 2026 map, April 2025 lists,
// October 2025 LSOA subset); figures marked "regression" are this code's own output, kept to catch changes.
import { UnknownAreaError } from "../../../src/model/errors.ts";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadNetworkInstance, type LoadedNetworkInstance } from "../../../src/app/network-instance.ts";
import { contractYearOn } from "../../../src/config/pcn-contract.ts";
import { currentMap, networkMembers } from "../../../src/engines/networks/assignment.ts";
import { evaluate } from "../../../src/engines/networks/evaluate.ts";
import { buildAdjacency } from "../../../src/engines/networks/graph.ts";
import { buildInstance } from "../../../src/engines/networks/instance-builder.ts";

import { loadCatchments } from "../../../src/store/repositories/catchments.ts";
import { loadPicture } from "../../../src/app/load-picture.ts";
import type { Store } from "../../../src/store/store.ts";
import { importedStore, shared } from "../../helpers.ts";
import { checkWellFormed } from "./network-kit.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
  "deprivation/iod2025_imd_rank_decile_lsoa21.csv",
  "deprivation/practice_imd2019_score_swahsn_2023-01.csv",
  "boundaries/lsoa11_population_weighted_centroids.csv",
];

/** Every practice in exactly one network. */
function assertPartition(loaded: LoadedNetworkInstance, assignment: Int32Array) {
  const members = networkMembers(assignment).flat();
  assert.equal(members.length, loaded.instance.practiceCodes.length);
  assert.equal(new Set(members).size, members.length);
}

describe("networks on real data", () => {
  let store: Store;
  let qnc: LoadedNetworkInstance;
  let qt6: LoadedNetworkInstance;

  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { each: true, expect: "imported" },
    ));
    qnc = await loadNetworkInstance(store, { synthetic: false, icb: "QNC" });
    qt6 = await loadNetworkInstance(store, { synthetic: false, icb: "QT6" });
  });
  after(() => store.close());

  test("QNC catchments: 141 practices, 1,208,850 patients in English LSOAs; pseudo-codes skipped and counted", async () => {
    const c = qnc.catchments!;
    assert.equal(c.dataset.period, "October 2025");
    assert.equal(c.lsoaVintage, 2021);
    assert.equal(c.practicesCovered, 141);
    assert.equal(c.patients, 1_208_850);
    assert.deepEqual(c.skipped, [
      { kind: "EMPTY", patients: 1_048 },
      { kind: "CLOSED", patients: 333 },
      { kind: "Welsh LSOAs", patients: 24 },
      { kind: "Scottish data zones", patients: 16 },
      { kind: "Northern Ireland areas", patients: 7 },
      { kind: "Channel Islands / Isle of Man", patients: 5 },
    ]);
    // LSOA 2021 codes: 3,060 kept their 2011 code (and centroid); 239 are new since 2011 (no centroid file).
    assert.deepEqual(c.centroids, {
      sameVintage: 0,
      otherVintage: 3_060,
      missing: 239,
      missingPatients: 42_180,
    });
    assert.equal(c.imd.edition, 2025);
    assert.equal(c.imd.missing, 0);
    assert.ok(
      qnc.instance.notes!.some((n) => /239 LSOAs .* placed at the patient-weighted mean site/.test(n)),
    );
    // No registrations on or before 2025-01-01.
    const none = await loadCatchments(store.db, {
      synthetic: false,
      practiceCodes: c.practiceCodes,
      date: "2025-01-01",
    });
    assert.equal(none, null);
  });

  test("QNC today: 141 practices, 25 PCNs (21 in band, 4 over), 1,207,013 patients, on a connected catchment graph", () => {
    const { instance, adjacency } = qnc;
    assert.equal(instance.practiceCodes.length, 141);
    assert.equal(instance.networkCodes.length, 25);
    assert.equal(adjacency.basis, "catchment");
    assert.equal(checkWellFormed(adjacency), null);
    assert.equal(adjacency.components.length, 1);
    assert.deepEqual(adjacency.isolated, []);
    const { assignment, labels } = currentMap(instance);
    assertPartition(qnc, assignment);
    const ev = evaluate(instance, adjacency, assignment, qnc.rules, labels);
    assert.equal(ev.totals.networks, 25);
    assert.deepEqual(ev.totals.bands, { under: 0, in: 21, over: 4 });
    assert.equal(ev.totals.patients, 1_207_013);
    assert.deepEqual(ev.totals.outsidePcn.practices, []);
    assert.equal(ev.totals.cohesion.basis, "lsoa");
    const { nearestSiteKm, centreKm } = ev.totals.cohesion;
    assert.ok(nearestSiteKm! > 1 && nearestSiteKm! < 3, String(nearestSiteKm));
    assert.ok(centreKm! > nearestSiteKm! && centreKm! < 8, String(centreKm));
    assert.ok(ev.networks.every((n) => n.deprivation.basis === "lsoa"));
    // Regression: the two PCNs in pieces on the catchment graph, and the two spanning places.
    assert.deepEqual(
      ev.breaches.filter((b) => b.rule === "contiguity.split").map((b) => b.network),
      ["U08925", "U12951"],
    );
    assert.deepEqual(
      ev.breaches.filter((b) => b.rule === "boundary.crosses-place").map((b) => b.network),
      ["U16318", "U93998"],
    );
  });

  test("QNC graph and evaluation take milliseconds", () => {
    const { instance, rules } = qnc;
    const { assignment, labels } = currentMap(instance);
    evaluate(instance, buildAdjacency(instance), assignment, rules, labels); // warm up
    const started = performance.now();
    const adjacency = buildAdjacency(instance);
    evaluate(instance, adjacency, assignment, rules, labels);
    const ms = performance.now() - started;
    console.log(`QNC catchment graph + evaluation: ${ms.toFixed(1)} ms`);
    assert.ok(ms < 250, `${ms} ms`);
  });

  test("QT6 today on practice sites: 55 practices, 15 PCNs (3 / 9 / 3), 2 outside any PCN; Scilly is an island", () => {
    const { instance, adjacency } = qt6;
    assert.equal(qt6.catchments, null);
    assert.equal(adjacency.basis, "delaunay");
    assert.equal(checkWellFormed(adjacency), null);
    assert.equal(instance.practiceCodes.length, 55);
    // St Mary's Health Centre, Isles of Scilly: ~60 km of sea from the nearest practice.
    assert.deepEqual(
      adjacency.isolated.map((p) => instance.practiceCodes[p]),
      ["L82017"],
    );
    assert.equal(adjacency.components.length, 2);
    const { assignment, labels } = currentMap(instance);
    assertPartition(qt6, assignment);
    const ev = evaluate(instance, adjacency, assignment, qt6.rules, labels);
    assert.equal(ev.totals.networks, 15);
    assert.deepEqual(ev.totals.bands, { under: 3, in: 9, over: 3 });
    assert.equal(ev.totals.patients, 605_872);
    assert.deepEqual(ev.totals.outsidePcn.practices, ["L82007", "L82620"]);
    assert.deepEqual(ev.graph.isolated, ["L82017"]);
    assert.equal(ev.totals.cohesion.basis, "practice-site");
    assert.equal(ev.totals.cohesion.nearestSiteKm, null);
    assert.ok(
      ev.notes.some((n) =>
        /^U41591 COAST AND COUNTRY PCN also has \d+ practices? outside ICB QT6 \(in QJK\)/.test(n),
      ),
    );
    const isolated = ev.breaches.find((b) => b.rule === "graph.isolated")!;
    assert.deepEqual(isolated.practices, ["L82017"]);
    assert.equal(isolated.network, "U64053");
    const split = ev.breaches.find((b) => b.rule === "contiguity.split" && b.network === "U64053")!;
    assert.deepEqual(split.practices, ["L82017"]);
    assert.match(split.message, /ISLES OF SCILLY & SOUTH KERRIER PCN is in 2 pieces/);
  });

  test("every ICB on practice sites, graph and evaluation, well under a second in all", async () => {
    const picture = await loadPicture(store.db, { synthetic: false });
    const rules = contractYearOn(picture.date);
    const icbs = [...new Set(picture.practices.map((p) => p.icb.code))].sort();
    assert.equal(icbs.length, 42);
    const instances = icbs.map((icb) => buildInstance(picture, { icb }));
    const run = () => {
      let practices = 0;
      let networks = 0;
      for (const instance of instances) {
        const adjacency = buildAdjacency(instance, { basis: "delaunay" });
        const { assignment, labels } = currentMap(instance);
        const ev = evaluate(instance, adjacency, assignment, rules, labels);
        practices += ev.totals.practices;
        networks += ev.totals.networks;
      }
      return { practices, networks };
    };
    run(); // warm up
    const started = performance.now();
    const totals = run();
    const ms = performance.now() - started;
    console.log(`42 ICBs on practice sites, graph + evaluation: ${ms.toFixed(0)} ms`);
    // 1,298 PCNs, one of which (U41591 Coast and Country) has practices in both QJK and QT6.
    assert.deepEqual(totals, { practices: 6_171, networks: 1_299 });
    assert.ok(ms < 1_000, `${ms} ms`);
  });

  test("a place: 05D (East Staffordshire), by ODS or ONS code; unknown areas are named", async () => {
    const place = await loadNetworkInstance(store, { synthetic: false, subIcb: "E38000053" });
    assert.equal(place.instance.scope, "place 05D");
    assert.equal(place.instance.practiceCodes.length, 18);
    assert.deepEqual(place.instance.networkCodes, ["U57641"]);
    assert.equal(place.catchments!.practicesCovered, 18);
    await assert.rejects(loadNetworkInstance(store, { synthetic: false, icb: "QZZ" }), UnknownAreaError);
    await assert.rejects(
      loadNetworkInstance(store, { synthetic: false, icb: "QNC", subIcb: "99X" }),
      /no sub-ICB location \(place\) has code '99X' in ICB QNC/,
    );
    await assert.rejects(
      loadNetworkInstance(store, { synthetic: false }),
      /choose an area with --icb or --sub-icb/,
    );
  });
});
