// API errors as the error summary shows them: the field's human name, the message without the field
// prefix, and the id of the control to fix (pure, tested without a browser).
import type { ApiError } from "./api.ts";

export interface FieldError {
  message: string;
  field?: string | undefined;
  /** The id of the control to fix, when the page has one. */
  target?: string | undefined;
}

/** The human name of an API field, for the error summary. */
const FIELD_NAMES: Record<string, string> = {
  icb: "ICB",
  subIcb: "Place (sub-ICB location)",
  q: "Search",
  date: "Date",
  lists: "List date",
  band: "Size band",
  pcn: "PCN",
  code: "ODS code",
  role: "Role",
  by: "Your name",
  practices: "Practices",
  model: "Model",
  maxKm: "Furthest distance (km)",
  cap: "Cap",
  into: "Practice kept",
  fund: "Fund",
  method: "Method",
  hiShare: "Health-inequalities share",
  floor: "Floor",
};

export const fieldName = (field: string) => FIELD_NAMES[field] ?? field;

/**
 * An API error for the summary: its message without a leading "field: " (the summary names the field).
 * Some routes answer with the command line's wording and no field ("--icb: no ICB has …", "--icb 'X' has
 * …"): the flag names the field then.
 */
export function fromApiError(error: ApiError, targets: Record<string, string> = {}): FieldError {
  const flag = error.field ? undefined : /^--([a-zA-Z]+)(:? )/.exec(error.message);
  const field = error.field ?? flag?.[1];
  // A field's problem in the command line's wording ("--floor must be …", "--hi-share …"): the summary
  // names the field, so the flag is dropped.
  const ownFlag = error.field
    ? [error.field, error.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)]
        .map((f) => `--${f} `)
        .find((f) => error.message.startsWith(f))
    : undefined;
  const message = flag
    ? flag[2] === ": "
      ? error.message.slice(flag[0].length)
      : error.message.slice(2)
    : ownFlag
      ? error.message.slice(ownFlag.length)
      : field && error.message.startsWith(`${field}: `)
        ? error.message.slice(field.length + 2)
        : error.message;
  return { message, field, target: field ? targets[field] : undefined };
}

/** The errors of a page's several requests, one per field (the first), so one bad ICB is one error. */
export function onePerField(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = e.field ?? e.message;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
