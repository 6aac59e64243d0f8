// A practice's partnership risk: each component with its measure, value, points and status, as a table.
import { decimal } from "../format.ts";
import type { PracticeRisk } from "../types.ts";

export function RiskComponents({ risk, id }: { risk: PracticeRisk; id: string }) {
  return (
    <div class="nhsuk-table-container" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table class="nhsuk-table" id={id}>
        <caption class="nhsuk-table__caption" id={`${id}-caption`}>
          Partnership risk of {risk.practice.name}: {risk.score} of {risk.maxScore} points
          {risk.flagged ? " (flagged)" : ""}, {risk.known} of {risk.components.length} components known
        </caption>
        <thead class="nhsuk-table__head">
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="col">
              Component
            </th>
            <th class="nhsuk-table__header" scope="col">
              Measure
            </th>
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              Value
            </th>
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              Points
            </th>
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          {risk.components.map((c) => (
            <tr class="nhsuk-table__row" key={c.id} data-component={c.id}>
              <th class="nhsuk-table__header" scope="row">
                {c.label}
              </th>
              <td class="nhsuk-table__cell">
                {c.measure}
                {c.note ? ` (${c.note})` : ""}
              </td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-column="value">
                {c.status === "unknown" || c.value === null ? "unknown" : componentValue(c.id, c.value)}
              </td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-column="points">
                {c.points} of {c.maxPoints}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A component's value as the table prints it: changes and shares as percentages, counts as numbers. */
export function componentValue(id: string, value: number): string {
  if (id === "partner-change" || id === "list-growth" || id === "locum-reliance")
    return `${(value * 100).toLocaleString("en-GB", { maximumFractionDigits: 1 })}%`;
  if (id === "patients-per-gp" || id === "deprivation") return Math.round(value).toLocaleString("en-GB");
  return decimal(value);
}
