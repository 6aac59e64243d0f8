// Use cases of the workforce module: read the workforce history (or one PCN workforce census) from the
// store, then call the pure engine: trends, partner change, partnership risk, ARRS headroom.
import {
  arrsByPcn,
  type ArrsPopulation,
  type ArrsRequest,
  type ArrsResult,
} from "../engines/workforce/arrs.ts";
import { WorkforceRequestError } from "../engines/workforce/errors.ts";
import { partnerChanges, type PartnerChanges, type PartnerRequest } from "../engines/workforce/partners.ts";
import { partnershipRisk, type RiskRequest, type RiskResult } from "../engines/workforce/risk.ts";
import { workforceTrends, type TrendRequest, type WorkforceTrends } from "../engines/workforce/trends.ts";
import { resolveIcb, withinPracticeSet } from "../engines/workforce/areas.ts";
import { FootprintRequestError, IcbNotInFootprintError } from "../engines/footprints/errors.ts";
import type { Footprint, PracticeSet } from "../model/footprint.ts";
import type { OrgRef } from "../model/organisation.ts";
import type { WorkforceHistory } from "../model/workforce.ts";
import { areaFootprint, footprintLabel, footprintOnDate, pictureFootprint } from "./footprints.ts";
import { loadMapPicture, loadPicture, NoDataError } from "./load-picture.ts";
import { listPcnCensuses, loadPcnCensus, loadWorkforceHistory } from "../store/repositories/workforce.ts";
import type { Store } from "../store/store.ts";
import { readWarm } from "./warm.ts";

export interface WorkforceSource {
  synthetic: boolean;
  /** The PCN map in force on this date gives the geography (default: as `overview`). */
  date?: string;
  /**
   * A union of places or a set of local authorities (src/app/area-footprint.ts): its practices stand as one
   * ICB coded `practices.code` (withinPracticeSet), so `icb` must then be that code or absent.
   */
  practices?: PracticeSet | undefined;
}

/**
 * The history of a request, within its practice set if it has one, and the footprint its ICBs are those of:
 * every period's practices are grouped by the history's map (its picture's), whatever ICB they were in then.
 */
async function historyOf(store: Store, source: WorkforceSource, picture: "full" | "map") {
  const whole = await readWorkforceHistory(store, source, picture);
  return {
    history: source.practices ? withinPracticeSet(whole, source.practices) : whole,
    footprint: await footprintLabel(store, whole.picture),
  };
}

/** A workforce result with the ICB footprint its areas are grouped in (null when the map is not known). */
export type WithFootprint<T> = T & {
  /** e.g. "ICB footprint from 2026-04-01 (36 ICBs; membership as published in the August 2026 map)". */
  footprint: string | null;
};

/** A request's ICB: the practice set's code when the source has one. */
const icbOf = <T extends { icb?: string | undefined }>(source: WorkforceSource, request: T): T =>
  source.practices ? { ...request, icb: source.practices.code } : request;

/**
 * The workforce history; NoDataError when no map or no workforce file is loaded. `picture: "map"` reads only
 * the map's geography (enough for trends and partner change); the risk score needs the full picture.
 */
export async function readWorkforceHistory(
  store: Store,
  source: WorkforceSource,
  picture: "full" | "map" = "full",
): Promise<WorkforceHistory> {
  const options = { synthetic: source.synthetic, date: source.date };
  // The full history gives trends and partner change exactly what the map's does (its picture adds lists
  // and sites to the same map), so a warm full history serves a request for the map's.
  const key = (p: "full" | "map") => `workforce|${p}|${source.date ?? ""}`;
  const history = await readWarm(
    store,
    source.synthetic,
    key(picture),
    () =>
      loadWorkforceHistory(store.db, {
        ...options,
        picture,
        loadPicture: () => (picture === "map" ? loadMapPicture : loadPicture)(store.db, options),
      }),
    picture === "map" ? key("full") : undefined,
  );
  if (history.rows.length === 0) {
    throw new NoDataError(
      source.synthetic
        ? "The demo has no practice workforce: run `icsplan demo` again."
        : "No practice workforce file is loaded: run `icsplan import <folder>` with the HEEC workforce files " +
            "(workforce/heec_practice_workforce_*.csv), or use --demo.",
    );
  }
  return history;
}

