// Renders the equity audit (by IMD quintile, concentration indices, before/after a flexed allocation,
// payments history), payments history on its own, and the weighted-population model report.
import type { AuditReport, HistoryReport } from "../../app/funding-audit.ts";
import type { ModelReport } from "../../app/funding-model.ts";
import { MEASURES, type MeasureId } from "../../engines/funding/audit.ts";
import type { HistorySeries } from "../../engines/funding/history.ts";
import type { FitStats } from "../../engines/funding/weighted-model.ts";
import { renderTable } from "../format.ts";
import type { OutputFormat } from "../output.ts";
import { renderRecords } from "../output.ts";
import { methodLine } from "./funding-allocation.ts";
import { count, decimal, frame, json, penceToPounds, percent, pounds } from "./funding-format.ts";

const SHORT: Record<MeasureId, string> = {
  paymentsPerRegistered: "pay £/reg",
  paymentsPerWeighted: "pay £/wtd",
  gpFtePer10k: "GP FTE/10k",
  arrsFtePer10k: "ARRS FTE/10k",
  entitlementPerHead: "entitled £/head",
  beforePerHead: "before £/head",
  afterPerHead: "after £/head",
};

const measureValue = (id: MeasureId, v: number | null) =>
  v === null ? "–" : id === "gpFtePer10k" || id === "arrsFtePer10k" ? decimal(v, 2) : pounds(v);

export const CONCENTRATION_NOTE =
  "Concentration index C = (2/μ) Σ (w_i/W)(y_i − μ)(R_i − ½) over practices ranked from most to least deprived (R = fractional rank by registered patients): C < 0 means more per head where deprivation is higher, C > 0 where it is lower, 0 is even.";

function quintileRows(report: AuditReport) {
  return [...report.audit.quintiles, report.audit.all].map((q) => ({
    quintile: q.label,
    practices: q.practices,
    registered: Math.round(q.registered),
    weighted: Math.round(q.weighted),
    ...Object.fromEntries(
      MEASURES.map((m) => [
        m.id,
        q.values[m.id] === null ? null : Math.round(q.values[m.id]! * 10_000) / 10_000,
      ]),
    ),
  }));
}

function historyRows(series: readonly HistorySeries[]) {
  return series.flatMap((s) =>
    s.points.map((p) => ({
      group: s.group,
      fiscal_year: p.fiscalYear,
      practices: p.practices,
      registered: Math.round(p.registered),
      weighted: Math.round(p.weighted),
      total: Math.round(p.total * 100) / 100,
      per_registered: p.perRegistered === null ? null : Math.round(p.perRegistered * 100) / 100,
      per_weighted: p.perWeighted === null ? null : Math.round(p.perWeighted * 100) / 100,
    })),
  );
}

function trendLine(s: HistorySeries): string {
  const t = s.trend;
  if (!t) return `${s.group}: too few years for a trend`;
  return `${s.group}: ${t.from} → ${t.to} payments per registered patient ${t.change === null ? "–" : `${t.change >= 0 ? "+" : ""}${pounds(t.change)}`}, ${percent(t.annualGrowth)} a year (compound), slope ${pounds(t.slopePerYear)} a year (least squares)`;
}

function seriesPivot(series: readonly HistorySeries[], years: readonly string[]): string {
  return renderTable(
    ["group", ...years.map((y) => `FY${y}`), "a year"],
    series.map((s) => [
      s.group,
      ...years.map((y) => {
        const p = s.points.find((q) => q.fiscalYear === y);
        return p?.perRegistered == null ? "–" : pounds(p.perRegistered);
      }),
      percent(s.trend?.annualGrowth ?? null),
    ]),
  );
}

