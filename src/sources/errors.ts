// A rejected input, located as precisely as the file allows: file, line, column, what was expected and
// what was found. Every importer throws these; the CLI prints `message` and exits non-zero.
import { RequestError } from "../model/errors.ts";
export interface SourceLocation {
  file: string;
  line?: number | undefined;
  column?: string | undefined;
}

/** A found value longer than this is cut in the message (a 10 MB line must not make a 10 MB message). */
export const MAX_FOUND = 80;

/**
 * A value cut to about `max` characters for a message, saying how long it was: `'AAAA…' (5,000,000
 * characters)`. A quoted value keeps its quotes, and its length is counted without them.
 */
export function cut(value: string, max = MAX_FOUND): string {
  if (value.length <= max) return value;
  const quoted = value.length > 1 && value.startsWith("'") && value.endsWith("'");
  const inner = quoted ? value.slice(1, -1) : value;
  const size = `(${inner.length.toLocaleString("en-GB")} characters)`;
  return quoted ? `'${inner.slice(0, max - 2)}…' ${size}` : `${inner.slice(0, max)}… ${size}`;
}

export class SourceError extends RequestError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly expected: string;
  readonly found: string;

  constructor(where: SourceLocation, expected: string, found: string, hint?: string) {
    const place = [
      `'${where.file}'`,
      where.line !== undefined ? `line ${where.line.toLocaleString("en-GB")}` : undefined,
      where.column !== undefined ? `column '${where.column}'` : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    // A value already cut by `shown` (80 characters and its size) is not cut again.
    const readable = found.length > MAX_FOUND + 32 ? cut(found) : found;
    super(`${place}: expected ${expected}, found ${readable}${hint ? ` (${hint})` : ""}`, {
      kind: "unprocessable",
      field: place,
    });
    this.name = "SourceError";
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.expected = expected;
    this.found = readable;
  }
}

/** Shows a found value in an error message: quoted, shortened, and `an empty value` for "". */
export function shown(value: string | undefined | null): string {
  if (value === undefined || value === null || value === "") return "an empty value";
  return cut(`'${value}'`);
}
