// The localisation index of a configuration: how far its networks are communities of place. From the LSOA
// registrations (patients of each practice by the LSOA they live in), each LSOA is assigned to the network
// registering most of its residents; then, per network N,
//
//   retained(N) = patients of N living in LSOAs assigned to N ÷ all patients of N (in the LSOA rows)
//   captured(N) = residents of N's LSOAs registered in N ÷ all residents of N's LSOAs (at the area's practices)
//
// and, per LSOA l, share(l) = its residents registered in its network ÷ all its residents. Over the whole
// area both ratios are the same number, Σ_l max_N x_lN ÷ Σ x. The published benchmark (Clarke et al., BMJ
// Open 2020;10:e036504: London PCNs drawn from registration patterns, "a median of 70.1% of patients
// attended a GP within their allocated PCN, ranging from 44.6% to 91.4%") is the captured share; the method
// of assigning LSOAs by majority is Beaney et al.'s (BJGP Open 2022, BJGPO.2022.0037). See docs/networks.md
// "Localisation". Pure: a function of the instance's catchments and an assignment.
import type { Assignment, Catchments, NetworkInstance } from "./instance.ts";

export const LOCALISATION_BENCHMARK = {
  median: 0.701,
  min: 0.446,
  max: 0.914,
  networks: 165,
  source:
    "Clarke J, Beaney T, Majeed A, Darzi A, Barahona M. Identifying naturally occurring communities of primary care providers in the English NHS in London. BMJ Open 2020;10:e036504: 165 networks drawn from 2017-18 registrations of 3.4 million adult patients; 'a median of 70.1% of patients attended a GP within their allocated PCN, ranging from 44.6% to 91.4%'",
} as const;

export interface NetworkLocalisation {
  /** The network's patients in the LSOA rows (English LSOAs), and those living in LSOAs assigned to it. */
  patients: number;
  retainedPatients: number;
  /** retainedPatients ÷ patients; null when the network has no LSOA rows. */
  retained: number | null;
  /** LSOAs assigned to the network, their residents (at the area's practices) and those registered in it. */
  lsoas: number;
  residents: number;
  /** residentsInside ÷ residents; null when no LSOA is assigned to the network. */
  captured: number | null;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many values the spread is of. */
  count: number;
}

export interface LocalisationSummary {
  /** Σ_l max_N x_lN ÷ Σ x: the share of all patients (in the LSOA rows) registered in their LSOA's network. */
  overall: number;
  /** Over counted networks with LSOA rows: retained share. */
  retained: Spread | null;
  /** Over counted networks with LSOAs assigned: captured share (the benchmark's figure). */
  captured: Spread | null;
  /** Over LSOAs (unweighted): the share of each LSOA's residents registered in its network. */
  lsoa: Spread | null;
  /** Networks with no LSOA assigned (each of their LSOAs has more residents in another network). */
  networksWithoutLsoa: number;
  lsoas: number;
  patients: number;
}

export interface Localisation {
  /** Per network index (null for an empty index). */
  networks: (NetworkLocalisation | null)[];
  /** Network index each LSOA is assigned to (−1 when it has no residents at the area's practices). */
  lsoaNetwork: Int32Array;
  /** Share of each LSOA's residents registered in its network (NaN for none). */
  lsoaShare: Float64Array;
  summary: LocalisationSummary;
}

/** Median (mean of the middle two for an even count), min and max; null for no values. */
export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { median, min: s[0]!, max: s[n - 1]!, count: n };
}

/** The LSOA → (practice, patients) transpose of the catchments, practices in index order per LSOA. */
export interface LsoaRows {
  offsets: Int32Array;
  practice: Int32Array;
  patients: Float64Array;
}

export function lsoaRows(catchments: Catchments, practices: number): LsoaRows {
  const m = catchments.lsoaCodes.length;
  const offsets = new Int32Array(m + 1);
  for (let e = 0; e < catchments.lsoa.length; e++) offsets[catchments.lsoa[e]! + 1]!++;
  for (let l = 0; l < m; l++) offsets[l + 1]! += offsets[l]!;
  const fill = offsets.slice(0, m);
  const practice = new Int32Array(catchments.lsoa.length);
  const patients = new Float64Array(catchments.lsoa.length);
  for (let p = 0; p < practices; p++)
    for (let e = catchments.offsets[p]!; e < catchments.offsets[p + 1]!; e++) {
      const k = fill[catchments.lsoa[e]!]!++;
      practice[k] = p;
      patients[k] = catchments.patients[e]!;
    }
  return { offsets, practice, patients };
}

