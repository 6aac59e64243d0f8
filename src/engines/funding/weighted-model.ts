// The weighted-population model: estimates a practice's Carr-Hill weighted ÷ registered ratio from the inputs
// that exist for it, for practices and configurations that have no published weighted list (new and
// merged practices, the demo's later dates). It is a ridge regression of ln(weighted ÷ registered) on named
// numeric features (age structure, disease prevalence, deprivation, rurality, list turnover, list size…)
// and area fixed effects (ICB or place: they stand in for the staff market forces factor), fitted to the
// official weighted lists of one payments year. The features a store has differ (the real files have QOF
// registers and list-type denominators, the demo has practice age bands), so the model takes whatever named
// features it is given: a feature is used when at least `minCoverage` of the training practices have it;
// missing values are filled with the training mean, with an indicator column where any were missing.
// The Carr-Hill formula itself (domain.md §C3) is not public in usable form; this model approximates its
// output, and docs/funding.md reports its fit on a payments year it was not fitted on.
import { fitRidgeFlat } from "./ridge.ts";

export interface ModelObservation {
  code: string;
  /** The registered list the ratio applies to. */
  registered: number;
  /** The official weighted list (training and evaluation); null when only predicting. */
  weighted: number | null;
  numeric: Readonly<Record<string, number | null>>;
  /** Area fixed effect (ICB, else place), or null. */
  area: string | null;
}

export interface WeightedModelOptions {
  /** Use only these numeric features (default: every feature with enough coverage). */
  features?: readonly string[];
  /** Share of training practices that must have a feature for it to be used (default 0.8). */
  minCoverage?: number;
  /** Training practices an area needs for its own effect (default 10); rarer areas share the reference. */
  minAreaPractices?: number;
  /** Ridge penalty on standardised features (default 0.001). */
  lambda?: number;
  /** Practices below this registered list are left out of fitting and scoring (default 1,000). */
  minRegistered?: number;
  /** Score the model on its training rows (`training`; default true). */
  score?: boolean;
}

export interface FitStats {
  n: number;
  /** R² of the predicted weighted ÷ registered ratio. */
  r2Ratio: number;
  /** R² of the predicted weighted list. */
  r2Weighted: number;
  /** Median |predicted − official| weighted list, patients. */
  medianAbsError: number;
  /** Median |predicted ÷ official − 1|. */
  medianAbsPercentError: number;
}

export interface WeightedModel {
  fiscalYear: string;
  n: number;
  features: string[];
  /** Features with a missing-value indicator column. */
  indicators: string[];
  /** Training means used to fill missing values. */
  fill: Record<string, number>;
  /** Areas with an effect of their own; the others share one pooled effect. */
  areaLevels: string[];
  /** ln-ratio intercept of each area in `areaLevels`, and of the pooled rest. */
  intercepts: Record<string, number>;
  pooledIntercept: number;
  /** Coefficients of `features` then `indicators`, in their own units (per unit of the feature). */
  coefficients: number[];
  /** 1st and 99th percentiles of the training ratios: predictions are clamped to them. */
  ratioRange: [number, number];
  training: FitStats;
}

const DEFAULTS = { minCoverage: 0.8, minAreaPractices: 10, lambda: 0.001, minRegistered: 1000, score: true };

/** Rows fit for fitting or scoring: a list of at least `minRegistered` and a plausible official ratio. */
export function scorable(rows: readonly ModelObservation[], minRegistered = DEFAULTS.minRegistered) {
  return rows.filter((r) => {
    if (r.weighted === null || r.registered < minRegistered || !(r.weighted > 0)) return false;
    const ratio = r.weighted / r.registered;
    return ratio > 0.4 && ratio < 2.5;
  });
}

type Shape = Pick<WeightedModel, "features" | "indicators" | "fill">;

/** Writes a practice's features and missing-value indicators into `out` at `offset`. */
function designInto(model: Shape, r: ModelObservation, out: Float64Array, offset: number) {
  let k = offset;
  for (const f of model.features) {
    const v = r.numeric[f];
    out[k++] = v === null || v === undefined || !Number.isFinite(v) ? model.fill[f]! : v;
  }
  for (const f of model.indicators) {
    const v = r.numeric[f];
    out[k++] = v === null || v === undefined || !Number.isFinite(v) ? 1 : 0;
  }
}

/**
 * Fits the model to the official weighted lists of `rows` (one payments year). Area effects are fixed
 * effects estimated by the within transformation (features and ln ratio demeaned by area, then each area's
 * intercept from its means), which equals one dummy per area but solves a system of the features only.
 * @example fitWeightedModel(observations, "2020-21").training.r2Ratio // ≈ 0.81 on the real 2020-21 file
 */
