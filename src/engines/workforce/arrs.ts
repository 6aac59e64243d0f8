// Additional Roles Reimbursement Scheme by PCN for one PCN workforce census: staff FTE by ARRS role, the
// PCN's entitlement (weighted population × the contract year's rate, src/config/arrs.ts), the cost of its
// role mix at the role maxima and its headroom (entitlement − cost). Staff in a role with no configured
// maximum are counted but not costed, and the headroom of their PCN (and of the total) is then not computed
// rather than shown as money. Every figure taken from configuration marked unverified is listed.
import {
  ARRS_YEARS,
  arrsRoleForStaff,
  arrsYear,
  UnknownContractYearError,
  type ArrsRoleCap,
  type ArrsYear,
} from "../../config/arrs.ts";
import type { OrgRef } from "../../model/organisation.ts";
import type { DatasetRef } from "../../model/picture.ts";
import { arrsEntitlements } from "../funding/arrs-entitlement.ts";
import type { PcnCensus, WeightedLists } from "../../model/workforce.ts";
import { WorkforceRequestError } from "./errors.ts";

export interface ArrsRequest {
  /** Contract year of the figures, e.g. `2024-25` (default: the census's, when configured). */
  year?: string;
  icb?: string;
  pcn?: string;
}

/**
 * The weighted populations the entitlement is computed on, when given (`arrsUseCase` passes those of
 * `funding entitlements` for the same date, so both commands give one ARRS figure for an area and date).
 */
export interface ArrsPopulation {
  /** Where the populations come from, in words (printed as a caveat). */
  description: string;
  map: DatasetRef;
  /** Every practice of the map in a PCN, with its weighted population (null when unknown). */
  practices: {
    code: string;
    pcnCode: string;
    pcnName: string;
    icbCode: string;
    subIcbCode: string;
    weighted: number | null;
  }[];
}

export interface ArrsRoleLine {
  role: string;
  fte: number;
  records: number;
  /** Share of the cost the scheme reimburses (0.5 for mental health practitioners until 2023/24). */
  reimbursedShare: number;
  /** The maximum is that of a band above the role's: its cost is an upper bound. */
  costIsUpperBound: boolean;
  /** £ per FTE per year (national, without London weighting); null when no year up to this one has it. */
  maxReimbursement: number | null;
  /** The earlier contract year the maximum comes from, when the year itself has none (a lower bound). */
  maxFromYear: string | null;
  cost: number | null;
  capPerPcn: string | null;
  unverified: boolean;
}

export interface ArrsFigures {
  practices: number;
  /** Σ weighted lists of the member practices (null when none has one). */
  weightedPopulation: number | null;
  /** Member practices without a weighted list in the payments year used. */
  practicesWithoutWeighted: number;
  entitlement: number | null;
  arrsFte: number;
  costedFte: number;
  uncostedFte: number;
  cost: number;
  /** Entitlement − cost; null when not computed (no entitlement, or some FTE has no maximum). */
  headroom: number | null;
  /** Why the headroom is not computed, or null. */
  headroomNotComputed: string | null;
  /**
   * `upper` when some cost is understated (an earlier year's maximum), `lower` when some is overstated (a
   * band above the role's), `approximate` when both, else `exact`.
   */
  headroomBound: "exact" | "upper" | "lower" | "approximate";
  /** FTE of staff in roles that are not ARRS roles (directors, managers, admin, other). */
  otherFte: number;
}

export interface PcnArrs extends ArrsFigures {
  pcn: OrgRef;
  icbCode: string | null;
  subIcbCode: string | null;
  /** The PCN is not in the map used for membership: no weighted population or entitlement. */
  inMap: boolean;
  /** Member practices outside the ICB asked for (--icb): their weighted population is their ICB's. */
  practicesOutsideArea: number;
  roles: ArrsRoleLine[];
}

