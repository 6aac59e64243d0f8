// Named features of the weighted-population model (weighted-model.ts), built from whatever inputs exist for
// a practice. Each corresponds to a Carr-Hill driver (domain.md §C3):
//   age/sex   — practice 5-year bands by sex (the demo; the real practice age file when loaded), else its
//               PCN's bands (the PCN single-year-of-age file, "pcn age …"), and the QOF list-type
//               denominators (TOTAL, 6+, 16+, 18+, 50+), as shares of the list;
//   needs     — QOF disease prevalence (register ÷ its denominator) and the practice IMD score (or the mean
//               score of its decile where only a decile is known);
//   rurality  — the payments file's Practice Rurality and Dispensing Practice flags;
//   turnover  — list growth from the previous payments year (ln ratio, clipped to ±0.3);
//   size      — ln(list ÷ 10,000).
// Area fixed effects (ICB, else place) stand in for the staff market forces factor.
import { NEED_WEIGHTING } from "../../config/funding.ts";
import type { ModelObservation } from "./weighted-model.ts";

/** A practice's QOF registers: [register, denominator] pairs in the order of `groups`. */
export interface QofRegisters {
  groups: readonly { code: string; listType: string }[];
  values: ArrayLike<number>;
}

export interface PracticeInputs {
  code: string;
  /** The list the ratio applies to. */
  registered: number;
  /** The official weighted list (null when predicting). */
  weighted: number | null;
  /** The registered list of the previous payments year. */
  previousRegistered: number | null;
  rurality: string | null;
  dispensing: string | null;
  deprivation: { decile: number; score: number | null } | null;
  area: string | null;
  /** Registered patients by 5-year band (0–4 … 85+, 18 bands), by sex (the practice's own, where loaded). */
  ageBands?: { male: readonly number[]; female: readonly number[] } | null;
  /**
   * The same bands of the practice's PCN (the PCN single-year-of-age file), where the practice's own are not
   * loaded: a coarser stand-in for its age structure, as features of their own ("pcn age …").
   */
  pcnAgeBands?: { male: readonly number[]; female: readonly number[] } | null;
  /**
   * The practice's IMD 2019 score where one is loaded, beside the picture's deprivation (which may be a newer
   * edition): the payments years the model is fitted on (to FY2021-22) are nearer IMD 2019.
   */
  imd2019?: number | null;
  /** QOF registers (AF, AST, DM …) with their denominators. */
  qof?: QofRegisters | null;
}

/** The practice's IMD score, else the national mean score of its decile (config/funding.ts). */
export function imdScore(deprivation: PracticeInputs["deprivation"]): number | null {
  if (!deprivation) return null;
  if (deprivation.score !== null) return deprivation.score;
  const d = Math.min(10, Math.max(1, Math.round(deprivation.decile)));
  return NEED_WEIGHTING.meanScoreByDecile[d - 1]!;
}

const flag = (text: string | null, yes: RegExp) => (text === null ? null : yes.test(text) ? 1 : 0);

function ageBandFeatures(
  bands: NonNullable<PracticeInputs["ageBands"]>,
  out: Record<string, number | null>,
  prefix = "",
) {
  const total = [...bands.male, ...bands.female].reduce((a, b) => a + b, 0);
  if (!(total > 0) || bands.male.length !== 18 || bands.female.length !== 18) return;
  const both = (from: number, to: number) => {
    let s = 0;
    for (let i = from; i <= to; i++) s += bands.male[i]! + bands.female[i]!;
    return s / total;
  };
  let female1544 = 0;
  for (let i = 3; i <= 8; i++) female1544 += bands.female[i]!;
  out[`${prefix}age 0-4`] = both(0, 0);
  out[`${prefix}age 5-14`] = both(1, 2);
  out[`${prefix}age 45-64`] = both(9, 12);
  out[`${prefix}age 65-74`] = both(13, 14);
  out[`${prefix}age 75-84`] = both(15, 16);
  out[`${prefix}age 85+`] = both(17, 17);
  out[`${prefix}female 15-44`] = female1544 / total;
}

const PREVALENCE = new Map<string, string>();
const prevalenceName = (code: string) => {
  let name = PREVALENCE.get(code);
  if (name === undefined) PREVALENCE.set(code, (name = `prevalence ${code}`));
  return name;
};

function qofFeatures(qof: QofRegisters, out: Record<string, number | null>) {
  const denominator = (type: string) => {
    for (let g = 0; g < qof.groups.length; g++)
      if (qof.groups[g]!.listType === type && qof.values[2 * g + 1]! > 0) return qof.values[2 * g + 1]!;
    return null;
  };
  const total = denominator("TOTAL");
  if (total === null || total <= 0) return;
  const over = (type: string) => {
    const d = denominator(type);
    return d === null ? null : d / total;
  };
  const o6 = over("06OV");
  const o16 = over("16OV");
  const o18 = over("18OV");
  const o50 = over("50OV");
  out["qof age under 6"] = o6 === null ? null : 1 - o6;
  out["qof age 6-15"] = o6 === null || o16 === null ? null : o6 - o16;
  out["qof age 16-17"] = o16 === null || o18 === null ? null : o16 - o18;
  out["qof age 50+"] = o50;
  qof.groups.forEach((g, i) => {
    const register = qof.values[2 * i]!;
    const list = qof.values[2 * i + 1]!;
    out[prevalenceName(g.code)] = list > 0 && Number.isFinite(register) ? register / list : null;
  });
}

/** The model observation of a practice. */
export function observation(p: PracticeInputs): ModelObservation {
  const numeric: Record<string, number | null> = {};
  const score = imdScore(p.deprivation);
  numeric["imd score"] = score === null ? null : score / 10;
  numeric["imd score²"] = score === null ? null : (score / 10) ** 2;
  if (p.imd2019 !== undefined && p.imd2019 !== null) numeric["imd 2019 score"] = p.imd2019 / 10;
  numeric["rural"] = flag(p.rurality, /^rural/i);
  numeric["dispensing"] = flag(p.dispensing, /^y/i);
  numeric["list growth"] =
    p.previousRegistered !== null && p.previousRegistered > 0 && p.registered > 0
      ? Math.max(-0.3, Math.min(0.3, Math.log(p.registered / p.previousRegistered)))
      : null;
  numeric["ln list"] = p.registered > 0 ? Math.log(p.registered / 10_000) : null;
  if (p.ageBands) ageBandFeatures(p.ageBands, numeric);
  else if (p.pcnAgeBands) ageBandFeatures(p.pcnAgeBands, numeric, "pcn ");
  if (p.qof) qofFeatures(p.qof, numeric);
  return { code: p.code, registered: p.registered, weighted: p.weighted, numeric, area: p.area };
}

/** The features an observation has (non-null), in a stable order: the signature of the model it needs. */
export function availableFeatures(o: ModelObservation): string[] {
  return Object.keys(o.numeric)
    .filter((k) => o.numeric[k] !== null && Number.isFinite(o.numeric[k]))
    .sort();
}
