// Workforce trends: for every period, the figures of England (or one ICB) and of each ICB, place, PCN or
// practice within it, with the change from the previous period and from the first to the last period in
// which each figure is known. Pure: reads a WorkforceHistory.
import type { OrgRef } from "../../model/organisation.ts";
import type { DatasetRef } from "../../model/picture.ts";
import type { WorkforceHistory } from "../../model/workforce.ts";
import { areaAt, ENGLAND, practiceNames, resolveIcb, type WorkforceLevel } from "./areas.ts";
import { placementOf, workforceCaveats, type Placement } from "./caveats.ts";
import { change, FiguresAccumulator, type Change, type PeriodFigures } from "./figures.ts";
import { choosePeriods, type WorkforcePeriod } from "./periods.ts";

export interface TrendRequest {
  by: WorkforceLevel;
  /** Only this ICB (ODS or ONS code, or part of its name). */
  icb?: string;
}

export interface SeriesPoint {
  fiscalYear: number;
  label: string;
  figures: PeriodFigures;
  /** Change from the area's previous period (null for its first). */
  fromPrevious: { gpFte: Change; partnerFte: Change; gpFtePer10k: Change } | null;
}

/** A change between the first and last periods in which the figure is known. */
export interface SeriesChange extends Change {
  fromYear: string | null;
  toYear: string | null;
}

/** The figures whose first-to-last change is reported. */
export const CHANGE_METRICS = {
  gpFte: (f: PeriodFigures) => f.staff.gpFte,
  gpHc: (f: PeriodFigures) => f.staff.gpHc,
  partnerFte: (f: PeriodFigures) => f.staff.partnerFte,
  partnerHc: (f: PeriodFigures) => f.staff.partnerHc,
  partnerShareFte: (f: PeriodFigures) => f.partnerShareFte,
  gpFtePer10k: (f: PeriodFigures) => f.per10k.gpFte,
  nursesFte: (f: PeriodFigures) => f.staff.nursesFte,
  dpcFte: (f: PeriodFigures) => f.staff.dpcFte,
  adminFte: (f: PeriodFigures) => f.staff.adminFte,
  patients: (f: PeriodFigures) => (f.patients > 0 ? f.patients : null),
} as const;
export type ChangeMetric = keyof typeof CHANGE_METRICS;

export interface AreaSeries {
  level: WorkforceLevel | "england";
  area: OrgRef;
  /** The ICB the area is in (null for England and ICBs). */
  icb: OrgRef | null;
  points: SeriesPoint[];
  changes: Record<ChangeMetric, SeriesChange>;
}

export interface WorkforceTrends {
  synthetic: boolean;
  map: DatasetRef;
  by: WorkforceLevel;
  periods: WorkforcePeriod[];
  /** England, or the ICB asked for. */
  scope: OrgRef;
  total: AreaSeries;
  areas: AreaSeries[];
  /** Practices (and GP FTE) in scope that cannot be placed at the level asked for, by period. */
  unplaced: { fiscalYear: number; practices: number; gpFte: number }[];
  placement: Placement;
  caveats: string[];
}

function seriesOf(
  level: AreaSeries["level"],
  area: OrgRef,
  icb: OrgRef | null,
  byYear: Map<number, FiguresAccumulator>,
  periods: readonly WorkforcePeriod[],
): AreaSeries {
  const points: SeriesPoint[] = [];
  for (const p of periods) {
    const acc = byYear.get(p.fiscalYear);
    if (!acc) continue;
    const figures = acc.result();
    const prev = points[points.length - 1];
    points.push({
      fiscalYear: p.fiscalYear,
      label: p.label,
      figures,
      fromPrevious: prev
        ? {
            gpFte: change(prev.figures.staff.gpFte, figures.staff.gpFte),
            partnerFte: change(prev.figures.staff.partnerFte, figures.staff.partnerFte),
            gpFtePer10k: change(prev.figures.per10k.gpFte, figures.per10k.gpFte),
          }
        : null,
    });
  }
  const changes = Object.fromEntries(
    Object.entries(CHANGE_METRICS).map(([name, pick]) => {
      const known = points.filter((pt) => pick(pt.figures) !== null);
      const a = known[0];
      const b = known[known.length - 1];
      return [
        name,
        {
          ...change(a ? pick(a.figures) : null, b && b !== a ? pick(b.figures) : null),
          fromYear: a?.label ?? null,
          toYear: b && b !== a ? b.label : null,
        },
      ];
    }),
  ) as Record<ChangeMetric, SeriesChange>;
  return { level, area, icb, points, changes };
}

/** Workforce trends by ICB, place, PCN or practice, for England or one ICB. */
export function workforceTrends(history: WorkforceHistory, request: TrendRequest): WorkforceTrends {
  const icb = resolveIcb(history, request.icb);
  const chosen = choosePeriods(history);
  const names = practiceNames(history);
  const total = new Map<number, FiguresAccumulator>();
  const groups = new Map<
    string,
    { area: OrgRef; icb: OrgRef | null; byYear: Map<number, FiguresAccumulator> }
  >();
  const unplaced = new Map<number, { practices: number; gpFte: number }>();
  const add = (byYear: Map<number, FiguresAccumulator>, fy: number) => {
    let acc = byYear.get(fy);
    if (!acc) byYear.set(fy, (acc = new FiguresAccumulator()));
    return acc;
  };
  for (const r of chosen.rows) {
    const assignment = history.areas.get(r.practiceCode);
    if (icb && assignment?.icb?.code !== icb.code) continue;
    const weighted = history.weighted.get(r.fiscalYear)?.byPractice.get(r.practiceCode) ?? null;
    add(total, r.fiscalYear).add(r, weighted);
    const area = areaAt(request.by, r.practiceCode, assignment, names);
    if (!area) {
      const u = unplaced.get(r.fiscalYear) ?? { practices: 0, gpFte: 0 };
      u.practices++;
      u.gpFte += r.gpFte ?? 0;
      unplaced.set(r.fiscalYear, u);
      continue;
    }
    let g = groups.get(area.code);
    if (!g) {
      groups.set(
        area.code,
        (g = { area, icb: request.by === "icb" ? null : (assignment?.icb ?? null), byYear: new Map() }),
      );
    }
    add(g.byYear, r.fiscalYear).add(r, weighted);
  }
  const scope = icb ?? ENGLAND;
  // One ICB by ICB would repeat its total.
  const areas = (icb && request.by === "icb" ? [] : [...groups.values()])
    .map((g) => seriesOf(request.by, g.area, g.icb, g.byYear, chosen.periods))
    .sort(
      (a, b) =>
        (a.icb?.code ?? "").localeCompare(b.icb?.code ?? "") || a.area.code.localeCompare(b.area.code),
    );
  const inScope = icb
    ? chosen.rows.filter((r) => history.areas.get(r.practiceCode)?.icb?.code === icb.code)
    : chosen.rows;
  const caveats = workforceCaveats(history, chosen, inScope);
  if (history.synthetic) caveats.unshift("SYNTHETIC demo data: an invented ICS, not real practices.");
  return {
    synthetic: history.synthetic,
    map: history.picture.sources.map,
    by: request.by,
    periods: chosen.periods,
    scope,
    total: seriesOf(icb ? "icb" : "england", scope, null, total, chosen.periods),
    areas,
    unplaced: [...unplaced.entries()]
      .sort(([a], [b]) => a - b)
      .map(([fiscalYear, u]) => ({ fiscalYear, ...u })),
    placement: placementOf(history, inScope),
    caveats,
  };
}
