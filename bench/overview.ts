// Benchmark: `icsplan overview` on national data, after importing ../shared/data into a fresh store:
// the whole command as a user runs it (process start included), and the in-process load + build.
// Target (issue #2): under 2 s.
import { importFiles } from "../src/app/import-files.ts";
import { buildOverview } from "../src/engines/overview/overview.ts";
import { loadPicture } from "../src/app/load-picture.ts";
import { openStore, withStore } from "../src/store/store.ts";
import { cliSeconds, freshDir, report, SHARED, timed } from "./common.ts";

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
  const cli = cliSeconds(dir, ["overview"]);
  report("overview-national", {
    practices: inProcess.value.summary.practices,
    in_process_seconds: inProcess.seconds,
    cli_seconds_best: cli.best,
    cli_seconds_median: cli.median,
  });
} finally {
  cleanup();
}
