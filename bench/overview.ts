// Benchmark: `icsplan overview` on national data, after importing ../shared/data into a fresh store:
// the whole command as a user runs it (process start included), and the in-process load + build.
// Target (issue #2): under 2 s.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { importFiles } from "../src/app/import-files.ts";
import { buildOverview } from "../src/engines/overview/overview.ts";
import { loadPicture } from "../src/store/repositories/picture.ts";
import { openStore, withStore } from "../src/store/store.ts";
import { freshDir, report, ROOT, SHARED, timed } from "./common.ts";

const { dir, cleanup } = freshDir("icsplan-bench-overview-");
try {
  const store = await openStore({ dataDir: dir });
  await importFiles(store, [SHARED]);
  await store.close();

  const inProcess = await timed(() =>
    withStore({ dataDir: dir }, async (s) => {
      const picture = await loadPicture(s.db, { synthetic: false });
      return buildOverview(picture);
    }),
  );
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "overview", "--data-dir", dir],
      {
        encoding: "utf8",
      },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push((performance.now() - start) / 1000);
  }
  report("overview-national", {
    practices: inProcess.value.summary.practices,
    in_process_seconds: inProcess.seconds,
    cli_seconds_best: Math.min(...runs),
    cli_seconds_median: runs.sort((a, b) => a - b)[1]!,
  });
} finally {
  cleanup();
}
