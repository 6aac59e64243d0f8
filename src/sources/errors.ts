// A rejected input, located as precisely as the file allows: file, line, column, what was expected and
// what was found. Every importer throws these; the CLI prints `message` and exits non-zero.
import { RequestError } from "../model/errors.ts";
export interface SourceLocation {
  file: string;
  line?: number | undefined;
  column?: string | undefined;
}

/** A found value longer than this is cut in the message (a 10 MB line must not make a 10 MB message). */
const MAX_FOUND = 200;

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
    const readable =
      found.length > MAX_FOUND
        ? `${found.slice(0, MAX_FOUND - 40)}… (${found.length.toLocaleString("en-GB")} characters in all)`
        : found;
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
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return `'${short}'`;
}
