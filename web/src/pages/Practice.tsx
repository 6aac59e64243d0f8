// A practice's page: what the API has for it today (/api/practices/search by ODS code): its list, PCN
// and the PCN's band, place and ICB, GP and partner FTE, deprivation and site; the practices of its PCN;
// its workforce trend and partnership risk components (/api/practices/{code}); and a map of its place with
// the practice ringed.
import { useState } from "preact/hooks";
import { apiUrl, getJson, type ApiError } from "../api.ts";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { NetworkMap } from "../components/NetworkMap.tsx";
import { Caveats } from "../components/Caveats.tsx";
import { LineChart } from "../components/LineChart.tsx";
import { RiskComponents } from "../components/RiskComponents.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { SummaryList } from "../components/SummaryList.tsx";
import { decimal, percent, whole } from "../format.ts";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";
import type { Listing, Overview, PracticeProfile, PracticeRow, SearchMatch } from "../types.ts";
import { useApi } from "../use-api.ts";

const BAND_TEXT = { under: "under the band", in: "in the band", over: "over the band" } as const;

export function Practice({ code }: { code: string }) {
  const found = useApi(() => getJson<Listing<SearchMatch>>("practices/search", { q: code, limit: 5 }), code);
  const practice = found.data?.rows.find(
    (r) => r.matched === "code" && r.practice_code.toUpperCase() === code.toUpperCase(),
  );
  const errors = found.error
    ? [fromApiError(found.error)]
    : found.data && !practice
      ? [{ message: `no practice has ODS code '${code}' in the map of ${found.data.map}`, field: "code" }]
      : [];
  return (
    <>
      <ErrorSummary errors={errors} />
      <span class="nhsuk-caption-l">Practice</span>
      <h1>{practice ? practice.practice_name : code}</h1>
      {found.loading ? <p>Loading…</p> : null}
      {practice && found.data ? (
        <>
          <p class="nhsuk-lede-text">
            From the practice → PCN map of {found.data.map} and the list sizes of{" "}
            {found.data.lists ?? "no date"}.
          </p>
          <SummaryList
            id="practice-summary"
            rows={[
              ["ODS code", practice.practice_code],
              ["Postcode", practice.postcode ?? "–"],
              ["Registered patients", whole(practice.list_size)],
              ["Weighted list (Global Sum)", whole(practice.weighted_list)],
              [
                "PCN",
                <>
                  {practice.pcn_name} ({practice.pcn_code})
                  {practice.pcn_band ? `, ${BAND_TEXT[practice.pcn_band]}` : ""}
                </>,
              ],
              [
                "Place (sub-ICB location)",
                <Link href={paths.place(practice.sub_icb_code)}>{practice.sub_icb_code}</Link>,
              ],
              ["ICB", <Link href={paths.icb(practice.icb_code)}>{practice.icb_code}</Link>],
              ["GP FTE", decimal(practice.gp_fte)],
              ["GP partner FTE", decimal(practice.partner_fte)],
              ["Patients per GP FTE", whole(practice.patients_per_gp_fte)],
              [
                "IMD decile (1 most deprived)",
                practice.imd_decile === null ? "–" : String(practice.imd_decile),
              ],
              [
                "Site",
                practice.lat === null || practice.lon === null
                  ? "–"
                  : `${practice.lat.toFixed(4)}, ${practice.lon.toFixed(4)}`,
              ],
            ]}
          />
          <Profile code={practice.practice_code} />
          <PcnAndPlace practice={practice} />
        </>
      ) : null}
    </>
  );
}

const GP_LINE = "#005eb8";
const PARTNER_LINE = "#E69F00";

