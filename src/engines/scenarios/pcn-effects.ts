// What a scenario does to Primary Care Networks: each PCN touched, before and after, with its practices,
// list and size band (Network Contract DES 30,000 minimum, 50,000 typical maximum: config/pcn-contract.ts),
// weighted list, ARRS entitlement (config/arrs.ts) and patients per GP FTE.
import { ARRS_YEARS, arrsEntitlement } from "../../config/arrs.ts";
import type { PcnContractYear } from "../../config/pcn-contract.ts";
import { pcnBand, type PcnBand } from "../../model/pcn-band.ts";
import { UNALLOCATED_PCN, type Practice } from "../../model/organisation.ts";
import type { WeightedList } from "./weighted-list.ts";

/** One practice before and after a scenario. */
export interface PracticeChange {
  code: string;
  pcnCode: string;
  pcnName: string;
  /** Open after the scenario (false: closed, or merged into another). */
  open: boolean;
  listBefore: number;
  listAfter: number;
  weightedBefore: number | null;
  weightedAfter: number | null;
  weightedEstimated: boolean;
  gpFteBefore: number | null;
  gpFteAfter: number | null;
}

/** A practice the scenario leaves as it was, for its PCN's before and after. */
export function unchangedPractice(p: Practice, weighted: WeightedList): PracticeChange {
  const list = p.listSize ?? 0;
  const fte = p.workforce?.gpFte ?? null;
  return {
    code: p.code,
    pcnCode: p.pcnCode,
    pcnName: p.pcnName,
    open: true,
    listBefore: list,
    listAfter: list,
    weightedBefore: weighted.value,
    weightedAfter: weighted.value,
    weightedEstimated: weighted.estimated,
    gpFteBefore: fte,
    gpFteAfter: fte,
  };
}

export interface PcnEffect {
  code: string;
  name: string;
  practicesBefore: number;
  practicesAfter: number;
  listBefore: number;
  listAfter: number;
  bandBefore: PcnBand;
  bandAfter: PcnBand;
  weightedBefore: number | null;
  weightedAfter: number | null;
  /** True when any member's weighted list is an estimate (weighted-list.ts). */
  weightedEstimated: boolean;
  /** £ per year at the contract year's ARRS rates; null when no weighted list or no ARRS year. */
  arrsBefore: number | null;
  arrsAfter: number | null;
  /** Σ list ÷ Σ GP FTE over the members with a GP FTE recorded. */
  patientsPerGpFteBefore: number | null;
  patientsPerGpFteAfter: number | null;
}

/** The ARRS contract year used for a map date: its own if configured, else the newest configured before. */
export function arrsYearOn(isoDate: string): { year: string | null; note: string | null } {
  const [y, m] = isoDate.split("-").map(Number) as [number, number];
  const start = m >= 4 ? y : y - 1;
  const label = `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
  if (ARRS_YEARS.some((a) => a.year === label)) return { year: label, note: null };
  const earlier = ARRS_YEARS.filter((a) => a.year < label).map((a) => a.year);
  const year = earlier.length > 0 ? earlier[earlier.length - 1]! : null;
  return {
    year,
    note:
      year === null
        ? `No ARRS figures are configured for ${label} or before: ARRS entitlement is not computed.`
        : `No ARRS figures are configured for ${label}: entitlement uses ${year} rates.`,
  };
}

/**
 * Effects on every PCN in `touched` (practices outside any PCN, code U, are not a network and are left
 * out). `practices` must hold every practice of those PCNs, changed or not.
 */
export function pcnEffects(
  practices: readonly PracticeChange[],
  touched: ReadonlySet<string>,
  rules: PcnContractYear,
  arrsYear: string | null,
): PcnEffect[] {
  const by = new Map<string, PracticeChange[]>();
  for (const p of practices) {
    if (!touched.has(p.pcnCode) || p.pcnCode === UNALLOCATED_PCN) continue;
    const g = by.get(p.pcnCode);
    if (g) g.push(p);
    else by.set(p.pcnCode, [p]);
  }
  const arrs = (w: number | null) => (w === null || arrsYear === null ? null : arrsEntitlement(w, arrsYear));
  const perFte = (members: PracticeChange[], after: boolean) => {
    let list = 0;
    let fte = 0;
    for (const p of members) {
      const f = after ? p.gpFteAfter : p.gpFteBefore;
      if (f === null || f <= 0 || (after && !p.open)) continue;
      list += after ? p.listAfter : p.listBefore;
      fte += f;
    }
    return fte > 0 ? list / fte : null;
  };
  const out: PcnEffect[] = [];
  for (const [code, members] of [...by].sort((a, b) => a[0].localeCompare(b[0]))) {
    let listBefore = 0;
    let listAfter = 0;
    let wBefore: number | null = 0;
    let wAfter: number | null = 0;
    for (const p of members) {
      listBefore += p.listBefore;
      if (p.open) listAfter += p.listAfter;
      wBefore = wBefore === null || p.weightedBefore === null ? null : wBefore + p.weightedBefore;
      if (p.open) wAfter = wAfter === null || p.weightedAfter === null ? null : wAfter + p.weightedAfter;
    }
    out.push({
      code,
      name: members[0]!.pcnName,
      practicesBefore: members.length,
      practicesAfter: members.filter((p) => p.open).length,
      listBefore,
      listAfter,
      bandBefore: pcnBand(listBefore, rules),
      bandAfter: pcnBand(listAfter, rules),
      weightedBefore: wBefore,
      weightedAfter: wAfter,
      weightedEstimated: members.some((p) => p.weightedEstimated),
      arrsBefore: arrs(wBefore),
      arrsAfter: arrs(wAfter),
      patientsPerGpFteBefore: perFte(members, false),
      patientsPerGpFteAfter: perFte(members, true),
    });
  }
  return out;
}
