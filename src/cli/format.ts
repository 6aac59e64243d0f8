// Number and table formatting for terminal output.
export const formatCount = (n: number): string => Math.round(n).toLocaleString("en-GB");

export const formatDecimal = (n: number, digits = 1): string =>
  n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const formatPercent = (fraction: number, digits = 1): string => `${(100 * fraction).toFixed(digits)}%`;

/** Left-aligns text columns and right-aligns numeric ones (cells that look like numbers). */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-+£]?[\d,.]+%?$|^–$/.test(r[i] ?? "")),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
