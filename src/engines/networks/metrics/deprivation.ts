// Deprivation mix: a network's patients by national IMD quintile (1 = most deprived 20%). LSOA basis: each
// practice's patients by the decile of the LSOA they live in (quintile = ⌈decile / 2⌉). A practice without
// LSOA rows, and every practice where there are no catchments, counts its whole list at its own practice
// decile. Patients with no known decile are counted as unknown. Informational: no rule, no breaches.
import type { Breach, MetricContext } from "./context.ts";

export interface NetworkDeprivation {
  basis: "lsoa" | "practice" | "mixed";
  /** Patients in quintiles 1 … 5 (index 0 = quintile 1, most deprived). */
  quintilePatients: number[];
  unknownPatients: number;
}

export function deprivationMetric(ctx: MetricContext): {
  networks: NetworkDeprivation[];
  breaches: Breach[];
} {
  const { instance } = ctx;
  const c = instance.catchments;
  const networks = ctx.members.map((members): NetworkDeprivation => {
    const quintilePatients = [0, 0, 0, 0, 0];
    let unknownPatients = 0;
    let lsoa = 0;
    let practice = 0;
    for (const p of members) {
      if (c && c.offsets[p + 1]! > c.offsets[p]!) {
        lsoa++;
        for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++) {
          const d = c.lsoaImdDecile[c.lsoa[e]!]!;
          if (d > 0) quintilePatients[Math.ceil(d / 2) - 1]! += c.patients[e]!;
          else unknownPatients += c.patients[e]!;
        }
      } else {
        practice++;
        const d = instance.imdDecile[p]!;
        if (d > 0) quintilePatients[Math.ceil(d / 2) - 1]! += instance.listSize[p]!;
        else unknownPatients += instance.listSize[p]!;
      }
    }
    return {
      basis: lsoa > 0 && practice > 0 ? "mixed" : lsoa > 0 ? "lsoa" : "practice",
      quintilePatients,
      unknownPatients,
    };
  });
  return { networks, breaches: [] };
}
