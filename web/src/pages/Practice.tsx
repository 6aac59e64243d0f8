// A practice's page: what the API has for it today (/api/practices/search by ODS code): its list, PCN
// and the PCN's band, place and ICB, GP and partner FTE, deprivation and site; the practices of its PCN;
// and a map of its place with the practice ringed.
import { useState } from "preact/hooks";
import { apiUrl, getJson, type ApiError } from "../api.ts";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { NetworkMap } from "../components/NetworkMap.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { SummaryList } from "../components/SummaryList.tsx";
import { decimal, whole } from "../format.ts";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";
import type { Listing, Overview, PracticeRow, SearchMatch } from "../types.ts";
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
          <PcnAndPlace practice={practice} />
        </>
      ) : null}
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
