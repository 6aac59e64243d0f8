// Entitlements of practices and PCNs in one contract year, for any configuration of practices into networks
// (today's map, a designed map, a closure or merger scenario). Rates come from src/config/funding.ts and
// src/config/arrs.ts; populations are the practices' registered lists and weighted populations
// (weighted-population.ts). Every entitlement is linear in population, so a network's entitlement is the sum
// of what its member practices bring, and a practice that changes network takes exactly its contribution
// with it. Practices outside any PCN get the Global Sum only: the Network Participation Payment and network
// entitlements need membership of a PCN under the Network Contract DES.
//
//   Global Sum        = rate × weighted population, less the out-of-hours opt-out deduction (4.75%);
//   NPP               = rate × weighted population (practices in a PCN);
//   network items     = rate × (registered list | weighted | adjusted population) × months ÷ 12;
//   adjusted population = weighted × (national registered ÷ national weighted), the weighted list rescaled to
//                       the registered total [the DES definition is not in the sources read];
//   ARRS              = arrsEntitlement(network weighted population, year) (config/arrs.ts).
//   care home premium = rate × months ÷ 12 × the care home beds the practice carries (care-home-beds.ts),
//                       computed only when the options say where the beds came from.
import { arrsEntitlement, arrsYear, UnknownContractYearError } from "../../config/arrs.ts";
import { arrsEntitlements } from "./arrs-entitlement.ts";
import type { FundingItemId, FundingRate, FundingYear } from "../../config/funding.ts";
import type { WeightedBasis } from "../../model/funding.ts";

export interface EntitlementPractice {
  code: string;
  name: string;
  networkCode: string | null;
  networkName: string | null;
  listSize: number;
  weighted: number;
  basis: WeightedBasis;
  /** Care home beds the practice carries into its network (0: none; null or absent: unknown, not computed). */
  careHomeBeds?: number | null;
}

export type EntitlementItem = FundingItemId | "ooh-deduction" | "arrs";

export interface PracticeEntitlement extends EntitlementPractice {
  /** £ by item: practice items and the practice's contribution to its network's items. */
  items: Partial<Record<EntitlementItem, number>>;
  /** Paid to the practice (Global Sum net of the deduction, NPP). */
  practiceTotal: number;
  /** Its contribution to network entitlements, ARRS included. */
  networkTotal: number;
  total: number;
}

export interface NetworkEntitlement {
  code: string;
  name: string;
  practices: string[];
  registered: number;
  weighted: number;
  adjusted: number;
  items: Partial<Record<EntitlementItem, number>>;
  arrs: number | null;
  total: number;
}

export interface RateLine {
  item: EntitlementItem;
  label: string;
  level: "practice" | "network";
  basis: string;
  annualRate: number | null;
  months: number;
  computed: boolean;
  source: string;
  unverified: boolean;
  note?: string;
}

export interface Entitlements {
  year: string;
  practices: PracticeEntitlement[];
  networks: NetworkEntitlement[];
  totals: { practice: number; network: number; arrs: number | null; all: number };
  rates: RateLine[];
  caveats: string[];
}

export interface EntitlementOptions {
  /** National registered ÷ national weighted (the adjusted-population factor). */
  adjustmentFactor: number;
  /** Where the practices' care home beds come from; absent or null: beds unknown, premium not computed. */
  careHomeBeds?: string | null;
}

const share = (r: FundingRate) => r.months / 12;

function rateLine(r: FundingRate, computed: boolean): RateLine {
  return {
    item: r.item,
    label: r.label,
    level: r.level,
    basis: r.basis,
    annualRate: r.annualRate,
    months: r.months,
    computed,
    source: r.source,
    unverified: r.unverified ?? false,
    ...(r.note ? { note: r.note } : {}),
  };
}

/** ARRS £ per weighted patient of a year, or null (with the reason) when arrs.ts has no such year. */
function arrsRate(year: string): { rate: number | null; reason?: string; unverified?: boolean } {
  try {
    return { rate: arrsEntitlement(1, year), unverified: arrsYear(year).unverified ?? false };
  } catch (error) {
    if (error instanceof UnknownContractYearError) return { rate: null, reason: error.message };
    throw error;
  }
}

