// The studio's editable map as data: each network of the configuration as the widened hull of its sites
// (filled by size band), and each practice as a point carrying its index and whether it is selected,
// locked or moved from today's network; and the MapLibre style that draws them. Pure: no DOM.
import { BAND_COLOURS, OUTSIDE_COLOUR } from "../bands.ts";
import { widenedHull, type Point } from "../design-map.ts";
import {
  BACKGROUND,
  HIGHLIGHT_COLOUR,
  PRACTICE_COLOUR,
  type Feature,
  type FeatureCollection,
} from "../map-style.ts";
import type { StudioInstance } from "./instance.ts";
import type { StudioMetrics } from "./metrics.ts";

/** Practices moved from today's network (Okabe–Ito reddish purple, apart from the band colours). */
export const MOVED_COLOUR = "#CC79A7";
export const LOCKED_RING = "#000000";

export function studioCollection(
  instance: StudioInstance,
  metrics: StudioMetrics,
  selected: ReadonlySet<number>,
  locked: readonly boolean[],
): FeatureCollection {
  const moved = new Set(metrics.moved);
  const polygons: Feature[] = [];
  const points: Feature[] = [];
  const sited = (p: number) => Number.isFinite(instance.lat[p]!) && Number.isFinite(instance.lon[p]!);
  for (const r of metrics.rows) {
    const sites = r.practices.filter(sited);
    const ring = widenedHull(sites.map((p) => [instance.lon[p]!, instance.lat[p]!] as Point));
    if (ring.length >= 4)
      polygons.push({
        type: "Feature",
        geometry: { type: "Polygon", coordinates: [ring] },
        properties: {
          kind: "network",
          network_code: r.code,
          list_size: r.listSize,
          band: r.band,
          outside_pcn: r.outsidePcn,
        },
      });
    for (const p of sites)
      points.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [instance.lon[p]!, instance.lat[p]!] },
        properties: {
          kind: "practice",
          practice_index: p,
          practice_code: instance.codes[p]!,
          network_code: r.code,
          selected: selected.has(p),
          locked: locked[p] === true,
          moved: moved.has(p),
        },
      });
  }
  return { type: "FeatureCollection", features: [...polygons, ...points] };
}

const bandColour = [
  "case",
  ["==", ["get", "outside_pcn"], true],
  OUTSIDE_COLOUR,
  [
    "match",
    ["get", "band"],
    "under",
    BAND_COLOURS.under,
    "in",
    BAND_COLOURS.in,
    "over",
    BAND_COLOURS.over,
    OUTSIDE_COLOUR,
  ],
];

/** The style: networks by band, selected practices ringed, moved ones coloured, locked ones ringed black. */
export function studioStyle(collection: FeatureCollection) {
  const isPractice = ["==", ["get", "kind"], "practice"];
  return {
    version: 8 as const,
    sources: { studio: { type: "geojson" as const, data: collection } },
    layers: [
      { id: "background", type: "background" as const, paint: { "background-color": BACKGROUND } },
      {
        id: "network-fill",
        type: "fill" as const,
        source: "studio",
        filter: ["==", ["get", "kind"], "network"],
        paint: { "fill-color": bandColour, "fill-opacity": 0.3 },
      },
      {
        id: "network-line",
        type: "line" as const,
        source: "studio",
        filter: ["==", ["get", "kind"], "network"],
        paint: { "line-color": bandColour, "line-width": 2 },
      },
      {
        id: "selected",
        type: "circle" as const,
        source: "studio",
        filter: ["all", isPractice, ["==", ["get", "selected"], true]],
        paint: {
          "circle-radius": 10,
          "circle-color": HIGHLIGHT_COLOUR,
          "circle-stroke-color": PRACTICE_COLOUR,
          "circle-stroke-width": 2,
        },
      },
      {
        id: "practices",
        type: "circle" as const,
        source: "studio",
        filter: isPractice,
        paint: {
          "circle-radius": ["case", ["==", ["get", "locked"], true], 5, 4.5],
          "circle-color": ["case", ["==", ["get", "moved"], true], MOVED_COLOUR, PRACTICE_COLOUR],
          "circle-stroke-color": ["case", ["==", ["get", "locked"], true], LOCKED_RING, "#ffffff"],
          "circle-stroke-width": ["case", ["==", ["get", "locked"], true], 3.5, 1.5],
        },
      },
    ],
  };
}
