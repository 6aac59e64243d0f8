// Benchmark: import the whole of ../shared/data into a fresh on-disk embedded store.
// Target (issue 15): under 30 s wall and under 1 GB peak memory on the 2-core machine.
import { importFiles } from "../src/app/import-files.ts";
import { openStore } from "../src/store/store.ts";
import { freshDir, peakRssMb, report, SHARED, timed } from "./common.ts";

const { dir, cleanup } = freshDir("icsplan-bench-import-");
try {
  const store = await openStore({ dataDir: dir });
  try {
    const { value: outcomes, seconds } = await timed(() => importFiles(store, [SHARED]));
    const imported = outcomes.filter((o) => o.status === "imported");
    const rows = imported.reduce((n, o) => n + (o.status === "imported" ? o.result.rows : 0), 0);
    for (const o of outcomes) {
      if (o.status === "imported")
        process.stdout.write(
          `  ${o.seconds.toFixed(2).padStart(6)} s  ${o.result.rows.toString().padStart(8)} rows  ${o.file.label}\n`,
        );
      else process.stdout.write(`  ${o.status.padStart(8)}  ${o.file.label}\n`);
    }
    report("import-all", {
      seconds,
      files: imported.length,
      rejected: outcomes.filter((o) => o.status === "rejected").length,
      skipped: outcomes.filter((o) => o.status === "skipped").length,
      rows,
      peak_rss_mb: peakRssMb(),
    });
  } finally {
    await store.close();
  }
} finally {
  cleanup();
}
