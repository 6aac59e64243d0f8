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
import type { Picture } from "../model/picture.ts";
import { approximateSites, normalisePostcode } from "../model/postcode-centroid.ts";
import { selectJsonRows } from "../store/json-rows.ts";
import { loadCatchments } from "../store/repositories/catchments.ts";
import { findDataset } from "../store/repositories/datasets.ts";
import { loadPicture } from "../store/repositories/picture.ts";
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

/** Every postcode of the newest coordinates dataset with its position (practice postcodes of all files). */
export async function loadPostcodePoints(
  store: Store,
  synthetic: boolean,
): Promise<[string, { lat: number; lon: number }][]> {
  const ref = await findDataset(store.db, "postcode-coordinates", synthetic);
  if (!ref) return [];
  const rows = await selectJsonRows(
    store.db,
    store.db
      .selectFrom("postcode_location")
      .select(["postcode", "lat", "lon"])
      .where("dataset_id", "=", ref.id),
  );
  return rows.map((r) => [r.postcode, { lat: r.lat, lon: r.lon }]);
}

/**
 * The picture with a site for every practice whose postcode is known: a postcode missing from the
 * coordinates file takes the centroid of the `known` postcodes (the coordinates file's; by default the
 * picture's located practices) in its sector, else district, and a caveat names each such practice. Pure;
 * the picture is not changed.
 */
export function withApproximateSites(
  picture: Picture,
  known: Iterable<readonly [string, { lat: number; lon: number }]> = picture.practices
    .filter((p) => p.site.postcode && p.site.lat !== null && p.site.lon !== null)
    .map((p) => [p.site.postcode!, { lat: p.site.lat!, lon: p.site.lon! }] as const),
): Picture {
  const missing = picture.practices.filter((p) => p.site.lat === null && p.site.postcode);
  if (missing.length === 0) return picture;
  const approx = approximateSites(
    missing.map((p) => p.site.postcode!),
    known,
  );
  const placed: string[] = [];
  const practices = picture.practices.map((p) => {
    const a =
      p.site.lat === null && p.site.postcode ? approx.get(normalisePostcode(p.site.postcode)) : undefined;
    if (!a) return p;
    placed.push(
      `${p.code} (${p.site.postcode}: ${a.basis} ${a.area}, ${a.from} postcode${a.from === 1 ? "" : "s"})`,
    );
    return { ...p, site: { ...p.site, lat: a.lat, lon: a.lon } };
  });
  if (placed.length === 0) return picture;
  return {
    ...picture,
    practices,
    caveats: [
      ...picture.caveats,
      `${placed.length} practice${placed.length === 1 ? "'s postcode is" : "s' postcodes are"} not in the coordinates file; ` +
        `placed at the centroid of the located practice postcodes of the sector or district: ${placed.join("; ")}.`,
    ],
  };
}

/** Runs a closure scenario on the store's picture. Errors: ScenarioRequestError, NoDataError. */
export async function runClosure(store: Store, request: ClosureRequest): Promise<ClosureOutcome> {
  const picture = await loadPicture(store.db, {
    synthetic: request.synthetic,
    date: request.date,
    lists: request.lists,
  });
  const unlocated = picture.practices.some((p) => p.site.lat === null && p.site.postcode);
  const known = unlocated ? await loadPostcodePoints(store, picture.synthetic) : [];
  return closureOn(store, unlocated ? withApproximateSites(picture, known) : picture, request);
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
  result.notes.unshift(...catchments.notes, ...picture.caveats);
  const names = [...new Set(idx.map((i) => picture.practices[i]!.icb.name))];
  const description =
    `Close ${join(result.closed.map((c) => c.code))}: ${result.totals.placed.toLocaleString("en-GB")} of ` +
    `${result.totals.toRehome.toLocaleString("en-GB")} patients re-homed (${result.model === "nearest" ? "nearest with capacity" : "patient choice"}, ` +
    `within ${result.maxKm} km, ${result.cap})`;
  return {
    request,
    picture,
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
