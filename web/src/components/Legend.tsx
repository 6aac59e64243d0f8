// A legend for a map or chart: a swatch and a label per entry, as a list (read out by screen readers).

export interface LegendEntry {
  colour: string;
  label: string;
  shape?: "square" | "circle";
}

export function Legend({ title, entries }: { title: string; entries: LegendEntry[] }) {
  return (
    <div class="icsplan-legend">
      <p class="nhsuk-body-s nhsuk-u-margin-bottom-1">
        <strong>{title}</strong>
      </p>
      <ul class="nhsuk-list icsplan-legend__list">
        {entries.map((e) => (
          <li key={e.label} class="icsplan-legend__item">
            <span
              class={`icsplan-legend__swatch${e.shape === "circle" ? " icsplan-legend__swatch--circle" : ""}`}
              style={{ background: e.colour }}
              aria-hidden="true"
            />
            {e.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