export interface ArrsResult {
  synthetic: boolean;
  census: DatasetRef;
  /** The contract year the census falls in. */
  censusYear: string;
  year: ArrsYear;
  /** `census`: the census's own year; `requested`: --year; `fallback`: the census's year is not configured. */
  yearBasis: "census" | "requested" | "fallback";
  map: DatasetRef | null;
  weighted: { dataset: DatasetRef; fiscalYear: number } | null;
  scope: { icb: string | null; pcn: OrgRef | null };
  pcns: PcnArrs[];
  total: ArrsFigures;
  roles: ArrsRoleLine[];
  /** Staff not in ARRS roles, by the file's role; `later` when the role is ARRS only in other years. */
  otherRoles: { staffRole: string; fte: number; arrsInOtherYears: boolean }[];
  /** The weighted populations used, in words. */
  population: string;
  /** Each figure used that the configuration marks unverified. */
  unverified: string[];
  caveats: string[];
}

/** `2022-23` for a date from April 2022 to March 2023. */
export function contractYearOf(isoDate: string): string {
  const [y, m] = isoDate.split("-").map(Number) as [number, number];
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

function chooseYear(
  censusYear: string,
  requested: string | undefined,
  censusRoles: ReadonlySet<string>,
): { year: ArrsYear; basis: ArrsResult["yearBasis"] } {
  if (requested !== undefined) {
    try {
      return { year: arrsYear(requested.trim()), basis: "requested" };
    } catch (error) {
      if (error instanceof UnknownContractYearError)
        throw new WorkforceRequestError(`--year: ${error.message}`);
      throw error;
    }
  }
  const own = ARRS_YEARS.find((y) => y.year === censusYear);
  if (own) return { year: own, basis: "census" };
  // The configured year that prices the most of the census's roles (its own maxima or earlier years');
  // ties go to the year nearest the census.
  const start = Number(censusYear.slice(0, 4));
  const costed = (y: ArrsYear) =>
    [...censusRoles].filter(
      (role) => y.roles.some((r) => r.role === role) && roleMaximum(role, y).cap?.maxReimbursement != null,
    ).length;
  const best = [...ARRS_YEARS].sort(
    (a, b) =>
      costed(b) - costed(a) ||
      Math.abs(Number(a.year.slice(0, 4)) - start) - Math.abs(Number(b.year.slice(0, 4)) - start),
  )[0]!;
  return { year: best, basis: "fallback" };
}

/** The payments year whose weighted lists stand for the rule's date: the newest on or before it, else the oldest. */
function weightedFor(all: readonly WeightedLists[], date: string): WeightedLists | null {
  const sorted = [...all].sort((a, b) => a.dataset.referenceDate.localeCompare(b.dataset.referenceDate));
  return sorted.filter((w) => w.dataset.referenceDate <= date).at(-1) ?? sorted[0] ?? null;
}

class Tally {
  readonly roles = new Map<string, { fte: number; records: number }>();
  otherFte = 0;
  add(role: string | null, fte: number) {
    if (role === null) {
      this.otherFte += fte;
      return;
    }
    const t = this.roles.get(role) ?? { fte: 0, records: 0 };
    t.fte += fte;
    t.records++;
    this.roles.set(role, t);
  }
}

/**
 * The maximum of a role in a year, else in the newest earlier year that has one: maxima rise every year, so
 * an earlier year's maximum understates the cost (and overstates the headroom).
 */
export function roleMaximum(
  role: string,
  year: ArrsYear,
): { cap: ArrsRoleCap | null; from: ArrsYear | null } {
  const own = year.roles.find((r) => r.role === role) ?? null;
  if (own?.maxReimbursement != null) return { cap: own, from: year };
  const earlier = ARRS_YEARS.filter((y) => y.year < year.year).reverse();
  for (const y of earlier) {
    const cap = y.roles.find((r) => r.role === role);
    if (cap?.maxReimbursement != null) return { cap, from: y };
  }
  return { cap: own, from: null };
}

function roleLines(tally: Tally, year: ArrsYear): ArrsRoleLine[] {
  return [...tally.roles.entries()]
    .map(([role, t]) => {
      const { cap, from } = roleMaximum(role, year);
      const max = from ? (cap?.maxReimbursement ?? null) : null;
      const own = year.roles.find((r) => r.role === role);
      const share = (from ? cap?.reimbursedShare : own?.reimbursedShare) ?? 1;
      return {
        role,
        fte: t.fte,
        records: t.records,
        reimbursedShare: share,
        costIsUpperBound: (from ? cap?.costIsUpperBound : false) ?? false,
        maxReimbursement: max,
        maxFromYear: from && from !== year ? from.year : null,
        cost: max === null ? null : t.fte * max * share,
        capPerPcn: own?.capPerPcn ?? cap?.capPerPcn ?? null,
        unverified: (from ? cap?.unverified : own?.unverified) ?? false,
      };
    })
    .sort((a, b) => b.fte - a.fte || a.role.localeCompare(b.role));
}

function figures(
  lines: readonly ArrsRoleLine[],
  otherFte: number,
  practices: number,
  weightedPopulation: number | null,
  practicesWithoutWeighted: number,
  entitlement: number | null,
  year: ArrsYear,
): ArrsFigures {
  const arrsFte = lines.reduce((a, l) => a + l.fte, 0);
  const costedFte = lines.filter((l) => l.cost !== null).reduce((a, l) => a + l.fte, 0);
  const cost = lines.reduce((a, l) => a + (l.cost ?? 0), 0);
  const uncostedFte = arrsFte - costedFte;
  const uncosted = uncostedFte > 1e-9;
  const understated = lines.some((l) => l.maxFromYear !== null && l.fte > 0);
  const overstated = lines.some((l) => l.costIsUpperBound && l.cost !== null && l.fte > 0);
  const notComputed =
    entitlement === null
      ? "no weighted population"
      : uncosted
        ? `${uncostedFte.toFixed(2)} FTE in roles with no configured maximum for ${year.year}`
        : null;
  return {
    practices,
    weightedPopulation,
    practicesWithoutWeighted,
    entitlement,
    arrsFte,
    costedFte,
    uncostedFte,
    cost,
    headroom: notComputed === null ? entitlement! - cost : null,
    headroomNotComputed: notComputed,
    headroomBound:
      understated && overstated ? "approximate" : understated ? "upper" : overstated ? "lower" : "exact",
    otherFte,
  };
}

/** ARRS entitlement, cost of the role mix and headroom by PCN for one census. */
export function arrsByPcn(census: PcnCensus, request: ArrsRequest, population?: ArrsPopulation): ArrsResult {
  const censusYear = contractYearOf(census.date);
  const censusRoles = new Set<string>();
  for (const r of census.records) {
    const role = arrsRoleForStaff(r.staffRole, r.detailedRole);
    if (role !== null) censusRoles.add(role);
  }
  const { year, basis } = chooseYear(censusYear, request.year, censusRoles);
  const roleOf = (r: { staffRole: string; detailedRole?: string | null }) =>
    arrsRoleForStaff(r.staffRole, r.detailedRole, year.year);
  const icbQuery = request.icb?.trim().toUpperCase();
  if (icbQuery !== undefined) {
    const known = new Set(census.records.map((r) => r.icbCode ?? "").filter(Boolean));
    if (!known.has(icbQuery)) {
      throw new WorkforceRequestError(
        `--icb '${request.icb}' has no PCN staff in the ${census.dataset.period} census; expected an ICB code such as ` +
          `${[...known].sort().slice(0, 12).join(", ")}${known.size > 12 ? `, … (${known.size} ICBs)` : ""}`,
      );
    }
  }
  let records = census.records.filter(
    (r) => icbQuery === undefined || (r.icbCode ?? "").toUpperCase() === icbQuery,
  );
  let pcnRef: OrgRef | null = null;
  if (request.pcn !== undefined) {
    const code = request.pcn.trim().toUpperCase();
    const match = records.find((r) => r.pcnCode === code);
    if (!match) {
      const known = [...new Set(records.map((r) => r.pcnCode))].sort();
      throw new WorkforceRequestError(
        `--pcn '${request.pcn}' has no staff records in the ${census.dataset.period} census` +
          `${icbQuery ? ` of ${icbQuery}` : ""}; expected a PCN code such as ${known.slice(0, 8).join(", ")}` +
          `${known.length > 8 ? `, … (${known.length} PCNs)` : ""}`,
      );
    }
    pcnRef = { code, onsCode: null, name: match.pcnName ?? code };
    records = records.filter((r) => r.pcnCode === code);
  }
  const weighted = population ? null : weightedFor(census.weighted, year.weightedPopulationDate);
  // Every practice of the map in a PCN, with its weighted population (the population's when given, else
  // the payments year's of the census's map).
  const mapPractices = population
    ? population.practices
    : [...census.membership].map(([code, m]) => ({
        code,
        pcnCode: m.pcnCode,
        pcnName: m.pcnName,
        icbCode: m.icb.code,
        subIcbCode: m.subIcb.code,
        weighted: weighted?.byPractice.get(code) ?? null,
      }));
  // With --icb (and no --pcn), a PCN's entitlement is that of its practices in the ICB, as `funding
  // entitlements --icb` gives it: one computation for both (src/engines/funding/arrs-entitlement.ts).
  const areaOnly = icbQuery !== undefined && pcnRef === null;
  const inArea = (m: { icbCode: string }) => !areaOnly || m.icbCode.toUpperCase() === icbQuery;
  const entitlements = arrsEntitlements(
    mapPractices.filter(inArea).map((m) => ({ code: m.code, networkCode: m.pcnCode, weighted: m.weighted })),
    year.year,
  );
  const pcnInfo = new Map<string, { name: string; icbCode: string | null; subIcbCode: string | null }>();
  const outsideArea = new Map<string, number>();
  for (const m of mapPractices) {
    if (!pcnInfo.has(m.pcnCode))
      pcnInfo.set(m.pcnCode, { name: m.pcnName, icbCode: m.icbCode, subIcbCode: m.subIcbCode });
    if (!inArea(m)) outsideArea.set(m.pcnCode, (outsideArea.get(m.pcnCode) ?? 0) + 1);
  }

  const byPcn = new Map<string, { first: (typeof records)[number]; tally: Tally }>();
  const total = new Tally();
  const other = new Map<string, number>();
  for (const r of records) {
    const role = roleOf(r);
    let g = byPcn.get(r.pcnCode);
    if (!g) byPcn.set(r.pcnCode, (g = { first: r, tally: new Tally() }));
    g.tally.add(role, r.fte);
    total.add(role, r.fte);
    if (role === null) other.set(r.staffRole, (other.get(r.staffRole) ?? 0) + r.fte);
  }
  // PCNs of the area's map with no staff in the census still have an entitlement (all of it headroom), so
  // the area's entitlement is the same as `funding entitlements` gives for it.
  if (pcnRef === null) {
    for (const code of entitlements.networks.keys()) {
      if (byPcn.has(code)) continue;
      const info = pcnInfo.get(code)!;
      byPcn.set(code, {
        first: {
          pcnCode: code,
          pcnName: info.name,
          icbCode: info.icbCode,
          subIcbCode: info.subIcbCode,
          staffRole: "",
          detailedRole: null,
          fte: 0,
        } as (typeof records)[number],
        tally: new Tally(),
      });
    }
  }

  let totalWeighted: number | null = null;
  let totalPractices = 0;
  let totalMissing = 0;
  let rowsEntitlement: number | null = null;
  const pcns: PcnArrs[] = [...byPcn.entries()]
    .map(([code, { first, tally }]) => {
      const e = entitlements.networks.get(code);
      const practices = e?.practices.length ?? 0;
      const wp = e?.weighted ?? null;
      const missing = e?.practicesWithoutWeighted ?? 0;
      totalPractices += practices;
      totalMissing += missing;
      if (wp !== null) totalWeighted = (totalWeighted ?? 0) + wp;
      if (e?.entitlement != null) rowsEntitlement = (rowsEntitlement ?? 0) + e.entitlement;
      const lines = roleLines(tally, year);
      return {
        pcn: { code, onsCode: null, name: first.pcnName ?? code },
        icbCode: first.icbCode,
        subIcbCode: first.subIcbCode,
        inMap: pcnInfo.has(code),
        practicesOutsideArea: outsideArea.get(code) ?? 0,
        roles: lines,
        ...figures(lines, tally.otherFte, practices, wp, missing, e?.entitlement ?? null, year),
      };
    })
    .sort((a, b) => (a.icbCode ?? "").localeCompare(b.icbCode ?? "") || a.pcn.code.localeCompare(b.pcn.code));
  // Without --pcn every network of the area is a row: the total is the area's, as funding entitlements sums it.
  const totalEntitlement = pcnRef === null ? entitlements.total.entitlement : rowsEntitlement;
  const roles = roleLines(total, year);

  const unverified: string[] = [];
  if (year.unverified)
    unverified.push(
      `${year.year} year-level figures: ${year.sources.filter((s) => /unverified/i.test(s)).join("; ") || year.sources.join("; ")}`,
    );
  // Roles costed at one band's maximum share its source: one line for them all.
  const byBand = new Map<string, string[]>();
  for (const l of roles) {
    if (!l.unverified) continue;
    const { cap, from } = roleMaximum(l.role, year);
    const y = from?.year ?? year.year;
    if (cap?.bandSource) {
      const key = `${y}|${cap.bandSource}`;
      if (!byBand.has(key)) {
        byBand.set(key, []);
        unverified.push(key);
      }
      byBand.get(key)!.push(l.role);
    } else unverified.push(`${y} maximum for ${l.role}: ${cap?.source ?? ""}`);
  }
  for (let i = 0; i < unverified.length; i++) {
    const group = byBand.get(unverified[i]!);
    if (!group) continue;
    const [y, source] = unverified[i]!.split("|") as [string, string];
    unverified[i] = `${y} maximum${group.length > 1 ? "s" : ""} for ${group.join(", ")}: ${source}`;
  }

  const caveats: string[] = [];
  if (census.synthetic) caveats.push("SYNTHETIC demo data: an invented ICS, not real PCNs.");
  const populationText = population
    ? population.description
    : weighted
      ? `the Carr-Hill weighted lists of the ${weighted.dataset.period} NHS Payments file ` +
        `(the newest on or before ${year.weightedPopulationDate}${weighted.dataset.referenceDate > year.weightedPopulationDate ? "; none is that old, so the oldest is used" : ""}), summed over each PCN's practices in the ` +
        `${census.map?.period ?? "(no)"} map`
      : "none (no NHS Payments file is loaded)";
  if (basis === "fallback") {
    caveats.push(
      `The census (${census.dataset.period}) falls in contract year ${censusYear}, for which no ARRS figures are ` +
        `configured: entitlement and costs use ${year.year}'s figures (the configured year that prices most of ` +
        `the census's roles, nearest the census on a tie). Pass --year to choose another.`,
    );
  } else if (basis === "requested" && year.year !== censusYear) {
    caveats.push(
      `The ${census.dataset.period} census (contract year ${censusYear}) is costed at ${year.year} figures, as asked.`,
    );
  }
  caveats.push(
    `Entitlement = weighted population × £${year.ratePerWeightedPatient}` +
      (year.gpRatePerWeightedPatient !== null ? ` + £${year.gpRatePerWeightedPatient} GP ARRS` : "") +
      ` per weighted patient (${year.year}); the rule's weighted population is the one at ${year.weightedPopulationDate}.`,
    population || weighted
      ? `Weighted population: ${populationText}.`
      : "No NHS Payments file is loaded: no weighted population, so no entitlement or headroom.",
    "Cost = FTE × the role's maximum reimbursable amount × the share the scheme reimburses (national; London " +
      "weighting not applied). The census counts every PCN staff record, not only ARRS claims, and actual " +
      "salaries may be below or above the maxima.",
  );
  const upper = roles.filter((l) => l.costIsUpperBound && l.fte > 0);
  if (upper.length > 0)
    caveats.push(
      `${upper.length} role(s) are costed at the maximum of a band above their own (${upper.map((l) => l.role).join(", ")}): ` +
        "their cost is overstated, so headroom is a lower bound (marked ≥).",
    );
  const notArrsThisYear = [...other.keys()].filter((r) => arrsRoleForStaff(r) !== null);
  if (notArrsThisYear.length > 0)
    caveats.push(
      `Staff in roles that are ARRS roles only in other years are not ARRS staff in ${year.year}: ${notArrsThisYear.join(", ")}.`,
    );
  const earlier = roles.filter((l) => l.maxFromYear !== null);
  if (earlier.length > 0) {
    caveats.push(
      `${earlier.length} role(s) have no ${year.year} maximum configured and are costed at the newest earlier ` +
        `year's (${earlier.map((l) => `${l.role}: ${l.maxFromYear}`).join(", ")}): maxima rise each year, so ` +
        "their cost is understated and headroom is an upper bound.",
    );
  }
  const uncosted = roles.filter((l) => l.maxReimbursement === null);
  if (uncosted.length > 0) {
    caveats.push(
      `${uncosted.length} ARRS role(s) have no maximum configured for ${year.year} or earlier (${uncosted.map((l) => l.role).join(", ")}): ` +
        "their FTE is counted but not costed, and the headroom of their PCNs is not computed.",
    );
  }
  const split = pcns.filter((p) => p.practicesOutsideArea > 0);
  if (split.length > 0)
    caveats.push(
      `${split.length} PCN${split.length === 1 ? " has" : "s have"} practices outside ${icbQuery}: ` +
        split
          .map((p) => `${p.pcn.code} (${p.practicesOutsideArea} of ${p.practices + p.practicesOutsideArea})`)
          .join(", ") +
        `. The entitlement shown is that of the practices in ${icbQuery} (as funding entitlements --icb ${icbQuery} ` +
        "gives it); the others' is counted in their own ICB, while the PCN's staff are counted where the census puts them.",
    );
  const outside = pcns.filter((p) => !p.inMap).length;
  if (outside > 0) {
    caveats.push(
      `${outside} PCN(s) of the census are not in the ${census.map?.period ?? ""} map: no weighted population or entitlement.`,
    );
  }

  return {
    synthetic: census.synthetic,
    census: census.dataset,
    censusYear,
    year,
    yearBasis: basis,
    map: census.map,
    weighted: weighted ? { dataset: weighted.dataset, fiscalYear: weighted.fiscalYear } : null,
    scope: { icb: icbQuery ?? null, pcn: pcnRef },
    pcns,
    total: figures(
      roles,
      total.otherFte,
      totalPractices,
      totalWeighted,
      totalMissing,
      totalEntitlement,
      year,
    ),
    roles,
    otherRoles: [...other.entries()]
      .map(([staffRole, fte]) => ({ staffRole, fte, arrsInOtherYears: arrsRoleForStaff(staffRole) !== null }))
      .sort((a, b) => b.fte - a.fte),
    population: populationText,
    unverified,
    caveats,
  };
}
