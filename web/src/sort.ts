// Sorting table rows by a column: numbers numerically, text in en-GB collation, missing values last in
// either direction; ties keep their order (Array.prototype.sort is stable).

export type SortDirection = "ascending" | "descending";
export type Cell = string | number | boolean | null | undefined;

const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

export function compareCells(a: Cell, b: Cell, direction: SortDirection): number {
  const missingA = a === null || a === undefined || a === "";
  const missingB = b === null || b === undefined || b === "";
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  const sign = direction === "ascending" ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return sign * (a - b);
  return sign * collator.compare(String(a), String(b));
}

export function sortRows<R>(rows: readonly R[], value: (row: R) => Cell, direction: SortDirection): R[] {
  return [...rows].sort((x, y) => compareCells(value(x), value(y), direction));
}
