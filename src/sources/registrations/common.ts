// Shared pieces of the "Patients Registered at a GP Practice" family of files.
import { statSync } from "node:fs";
import { basename } from "node:path";
import { SourceError, shown } from "../errors.ts";
import { monthFromFileName } from "../import-kit.ts";
import { parseDate } from "../table.ts";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `2026-01-01` → `January 2026`. */
export function monthLabel(isoDate: string): string {
  const [y, m] = isoDate.split("-");
  return `${MONTH_NAMES[Number(m) - 1]} ${y}`;
}

/** Every row of a monthly extract carries the same EXTRACT_DATE; a second date means a mixed file. */
export class ExtractDate {
  private value: string | undefined;

  constructor(
    private readonly file: string,
    private readonly column = "EXTRACT_DATE",
  ) {}

  see(date: string, line: number): void {
    if (this.value === undefined) this.value = date;
    else if (date !== this.value) {
      throw new SourceError(
        { file: this.file, line, column: this.column },
        `the same extract date on every row (${this.value})`,
        date,
        "the file mixes two extracts",
      );
    }
  }

  private lastText: string | undefined;

  /** For large files: takes the column's raw text and parses it only when it differs from the last row's. */
  seeText(text: string, line: number): void {
    if (text === this.lastText) return;
    const date = parseDate(text);
    if (!date) {
      throw new SourceError(
        { file: this.file, line, column: this.column },
        "a date (YYYYMMDD, YYYY-MM-DD or 01Jan2026)",
        shown(text),
      );
    }
    this.see(date, line);
    this.lastText = text;
  }

  get(): string {
    if (this.value === undefined) throw new Error("no extract date seen");
    return this.value;
  }
}

export const NHS_REGISTRATIONS = "NHS England, Patients Registered at a GP Practice";

/** The month a file describes when its content has no date: from its name, else its modification time. */
export function fileMonth(file: { path: string; label: string }): { date: string; from: string } {
  const named = monthFromFileName(file.label);
  if (named) return { date: named, from: `the file name ('${basename(file.label)}')` };
  const mtime = statSync(file.path).mtime;
  const date = `${mtime.getUTCFullYear()}-${String(mtime.getUTCMonth() + 1).padStart(2, "0")}-01`;
  return { date, from: "the file's modification time (no YYYY-MM in its name)" };
}

/** An ORG_TYPE as a lookup key: `SUB_ICB_LOCATION_CODE`, `Sub ICB Location` → `SUB ICB LOCATION …`. */
export const orgTypeKey = (t: string) =>
  t
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, " ");
