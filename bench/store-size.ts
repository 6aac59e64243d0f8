// Benchmark: the embedded store's size on disk, fresh and after re-imports of the whole of ../shared/data.
// Each import replaces the datasets of the one before (same source, date and scope), so the store should
// stay about the size of a fresh one. Target (issue 10): no lasting growth from re-importing.
// Heavy: four national imports, each in its own open and close of the store, as four `icsplan import` runs.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { importFiles } from "../src/app/import-files.ts";
import { openStore } from "../src/store/store.ts";
import { freshDir, report, SHARED, timed } from "./common.ts";

const REIMPORTS = Number(process.env.ICSPLAN_BENCH_REIMPORTS ?? 3);

/** Bytes of every file under a folder. */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
  }
  return total;
}

const mb = (bytes: number) => bytes / 1e6;

const { dir, cleanup } = freshDir("icsplan-bench-size-");
try {
  const figures: Record<string, number> = {};
  for (let run = 0; run <= REIMPORTS; run++) {
    const store = await openStore({ dataDir: dir });
    let seconds: number;
    let datasets: number;
    try {
      const timedImport = await timed(() => importFiles(store, [SHARED]));
      seconds = timedImport.seconds;
      const counted = await store.db
        .selectFrom("dataset")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      datasets = Number(counted.n);
    } finally {
      await store.close();
    }
    const pgdata = join(dir, "pgdata");
    const total = mb(bytesUnder(pgdata));
    const wal = mb(bytesUnder(join(pgdata, "pg_wal")));
    const label = run === 0 ? "fresh" : `reimport${run}`;
    process.stdout.write(
      `  ${label.padEnd(10)} ${total.toFixed(0).padStart(6)} MB (WAL ${wal.toFixed(0)} MB, tables and ` +
        `indexes ${mb(bytesUnder(join(pgdata, "base"))).toFixed(0)} MB), ${datasets} datasets, ` +
        `import ${seconds.toFixed(1)} s\n`,
    );
    figures[`${label}_mb`] = total;
    figures[`${label}_wal_mb`] = wal;
    figures[`${label}_s`] = seconds;
  }
  figures.growth = figures[`reimport${REIMPORTS}_mb`]! / figures.fresh_mb!;
  report("store-size", figures);
} finally {
  cleanup();
}
