// The measures the studio's metrics panel and its comparison show, in order, each as the page prints it
// (whole numbers, km to two places). Pure: no DOM.
import { bandLabel, type BandRule } from "../bands.ts";
import { decimal, whole } from "../format.ts";
import type { StudioMetrics } from "./metrics.ts";

export interface Measure {
  /** A stable key (the table row's data-measure). */
  key: string;
  label: string;
  value: (m: StudioMetrics) => string;
}

export function measures(rule: BandRule): Measure[] {
  return [
    { key: "networks", label: "Networks", value: (m) => whole(m.networks) },
    { key: "in", label: bandLabel("in", rule), value: (m) => whole(m.bands.in) },
    { key: "under", label: bandLabel("under", rule), value: (m) => whole(m.bands.under) },
    { key: "over", label: bandLabel("over", rule), value: (m) => whole(m.bands.over) },
    { key: "not-contiguous", label: "Networks not contiguous", value: (m) => whole(m.notContiguous) },
    {
      key: "crossing-places",
      label: "Networks crossing a place boundary",
      value: (m) => whole(m.crossingPlaces),
    },
    {
      key: "nearest-km",
      label: "Mean distance from patients' homes to the network's nearest site (km)",
      value: (m) => decimal(m.cohesion.nearestSiteKm, 2),
    },
    {
      key: "centre-km",
      label: "Mean distance from patients' homes to the network's centre (km)",
      value: (m) => decimal(m.cohesion.centreKm, 2),
    },
    {
      key: "practices-moved",
      label: "Practices moved from today's PCNs",
      value: (m) => whole(m.practicesMoved),
    },
    {
      key: "patients-moved",
      label: "Patients moved from today's PCNs",
      value: (m) => whole(m.patientsMoved),
    },
  ];
}
