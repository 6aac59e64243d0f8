// Column specs for tabular sources. A spec names each column (with the aliases it has carried across
// releases), its type and its rules; `readTable` checks the header against it, then yields typed rows
// or throws a SourceError naming the line, the column, what was expected and what was found.
import { readCsvBatches, type CsvOptions, type CsvRecord } from "./csv.ts";
import { SourceError, shown } from "./errors.ts";
import type { SourceFile } from "./file.ts";

type Kind = "text" | "int" | "number" | "date";

export interface ColumnSpec<T> {
  /** Accepted header names; the first is the canonical one. Matching ignores case and surrounding spaces. */
  names: readonly string[];
  kind: Kind;
  /** An absent column is allowed (values are null). */
  optional: boolean;
  /** An empty value is allowed (null). */
  nullable: boolean;
  /** Extra check on the parsed value; returns what was expected when it fails. */
  check?(value: NonNullable<T>): string | undefined;
  /** Tokens read as null (besides the empty string). */
  nullTokens?: readonly string[];
  readonly _type?: T;
}

type Builder<T> = ColumnSpec<T> & {
  optionalColumn(): Builder<T | null>;
  orNull(...tokens: string[]): Builder<T | null>;
  where(check: (value: NonNullable<T>) => string | undefined): Builder<T>;
};

function builder<T>(spec: ColumnSpec<T>): Builder<T> {
  return {
    ...spec,
    optionalColumn: () =>
      builder<T | null>({ ...spec, optional: true, nullable: true } as ColumnSpec<T | null>),
    orNull: (...tokens: string[]) =>
      builder<T | null>({ ...spec, nullable: true, nullTokens: tokens } as ColumnSpec<T | null>),
    where: (check) => builder<T>({ ...spec, check }),
  };
}

const make =
  <T>(kind: Kind) =>
  (...names: string[]): Builder<T> =>
    builder<T>({ names, kind, optional: false, nullable: false });

export const col = {
  text: make<string>("text"),
  int: make<number>("int"),
  number: make<number>("number"),
  /** A date in any of the published forms (YYYYMMDD, YYYY-MM-DD, 01Jan2026, 01-Sep-20); read as YYYY-MM-DD. */
  date: make<string>("date"),
};

export const rules = {
  pattern:
    (re: RegExp, what: string) =>
    (v: string): string | undefined =>
      re.test(v) ? undefined : what,
  atLeast:
    (min: number) =>
    (v: number): string | undefined =>
      v >= min ? undefined : `a number of at least ${min}`,
  between:
    (min: number, max: number) =>
    (v: number): string | undefined =>
      v >= min && v <= max ? undefined : `a number from ${min} to ${max}`,
  oneOf:
    (...values: string[]) =>
    (v: string): string | undefined =>
      values.includes(v) ? undefined : `one of ${values.join(", ")}`,
};

/** ODS practice code: a letter and five alphanumerics (e.g. A81001, Y02719). */
export const PRACTICE_CODE = rules.pattern(/^[A-Z][A-Z0-9]\d{4}$/, "an ODS practice code such as A81001");

/**
 * Practice codes written in lower case (`a81001`) are read in capitals, as ODS defines them, and counted
 * per column so the import can say so. Anything that is not a practice code even in capitals is refused.
 */
export class PracticeCodeCase {
  private readonly fixed = new Map<string, { codes: Set<string>; line: number; raw: string }>();

  constructor(private readonly file: string) {}

  /** The code in capitals, or throws naming the line and column. */
  code(raw: string, line: number, column: string): string {
    if (PRACTICE_CODE(raw) === undefined) return raw;
    const upper = raw.toUpperCase();
    const problem = PRACTICE_CODE(upper);
    if (problem) throw new SourceError({ file: this.file, line, column }, problem, shown(raw));
    const seen = this.fixed.get(column);
    if (seen) seen.codes.add(raw);
    else this.fixed.set(column, { codes: new Set([raw]), line, raw });
    return upper;
  }

