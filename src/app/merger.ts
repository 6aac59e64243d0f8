// Use case: a merger scenario. Loads the picture, the ICB of the merging practices as a networks instance
// (LSOA catchments where loaded) with its graph, and their payments in the picture's payments year; runs
// the merger engine; builds the configuration the merger leaves behind. Saving is saveMerger (one
// transaction through the scenarios repository).
import { contractYearOn } from "../config/pcn-contract.ts";
import { buildAdjacency } from "../engines/networks/graph.ts";
import { buildInstance } from "../engines/networks/instance-builder.ts";
import { mergePractices, type MergerResult, type PaymentTotals } from "../engines/scenarios/merger.ts";
import { resolvePractices } from "../engines/scenarios/request.ts";
import { areaWeightedRatio, weightedListOf } from "../engines/scenarios/weighted-list.ts";
import { isUnallocated } from "../model/organisation.ts";
import { pictureCaveats, type Picture } from "../model/picture.ts";
import { selectJsonRows } from "../store/json-rows.ts";
import { loadCatchments } from "../store/repositories/catchments.ts";
import { footprintLabel } from "./footprints.ts";
import { loadPicture } from "./load-picture.ts";
import {
  saveScenario,
  type Json,
  type ScenarioConfiguration,
  type ScenarioRecord,
} from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";

export interface MergerRequest {
  synthetic: boolean;
  date?: string;
  /** List sizes from the newest list file on or before this date (default: as the picture chooses). */
  lists?: string | undefined;
  practices: string[];
  into?: string;
}

export interface MergerOutcome {
  request: MergerRequest;
  picture: Picture;
  /** The ICB footprint of the picture's map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
  result: MergerResult;
  area: string;
  areaName: string;
  catchmentsLabel: string | null;
  graph: { basis: string; method: string };
  configuration: ScenarioConfiguration;
  description: string;
}

/** Payment totals of some practices in one payments dataset (the picture's). */
async function loadPayments(
  store: Store,
  datasetId: number,
  codes: readonly string[],
): Promise<Map<string, PaymentTotals>> {
  const rows = await selectJsonRows(
    store.db,
    store.db
      .selectFrom("payment")
      .select(["practice_code", "fiscal_year", "total_payments", "global_sum", "qof_total"])
      .where("dataset_id", "=", datasetId)
      .where("practice_code", "in", [...codes]),
  );
  return new Map(
    rows.map((r) => [
      r.practice_code,
      {
        fiscalYear: r.fiscal_year,
        totalPayments: r.total_payments,
        globalSum: r.global_sum,
        qofTotal: r.qof_total,
      },
    ]),
  );
}

export function mergerConfiguration(
  picture: Picture,
  result: MergerResult,
  icb: string,
): ScenarioConfiguration {
  const away = new Set(result.merged.members.map((m) => m.code).filter((c) => c !== result.merged.code));
  const inArea = picture.practices.filter((p) => p.icb.code === icb);
  const ratio = areaWeightedRatio(inArea);
  return {
    practices: inArea
      .filter((p) => !away.has(p.code))
      .map((p) => {
        const unallocated = isUnallocated(p);
        const base = {
          practiceCode: p.code,
          networkCode: unallocated ? null : p.pcnCode,
          networkName: unallocated ? null : p.pcnName,
        };
        if (p.code === result.merged.code)
          return {
            ...base,
            listSize: result.merged.listSize,
            weightedList: result.merged.weightedList,
            mergedFrom: result.merged.members.map((m) => m.code),
          };
        return { ...base, listSize: p.listSize ?? 0, weightedList: weightedListOf(p, ratio).value };
      }),
    closed: [...away],
  };
}

/** Runs a merger on the store's picture. Errors: ScenarioRequestError, NoDataError. */
export async function runMerger(store: Store, request: MergerRequest): Promise<MergerOutcome> {
  const picture = await loadPicture(store.db, {
    synthetic: request.synthetic,
    date: request.date,
    lists: request.lists,
  });
  const idx = resolvePractices(picture.practices, request.practices, { verb: "merge", date: picture.date });
  const intoCode = (request.into ?? picture.practices[idx[0]!]?.code ?? "").trim().toUpperCase();
  const into =
    picture.practices.find((p) => p.code.toUpperCase() === intoCode) ?? picture.practices[idx[0]!]!;
  const icb = into.icb.code;
  const codes = picture.practices.filter((p) => p.icb.code === icb).map((p) => p.code);
  const catchments = await loadCatchments(store.db, {
    synthetic: request.synthetic,
    practiceCodes: codes,
    date: picture.date,
  });
  const instance = buildInstance(picture, { icb, catchments });
  const adjacency = buildAdjacency(instance);
  const payments = picture.sources.payments
    ? await loadPayments(
        store,
        picture.sources.payments.id,
        idx.map((i) => picture.practices[i]!.code),
      )
    : null;
  const result = mergePractices(
    {
      date: picture.date,
      instance,
      adjacency,
      rules: contractYearOn(picture.date),
      practices: picture.practices,
      payments,
    },
    { practices: request.practices, into: request.into },
  );
  if (payments)
    result.notes.push(
      `Payments are those of ${picture.sources.payments!.period} (${picture.sources.payments!.title}).`,
    );
  result.notes.push(
    ...pictureCaveats(
      picture,
      picture.practices.filter((p) => p.icb.code === icb),
    ),
  );
  const m = result.merged;
  return {
    request,
    picture,
    footprint: await footprintLabel(store, picture),
    result,
    area: icb,
    areaName: into.icb.name,
    catchmentsLabel: catchments?.label ?? null,
    graph: { basis: adjacency.basis, method: adjacency.method },
    configuration: mergerConfiguration(picture, result, icb),
    description:
      `Merge ${m.members.map((x) => x.code).join(", ")} into ${m.code} (${m.pcnCode}): ` +
      `${m.listSize.toLocaleString("en-GB")} patients, ${m.sites.length} site${m.sites.length === 1 ? "" : "s"}`,
  };
}

export async function saveMerger(
  store: Store,
  outcome: MergerOutcome,
  name: string,
  options: { replace?: boolean } = {},
): Promise<ScenarioRecord> {
  return saveScenario(
    store.db,
    {
      name,
      kind: "merger",
      synthetic: outcome.picture.synthetic,
      area: outcome.area,
      mapDate: outcome.picture.date,
      description: outcome.description,
      request: {
        practices: outcome.result.merged.members.map((m) => m.code),
        into: outcome.result.merged.code,
        date: outcome.request.date ?? null,
        synthetic: outcome.request.synthetic,
      },
      result: JSON.parse(JSON.stringify(outcome.result)) as Json,
      configuration: outcome.configuration,
    },
    options,
  );
}

/** The outcome as plain data (the JSON of the CLI and the API). */
export function mergerData(outcome: MergerOutcome, saved?: string) {
  const { picture } = outcome;
  return {
    synthetic: picture.synthetic,
    area: outcome.area,
    areaName: outcome.areaName,
    map: picture.sources.map.period,
    lists: picture.sources.lists?.period ?? null,
    footprint: outcome.footprint,
    catchments: outcome.catchmentsLabel,
    graph: outcome.graph,
    savedAs: saved ?? null,
    description: outcome.description,
    ...outcome.result,
    configuration: outcome.configuration,
  };
}
