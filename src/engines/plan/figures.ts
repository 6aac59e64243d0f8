// Reading a plan's figures from its evidence: a figure is a path into an evidence item's summary, so a
// refreshed item updates every figure, table and chart that names it. Formatting for documents.
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

const count = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const pence = new Intl.NumberFormat("en-GB", {
  style: "currency",
  currency: "GBP",
  minimumFractionDigits: 2,
});
const pounds = new Intl.NumberFormat("en-GB", {
  style: "currency",
  currency: "GBP",
  maximumFractionDigits: 0,
});

/** A value as the plan prints it; `–` for a value the evidence does not have. */
export function formatValue(value: unknown, format: FigureRef["format"]): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return "–";
  switch (format) {
    case "count":
      return count.format(value);
    case "decimal":
      return decimal.format(value);
    case "percent":
      return `${(value * 100).toFixed(1)}%`;
    case "pounds":
      return Math.abs(value) < 1000 ? pence.format(value) : pounds.format(value);
    case "text":
      return String(value);
  }
}

export function figureText(evidence: readonly EvidenceItem[], figure: FigureRef): string {
  return formatValue(evidenceValue(evidence, figure.evidence, figure.path), figure.format);
}
