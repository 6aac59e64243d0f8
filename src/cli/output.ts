// Writes record lists as an aligned table, CSV (RFC 4180) or JSON.
import { UsageError } from "./run.ts";
import { renderTable } from "./format.ts";

export type OutputFormat = "table" | "csv" | "json";

export function parseFormat(text: string): OutputFormat {
  if (text === "table" || text === "csv" || text === "json") return text;
  throw new UsageError(`--format must be table, csv or json; found '${text}'`);
}

type Cell = string | number | boolean | null;

const csvCell = (v: Cell) => {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** One field of a record as a cell (absent is null). */
const cell = (record: object, key: string): Cell => (record as Record<string, Cell | undefined>)[key] ?? null;

export function renderRecords(
  records: readonly object[],
  format: OutputFormat,
  columns?: readonly string[],
): string {
  const keys = columns ?? Object.keys(records[0] ?? {});
  if (format === "json") return JSON.stringify(records, null, 2);
  if (format === "table" && records.length === 0) return "(none)";
  if (format === "csv")
    return [keys.join(","), ...records.map((r) => keys.map((k) => csvCell(cell(r, k))).join(","))].join("\n");
  return renderTable(
    [...keys],
    records.map((r) =>
      keys.map((k) => {
        const v = cell(r, k);
        return v === null ? "–" : String(v);
      }),
    ),
  );
}
