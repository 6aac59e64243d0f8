// The contract every official file format implements. A format recognises its files by content (the
// header, or the shape of the first line), then streams, validates and writes them through an
// ImportContext. The import pipeline (src/app/import-files.ts) owns the transaction and the dataset row.
import type { Row } from "../store/store.ts";
import type { TableName } from "../store/schema.ts";
import type { SourceFile } from "./file.ts";

export interface FileSample {
  file: SourceFile;
  /** The first record, parsed as CSV (trimmed fields); empty for non-CSV files. */
  header: string[];
  /** The first line as text (BOM removed). */
  firstLine: string;
  /** Up to ~64 KB of the (decompressed) start of the file. */
  head: string;
  /**
   * What is wrong with the start of the file (a damaged archive entry, a NUL byte); for a plain file the
   * sample is its text before the fault, so it can still be recognised.
   */
  problem?: string;
}

export interface DatasetInfo {
  title: string;
  publisher: string;
  /** ISO date the data describes. */
  referenceDate: string;
  /** Human label of the period, e.g. `January 2026`, `FY2021-22`. */
  period: string;
  /** Distinguishes datasets of one source and date that do not replace each other (e.g. a subset's ICB). */
  scope?: string;
  meta?: Record<string, unknown>;
  synthetic?: boolean;
}

/** How far a file's codes join to a reference list (usually the practice register). */
export interface JoinCoverage {
  key: string;
  against: string;
  matched: number;
  total: number;
  /** Up to 10 codes that did not join, with the line where each first appears. */
  unmatched: { code: string; line: number }[];
}

export interface ImportResult {
  dataset: DatasetInfo;
  rows: number;
  coverage: JoinCoverage[];
  notes: string[];
  /**
   * What was read differently from the file, or not read at all, so the user can check it: lower-case
   * practice codes put in capitals, an extra trailing column ignored. Gathered by the import from
   * `ImportContext.warn`; the CLI prints each one.
   */
  warnings?: string[];
}

export interface PracticeRegister {
  label: string;
  codes: ReadonlySet<string>;
}

export interface ImportContext {
  file: SourceFile;
  /** Id of the dataset row the importer's rows must carry. */
  datasetId: number;
  /** Appends rows (buffered; flushed in batches). */
  write(table: TableName, columns: readonly string[], rows: readonly Row[]): Promise<void>;
  /** The newest practice register in the store (including one imported earlier in the same run). */
  practiceRegister(): Promise<PracticeRegister | undefined>;
  /** When true, any code that fails to join is an error rather than a reported gap. */
  strictJoins: boolean;
  progress(bytesRead: number): void;
  /** Reports something read differently from the file, or ignored (see `ImportResult.warnings`). */
  warn?: (message: string) => void;
  /**
   * The month (YYYY-MM-01) or day the user says the file describes (`icsplan import --date`), for files that
   * carry no date of their own; a file whose own date differs is refused.
   */
  date?: string;
}

export interface SourceFormat {
  id: string;
  title: string;
  publisher: string;
  /** Import order within a run: lower first (the practice register is 0). */
  order: number;
  /**
   * Header columns that mark the format (those `recognise` looks for, and a few it always carries). Not how
   * it recognises its files: used to name the nearest format when a header almost matches (a renamed or
   * missing column). A header of exactly these columns is recognised (tested).
   */
  columns?: readonly string[];
  recognise(sample: FileSample): boolean;
  import(ctx: ImportContext): Promise<ImportResult>;
}
