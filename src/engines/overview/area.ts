// The first-sight figures for an area (England, an ICB or a place): practices, patients, PCN size bands,
// GP FTE per 10,000 patients, partner share and deprivation mix. Ratios use only practices for which both
// numerator and denominator are known, and say how many that is.
import { isUnallocated, type Practice } from "../../model/organisation.ts";
import type { PcnBand } from "../../model/pcn-band.ts";
import { deprivationMix, type DeprivationMix, type ResidenceSource } from "../deprivation/mix.ts";
import type { PcnSummary } from "./pcns.ts";
import { quantile, sum } from "./stats.ts";

export interface Ratio {
  value: number | null;
  /** Practices that contributed. */
  practices: number;
}

export interface AreaSummary {
  practices: number;
  practicesWithList: number;
  patients: number;
  listSize: { p5: number; median: number; p95: number; mean: number } | null;
  pcns: number;
  bands: Record<PcnBand, number>;
  /** Patients in PCNs of each band. */
  bandPatients: Record<PcnBand, number>;
  unallocatedPractices: number;
  unallocatedPatients: number;
  gpFtePer10k: Ratio;
  patientsPerGpFte: Ratio;
  /** Partner FTE ÷ GP FTE (GPs excluding trainees and locums). */
  partnerShare: Ratio;
  nursesFtePer10k: Ratio;
  dpcFtePer10k: Ratio;
  /**
   * Patients by IMD quintile (1 = most deprived; index 0 = quintile 1) on the basis every command uses
   * (src/engines/deprivation/mix.ts); null when no practice has a decile or LSOA registrations.
   */
  deprivation: DeprivationMix | null;
}

/** Patients of each practice by the IMD decile of their LSOA (see deprivationMix), and their source. */
export interface AreaResidence {
  byPractice: ReadonlyMap<string, ArrayLike<number>>;
  source: ResidenceSource;
}

function ratio(
  practices: readonly Practice[],
  numerator: (p: Practice) => number | null | undefined,
  denominator: (p: Practice) => number | null | undefined,
  scale = 1,
): Ratio {
  let num = 0;
  let den = 0;
  let n = 0;
  for (const p of practices) {
    const a = numerator(p);
    const b = denominator(p);
    if (a === null || a === undefined || b === null || b === undefined) continue;
    num += a;
    den += b;
    n++;
  }
  return { value: n > 0 && den > 0 ? (scale * num) / den : null, practices: n };
}

export function summariseArea(
  practices: readonly Practice[],
  pcns: readonly PcnSummary[],
  residence: AreaResidence | null = null,
): AreaSummary {
  const lists = practices.map((p) => p.listSize).filter((v): v is number => v !== null);
  const sorted = [...lists].sort((a, b) => a - b);
  const bands: Record<PcnBand, number> = { under: 0, in: 0, over: 0 };
  const bandPatients: Record<PcnBand, number> = { under: 0, in: 0, over: 0 };
  for (const pcn of pcns) {
    bands[pcn.band]++;
    bandPatients[pcn.band] += pcn.listSize;
  }
  const unallocated = practices.filter(isUnallocated);
  const list = (p: Practice) => p.listSize;
  const wf = (pick: (w: NonNullable<Practice["workforce"]>) => number | null) => (p: Practice) =>
    p.workforce ? pick(p.workforce) : null;

  const mix = deprivationMix(
    practices.map((p) => ({
      listSize: p.listSize,
      decile: p.deprivation?.decile ?? null,
      decileBasis: p.deprivation?.basis ?? null,
      residence: residence?.byPractice.get(p.code) ?? null,
    })),
    residence?.source ?? null,
  );
  const deprivation = mix.practicesCovered > 0 ? mix : null;

  return {
    practices: practices.length,
    practicesWithList: lists.length,
    patients: sum(lists),
    listSize:
      sorted.length === 0
        ? null
        : {
            p5: quantile(sorted, 0.05),
            median: quantile(sorted, 0.5),
            p95: quantile(sorted, 0.95),
            mean: sum(sorted) / sorted.length,
          },
    pcns: pcns.length,
    bands,
    bandPatients,
    unallocatedPractices: unallocated.length,
    unallocatedPatients: sum(unallocated.map((p) => p.listSize ?? 0)),
    gpFtePer10k: ratio(
      practices,
      wf((w) => w.gpFte),
      list,
      10_000,
    ),
    patientsPerGpFte: ratio(
      practices,
      list,
      wf((w) => w.gpFte),
    ),
    partnerShare: ratio(
      practices,
      wf((w) => w.partnerFte),
      wf((w) => (w.partnerFte === null ? null : w.gpFte)),
    ),
    nursesFtePer10k: ratio(
      practices,
      wf((w) => w.nursesFte),
      list,
      10_000,
    ),
    dpcFtePer10k: ratio(
      practices,
      wf((w) => w.dpcFte),
      list,
      10_000,
    ),
    deprivation,
  };
}