/**
 * The localisation index of `assignment`, or null when the instance has no LSOA registrations. `counted`
 * says which networks the spreads are over (default all; today's map leaves out practices outside any PCN).
 * An LSOA whose residents split equally goes to the network of the lowest-indexed practice among the tied
 * networks' (so the result does not depend on how networks are numbered). `rows` may be passed when many
 * assignments of one instance are measured (the ensemble).
 * @example localisation(instance, currentAssignment(instance))!.summary.captured!.median // → 0.62 (QNC)
 */
export function localisation(
  instance: NetworkInstance,
  assignment: Assignment,
  counted: (network: number) => boolean = () => true,
  rows?: LsoaRows,
): Localisation | null {
  const c = instance.catchments;
  if (!c) return null;
  const n = instance.practiceCodes.length;
  const r = rows ?? lsoaRows(c, n);
  let k = 0;
  for (let p = 0; p < n; p++) k = Math.max(k, assignment[p]! + 1);
  const patients = new Float64Array(k);
  const retained = new Float64Array(k);
  const lsoas = new Int32Array(k);
  const residents = new Float64Array(k);
  const has = new Uint8Array(k);
  for (let p = 0; p < n; p++) has[assignment[p]!] = 1;
  const m = c.lsoaCodes.length;
  const lsoaNetwork = new Int32Array(m).fill(-1);
  const lsoaShare = new Float64Array(m).fill(Number.NaN);
  const sum = new Float64Array(k);
  const touched: number[] = [];
  let total = 0;
  let inside = 0;
  const shares: number[] = [];
  for (let l = 0; l < m; l++) {
    let all = 0;
    for (let e = r.offsets[l]!; e < r.offsets[l + 1]!; e++) {
      const net = assignment[r.practice[e]!]!;
      if (sum[net] === 0) touched.push(net);
      sum[net]! += r.patients[e]!;
      all += r.patients[e]!;
    }
    let best = -1;
    for (const net of touched) if (best === -1 || sum[net]! > sum[best]!) best = net;
    if (best >= 0 && all > 0) {
      lsoaNetwork[l] = best;
      lsoaShare[l] = sum[best]! / all;
      shares.push(sum[best]! / all);
      lsoas[best]!++;
      residents[best]! += all;
      retained[best]! += sum[best]!;
      total += all;
      inside += sum[best]!;
      for (const net of touched) patients[net]! += sum[net]!;
    }
    for (const net of touched) sum[net] = 0;
    touched.length = 0;
  }
  const networks: (NetworkLocalisation | null)[] = [];
  const retainedValues: number[] = [];
  const capturedValues: number[] = [];
  let without = 0;
  for (let i = 0; i < k; i++) {
    if (!has[i]) {
      networks.push(null);
      continue;
    }
    const row: NetworkLocalisation = {
      patients: patients[i]!,
      retainedPatients: retained[i]!,
      retained: patients[i]! > 0 ? retained[i]! / patients[i]! : null,
      lsoas: lsoas[i]!,
      residents: residents[i]!,
      captured: residents[i]! > 0 ? retained[i]! / residents[i]! : null,
    };
    networks.push(row);
    if (!counted(i)) continue;
    if (row.retained !== null) retainedValues.push(row.retained);
    if (row.captured !== null) capturedValues.push(row.captured);
    else if (row.patients > 0) without++;
  }
  return {
    networks,
    lsoaNetwork,
    lsoaShare,
    summary: {
      overall: total > 0 ? inside / total : 0,
      retained: spreadOf(retainedValues),
      captured: spreadOf(capturedValues),
      lsoa: spreadOf(shares),
      networksWithoutLsoa: without,
      lsoas: shares.length,
      patients: total,
    },
  };
}
