// One figure by IMD quintile (1 most deprived) as bars, with the all-practices figure as a rule across them
// (Observable Plot, loaded only where drawn). The page puts the same figures in a table beside it.
import { useEffect, useRef } from "preact/hooks";
import { loadPlot } from "../preload.ts";
import { Legend } from "./Legend.tsx";
import { withOneAccessibleName } from "./plot-accessibility.ts";

const BAR = "#005eb8";
const ALL = "#d5281b";

export function QuintileBarChart({
  id,
  title,
  yLabel,
  bars,
  all,
}: {
  id: string;
  title: string;
  yLabel: string;
  bars: { label: string; value: number | null }[];
  all: number | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const shown = bars.filter((b): b is { label: string; value: number } => b.value !== null);
  useEffect(() => {
    let live = true;
    let chart: Element | undefined;
    loadPlot().then((Plot) => {
      if (!live || !box.current) return;
      chart = Plot.plot({
        width: Math.max(320, Math.min(640, box.current.clientWidth)),
        height: 260,
        marginLeft: 60,
        ariaLabel: title,
        ariaDescription: shown.map((b) => `${b.label}: ${b.value.toFixed(2)}`).join("; "),
        x: { label: "IMD quintile (1 most deprived)", domain: bars.map((b) => b.label) },
        y: { label: yLabel, grid: true },
        marks: [
          Plot.barY(shown, { x: "label", y: "value", fill: BAR }),
          Plot.ruleY([0]),
          ...(all === null
            ? []
            : [Plot.ruleY([all], { stroke: ALL, strokeWidth: 2, strokeDasharray: "6 3" })]),
        ],
      });
      box.current.replaceChildren(withOneAccessibleName(chart));
      box.current.dataset.drawn = "true";
    });
    return () => {
      live = false;
      chart?.remove();
    };
  }, [JSON.stringify([bars, all, yLabel])]);
  return (
    <figure class="icsplan-chart-block" id={id}>
      <div ref={box} class="icsplan-chart" data-drawn="false" />
      <Legend
        title={yLabel}
        entries={[
          { colour: BAR, label: "The quintile's practices" },
          ...(all === null ? [] : [{ colour: ALL, label: "All practices (dashed line)" }]),
        ]}
      />
      <figcaption class="nhsuk-body-s">{title}. The table below holds the chart's figures.</figcaption>
    </figure>
  );
}
