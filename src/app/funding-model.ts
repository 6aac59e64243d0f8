// Use case: the weighted-population model's report. It fits the model on one payments year and scores it on
// the next (a year it was not fitted on), beside carrying each practice's own ratio forward and a reduced
// model on the features a new practice has; then lists the practices of the area that the production model
// (fitted on the newest year) estimates.
import { FundingRequestError } from "../engines/funding/allocation.ts";
import { observation } from "../engines/funding/features.ts";
import type { ModelObservation } from "../engines/funding/weighted-model.ts";
import {
  officialRatio,
  validateWeightedModel,
  type ModelValidation,
} from "../engines/funding/weighted-population.ts";
import type { Store } from "../store/store.ts";
import { loadFundingData, practicesInArea, type AreaScope, type FundingData } from "./funding-data.ts";

export interface ModelRequest extends AreaScope {
  synthetic: boolean;
  date?: string;
  /** Payments year to fit on (default: the second newest). */
  fitYear?: string;
  /** Payments year to score on (default: the newest). */
  testYear?: string;
}

/** A practice of the area in the test year: its published ratio and every method's estimate. */
export interface ModelEstimateRow {
  code: string;
  name: string;
  registered: number;
  official: number | null;
  crossValidated: number;
  nextYear: number;
  reduced: number;
  ownRatio: number | null;
  scored: boolean;
}

export interface ModelReport {
  synthetic: boolean;
  areaLabel: string;
  /** The ICB footprint of the map whose practices are listed, e.g. "ICB footprint from 2026-04-01 (…)". */
  footprint: string | null;
  validation: ModelValidation;
  production: { fiscalYear: string; n: number; features: string[] }[];
  modelled: {
    code: string;
    name: string;
    listSize: number;
    ratio: number;
    weighted: number;
    features: string[];
  }[];
  /** Every practice of the area in the test year, with the estimates to score against its published ratio. */
  estimates: ModelEstimateRow[];
  sources: { payments: string[]; qof: string | null; lists: string | null; deprivation: string | null };
}

/** Observations of a payments year: the map's practices with both lists in that year. */
export function yearObservations(data: FundingData, fiscalYear: string): ModelObservation[] {
  const rows = data.payments.get(fiscalYear);
  if (!rows) return [];
  const inMap = new Set(data.practices.map((p) => p.code));
  return rows
    .filter((r) => inMap.has(r.practiceCode) && r.registered !== null && r.registered > 0)
    .map((r) => observation(data.inputsOf(r.practiceCode, r.registered!, r.weighted, fiscalYear)));
}

export async function modelReport(store: Store, request: ModelRequest): Promise<ModelReport> {
  const data = await loadFundingData(store, {
    synthetic: request.synthetic,
    date: request.date,
    allPaymentYears: true,
    modelInputs: true,
  });
  const years = data.paymentYears.map((y) => y.fiscalYear);
  if (years.length < 2)
    throw new FundingRequestError(
      `the model report needs two payments years (one to fit, one to test); ${years.length} ${years.length === 1 ? "is" : "are"} loaded`,
    );
  const testYear = request.testYear ?? years.at(-1)!;
  const fitYear = request.fitYear ?? years[years.indexOf(testYear) - 1] ?? years.at(-2)!;
  for (const [flag, y] of [
    ["--fit-year", fitYear],
    ["--test-year", testYear],
  ] as const)
    if (!years.includes(y))
      throw new FundingRequestError(
        `${flag} must be a loaded payments year (${years.join(", ")}); found '${y}'`,
      );
  if (fitYear === testYear) throw new FundingRequestError("--fit-year and --test-year must differ");
  const previous = new Map<string, number>();
  for (const r of data.payments.get(fitYear) ?? []) {
    const ratio =
      r.registered !== null && r.weighted !== null
        ? officialRatio({ fiscalYear: fitYear, registered: r.registered, weighted: r.weighted })
        : null;
    if (ratio !== null) previous.set(r.practiceCode, ratio);
  }
  const validation = validateWeightedModel(
    yearObservations(data, fitYear),
    fitYear,
    yearObservations(data, testYear),
    testYear,
    previous,
  );
  const { practices, label } = practicesInArea(data, request);
  const inArea = new Map(practices.map((p) => [p.code, p]));
  const estimates = validation.estimates
    .filter((e) => inArea.has(e.code))
    .map((e) => ({ ...e, name: inArea.get(e.code)!.name }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    synthetic: data.picture.synthetic,
    areaLabel: label,
    footprint: data.footprint,
    validation: { ...validation, estimates: [] },
    estimates,
    production: data.weighted.models.map((m) => ({ fiscalYear: m.fiscalYear, n: m.n, features: m.features })),
    modelled: data.weighted.modelled
      .filter((m) => inArea.has(m.code))
      .map((m) => {
        const p = inArea.get(m.code)!;
        return {
          code: m.code,
          name: p.name,
          listSize: p.listSize ?? 0,
          ratio: p.weighted?.ratio ?? Number.NaN,
          weighted: p.weighted?.weighted ?? Number.NaN,
          features: m.features,
        };
      }),
    sources: {
      payments: data.paymentYears.map((y) => y.period),
      qof: data.sources.qof?.period ?? null,
      lists: data.picture.sources.lists?.period ?? null,
      deprivation: data.picture.sources.deprivation?.period ?? null,
    },
  };
}
