// Renders the backtest of the dispersal models: the closures found in each interval of the registration
// history, the errors of each model practice by practice and closure by closure, the fit of the
// patient-choice model and its cross-check; and one CSV row per closure.
import type { BacktestOutcome } from "../../app/backtest.ts";
import { formatCount, formatDecimal, formatPercent, renderTable } from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

const pct = (v: number) => formatPercent(v, 1);
const short = (label: string) =>
  label.replace(
    /January|February|March|April|May|June|July|August|September|October|November|December/g,
    (m) => m.slice(0, 3),
  );

export function renderBacktest(outcome: BacktestOutcome): string {
  const r = outcome.result;
  if (!r) {
    const message = outcome.message ?? "Nothing to backtest.";
    return outcome.synthetic ? `${SYNTHETIC_BANNER}\n\n${message}\n\n${SYNTHETIC_BANNER}` : message;
  }
  const s = r.settings;
  const out: string[] = [
    "Backtest of the dispersal models on real closures",
    `List snapshots: ${r.lists.map((l) => `${l.period} (${formatCount(l.practices)} practices)`).join(", ")}; maps: ${outcome.sources.maps.join(", ")}`,
    `Settings: patients sent at most ${s.maxKm} km from the closed practice's site; cap ${s.cap}; a new practice within ${s.successorKm} km makes a closure a re-registration (successor); closures scored one by one from ${formatCount(s.minPatients)} patients`,
    "",
    "Closures found (practices in one list snapshot and gone from the next)",
    renderTable(
      [
        "Interval",
        "Months",
        "Closed",
        "Patients",
        "No site",
        "Successor",
        "Evaluated",
        "Patients ",
        "Isolated",
        "Merger",
        "Dispersed",
        "Not traced",
        "Merger to nearest",
      ],
      r.intervals.map((i) => [
        i.label,
        String(i.months),
        formatCount(i.closures),
        formatCount(i.closedPatients),
        String(i.excluded.noSite.length),
        String(i.excluded.successor.length),
        formatCount(i.evaluated),
        formatCount(i.evaluatedPatients),
        String(i.isolated.total),
        String(i.isolated.merger),
        String(i.isolated.dispersed),
        String(i.isolated["not-traced"]),
        String(i.mergersToNearest),
      ]),
    ),
    `Between maps: ${r.maps.map((m) => `${m.from.slice(0, 7)} → ${m.to.slice(0, 7)} ${m.closed}`).join("; ")}.`,
  ];
  if (r.untested.length > 0)
    out.push(
      `After the last list snapshot (${r.untested[0]!.from.slice(0, 7)}): ${r.untested.map((u) => `${u.closed} gone by ${u.to.slice(0, 7)}`).join(", ")}; not scored (no later list sizes).`,
    );
  out.push(
    `Background growth by area (B ÷ A of all its practices): ${r.intervals
      .map(
        (i) =>
          `${short(i.label)} median ${pct(i.areaGrowth.median - 1)} (${pct(i.areaGrowth.min - 1)} to ${pct(i.areaGrowth.max - 1)}, ${i.areaGrowth.areas} areas)`,
      )
      .join("; ")}.`,
    "",
    `Gains practice by practice (each interval's closures dispersed together; the practices within ${s.maxKm} km of one)`,
    renderTable(
      ["Model", "Interval", "Practices", "MAE", "MAE if no gain", "Located"],
      r.models.flatMap((m) => [
        ...m.intervals.map((sc, k) => [
          m.label,
          short(r.intervals[k]!.label),
          formatCount(sc.neighbourhood),
          formatDecimal(sc.mae, 1),
          formatDecimal(sc.maeZero, 1),
          pct(sc.located),
        ]),
        [
          m.label,
          "pooled",
          formatCount(m.pooled.neighbourhood),
          formatDecimal(m.pooled.mae, 1),
          formatDecimal(m.pooled.maeZero, 1),
          pct(m.pooled.located),
        ],
      ]),
    ),
    "",
    "Closure by closure (isolated closures; patient-weighted: the practice that gained most is the model's largest receiver / among its three largest)",
    renderTable(
      ["Model", "Closures", "Top 1", "Top 3", "Located", "Merger top 1", "Top 3", "Dispersed top 1", "Top 3"],
      r.models.map((m) => [
        m.label,
        String(m.closures.all.closures),
        pct(m.closures.all.top1),
        pct(m.closures.all.top3),
        pct(m.closures.all.located),
        pct(m.closures.merger.top1),
        pct(m.closures.merger.top3),
        pct(m.closures.dispersed.top1),
        pct(m.closures.dispersed.top3),
      ]),
    ),
    "",
    `Patient-choice fit: grid of ${r.fit.grid.length} (β, α) pairs, least pooled MAE at β = ${r.fit.best.decayPerKm} per km, α = ${r.fit.best.attractivenessExponent} (MAE ${formatDecimal(r.fit.bestMae, 1)}).`,
    ...r.fit.crossChecks.map(
      (c) =>
        `Cross-check: fitted on ${short(c.fitOn)} alone → β = ${c.params.decayPerKm}, α = ${c.params.attractivenessExponent}; MAE on ${short(c.testOn)} ${formatDecimal(c.testMae, 1)} (best any grid point reaches there ${formatDecimal(c.bestTestMae, 1)}).`,
    ),
    "",
    ...reading(outcome),
  );
  return out.join("\n");
}

