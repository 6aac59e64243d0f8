// The flows of a scenario on a map without a base map (MapLibre GL, loaded only here): today's networks
// as faint context, a line from each closing (or merging) practice to each receiver, its width by
// patients, and the practices as points, with a legend of colours and widths. The flows table beside it
// holds every figure the map shows.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { Legend } from "../components/Legend.tsx";
import { whole } from "../format.ts";
import { BACKGROUND, boundsOf, type FeatureCollection } from "../map-style.ts";
import { loadMapLibrary, takeGeoJson } from "../preload.ts";
import { CLOSING_COLOUR, FLOW_COLOUR, RECEIVER_COLOUR, widthLegend, type FlowMapData } from "./flows.ts";

const CONTEXT_COLOUR = "#768692";

function flowStyle(context: FeatureCollection | null, data: FlowMapData) {
  return {
    version: 8 as const,
    sources: {
      flows: { type: "geojson" as const, data: data.collection },
      ...(context ? { context: { type: "geojson" as const, data: context } } : {}),
    },
    layers: [
      { id: "background", type: "background" as const, paint: { "background-color": BACKGROUND } },
      ...(context
        ? [
            {
              id: "context-fill",
              type: "fill" as const,
              source: "context",
              filter: ["==", ["get", "kind"], "network"],
              paint: { "fill-color": CONTEXT_COLOUR, "fill-opacity": 0.08 },
            },
            {
              id: "context-line",
              type: "line" as const,
              source: "context",
              filter: ["==", ["get", "kind"], "network"],
              paint: { "line-color": CONTEXT_COLOUR, "line-width": 1, "line-opacity": 0.6 },
            },
            {
              id: "context-practices",
              type: "circle" as const,
              source: "context",
              filter: ["==", ["get", "kind"], "practice"],
              paint: { "circle-radius": 2, "circle-color": CONTEXT_COLOUR },
            },
          ]
        : []),
      {
        id: "flows",
        type: "line" as const,
        source: "flows",
        filter: ["==", ["get", "kind"], "flow"],
        layout: { "line-cap": "round" as const },
        paint: { "line-color": FLOW_COLOUR, "line-width": ["get", "width"], "line-opacity": 0.85 },
      },
      {
        id: "receivers",
        type: "circle" as const,
        source: "flows",
        filter: ["==", ["get", "kind"], "receiver"],
        paint: {
          "circle-radius": 5,
          "circle-color": RECEIVER_COLOUR,
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1.5,
        },
      },
      {
        id: "closing",
        type: "circle" as const,
        source: "flows",
        filter: ["==", ["get", "kind"], "closing"],
        paint: {
          "circle-radius": 9,
          "circle-color": CLOSING_COLOUR,
          "circle-stroke-color": RECEIVER_COLOUR,
          "circle-stroke-width": 2,
        },
      },
    ],
  };
}

export function FlowMap({
  data,
  contextUrl,
  label,
  closingLabel,
  receiverLabel,
  onError,
}: {
  data: FlowMapData;
  /** Today's networks and practices (networks/export.geojson), drawn faintly for context. */
  contextUrl?: string | undefined;
  label: string;
  closingLabel: string;
  receiverLabel: string;
  onError?: (error: ApiError) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  const bounds = boundsOf(data.collection);

  useEffect(() => {
    let map: { remove(): void } | undefined;
    let live = true;
    setDrawn(false);
    if (!bounds) return;
    (async () => {
      const [maplibre, context] = await Promise.all([
        loadMapLibrary(),
        contextUrl ? takeGeoJson(contextUrl).catch(() => null) : Promise.resolve(null),
      ]);
      if (!live || !container.current) return;
      const m = new maplibre.Map({
        container: container.current,
        style: flowStyle(context, data) as never,
        bounds,
        fitBoundsOptions: { padding: 40, maxZoom: 14 },
        attributionControl: false,
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
      map = m;
      m.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");
      m.getCanvas().setAttribute("aria-label", label);
      m.once("idle", () => {
        if (!live) return;
        performance.mark("icsplan:flows-drawn");
        setDrawn(true);
      });
    })().catch((error: unknown) => {
      if (live) onError?.(error instanceof ApiError ? error : new ApiError(String(error), 0));
    });
    return () => {
      live = false;
      map?.remove();
    };
  }, [data, contextUrl]);

  const widths = widthLegend(data.largest);
  return (
    <div class="icsplan-map-block" id="flow-map">
      <div
        ref={container}
        class="icsplan-map"
        role="region"
        aria-label={label}
        data-drawn={drawn ? "true" : "false"}
      />
      {!bounds ? <p class="nhsuk-body-s">No practice of this scenario has a location to map.</p> : null}
      <Legend
        title="Flows of patients"
        entries={[
          { colour: CLOSING_COLOUR, label: closingLabel, shape: "circle" as const },
          { colour: RECEIVER_COLOUR, label: receiverLabel, shape: "circle" as const },
          { colour: FLOW_COLOUR, label: "Patients moving (line width by patients)" },
          ...(contextUrl ? [{ colour: CONTEXT_COLOUR, label: "Today's networks and practices" }] : []),
        ]}
      />
      {widths.length > 0 ? (
        <div class="icsplan-legend" id="flow-width-legend">
          <p class="nhsuk-body-s nhsuk-u-margin-bottom-1">
            <strong>Line width</strong>
          </p>
          <ul class="nhsuk-list icsplan-legend__list">
            {widths.map((w) => (
              <li key={w.patients} class="icsplan-legend__item">
                <svg width="40" height="14" aria-hidden="true" focusable="false">
                  <line
                    x1="4"
                    y1="7"
                    x2="36"
                    y2="7"
                    stroke={FLOW_COLOUR}
                    stroke-width={w.width}
                    stroke-linecap="round"
                  />
                </svg>{" "}
                {whole(w.patients)} {w.patients === 1 ? "patient" : "patients"}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.unmapped.flows > 0 ? (
        <p class="nhsuk-body-s">
          {whole(data.unmapped.flows)} flows ({whole(data.unmapped.patients)} patients) are not drawn: a
          practice has no site with coordinates. The flows table lists them.
        </p>
      ) : null}
    </div>
  );
}
