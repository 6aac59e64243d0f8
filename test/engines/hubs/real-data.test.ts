// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// Hub placement on the real files for Staffordshire & Stoke-on-Trent (QNC): the August 2026 map, July 2026
// lists with 5-year age bands, the October 2025 LSOA registrations, LSOA 2021 centroids, IoD2025 and QOF
// 2024-25. Sanity properties (k hubs open, every demand point on its nearest open hub, the p-median value
// non-increasing in k, covering non-decreasing) and the exact answers of k = 1 and 2 checked by enumerating
// every site and every pair of sites.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { hubsReport, loadHubProblem } from "../../../src/app/hubs.ts";
import { weightedDistance } from "../../../src/engines/hubs/access.ts";
import type { Store } from "../../../src/store/store.ts";
import { importOne, memoryStore, shared } from "../../helpers.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv",
  "registrations/2026-07/gp-reg-pat-prac-quin-age_2026-07.zip",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
  "boundaries/lsoa21/lsoa21_population_weighted_centroids_ew_v3.csv",
  "deprivation/iod2025_imd_rank_decile_lsoa21.csv",
  "other/qof_2024-25/PREVALENCE_2425.csv",
];

describe("hubs for QNC on the real files", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    for (const f of FILES) {
      const o = await importOne(store, shared(f));
      assert.equal(o.status, "imported", `${f}: ${JSON.stringify(o)}`);
    }
  });
  after(() => store.close());

  test("diabetes, p-median k = 1…3: optimal, k hubs, nearest-hub assignment, non-increasing; k = 1, 2 equal enumeration", async () => {
    const request = {
      synthetic: false,
      icb: "QNC",
      specialty: "diabetes" as const,
      ks: [1, 2, 3],
      objective: "p-median" as const,
      withinKm: 5,
    };
    const r = await hubsReport(store, request);
    assert.equal(r.date, "2026-08-01");
    assert.equal(r.sites.basis, "practice sites");
    assert.ok(r.sites.count >= 120 && r.sites.count <= r.sites.practices, `${r.sites.count} sites`);
    // Every QNC practice is in the October 2025 registrations; the LSOAs of 20+ patients are the points.
    assert.equal(r.demand.sitePoints, 0);
    assert.ok(r.demand.points > 700 && r.demand.points < 900, `${r.demand.points} points`);
    // QOF 2024-25 diabetes prevalence (all ages) in QNC is about 7% (register ÷ list).
    assert.ok(r.demand.meanShare > 0.06 && r.demand.meanShare < 0.085, `share ${r.demand.meanShare}`);
    let previous = Infinity;
    for (const p of r.placements) {
      assert.equal(p.status, "optimal", `k ${p.k}`);
      assert.equal(p.hubs.length, p.k);
      assert.ok(p.value <= previous + 1e-6, `k ${p.k}: ${p.value} after ${previous}`);
      previous = p.value;
      const served = p.hubs.reduce((a, h) => a + h.weight, 0);
      assert.ok(Math.abs(served - r.demand.need) < 1e-6 * r.demand.need, "every point served by an open hub");
    }
    const last = r.placements.at(-1)!;
    const open = new Set(last.hubs.map((h) => h.code));
    assert.ok(r.points.every((pt) => open.has(pt.hub)));
    // Access: the chosen hubs are never nearer than every site open (the floor).
    assert.ok(last.access.overall.meanKm! >= r.everySite.overall.meanKm!);

    // Enumeration of every site and pair of sites on the same problem.
    const { problem } = await loadHubProblem(store, request);
    const m = problem.candidates.length;
    let best1 = Infinity;
    let best2 = Infinity;
    for (let a = 0; a < m; a++) {
      best1 = Math.min(best1, weightedDistance(problem, [a]));
      for (let b = a + 1; b < m; b++) best2 = Math.min(best2, weightedDistance(problem, [a, b]));
    }
    assert.ok(
      Math.abs(r.placements[0]!.value - best1) <= 1e-7 * best1,
      `k 1: ${r.placements[0]!.value} vs ${best1}`,
    );
    assert.ok(
      Math.abs(r.placements[1]!.value - best2) <= 1e-7 * best2,
      `k 2: ${r.placements[1]!.value} vs ${best2}`,
    );
  });

  test("care of the elderly (65+ from the July 2026 age bands), covering within 5 km, k = 2 and 4", async () => {
    const r = await hubsReport(store, {
      synthetic: false,
      icb: "QNC",
      specialty: "care-of-the-elderly",
      ks: [2, 4],
      objective: "covering",
      withinKm: 5,
    });
    // About a fifth of Staffordshire's registered patients are 65+.
    assert.ok(r.demand.meanShare > 0.17 && r.demand.meanShare < 0.25, `share ${r.demand.meanShare}`);
    const [k2, k4] = r.placements;
    assert.equal(k2!.status, "optimal");
    assert.equal(k4!.status, "optimal");
    assert.ok(k4!.value >= k2!.value);
    for (const p of r.placements)
      assert.ok(Math.abs(p.access.overall.withinShare! * r.demand.need - p.value) < 1e-6 * r.demand.need);
    assert.equal(r.before, null);
    assert.ok(r.caveats.some((c) => c.startsWith("Before: no community hub")));
  });
});
