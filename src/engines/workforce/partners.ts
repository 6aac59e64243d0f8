// GP partner change between two periods with partner detail (by default the first and the last), by ICB,
// place, PCN or practice, ranked with the fastest-losing first. Areas compare all their practices in each
// period, so a practice that closed or merged counts where its partners were; practices compare only
// themselves, and those present in one period only are counted apart rather than ranked as −100%.
import type { OrgRef } from "../../model/organisation.ts";
import type { DatasetRef } from "../../model/picture.ts";
import { fiscalYearLabel, type PracticeYear, type WorkforceHistory } from "../../model/workforce.ts";
import { areaAt, ENGLAND, practiceNames, resolveIcb, type WorkforceLevel } from "./areas.ts";
import { workforceCaveats } from "./caveats.ts";
import { WorkforceRequestError } from "./errors.ts";
import { change, type Change } from "./figures.ts";
import { choosePeriods, type WorkforcePeriod } from "./periods.ts";

export interface PartnerRequest {
  by: WorkforceLevel;
  icb?: string;
  /** Fiscal years (ending year) to compare; default the first and last with partner detail. */
  from?: number;
  to?: number;
  /** Rank by percentage change (default for areas) or by FTE change (default for practices). */
  rank?: "pct" | "fte";
  /** Only the first N ranked rows (default all). */
  top?: number;
}

export interface PartnerSide {
  practices: number;
  partnerFte: number;
  partnerHc: number;
  gpFte: number;
  /** Partner FTE ÷ GP FTE over practices reporting both. */
  partnerShare: number | null;
}

export interface PartnerChangeRow {
  rank: number;
  area: OrgRef;
  icb: OrgRef | null;
  from: PartnerSide;
  to: PartnerSide;
  fte: Change;
  hc: Change;
  /** Practices with partner figures in the first period only (closed or merged, or no return). */
  practicesGone: number;
  /** Practices with partner figures in the last period only (new, or no return earlier). */
  practicesNew: number;
}

export interface PartnerChanges {
  synthetic: boolean;
  map: DatasetRef;
  by: WorkforceLevel;
  from: WorkforcePeriod;
  to: WorkforcePeriod;
  rank: "pct" | "fte";
  scope: OrgRef;
  total: PartnerChangeRow;
  rows: PartnerChangeRow[];
  /** Rows before --top was applied. */
  ranked: number;
  caveats: string[];
}

class Side {
  practices = new Set<string>();
  partnerFte = 0;
  partnerHc = 0;
  gpFte = 0;
  shareNum = 0;
  shareDen = 0;
  add(r: PracticeYear) {
    this.practices.add(r.practiceCode);
    this.partnerFte += r.partnerFte ?? 0;
    this.partnerHc += r.partnerHc ?? 0;
    this.gpFte += r.gpFte ?? 0;
    if (r.partnerFte !== null && r.gpFte !== null) {
      this.shareNum += r.partnerFte;
      this.shareDen += r.gpFte;
    }
  }
  result(): PartnerSide {
    return {
      practices: this.practices.size,
      partnerFte: this.partnerFte,
      partnerHc: this.partnerHc,
      gpFte: this.gpFte,
      partnerShare: this.shareDen > 0 ? this.shareNum / this.shareDen : null,
    };
  }
}

function pickPeriod(
  periods: readonly WorkforcePeriod[],
  fy: number | undefined,
  which: string,
  fallback: WorkforcePeriod,
) {
  if (fy === undefined) return fallback;
  const found = periods.find((p) => p.fiscalYear === fy);
  if (!found) {
    throw new WorkforceRequestError(
      `--${which} ${fiscalYearLabel(fy)} has no partner figures; expected one of ${periods.map((p) => p.label).join(", ")}`,
    );
  }
  return found;
}

function rowOf(area: OrgRef, icb: OrgRef | null, a: Side, b: Side): PartnerChangeRow {
  let gone = 0;
  for (const p of a.practices) if (!b.practices.has(p)) gone++;
  let fresh = 0;
  for (const p of b.practices) if (!a.practices.has(p)) fresh++;
  const from = a.result();
  const to = b.result();
  return {
    rank: 0,
    area,
    icb,
    from,
    to,
    fte: change(from.partnerFte, to.partnerFte),
    hc: change(from.partnerHc, to.partnerHc),
    practicesGone: gone,
    practicesNew: fresh,
  };
}

