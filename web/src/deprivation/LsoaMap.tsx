// Deprivation by LSOA on a map without a base map (MapLibre GL, as the network map): each LSOA of the area
// filled by its IMD decile (GET /api/lsoas.geojson), the practices on top, a legend of the ten deciles,
// and the count of LSOAs in each decile as the map's table. Where the store holds no LSOA lookup or
// polygons, a sentence says so instead (the API's own words).
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { Legend } from "../components/Legend.tsx";
import { percent, whole } from "../format.ts";
import { boundsOf, type FeatureCollection } from "../map-style.ts";
import { loadMapLibrary, takeGeoJson } from "../preload.ts";
import { DECILE_COLOURS, decileCounts, decileLabel, lsoaStyle, NO_DECILE_COLOUR } from "./lsoa.ts";

type State =
  | { status: "loading" }
  | { status: "absent"; reason: string }
  | { status: "ready"; lsoas: FeatureCollection; drawn: boolean };

export function LsoaMap({
  url,
  practicesUrl,
  label,
}: {
  /** The API's lsoas.geojson of the area. */
  url: string;
  /** The area's networks/export.geojson, for the practice points. */
  practicesUrl?: string;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ status: "loading" });

  useEffect(() => {
    let map: { remove(): void } | undefined;
    let live = true;
    setState({ status: "loading" });
    (async () => {
      let lsoas: FeatureCollection;
      try {
        lsoas = await takeGeoJson(url);
      } catch (error) {
        if (live)
          setState({ status: "absent", reason: error instanceof ApiError ? error.message : String(error) });
        return;
      }
      const bounds = boundsOf(lsoas);
      if (!bounds) {
        if (live) setState({ status: "absent", reason: "no LSOA of this area has a polygon loaded." });
        return;
      }
      if (!live) return;
      setState({ status: "ready", lsoas, drawn: false });
      const [maplibre, practices] = await Promise.all([
        loadMapLibrary(),
        practicesUrl ? takeGeoJson(practicesUrl).catch(() => null) : Promise.resolve(null),
      ]);
      if (!live || !container.current) return;
      const m = new maplibre.Map({
        container: container.current,
        style: lsoaStyle(lsoas, practices) as never,
        bounds,
        fitBoundsOptions: { padding: 16 },
        attributionControl: false,
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
      map = m;
      m.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");
      m.getCanvas().setAttribute("aria-label", label);
      m.once("idle", () => {
        if (live) setState({ status: "ready", lsoas, drawn: true });
      });
    })().catch((error: unknown) => {
      if (live) setState({ status: "absent", reason: String(error) });
    });
    return () => {
      live = false;
      map?.remove();
    };
  }, [url, practicesUrl]);

  if (state.status === "loading") return <p id="lsoa-map-status">Loading the LSOAs…</p>;
  if (state.status === "absent")
    return (
      <p id="lsoa-map-absent">
        Deprivation cannot be mapped by LSOA for this area: {state.reason.replace(/\.?$/, ".")}
      </p>
    );
  const rows = decileCounts(state.lsoas);
  const imd = typeof state.lsoas.metadata?.imd === "string" ? `IMD (${state.lsoas.metadata.imd})` : "IMD";
  return (
    <>
      <div class="icsplan-map-block" id="lsoa-map">
        <div
          ref={container}
          class="icsplan-map"
          role="region"
          aria-label={label}
          data-drawn={state.drawn ? "true" : "false"}
        />
        <Legend
          title={`${imd} decile of each LSOA (national; white points are practices)`}
          entries={[
            ...DECILE_COLOURS.map((c, i) => ({ colour: c, label: decileLabel(i + 1) })),
            ...(rows.some((r) => r.decile === null)
              ? [{ colour: NO_DECILE_COLOUR, label: "No IMD decile" }]
              : []),
          ]}
        />
      </div>
      <div class="nhsuk-table-container" role="region" aria-labelledby="lsoa-decile-caption" tabIndex={0}>
        <table class="nhsuk-table" id="lsoa-decile-table">
          <caption class="nhsuk-table__caption" id="lsoa-decile-caption">
            LSOAs by {imd} decile (the map's figures): {whole(state.lsoas.features.length)} LSOAs
          </caption>
          <thead class="nhsuk-table__head">
            <tr class="nhsuk-table__row">
              <th class="nhsuk-table__header" scope="col">
                IMD decile
              </th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                LSOAs
              </th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Share of the area's LSOAs
              </th>
            </tr>
          </thead>
          <tbody class="nhsuk-table__body">
            {rows.map((r) => (
              <tr class="nhsuk-table__row" key={r.label} data-decile={r.decile ?? "none"}>
                <th class="nhsuk-table__header" scope="row">
                  {r.label}
                </th>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{whole(r.lsoas)}</td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{percent(r.share, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
