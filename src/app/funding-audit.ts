// Use cases: the equity audit of an area (money and staff per head by IMD quintile, concentration indices,
// before and after a flexed allocation, and the payments history), and payments history on its own (per
// area, ICB, place, quintile or practice).
import {
  allocateFund,
  FundingRequestError,
  type Allocation,
  type Bound,
} from "../engines/funding/allocation.ts";
import { buildEquityAudit, type EquityAudit } from "../engines/funding/audit.ts";
import { computeEntitlements } from "../engines/funding/entitlements.ts";
import { paymentSeries, type HistorySeries } from "../engines/funding/history.ts";
import {
  outlierCaveats,
  paymentOutliers,
  withoutPaymentOutliers,
  workforceOutliers,
  type PaymentOutlier,
  type WorkforceOutlier,
} from "../engines/funding/outliers.ts";
import { parseBound, parseMoney, resolveMethod, type MethodChoice } from "../engines/funding/request.ts";
import { quintileOfDecile, type FundingPractice, type PaymentYear } from "../model/funding.ts";
import type { DatasetRef } from "../model/picture.ts";
import { loadRegisterAreas } from "../store/repositories/payments.ts";
import type { Store } from "../store/store.ts";
import { allocationUnits } from "./funding-allocation.ts";
import { todayConfiguration } from "./funding-configuration.ts";
import {
  entitlementOptions,
  loadFundingData,
  practicesInArea,
  type AreaScope,
  type FundingData,
} from "./funding-data.ts";
import { resolveYear } from "./funding-entitlements.ts";

export interface AuditRequest extends AreaScope {
  synthetic: boolean;
  date?: string;
  /** Contract year of the entitlements (default: the year of `date`, else of today). */
  year?: string;
  /** Today's date (ISO), for the default contract year; default the clock's. */
  today?: string;
  /** The flexed allocation's fund in pence (default: a notional £1 per registered patient). */
  fundPence?: number;
  /** The flexed allocation's method (default: need with the health-inequalities share of the rules). */
  choice?: MethodChoice;
  /** The flexed allocation's floor and cap per practice (as POST /api/funding/allocate takes them). */
  floor?: Bound;
  cap?: Bound;
  /** Leave payments and workforce outliers out of per-head figures (they are flagged either way). */
  excludeOutliers?: boolean;
}

/** The audit's options as typed at the CLI or sent to the API: the fund and method as text. */
export interface AuditFlags extends Omit<AuditRequest, "fundPence" | "choice" | "floor" | "cap"> {
  fund?: string;
  floor?: string;
  cap?: string;
  method?: string;
  hiShare?: string;
  weights?: string;
}

/** Parses the audit's options (no store access): FundingRequestError naming the option for bad input. */
export function auditRequestFromFlags(flags: AuditFlags): AuditRequest {
  const { fund, method, hiShare, weights, floor, cap, ...rest } = flags;
  return {
    ...rest,
    ...(fund !== undefined ? { fundPence: parseMoney(fund, "--fund") } : {}),
    choice: resolveMethod(method, hiShare, weights),
    ...(floor !== undefined ? { floor: parseBound(floor, "--floor") } : {}),
    ...(cap !== undefined ? { cap: parseBound(cap, "--cap") } : {}),
  };
}

/** Outliers of the area: flagged always, left out of per-head figures when asked. */
export interface OutlierReport {
  excluded: boolean;
  payments: PaymentOutlier[];
  workforce: WorkforceOutlier[];
}

