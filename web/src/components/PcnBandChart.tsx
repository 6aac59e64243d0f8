// PCN list sizes against the 30,000–50,000 band as a bar chart (Observable Plot, loaded only where a
// chart is drawn): one bar per PCN, largest first, coloured by band, the band's edges as dashed rules.
// The PCN table on the same page is the chart's alternative.
import { useEffect, useRef } from "preact/hooks";
import { BAND_COLOURS, BANDS, bandLabel, type BandRule } from "../bands.ts";
import { chartRows } from "../chart-data.ts";
import { loadPlot } from "../preload.ts";
import type { OverviewPcn } from "../types.ts";
import { Legend } from "./Legend.tsx";
import { withOneAccessibleName } from "./plot-accessibility.ts";

export function PcnBandChart({ pcns, rule, title }: { pcns: OverviewPcn[]; rule: BandRule; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    let chart: Element | undefined;
    loadPlot().then((Plot) => {
      if (!live || !box.current) return;
      const rows = chartRows(pcns);
      chart = Plot.plot({
        width: Math.max(320, box.current.clientWidth),
        height: 40 + rows.length * 18,
        marginLeft: 300,
        ariaLabel: title,
        ariaDescription: `${rows.length} PCNs by registered patients; dashed lines at ${rule.minimumList.toLocaleString("en-GB")} and ${rule.typicalMaximumList.toLocaleString("en-GB")}.`,
        x: { label: "Registered patients", grid: true, tickFormat: (d: number) => d.toLocaleString("en-GB") },
        y: { label: null, domain: rows.map((r) => r.name) },
        color: { domain: [...BANDS], range: BANDS.map((b) => BAND_COLOURS[b]) },
        marks: [
          Plot.barX(rows, {
            x: "listSize",
            y: "name",
            fill: "band",
            title: (r: (typeof rows)[number]) => r.title,
          }),
          Plot.ruleX([rule.minimumList, rule.typicalMaximumList], {
            stroke: "#212b32",
            strokeDasharray: "4,3",
          }),
          Plot.ruleX([0]),
        ],
      });
      box.current.replaceChildren(withOneAccessibleName(chart));
      box.current.dataset.drawn = "true";
      performance.mark("icsplan:chart-drawn");
    });
    return () => {
      live = false;
      chart?.remove();
    };
  }, [pcns, rule]);
  return (
    <figure class="icsplan-chart-block" id="pcn-band-chart">
      <div ref={box} class="icsplan-chart" data-drawn="false" />
      <Legend
        title="PCN list size"
        entries={BANDS.map((b) => ({ colour: BAND_COLOURS[b], label: bandLabel(b, rule) }))}
      />
      <figcaption class="nhsuk-body-s">{title}. The PCN table below gives the same figures.</figcaption>
    </figure>
  );
}