export interface TrendsUseCaseRequest extends TrendRequest {
  /**
   * The ICB footprint's date: every period is counted over the practices of the map in force then ("as it
   * is now": the newest map; "as it was": an earlier date), whatever ICB each practice was in that year.
   * Default: the map of `source.date` (as `overview`); an ICB that map does not have is looked for in the
   * newest map, then in the newest map that has it.
   */
  footprint?: string | undefined;
}

/** Workforce trends, with the ICB footprint the areas are counted in. */
export interface FootprintedTrends extends WorkforceTrends {
  footprint: Footprint;
  /** Where the ICB asked for stands in the ICB succession (formed from, split into…), or null. */
  lineage: string | null;
}

export async function trendsUseCase(
  store: Store,
  source: WorkforceSource,
  request: TrendsUseCaseRequest,
): Promise<FootprintedTrends> {
  const { footprint, ...trend } = request;
  if (source.practices) {
    const whole = await readWorkforceHistory(store, source, "map");
    const result = workforceTrends(withinPracticeSet(whole, source.practices), icbOf(source, trend));
    // The footprint of the map as loaded (the set stands as one ICB only in the figures).
    const inForce = await pictureFootprint(store, whole.picture);
    return {
      ...result,
      footprint:
        inForce ?? (await footprintOnDate(store, { synthetic: source.synthetic, date: source.date })),
      lineage: null,
    };
  }
  if (footprint !== undefined || trend.icb !== undefined) {
    const area = await trendFootprint(store, source, trend.icb, footprint);
    if (area) {
      const history = await readWorkforceHistory(
        store,
        { ...source, date: area.footprint.map.referenceDate },
        "map",
      );
      const result = workforceTrends(history, { ...trend, ...(area.icb ? { icb: area.icb.code } : {}) });
      return { ...result, footprint: area.footprint, lineage: area.lineage };
    }
  }
  const history = await readWorkforceHistory(store, source, "map");
  const result = workforceTrends(history, trend);
  const date = history.picture.sources.map.referenceDate;
  const synthetic = source.synthetic;
  const area =
    trend.icb === undefined
      ? null
      : await areaFootprint(store, { synthetic, icb: result.scope.code, footprint: date }).catch((error) => {
          if (error instanceof FootprintRequestError) return null;
          throw error;
        });
  return {
    ...result,
    footprint: area?.footprint ?? (await footprintOnDate(store, { synthetic, date })),
    lineage: area?.lineage ?? null,
  };
}

/**
 * The footprint of a trends request: the footprint asked for (with the ICB's practices in it); else, for an
 * ICB the default map does not have, the newest map's footprint, or the last one the ICB was in. Null: the
 * default map serves.
 */
async function trendFootprint(
  store: Store,
  source: WorkforceSource,
  icb: string | undefined,
  footprint: string | undefined,
): Promise<{ icb: OrgRef | null; footprint: Footprint; lineage: string | null } | null> {
  const synthetic = source.synthetic;
  if (footprint !== undefined) {
    if (icb === undefined)
      return {
        icb: null,
        footprint: await footprintOnDate(store, { synthetic, date: footprint }),
        lineage: null,
      };
    return areaFootprint(store, { synthetic, icb, footprint });
  }
  const history = await readWorkforceHistory(store, source, "map");
  try {
    resolveIcb(history, icb);
    return null;
  } catch (error) {
    if (!(error instanceof WorkforceRequestError)) throw error;
    try {
      return await areaFootprint(store, { synthetic, icb: icb! });
    } catch (notNow) {
      if (!(notNow instanceof FootprintRequestError)) throw notNow;
      if (!(notNow instanceof IcbNotInFootprintError) || notNow.asItWas === null) throw error;
      return areaFootprint(store, { synthetic, icb: icb!, footprint: notNow.asItWas });
    }
  }
}

export async function partnersUseCase(
  store: Store,
  source: WorkforceSource,
  request: PartnerRequest,
): Promise<WithFootprint<PartnerChanges>> {
  const { history, footprint } = await historyOf(store, source, "map");
  return { ...partnerChanges(history, icbOf(source, request)), footprint };
}

export async function riskUseCase(
  store: Store,
  source: WorkforceSource,
  request: RiskRequest,
): Promise<WithFootprint<RiskResult>> {
  const { history, footprint } = await historyOf(store, source, "full");
  return { ...partnershipRisk(history, icbOf(source, request)), footprint };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** `2022-09`, `2022-09-01`, `September 2022` or `Sep 2022` → `2022-09-01`; null when not a month. */
export function parseCensusPeriod(text: string): string | null {
  const t = text.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{2})(?:-01)?$/.exec(t);
  if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12) return `${iso[1]}-${iso[2]}-01`;
  const named = /^([a-z]+)\s+(\d{4})$/.exec(t);
  if (named) {
    const m = MONTHS.indexOf(named[1]!.slice(0, 3));
    if (m >= 0) return `${named[2]}-${String(m + 1).padStart(2, "0")}-01`;
  }
  return null;
}

