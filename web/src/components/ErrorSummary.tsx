// The NHS error summary: "There is a problem", each error naming its field and linking to the control it
// belongs to when the page has one. It takes focus when it appears, so keyboard and screen-reader users
// reach it first.
import { useEffect, useRef } from "preact/hooks";
import type { ApiError } from "../api.ts";

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
};

export const fieldName = (field: string) => FIELD_NAMES[field] ?? field;

export function fromApiError(error: ApiError, targets: Record<string, string> = {}): FieldError {
  return {
    message: error.message,
    field: error.field,
    target: error.field ? targets[error.field] : undefined,
  };
}

export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors.map((e) => e.message).join("|")]);
  if (errors.length === 0) return null;
  return (
    <div class="nhsuk-error-summary" ref={ref} tabIndex={-1} data-module="nhsuk-error-summary">
      <div role="alert">
        <h2 class="nhsuk-error-summary__heading">There is a problem</h2>
        <div class="nhsuk-error-summary__body">
          <ul class="nhsuk-list nhsuk-error-summary__list">
            {errors.map((e) => {
              const text = (
                <>
                  {e.field ? <span class="icsplan-error-field">{fieldName(e.field)}: </span> : null}
                  {e.message}
                </>
              );
              return <li key={e.message}>{e.target ? <a href={`#${e.target}`}>{text}</a> : text}</li>;
            })}
          </ul>
        </div>
      </div>
    </div>
  );
}