/** Entitlements of each practice and network of a configuration in one contract year. */
export function computeEntitlements(
  practices: readonly EntitlementPractice[],
  year: FundingYear,
  options: EntitlementOptions,
): Entitlements {
  const caveats: string[] = [...year.notes];
  const rates: RateLine[] = [rateLine(year.globalSum, true)];
  rates.push({
    item: "ooh-deduction",
    label: "Out-of-hours opt-out deduction",
    level: "practice",
    basis: "share of the Global Sum",
    annualRate: -year.outOfHoursDeduction.share,
    months: 12,
    computed: true,
    source: year.outOfHoursDeduction.source,
    unverified: year.outOfHoursDeduction.unverified ?? false,
  });
  const bedsKnown = Boolean(options.careHomeBeds);
  for (const r of year.items) rates.push(rateLine(r, r.basis !== "beds" || bedsKnown));
  if (year.items.some((r) => r.basis === "beds"))
    caveats.push(
      bedsKnown
        ? `Care home premium: ${options.careHomeBeds}`
        : "Care home premium is not computed: it is paid per care home bed, and no bed counts are known.",
    );
  const arrs = arrsRate(year.year);
  if (arrs.rate === null) caveats.push(`ARRS is not computed: ${arrs.reason}`);
  rates.push({
    item: "arrs",
    label: "ARRS (Additional Roles Reimbursement Sum)",
    level: "network",
    basis: "weighted",
    annualRate: arrs.rate,
    months: 12,
    computed: arrs.rate !== null,
    source: "src/config/arrs.ts (arrsEntitlement)",
    unverified: arrs.unverified ?? false,
  });

  const gsRate = year.globalSum.annualRate;
  const out: PracticeEntitlement[] = practices.map((p) => {
    const items: PracticeEntitlement["items"] = {};
    const adjusted = p.weighted * options.adjustmentFactor;
    items["global-sum"] = gsRate * p.weighted;
    items["ooh-deduction"] = -year.outOfHoursDeduction.share * items["global-sum"];
    let practiceTotal = items["global-sum"] + items["ooh-deduction"];
    let networkTotal = 0;
    if (p.networkCode !== null) {
      for (const r of year.items) {
        if (r.basis === "beds" && (!bedsKnown || p.careHomeBeds == null)) continue;
        const base =
          r.basis === "registered"
            ? p.listSize
            : r.basis === "weighted"
              ? p.weighted
              : r.basis === "beds"
                ? p.careHomeBeds!
                : adjusted;
        const amount = r.annualRate * share(r) * base;
        items[r.item] = (items[r.item] ?? 0) + amount;
        if (r.level === "practice") practiceTotal += amount;
        else networkTotal += amount;
      }
      if (arrs.rate !== null) {
        items.arrs = arrs.rate * p.weighted;
        networkTotal += items.arrs;
      }
    }
    return { ...p, items, practiceTotal, networkTotal, total: practiceTotal + networkTotal };
  });

  const networks = new Map<string, NetworkEntitlement>();
  for (const p of out) {
    if (p.networkCode === null) continue;
    let n = networks.get(p.networkCode);
    if (!n) {
      n = {
        code: p.networkCode,
        name: p.networkName ?? p.networkCode,
        practices: [],
        registered: 0,
        weighted: 0,
        adjusted: 0,
        items: {},
        arrs: arrs.rate === null ? null : 0,
        total: 0,
      };
      networks.set(p.networkCode, n);
    }
    n.practices.push(p.code);
    n.registered += p.listSize;
    n.weighted += p.weighted;
    n.adjusted += p.weighted * options.adjustmentFactor;
    for (const r of year.items) {
      if (r.level !== "network" || (r.basis === "beds" && !bedsKnown)) continue;
      n.items[r.item] = (n.items[r.item] ?? 0) + (p.items[r.item] ?? 0);
    }
    n.total += p.networkTotal;
  }
  // ARRS by network and in all: the one computation `workforce arrs` makes too (arrs-entitlement.ts).
  const arrsBy = arrs.rate === null ? null : arrsEntitlements(out, year.year);
  for (const n of networks.values()) if (arrsBy) n.arrs = arrsBy.networks.get(n.code)?.entitlement ?? 0;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const practiceTotal = sum(out.map((p) => p.practiceTotal));
  const networkTotal = sum(out.map((p) => p.networkTotal));
  return {
    year: year.year,
    practices: out,
    networks: [...networks.values()].sort((a, b) => a.code.localeCompare(b.code)),
    totals: {
      practice: practiceTotal,
      network: networkTotal,
      arrs: arrsBy === null ? null : (arrsBy.total.entitlement ?? 0),
      all: practiceTotal + networkTotal,
    },
    rates,
    caveats,
  };
}

export interface EntitlementChange {
  code: string;
  name: string;
  /** Network (practices) or member count (networks) before and after. */
  before: string | null;
  after: string | null;
  totalBefore: number;
  totalAfter: number;
  change: number;
}

function changes<T extends { code: string; name: string; total: number }>(
  base: readonly T[],
  other: readonly T[],
  describe: (t: T) => string | null,
): EntitlementChange[] {
  const a = new Map(base.map((t) => [t.code, t]));
  const b = new Map(other.map((t) => [t.code, t]));
  const codes = [...new Set([...a.keys(), ...b.keys()])].sort();
  return codes.map((code) => {
    const x = a.get(code);
    const y = b.get(code);
    return {
      code,
      name: (y ?? x)!.name,
      before: x ? describe(x) : null,
      after: y ? describe(y) : null,
      totalBefore: x?.total ?? 0,
      totalAfter: y?.total ?? 0,
      change: (y?.total ?? 0) - (x?.total ?? 0),
    };
  });
}

/** Per practice and per network: today's entitlement, the configuration's, and the difference. */
export function compareEntitlements(today: Entitlements, other: Entitlements) {
  return {
    practices: changes(today.practices, other.practices, (p) => p.networkCode ?? "outside any PCN"),
    networks: changes(today.networks, other.networks, (n) => `${n.practices.length} practices`),
    totalChange: other.totals.all - today.totals.all,
  };
}
