// The studio's live metrics panel: today's PCNs against the configuration being edited, one row per
// measure (web/src/studio/panel.ts), recomputed in the browser as practices move.
import type { BandRule } from "../bands.ts";
import type { StudioMetrics } from "../studio/metrics.ts";
import { measures } from "../studio/panel.ts";

export function MetricsTable({
  id,
  caption,
  columns,
  rule,
}: {
  id: string;
  caption: string;
  columns: { label: string; metrics: StudioMetrics | undefined }[];
  rule: BandRule;
}) {
  return (
    <table class="nhsuk-table" id={id}>
      <caption class="nhsuk-table__caption">{caption}</caption>
      <thead class="nhsuk-table__head">
        <tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">
            Measure
          </th>
          {columns.map((c) => (
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" key={c.label}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        {measures(rule).map((m) => (
          <tr class="nhsuk-table__row" key={m.key} data-measure={m.key}>
            <th class="nhsuk-table__header" scope="row">
              {m.label}
            </th>
            {columns.map((c) => (
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric" key={c.label}>
                {c.metrics ? m.value(c.metrics) : "…"}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StudioMetricsTable({
  today,
  current,
  rule,
}: {
  today: StudioMetrics;
  current: StudioMetrics;
  rule: BandRule;
}) {
  return (
    <MetricsTable
      id="studio-metrics"
      caption="Today's PCNs against this configuration (updated as you move practices)"
      columns={[
        { label: "Today", metrics: today },
        { label: "This configuration", metrics: current },
      ]}
      rule={rule}
    />
  );
}
