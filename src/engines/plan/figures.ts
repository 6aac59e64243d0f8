// Reading a plan's figures from its evidence: a figure is a path into an evidence item's summary, so a
// refreshed item updates every figure, table and chart that names it. Formatting for documents.
import { formatCount, formatDecimal, formatMoney, formatPercent } from "../../model/format.ts";
import type { EvidenceItem, FigureRef } from "../../model/plan.ts";

/** The value at a dotted path (`bands.under`, `rows`) of an object; undefined when absent. */
export function valueAt(summary: unknown, path: string): unknown {
  let v: unknown = summary;
  for (const part of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export function evidenceValue(evidence: readonly EvidenceItem[], key: string, path: string): unknown {
  const item = evidence.find((e) => e.key === key);
  return item ? valueAt(item.summary, path) : undefined;
}

/**
 * A value as the plan prints it, in the style of every output (src/model/format.ts: ASCII minus, no
 * negative zero): counts 1,234; decimals to 2 places, trailing zeros dropped (4.25, 4.5); percentages to
 * 1 place; money in pence below £1,000 (a per-head figure, £12.34), else in whole pounds; `–` for a value
 * the evidence does not have.
 */
export function formatValue(value: unknown, format: FigureRef["format"]): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return "–";
  switch (format) {
    case "count":
      return formatCount(value);
    case "decimal": {
      const s = formatDecimal(value, 2);
      return s.replace(/\.(\d*?)0+$/, (_, kept: string) => (kept ? `.${kept}` : ""));
    }
    case "percent":
      return formatPercent(value, 1);
    case "pounds":
      return formatMoney(value, Math.abs(value) < 999.995 ? 2 : 0);
    case "text":
      return String(value);
  }
}

export function figureText(evidence: readonly EvidenceItem[], figure: FigureRef): string {
  return formatValue(evidenceValue(evidence, figure.evidence, figure.path), figure.format);
}