/** Partner change by area between two periods with partner detail, fastest-losing first. */
export function partnerChanges(history: WorkforceHistory, request: PartnerRequest): PartnerChanges {
  if (request.top !== undefined && (!Number.isInteger(request.top) || request.top < 1)) {
    throw new WorkforceRequestError(`--top must be a whole number of at least 1; found '${request.top}'`);
  }
  const icb = resolveIcb(history, request.icb);
  const chosen = choosePeriods(history);
  const withPartners = chosen.periods.filter((p) => p.hasPartners);
  if (withPartners.length < 2) {
    throw new WorkforceRequestError(
      `partner change needs two periods with partner figures; the loaded workforce files have ` +
        `${withPartners.length === 0 ? "none" : `only ${withPartners[0]!.label}`} (load the HEEC FY2023–FY2025 partners file)`,
    );
  }
  const from = pickPeriod(withPartners, request.from, "from", withPartners[0]!);
  const to = pickPeriod(withPartners, request.to, "to", withPartners[withPartners.length - 1]!);
  if (from.fiscalYear >= to.fiscalYear) {
    throw new WorkforceRequestError(`--from (${from.label}) must be before --to (${to.label})`);
  }
  const names = practiceNames(history);
  const groups = new Map<string, { area: OrgRef; icb: OrgRef | null; a: Side; b: Side }>();
  const total = { a: new Side(), b: new Side() };
  /** Practices in scope with a row in each period, and those without partner figures (NA). */
  const coverage = { a: { rows: 0, missing: 0 }, b: { rows: 0, missing: 0 } };
  for (const r of chosen.rows) {
    if (r.fiscalYear !== from.fiscalYear && r.fiscalYear !== to.fiscalYear) continue;
    const assignment = history.areas.get(r.practiceCode);
    if (icb && assignment?.icb?.code !== icb.code) continue;
    const cov = coverage[r.fiscalYear === from.fiscalYear ? "a" : "b"];
    cov.rows++;
    if (r.partnerFte === null) {
      cov.missing++;
      continue;
    }
    const side = r.fiscalYear === from.fiscalYear ? "a" : "b";
    total[side].add(r);
    const area = areaAt(request.by, r.practiceCode, assignment, names);
    if (!area) continue;
    let g = groups.get(area.code);
    if (!g) {
      g = {
        area,
        icb: request.by === "icb" ? null : (assignment?.icb ?? null),
        a: new Side(),
        b: new Side(),
      };
      groups.set(area.code, g);
    }
    g[side].add(r);
  }
  const rank = request.rank ?? (request.by === "practice" ? "fte" : "pct");
  let rows = (icb && request.by === "icb" ? [] : [...groups.values()]).map((g) =>
    rowOf(g.area, g.icb, g.a, g.b),
  );
  // Practices are ranked only when present in both periods.
  if (request.by === "practice") rows = rows.filter((r) => r.practicesGone === 0 && r.practicesNew === 0);
  const key = (r: PartnerChangeRow) => (rank === "pct" ? r.fte.fraction : r.fte.absolute);
  rows.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
    return a - b || (x.fte.absolute ?? 0) - (y.fte.absolute ?? 0) || x.area.code.localeCompare(y.area.code);
  });
  rows.forEach((r, i) => (r.rank = i + 1));
  const ranked = rows.length;
  if (request.top !== undefined) rows = rows.slice(0, request.top);

  const scope = icb ?? ENGLAND;
  const totalRow = rowOf(scope, null, total.a, total.b);
  const inScope = icb
    ? chosen.rows.filter((r) => history.areas.get(r.practiceCode)?.icb?.code === icb.code)
    : chosen.rows;
  const caveats = workforceCaveats(history, chosen, inScope).filter((c) => !c.startsWith("Per 10,000"));
  const n = (v: number) => v.toLocaleString("en-GB");
  caveats.push(
    `Coverage: ${n(coverage.a.rows - coverage.a.missing)} of ${n(coverage.a.rows)} practices reporting in ` +
      `${from.label} have partner figures, ${n(coverage.b.rows - coverage.b.missing)} of ${n(coverage.b.rows)} in ` +
      `${to.label}; the rest (NA in the file) are left out of both sums. NHS England estimates about 1.1% of GP ` +
      "headcount and 2.2% of FTE are missing from the workforce returns (domain notes §C8).",
  );
  caveats.push(
    `Compared: ${from.label} with ${to.label} (fiscal-year means). ${totalRow.practicesGone.toLocaleString("en-GB")} ` +
      `practices in ${scope.name} have partner figures in ${from.label} but not ${to.label} (closed, merged or no ` +
      `return) and ${totalRow.practicesNew.toLocaleString("en-GB")} the reverse. ` +
      (request.by === "practice"
        ? "Practices present in only one of the two periods are not ranked; areas include them, so a merger within an area nets out."
        : "Areas include every practice reporting in each period, so partners of a practice that merged into another in the same area are not counted as lost."),
  );
  if (history.synthetic) caveats.unshift("SYNTHETIC demo data: an invented ICS, not real practices.");
  return {
    synthetic: history.synthetic,
    map: history.picture.sources.map,
    by: request.by,
    from,
    to,
    rank,
    scope,
    total: totalRow,
    rows,
    ranked,
    caveats,
  };
}
