// Benchmark: exact network design (candidate networks + set-partitioning MIP in HiGHS) against the
// heuristic, on real instances:
//  - Staffordshire & Stoke-on-Trent ICB (QNC) with its real LSOA catchments (target: optimum proven < 60 s);
//  - place-sized instances (sub-ICB locations) across England on practice sites, where the MIP proves
//    optimality, reporting the heuristic's gap to the optimum for each (target: within 1%).
// Data: epraccur, postcode coordinates, January 2026 map, April 2025 lists, the October 2025 LSOA subset,
// IMD 2025 and LSOA centroids, imported into a fresh store.
import { designNetworks } from "../src/engines/networks/design/index.ts";
import { designExact } from "../src/engines/networks/exact/design-exact.ts";
import { buildAdjacency } from "../src/engines/networks/graph.ts";
import { buildInstance } from "../src/engines/networks/instance-builder.ts";
import { loadCatchments } from "../src/store/repositories/catchments.ts";
import { loadPicture } from "../src/app/load-picture.ts";
import { importedStore, report } from "./common.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
  "deprivation/iod2025_imd_rank_decile_lsoa21.csv",
  "boundaries/lsoa11_population_weighted_centroids.csv",
];
const PLACES = Number(process.env.PLACES ?? 16);
const TIME_LIMIT = 60;

const { store, close } = await importedStore("icsplan-bench-exact-", FILES);
try {
  const picture = await loadPicture(store.db, { synthetic: false });

  const compare = async (
    label: string,
    icb: string | undefined,
    subIcb: string | undefined,
    withCatchments: boolean,
    basis: "auto" | "delaunay" = "auto",
  ) => {
    let catchments = null;
    if (withCatchments) {
      const codes = picture.practices.filter((p) => p.icb.code === icb).map((p) => p.code);
      catchments = await loadCatchments(store.db, {
        synthetic: false,
        practiceCodes: codes,
        date: picture.date,
      });
    }
    const instance = buildInstance(picture, { icb, subIcb, catchments });
    const adjacency = buildAdjacency(instance, { basis });
    const options = {
      date: picture.date,
      disruptionWeight: 1,
      placeWeight: 1,
      seed: 1,
      starts: Number(process.env.STARTS ?? 4),
    };
    const t = performance.now();
    const heuristic = designNetworks(instance, adjacency, options);
    const heuristicSeconds = (performance.now() - t) / 1000;
    const t1 = performance.now();
    const exact = await designExact(instance, adjacency, {
      ...options,
      mipTimeLimitSeconds: TIME_LIMIT,
      initial: heuristic.assignment,
    });
    const exactSeconds = (performance.now() - t1) / 1000;
    const opt = exact.objective?.total ?? NaN;
    const gap = (heuristic.objective.total - opt) / opt;
    report(`networks-exact ${label}`, {
      practices: instance.practiceCodes.length,
      graph: adjacency.basis,
      status: exact.status,
      proof: exact.proof,
      source: exact.source,
      mip_gap: exact.gap ?? NaN,
      bound: exact.bound ?? NaN,
      columns: exact.columns,
      truncated: String(exact.truncated),
      enumerate_s: exact.seconds.enumerate,
      solve_s: exact.seconds.solve,
      exact_wall_s: exactSeconds,
      lp_bound: exact.lpBound ?? NaN,
      pricing_rounds: exact.rounds,
      final_columns: exact.finalColumns,
      optimum: opt,
      heuristic: heuristic.objective.total,
      heuristic_s: heuristicSeconds,
      heuristic_gap_pct: 100 * gap,
    });
    return { status: exact.proof, gap, truncated: exact.truncated };
  };

  // Place-sized instances: sub-ICB locations with 15–45 practices, smallest first.
  const bySub = new Map<string, { icb: string; n: number }>();
  for (const p of picture.practices) {
    const e = bySub.get(p.subIcb.code) ?? { icb: p.icb.code, n: 0 };
    e.n++;
    bySub.set(p.subIcb.code, e);
  }
  const places = [...bySub.entries()]
    .filter(([, e]) => e.n >= 15 && e.n <= 45)
    .sort((a, b) => a[1].n - b[1].n || a[0].localeCompare(b[0]))
    .slice(0, PLACES);
  const gaps: number[] = [];
  for (const [code, e] of places) {
    const r = await compare(`place ${code} (${e.icb})`, undefined, code, false);
    if (r.status === "optimal" && !r.truncated) gaps.push(r.gap);
  }
  // The whole ICB with its LSOA catchments, last (the largest instances): cohesion at LSOA level on the
  // Delaunay graph of practice sites, then on the denser graph of shared catchments.
  await compare("QNC (LSOA catchments, Delaunay graph)", "QNC", undefined, true, "delaunay");
  await compare("QNC (LSOA catchments, catchment graph)", "QNC", undefined, true, "auto");

  report("networks-exact summary", {
    places_proven: gaps.length,
    within_1pct: gaps.filter((g) => g <= 0.01).length,
    worst_gap_pct: 100 * Math.max(...gaps),
    mean_gap_pct: (100 * gaps.reduce((a, b) => a + b, 0)) / gaps.length,
  });
} finally {
  await close();
}