  /** One warning per column that held lower-case codes (counting distinct codes). */
  warnings(): string[] {
    return [...this.fixed].map(([column, f]) => {
      const n = f.codes.size;
      return (
        `${n.toLocaleString("en-GB")} practice code${n === 1 ? "" : "s"} in column '${column}' ` +
        `${n === 1 ? "was" : "were"} not in capitals and ${n === 1 ? "was" : "were"} read in capitals ` +
        `(first on line ${f.line.toLocaleString("en-GB")}: '${f.raw}' → '${f.raw.toUpperCase()}')`
      );
    });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Spec = Record<string, ColumnSpec<any>>;
export type RowOf<S extends Spec> = { [K in keyof S]: S[K] extends ColumnSpec<infer T> ? T : never } & {
  readonly _line: number;
};

const MONTHS: Record<string, string> = {
  JAN: "01",
  FEB: "02",
  MAR: "03",
  APR: "04",
  MAY: "05",
  JUN: "06",
  JUL: "07",
  AUG: "08",
  SEP: "09",
  OCT: "10",
  NOV: "11",
  DEC: "12",
};

/** Parses the date forms NHS files use; returns YYYY-MM-DD or undefined. */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t) ?? /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(t);
  if (m) return valid(m[1]!, m[2]!, m[3]!);
  m = /^(\d{1,2})-?([A-Za-z]{3})-?(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS[m[2]!.toUpperCase()];
    const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
    return month ? valid(year, month, m[1]!.padStart(2, "0")) : undefined;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return valid(m[3]!, m[2]!.padStart(2, "0"), m[1]!.padStart(2, "0"));
  return undefined;
}

function valid(y: string, mo: string, d: string): string | undefined {
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d)
    ? `${y}-${mo}-${d}`
    : undefined;
}

const EXPECTED: Record<Kind, string> = {
  text: "text",
  int: "a whole number",
  number: "a number",
  date: "a date (YYYYMMDD, YYYY-MM-DD or 01Jan2026)",
};

const normaliseName = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s._]+/g, " ");

interface Bound {
  key: string;
  spec: ColumnSpec<unknown>;
  index: number;
  label: string;
}

export interface TableOptions extends CsvOptions {
  /** The file has no header row: columns are bound by position, in spec order. */
  headerless?: boolean;
  /** Told of what was read differently or ignored (lower-case practice codes, an extra trailing column). */
  warn?: (message: string) => void;
  /**
   * Columns the published file carries after the last one the spec reads: not warned about. Any other named
   * column after the last column read is an extra one, and ignoring it is a warning.
   */
  knownTrailing?: readonly string[];
}

export interface TableReader<S extends Spec> {
  /** Header fields as found (empty for headerless files). */
  header: string[];
  rows: AsyncGenerator<RowOf<S>>;
  /** Reads a practice code checked outside the spec: lower case in capitals (counted), else refused. */
  practiceCode(raw: string, line: number, column: string): string;
}

/** The named columns after the last bound one that the format does not know: extra, and ignored. */
function extraTrailing(header: string[], bound: Bound[], known: readonly string[] = []): string[] {
  const last = Math.max(-1, ...bound.map((b) => b.index));
  const knownNames = new Set(known.map(normaliseName));
  const extra: string[] = [];
  for (let i = last + 1; i < header.length; i++) {
    const name = header[i]!.trim();
    if (name !== "" && !knownNames.has(normaliseName(name))) extra.push(`'${name}' (column ${i + 1})`);
  }
  return extra;
}