/** The practice's profile: GP and partner FTE per 10,000 patients over the years, and its risk components. */
function Profile({ code }: { code: string }) {
  const profile = useApi(() => getJson<PracticeProfile>(`practices/${encodeURIComponent(code)}`), code);
  const p = profile.data;
  const points = p?.workforce.series?.points ?? [];
  return (
    <>
      <ErrorSummary errors={profile.error ? [fromApiError(profile.error)] : []} />
      {p ? (
        <>
          <h2>Workforce trend</h2>
          {points.length === 0 ? (
            <p>The workforce files loaded have no figures for this practice.</p>
          ) : (
            <LineChart
              id="practice-workforce-chart"
              title={`GP and GP partner FTE per 10,000 registered patients at ${p.practice.practice_name}, ${points[0]!.label} to ${points.at(-1)!.label}`}
              xLabel="Fiscal year"
              yLabel="FTE per 10,000 patients"
              periods={points.map((x) => x.label)}
              lines={[
                {
                  series: {
                    name: "GPs",
                    points: points.map((x) => ({ x: x.label, y: x.figures.per10k.gpFte })),
                  },
                  colour: GP_LINE,
                },
                {
                  series: {
                    name: "GP partners",
                    points: points.map((x) => ({ x: x.label, y: x.figures.per10k.partnerFte })),
                  },
                  colour: PARTNER_LINE,
                },
              ]}
            >
              <SortableTable
                id="practice-workforce-table"
                caption="The practice's workforce by year (the chart's figures)"
                rows={points}
                rowKey={(x) => x.label}
                columns={[
                  { key: "year", label: "Fiscal year", value: (x) => x.fiscalYear, render: (x) => x.label },
                  {
                    key: "patients",
                    label: "Registered patients",
                    numeric: true,
                    value: (x) => x.figures.patients,
                    render: (x) => whole(x.figures.patients),
                  },
                  {
                    key: "gp",
                    label: "GP FTE",
                    numeric: true,
                    value: (x) => x.figures.staff.gpFte,
                    render: (x) => decimal(x.figures.staff.gpFte),
                  },
                  {
                    key: "gp10k",
                    label: "GP FTE per 10,000",
                    numeric: true,
                    value: (x) => x.figures.per10k.gpFte,
                    render: (x) => decimal(x.figures.per10k.gpFte, 2),
                  },
                  {
                    key: "partner",
                    label: "Partner FTE",
                    numeric: true,
                    value: (x) => x.figures.staff.partnerFte,
                    render: (x) => decimal(x.figures.staff.partnerFte),
                  },
                  {
                    key: "partner10k",
                    label: "Partner FTE per 10,000",
                    numeric: true,
                    value: (x) => x.figures.per10k.partnerFte,
                    render: (x) => decimal(x.figures.per10k.partnerFte, 2),
                  },
                ]}
              />
            </LineChart>
          )}
          <Caveats caveats={p.workforce.caveats} />
          <Payments profile={p} />
          <h2>Partnership risk</h2>
          {p.risk ? (
            <RiskComponents risk={p.risk} id="practice-risk" />
          ) : (
            <p>The practice has no partnership risk score: it is not in the latest workforce period.</p>
          )}
          {p.notes.length > 0 ? <Caveats caveats={p.notes} /> : null}
        </>
      ) : null}
    </>
  );
}

const PER_REGISTERED = "#005eb8";
const PER_WEIGHTED = "#009E73";

