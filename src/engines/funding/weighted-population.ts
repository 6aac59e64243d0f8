// Each practice's weighted (Carr-Hill) population at the date of a picture. The published weighted list is
// the only public source (domain.md §D5), but it describes the payments year's list, not today's, and it
// exists only for practices that were paid that year. So:
//   1. a practice with a published weighted list keeps its own ratio: weighted ÷ registered of the newest
//      payments year that covers it, × its list now ("official-ratio"; equal to the published figure when
//      the list is the payments year's own);
//   2. a practice without one (opened or re-coded since, the demo's later dates) gets the weighted-population
//      model's ratio × its list ("model"), fitted on the newest payments year to the features that practice
//      has, so a new practice with no QOF or payments history is estimated from what exists for it;
//   3. a merged practice is the sum over the practices it was made from ("merged").
import type { OfficialRatio, WeightedEstimate } from "../../model/funding.ts";
import { availableFeatures, observation, type PracticeInputs } from "./features.ts";
import {
  evaluateModel,
  fitStats,
  fitWeightedModel,
  predictRatio,
  scorable,
  type FitStats,
  type ModelObservation,
  type WeightedModel,
} from "./weighted-model.ts";

export interface WeightedRequest {
  code: string;
  listSize: number;
  official: OfficialRatio | null;
  /** Inputs for the model, asked for only when there is no official ratio. */
  inputs: () => PracticeInputs;
}

export interface WeightedResolution {
  estimates: Map<string, WeightedEstimate>;
  /** The models fitted, one per feature set that practices needed. */
  models: WeightedModel[];
  /** Practices estimated by a model, with the features it used. */
  modelled: { code: string; features: string[] }[];
}

/** A published ratio when both lists are positive. */
export function officialRatio(o: OfficialRatio | null): number | null {
  return o && o.registered > 0 && o.weighted > 0 ? o.weighted / o.registered : null;
}

/**
 * Resolves every practice's weighted population; `training()` gives the observations of the newest payments
 * year (with their official weighted lists), built and fitted only when some practice needs the model.
 */
export function resolveWeighted(
  requests: readonly WeightedRequest[],
  training: () => readonly ModelObservation[],
  fiscalYear: string | null,
): WeightedResolution {
  const estimates = new Map<string, WeightedEstimate>();
  const models = new Map<string, WeightedModel>();
  const modelled: WeightedResolution["modelled"] = [];
  let trainingRows: readonly ModelObservation[] | undefined;
  for (const r of requests) {
    if (!(r.listSize > 0)) continue;
    const ratio = officialRatio(r.official);
    if (ratio !== null) {
      estimates.set(r.code, {
        weighted: r.listSize * ratio,
        ratio,
        basis: "official-ratio",
        fiscalYear: r.official!.fiscalYear,
      });
      continue;
    }
    if (fiscalYear === null) continue;
    trainingRows ??= training();
    if (trainingRows.length === 0) continue;
    const obs = observation({ ...r.inputs(), registered: r.listSize, weighted: null });
    const wanted = availableFeatures(obs);
    const key = wanted.join("|");
    let model = models.get(key);
    if (!model) {
      model = fitWeightedModel(trainingRows, fiscalYear, { features: wanted, score: false });
      models.set(key, model);
    }
    const predicted = predictRatio(model, obs);
    estimates.set(r.code, { weighted: r.listSize * predicted, ratio: predicted, basis: "model", fiscalYear });
    modelled.push({ code: r.code, features: model.features });
  }
  return { estimates, models: [...models.values()], modelled };
}

/** The weighted estimate of a practice made from others (a merger): the sum of theirs. */
export function mergedEstimate(
  parts: readonly WeightedEstimate[],
  listSize: number,
): WeightedEstimate | null {
  if (parts.length === 0) return null;
  const weighted = parts.reduce((a, p) => a + p.weighted, 0);
  const registered = parts.reduce((a, p) => a + p.weighted / p.ratio, 0);
  const ratio = registered > 0 ? weighted / registered : 1;
  return { weighted: listSize * ratio, ratio, basis: "merged" };
}

