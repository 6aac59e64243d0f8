// Small pieces shared by the workforce, payments, deprivation, ePCN and QOF importers: header tests for
// recognisers, a batched writer, duplicate-key detection, a peek at the header row, and years and dates
// taken from file names (for publications whose body does not carry them).
import { basename, dirname } from "node:path";
import { readCsv } from "./csv.ts";
import { SourceError } from "./errors.ts";
import type { Encoding, SourceFile } from "./file.ts";
import type { ImportContext } from "./format.ts";
import type { TableName } from "../store/schema.ts";

/** A column name reduced to lower-case letters and digits: `Practice.Code` = `PRACTICE_CODE` = `practicecode`. */
export const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** True when the header has every named column (compared squashed, so case and punctuation do not matter). */
export function hasColumns(header: readonly string[], ...names: string[]): boolean {
  const have = new Set(header.map(squash));
  return names.every((n) => have.has(squash(n)));
}

/** The first CSV record of a file (the header row), or [] for an empty file. */
export async function peekHeader(file: SourceFile, encoding?: Encoding): Promise<string[]> {
  for await (const record of readCsv(file, encoding ? { encoding } : {})) return record.fields;
  return [];
}

/** Buffers rows for one table and hands them to `ctx.write` in batches. */
export class Batch {
  private rows: Record<string, unknown>[] = [];

  constructor(
    private readonly ctx: ImportContext,
    private readonly table: TableName,
    private readonly columns: readonly string[],
    private readonly size = 5000,
  ) {}

  async add(row: Record<string, unknown>): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length > 0) await this.ctx.write(this.table, this.columns, this.rows.splice(0));
  }
}

/** Rejects a key seen twice, naming both lines. */
export class UniqueKey {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly column: string,
    private readonly what: string,
  ) {}

  check(key: string, line: number, shownKey = key): void {
    const first = this.seen.get(key);
    if (first !== undefined) {
      throw new SourceError(
        { file: this.file, line, column: this.column },
        `each ${this.what} once`,
        `${shownKey} a second time (first on line ${first.toLocaleString("en-GB")})`,
        `duplicate ${this.what}`,
      );
    }
    this.seen.set(key, line);
  }

  get size(): number {
    return this.seen.size;
  }
}

/**
 * A fiscal year named in the file name or its folder: `2021-22`, `2021_22`, `2021-2022` or `21-22`
 * (consecutive years only, so a date such as `2024-10` is not taken for one). Returns the starting year.
 */
export function fiscalYearFromPath(path: string): number | undefined {
  for (const name of [basename(path), basename(dirname(path))]) {
    for (const m of name.matchAll(/(?<![0-9])(20\d{2})[-_](\d{2}|20\d{2})(?![0-9])/g)) {
      const start = Number(m[1]);
      if (Number(m[2]!.slice(-2)) === (start + 1) % 100) return start;
    }
    for (const m of name.matchAll(/(?<![0-9])(\d{2})[-_](\d{2})(?![0-9])/g)) {
      const start = 2000 + Number(m[1]);
      if (Number(m[2]) === (start + 1) % 100) return start;
    }
  }
  return undefined;
}

/** `2021` → `2021-22`. */
export const fiscalYearLabel = (start: number): string =>
  `${start}-${String((start + 1) % 100).padStart(2, "0")}`;

/**
 * A month written `YYYY-MM` (or `YYYY_MM`) in a file name, e.g. `…lsoa-all_2025-10_QNC.csv` → `2025-10-01`.
 * Used only where the file itself carries no date.
 */
export function monthFromFileName(path: string): string | undefined {
  const m = /(?:^|[^0-9])((?:19|20)\d{2})[-_](0[1-9]|1[0-2])(?![0-9])/.exec(basename(path));
  return m ? `${m[1]}-${m[2]}-01` : undefined;
}

/** The later of two ISO dates (either may be null). */
export const laterDate = (a: string | null | undefined, b: string | null | undefined): string | undefined =>
  !a ? (b ?? undefined) : !b ? a : a > b ? a : b;
