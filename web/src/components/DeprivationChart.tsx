// Registered patients by IMD quintile (1 most deprived) as a bar chart (Observable Plot, loaded only where
// drawn), with the same figures as a table beside it and the basis of the deprivation measure.
import { useEffect, useRef } from "preact/hooks";
import { quintileRows } from "../chart-data.ts";
import { percent, whole } from "../format.ts";
import { loadPlot } from "../preload.ts";
import { Legend } from "./Legend.tsx";
import { withOneAccessibleName } from "./plot-accessibility.ts";

const BAR = "#005eb8";

export function DeprivationChart({
  quintilePatients,
  basis,
  title,
}: {
  quintilePatients: number[];
  /** The basis in the API's words (where patients live, else the practice's decile). */
  basis: string;
  title: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const rows = quintileRows(quintilePatients);
  useEffect(() => {
    let live = true;
    let chart: Element | undefined;
    loadPlot().then((Plot) => {
      if (!live || !box.current) return;
      chart = Plot.plot({
        width: Math.max(320, Math.min(640, box.current.clientWidth)),
        height: 260,
        marginLeft: 70,
        ariaLabel: title,
        ariaDescription: rows.map((r) => `${r.label}: ${whole(r.patients)} patients`).join("; "),
        x: { label: "IMD quintile (1 most deprived)", domain: rows.map((r) => r.label) },
        y: { label: "Registered patients", grid: true, tickFormat: (d: number) => d.toLocaleString("en-GB") },
        marks: [Plot.barY(rows, { x: "label", y: "patients", fill: BAR }), Plot.ruleY([0])],
      });
      box.current.replaceChildren(withOneAccessibleName(chart));
      box.current.dataset.drawn = "true";
    });
    return () => {
      live = false;
      chart?.remove();
    };
  }, [quintilePatients.join(",")]);
  return (
    <figure class="icsplan-chart-block" id="deprivation-chart">
      <div ref={box} class="icsplan-chart" data-drawn="false" />
      <Legend title="Deprivation" entries={[{ colour: BAR, label: "Registered patients in the quintile" }]} />
      <figcaption class="nhsuk-body-s">
        {title}. Deprivation basis: {basis}.
      </figcaption>
      <table class="nhsuk-table" id="deprivation-table">
        <caption class="nhsuk-table__caption">
          Registered patients by IMD quintile (the chart's figures)
        </caption>
        <thead class="nhsuk-table__head">
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="col">
              IMD quintile
            </th>
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              Registered patients
            </th>
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              Share
            </th>
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          {rows.map((r) => (
            <tr class="nhsuk-table__row" key={r.label}>
              <th class="nhsuk-table__header" scope="row">
                {r.label}
              </th>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{whole(r.patients)}</td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{percent(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
