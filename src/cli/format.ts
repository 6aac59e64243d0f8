// Number and table formatting for the terminal. The style of every figure, date and period is that of
// src/model/format.ts (re-exported here): renderers format numbers only through these.
export {
  formatCount,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatSignedCount,
  formatSignedMoney,
  formatTimestamp,
  MINUS,
} from "../model/format.ts";

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

/**
 * The lines that name a result's ICB footprint (src/app/footprints.ts `footprintLabel`), to spread into a
 * table's header lines: none when the result has no footprint.
 */
export const footprintLines = (footprint: string | null | undefined, prefix = ""): string[] =>
  footprint ? [`${prefix}${footprint}`] : [];

/** The same, as text to follow a header line: the footprint line with its newline, or nothing. */
export const footprintText = (footprint: string | null | undefined): string =>
  footprintLines(footprint)
    .map((l) => `${l}\n`)
    .join("");