/** Binds the header to the spec, or throws naming the missing columns and listing what was found. */
export function bindHeader(file: SourceFile, spec: Spec, header: string[]): Bound[] {
  const names = header.map(normaliseName);
  const bound: Bound[] = [];
  const missing: string[] = [];
  for (const [key, s] of Object.entries(spec)) {
    const index = names.findIndex((n) => s.names.some((alias) => normaliseName(alias) === n));
    if (index === -1) {
      if (!s.optional)
        missing.push(
          s.names.length > 1
            ? `'${s.names[0]}' (or ${s.names
                .slice(1)
                .map((n) => `'${n}'`)
                .join(", ")})`
            : `'${s.names[0]}'`,
        );
      continue;
    }
    bound.push({ key, spec: s, index, label: header[index]!.trim() });
  }
  if (missing.length > 0) {
    throw new SourceError(
      { file: file.label, line: 1 },
      `column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
      `the columns ${header.map((h) => `'${h.trim()}'`).join(", ") || "(none)"}`,
      "a column is missing or has been renamed",
    );
  }
  return bound;
}

type Converter = (record: CsvRecord) => unknown;

/** Compiles the reader of one bound column: null handling, parsing by kind, then the column's check. */
function converter(file: SourceFile, b: Bound, codes: PracticeCodeCase): Converter {
  const { kind, nullable, nullTokens, check } = b.spec;
  // A practice-code column reads lower-case codes in capitals (counted, for the import's warning).
  if (check === PRACTICE_CODE) {
    return (record) => {
      const raw = record.fields[b.index] ?? "";
      const text = raw.trim();
      if (text === "" || (nullTokens !== undefined && nullTokens.includes(text))) {
        if (nullable) return null;
        throw new SourceError(
          { file: file.label, line: record.line, column: b.label },
          EXPECTED.text,
          shown(raw),
          "this column may not be empty",
        );
      }
      return codes.code(text, record.line, b.label);
    };
  }
  const fail = (record: CsvRecord, expected: string, raw: string, hint?: string): never => {
    throw new SourceError(
      { file: file.label, line: record.line, column: b.label },
      expected,
      shown(raw),
      hint,
    );
  };
  const parse: (text: string, record: CsvRecord, raw: string) => unknown =
    kind === "text"
      ? (text) => text
      : kind === "date"
        ? (text, record, raw) => parseDate(text) ?? fail(record, EXPECTED.date, raw)
        : (text, record, raw) => {
            const clean = text.includes(",") ? text.replaceAll(",", "") : text;
            const v = Number(kind === "number" && clean.startsWith("£") ? clean.slice(1) : clean);
            if (kind === "int" ? !Number.isInteger(v) : !Number.isFinite(v))
              fail(record, EXPECTED[kind], raw);
            return v;
          };
  return (record) => {
    const raw = record.fields[b.index] ?? "";
    const c0 = raw.charCodeAt(0);
    const c1 = raw.charCodeAt(raw.length - 1);
    const text = c0 === 32 || c1 === 32 || c0 === 9 || c1 === 9 ? raw.trim() : raw;
    if (text === "" || (nullTokens !== undefined && nullTokens.includes(text))) {
      if (nullable) return null;
      return fail(record, EXPECTED[kind], raw, "this column may not be empty");
    }
    const value = parse(text, record, raw);
    if (check) {
      const problem = check(value as never);
      if (problem) fail(record, problem, raw);
    }
    return value;
  };
}

/**
 * Reads a CSV file against a spec. Rows with the wrong number of fields are rejected (a truncated last
 * line is the usual cause). An empty file, or one with a header and no rows, is rejected.
 */
export async function readTable<S extends Spec>(
  file: SourceFile,
  spec: S,
  options: TableOptions = {},
): Promise<TableReader<S>> {
  const batches = readCsvBatches(file, options);
  let header: string[] = [];
  let width = -1;
  let bound: Bound[];
  let pending: CsvRecord[] = [];
  if (options.headerless) {
    bound = Object.entries(spec).map(([key, s], index) => ({ key, spec: s, index, label: s.names[0]! }));
  } else {
    const first = await batches.next();
    if (first.done) {
      throw new SourceError({ file: file.label }, "a header line and data rows", "an empty file");
    }
    header = first.value[0]!.fields;
    pending = first.value.slice(1);
    bound = bindHeader(file, spec, header);
    width = header.length;
    const extra = extraTrailing(header, bound, options.knownTrailing);
    if (extra.length > 0)
      options.warn?.(
        `the extra column${extra.length > 1 ? "s" : ""} ${extra.join(", ")} after the last column read ` +
          `${extra.length > 1 ? "were" : "was"} ignored: ${extra.length > 1 ? "they are" : "it is"} not part of this format`,
      );
  }
  const codes = new PracticeCodeCase(file.label);
  const keys = bound.map((b) => b.key);
  const converters = bound.map((b) => converter(file, b, codes));

  function toRow(record: CsvRecord): RowOf<S> {
    if (record.fields.length !== width) {
      throw new SourceError(
        { file: file.label, line: record.line },
        `${width} fields`,
        `${record.fields.length}`,
        record.fields.length < width
          ? "the line is cut short: the file may be truncated"
          : "a stray delimiter",
      );
    }
    const row: Record<string, unknown> = { _line: record.line };
    for (let k = 0; k < keys.length; k++) row[keys[k]!] = converters[k]!(record);
    return row as RowOf<S>;
  }

  async function* rows(): AsyncGenerator<RowOf<S>> {
    let count = 0;
    let batch: CsvRecord[] | undefined = pending;
    while (batch) {
      const converted: RowOf<S>[] = [];
      for (const record of batch) {
        if (record.fields.length === 1 && record.fields[0]!.trim() === "") continue;
        if (width === -1) width = record.fields.length;
        converted.push(toRow(record));
      }
      count += converted.length;
      for (const row of converted) yield row;
      const next = await batches.next();
      batch = next.done ? undefined : next.value;
    }
    if (count === 0) {
      throw new SourceError(
        { file: file.label },
        "at least one data row",
        options.headerless ? "an empty file" : "only a header line",
      );
    }
    for (const warning of codes.warnings()) options.warn?.(warning);
  }
  return {
    header,
    rows: rows(),
    practiceCode: (raw, line, column) => codes.code(raw, line, column),
  };
}
