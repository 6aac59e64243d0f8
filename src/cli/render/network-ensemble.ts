// Renders an ensemble: the plans the chain visited, the spread of each figure among them, and where
// today's map, the start design and any configuration asked about fall (percentile among valid plans).
import type { NetworkEnsemble } from "../../app/ensemble.ts";
import { ENSEMBLE_METRICS, LOWER_IS_BETTER, type EnsembleMetric } from "../../engines/ensemble/ensemble.ts";
import { footprintLines, formatCount, formatDecimal, formatPercent, renderTable } from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

const TITLES: Record<EnsembleMetric, string> = {
  cohesion: "Cohesion (patient-km)",
  disruption: "Disruption (patients)",
  place: "Places crossed (patients)",
  localisation: "Localisation",
};

const value = (m: EnsembleMetric, v: number | null) =>
  v === null ? "–" : m === "localisation" ? formatPercent(v) : formatCount(v);

export function renderEnsemble(r: NetworkEnsemble): string {
  const e = r.ensemble;
  const out: string[] = [];
  if (r.synthetic) out.push(SYNTHETIC_BANNER, "");
  out.push(
    `Ensemble of ${r.area}: map of ${r.map}${r.lists ? `, lists of ${r.lists}` : ""}`,
    ...footprintLines(r.footprint),
    `${formatCount(e.steps)} recombination steps (seed ${e.seed}) from the ${r.start}; ${formatCount(e.moved)} moved the plan; ` +
      `${formatCount(e.samples)} plans recorded (every ${e.thin}th) of ${e.networks} contiguous networks of ${formatCount(r.band.min)}–${formatCount(r.band.max)} patients, in ${formatDecimal(r.seconds, 1)} s`,
    "",
  );
  const metrics = ENSEMBLE_METRICS.filter((m) => e.distributions[m] !== null);
  out.push(
    renderTable(
      ["Figure", "Min", "5%", "Median", "95%", "Max"],
      metrics.map((m) => {
        const d = e.distributions[m]!;
        return [TITLES[m], ...[d.min, d.p5, d.median, d.p95, d.max].map((v) => value(m, v))];
      }),
    ),
    "",
    "Where each configuration falls (percentile: share of the ensemble's plans at or below its value):",
    renderTable(
      ["Configuration", "Networks", ...metrics.map((m) => TITLES[m])],
      e.positions.map((p) => [
        p.label,
        String(p.networks),
        ...metrics.map((m) => {
          const pct = p.percentiles[m];
          return `${value(m, p.figures[m])} (${pct === null ? "–" : formatPercent(pct, 0)})`;
        }),
      ]),
    ),
    "",
    `Lower is better for ${metrics
      .filter((m) => LOWER_IS_BETTER[m])
      .map((m) => TITLES[m].replace(/ \(.*/, "").toLowerCase())
      .join(", ")}` + (metrics.includes("localisation") ? "; higher for localisation." : "."),
  );
  if (!metrics.includes("localisation"))
    out.push(`Localisation needs LSOA registrations of ${r.area}: none are loaded.`);
  out.push(
    'The chain (ReCom) is not uniform over all plans: it favours compact networks; see docs/networks.md "Ensemble".',
  );
  return out.join("\n");
}

/** One row per configuration and figure (CSV). */
export function ensembleRecords(r: NetworkEnsemble) {
  return r.ensemble.positions.flatMap((p) =>
    ENSEMBLE_METRICS.map((m) => ({
      configuration: p.label,
      figure: m,
      value: p.figures[m],
      percentile: p.percentiles[m],
      ensemble_median: r.ensemble.distributions[m]?.median ?? null,
      ensemble_p5: r.ensemble.distributions[m]?.p5 ?? null,
      ensemble_p95: r.ensemble.distributions[m]?.p95 ?? null,
    })),
  );
}
