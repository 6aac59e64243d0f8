// A practice's page: what the API has for it today (/api/practices/search by ODS code): its list, PCN
// and the PCN's band, place and ICB, GP and partner FTE, deprivation and site.
import { getJson } from "../api.ts";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { SummaryList } from "../components/SummaryList.tsx";
import { decimal, whole } from "../format.ts";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";
import type { Listing, SearchMatch } from "../types.ts";
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
        </>
      ) : null}
    </>
  );
}
