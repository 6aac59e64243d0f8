// The backtest of the dispersal models on real closures: for every pair of consecutive list snapshots
// (interval.ts), the closures are dispersed together by each model and the predicted gains of the
// neighbouring practices are compared with the observed ones, practice by practice (score.ts) and closure
// by closure on isolated closures (isolated.ts). The patient-choice model's parameters are fitted and
// cross-checked between intervals (fit.ts). Closures found only between maps (after the last list
// snapshot) are counted but cannot be scored: there are no later list sizes to observe gains in.
import { capText, type CapacityCap } from "../capacity.ts";
import type { ChoiceParameters } from "../choice.ts";
import { checkMaxKm } from "../request.ts";
import { fitChoice, type FitResult } from "./fit.ts";
import { buildInterval, mapClosures, type ListSnapshot, type MapSnapshot } from "./interval.ts";
import {
  CLOSURE_CLASSES,
  isolatedClosures,
  MERGER_SHARE,
  TRACED_SHARE,
  poolClosureScores,
  scoreClosures,
  type ClosureClass,
  type ClosureScore,
  type IsolatedClosure,
} from "./isolated.ts";
import { intervalProblem, predict, type BacktestModel, type IntervalProblem } from "./problem.ts";
import { poolScores, scoreFlows, type Score } from "./score.ts";

export interface BacktestOptions {
  maxKm?: number;
  /** Receivers' capacity (null: none); default growth:20%, as closure scenarios. */
  cap?: CapacityCap | null;
  successorKm?: number;
  /** Smallest closed list scored closure by closure (default 500). */
  minPatients?: number;
  grid?: { decay?: readonly number[]; exponent?: readonly number[] };
}

export interface BacktestInput {
  lists: readonly ListSnapshot[];
  maps: readonly MapSnapshot[];
}

export interface IntervalSummary {
  from: string;
  to: string;
  label: string;
  months: number;
  closures: number;
  closedPatients: number;
  excluded: { noSite: string[]; successor: { closed: string; successor: string }[] };
  evaluated: number;
  evaluatedPatients: number;
  newPractices: number;
  areaGrowth: { areas: number; min: number; median: number; max: number };
  isolated: Record<ClosureClass, number> & { total: number };
  /** Merger closures whose largest gainer is the nearest open practice. */
  mergersToNearest: number;
}

export interface ModelResult {
  id: "nearest" | "choice" | "distance-blind";
  label: string;
  params: ChoiceParameters | null;
  intervals: Score[];
  pooled: Score;
  /** Isolated closures, all and by class. */
  closures: Record<"all" | ClosureClass, ClosureScore>;
}

export interface ClosureRow {
  interval: string;
  code: string;
  patients: number;
  status: "evaluated" | "no-site" | "successor";
  successor: string | null;
  isolated: boolean;
  class: ClosureClass | null;
  topShare: number | null;
  topRank: number | null;
  topKm: number | null;
  /** Per model id: the largest observed gainer is its largest receiver / among its three largest. */
  hits: Record<string, { top1: boolean; top3: boolean }>;
}

export interface BacktestResult {
  settings: {
    maxKm: number;
    cap: string;
    successorKm: number;
    minPatients: number;
    mergerShare: number;
    tracedShare: number;
  };
  lists: { date: string; period: string; practices: number; patients: number; withoutSite: number }[];
  maps: { from: string; to: string; closed: number }[];
  /** Practices of the last list snapshot gone from a later map: closures that cannot be scored yet. */
  untested: { from: string; to: string; closed: number }[];
  intervals: IntervalSummary[];
  models: ModelResult[];
  fit: FitResult;
  closures: ClosureRow[];
}

