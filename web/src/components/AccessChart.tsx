// Access by IMD quintile before and after (Observable Plot, loaded only where drawn): for each quintile
// (1 most deprived) and the whole area, two bars of the need-weighted mean distance, km. The page puts the
// same figures in a table beside it.
import { useEffect, useRef } from "preact/hooks";
import type { AccessRow } from "../neighbourhoods/map-data.ts";
import { loadPlot } from "../preload.ts";
import { Legend } from "./Legend.tsx";
import { withOneAccessibleName } from "./plot-accessibility.ts";

const BEFORE = "#768692";
const AFTER = "#005eb8";

export const groupLabel = (g: string) => (g === "all" ? "All" : g === "unknown" ? "Unknown" : g);

export function AccessChart({
  id,
  title,
  rows,
  beforeLabel,
  afterLabel,
}: {
  id: string;
  title: string;
  rows: AccessRow[];
  beforeLabel: string;
  afterLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const bars = rows.flatMap((r) => [
    ...(r.beforeKm === null ? [] : [{ group: groupLabel(r.group), series: beforeLabel, km: r.beforeKm }]),
    ...(r.afterKm === null ? [] : [{ group: groupLabel(r.group), series: afterLabel, km: r.afterKm }]),
  ]);
  useEffect(() => {
    let live = true;
    let chart: Element | undefined;
    loadPlot().then((Plot) => {
      if (!live || !box.current) return;
      chart = Plot.plot({
        width: Math.max(320, Math.min(720, box.current.clientWidth)),
        height: 280,
        marginLeft: 60,
        ariaLabel: title,
        ariaDescription: bars.map((b) => `${b.group}, ${b.series}: ${b.km.toFixed(2)} km`).join("; "),
        fx: { label: "IMD quintile (Q1 most deprived)", domain: rows.map((r) => groupLabel(r.group)) },
        x: { axis: null, domain: [beforeLabel, afterLabel] },
        y: { label: "Mean distance to the nearest site, km", grid: true },
        color: { domain: [beforeLabel, afterLabel], range: [BEFORE, AFTER] },
        marks: [Plot.barY(bars, { fx: "group", x: "series", y: "km", fill: "series" }), Plot.ruleY([0])],
      });
      box.current.replaceChildren(withOneAccessibleName(chart));
      box.current.dataset.drawn = "true";
    });
    return () => {
      live = false;
      chart?.remove();
    };
  }, [JSON.stringify([rows, beforeLabel, afterLabel])]);
  return (
    <figure class="icsplan-chart-block" id={id}>
      <div ref={box} class="icsplan-chart" data-drawn="false" />
      <Legend
        title="Need-weighted mean distance, km"
        entries={[
          { colour: BEFORE, label: beforeLabel },
          { colour: AFTER, label: afterLabel },
        ]}
      />
      <figcaption class="nhsuk-body-s">{title}. The table below holds the chart's figures.</figcaption>
    </figure>
  );
}
