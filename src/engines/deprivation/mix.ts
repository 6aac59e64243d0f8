// The deprivation mix of a set of practices: their patients by national IMD quintile (1 = most deprived
// fifth; quintile = ⌈decile / 2⌉), on one basis for every command (the overview, `networks evaluate`, the
// plan's population section, the API):
//
//   - where LSOA registrations cover a practice (gp-reg-pat-prac-lsoa-all), its patients are counted by the
//     IMD decile of the LSOA they live in (basis "lsoa": residence);
//   - otherwise its whole list is counted at its own practice IMD decile (basis "practice");
//   - a practice with neither counts its list as unknown.
//
// The result names the basis used ("lsoa", "practice" or "mixed") and says it in words, so every output
// prints the same sentence. Residence counts are the registrations' patients in English LSOAs (pseudo-codes
// such as EMPTY and CLOSED, and Welsh or Scottish areas, are left out by the loader); patients in an LSOA
// with no IMD decile loaded are unknown. Shares are of the patients with a known quintile.
import type { Catchments, CatchmentSource } from "../../model/catchments.ts";

/** One practice as the mix counts it. */
export interface MixPractice {
  /** Registered patients (counted whole on the practice basis); null when unknown. */
  listSize: number | null;
  /** The practice's national IMD decile (1 = most deprived 10%), null when unknown. */
  decile: number | null;
  /** What that decile is, e.g. `IMD 2019 practice score (SW AHSN)`. */
  decileBasis: string | null;
  /**
   * Patients by the IMD decile of the LSOA they live in (index 0: LSOAs with no decile, 1 … 10), or null
   * when LSOA registrations have no rows for the practice.
   */
  residence: ArrayLike<number> | null;
}

/** The LSOA registrations the residence counts come from. */
export type ResidenceSource = CatchmentSource;

export type DeprivationBasis = "lsoa" | "practice" | "mixed";

export interface DeprivationMix {
  /** `lsoa`: every covered practice by LSOA of residence; `practice`: by practice decile; `mixed`: both. */
  basis: DeprivationBasis;
  /** Patients in quintiles 1 … 5 (index 0 = quintile 1, most deprived). */
  quintilePatients: number[];
  /** Patients with no known quintile (an LSOA without a decile, a practice without one). */
  unknownPatients: number;
  /** Practices counted by LSOA of residence. */
  practicesByResidence: number;
  /** Practices counted whole at their practice decile. */
  practicesByPracticeDecile: number;
  /** Practices counted on either basis. */
  practicesCovered: number;
  /** Practices counted. */
  practices: number;
  /** The registrations used, when any practice is counted by residence. */
  residence: ResidenceSource | null;
  /** The practice-decile bases used (one per source), when any practice is counted by its decile. */
  practiceDecileBases: string[];
  /** The basis in words, as every output prints it. */
  description: string;
}

const whole = (n: number) => Math.round(n).toLocaleString("en-GB");

/** The quintile (1 … 5) of a decile (1 … 10); 0 for an unknown decile. */
export const quintileOf = (decile: number): number =>
  decile >= 1 && decile <= 10 ? Math.ceil(decile / 2) : 0;

/**
 * The deprivation mix of the practices (see the header). `residence` names the LSOA registrations that the
 * practices' `residence` counts come from.
 * @example deprivationMix([{ listSize: 9000, decile: 3, decileBasis: "IMD 2019", residence: null }], null)
 *   // → { basis: "practice", quintilePatients: [0, 9000, 0, 0, 0], … }
 */
export function deprivationMix(
  practices: readonly MixPractice[],
  residence: ResidenceSource | null,
): DeprivationMix {
  const quintilePatients = [0, 0, 0, 0, 0];
  let unknownPatients = 0;
  let byResidence = 0;
  let byDecile = 0;
  const bases = new Set<string>();
  for (const p of practices) {
    if (p.residence !== null && total(p.residence) > 0) {
      byResidence++;
      unknownPatients += p.residence[0] ?? 0;
      for (let d = 1; d <= 10; d++) quintilePatients[quintileOf(d) - 1]! += p.residence[d] ?? 0;
      continue;
    }
    const q = p.decile === null ? 0 : quintileOf(p.decile);
    if (q > 0) {
      byDecile++;
      if (p.decileBasis) bases.add(p.decileBasis);
      quintilePatients[q - 1]! += p.listSize ?? 0;
    } else unknownPatients += p.listSize ?? 0;
  }
  const basis: DeprivationBasis = byResidence > 0 ? (byDecile > 0 ? "mixed" : "lsoa") : "practice";
  const mix: Omit<DeprivationMix, "description"> = {
    basis,
    quintilePatients,
    unknownPatients,
    practicesByResidence: byResidence,
    practicesByPracticeDecile: byDecile,
    practicesCovered: byResidence + byDecile,
    practices: practices.length,
    residence: byResidence > 0 ? residence : null,
    practiceDecileBases: [...bases].sort(),
  };
  return { ...mix, description: describe(mix) };
}

function total(values: ArrayLike<number>): number {
  let t = 0;
  for (let i = 0; i < values.length; i++) t += values[i]!;
  return t;
}

/** The basis in words (see DeprivationMix.description). */
function describe(m: Omit<DeprivationMix, "description">): string {
  const decileSource =
    m.practiceDecileBases.length > 0 ? m.practiceDecileBases.join("; ") : "no practice decile loaded";
  const none = m.practices - m.practicesCovered;
  const without = none > 0 ? `; ${whole(none)} practice${none === 1 ? " has" : "s have"} no decile` : "";
  if (m.practicesByResidence === 0)
    return (
      `each practice's whole list at its practice IMD decile (${decileSource}, ` +
      `${whole(m.practicesByPracticeDecile)} of ${whole(m.practices)} practices): no LSOA registrations cover them` +
      without
    );
  const r = m.residence;
  const edition = r?.imdEdition ? `IMD ${r.imdEdition}` : "IMD";
  const rest = m.practices - m.practicesByResidence;
  return (
    `where patients live: the ${edition} decile of their LSOA (${r ? `${r.period} ` : ""}LSOA registrations, ` +
    `${whole(m.practicesByResidence)} of ${whole(m.practices)} practices)` +
    (m.practicesByPracticeDecile > 0
      ? `; the other ${whole(rest)} practices' whole lists at their practice decile (${decileSource})`
      : "") +
    without
  );
}

/**
 * Patients of practice `p` of the catchments by the IMD decile of their LSOA (index 0: no decile, 1 … 10),
 * or null when the practice has no rows.
 */
export function residenceDeciles(c: Catchments, p: number): Float64Array | null {
  const from = c.offsets[p]!;
  const to = c.offsets[p + 1]!;
  if (to <= from) return null;
  const out = new Float64Array(11);
  for (let e = from; e < to; e++) {
    const d = c.lsoaImdDecile[c.lsoa[e]!]!;
    out[d >= 1 && d <= 10 ? d : 0]! += c.patients[e]!;
  }
  return out;
}

/** Each practice's patients by LSOA decile (residenceDeciles), by practice code. */
export function residenceByPractice(input: {
  practiceCodes: readonly string[];
  catchments: Catchments;
}): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  input.practiceCodes.forEach((code, p) => {
    const d = residenceDeciles(input.catchments, p);
    if (d) out.set(code, d);
  });
  return out;
}