export function renderAudit(report: AuditReport, format: OutputFormat): string {
  if (format === "json") return json(report.synthetic, report);
  if (format === "csv") return renderRecords(quintileRows(report), "csv");
  const a = report.audit;
  const alloc = report.allocation;
  const years = [
    ...new Set(report.history.quintiles.flatMap((s) => s.points.map((p) => p.fiscalYear))),
  ].sort();
  const body = [
    `Equity audit: ${report.areaLabel}, map of ${report.date}; payments FY${report.paymentsYear ?? "–"}; entitlements ${report.contractYear}`,
    ...(report.footprint ? [report.footprint] : []),
    `Flexed allocation: ${penceToPounds(alloc.fundPence)}${alloc.notional ? " (notional: £1 per registered patient; per-head figures do not depend on it)" : ""}, before = equal per head, after = ${methodLine(alloc.weights, alloc.method)}`,
    "",
    "By national IMD quintile of practices",
    renderTable(
      ["quintile", "practices", "registered", ...MEASURES.map((m) => SHORT[m.id])],
      [...a.quintiles, a.all].map((q) => [
        q.label,
        count(q.practices),
        count(q.registered),
        ...MEASURES.map((m) => measureValue(m.id, q.values[m.id])),
      ]),
    ),
    "",
    "Concentration index across practices",
    renderTable(
      ["measure", "C", "practices"],
      MEASURES.map((m) => [
        m.label,
        a.concentration[m.id] === null ? "–" : a.concentration[m.id]!.toFixed(4),
        count(a.coverage[m.id]),
      ]),
    ),
    CONCENTRATION_NOTE,
  ];
  if (report.history.area) {
    const s = report.history.area;
    body.push(
      "",
      `Payments history (cash), ${report.areaLabel}`,
      renderTable(
        ["year", "practices", "registered", "total", "£/registered", "£/weighted"],
        s.points.map((p) => [
          `FY${p.fiscalYear}`,
          count(p.practices),
          count(p.registered),
          pounds(p.total, 0),
          pounds(p.perRegistered),
          pounds(p.perWeighted),
        ]),
      ),
      trendLine({ ...s, group: "Trend" }),
      "",
      "Payments £ per registered patient by quintile (practices of today's map)",
      seriesPivot(report.history.quintiles, years),
    );
  }
  return frame(report.synthetic, body, report.caveats);
}

export function renderHistory(report: HistoryReport, format: OutputFormat): string {
  if (format === "json") return json(report.synthetic, report);
  const rows = historyRows(report.series);
  if (format === "csv") return renderRecords(rows, "csv");
  const body = [
    `Payments history (cash) by ${report.by}: ${report.areaLabel}`,
    ...(report.footprint ? [report.footprint] : []),
    "",
    "Payments £ per registered patient",
    seriesPivot(report.series, report.years),
    "",
    ...report.series.slice(0, 60).map(trendLine),
    ...(report.series.length > 60
      ? [`… ${report.series.length - 60} more groups (use --format csv or json)`]
      : []),
  ];
  if (report.series.length <= 12)
    body.push(
      "",
      renderRecords(
        rows.map((r) => ({
          ...r,
          total: pounds(r.total, 0),
          per_registered: pounds(r.per_registered),
          per_weighted: pounds(r.per_weighted),
        })),
        "table",
      ),
    );
  return frame(report.synthetic, body, report.caveats);
}

const fit = (s: FitStats) => [
  count(s.n),
  decimal(s.r2Ratio, 3),
  decimal(s.r2Weighted, 4),
  decimal(s.medianAbsError, 1),
  percent(s.medianAbsPercentError, 2),
];

const r4 = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);

/** One row per practice of the area: its published ratio of the test year and each method's estimate. */
export function modelEstimateRecords(report: ModelReport) {
  const v = report.validation;
  return report.estimates.map((e) => ({
    practice_code: e.code,
    practice_name: e.name,
    test_year: v.testYear,
    registered: e.registered,
    published_ratio: r4(e.official),
    cross_validated_ratio: r4(e.crossValidated),
    model_fitted_on_fit_year_ratio: r4(e.nextYear),
    reduced_model_ratio: r4(e.reduced),
    own_ratio_of_fit_year: r4(e.ownRatio),
    scored: e.scored,
  }));
}

