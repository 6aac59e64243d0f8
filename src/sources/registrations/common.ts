// Shared pieces of the "Patients Registered at a GP Practice" family of files.
import { SourceError } from "../errors.ts";

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

  get(): string {
    if (this.value === undefined) throw new Error("no extract date seen");
    return this.value;
  }
}

export const NHS_REGISTRATIONS = "NHS England, Patients Registered at a GP Practice";
