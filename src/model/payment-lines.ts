// Payment lines (every monetary column of an NHS Payments row beyond the typed core fields) are stored as a
// JSON array aligned with the dataset's `meta.lineColumns`, not as an object keyed by the long published
// column names: the keys were over 80% of the bytes and made the payments import four times slower.

export type PaymentLines = Record<string, number | null>;

/** The column names of every row's lines, in order (the first-seen order across rows). */
export function lineColumnsOf(rows: readonly PaymentLines[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

export function encodePaymentLines(columns: readonly string[], lines: PaymentLines): (number | null)[] {
  return columns.map((c) => lines[c] ?? null);
}

export function decodePaymentLines(columns: readonly string[], stored: unknown): PaymentLines {
  const values = Array.isArray(stored) ? (stored as (number | null)[]) : [];
  const lines: PaymentLines = {};
  columns.forEach((c, i) => (lines[c] = values[i] ?? null));
  return lines;
}
