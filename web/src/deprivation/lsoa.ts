// The deprivation choropleth's pure parts (tested without a browser): a colour for each IMD decile of an
// LSOA (viridis, ten steps: ordered in lightness, so it reads in greyscale and with every common colour-
// vision deficiency; 1, the most deprived tenth of England, darkest), the MapLibre style that fills the
// LSOAs of the API's lsoas.geojson by decile, and the count of LSOAs in each decile (the map's table).
import { BACKGROUND, type FeatureCollection } from "../map-style.ts";

export const DECILE_COLOURS = [
  "#440154",
  "#482878",
  "#3e4989",
  "#31688e",
  "#26828e",
  "#1f9e89",
  "#35b779",
  "#6ece58",
  "#b5de2b",
  "#fde725",
] as const;
export const NO_DECILE_COLOUR = "#d8dde0";

export function decileLabel(decile: number): string {
  if (decile === 1) return "1: most deprived 10% of England";
  if (decile === 10) return "10: least deprived 10%";
  return String(decile);
}

/** A MapLibre expression: the fill of an LSOA by its `imd_decile` property. */
export const decileFill = [
  "match",
  ["coalesce", ["get", "imd_decile"], 0],
  ...DECILE_COLOURS.flatMap((c, i) => [i + 1, c]),
  NO_DECILE_COLOUR,
];

/** The style: LSOAs filled by decile with thin white edges, practice points (kind = practice) on top. */
export function lsoaStyle(lsoas: FeatureCollection, practices: FeatureCollection | null) {
  return {
    version: 8 as const,
    sources: {
      lsoas: { type: "geojson" as const, data: lsoas },
      ...(practices ? { practices: { type: "geojson" as const, data: practices } } : {}),
    },
    layers: [
      { id: "background", type: "background" as const, paint: { "background-color": BACKGROUND } },
      {
        id: "lsoa-fill",
        type: "fill" as const,
        source: "lsoas",
        paint: { "fill-color": decileFill, "fill-opacity": 1 },
      },
      {
        id: "lsoa-line",
        type: "line" as const,
        source: "lsoas",
        paint: { "line-color": "#ffffff", "line-width": 0.4 },
      },
      ...(practices
        ? [
            {
              id: "practices",
              type: "circle" as const,
              source: "practices",
              filter: ["==", ["get", "kind"], "practice"],
              paint: {
                "circle-radius": 3.5,
                "circle-color": "#ffffff",
                "circle-stroke-color": "#212b32",
                "circle-stroke-width": 1.5,
              },
            },
          ]
        : []),
    ],
  };
}

export interface DecileCount {
  decile: number | null;
  label: string;
  lsoas: number;
  share: number;
}

/** LSOAs in each decile (1 to 10, then those without a decile if any), with their share of the area's. */
export function decileCounts(lsoas: FeatureCollection): DecileCount[] {
  const counts = new Array<number>(11).fill(0);
  for (const f of lsoas.features) {
    const d = f.properties.imd_decile;
    counts[typeof d === "number" && d >= 1 && d <= 10 ? d : 0]!++;
  }
  const total = lsoas.features.length;
  const rows: DecileCount[] = DECILE_COLOURS.map((_, i) => ({
    decile: i + 1,
    label: decileLabel(i + 1),
    lsoas: counts[i + 1]!,
    share: total > 0 ? counts[i + 1]! / total : 0,
  }));
  if (counts[0]! > 0)
    rows.push({ decile: null, label: "No IMD decile", lsoas: counts[0]!, share: counts[0]! / total });
  return rows;
}
