// Each PCN a scenario touches, its list before and after as an arrow against the 30,000–50,000 band
// (Observable Plot, loaded only where a chart is drawn); the PCN table beside it is the alternative.
import { useEffect, useRef } from "preact/hooks";
import { BAND_COLOURS, BANDS, bandLabel, type BandRule } from "../bands.ts";
import { Legend } from "../components/Legend.tsx";
import { loadPlot } from "../preload.ts";
import type { PcnEffect } from "./types.ts";
import { withOneAccessibleName } from "../components/plot-accessibility.ts";

export function BandShiftChart({ pcns, rule, title }: { pcns: PcnEffect[]; rule: BandRule; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    let chart: Element | undefined;
    loadPlot().then((Plot) => {
      if (!live || !box.current) return;
      const rows = [...pcns].sort((a, b) => b.listAfter - a.listAfter);
      const label = (p: PcnEffect) => `${p.name} (${p.code})`;
      const count = (n: number) => n.toLocaleString("en-GB");
      chart = Plot.plot({
        width: Math.max(320, box.current.clientWidth),
        height: 60 + rows.length * 26,
        marginLeft: 300,
        ariaLabel: title,
        ariaDescription: `${rows.length} PCNs: an arrow from the list before to the list after; dashed lines at ${count(rule.minimumList)} and ${count(rule.typicalMaximumList)}.`,
        x: { label: "Registered patients", grid: true, tickFormat: (d: number) => count(d) },
        y: { label: null, domain: rows.map(label) },
        color: { domain: [...BANDS], range: BANDS.map((b) => BAND_COLOURS[b]) },
        marks: [
          Plot.ruleX([rule.minimumList, rule.typicalMaximumList], {
            stroke: "#212b32",
            strokeDasharray: "4,3",
          }),
          Plot.dot(rows, { x: "listBefore", y: label, r: 4, stroke: "#768692", fill: "#ffffff" }),
          Plot.arrow(rows, {
            x1: "listBefore",
            x2: "listAfter",
            y: label,
            stroke: "#212b32",
            headLength: 6,
            title: (p: PcnEffect) =>
              `${label(p)}: ${count(p.listBefore)} → ${count(p.listAfter)} (${p.bandBefore} → ${p.bandAfter})`,
          }),
          Plot.dot(rows, { x: "listAfter", y: label, r: 5, fill: "bandAfter" }),
        ],
      });
      box.current.replaceChildren(withOneAccessibleName(chart));
      box.current.dataset.drawn = "true";
    });
    return () => {
      live = false;
      chart?.remove();
    };
  }, [pcns, rule]);
  return (
    <figure class="icsplan-chart-block" id="band-shift-chart">
      <div ref={box} class="icsplan-chart" data-drawn="false" />
      <Legend
        title="PCN list after the scenario (hollow circle: before)"
        entries={BANDS.map((b) => ({
          colour: BAND_COLOURS[b],
          label: bandLabel(b, rule),
          shape: "circle" as const,
        }))}
      />
      <figcaption class="nhsuk-body-s">{title}. The PCN table below gives the same figures.</figcaption>
    </figure>
  );
}
