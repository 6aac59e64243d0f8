// The NHS error summary: "There is a problem", each error naming its field and linking to the control it
// belongs to when the page has one. It takes focus when it appears, so keyboard and screen-reader users
// reach it first.
import { useEffect, useRef } from "preact/hooks";
import { fieldName, type FieldError } from "../errors.ts";

export { fromApiError, type FieldError } from "../errors.ts";

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
