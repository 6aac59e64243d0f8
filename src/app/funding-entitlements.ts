// Use case: entitlements of the practices and PCNs of an area in a contract year, for today's map and, when
// asked, for another configuration (a designed map in a CSV, or a saved design, closure or merger scenario),
// with the difference from today per practice and per network.
import { defaultFundingYear, fundingYear, type FundingYear } from "../config/funding.ts";
import { FundingRequestError } from "../engines/funding/allocation.ts";
import {
  compareEntitlements,
  computeEntitlements,
  type Entitlements,
} from "../engines/funding/entitlements.ts";
import type { FundingPractice, WeightedBasis } from "../model/funding.ts";
import type { DatasetRef } from "../model/picture.ts";
import { getScenario } from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";
import {
  configurationFromRows,
  configurationFromScenario,
  todayConfiguration,
  type FundingConfiguration,
} from "./funding-configuration.ts";
import {
  entitlementOptions,
  loadFundingData,
  practicesInArea,
  type AreaScope,
  type FundingData,
} from "./funding-data.ts";

export interface EntitlementsRequest extends AreaScope {
  synthetic: boolean;
  date?: string;
  /** Contract year, e.g. `2024-25` (default: the year of `date`, else of today; see `resolveYear`). */
  year?: string;
  /** Today's date (ISO), for the default contract year; default the clock's. */
  today?: string;
  /** A designed configuration: CSV of practice_code, network_code[, network_name]. */
  configFile?: string;
  /** A saved scenario (design, closure or merger). */
  scenario?: string;
}

export interface EntitlementsReport {
  synthetic: boolean;
  date: string;
  areaLabel: string;
  /** The ICB footprint of the map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
  year: Pick<FundingYear, "year" | "complete" | "notes">;
  today: Entitlements;
  configuration: {
    label: string;
    entitlements: Entitlements;
    closed: string[];
    comparison: ReturnType<typeof compareEntitlements>;
  } | null;
  /** ICB code of each practice (today's map), and the ICBs' names. */
  icbOf: Record<string, string>;
  icbNames: Record<string, string>;
  /** Practices by weighted-population basis. */
  bases: Partial<Record<WeightedBasis, number>>;
  populations: { listsFrom: string | null; weightedFrom: string | null };
  sources: Record<string, DatasetRef | null>;
  caveats: string[];
}

/** Today's date as an ISO date (UTC). */
export const isoToday = (): string => new Date().toISOString().slice(0, 10);

/**
 * The contract year asked for, or the default: the contract year of the picture's date when one is asked
 * (`--date`), else of today (April to March; `defaultFundingYear`). UnknownFundingYearError for an unknown
 * year. The caveat says how a default was chosen.
 */
export function resolveYear(
  year: string | undefined,
  on: { date?: string; today?: string } = {},
): { year: FundingYear; caveat: string | null } {
  if (year !== undefined) return { year: fundingYear(year), caveat: null };
  const date = on.date ?? on.today ?? isoToday();
  const what = on.date !== undefined ? `the date asked (${date})` : `today's date (${date})`;
  const d = defaultFundingYear(date);
  return {
    year: d.year,
    caveat:
      d.basis === "date"
        ? `Contract year ${d.year.year}: the year of ${what}; --year chooses another.`
        : `Contract year ${d.dateYear} (${what}) has no funding figures configured in full: ${d.year.year} figures are used; --year chooses another.`,
  };
}

async function otherConfiguration(
  store: Store,
  data: FundingData,
  practices: FundingPractice[],
  request: EntitlementsRequest,
): Promise<FundingConfiguration | null> {
  if (request.configFile !== undefined && request.scenario !== undefined)
    throw new FundingRequestError("give either --config or --scenario, not both");
  if (request.configFile !== undefined) {
    const { readConfigurationCsv } = await import("./network-instance.ts");
    const rows = await readConfigurationCsv(request.configFile);
    return configurationFromRows(practices, rows, request.configFile);
  }
  if (request.scenario !== undefined) {
    const record = await getScenario(store.db, request.scenario);
    if (!record)
      throw new FundingRequestError(
        `there is no saved scenario named '${request.scenario}' (see \`icsplan scenarios list\`)`,
      );
    return configurationFromScenario(data.practices, record, data.picture.synthetic);
  }
  return null;
}

/** The area of a scenario (its ICB or place code) when the request names none. */
async function scopeOf(store: Store, request: EntitlementsRequest, data: FundingData): Promise<AreaScope> {
  if (request.icb !== undefined || request.subIcb !== undefined || request.scenario === undefined)
    return request;
  const record = await getScenario(store.db, request.scenario);
  if (!record) return request;
  const isIcb = data.practices.some((p) => p.icb.code === record.area);
  return isIcb ? { icb: record.area } : { subIcb: record.area };
}

export async function entitlementsReport(
  store: Store,
  request: EntitlementsRequest,
): Promise<EntitlementsReport> {
  const { year, caveat: yearCaveat } = resolveYear(request.year, request);
  const data = await loadFundingData(store, { synthetic: request.synthetic, date: request.date });
  const scope = await scopeOf(store, request, data);
  const { practices, label } = practicesInArea(data, scope);
  const todayConfig = todayConfiguration(practices, data.picture.sources.map.period);
  // Most of the money is paid per weighted patient: with no payments file there is nothing to weight by,
  // and a table of £0 for an area of many practices would read as a fact.
  if (practices.length > 0 && todayConfig.practices.length === 0 && data.paymentYears.length === 0)
    throw new FundingRequestError(
      `no weighted populations for the ${practices.length} practices of ${label}: entitlements are paid per ` +
        "weighted patient, and no NHS Payments to General Practice file is loaded to weight the lists by " +
        "(import one, e.g. `icsplan import payments/nhs-payments-gp_2024-25.csv`)",
      { kind: "unprocessable" },
    );
  const options = entitlementOptions(data);
  const today = computeEntitlements(todayConfig.practices, year, options);
  const other = await otherConfiguration(store, data, practices, request);
  let configuration: EntitlementsReport["configuration"] = null;
  if (other) {
    const entitlements = computeEntitlements(other.practices, year, options);
    configuration = {
      label: other.label,
      entitlements,
      closed: other.closed,
      comparison: compareEntitlements(today, entitlements),
    };
  }
  const bases: EntitlementsReport["bases"] = {};
  for (const p of todayConfig.practices) bases[p.basis] = (bases[p.basis] ?? 0) + 1;
  const weightedYears = [...new Set(practices.map((p) => p.weighted?.fiscalYear).filter(Boolean))].sort();
  return {
    synthetic: data.picture.synthetic,
    date: data.picture.date,
    areaLabel: label,
    footprint: data.footprint,
    year: { year: year.year, complete: year.complete, notes: year.notes },
    today,
    configuration,
    icbOf: Object.fromEntries(practices.map((p) => [p.code, p.icb.code])),
    icbNames: Object.fromEntries(practices.map((p) => [p.icb.code, p.icb.name])),
    bases,
    populations: {
      listsFrom: data.picture.sources.lists?.period ?? null,
      weightedFrom: weightedYears.length > 0 ? `FY${weightedYears.join(", FY")}` : null,
    },
    sources: { ...data.picture.sources, qof: data.sources.qof },
    caveats: [
      ...(yearCaveat ? [yearCaveat] : []),
      ...data.caveats,
      ...todayConfig.caveats,
      ...(other?.caveats ?? []),
      `Populations are the ${data.picture.sources.lists?.period ?? "loaded"} lists (weighted: each practice's published weighted ÷ registered ratio × its list); the contract year computes entitlements on 1 January lists.`,
    ],
  };
}
