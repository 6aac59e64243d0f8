// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The heuristic within 1% of the optimum on small real places (sub-ICB locations, January 2026 map, April
// 2025 lists, practice sites, Delaunay graph) whose optima the exact mode proves; the optima are recorded
// here, so a change to either the exact mode or the objective that moves them fails too. (The whole-ICB
// case, QNC with LSOA cohesion, is in exact-real.test.ts.)
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadNetworkInstance } from "../../../src/app/network-instance.ts";
import { designNetworks } from "../../../src/engines/networks/design/index.ts";
import { designExact } from "../../../src/engines/networks/exact/design-exact.ts";
import type { Store } from "../../../src/store/store.ts";
import { importedStore, shared } from "../../helpers.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
];
const DATE = "2026-01-01";

/** Optima proven by the exact mode (objective of design/objective.ts, default weights), practice sites. */
const PLACES: { code: string; practices: number; optimum: number }[] = [
  { code: "02G", practices: 15, optimum: 333_232.008 },
  { code: "00R", practices: 16, optimum: 203_940.506 },
  { code: "03K", practices: 17, optimum: 710_158.164 },
  { code: "05D", practices: 18, optimum: 567_118.741 },
  { code: "00Q", practices: 22, optimum: 198_454.871 },
];

describe("the heuristic against proven optima on real places", () => {
  let store: Store;

  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { each: true, expect: "imported" },
    ));
  });
  after(() => store.close());

  test("small places: the known optima again, and the heuristic within 1% of each", async (t) => {
    for (const place of PLACES) {
      const loaded = await loadNetworkInstance(store, {
        synthetic: false,
        date: DATE,
        subIcb: place.code,
        catchments: false,
        graph: { basis: "delaunay" },
      });
      assert.equal(loaded.instance.practiceCodes.length, place.practices, place.code);
      const options = { date: loaded.picture.date, seed: 1 };
      const heuristic = designNetworks(loaded.instance, loaded.adjacency, options);
      const exact = await designExact(loaded.instance, loaded.adjacency, {
        ...options,
        initial: heuristic.assignment,
      });
      const optimum = exact.objective!.total;
      const gap = heuristic.objective.total / optimum - 1;
      t.diagnostic(`${place.code}: optimum ${optimum.toFixed(3)}, heuristic gap ${(100 * gap).toFixed(3)}%`);
      assert.equal(exact.proof, "optimal", place.code);
      assert.ok(Math.abs(optimum - place.optimum) < 0.01, `${place.code}: ${optimum} vs ${place.optimum}`);
      assert.ok(gap >= -1e-9 && gap < 0.01, `${place.code}: heuristic gap ${(100 * gap).toFixed(3)}%`);
    }
  });
});
