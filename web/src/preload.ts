// Starts the slow parts of a map page at once, in parallel with its figures: the map library (with its
// worker, fetched into the HTTP cache), the chart library and the page's GeoJSON. Each is loaded once;
// a GeoJSON answer is handed to the first map that asks for it, and fetched afresh after that.
import { ApiError } from "./api.ts";
import type { FeatureCollection } from "./map-style.ts";

type MapLibrary = typeof import("maplibre-gl");

let mapLibrary: Promise<MapLibrary> | undefined;
let plotLibrary: Promise<typeof import("@observablehq/plot")> | undefined;
const geojson = new Map<string, Promise<FeatureCollection>>();

export function loadMapLibrary(): Promise<MapLibrary> {
  if (mapLibrary) return mapLibrary;
  // The worker is served from the app's own assets (no CDN); fetching it at once fills the HTTP cache
  // while the library itself loads.
  const worker = import("maplibre-gl/dist/maplibre-gl-worker.mjs?url").then((w) => {
    void fetch(w.default).catch(() => undefined);
    return w.default;
  });
  const loading = Promise.all([
    import("maplibre-gl"),
    worker,
    import("maplibre-gl/dist/maplibre-gl.css"),
  ]).then(([maplibre, url]) => {
    maplibre.setWorkerUrl(url);
    return maplibre;
  });
  loading.catch(() => (mapLibrary = undefined));
  return (mapLibrary = loading);
}

export function loadPlot() {
  plotLibrary ??= import("@observablehq/plot");
  plotLibrary.catch(() => (plotLibrary = undefined));
  return plotLibrary;
}

async function fetchGeoJson(url: string): Promise<FeatureCollection> {
  const res = await fetch(url, { headers: { accept: "application/geo+json" } });
  if (!res.ok) {
    const p = (await res.json().catch(() => ({}))) as { detail?: string; field?: string };
    throw new ApiError(p.detail ?? `the map could not be loaded (${res.status})`, res.status, p.field);
  }
  return (await res.json()) as FeatureCollection;
}

/** Starts fetching a map's GeoJSON (once until a map takes it). */
export function prefetchGeoJson(url: string): void {
  if (!geojson.has(url)) {
    const p = fetchGeoJson(url);
    p.catch(() => geojson.get(url) === p && geojson.delete(url));
    geojson.set(url, p);
  }
}

/** The GeoJSON of a map: the prefetched answer if there is one, else a fresh fetch. */
export function takeGeoJson(url: string): Promise<FeatureCollection> {
  const p = geojson.get(url) ?? fetchGeoJson(url);
  geojson.delete(url);
  return p;
}
