// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The exact mode and the heuristic's gap on real data (January 2026 map, April 2025 lists, pinned):
//  - Staffordshire & Stoke-on-Trent (QNC) with LSOA-level cohesion (October 2025 registrations) on the
//    Delaunay graph of practice sites: the optimum is proven, it is in band, it is no worse than the
//    heuristic, and the heuristic (seed 1) is within 1% of it;
// (Small places with known optima: heuristic-gap.test.ts.)
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadNetworkInstance, type LoadedNetworkInstance } from "../../../src/app/network-instance.ts";
import { designNetworks } from "../../../src/engines/networks/design/index.ts";
import { designExact } from "../../../src/engines/networks/exact/design-exact.ts";
import type { Store } from "../../../src/store/store.ts";
import { importedStore, shared } from "../../helpers.ts";
import { disconnectedNetworks } from "./design-kit.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
  "deprivation/iod2025_imd_rank_decile_lsoa21.csv",
  "boundaries/lsoa11_population_weighted_centroids.csv",
];
const DATE = "2026-01-01";

describe("exact network design on real data", () => {
  let store: Store;
  let qnc: LoadedNetworkInstance;

  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { each: true, expect: "imported" },
    ));
    qnc = await loadNetworkInstance(store, {
      synthetic: false,
      date: DATE,
      icb: "QNC",
      graph: { basis: "delaunay" },
    });
  });
  after(() => store.close());

  test("QNC, LSOA cohesion, Delaunay graph: the optimum is proven, in band, and the heuristic is within 1%", async (t) => {
    assert.equal(qnc.instance.practiceCodes.length, 141);
    const options = { date: qnc.picture.date, seed: 1 };
    const heuristic = designNetworks(qnc.instance, qnc.adjacency, options);
    const exact = await designExact(qnc.instance, qnc.adjacency, {
      ...options,
      initial: heuristic.assignment,
      mipTimeLimitSeconds: 120,
    });
    const optimum = exact.objective!.total;
    const gap = heuristic.objective.total / optimum - 1;
    t.diagnostic(
      `optimum ${optimum.toFixed(1)}, ${exact.design!.networks.length} networks (${exact.columns} columns, ${exact.rounds} rounds, ${exact.seconds.solve.toFixed(1)} s); heuristic ${heuristic.objective.total.toFixed(1)}, gap ${(100 * gap).toFixed(2)}%`,
    );
    assert.equal(exact.proof, "optimal");
    assert.equal(exact.gap, 0);
    assert.equal(exact.truncated, false);
    assert.ok(Math.abs(optimum - 4_181_501.33) < 1, `optimum ${optimum}`);
    assert.ok(Math.abs(exact.bound! - optimum) < 1e-6 * optimum);
    assert.equal(exact.design!.method, "exact");
    assert.equal(exact.design!.networks.length, 31);
    assert.ok(exact.design!.networks.every((n) => n.band === "in"));
    assert.deepEqual(disconnectedNetworks(qnc.adjacency, exact.assignment!), []);
    assert.ok(optimum <= heuristic.objective.total);
    assert.ok(gap >= 0 && gap < 0.01, `heuristic gap ${(100 * gap).toFixed(2)}%`);
  });
});
