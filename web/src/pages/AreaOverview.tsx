// An ICB or a place (sub-ICB location): its figures (/api/overview), a map of practices and PCN polygons
// (/api/networks/export.geojson), a choropleth of deprivation by LSOA where LSOA data exists
// (/api/lsoas.geojson), PCN list sizes against the band as a chart, and sortable tables of its
// places, PCNs and practices with CSV downloads (/api/pcns.csv, /api/practices.csv).
import { useEffect, useState } from "preact/hooks";
import { apiUrl, getJson, type ApiError } from "../api.ts";
import { bandLabel } from "../bands.ts";
import { DeprivationChart } from "../components/DeprivationChart.tsx";
import { LsoaMap } from "../deprivation/LsoaMap.tsx";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { NetworkMap } from "../components/NetworkMap.tsx";
import { PcnBandChart } from "../components/PcnBandChart.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { SummaryList } from "../components/SummaryList.tsx";
import { decimal, percent, whole } from "../format.ts";
import { loadMapLibrary, loadPlot, prefetchGeoJson } from "../preload.ts";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";
import type { Listing, Overview, PracticeRow } from "../types.ts";
import { useApi } from "../use-api.ts";
import { sourcesLine, summaryRows } from "./Home.tsx";

export function AreaOverview({ kind, code }: { kind: "icb" | "place"; code: string }) {
  const area = kind === "icb" ? { icb: code } : { subIcb: code };
  const key = `${kind}:${code}`;
  const mapUrl = apiUrl("networks/export.geojson", area);
  const lsoaUrl = apiUrl("lsoas.geojson", area);
  // The map and chart libraries and the maps' GeoJSON load beside the figures, not after them.
  useEffect(() => {
    prefetchGeoJson(mapUrl);
    prefetchGeoJson(lsoaUrl);
    void loadMapLibrary().catch(() => undefined);
    void loadPlot().catch(() => undefined);
  }, [mapUrl, lsoaUrl]);
  const overview = useApi(() => getJson<Overview>("overview", area), key);
  const practices = useApi(() => getJson<Listing<PracticeRow>>("practices", area), key);
  const [mapError, setMapError] = useState<ApiError | undefined>();
  const errors = [overview.error, overview.error ? undefined : practices.error, mapError]
    .filter((e) => e !== undefined)
    .map((e) => fromApiError(e));
  const o = overview.data;
  const name = o ? ((kind === "icb" ? o.scope.icb?.name : o.scope.subIcb?.name) ?? code) : code;
  const rule = o?.rules;
  return (
    <>
      <ErrorSummary errors={errors} />
      <span class="nhsuk-caption-l">{kind === "icb" ? "ICB" : "Place (sub-ICB location)"}</span>
      <h1 id="area-name">{o ? name : overview.loading ? `Loading ${code}…` : code}</h1>
      {o && rule ? (
        <>
          {kind === "place" && o.scope.icb ? (
            <p>
              In <Link href={paths.icb(o.scope.icb.code)}>{o.scope.icb.name}</Link>.
            </p>
          ) : null}
          <p class="nhsuk-lede-text">{sourcesLine(o)}</p>
          {o.footprint ? <p id="area-footprint">{o.footprint}</p> : null}
          {o.caveats.length > 0 ? (
            <div class="nhsuk-inset-text">
              <span class="nhsuk-u-visually-hidden">Information: </span>
              {o.caveats.map((c) => (
                <p key={c}>{c}</p>
              ))}
            </div>
          ) : null}
          <SummaryList id="area-summary" rows={summaryRows(o.summary, o)} />

          <p>
            <Link href={paths.studio(kind, code)}>Design networks for {name} in the network studio</Link>
          </p>
          <p>
            <Link href={paths.neighbourhoods(kind, code)} id="neighbourhoods-link">
              Neighbourhoods and community hubs for {name}: two-level design and specialist hub sites
            </Link>
          </p>
          {kind === "icb" ? (
            <ul class="nhsuk-list">
              <li>
                <Link href={paths.workforce(code)}>
                  The workforce of {name}: trends, partners, risk and ARRS
                </Link>
              </li>
              <li>
                <Link href={paths.funding(code)}>
                  The funding of {name}: entitlements and the equity audit
                </Link>
              </li>
              <li>
                <Link href={paths.scenarios(code)}>
                  Scenarios for {name}: close or merge practices and see where patients go
                </Link>
              </li>
            </ul>
          ) : null}

          <h2>Map of practices and PCNs</h2>
          <NetworkMap
            url={mapUrl}
            label={`Map of the practices and PCNs of ${name}`}
            rule={rule}
            onError={setMapError}
          />

          <h2>Deprivation by LSOA</h2>
          <LsoaMap url={lsoaUrl} practicesUrl={mapUrl} label={`Map of the LSOAs of ${name} by IMD decile`} />

          {o.subAreas.length > 0 ? (
            <SortableTable
              id="place-table"
              caption="Places (sub-ICB locations)"
              rows={o.subAreas}
              rowKey={(a) => a.area.code}
              columns={[
                {
                  key: "name",
                  label: "Place",
                  value: (a) => a.area.name,
                  render: (a) => <Link href={paths.place(a.area.code)}>{a.area.name}</Link>,
                },
                { key: "practices", label: "Practices", numeric: true, value: (a) => a.summary.practices },
                {
                  key: "patients",
                  label: "Patients",
                  numeric: true,
                  value: (a) => a.summary.patients,
                  render: (a) => whole(a.summary.patients),
                },
                { key: "pcns", label: "PCNs", numeric: true, value: (a) => a.summary.pcns },
                {
                  key: "gp",
                  label: "GP FTE per 10,000",
                  numeric: true,
                  value: (a) => a.summary.gpFtePer10k?.value ?? null,
                  render: (a) => decimal(a.summary.gpFtePer10k?.value, 2),
                },
                {
                  key: "partners",
                  label: "Partner share of GP FTE",
                  numeric: true,
                  value: (a) => a.summary.partnerShare?.value ?? null,
                  render: (a) => percent(a.summary.partnerShare?.value),
                },
              ]}
            />
          ) : null}

          {o.summary.deprivation && o.summary.deprivation.practicesCovered > 0 ? (
            <>
              <h2>Deprivation of registered patients</h2>
              <DeprivationChart
                quintilePatients={o.summary.deprivation.quintilePatients}
                basis={o.summary.deprivation.description}
                title={`Registered patients of ${name} by IMD quintile (${whole(o.summary.deprivation.practicesCovered)} of ${whole(o.summary.practices)} practices covered)`}
              />
            </>
          ) : null}

          <h2>PCN list sizes against the band</h2>
          <PcnBandChart
            pcns={o.pcns}
            rule={rule}
            title={`List size of each PCN in ${name}, against the ${whole(rule.minimumList)} to ${whole(rule.typicalMaximumList)} band`}
          />
          <SortableTable
            id="pcn-table"
            caption="PCNs"
            rows={o.pcns}
            rowKey={(p) => p.code}
            initial={{ key: "list", direction: "descending" }}
            csv={{ href: apiUrl("pcns.csv", area), label: "Download the PCNs as CSV" }}
            columns={[
              { key: "name", label: "PCN", value: (p) => p.name },
              { key: "code", label: "Code", value: (p) => p.code },
              { key: "place", label: "Place", value: (p) => p.subIcb.code },
              { key: "practices", label: "Practices", numeric: true, value: (p) => p.practices },
              {
                key: "list",
                label: "List size",
                numeric: true,
                value: (p) => p.listSize,
                render: (p) => whole(p.listSize),
              },
              { key: "band", label: "Band", value: (p) => p.band, render: (p) => bandLabel(p.band, rule) },
              { key: "crosses", label: "Crosses places", value: (p) => (p.crossesSubIcb ? "yes" : "no") },
            ]}
          />
        </>
      ) : null}

      {o && practices.data ? (
        <>
          <h2>Practices</h2>
          <SortableTable
            id="practice-table"
            caption={`Practices (lists of ${practices.data.lists ?? "no date"})`}
            rows={practices.data.rows}
            rowKey={(p) => p.practice_code}
            csv={{ href: apiUrl("practices.csv", area), label: "Download the practices as CSV" }}
            columns={[
              {
                key: "name",
                label: "Practice",
                value: (p) => p.practice_name,
                render: (p) => <Link href={paths.practice(p.practice_code)}>{p.practice_name}</Link>,
              },
              { key: "code", label: "ODS code", value: (p) => p.practice_code },
              { key: "pcn", label: "PCN", value: (p) => p.pcn_name },
              {
                key: "list",
                label: "List size",
                numeric: true,
                value: (p) => p.list_size,
                render: (p) => whole(p.list_size),
              },
              {
                key: "gp",
                label: "GP FTE",
                numeric: true,
                value: (p) => p.gp_fte,
                render: (p) => decimal(p.gp_fte),
              },
              {
                key: "ppg",
                label: "Patients per GP FTE",
                numeric: true,
                value: (p) => p.patients_per_gp_fte,
                render: (p) => whole(p.patients_per_gp_fte),
              },
              { key: "imd", label: "IMD decile", numeric: true, value: (p) => p.imd_decile },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
