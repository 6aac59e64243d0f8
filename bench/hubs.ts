// Benchmark: community specialist hubs for Staffordshire & Stoke-on-Trent (QNC), p-median solved exactly
// (Benders decomposition over HiGHS) for k = 1…6, diabetes need (QOF 2024-25 register) on the October 2025
// LSOA registrations (LSOAs of 20+ patients, ~800 points) and the practice sites (~129 distinct) of the
// August 2026 map. Target: under 10 s each, optimality proven. Also k = 3 maximal covering within 5 km.
// One HiGHS worker serves the run (its start-up is reported apart). cpuSeconds is the process's CPU time
// (main thread and the HiGHS worker): wall time on a shared machine is longer.
import { loadHubProblem } from "../src/app/hubs.ts";
import { siteOrder } from "../src/engines/hubs/model.ts";
import { placeHubs } from "../src/engines/hubs/place.ts";
import { openHubSolver } from "../src/engines/hubs/solve.ts";
import { importedStore, report, timed } from "./common.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv",
  "registrations/2026-07/gp-reg-pat-prac-all_2026-07_from-quin-age.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
  "boundaries/lsoa21/lsoa21_population_weighted_centroids_ew_v3.csv",
  "deprivation/iod2025_imd_rank_decile_lsoa21.csv",
  "other/qof_2024-25/PREVALENCE_2425.csv",
];

const { store, close } = await importedStore("icsplan-bench-hubs-", FILES);
try {
  const request = {
    synthetic: false,
    icb: "QNC",
    specialty: "diabetes" as const,
    ks: [1],
    objective: "p-median" as const,
    withinKm: 5,
  };
  const loaded = await timed(() => loadHubProblem(store, request));
  const { problem } = loaded.value;
  report("hubs-load", {
    seconds: loaded.seconds,
    points: problem.demand.codes.length,
    sites: problem.candidates.length,
  });
  const opened = await timed(() => openHubSolver());
  report("hubs-highs-start", { seconds: opened.seconds });
  const solver = opened.value;
  const cache = { order: siteOrder(problem), solver };
  let failed = false;
  try {
    for (let k = 1; k <= 6; k++) {
      const cpu = process.cpuUsage();
      const r = await timed(() => placeHubs(problem, { k, objective: "p-median", withinKm: 5 }, cache));
      const used = process.cpuUsage(cpu);
      const p = r.value;
      if (p.status !== "optimal" || r.seconds >= 10) failed = true;
      report(`hubs-qnc-pmedian-k${k}`, {
        seconds: r.seconds,
        cpuSeconds: (used.user + used.system) / 1e6,
        status: p.status,
        needKm: p.value,
        meanKm: p.access.overall.meanKm ?? 0,
        rounds: p.rounds,
        cuts: p.rows - 1,
        target: "<10s",
      });
    }
    const c = await timed(() => placeHubs(problem, { k: 3, objective: "covering", withinKm: 5 }, cache));
    report("hubs-qnc-covering-k3-5km", {
      seconds: c.seconds,
      status: c.value.status,
      withinShare: c.value.access.overall.withinShare ?? 0,
      columns: c.value.columns,
    });
  } finally {
    await solver.close();
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  await close();
}
