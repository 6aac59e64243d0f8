// Benchmark: funding on all of England, after importing the files it reads into a fresh on-disk store.
//   entitlements England (2024-25) and the equity audit of England — targets under 2 s each. Timed three
//     ways: the use case with the store already open (median of 3 after one warm-up), the use case
//     including opening the store (PGlite start), and the installed command as a user runs it (bundled,
//     process start included; best of 3);
//   allocation of a fund across an ICB's practices — target under 50 ms: the engine (allocateFund over
//     Staffordshire & Stoke-on-Trent's 141 practices, with and without a floor and cap; median of 200), and
//     the whole use case (reading the store included) for comparison;
//   the weighted-population model's fit (FY2020-21 → FY2021-22), as reported by `icsplan funding model`.
import { join } from "node:path";
import { allocateReport, allocationUnits } from "../src/app/funding-allocation.ts";
import { auditReport } from "../src/app/funding-audit.ts";
import { loadFundingData, practicesInArea } from "../src/app/funding-data.ts";
import { entitlementsReport } from "../src/app/funding-entitlements.ts";
import { modelReport } from "../src/app/funding-model.ts";
import { importFiles } from "../src/app/import-files.ts";
import { allocateFund, METHOD_WEIGHTS } from "../src/engines/funding/allocation.ts";
import { openStore, withStore, type Store } from "../src/store/store.ts";
import { cliSeconds, freshDir, report, SHARED } from "./common.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "deprivation/practice_imd2019_score_swahsn_2023-01.csv",
  "other/qof_2020-21/PREVALENCE_2021_v2.csv",
  "workforce/heec_practice_workforce_fy2023-2025_partners.csv",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2022-09.csv",
  "payments",
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

const cli = (dir: string, args: string[]) => cliSeconds(dir, args).best;

const { dir, cleanup } = freshDir("icsplan-bench-funding-");
try {
  const store = await openStore({ dataDir: dir });
  await importFiles(
    store,
    FILES.map((f) => join(SHARED, f)),
  );
  await store.close();

  const warm = async (work: (s: Store) => Promise<unknown>) =>
    withStore({ dataDir: dir }, async (s) => {
      await work(s);
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push(await seconds(() => work(s)));
      return median(runs);
    });
  const entitlements = (s: Store) => entitlementsReport(s, { synthetic: false, year: "2024-25" });
  const audit = (s: Store) => auditReport(s, { synthetic: false });

  const entitlementsCold = await seconds(() => withStore({ dataDir: dir }, entitlements));
  const auditCold = await seconds(() => withStore({ dataDir: dir }, audit));
  report("funding-entitlements-england", {
    practices: 6171,
    use_case_store_open_seconds: await warm(entitlements),
    use_case_with_open_seconds: entitlementsCold,
    cli_seconds_best: cli(dir, ["funding", "entitlements", "--year", "2024-25"]),
  });
  report("funding-audit-england", {
    use_case_store_open_seconds: await warm(audit),
    use_case_with_open_seconds: auditCold,
    cli_seconds_best: cli(dir, ["funding", "audit"]),
  });

  await withStore({ dataDir: dir }, async (s) => {
    const data = await loadFundingData(s, { synthetic: false });
    const { practices } = practicesInArea(data, { icb: "QNC" });
    const { units } = allocationUnits(practices, "practice");
    const time = (floorCap: boolean) => {
      const runs: number[] = [];
      for (let i = 0; i < 200; i++) {
        const start = performance.now();
        const a = allocateFund(units, {
          fundPence: 100_000_000 + i,
          method: "need",
          weights: METHOD_WEIGHTS("need"),
          ...(floorCap
            ? {
                floor: { kind: "share-of-equal" as const, fraction: 0.95 },
                cap: { kind: "share-of-equal" as const, fraction: 1.1 },
              }
            : {}),
        });
        runs.push(performance.now() - start);
        if (a.totalPence !== 100_000_000 + i) throw new Error("allocation does not sum to the fund");
      }
      return median(runs);
    };
    const useCase = await seconds(() =>
      allocateReport(s, { synthetic: false, icb: "QNC", fundPence: 100_000_000 }),
    );
    report("funding-allocate-icb", {
      icb: "QNC",
      practices: units.length,
      engine_ms_median: time(false),
      engine_with_floor_cap_ms_median: time(true),
      use_case_store_open_seconds: useCase,
    });

    const m = await modelReport(s, { synthetic: false });
    const v = m.validation;
    report("funding-weighted-model", {
      fit: v.fitYear,
      test: v.testYear,
      practices: v.model.test.n,
      r2_ratio: v.model.test.r2Ratio,
      r2_weighted: v.model.test.r2Weighted,
      median_abs_error_patients: v.model.test.medianAbsError,
      median_abs_pct_error: 100 * v.model.test.medianAbsPercentError,
      reduced_r2_ratio: v.reduced.test.r2Ratio,
      reduced_median_abs_error: v.reduced.test.medianAbsError,
      own_ratio_r2_ratio: v.ownRatio.r2Ratio,
      own_ratio_median_abs_error: v.ownRatio.medianAbsError,
    });
  });
} finally {
  cleanup();
}
