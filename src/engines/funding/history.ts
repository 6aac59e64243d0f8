// Historical NHS payments series (FY2014-15 … the newest year loaded) for a practice or any grouping of
// practices (an ICB, a place, an IMD quintile, England), with trends. Amounts are cash (not adjusted for
// inflation). A group's figure in a year sums the practices paid that year, so closures and mergers change
// its membership: per-patient figures are comparable across years, totals less so.
import type { PaymentYear } from "../../model/funding.ts";

export interface HistoryPoint {
  fiscalYear: string;
  practices: number;
  registered: number;
  weighted: number;
  /** Total NHS Payments to General Practice, £. */
  total: number;
  perRegistered: number | null;
  perWeighted: number | null;
}

export interface Trend {
  from: string;
  to: string;
  /** Compound annual growth of payments per registered patient. */
  annualGrowth: number | null;
  /** Least-squares slope of payments per registered patient, £ per year. */
  slopePerYear: number | null;
  /** Change in payments per registered patient from the first to the last year. */
  change: number | null;
}

export interface HistorySeries {
  group: string;
  points: HistoryPoint[];
  trend: Trend | null;
}

/** Series by group; `groupOf` returns null to leave a practice out of every group. */
export function paymentSeries(
  years: readonly PaymentYear[],
  groupOf: (practiceCode: string) => string | null,
): HistorySeries[] {
  const byGroup = new Map<string, Map<string, HistoryPoint>>();
  const ordered = [...years].sort((a, b) => a.fiscalYear.localeCompare(b.fiscalYear));
  for (const y of ordered) {
    for (const r of y.records) {
      const g = groupOf(r.practiceCode);
      if (g === null) continue;
      let points = byGroup.get(g);
      if (!points) byGroup.set(g, (points = new Map()));
      let p = points.get(y.fiscalYear);
      if (!p) {
        p = {
          fiscalYear: y.fiscalYear,
          practices: 0,
          registered: 0,
          weighted: 0,
          total: 0,
          perRegistered: null,
          perWeighted: null,
        };
        points.set(y.fiscalYear, p);
      }
      p.practices++;
      // A practice counts in per-patient figures only with both its total and the denominator.
      if (r.total !== null && r.registered !== null && r.registered > 0) {
        p.registered += r.registered;
        p.weighted += r.weighted ?? 0;
        p.total += r.total;
      }
    }
  }
  return [...byGroup]
    .map(([group, points]) => {
      const list = [...points.values()];
      for (const p of list) {
        p.perRegistered = p.registered > 0 ? p.total / p.registered : null;
        p.perWeighted = p.weighted > 0 ? p.total / p.weighted : null;
      }
      return { group, points: list, trend: trendOf(list) };
    })
    .sort((a, b) => a.group.localeCompare(b.group));
}

const startYear = (fy: string) => Number(fy.slice(0, 4));

/** Growth and slope of payments per registered patient across the points. */
export function trendOf(points: readonly HistoryPoint[]): Trend | null {
  const usable = points.filter((p) => p.perRegistered !== null);
  if (usable.length < 2) return null;
  const first = usable[0]!;
  const last = usable[usable.length - 1]!;
  const span = startYear(last.fiscalYear) - startYear(first.fiscalYear);
  const xs = usable.map((p) => startYear(p.fiscalYear));
  const ys = usable.map((p) => p.perRegistered!);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  return {
    from: first.fiscalYear,
    to: last.fiscalYear,
    annualGrowth:
      span > 0 && first.perRegistered! > 0
        ? (last.perRegistered! / first.perRegistered!) ** (1 / span) - 1
        : null,
    slopePerYear: sxx > 0 ? sxy / sxx : null,
    change: last.perRegistered! - first.perRegistered!,
  };
}
