// Benchmark: `networks design --england`, the whole of England designed in one process (target: under 30 s).
// In process: the ICB instances loaded from one picture (catchments for QNC from the October 2025 LSOA
// subset), every ICB designed with the England defaults (one start per ICB), labels made unique; wall and
// CPU seconds. Then the bundled command as a user runs it (process start and store open included).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { designEngland } from "../src/app/network-england.ts";
import { loadEnglandInstances } from "../src/app/network-instance.ts";
import { importFiles } from "../src/app/import-files.ts";
import { openStore } from "../src/store/store.ts";
import { cliSeconds, freshDir, importedStore, report, ROOT, SHARED } from "./common.ts";

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

const { store, close } = await importedStore("icsplan-bench-england-", FILES);
try {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { instances } = await loadEnglandInstances(store, { synthetic: false, date: DATE });
  const t1 = performance.now();
  const design = designEngland(instances, { starts: 1 });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const labels = design.rows.flatMap((r) => r.result.networks.map((n) => n.label));
  const rows = design.rows.map((r) => r.result);
  report("networks-england in-process", {
    icbs: design.rows.length,
    practices: design.rows.reduce((s, r) => s + r.loaded.instance.practiceCodes.length, 0),
    networks: labels.length,
    labels_unique: String(new Set(labels).size === labels.length),
    in_band: rows.reduce((s, r) => s + r.proposal.inBand, 0),
    today_in_band: rows.reduce((s, r) => s + r.today.inBand, 0),
    today_networks: rows.reduce((s, r) => s + r.today.networks, 0),
    load_s: (t1 - t0) / 1000,
    design_s: (t2 - t1) / 1000,
    total_s: (t2 - t0) / 1000,
    cpu_s: (cpu.user + cpu.system) / 1e6,
    slowest_icb_s: Math.max(...rows.map((r) => r.seconds)),
  });
} finally {
  await close();
}

// The command as a user runs it, on a store of its own (the bundle is built by `npm run bench`).
if (existsSync(join(ROOT, "bin/icsplan.js"))) {
  const { dir, cleanup } = freshDir("icsplan-bench-england-cli-");
  try {
    const cli = await openStore({ dataDir: join(dir, "store") });
    await importFiles(
      cli,
      FILES.map((f) => join(SHARED, f)),
    );
    await cli.close();
    const t = cliSeconds(join(dir, "store"), ["networks", "design", "--england", "--date", DATE], 1);
    report("networks-england cli", { wall_s: t.best });
  } catch (error) {
    // A bundle built before --england existed: the in-process figures above still stand.
    report("networks-england cli", {
      skipped: String(error instanceof Error ? error.message.split("\n")[0] : error),
    });
  } finally {
    cleanup();
  }
}
