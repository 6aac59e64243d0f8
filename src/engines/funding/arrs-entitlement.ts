// The ARRS entitlement of an area's networks, the one computation behind `funding entitlements` and
// `workforce arrs`: each network's weighted population (Σ of its practices in the area) × the contract
// year's rate (src/config/arrs.ts, arrsEntitlement), and the area's total (Σ of its networks). Practices
// outside any network earn none; a practice without a weighted population adds nothing and is counted.
import { arrsEntitlement, arrsYear } from "../../config/arrs.ts";

export interface ArrsEntitlementPractice {
  code: string;
  /** PCN (network) code; null outside any network. */
  networkCode: string | null;
  /** Weighted population in the configuration; null when unknown. */
  weighted: number | null;
}

export interface ArrsNetworkEntitlement {
  code: string;
  /** Member practices (in the area). */
  practices: string[];
  practicesWithoutWeighted: number;
  /** Σ weighted populations of the members that have one; null when none has. */
  weighted: number | null;
  /** weighted × the year's rate; null without a weighted population. */
  entitlement: number | null;
}

export interface ArrsEntitlements {
  year: string;
  /** By network code, in code order. */
  networks: Map<string, ArrsNetworkEntitlement>;
  total: {
    practices: number;
    practicesWithoutWeighted: number;
    weighted: number | null;
    entitlement: number | null;
  };
}

/**
 * The ARRS entitlement of each network of the practices and of them all, in a contract year. Throws
 * UnknownContractYearError (config/arrs.ts) for a year with no ARRS figures.
 * @example arrsEntitlements([{ code: "A", networkCode: "U1", weighted: 10_000 }], "2025-26").total.entitlement
 *   // → arrsEntitlement(10_000, "2025-26"): 10,000 weighted patients × the 2025-26 rate
 */
export function arrsEntitlements(
  practices: readonly ArrsEntitlementPractice[],
  year: string,
): ArrsEntitlements {
  arrsYear(year); // an unknown year is refused even where no network has a weighted population
  const byCode = new Map<string, ArrsNetworkEntitlement>();
  for (const p of practices) {
    if (p.networkCode === null) continue;
    let n = byCode.get(p.networkCode);
    if (!n) {
      n = {
        code: p.networkCode,
        practices: [],
        practicesWithoutWeighted: 0,
        weighted: null,
        entitlement: null,
      };
      byCode.set(p.networkCode, n);
    }
    n.practices.push(p.code);
    if (p.weighted === null) n.practicesWithoutWeighted++;
    else n.weighted = (n.weighted ?? 0) + p.weighted;
  }
  const networks = new Map([...byCode].sort((a, b) => a[0].localeCompare(b[0])));
  const total: ArrsEntitlements["total"] = {
    practices: 0,
    practicesWithoutWeighted: 0,
    weighted: null,
    entitlement: null,
  };
  for (const n of networks.values()) {
    if (n.weighted !== null) n.entitlement = arrsEntitlement(n.weighted, year);
    total.practices += n.practices.length;
    total.practicesWithoutWeighted += n.practicesWithoutWeighted;
    if (n.weighted !== null) total.weighted = (total.weighted ?? 0) + n.weighted;
    if (n.entitlement !== null) total.entitlement = (total.entitlement ?? 0) + n.entitlement;
  }
  return { year, networks, total };
}
