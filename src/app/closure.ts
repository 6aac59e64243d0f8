// Use case: a closure scenario. Loads the picture (map, lists, workforce, weighted lists, sites) and the
// LSOA registrations of the closing practices' ICBs, runs the closure engine, and builds the configuration
// the scenario leaves behind (every open practice of those ICBs, with its list afterwards). Saving is a
// separate step (saveClosure), one transaction through the scenarios repository.
import { contractYearOn } from "../config/pcn-contract.ts";
import type { CatchmentInput } from "../engines/networks/instance-builder.ts";
import { buildInstance } from "../engines/networks/instance-builder.ts";
import type { Catchments } from "../engines/networks/instance.ts";
import { closePractices, type ClosureOptions, type ClosureResult } from "../engines/scenarios/closure.ts";
import { ScenarioRequestError } from "../engines/scenarios/errors.ts";
import { resolvePractices } from "../engines/scenarios/request.ts";
import { areaWeightedRatio, weightedListOf } from "../engines/scenarios/weighted-list.ts";
import { isUnallocated } from "../model/organisation.ts";
import { pictureCaveats, type Picture } from "../model/picture.ts";
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

export interface ClosureRequest extends ClosureOptions {
  synthetic: boolean;
  /** Map in force on this date (default: the picture's default map). */
  date?: string;
  /** List sizes from the newest list file on or before this date (default: as the picture chooses). */
  lists?: string | undefined;
  practices: string[];
}

export interface ClosureOutcome {
  request: ClosureRequest;
  picture: Picture;
  /** The ICB footprint of the picture's map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
  result: ClosureResult;
  /** ICB code(s) of the closing practices, e.g. `QNC`. */
  area: string;
  areaName: string;
  /** Where the LSOA origins came from, e.g. `LSOA registrations of October 2025`, or null. */
  catchmentsLabel: string | null;
  configuration: ScenarioConfiguration;
  description: string;
}

/** Concatenates catchments of disjoint practice sets (one per ICB) into one input. */
function concatCatchments(inputs: CatchmentInput[]): CatchmentInput | null {
  if (inputs.length === 0) return null;
  if (inputs.length === 1) return inputs[0]!;
  const practiceCodes: string[] = [];
  const lsoaCodes: string[] = [];
  const lat: number[] = [];
  const lon: number[] = [];
  const imd: number[] = [];
  const offsets = [0];
  const lsoa: number[] = [];
  const patients: number[] = [];
  for (const input of inputs) {
    const c = input.catchments;
    const base = lsoaCodes.length;
    lsoaCodes.push(...c.lsoaCodes);
    lat.push(...c.lsoaLat);
    lon.push(...c.lsoaLon);
    imd.push(...c.lsoaImdDecile);
    input.practiceCodes.forEach((code, p) => {
      practiceCodes.push(code);
      for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++) {
        lsoa.push(base + c.lsoa[e]!);
        patients.push(c.patients[e]!);
      }
      offsets.push(lsoa.length);
    });
  }
  const catchments: Catchments = {
    lsoaCodes,
    lsoaLat: Float64Array.from(lat),
    lsoaLon: Float64Array.from(lon),
    lsoaImdDecile: Int8Array.from(imd),
    offsets: Int32Array.from(offsets),
    lsoa: Int32Array.from(lsoa),
    patients: Float64Array.from(patients),
  };
  return { practiceCodes, catchments };
}

/**
 * LSOA catchments of every practice in the given ICBs (so that an LSOA without a centroid is placed from
 * all the practices registering its residents), with centroids filled as the networks instance does.
 */
export async function loadIcbCatchments(
  store: Store,
  picture: Picture,
  icbs: readonly string[],
): Promise<{ input: CatchmentInput | null; label: string | null; notes: string[] }> {
  const inputs: CatchmentInput[] = [];
  const notes: string[] = [];
  let label: string | null = null;
  for (const icb of icbs) {
    const codes = picture.practices.filter((p) => p.icb.code === icb).map((p) => p.code);
    const loaded = await loadCatchments(store.db, {
      synthetic: picture.synthetic,
      practiceCodes: codes,
      date: picture.date,
    });
    if (!loaded) continue;
    const instance = buildInstance(picture, { icb, catchments: loaded });
    if (instance.catchments) {
      inputs.push({
        practiceCodes: instance.practiceCodes,
        catchments: instance.catchments,
        label: loaded.label,
      });
      label ??= loaded.label ?? null;
      notes.push(...loaded.notes.slice(0, 1), ...(instance.notes ?? []).filter((n) => /LSOA/.test(n)));
    }
  }
  return { input: concatCatchments(inputs), label, notes };
}

const join = (codes: readonly string[]) =>
  codes.length <= 3 ? codes.join(", ") : `${codes.slice(0, 3).join(", ")} and ${codes.length - 3} more`;

