// Benchmark: the ensemble of QNC (Staffordshire and Stoke-on-Trent) on national data: 10,000 recombination
// steps from the heuristic design, every 10th plan measured, today's map and the design placed. Target
// (issue #14): under 30 s. ICSPLAN_BENCH_STORE=DIR reuses a national store (an `icsplan import
// ../shared/data` data directory, copied); otherwise ../shared/data is imported into a fresh one first.
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { networkEnsemble } from "../src/app/ensemble.ts";
import { importFiles } from "../src/app/import-files.ts";
import { openStore } from "../src/store/store.ts";
import { freshDir, peakRssMb, report, SHARED, timed } from "./common.ts";

const { dir, cleanup } = freshDir("icsplan-bench-ensemble-");
const dataDir = join(dir, "store");
try {
  if (process.env.ICSPLAN_BENCH_STORE) {
    cpSync(process.env.ICSPLAN_BENCH_STORE, dataDir, { recursive: true });
    rmSync(join(dataDir, "icsplan.lock"), { force: true });
  }
  const store = await openStore({ dataDir });
  try {
    if (!process.env.ICSPLAN_BENCH_STORE) await importFiles(store, [SHARED]);
    const { value, seconds } = await timed(() => networkEnsemble(store, { icb: "QNC", steps: 10_000 }));
    const [today, design] = value.ensemble.positions;
    report("networks-ensemble-qnc", {
      steps: value.ensemble.steps,
      samples: value.ensemble.samples,
      networks: value.ensemble.networks,
      seconds,
      chain_and_measures_seconds: value.seconds,
      today_cohesion_pct: 100 * (today!.percentiles.cohesion ?? NaN),
      today_localisation_pct: 100 * (today!.percentiles.localisation ?? NaN),
      design_cohesion_pct: 100 * (design!.percentiles.cohesion ?? NaN),
      peak_rss_mb: peakRssMb(),
    });
  } finally {
    await store.close();
  }
} finally {
  cleanup();
}