/** The practice's NHS payments per registered and per weighted patient by year, as lines and a table. */
function Payments({ profile }: { profile: PracticeProfile }) {
  const points = profile.payments?.series[0]?.points ?? [];
  const trend = profile.payments?.series[0]?.trend;
  return (
    <>
      <h2>Payments trend</h2>
      {points.length === 0 ? (
        <p>The NHS Payments files loaded have no figures for this practice.</p>
      ) : (
        <>
          {trend && trend.annualGrowth !== null ? (
            <p>
              Payments per registered patient grew {percent(trend.annualGrowth, 1)} a year from {trend.from}{" "}
              to {trend.to}.
            </p>
          ) : null}
          <LineChart
            id="practice-payments-chart"
            title={`NHS payments per patient at ${profile.practice.practice_name}, ${points[0]!.fiscalYear} to ${points.at(-1)!.fiscalYear}`}
            xLabel="Financial year"
            yLabel="£ per patient"
            periods={points.map((x) => x.fiscalYear)}
            lines={[
              {
                series: {
                  name: "Per registered patient",
                  points: points.map((x) => ({ x: x.fiscalYear, y: x.perRegistered })),
                },
                colour: PER_REGISTERED,
              },
              {
                series: {
                  name: "Per weighted patient",
                  points: points.map((x) => ({ x: x.fiscalYear, y: x.perWeighted })),
                },
                colour: PER_WEIGHTED,
              },
            ]}
          >
            <SortableTable
              id="practice-payments-table"
              caption="The practice's NHS payments by year (the chart's figures)"
              rows={points}
              rowKey={(x) => x.fiscalYear}
              columns={[
                { key: "year", label: "Financial year", value: (x) => x.fiscalYear },
                {
                  key: "total",
                  label: "Total payments",
                  numeric: true,
                  value: (x) => x.total,
                  render: (x) => (x.total === null ? "–" : `£${whole(x.total)}`),
                },
                {
                  key: "registered",
                  label: "Registered patients",
                  numeric: true,
                  value: (x) => x.registered,
                  render: (x) => whole(x.registered),
                },
                {
                  key: "perRegistered",
                  label: "£ per registered patient",
                  numeric: true,
                  value: (x) => x.perRegistered,
                  render: (x) => (x.perRegistered === null ? "–" : `£${decimal(x.perRegistered, 2)}`),
                },
                {
                  key: "perWeighted",
                  label: "£ per weighted patient",
                  numeric: true,
                  value: (x) => x.perWeighted,
                  render: (x) => (x.perWeighted === null ? "–" : `£${decimal(x.perWeighted, 2)}`),
                },
              ]}
            />
          </LineChart>
          <Caveats caveats={profile.payments?.caveats ?? []} />
        </>
      )}
    </>
  );
}

/** The practice's PCN (its practices, from /api/practices?pcn=) and a map of its place with it ringed. */
function PcnAndPlace({ practice }: { practice: SearchMatch }) {
  const members = useApi(
    () => getJson<Listing<PracticeRow>>("practices", { pcn: practice.pcn_code }),
    practice.pcn_code,
  );
  const place = useApi(
    () => getJson<Overview>("overview", { subIcb: practice.sub_icb_code }),
    practice.sub_icb_code,
  );
  const [mapError, setMapError] = useState<ApiError | undefined>();
  const errors = [members.error, place.error, mapError]
    .filter((e) => e !== undefined)
    .map((e) => fromApiError(e));
  const rows = members.data?.rows ?? [];
  return (
    <>
      <ErrorSummary errors={errors} />
      {members.data ? (
        <SortableTable
          id="pcn-practices"
          caption={`The practices of ${practice.pcn_name} (${whole(rows.reduce((t, r) => t + (r.list_size ?? 0), 0))} patients)`}
          rows={rows}
          rowKey={(r) => r.practice_code}
          initial={{ key: "list", direction: "descending" }}
          csv={{
            href: apiUrl("practices.csv", { pcn: practice.pcn_code }),
            label: "Download the PCN's practices as CSV",
          }}
          columns={[
            {
              key: "name",
              label: "Practice",
              value: (r) => r.practice_name,
              render: (r) =>
                r.practice_code === practice.practice_code ? (
                  <strong>{r.practice_name} (this practice)</strong>
                ) : (
                  <Link href={paths.practice(r.practice_code)}>{r.practice_name}</Link>
                ),
            },
            { key: "code", label: "ODS code", value: (r) => r.practice_code },
            {
              key: "list",
              label: "List size",
              numeric: true,
              value: (r) => r.list_size,
              render: (r) => whole(r.list_size),
            },
            {
              key: "gp",
              label: "GP FTE",
              numeric: true,
              value: (r) => r.gp_fte,
              render: (r) => decimal(r.gp_fte),
            },
            { key: "imd", label: "IMD decile", numeric: true, value: (r) => r.imd_decile },
          ]}
        />
      ) : null}
      {place.data ? (
        <>
          <h2>Its place: {place.data.scope.subIcb?.name ?? practice.sub_icb_code}</h2>
          <NetworkMap
            url={apiUrl("networks/export.geojson", { subIcb: practice.sub_icb_code })}
            label={`Map of the PCNs of ${practice.sub_icb_code}, with ${practice.practice_name} ringed`}
            rule={place.data.rules}
            highlight={{ code: practice.practice_code, name: practice.practice_name }}
            onError={setMapError}
          />
        </>
      ) : null}
    </>
  );
}
