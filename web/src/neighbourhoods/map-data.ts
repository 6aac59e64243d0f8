// The neighbourhoods page's maps and chart as data: the two-level map (neighbourhood polygons filled by
// neighbourhood, the multi-neighbourhood areas as thick outlines, practice points) and the hubs map (practice
// points, the chosen hub sites as larger ringed markers), their MapLibre styles without a base map, and the
// access by IMD quintile before and after the hubs as rows for the chart and its table. Pure: no DOM.
import { BACKGROUND, PRACTICE_COLOUR, type Feature, type FeatureCollection } from "../map-style.ts";
import type { Access, HubPlacement } from "./types.ts";

/** Okabe–Ito's colour-blind-safe palette (without black): neighbourhoods of one area take distinct fills. */
export const NEIGHBOURHOOD_PALETTE = [
  "#E69F00",
  "#56B4E9",
  "#009E73",
  "#F0E442",
  "#0072B2",
  "#D55E00",
  "#CC79A7",
  "#999999",
];
export const AREA_OUTLINE = "#212b32";
export const HUB_COLOUR = "#d5281b";

/** A fill colour for each neighbourhood: its place within its area picks the palette entry. */
export function neighbourhoodColours(
  neighbourhoods: readonly { label: string; area: string }[],
): Map<string, string> {
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  for (const n of [...neighbourhoods].sort((a, b) => a.label.localeCompare(b.label))) {
    const i = seen.get(n.area) ?? 0;
    seen.set(n.area, i + 1);
    out.set(n.label, NEIGHBOURHOOD_PALETTE[i % NEIGHBOURHOOD_PALETTE.length]!);
  }
  return out;
}

/** The design's collection with each neighbourhood polygon's fill colour as a property (`fill`). */
export function levelsCollection(
  collection: FeatureCollection,
  colours: ReadonlyMap<string, string>,
): FeatureCollection {
  return {
    ...collection,
    features: collection.features.map((f) =>
      f.properties.kind === "network" && f.properties.level === "neighbourhood"
        ? {
            ...f,
            properties: {
              ...f.properties,
              fill: colours.get(String(f.properties.network_code)) ?? NEIGHBOURHOOD_PALETTE[7],
            },
          }
        : f,
    ),
  };
}

const isNetwork = (level: string) => [
  "all",
  ["==", ["get", "kind"], "network"],
  ["==", ["get", "level"], level],
];

/** Both levels: neighbourhoods filled, areas as thick outlines over them, then practice points. */
export function levelsStyle(collection: FeatureCollection) {
  return {
    version: 8 as const,
    sources: { levels: { type: "geojson" as const, data: collection } },
    layers: [
      { id: "background", type: "background" as const, paint: { "background-color": BACKGROUND } },
      {
        id: "neighbourhood-fill",
        type: "fill" as const,
        source: "levels",
        filter: isNetwork("neighbourhood"),
        paint: { "fill-color": ["get", "fill"], "fill-opacity": 0.55 },
      },
      {
        id: "neighbourhood-line",
        type: "line" as const,
        source: "levels",
        filter: isNetwork("neighbourhood"),
        paint: { "line-color": "#ffffff", "line-width": 1 },
      },
      {
        id: "area-line",
        type: "line" as const,
        source: "levels",
        filter: isNetwork("area"),
        paint: { "line-color": AREA_OUTLINE, "line-width": 4 },
      },
      {
        id: "practices",
        type: "circle" as const,
        source: "levels",
        filter: ["==", ["get", "kind"], "practice"],
        paint: {
          "circle-radius": 3,
          "circle-color": PRACTICE_COLOUR,
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1,
        },
      },
    ],
  };
}

/** Practice points (from today's map) and the hubs of one placement as `hub` points. */
export function hubsCollection(practices: FeatureCollection, placement: HubPlacement): FeatureCollection {
  const points: Feature[] = practices.features.filter((f) => f.properties.kind === "practice");
  const hubs: Feature[] = placement.hubs.map((h, i) => ({
    type: "Feature",
    geometry: { type: "Point", coordinates: [h.lon, h.lat] },
    properties: { kind: "hub", hub: i + 1, site_code: h.code, site_name: h.name },
  }));
  return { type: "FeatureCollection", features: [...points, ...hubs] };
}

export function hubsStyle(collection: FeatureCollection) {
  return {
    version: 8 as const,
    sources: { hubs: { type: "geojson" as const, data: collection } },
    layers: [
      { id: "background", type: "background" as const, paint: { "background-color": BACKGROUND } },
      {
        id: "practices",
        type: "circle" as const,
        source: "hubs",
        filter: ["==", ["get", "kind"], "practice"],
        paint: {
          "circle-radius": 3,
          "circle-color": PRACTICE_COLOUR,
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1,
        },
      },
      {
        id: "hubs",
        type: "circle" as const,
        source: "hubs",
        filter: ["==", ["get", "kind"], "hub"],
        paint: {
          "circle-radius": 11,
          "circle-color": HUB_COLOUR,
          "circle-stroke-color": "#000000",
          "circle-stroke-width": 3,
        },
      },
    ],
  };
}

export interface AccessRow {
  group: string;
  /** Need in the group. */
  weight: number;
  /** Mean km with every candidate site open (the floor: the nearest practice site), and with the hubs. */
  beforeKm: number | null;
  afterKm: number | null;
  beforeWithin: number | null;
  afterWithin: number | null;
}

/** Access by IMD quintile (then the whole area): before (every site, or today's sites) and after the hubs. */
export function accessRows(before: Access, after: Access): AccessRow[] {
  const by = new Map(before.byQuintile.map((g) => [g.group, g]));
  return [...after.byQuintile, after.overall].map((g) => {
    const b = g.group === "all" ? before.overall : by.get(g.group);
    return {
      group: g.group,
      weight: g.weight,
      beforeKm: b?.meanKm ?? null,
      afterKm: g.meanKm,
      beforeWithin: b?.withinShare ?? null,
      afterWithin: g.withinShare,
    };
  });
}