export interface ArrsUseCaseRequest extends ArrsRequest {
  /** The census month (`2022-09`, `September 2022`); default the newest loaded. */
  period?: string;
  /** The date of the map and lists the weighted populations are taken at (default: the census's date). */
  date?: string;
}

/**
 * The weighted populations of `funding entitlements --date D` (the picture of D: its map, its lists, each
 * practice's newest published weighted ÷ registered ratio × its list, else the model's estimate; practices
 * without a list left out, as today's configuration leaves them), so that `workforce arrs` and `funding entitlements` give one ARRS entitlement for an area,
 * date and contract year (both through src/engines/funding/arrs-entitlement.ts). Null when no payments
 * file is loaded (the engine then says there is no entitlement).
 */
export async function arrsPopulation(
  store: Store,
  synthetic: boolean,
  date: string,
): Promise<ArrsPopulation | null> {
  return (await arrsFunding(store, synthetic, date))?.population ?? null;
}

/** The ARRS population of a date and the footprint of its map (that of `funding entitlements --date`). */
async function arrsFunding(
  store: Store,
  synthetic: boolean,
  date: string,
): Promise<{ population: ArrsPopulation; footprint: string | null } | null> {
  const [{ loadFundingData }, { todayConfiguration }] = await Promise.all([
    import("./funding-data.ts"),
    import("./funding-configuration.ts"),
  ]);
  let data;
  try {
    data = await loadFundingData(store, { synthetic, date });
  } catch (error) {
    if (error instanceof NoDataError) return null;
    throw error;
  }
  if (data.newestYear === null) return null;
  const map = data.picture.sources.map;
  const lists = data.picture.sources.lists;
  const practices = data.practices.filter((p) => p.networkCode !== null);
  const weighted = new Map(
    todayConfiguration(practices, map.period).practices.map((p) => [p.code, p.weighted]),
  );
  const population: ArrsPopulation = {
    description:
      `the weighted populations of \`funding entitlements --date ${date}\`: practices of the ${map.period} map, ` +
      `each its newest published weighted ÷ registered ratio (${data.newestYear} or earlier) × its list of ` +
      `${lists?.period ?? "(none)"}, or the weighted-population model's estimate where it has no published ratio; ` +
      "summed over each PCN's practices in that map (with --icb, its practices in the ICB)",
    map,
    practices: practices.map((p) => ({
      code: p.code,
      pcnCode: p.networkCode!,
      pcnName: p.networkName ?? p.networkCode!,
      icbCode: p.icb.code,
      subIcbCode: p.subIcb.code,
      weighted: weighted.get(p.code) ?? null,
    })),
  };
  return { population, footprint: data.footprint };
}

export async function arrsUseCase(
  store: Store,
  source: WorkforceSource,
  request: ArrsUseCaseRequest,
): Promise<WithFootprint<ArrsResult>> {
  const available = await listPcnCensuses(store.db, source.synthetic);
  if (available.length === 0) {
    throw new NoDataError(
      source.synthetic
        ? "The demo has no PCN workforce census: run `icsplan demo` again."
        : "No PCN workforce file is loaded: run `icsplan import <folder>` with the PCN workforce individual-level " +
            "files (workforce/pcn_individual_level/), or use --demo.",
    );
  }
  let date: string | undefined;
  if (request.period !== undefined) {
    date = parseCensusPeriod(request.period) ?? undefined;
    const known = available.map((d) => d.referenceDate.slice(0, 7)).join(", ");
    if (!date)
      throw new WorkforceRequestError(
        `--period must be a census month such as 2022-09; found '${request.period}' (loaded: ${known})`,
      );
    if (!available.some((d) => d.referenceDate === date)) {
      throw new WorkforceRequestError(
        `--period ${request.period}: no PCN workforce census of that month is loaded; loaded: ${known}`,
      );
    }
  }
  const census = await loadPcnCensus(store.db, { synthetic: source.synthetic, date });
  const funding = await arrsFunding(store, source.synthetic, request.date ?? census!.date);
  return {
    ...arrsByPcn(census!, request, funding?.population ?? undefined),
    footprint: funding?.footprint ?? null,
  };
}
