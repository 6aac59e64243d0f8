// A map of networks and practices with no base map (MapLibre GL, loaded only by pages that draw a map):
// network polygons coloured by size band, practice points, a legend, and a note of how the polygons were
// drawn. Clicking a practice opens its page; the tables on the page hold every figure the map shows.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { BAND_COLOURS, BANDS, OUTSIDE_COLOUR, bandLabel, type BandRule } from "../bands.ts";
import {
  boundsOf,
  HIGHLIGHT_COLOUR,
  mapStyle,
  PRACTICE_COLOUR,
  type FeatureCollection,
} from "../map-style.ts";
import { loadMapLibrary, takeGeoJson } from "../preload.ts";
import { navigate } from "../router.tsx";
import { paths } from "../routes.ts";
import { Legend } from "./Legend.tsx";

export function NetworkMap({
  url,
  data,
  label,
  rule,
  highlight,
  onError,
}: {
  /** The API's GeoJSON of a configuration, or the collection itself. */
  url?: string;
  data?: FeatureCollection;
  label: string;
  rule: BandRule;
  /** A practice to ring on the map (its ODS code). */
  highlight?: { code: string; name: string } | undefined;
  onError?: (error: ApiError) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ drawn: boolean; method?: string; empty?: boolean }>({ drawn: false });

  useEffect(() => {
    let map: { remove(): void } | undefined;
    let live = true;
    setState({ drawn: false });
    (async () => {
      const [maplibre, collection] = await Promise.all([
        loadMapLibrary(),
        data ?? (url ? takeGeoJson(url) : Promise.reject(new Error("a map needs a url or data"))),
      ]);
      if (!live || !container.current) return;
      const bounds = boundsOf(collection);
      const method = typeof collection.metadata?.method === "string" ? collection.metadata.method : undefined;
      if (!bounds) {
        setState({ drawn: false, method, empty: true });
        return;
      }
      const m = new maplibre.Map({
        container: container.current,
        style: mapStyle(collection, highlight?.code) as never,
        bounds,
        fitBoundsOptions: { padding: 24 },
        attributionControl: false,
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
      map = m;
      m.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");
      m.getCanvas().setAttribute("aria-label", label);
      m.on("click", "practices", (e) => {
        const code = e.features?.[0]?.properties?.practice_code;
        if (typeof code === "string") navigate(paths.practice(code));
      });
      m.on("mouseenter", "practices", () => (m.getCanvas().style.cursor = "pointer"));
      m.on("mouseleave", "practices", () => (m.getCanvas().style.cursor = ""));
      m.once("idle", () => {
        if (!live) return;
        performance.mark("icsplan:map-drawn");
        setState({ drawn: true, method });
      });
    })().catch((error: unknown) => {
      if (!live) return;
      onError?.(error instanceof ApiError ? error : new ApiError(String(error), 0));
    });
    return () => {
      live = false;
      map?.remove();
    };
  }, [url, data, highlight?.code]);

  return (
    <div class="icsplan-map-block">
      <div
        ref={container}
        class="icsplan-map"
        role="region"
        aria-label={label}
        data-drawn={state.drawn ? "true" : "false"}
      />
      {state.empty ? <p class="nhsuk-body-s">No practice in this area has a location to map.</p> : null}
      <Legend
        title="Networks by list size (points are practices)"
        entries={[
          ...BANDS.map((b) => ({ colour: BAND_COLOURS[b], label: bandLabel(b, rule) })),
          { colour: OUTSIDE_COLOUR, label: "Practices outside any PCN" },
          { colour: PRACTICE_COLOUR, label: "Practice site", shape: "circle" as const },
          ...(highlight
            ? [{ colour: HIGHLIGHT_COLOUR, label: highlight.name, shape: "circle" as const }]
            : []),
        ]}
      />
      {state.method ? <p class="nhsuk-body-s">{state.method}</p> : null}
    </div>
  );
}
