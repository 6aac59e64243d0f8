// Benchmark: the two-level design (issue 14 item 2). Targets: QNC under 10 s; every ICB of England (both
// levels) under 60 s. In process, on a fresh store of the January 2026 map, April 2025 lists, the October 2025
// LSOA registrations of QNC, the IoD 2025 LSOA file (LSOA → district) and the LSOA 2021 centroids: the use
// case as the CLI runs it (`neighbourhoods design --icb QNC`, four starts; `--england`, one start per ICB).
import { designNeighbourhoods } from "../src/app/neighbourhoods.ts";
import { importedStore, report } from "./common.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
  "deprivation/iod2025_imd_rank_decile_lsoa21.csv",
  "boundaries/lsoa21/lsoa21_population_weighted_centroids_ew_v3.csv",
];
const DATE = "2026-01-01";

const { store, close } = await importedStore("icsplan-bench-neighbourhoods-", FILES);
try {
  const cpu0 = process.cpuUsage();
  const qnc = await designNeighbourhoods(store, { synthetic: false, date: DATE, icb: "QNC" });
  const cpu1 = process.cpuUsage(cpu0);
  const d = qnc.designs[0]!.design;
  report("neighbourhoods QNC", {
    practices: d.evaluation.pcn.totals.practices,
    neighbourhoods: d.neighbourhoods.length,
    neighbourhoods_in_band: d.evaluation.neighbourhood.totals.inBand ?? 0,
    areas: d.areas.length,
    areas_in_band: d.evaluation.area.totals.inBand ?? 0,
    in_main_district: d.evaluation.neighbourhood.totals.coterminosity.inMainLa ?? 0,
    districts_whole_in_areas: d.evaluation.area.totals.coterminosity.districtsWhole,
    districts: d.evaluation.area.totals.coterminosity.districts,
    load_s: qnc.seconds.load,
    level1_s: d.seconds.neighbourhood,
    level2_s: d.seconds.area,
    total_s: qnc.seconds.total,
    cpu_s: (cpu1.user + cpu1.system) / 1e6,
  });
  const cpu2 = process.cpuUsage();
  const england = await designNeighbourhoods(store, { synthetic: false, date: DATE, england: true });
  const cpu3 = process.cpuUsage(cpu2);
  const all = england.designs.map((x) => x.design);
  const labels = all.flatMap((x) => [
    ...x.neighbourhoods.map((n) => n.label),
    ...x.areas.map((a) => a.label),
  ]);
  report("neighbourhoods England", {
    icbs: all.length,
    practices: all.reduce((s, x) => s + x.evaluation.pcn.totals.practices, 0),
    neighbourhoods: all.reduce((s, x) => s + x.neighbourhoods.length, 0),
    neighbourhoods_in_band: all.reduce((s, x) => s + (x.evaluation.neighbourhood.totals.inBand ?? 0), 0),
    areas: all.reduce((s, x) => s + x.areas.length, 0),
    areas_in_band: all.reduce((s, x) => s + (x.evaluation.area.totals.inBand ?? 0), 0),
    labels_unique: String(new Set(labels).size === labels.length),
    not_contiguous: all.reduce(
      (s, x) => s + x.evaluation.neighbourhood.totals.notContiguous + x.evaluation.area.totals.notContiguous,
      0,
    ),
    level2_s: all.reduce((s, x) => s + x.seconds.area, 0),
    load_s: england.seconds.load,
    design_s: england.seconds.design,
    total_s: england.seconds.total,
    cpu_s: (cpu3.user + cpu3.system) / 1e6,
    slowest_icb_s: Math.max(...all.map((x) => x.seconds.total)),
  });
} finally {
  await close();
}
