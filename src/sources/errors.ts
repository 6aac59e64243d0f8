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
  return quoted ? `'${inner.slice(0, max - 3)}…' ${size}` : `${inner.slice(0, max - 1)}… ${size}`;
}

/**
 * What was found, readable: each quoted value in it over MAX_FOUND characters is cut (one cut by `shown`
 * already is left alone), and a description that is still over MAX_DESCRIPTION is cut as a whole.
 */
function readableFound(found: string): string {
  let quotes = found;
  if (found.length > MAX_FOUND) {
    // Scanned by hand: a regular expression over a 10 MB value overflows the stack.
    const parts: string[] = [];
    let from = 0;
    for (let open = found.indexOf("'"); open !== -1;) {
      const close = found.indexOf("'", open + 1);
      if (close === -1) break;
      parts.push(found.slice(from, open), cut(found.slice(open, close + 1)));
      from = close + 1;
      open = found.indexOf("'", from);
    }
    parts.push(found.slice(from));
    quotes = parts.join("");
  }
  return quotes.length > MAX_DESCRIPTION ? cut(quotes, MAX_DESCRIPTION) : quotes;
}

/** A description of what was found (a ring's fault with its positions) longer than this is cut. */
const MAX_DESCRIPTION = 400;

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
    const readable = readableFound(found);
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