/** The practice → network configuration the closure leaves behind in the closing practices' ICBs. */
export function closureConfiguration(
  picture: Picture,
  result: ClosureResult,
  icbs: readonly string[],
): ScenarioConfiguration {
  const closed = new Set(result.closed.map((c) => c.code));
  const received = new Map(result.receivers.map((r) => [r.code, r]));
  const inArea = picture.practices.filter((p) => icbs.includes(p.icb.code));
  const ratio = new Map(
    icbs.map((icb) => [icb, areaWeightedRatio(inArea.filter((p) => p.icb.code === icb))]),
  );
  return {
    practices: inArea
      .filter((p) => !closed.has(p.code))
      .map((p) => {
        const r = received.get(p.code);
        const unallocated = isUnallocated(p);
        return {
          practiceCode: p.code,
          networkCode: unallocated ? null : p.pcnCode,
          networkName: unallocated ? null : p.pcnName,
          listSize: r ? r.listAfter : (p.listSize ?? 0),
          weightedList: r ? r.weightedAfter : weightedListOf(p, ratio.get(p.icb.code) ?? null).value,
        };
      }),
    closed: [...closed],
  };
}

/** Runs a closure scenario on the store's picture. Errors: ScenarioRequestError, NoDataError. */
export async function runClosure(store: Store, request: ClosureRequest): Promise<ClosureOutcome> {
  const picture = await loadPicture(store.db, {
    synthetic: request.synthetic,
    date: request.date,
    lists: request.lists,
  });
  // The picture already places practices missing from the coordinates file at their sector's centroid.
  return closureOn(store, picture, request);
}

/**
 * The closure `npm start` shows on the demo: the smallest practice (by list) closes, and its patients are
 * re-homed at the defaults (nearest with capacity, 10 km, growth:20%).
 */
export async function runDemoClosure(store: Store): Promise<ClosureOutcome> {
  const picture = await loadPicture(store.db, { synthetic: true });
  const smallest = picture.practices
    .filter((p) => p.listSize !== null && p.listSize > 0 && p.site.lat !== null)
    .sort((a, b) => a.listSize! - b.listSize! || a.code.localeCompare(b.code))[0];
  if (!smallest)
    throw new ScenarioRequestError("the demo has no practice with a list size and a site to close");
  return closureOn(store, picture, { synthetic: true, practices: [smallest.code] });
}

async function closureOn(store: Store, picture: Picture, request: ClosureRequest): Promise<ClosureOutcome> {
  const idx = resolvePractices(picture.practices, request.practices, { verb: "close", date: picture.date });
  const icbs = [...new Set(idx.map((i) => picture.practices[i]!.icb.code))].sort();
  const catchments = await loadIcbCatchments(store, picture, icbs);
  const result = closePractices(
    {
      date: picture.date,
      practices: picture.practices,
      catchments: catchments.input,
      rules: contractYearOn(picture.date),
    },
    request.practices,
    request,
  );
  const inIcbs = picture.practices.filter((p) => icbs.includes(p.icb.code));
  result.notes.unshift(...catchments.notes, ...pictureCaveats(picture, inIcbs));
  const names = [...new Set(idx.map((i) => picture.practices[i]!.icb.name))];
  const description =
    `Close ${join(result.closed.map((c) => c.code))}: ${result.totals.placed.toLocaleString("en-GB")} of ` +
    `${result.totals.toRehome.toLocaleString("en-GB")} patients re-homed (${result.model === "nearest" ? "nearest with capacity" : "patient choice"}, ` +
    `within ${result.maxKm} km, ${result.cap})`;
  return {
    request,
    picture,
    footprint: await footprintLabel(store, picture),
    result,
    area: icbs.join("+"),
    areaName: names.join(" + "),
    catchmentsLabel: catchments.label,
    configuration: closureConfiguration(picture, result, icbs),
    description,
  };
}

/** Saves a closure outcome as a scenario (one transaction; ScenarioExistsError unless `replace`). */
export async function saveClosure(
  store: Store,
  outcome: ClosureOutcome,
  name: string,
  options: { replace?: boolean } = {},
): Promise<ScenarioRecord> {
  const { request, result } = outcome;
  return saveScenario(
    store.db,
    {
      name,
      kind: "closure",
      synthetic: outcome.picture.synthetic,
      area: outcome.area,
      mapDate: outcome.picture.date,
      description: outcome.description,
      request: {
        practices: result.closed.map((c) => c.code),
        model: result.model,
        maxKm: result.maxKm,
        cap: result.cap,
        choice: result.choice as unknown as Json,
        date: request.date ?? null,
        synthetic: request.synthetic,
      },
      result: JSON.parse(JSON.stringify(result)) as Json,
      configuration: outcome.configuration,
    },
    options,
  );
}

/** The outcome as plain data (the JSON of the CLI and the API). */
export function closureData(outcome: ClosureOutcome, saved?: string) {
  const { picture } = outcome;
  return {
    synthetic: picture.synthetic,
    area: outcome.area,
    areaName: outcome.areaName,
    map: picture.sources.map.period,
    lists: picture.sources.lists?.period ?? null,
    footprint: outcome.footprint,
    catchments: outcome.catchmentsLabel,
    savedAs: saved ?? null,
    description: outcome.description,
    ...outcome.result,
    configuration: outcome.configuration,
  };
}