export interface ModelValidation {
  fitYear: string;
  testYear: string;
  /** The full model: every feature with enough coverage. */
  model: { features: string[]; areaLevels: number; training: FitStats; test: FitStats };
  /** The model on the features a new practice usually has (deprivation, list size, area). */
  reduced: { features: string[]; areaLevels: number; training: FitStats; test: FitStats };
  /** Carrying each practice's fit-year ratio to the test year (what icsplan does where it can). */
  ownRatio: FitStats;
  /**
   * Out of sample across practices: the test year's practices in `folds` groups (by code); each group's ratios
   * predicted by the full model fitted on the other groups of the same year. Its R² of the ratio is the index
   * R² of practices the model has never seen.
   */
  crossValidated: { folds: number; test: FitStats };
  /** Every practice of the test year: its published ratio and each method's estimate of it. */
  estimates: PracticeEstimate[];
}

/** One practice's published weighted ÷ registered ratio of the test year and the estimates of it. */
export interface PracticeEstimate {
  code: string;
  registered: number;
  /** The published ratio of the test year (null when the file has no weighted list). */
  official: number | null;
  /** Cross-validated: the full model fitted on the test year without the practice's fold. */
  crossValidated: number;
  /** The full model fitted on the fit year, applied to the practice's test-year inputs. */
  nextYear: number;
  /** The reduced model (deprivation, list size, area) fitted on the fit year. */
  reduced: number;
  /** The practice's own published ratio of the fit year, where it has one. */
  ownRatio: number | null;
  /** Scored in the fit statistics (1,000+ patients and a published ratio of 0.4–2.5). */
  scored: boolean;
}

/** The fold of a practice code: a stable hash, so folds do not depend on row order. */
export function foldOf(code: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

/** Each row's ratio predicted by the model fitted on the rows of the other folds. */
export function crossValidatedRatios(
  rows: readonly ModelObservation[],
  fiscalYear: string,
  folds = 10,
): Map<string, number> {
  const out = new Map<string, number>();
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((r) => foldOf(r.code, folds) !== f);
    const held = rows.filter((r) => foldOf(r.code, folds) === f);
    if (held.length === 0) continue;
    const model = fitWeightedModel(train, fiscalYear, { score: false });
    for (const r of held) out.set(r.code, predictRatio(model, r));
  }
  return out;
}

/** Features a practice with no payments or QOF history still has. */
export const REDUCED_FEATURES = ["imd score", "imd score²", "ln list"] as const;

/**
 * Fits on one payments year and scores on another the model was not fitted on, beside the own-ratio method.
 * `previous` maps practice code → the fit year's official ratio.
 */
export function validateWeightedModel(
  fitRows: readonly ModelObservation[],
  fitYear: string,
  testRows: readonly ModelObservation[],
  testYear: string,
  previous: ReadonlyMap<string, number>,
): ModelValidation {
  const full = fitWeightedModel(fitRows, fitYear);
  const reduced = fitWeightedModel(fitRows, fitYear, { features: REDUCED_FEATURES });
  const own = scorable(testRows)
    .filter((r) => previous.has(r.code))
    .map((r) => ({ registered: r.registered, weighted: r.weighted!, predictedRatio: previous.get(r.code)! }));
  const folds = 10;
  const cv = crossValidatedRatios(testRows, testYear, folds);
  const scoredCodes = new Set(scorable(testRows).map((r) => r.code));
  const estimates: PracticeEstimate[] = testRows.map((r) => ({
    code: r.code,
    registered: r.registered,
    official: r.weighted !== null && r.registered > 0 && r.weighted > 0 ? r.weighted / r.registered : null,
    crossValidated: cv.get(r.code)!,
    nextYear: predictRatio(full, r),
    reduced: predictRatio(reduced, r),
    ownRatio: previous.get(r.code) ?? null,
    scored: scoredCodes.has(r.code),
  }));
  return {
    fitYear,
    testYear,
    model: {
      features: full.features,
      areaLevels: full.areaLevels.length,
      training: full.training,
      test: evaluateModel(full, testRows),
    },
    reduced: {
      features: reduced.features,
      areaLevels: reduced.areaLevels.length,
      training: reduced.training,
      test: evaluateModel(reduced, testRows),
    },
    ownRatio: fitStats(own),
    crossValidated: {
      folds,
      test: fitStats(
        scorable(testRows).map((r) => ({
          registered: r.registered,
          weighted: r.weighted!,
          predictedRatio: cv.get(r.code)!,
        })),
      ),
    },
    estimates,
  };
}