export interface AuditReport {
  synthetic: boolean;
  date: string;
  areaLabel: string;
  /** The ICB footprint of the map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
  paymentsYear: string | null;
  contractYear: string;
  audit: EquityAudit;
  allocation: {
    fundPence: number;
    notional: boolean;
    method: string;
    weights: Allocation["request"]["weights"];
    floor: Bound | null;
    cap: Bound | null;
  };
  history: { area: HistorySeries | null; quintiles: HistorySeries[] };
  outliers: OutlierReport;
  sources: Record<string, DatasetRef | null>;
  caveats: string[];
}

const paymentYears = (data: FundingData): PaymentYear[] =>
  [...data.payments].map(([fiscalYear, rows]) => ({ fiscalYear, records: rows }));

/** Historical practices' area: the map's, else the practice register's (closed practices included). */
async function areaMembership(store: Store, data: FundingData, scope: AreaScope, areaCode: string | null) {
  if (areaCode === null) return () => true;
  if (scope.practiceSet !== undefined) {
    // A practice set: its practices of the map (practices closed before it are not placed in the set).
    const inSet = new Set(scope.practiceSet.practiceCodes);
    return (code: string) => inSet.has(code);
  }
  const register = await loadRegisterAreas(store.db, data.picture.synthetic);
  const map = new Map(data.practices.map((p) => [p.code, p]));
  const bySub = scope.subIcb !== undefined;
  return (code: string) => {
    const p = map.get(code);
    const r = register.get(code);
    const value = bySub ? (p?.subIcb.code ?? r?.subIcb) : (p?.icb.code ?? r?.icb);
    return value === areaCode;
  };
}

function quintileGroup(practices: readonly FundingPractice[]) {
  const byCode = new Map(practices.map((p) => [p.code, p]));
  return (code: string) => {
    const p = byCode.get(code);
    if (!p) return "not in the current map";
    return p.deprivation ? `Q${quintileOfDecile(p.deprivation.decile)}` : "deprivation unknown";
  };
}

export async function auditReport(store: Store, request: AuditRequest): Promise<AuditReport> {
  const { year, caveat: yearCaveat } = resolveYear(request.year, request);
  const choice = request.choice ?? resolveMethod(undefined);
  const fundGiven = request.fundPence ?? null;
  const data = await loadFundingData(store, {
    synthetic: request.synthetic,
    date: request.date,
    allPaymentYears: true,
  });
  const { practices, label, area } = practicesInArea(data, request);
  const caveats = [...(yearCaveat ? [yearCaveat] : []), ...data.caveats];

  const config = todayConfiguration(practices, data.picture.sources.map.period);
  const entitlements = computeEntitlements(config.practices, year, entitlementOptions(data));
  const entitlementOf = new Map(entitlements.practices.map((p) => [p.code, p.total]));

  const eligible = practices.filter((p) => (p.listSize ?? 0) > 0 && p.weighted !== null);
  if (eligible.length < practices.length)
    caveats.push(
      `${practices.length - eligible.length} practices without a list or weighted population are left out of the allocation.`,
    );
  const list = eligible.reduce((a, p) => a + p.listSize!, 0);
  const fundPence = fundGiven ?? Math.round(list) * 100;
  const { units, caveats: unitCaveats } = allocationUnits(eligible, "practice");
  caveats.push(...unitCaveats);
  if (units.length === 0) throw new FundingRequestError(`${label} has no practices with a list to audit`);
  const before = allocateFund(units, { fundPence, method: "equal", weights: resolveMethod("equal").weights });
  const after = allocateFund(units, {
    fundPence,
    method: choice.method,
    weights: choice.weights,
    ...(request.floor ? { floor: request.floor } : {}),
    ...(request.cap ? { cap: request.cap } : {}),
  });
  const beforeOf = new Map(before.lines.map((l) => [l.code, l.pence]));
  const afterOf = new Map(after.lines.map((l) => [l.code, l.pence]));

  const inArea = await areaMembership(store, data, request, area?.code ?? null);
  const allYears = paymentYears(data);
  // Outliers against England's median of each year; those of the area are reported.
  const payOut = paymentOutliers(allYears).filter((o) => inArea(o.practiceCode));
  const workOut = workforceOutliers(practices);
  const exclude = request.excludeOutliers ?? false;
  const years = exclude ? withoutPaymentOutliers(allYears, payOut) : allYears;
  const dropGp = new Set(exclude ? workOut.map((o) => o.practiceCode) : []);
  const names = new Map(data.practices.map((p) => [p.code, p.name]));
  caveats.push(...outlierCaveats(payOut, workOut, exclude, (c) => names.get(c) ?? null));

  const newestRows = years.find((y) => y.fiscalYear === data.newestYear)?.records ?? [];
  const newest = new Map(newestRows.map((r) => [r.practiceCode, r]));
  const audit = buildEquityAudit(
    practices.map((p) => {
      const pay = newest.get(p.code);
      return {
        code: p.code,
        name: p.name,
        icb: p.icb,
        subIcb: p.subIcb,
        listSize: p.listSize,
        weighted: p.weighted?.weighted ?? null,
        deprivation: p.deprivation,
        gpFte: dropGp.has(p.code) ? null : p.gpFte,
        arrsFte: p.arrsFte,
        payment: pay
          ? {
              fiscalYear: data.newestYear!,
              registered: pay.registered,
              weighted: pay.weighted,
              total: pay.total,
            }
          : null,
        entitlement: entitlementOf.get(p.code) ?? null,
        before: beforeOf.get(p.code) ?? null,
        after: afterOf.get(p.code) ?? null,
      };
    }),
  );

  const areaSeries = paymentSeries(years, (code) => (inArea(code) ? "area" : null))[0] ?? null;
  const byQuintile = quintileGroup(practices);
  const quintiles = paymentSeries(years, (code) => (inArea(code) ? byQuintile(code) : null));
  if (years.length > 0)
    caveats.push(
      "Payments history is in cash terms (not adjusted for inflation); practices that closed before the map are counted in their area's totals (area from the practice register) but in no quintile.",
    );
  return {
    synthetic: data.picture.synthetic,
    date: data.picture.date,
    areaLabel: label,
    footprint: data.footprint,
    paymentsYear: data.newestYear,
    contractYear: year.year,
    audit,
    allocation: {
      fundPence,
      notional: fundGiven === null,
      method: choice.method,
      weights: choice.weights,
      floor: request.floor ?? null,
      cap: request.cap ?? null,
    },
    history: { area: areaSeries, quintiles },
    outliers: { excluded: exclude, payments: payOut, workforce: workOut },
    sources: { ...data.picture.sources, pcnStaff: data.sources.pcnStaff },
    caveats: [...caveats, ...entitlements.caveats.filter((c) => /not computed/.test(c))],
  };
}

/** How a payments history groups practices into series. */
export const HISTORY_GROUPINGS = ["area", "icb", "sub-icb", "quintile", "practice"] as const;
export type HistoryGrouping = (typeof HISTORY_GROUPINGS)[number];

/** Reads a grouping as typed (`--by`): FundingRequestError naming the choices otherwise. */
export function historyGrouping(text: string): HistoryGrouping {
  const by = HISTORY_GROUPINGS.find((g) => g === text);
  if (!by) throw new FundingRequestError(`--by must be ${HISTORY_GROUPINGS.join(", ")}; found '${text}'`);
  return by;
}

export interface HistoryRequest extends AreaScope {
  synthetic: boolean;
  date?: string;
  /** Series per area (default, or per practice when practices are named), ICB, sub-ICB, quintile or practice. */
  by?: HistoryGrouping;
  practices?: string[];
  /** Leave payments outliers out of the series (they are flagged either way). */
  excludeOutliers?: boolean;
}

export interface HistoryReport {
  synthetic: boolean;
  areaLabel: string;
  /** The ICB footprint of the map whose practices are grouped (an ICB or place by its map). */
  footprint: string | null;
  by: string;
  years: string[];
  series: HistorySeries[];
  outliers: OutlierReport;
  caveats: string[];
}

export async function historyReport(store: Store, request: HistoryRequest): Promise<HistoryReport> {
  const by = historyGrouping(
    request.by ?? (request.practices && request.practices.length > 0 ? "practice" : "area"),
  );
  const data = await loadFundingData(store, {
    synthetic: request.synthetic,
    date: request.date,
    allPaymentYears: true,
  });
  const { practices, label, area } = practicesInArea(data, request);
  const inArea = await areaMembership(store, data, request, area?.code ?? null);
  const register =
    by === "icb" || by === "sub-icb" ? await loadRegisterAreas(store.db, data.picture.synthetic) : null;
  const map = new Map(data.practices.map((p) => [p.code, p]));
  const wanted = new Set((request.practices ?? []).map((c) => c.toUpperCase()));
  const allYears = paymentYears(data);
  const payOut = paymentOutliers(allYears).filter((o) =>
    wanted.size > 0 ? wanted.has(o.practiceCode) : inArea(o.practiceCode),
  );
  const exclude = request.excludeOutliers ?? false;
  const years = exclude ? withoutPaymentOutliers(allYears, payOut) : allYears;
  const names = new Map(data.practices.map((p) => [p.code, p.name]));
  if (wanted.size > 0) {
    const known = new Set(years.flatMap((y) => y.records.map((r) => r.practiceCode)));
    const unknown = [...wanted].filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw new FundingRequestError(`--practice ${unknown.join(", ")}: not in any loaded payments year`);
  }
  const byQuintile = quintileGroup(practices);
  const group = (code: string): string | null => {
    if (wanted.size > 0 && !wanted.has(code)) return null;
    if (wanted.size === 0 && !inArea(code)) return null;
    if (by === "area") return label;
    if (by === "practice") return code;
    if (by === "quintile") return byQuintile(code);
    const p = map.get(code);
    const r = register?.get(code);
    return (by === "icb" ? (p?.icb.code ?? r?.icb) : (p?.subIcb.code ?? r?.subIcb)) ?? "not in the register";
  };
  return {
    synthetic: data.picture.synthetic,
    areaLabel: label,
    footprint: data.footprint,
    by,
    years: years.map((y) => y.fiscalYear).sort(),
    series: paymentSeries(years, group),
    outliers: { excluded: exclude, payments: payOut, workforce: [] },
    caveats: [
      "Cash terms (not adjusted for inflation): Total NHS Payments to General Practice ÷ the year's registered and weighted lists (last known figures).",
      ...outlierCaveats(payOut, [], exclude, (c) => names.get(c) ?? null),
    ],
  };
}