export function renderModelEstimates(report: ModelReport, format: OutputFormat): string {
  if (format === "json")
    return json(report.synthetic, {
      areaLabel: report.areaLabel,
      footprint: report.footprint,
      estimates: report.estimates,
    });
  const rows = modelEstimateRecords(report);
  if (format === "csv") return renderRecords(rows, "csv");
  const v = report.validation;
  return frame(report.synthetic, [
    `Weighted ÷ registered ratio of every practice of ${report.areaLabel} in FY${v.testYear}: published, and each method's estimate`,
    ...(report.footprint ? [report.footprint] : []),
    "",
    renderTable(
      [
        "practice",
        "name",
        "list",
        "published",
        "cross-validated",
        `model ${v.fitYear}`,
        "reduced",
        `own ${v.fitYear}`,
      ],
      rows.map((r) => [
        r.practice_code,
        r.practice_name.length > 34 ? `${r.practice_name.slice(0, 33)}…` : r.practice_name,
        count(r.registered),
        r.published_ratio === null ? "–" : decimal(r.published_ratio, 3),
        decimal(r.cross_validated_ratio!, 3),
        decimal(r.model_fitted_on_fit_year_ratio!, 3),
        decimal(r.reduced_model_ratio!, 3),
        r.own_ratio_of_fit_year === null ? "–" : decimal(r.own_ratio_of_fit_year, 3),
      ]),
    ),
  ]);
}

export function renderModel(report: ModelReport, format: OutputFormat): string {
  if (format === "json") return json(report.synthetic, report);
  const v = report.validation;
  const rows = [
    { method: `model (fitted ${v.fitYear})`, scored_on: v.fitYear, ...v.model.training },
    { method: `model (fitted ${v.fitYear})`, scored_on: v.testYear, ...v.model.test },
    {
      method: `model, ${v.crossValidated.folds}-fold cross-validated (unseen practices)`,
      scored_on: v.testYear,
      ...v.crossValidated.test,
    },
    { method: `reduced model (fitted ${v.fitYear})`, scored_on: v.testYear, ...v.reduced.test },
    { method: `own ratio of ${v.fitYear}`, scored_on: v.testYear, ...v.ownRatio },
  ];
  if (format === "csv")
    return renderRecords(
      rows.map((r) => ({
        method: r.method,
        scored_on: r.scored_on,
        n: r.n,
        r2_ratio: r.r2Ratio,
        r2_weighted: r.r2Weighted,
        median_abs_error: r.medianAbsError,
        median_abs_percent_error: r.medianAbsPercentError,
      })),
      "csv",
    );
  const body = [
    `Weighted-population model: fitted on FY${v.fitYear}, scored on FY${v.testYear} (not fitted on); practices of 1,000+ patients. ` +
      `Index R² (R² ratio: weighted ÷ registered) out of sample: ${decimal(v.model.test.r2Ratio, 3)} on the next year, ` +
      `${decimal(v.crossValidated.test.r2Ratio, 3)} on practices the model never saw (${v.crossValidated.folds}-fold). ` +
      "Every practice's estimates: --estimates.",
    "",
    renderTable(
      [
        "method",
        "scored on",
        "practices",
        "R² ratio",
        "R² weighted",
        "median abs error",
        "median abs % error",
      ],
      rows.map((r) => [r.method, `FY${r.scored_on}`, ...fit(r)]),
    ),
    "",
    `Model features (${v.model.features.length} + ${v.model.areaLevels} area effects): ${v.model.features.join(", ")}`,
    `Reduced model (what a practice with no payments or QOF history has): ${v.reduced.features.join(", ")} + ${v.reduced.areaLevels} area effects`,
    `Sources: payments ${report.sources.payments.join(", ")}; QOF ${report.sources.qof ?? "none"}; lists ${report.sources.lists ?? "–"}; deprivation ${report.sources.deprivation ?? "–"}`,
    ...(report.footprint ? [report.footprint] : []),
    "",
    report.modelled.length === 0
      ? `Every practice of ${report.areaLabel} with a list has a published weighted list: the model estimates none.`
      : `Practices of ${report.areaLabel} the model estimates (no published weighted list):`,
  ];
  if (report.modelled.length > 0)
    body.push(
      renderTable(
        ["practice", "name", "list", "ratio", "weighted", "features used"],
        report.modelled.map((m) => [
          m.code,
          m.name,
          count(m.listSize),
          decimal(m.ratio, 3),
          count(m.weighted),
          `${m.features.length}`,
        ]),
      ),
    );
  return frame(report.synthetic, body);
}