/** What the figures say, in words that follow the figures (nothing claimed that they do not show). */
function reading(outcome: BacktestOutcome): string[] {
  const r = outcome.result!;
  const iso = r.intervals.reduce((a, i) => a + i.isolated.total, 0);
  const mergers = r.intervals.reduce((a, i) => a + i.isolated.merger, 0);
  const toNearest = r.intervals.reduce((a, i) => a + i.mergersToNearest, 0);
  const best = [...r.models].sort((a, b) => a.pooled.mae - b.pooled.mae)[0]!;
  const lines = [
    `Reading: ${mergers} of ${iso} isolated closures (${pct(iso > 0 ? mergers / iso : 0)}) look like mergers: one practice gained at least ${pct(r.settings.mergerShare)} of the list; ` +
      `that practice was the nearest open one in ${toNearest} of them (${pct(mergers > 0 ? toNearest / mergers : 0)}).`,
    `The least error of the models is ${best.label}'s (pooled MAE ${formatDecimal(best.pooled.mae, 1)});` +
      (best.pooled.mae > best.pooled.maeZero
        ? ` predicting no gain anywhere does better (${formatDecimal(best.pooled.maeZero, 1)}), because a merger partner takes the whole list and a model that misses it adds error at the practices it names instead.`
        : ` predicting no gain anywhere does worse (${formatDecimal(best.pooled.maeZero, 1)}).`),
    "The models describe dispersals (patients choosing or being allocated among neighbours), not mergers; see docs/scenarios.md.",
  ];
  return lines;
}

type Cell = string | number | boolean | null;

/** One row per closure of every interval. */
export function backtestRecords(outcome: BacktestOutcome): Record<string, Cell>[] {
  const round = (v: number | null, d = 3) => (v === null ? null : Number(v.toFixed(d)));
  return (outcome.result?.closures ?? []).map((c) => ({
    interval: c.interval,
    practice_code: c.code,
    patients: c.patients,
    status: c.status,
    successor: c.successor,
    isolated: c.isolated,
    class: c.class,
    top_gainer_share: round(c.topShare),
    top_gainer_rank: c.topRank,
    top_gainer_km: round(c.topKm),
    nearest_top1: c.hits.nearest?.top1 ?? null,
    nearest_top3: c.hits.nearest?.top3 ?? null,
    choice_top1: c.hits.choice?.top1 ?? null,
    choice_top3: c.hits.choice?.top3 ?? null,
  }));
}
