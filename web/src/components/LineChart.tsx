// Lines over periods (Observable Plot, loaded only where drawn): a few series, each a colour with a legend
// entry, and optionally many context lines in one grey (e.g. every PCN behind its ICB). The figures are
// in a table beside the chart, which the page supplies.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { loadPlot } from "../preload.ts";
import { Legend, type LegendEntry } from "./Legend.tsx";
import { withOneAccessibleName } from "./plot-accessibility.ts";

export interface LinePoint {
  x: string;
  y: number | null;
}

export interface LineSeries {
  name: string;
  points: LinePoint[];
}

interface Drawn {
  series: string;
  x: string;
  y: number;
}

const flat = (series: LineSeries[]): Drawn[] =>
  series.flatMap((s) =>
    s.points.flatMap((p) =>
      p.y === null || !Number.isFinite(p.y) ? [] : [{ series: s.name, x: p.x, y: p.y }],
    ),
  );

export function LineChart({
  id,
  title,
  xLabel,
  yLabel,
  periods,
  lines,
  context,
  children,
}: {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  /** The x axis, in order. */
  periods: string[];
  /** The highlighted series, each with its own colour and legend entry. */
  lines: { series: LineSeries; colour: string }[];
  /** Series drawn behind in one grey, with one legend entry. */
  context?: { series: LineSeries[]; label: string };
  children?: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([periods, lines, context?.series.length]);
  useEffect(() => {
    let live = true;
    let chart: Element | undefined;
    loadPlot().then((Plot) => {
      if (!live || !box.current) return;
      const marks = [];
      if (context)
        marks.push(
          Plot.lineY(flat(context.series), { x: "x", y: "y", z: "series", stroke: GREY, strokeWidth: 1 }),
        );
      for (const l of lines) {
        const rows = flat([l.series]);
        marks.push(Plot.lineY(rows, { x: "x", y: "y", stroke: l.colour, strokeWidth: 3 }));
        marks.push(
          Plot.dot(rows, {
            x: "x",
            y: "y",
            fill: l.colour,
            title: (d: Drawn) => `${d.series}, ${d.x}: ${d.y.toFixed(2)}`,
          }),
        );
      }
      chart = Plot.plot({
        width: Math.max(320, Math.min(760, box.current.clientWidth)),
        height: 280,
        marginLeft: 60,
        marginBottom: 50,
        ariaLabel: title,
        ariaDescription: lines
          .map(
            (l) =>
              `${l.series.name}: ${l.series.points.map((p) => `${p.x} ${p.y === null ? "no figure" : p.y.toFixed(2)}`).join(", ")}`,
          )
          .join("; "),
        x: { label: xLabel, domain: periods, type: "point", tickRotate: -30 },
        y: { label: yLabel, grid: true, zero: true },
        marks,
      });
      box.current.replaceChildren(withOneAccessibleName(chart));
      box.current.dataset.drawn = "true";
    });
    return () => {
      live = false;
      chart?.remove();
    };
  }, [key]);
  const legend: LegendEntry[] = lines.map((l) => ({ colour: l.colour, label: l.series.name }));
  if (context) legend.push({ colour: GREY, label: context.label });
  return (
    <figure class="icsplan-chart-block" id={id}>
      <div ref={box} class="icsplan-chart" data-drawn="false" />
      <Legend title={yLabel} entries={legend} />
      <figcaption class="nhsuk-body-s">{title}. The table below holds the chart's figures.</figcaption>
      {children}
    </figure>
  );
}

const GREY = "#aeb7bd";
