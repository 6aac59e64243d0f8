// The NHS summary list: a key and its value per row.
import type { ComponentChildren } from "preact";

export function SummaryList({ rows, id }: { rows: [string, ComponentChildren][]; id?: string }) {
  return (
    <dl class="nhsuk-summary-list" id={id}>
      {rows.map(([key, value]) => (
        <div class="nhsuk-summary-list__row" key={key}>
          <dt class="nhsuk-summary-list__key">{key}</dt>
          <dd class="nhsuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
