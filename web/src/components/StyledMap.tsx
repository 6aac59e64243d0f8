// A map of one GeoJSON collection in a given MapLibre style, with no base map (MapLibre GL, loaded only by
// pages that draw a map), its legend beside it and a note under it. The page's tables hold every figure the
// map shows.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { boundsOf, type FeatureCollection } from "../map-style.ts";
import { loadMapLibrary } from "../preload.ts";
import { Legend, type LegendEntry } from "./Legend.tsx";

export function StyledMap({
  id,
  collection,
  style,
  label,
  legendTitle,
  legend,
  note,
  onError,
}: {
  id: string;
  collection: FeatureCollection;
  style: (collection: FeatureCollection) => object;
  label: string;
  legendTitle: string;
  legend: LegendEntry[];
  note?: ComponentChildren;
  onError?: (error: ApiError) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let map: { remove(): void } | undefined;
    let live = true;
    setDrawn(false);
    loadMapLibrary()
      .then((maplibre) => {
        const bounds = boundsOf(collection);
        if (!live || !container.current || !bounds) return;
        const m = new maplibre.Map({
          container: container.current,
          style: style(collection) as never,
          bounds,
          fitBoundsOptions: { padding: 24 },
          attributionControl: false,
          canvasContextAttributes: { preserveDrawingBuffer: true },
        });
        map = m;
        m.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");
        m.getCanvas().setAttribute("aria-label", label);
        m.once("idle", () => live && setDrawn(true));
      })
      .catch((error: unknown) => {
        if (live) onError?.(error instanceof ApiError ? error : new ApiError(String(error), 0));
      });
    return () => {
      live = false;
      map?.remove();
    };
  }, [collection]);
  return (
    <div class="icsplan-map-block" id={id}>
      <div
        ref={container}
        class="icsplan-map"
        role="region"
        aria-label={label}
        data-drawn={drawn ? "true" : "false"}
      />
      <Legend title={legendTitle} entries={legend} />
      {note ? <p class="nhsuk-body-s">{note}</p> : null}
    </div>
  );
}
