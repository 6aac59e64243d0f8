// Number and table formatting for every output, in one style: thousands with commas (en-GB), a minus
// sign that is ASCII '-' (so a copied figure stays a number in a spreadsheet), never a negative zero
// ("-£0", "-0.0%": a value that rounds to zero is shown as zero), pounds as £1,234 or £1,234.56, signed
// differences as +£1,234 / -£56 / £0, percentages as 12.3%, a missing figure as "–", dates as ISO
// YYYY-MM-DD and periods (a month of data) as "July 2026". Renderers format numbers only through these.

/** The minus sign of every output. */
export const MINUS = "-";

/** `value` rounded to `digits` decimals, with -0 made 0. */
function rounded(value: number, digits: number): number {
  const r = Number(value.toFixed(digits));
  return r === 0 ? 0 : r;
}

const grouped = (v: number, digits: number) =>
  Math.abs(v).toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** 1,234 (rounded; -1,234 below zero; 0 for anything that rounds to zero). */
export const formatCount = (n: number): string => {
  const r = rounded(n, 0);
  return `${r < 0 ? MINUS : ""}${grouped(r, 0)}`;
};

/** 1,234.5 with `digits` decimals. */
export const formatDecimal = (n: number, digits = 1): string => {
  const r = rounded(n, digits);
  return `${r < 0 ? MINUS : ""}${grouped(r, digits)}`;
};

/** 12.3% of a fraction (0.123). */
export const formatPercent = (fraction: number, digits = 1): string => {
  const r = rounded(100 * fraction, digits);
  return `${r < 0 ? MINUS : ""}${Math.abs(r).toFixed(digits)}%`;
};

/** £1,234 (or £1,234.56 with `digits` 2); -£1,234 below zero; "–" for a missing or non-finite figure. */
export const formatMoney = (v: number | null | undefined, digits = 0): string => {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const r = rounded(v, digits);
  return `${r < 0 ? MINUS : ""}£${grouped(r, digits)}`;
};

/** A difference in whole pounds: +£1,234, -£56, or £0 when it rounds to nothing. */
export const formatSignedMoney = (v: number): string => {
  const r = rounded(v, 0);
  return r === 0 ? "£0" : `${r > 0 ? "+" : MINUS}£${grouped(r, 0)}`;
};

/** A difference in a count: +1,234, -56, or 0. */
export const formatSignedCount = (v: number): string => {
  const r = rounded(v, 0);
  return r === 0 ? "0" : `${r > 0 ? "+" : MINUS}${grouped(r, 0)}`;
};

/** A cell that reads as a figure: 1,234 / -£1,234.56 / +£5 / 12.3% / ≥-£4,676 / – (missing). */
const NUMERIC_CELL = /^[≥≤≈]?[-+]?£?[\d,.]+%?$|^–$/;

/** Left-aligns text columns and right-aligns numeric ones (cells that look like numbers). */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => NUMERIC_CELL.test(r[i] ?? "")));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
