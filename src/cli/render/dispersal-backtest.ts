// Renders the dispersal backtest (`scenarios backtest --report dispersals`): per window the closures classed
// (mergers, true dispersals, successors, small, no site), the MAE of net gains of the fitted model against
// predicting no gain and the list-proportional 5 km baseline, and every true dispersal case; and the
// per-receiver export (`--report receivers`), one row per closed practice × receiver within the limit.
import type { DispersalOutcome } from "../../app/backtest.ts";
import { receiverRows, type DispersalParams } from "../../engines/scenarios/backtest/dispersals.ts";
import { formatCount, formatDecimal, formatPercent, renderTable } from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

type Cell = string | number | boolean | null;

const paramsText = (p: DispersalParams) =>
  `k ${formatPercent(p.share, 0)}, β ${p.decayPerKm}/km, α ${p.sizeExponent}`;

export function renderDispersals(outcome: DispersalOutcome): string {
  const r = outcome.result;
  if (!r) {
    const message = outcome.message ?? "Nothing to backtest.";
    return outcome.synthetic ? `${SYNTHETIC_BANNER}\n\n${message}\n\n${SYNTHETIC_BANNER}` : message;
  }
  const s = r.settings;
  const out: string[] = [
    "Dispersal backtest: true dispersals, mergers separated, fitted on one window and tested on the other",
    `List snapshots: ${outcome.sources.lists.join(", ")}`,
    `Settings: model and scored neighbourhood within ${s.maxKm} km; merger partners looked for within ${s.mergerKm} km ` +
      `(a receiver's net gain of ${formatPercent(s.mergerMin, 0)}–${formatPercent(s.mergerMax, 0)} of the list); baseline: the whole list ` +
      `in proportion to list size over the practices within ${s.baselineKm} km; true dispersals from ${formatCount(s.minPatients)} patients; ` +
      "background growth: the median list growth of the area's practices",
    "",
    renderTable(
      [
        "Window",
        "Closed",
        "Mergers",
        "True dispersals",
        "Patients",
        "Successors",
        "Small",
        "No site",
        "Approx. sites",
      ],
      r.windows.map((w) => [
        w.label,
        formatCount(w.counts.closures),
        formatCount(w.counts.merger),
        formatCount(w.counts.dispersal),
        formatCount(w.dispersedPatients),
        formatCount(w.counts.successor),
        formatCount(w.counts.small),
        formatCount(w.counts["no-site"]),
        `${w.approximateSites.closures} closed, ${w.approximateSites.receivers} open`,
      ]),
    ),
    "",
    "MAE of net gains over the practices within the limit of a true dispersal (merger receivers left out)",
    renderTable(
      [
        "Window",
        "Practices",
        "Model (fitted on)",
        "Model",
        "No gain",
        "List ∝ 5 km",
        "Beats both",
        "In sample",
      ],
      r.windows.map((w) => [
        w.label,
        formatCount(w.practices),
        `${paramsText(w.params)} (${w.fittedOn.join(", ")})`,
        formatDecimal(w.mae.model, 1),
        formatDecimal(w.mae.noGain, 1),
        formatDecimal(w.mae.baseline, 1),
        w.beats.noGain && w.beats.baseline ? "yes" : w.beats.noGain ? "no (baseline)" : "no (no gain)",
        `${formatDecimal(w.mae.inSample, 1)} (${paramsText(w.inSample.params)})`,
      ]),
    ),
  ];
  for (const w of r.windows) {
    const better = w.cases.filter((c) => c.mae.model < c.mae.noGain).length;
    const betterBase = w.cases.filter((c) => c.mae.model < c.mae.baseline).length;
    out.push(
      "",
      `True dispersals, ${w.label}: the model's MAE is below no gain's in ${better} of ${w.cases.length} and below the baseline's in ${betterBase}`,
      renderTable(
        [
          "Closed",
          "Patients",
          "Site",
          "Nearest km",
          "Practices",
          "Net gain within",
          "Model",
          "No gain",
          "List ∝ 5 km",
        ],
        w.cases.map((c) => [
          c.code,
          formatCount(c.patients),
          c.approximateSite ?? "postcode",
          c.nearestKm === null ? "–" : formatDecimal(c.nearestKm, 1),
          formatCount(c.practices),
          formatCount(c.observedWithin),
          formatDecimal(c.mae.model, 1),
          formatDecimal(c.mae.noGain, 1),
          formatDecimal(c.mae.baseline, 1),
        ]),
      ),
    );
  }
  return out.join("\n");
}

/** One row per true dispersal case of every window (CSV of `--report dispersals`). */
export function dispersalRecords(outcome: DispersalOutcome): Record<string, Cell>[] {
  const round = (v: number) => Number(v.toFixed(2));
  return (outcome.result?.windows ?? []).flatMap((w) =>
    w.cases.map((c) => ({
      from: w.from,
      to: w.to,
      practice_code: c.code,
      patients: c.patients,
      site: c.approximateSite ?? "postcode",
      nearest_km: c.nearestKm === null ? null : round(c.nearestKm),
      practices: c.practices,
      net_gain_within: round(c.observedWithin),
      mae_model: round(c.mae.model),
      mae_no_gain: round(c.mae.noGain),
      mae_baseline: round(c.mae.baseline),
      share: w.params.share,
      decay_per_km: w.params.decayPerKm,
      size_exponent: w.params.sizeExponent,
    })),
  );
}

/** The per-receiver export: every closed practice × receiver within the limit, for each scored window. */
export function receiverRecords(outcome: DispersalOutcome): Record<string, Cell>[] {
  const r = outcome.result;
  if (!r) return [];
  const round = (v: number, d = 2) => Number(v.toFixed(d));
  return r.windows.flatMap((w, i) =>
    receiverRows(r.detail[i]!, w.params).map((x) => ({
      from: x.from,
      to: x.to,
      closed_practice: x.closed,
      closed_patients: x.closedPatients,
      closed_class: x.closedClass,
      closed_partner: x.closedPartner,
      closed_partner_km: x.closedPartnerKm === null ? null : round(x.closedPartnerKm, 3),
      closed_site: x.closedSite,
      receiver: x.receiver,
      receiver_list: x.receiverList,
      receiver_site: x.receiverSite,
      km: round(x.km, 3),
      rank: x.rank,
      predicted_patients: round(x.predicted),
      predicted_baseline: round(x.predictedBaseline),
      observed_change: round(x.observedGain),
      observed_change_after_mergers: round(x.observedResidual),
      merger_partner: x.mergerPartner,
      closures_in_range: x.closuresInRange,
      scored: x.scored,
    })),
  );
}