const monthsBetween = (a: string, b: string) => {
  const [ya, ma] = a.split("-").map(Number) as [number, number];
  const [yb, mb] = b.split("-").map(Number) as [number, number];
  return (yb - ya) * 12 + (mb - ma);
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? s[s.length >> 1]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Backtests nearest-with-capacity and patient choice (fitted) on every interval of the history, with a
 * distance-blind choice model (β = 0: patients spread in proportion to list size) as a baseline.
 * @example backtest({ lists, maps }, { maxKm: 10 }) // → { intervals: [Jan 2021 → May 2022, May 2022 → Apr 2025], models, fit, … }
 */
export function backtest(input: BacktestInput, options: BacktestOptions = {}): BacktestResult {
  const maxKm = options.maxKm ?? 10;
  checkMaxKm(maxKm);
  const cap =
    options.cap === undefined ? ({ kind: "growth-percent", percent: 20 } as CapacityCap) : options.cap;
  const successorKm = options.successorKm ?? 0.2;
  const minPatients = options.minPatients ?? 500;
  const lists = [...input.lists].sort((a, b) => a.date.localeCompare(b.date));
  const maps = [...input.maps].sort((a, b) => a.date.localeCompare(b.date));

  const problems: IntervalProblem[] = [];
  const isolated: IsolatedClosure[][] = [];
  const summaries: IntervalSummary[] = [];
  for (let i = 0; i + 1 < lists.length; i++) {
    const interval = buildInterval(lists[i]!, lists[i + 1]!, { successorKm });
    const ip = intervalProblem(interval, { maxKm, cap });
    const iso = isolatedClosures(ip, minPatients);
    problems.push(ip);
    isolated.push(iso);
    const growth = [...interval.areaGrowth.values()];
    const count = (c: ClosureClass) => iso.filter((x) => x.class === c).length;
    summaries.push({
      from: interval.from.date,
      to: interval.to.date,
      label: `${interval.from.period} → ${interval.to.period}`,
      months: monthsBetween(interval.from.date, interval.to.date),
      closures: interval.closures.length,
      closedPatients: interval.closures.reduce((a, c) => a + c.patients, 0),
      excluded: {
        noSite: interval.closures.filter((c) => c.excluded === "no-site").map((c) => c.code),
        successor: interval.closures
          .filter((c) => c.excluded === "successor")
          .map((c) => ({ closed: c.code, successor: c.successor! })),
      },
      evaluated: ip.evaluated.length,
      evaluatedPatients: ip.evaluated.reduce((a, c) => a + c.patients, 0),
      newPractices: interval.newPractices.length,
      areaGrowth: {
        areas: growth.length,
        min: Math.min(...growth),
        median: median(growth),
        max: Math.max(...growth),
      },
      isolated: {
        total: iso.length,
        merger: count("merger"),
        dispersed: count("dispersed"),
        "not-traced": count("not-traced"),
      },
      mergersToNearest: iso.filter((x) => x.class === "merger" && x.topRank === 0).length,
    });
  }
  const labels = summaries.map((s) => s.label);
  const fit = fitChoice(problems, labels, options.grid);

  const specs: { id: ModelResult["id"]; label: string; model: BacktestModel }[] = [
    { id: "nearest", label: "nearest with capacity", model: { kind: "nearest" } },
    { id: "choice", label: "patient choice (fitted)", model: { kind: "choice", params: fit.best } },
    {
      id: "distance-blind",
      label: "distance-blind baseline (β = 0, α = 1)",
      model: { kind: "choice", params: { decayPerKm: 0, attractivenessExponent: 1 } },
    },
  ];
  const rows = new Map<string, ClosureRow>();
  problems.forEach((ip, i) => {
    const isoBy = new Map(isolated[i]!.map((x) => [x.o, x]));
    const evaluatedIndex = new Map(ip.evaluated.map((c, o) => [c, o]));
    for (const c of ip.interval.closures) {
      const o = evaluatedIndex.get(c);
      const iso = o === undefined ? undefined : isoBy.get(o);
      rows.set(`${i}|${c.code}`, {
        interval: labels[i]!,
        code: c.code,
        patients: c.patients,
        status: c.excluded ?? "evaluated",
        successor: c.successor,
        isolated: iso !== undefined,
        class: iso?.class ?? null,
        topShare: iso?.topShare ?? null,
        topRank: iso?.topRank ?? null,
        topKm: iso?.topKm ?? null,
        hits: {},
      });
    }
  });
  const models: ModelResult[] = specs.map((spec) => {
    const intervals: Score[] = [];
    const byClass: Record<"all" | ClosureClass, ClosureScore[]> = {
      all: [],
      merger: [],
      dispersed: [],
      "not-traced": [],
    };
    problems.forEach((ip, i) => {
      const flows = predict(ip, spec.model);
      intervals.push(scoreFlows(ip, flows));
      byClass.all.push(scoreClosures(ip, flows, isolated[i]!));
      for (const c of CLOSURE_CLASSES)
        byClass[c].push(
          scoreClosures(
            ip,
            flows,
            isolated[i]!.filter((x) => x.class === c),
          ),
        );
      for (const x of isolated[i]!) {
        const one = scoreClosures(ip, flows, [x]);
        rows.get(`${i}|${x.code}`)!.hits[spec.id] = { top1: one.top1 === 1, top3: one.top3 === 1 };
      }
    });
    return {
      id: spec.id,
      label: spec.label,
      params: spec.model.kind === "choice" ? spec.model.params : null,
      intervals,
      pooled: poolScores(intervals),
      closures: {
        all: poolClosureScores(byClass.all),
        merger: poolClosureScores(byClass.merger),
        dispersed: poolClosureScores(byClass.dispersed),
        "not-traced": poolClosureScores(byClass["not-traced"]),
      },
    };
  });

  const last = lists[lists.length - 1];
  const untested = last
    ? maps
        .filter((m) => m.date > last.date)
        .map((m) => {
          const open = new Set(m.codes);
          return { from: last.date, to: m.date, closed: last.codes.filter((c) => !open.has(c)).length };
        })
    : [];
  const mapPairs = mapClosures(maps).map((m) => ({ from: m.from, to: m.to, closed: m.closed.length }));
  return {
    settings: {
      maxKm,
      cap: cap === null ? "none" : capText(cap),
      successorKm,
      minPatients,
      mergerShare: MERGER_SHARE,
      tracedShare: TRACED_SHARE,
    },
    lists: lists.map((l) => {
      let patients = 0;
      let withoutSite = 0;
      for (let k = 0; k < l.codes.length; k++) {
        patients += l.patients[k]!;
        if (!Number.isFinite(l.lat[k]!) || !Number.isFinite(l.lon[k]!)) withoutSite++;
      }
      return { date: l.date, period: l.period, practices: l.codes.length, patients, withoutSite };
    }),
    maps: mapPairs,
    untested,
    intervals: summaries,
    models,
    fit,
    closures: [...rows.values()],
  };
}
