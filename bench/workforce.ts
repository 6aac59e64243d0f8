// Benchmark: national workforce trend tables for every ICB and period (issue #4, target under 2 s), after
// importing ../shared/data into a fresh store. Measured on the use case (trendsUseCase: read the workforce
// history from an open store + the trends engine), first call and warm, with the engine alone; and on the
// CLI as a user runs it (`icsplan workforce trends --format csv`, process start and store open included).
// Also times the partner, risk and ARRS use cases.
import { importFiles } from "../src/app/import-files.ts";
import {
  arrsUseCase,
  partnersUseCase,
  readWorkforceHistory,
  riskUseCase,
  trendsUseCase,
} from "../src/app/workforce.ts";
import { workforceTrends } from "../src/engines/workforce/trends.ts";
import { openStore } from "../src/store/store.ts";
import { cliSeconds, freshDir, report, SHARED, timed } from "./common.ts";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const source = { synthetic: false };

const { dir, cleanup } = freshDir("icsplan-bench-workforce-");
try {
  const setup = await openStore({ dataDir: dir });
  await importFiles(setup, [SHARED]);
  await setup.close();

  const store = await openStore({ dataDir: dir });
  let rows = 0;
  try {
    const first = await timed(() => trendsUseCase(store, source, { by: "icb" }));
    rows = first.value.areas.length * first.value.periods.length;
    const warm: number[] = [];
    for (let i = 0; i < 3; i++)
      warm.push((await timed(() => trendsUseCase(store, source, { by: "icb" }))).seconds);
    const history = await readWorkforceHistory(store, source);
    const engine: number[] = [];
    for (let i = 0; i < 3; i++)
      engine.push((await timed(async () => workforceTrends(history, { by: "icb" }))).seconds);
    const pcn = await timed(() => trendsUseCase(store, source, { by: "pcn" }));
    const partners = await timed(() => partnersUseCase(store, source, { by: "icb" }));
    const risk = await timed(() => riskUseCase(store, source, {}));
    const arrs = await timed(() => arrsUseCase(store, source, {}));
    report("workforce-trends-icb", {
      icbs: first.value.areas.length,
      periods: first.value.periods.length,
      area_period_rows: rows,
      practice_year_rows: history.rows.length,
      use_case_first_seconds: first.seconds,
      use_case_warm_median_seconds: median(warm),
      engine_median_seconds: median(engine),
    });
    report("workforce-other-use-cases", {
      trends_by_pcn_seconds: pcn.seconds,
      pcn_series: pcn.value.areas.length,
      partners_seconds: partners.seconds,
      risk_all_practices_seconds: risk.seconds,
      arrs_all_pcns_seconds: arrs.seconds,
    });
  } finally {
    await store.close();
  }

  const cli = cliSeconds(dir, ["workforce", "trends", "--format", "csv"]);
  report("workforce-trends-cli", { cli_seconds_best: cli.best, cli_seconds_median: cli.median });
} finally {
  cleanup();
}
