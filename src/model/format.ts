// The one style of every figure, date and period icsplan prints (the CLI, the plan document and its
// exports; the web app follows it in web/src/format.ts). Pure; every layer may use it.
//
//   counts         1,234 (en-GB thousands; rounded; "–" where a figure is missing)
//   decimals       1,234.5 with the digits a column asks for
//   percentages    12.3% of a fraction (0.123), 0 or 1 decimals as the figure needs
//   money          £1,234 or £1,234.56 (pence where the amounts are per head or small); differences
//                  +£1,234 / -£56 / £0
//   minus sign     ASCII '-' before the £ (-£1,234), so a copied figure stays a number in a spreadsheet;
//                  never U+2212, never "£-1"
//   zero           never negative: a value that rounds to zero prints as 0, £0, 0.0% (no "-£0", "-0.0%")
//   dates          ISO YYYY-MM-DD (2026-01-01); a time as YYYY-MM-DD HH:MM UTC
//   periods        the month a dataset describes as "January 2026" (a dataset's period label)
//   contract years 2025-26 (April to March); financial years of payments and workforce FY2025-26
//
// Text quoted from a publication (in single quotes in src/config sources) keeps the publication's own style.

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

/** A timestamp (ISO 8601) as YYYY-MM-DD HH:MM UTC. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
