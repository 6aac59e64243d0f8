// Benchmark: heuristic network design of every ICB in England on practice sites (Delaunay adjacency), from
// the January 2026 map with April 2025 lists, imported into a fresh store. Prints the time per ICB and in
// total (target: under 30 s), the national share of networks in the 30–50k band against today's map (target:
// at least 95% where geography allows), cohesion against today's, and the practices moved at disruption
// weights 0, 1 and 5.
import { designNetworks, type DesignResult } from "../src/engines/networks/design/index.ts";
import { buildAdjacency } from "../src/engines/networks/graph.ts";
import { buildInstance } from "../src/engines/networks/instance-builder.ts";
import type { Adjacency, NetworkInstance } from "../src/engines/networks/instance.ts";
import { loadPicture } from "../src/app/load-picture.ts";
import { importedStore, report } from "./common.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
];
const WEIGHTS = [0, 1, 5];
const DEFAULT_WEIGHT = 1;
/** Relaxations that geography forces (not a failure of the search). */
const GEOGRAPHIC = new Set([
  "isolated-practice",
  "island-under-minimum",
  "unit-over-maximum",
  "component-cannot-fit-band",
]);

const { store, close } = await importedStore("icsplan-bench-design-", FILES);
try {
  const picture = await loadPicture(store.db, { synthetic: false });
  const icbs = [...new Set(picture.practices.map((p) => p.icb.code))].sort();
  const instances: { icb: string; instance: NetworkInstance; adjacency: Adjacency }[] = [];
  const built = performance.now();
  for (const icb of icbs) {
    const instance = buildInstance(picture, { icb });
    instances.push({ icb, instance, adjacency: buildAdjacency(instance, { basis: "delaunay" }) });
  }
  const buildSeconds = (performance.now() - built) / 1000;

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  for (const weight of WEIGHTS) {
    const results: { icb: string; r: DesignResult }[] = [];
    const start = performance.now();
    for (const { icb, instance, adjacency } of instances)
      results.push({
        icb,
        r: designNetworks(instance, adjacency, { date: picture.date, disruptionWeight: weight, starts: 1 }),
      });
    const seconds = (performance.now() - start) / 1000;
    const sum = (f: (r: DesignResult) => number) => results.reduce((s, x) => s + f(x.r), 0);
    const patients = instances.reduce((s, x) => s + x.instance.listSize.reduce((a, b) => a + b, 0), 0);
    const forced = sum(
      (r) => new Set(r.relaxations.filter((x) => GEOGRAPHIC.has(x.reason)).map((x) => x.network)).size,
    );
    const networks = sum((r) => r.proposal.networks);
    const inBand = sum((r) => r.proposal.inBand);
    const todayNetworks = sum((r) => r.today.networks);
    const todayInBand = sum((r) => r.today.inBand);
    if (weight === DEFAULT_WEIGHT) {
      process.stdout.write(
        `Per ICB at disruption weight ${weight} (practices, networks today → design, in band, seconds):\n`,
      );
      for (const { icb, r } of results)
        process.stdout.write(
          `  ${icb} ${pad(r.assignment.length, 4)} ${pad(r.today.networks, 3)} → ${pad(r.proposal.networks, 3)}` +
            `  in band ${pad(r.today.inBand, 3)} → ${pad(r.proposal.inBand, 3)}  ${r.seconds.toFixed(2)} s\n`,
        );
      const times = results.map((x) => x.r.seconds);
      report("networks-design-time", {
        icbs: results.length,
        practices: sum((r) => r.assignment.length),
        seconds_total: seconds,
        seconds_min_icb: Math.min(...times),
        seconds_max_icb: Math.max(...times),
        instance_build_seconds: buildSeconds,
      });
    }
    report(`networks-design-w${weight}`, {
      networks_today: todayNetworks,
      in_band_today_pct: (100 * todayInBand) / todayNetworks,
      networks_design: networks,
      in_band_design_pct: (100 * inBand) / networks,
      in_band_where_geography_allows_pct: (100 * inBand) / (networks - forced),
      forced_out_of_band: forced,
      centre_km_today: sum((r) => r.today.cohesion) / patients,
      centre_km_design: sum((r) => r.proposal.cohesion) / patients,
      practices_moved: sum((r) => r.changes.practicesMoved),
      patients_moved: sum((r) => r.changes.patientsMoved),
      relaxations: sum((r) => r.relaxations.length),
      seconds: seconds,
    });
  }
} finally {
  await close();
}
