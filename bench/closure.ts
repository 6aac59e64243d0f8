// Benchmark: closure scenarios in Staffordshire & Stoke-on-Trent (QNC, 141 practices, a median-sized ICB)
// with LSOA-level dispersal (October 2025 LSOA registrations), on the January 2026 map with April 2025
// lists, imported into a fresh store. Times the pure engine (closePractices: origins from the LSOA rows,
// receivers among all 6,171 practices of England, candidate pairs within 10 km, the model, aggregation,
// PCN effects) on inputs already loaded, for one practice and for the five largest practices of QNC, with
// both models: median and worst wall time of 20 runs after 3 warm-up runs, and the median CPU time of the
// process (less disturbed when other work shares the machine). Target (issue #4): under 200 ms. Also
// times the whole use case (runClosure: picture and catchments read from the store, then the engine) and
// the backtest on the registration history (10 km, growth:20%, grid of 56 parameter pairs).
import { runBacktest } from "../src/app/backtest.ts";
import { loadIcbCatchments, runClosure } from "../src/app/closure.ts";
import { contractYearOn } from "../src/config/pcn-contract.ts";
import { closePractices, type ClosureOptions } from "../src/engines/scenarios/closure.ts";
import { loadPicture } from "../src/app/load-picture.ts";
import { importedStore, report, timed } from "./common.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "registrations/history/gp-reg-pat-prac-all_2021-01.csv",
  "registrations/history/gp-reg-pat-prac-all_2022-05.csv",
  "registrations/history/gp-reg-pat-prac-map_2020-09.csv",
  "registrations/history/gp-reg-pat-prac-map_2022-01.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke",
  "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv",
  "boundaries/lsoa11_population_weighted_centroids.csv",
  "workforce/heec_practice_workforce_fy2023-2025_partners.csv",
  "payments/nhs-payments-gp_2021-22.csv",
];
const RUNS = 20;
const WARM = 3;

const { store, close } = await importedStore("icsplan-bench-closure-", FILES);
try {
  const picture = await loadPicture(store.db, { synthetic: false });
  const qnc = picture.practices.filter((p) => p.icb.code === "QNC");
  const catchments = await loadIcbCatchments(store, picture, ["QNC"]);
  const input = {
    date: picture.date,
    practices: picture.practices,
    catchments: catchments.input,
    rules: contractYearOn(picture.date),
  };
  const largest = [...qnc]
    .sort((a, b) => (b.listSize ?? 0) - (a.listSize ?? 0))
    .slice(0, 5)
    .map((p) => p.code);
  const scenarios: { name: string; codes: string[] }[] = [
    { name: "one", codes: ["M83001"] },
    { name: "five-largest", codes: largest },
  ];
  for (const s of scenarios)
    for (const model of ["nearest", "choice"] as const) {
      const options: ClosureOptions = { model, maxKm: 10 };
      const times: number[] = [];
      const cpu: number[] = [];
      let result = closePractices(input, s.codes, options);
      for (let i = 0; i < WARM + RUNS; i++) {
        const start = performance.now();
        const used = process.cpuUsage();
        result = closePractices(input, s.codes, options);
        const u = process.cpuUsage(used);
        if (i >= WARM) {
          times.push(performance.now() - start);
          cpu.push((u.user + u.system) / 1000);
        }
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      const lsoas = result.closed.reduce((a, c) => a + c.lsoas, 0);
      report(`closure-engine-qnc-${s.name}-${model}`, {
        practices_in_map: picture.practices.length,
        qnc_practices: qnc.length,
        closing: s.codes.length,
        patients: result.totals.toRehome,
        lsoa_origins: lsoas,
        receivers: result.totals.receivingPractices,
        in_range: result.totals.practicesInRange,
        not_placed: result.notPlaced.total,
        engine_ms_median: times[times.length >> 1]!,
        engine_ms_max: times[times.length - 1]!,
        engine_cpu_ms_median: cpu[cpu.length >> 1]!,
      });
    }
  const useCase = await timed(() => runClosure(store, { synthetic: false, practices: ["M83001"] }));
  report("closure-use-case-qnc-one", {
    seconds: useCase.seconds,
    patients: useCase.value.result.totals.toRehome,
  });
  const bt = await timed(() => runBacktest(store));
  report("closure-backtest", {
    seconds: bt.seconds,
    closures: bt.value.result!.intervals.reduce((a, i) => a + i.closures, 0),
    fitted_decay: bt.value.result!.fit.best.decayPerKm,
    fitted_exponent: bt.value.result!.fit.best.attractivenessExponent,
  });
} finally {
  await close();
}
