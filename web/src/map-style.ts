// The map's style without a base map: a plain background, network polygons filled by size band and
// practice points, all from one GeoJSON FeatureCollection (the API's networks/export.geojson). Pure, so it
// is tested without a browser. No glyphs or sprites: nothing is fetched but the GeoJSON.
import { BAND_COLOURS, OUTSIDE_COLOUR } from "./bands.ts";

export const BACKGROUND = "#f0f4f5";
export const PRACTICE_COLOUR = "#212b32";

export interface Feature {
  type: "Feature";
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

export interface FeatureCollection {
  type: "FeatureCollection";
  features: Feature[];
  metadata?: Record<string, unknown>;
}

/** [west, south, east, north] of every coordinate, or undefined for no features. */
export function boundsOf(collection: FeatureCollection): [number, number, number, number] | undefined {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === "number" && typeof c[1] === "number") {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
      return;
    }
    for (const item of c) visit(item);
  };
  for (const f of collection.features) visit(f.geometry.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : undefined;
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

export const HIGHLIGHT_COLOUR = "#ffeb3b";

/** A MapLibre style (v8) drawing the collection as source `networks`; `highlight` rings one practice. */
export function mapStyle(collection: FeatureCollection, highlight?: string) {
  return {
    version: 8 as const,
    sources: { networks: { type: "geojson" as const, data: collection } },
    layers: [
      { id: "background", type: "background" as const, paint: { "background-color": BACKGROUND } },
      {
        id: "network-fill",
        type: "fill" as const,
        source: "networks",
        filter: ["==", ["get", "kind"], "network"],
        paint: { "fill-color": bandColour, "fill-opacity": 0.35 },
      },
      {
        id: "network-line",
        type: "line" as const,
        source: "networks",
        filter: ["==", ["get", "kind"], "network"],
        paint: { "line-color": bandColour, "line-width": 2 },
      },
      {
        id: "practices",
        type: "circle" as const,
        source: "networks",
        filter: ["==", ["get", "kind"], "practice"],
        paint: {
          "circle-radius": 4,
          "circle-color": PRACTICE_COLOUR,
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1.5,
        },
      },
      ...(highlight === undefined
        ? []
        : [
            {
              id: "highlight",
              type: "circle" as const,
              source: "networks",
              filter: [
                "all",
                ["==", ["get", "kind"], "practice"],
                ["==", ["get", "practice_code"], highlight],
              ],
              paint: {
                "circle-radius": 9,
                "circle-color": HIGHLIGHT_COLOUR,
                "circle-stroke-color": PRACTICE_COLOUR,
                "circle-stroke-width": 3,
              },
            },
          ]),
    ],
  };
}