export function fitWeightedModel(
  rows: readonly ModelObservation[],
  fiscalYear: string,
  options: WeightedModelOptions = {},
): WeightedModel {
  const o = { ...DEFAULTS, ...options };
  const train = scorable(rows, o.minRegistered);
  const n = train.length;
  if (n < 20)
    throw new RangeError(
      `the weighted-population model needs at least 20 practices with an official weighted list of ${o.minRegistered.toLocaleString("en-GB")}+ patients in FY${fiscalYear}; found ${n}`,
    );
  const candidates = o.features ?? [...new Set(train.flatMap((r) => Object.keys(r.numeric)))].sort();
  const features: string[] = [];
  const indicators: string[] = [];
  const fill: Record<string, number> = {};
  for (const f of candidates) {
    let count = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const r of train) {
      const v = r.numeric[f];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      count++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (count < o.minCoverage * n || !(max - min > 1e-12)) continue;
    features.push(f);
    fill[f] = sum / count;
    if (n - count >= 5) indicators.push(f);
  }
  const counts = new Map<string, number>();
  for (const r of train) if (r.area !== null) counts.set(r.area, (counts.get(r.area) ?? 0) + 1);
  const own = [...counts].filter(([, c]) => c >= o.minAreaPractices).map(([a]) => a);
  const areaLevels = own.length >= 2 ? own.sort() : [];
  const levelIndex = new Map(areaLevels.map((a, i) => [a, i]));
  const groupOf = (r: ModelObservation) => levelIndex.get(r.area ?? "") ?? areaLevels.length;
  const groups = areaLevels.length + 1;

  const shape = { features, indicators, fill };
  const p = features.length + indicators.length;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  train.forEach((r, i) => {
    designInto(shape, r, x, i * p);
    y[i] = Math.log(r.weighted! / r.registered);
  });
  // Group means, then the within transformation.
  const gx = new Float64Array(groups * p);
  const gy = new Float64Array(groups);
  const gn = new Float64Array(groups);
  const g = Int32Array.from(train, groupOf);
  for (let i = 0; i < n; i++) {
    gn[g[i]!]!++;
    gy[g[i]!]! += y[i]!;
    for (let j = 0; j < p; j++) gx[g[i]! * p + j]! += x[i * p + j]!;
  }
  for (let k = 0; k < groups; k++) {
    if (gn[k] === 0) continue;
    gy[k]! /= gn[k]!;
    for (let j = 0; j < p; j++) gx[k * p + j]! /= gn[k]!;
  }
  const xw = new Float64Array(n * p);
  const yw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    yw[i] = y[i]! - gy[g[i]!]!;
    for (let j = 0; j < p; j++) xw[i * p + j] = x[i * p + j]! - gx[g[i]! * p + j]!;
  }
  const ridge = fitRidgeFlat(xw, n, p, yw, o.lambda);
  const coefficients = ridge.beta.map((b, j) => b / ridge.sds[j]!);
  const intercept = (k: number) => {
    let v = gy[k]!;
    for (let j = 0; j < p; j++) v -= coefficients[j]! * gx[k * p + j]!;
    return v;
  };
  const intercepts: Record<string, number> = {};
  areaLevels.forEach((a, k) => (intercepts[a] = intercept(k)));
  // The pooled group may be empty (every area has its own effect): then the mean of the areas' intercepts.
  const pooledIntercept =
    gn[areaLevels.length]! > 0
      ? intercept(areaLevels.length)
      : areaLevels.reduce((a, l) => a + intercepts[l]!, 0) / Math.max(1, areaLevels.length);

  const ratios = Float64Array.from(train, (r) => r.weighted! / r.registered).sort();
  const at = (q: number) => ratios[Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))]!;
  const model: WeightedModel = {
    fiscalYear,
    n,
    ...shape,
    areaLevels,
    intercepts,
    pooledIntercept,
    coefficients,
    ratioRange: [at(0.01), at(0.99)],
    training: emptyStats(),
  };
  if (o.score) model.training = evaluateModel(model, train, o.minRegistered);
  return model;
}

/**
 * The model's weighted ÷ registered ratio for one practice, clamped to the 1st–99th percentile of the training
 * ratios (a practice far outside the training data, e.g. a list of a few hundred, would otherwise extrapolate).
 */
export function predictRatio(model: WeightedModel, r: ModelObservation): number {
  const p = model.coefficients.length;
  const x = new Float64Array(p);
  designInto(model, r, x, 0);
  let v = (r.area !== null ? model.intercepts[r.area] : undefined) ?? model.pooledIntercept;
  for (let j = 0; j < p; j++) v += model.coefficients[j]! * x[j]!;
  return Math.min(model.ratioRange[1], Math.max(model.ratioRange[0], Math.exp(v)));
}

function emptyStats(): FitStats {
  return {
    n: 0,
    r2Ratio: Number.NaN,
    r2Weighted: Number.NaN,
    medianAbsError: Number.NaN,
    medianAbsPercentError: Number.NaN,
  };
}

const median = (values: number[]) => {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const r2 = (actual: readonly number[], predicted: readonly number[]) => {
  const mean = actual.reduce((a, b) => a + b, 0) / actual.length;
  let ssRes = 0;
  let ssTot = 0;
  actual.forEach((a, i) => {
    ssRes += (a - predicted[i]!) ** 2;
    ssTot += (a - mean) ** 2;
  });
  return ssTot === 0 ? Number.NaN : 1 - ssRes / ssTot;
};

/** Fit statistics of predicted ratios against official weighted lists. */
export function fitStats(
  pairs: readonly { registered: number; weighted: number; predictedRatio: number }[],
): FitStats {
  if (pairs.length === 0) return emptyStats();
  const ratio = pairs.map((p) => p.weighted / p.registered);
  const predicted = pairs.map((p) => p.predictedRatio);
  const weighted = pairs.map((p) => p.weighted);
  const predictedWeighted = pairs.map((p) => p.predictedRatio * p.registered);
  return {
    n: pairs.length,
    r2Ratio: r2(ratio, predicted),
    r2Weighted: r2(weighted, predictedWeighted),
    medianAbsError: median(pairs.map((p, i) => Math.abs(predictedWeighted[i]! - p.weighted))),
    medianAbsPercentError: median(pairs.map((p, i) => Math.abs(predictedWeighted[i]! / p.weighted - 1))),
  };
}

/** Scores the model on rows with official weighted lists (e.g. a year it was not fitted on). */
export function evaluateModel(
  model: WeightedModel,
  rows: readonly ModelObservation[],
  minRegistered = DEFAULTS.minRegistered,
): FitStats {
  return fitStats(
    scorable(rows, minRegistered).map((r) => ({
      registered: r.registered,
      weighted: r.weighted!,
      predictedRatio: predictRatio(model, r),
    })),
  );
}
