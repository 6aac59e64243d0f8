// The practices of a footprint that is not one ICB or one place of a map: a union of places (sub-ICB
// locations, from one ICB or several) or a set of local authority districts. A practice is in a local
// authority when its site is: the site's LSOA is taken as the LSOA 2021 whose population-weighted centroid
// is nearest the site (as the neighbourhoods' coterminosity term does without registrations), and the
// LSOA's district is the ONS LSOA → ward → LAD lookup's. Pure: the caller passes the map's practices and
// the lookup rows.
import type { FootprintAuthority, PracticeSet } from "../../model/footprint.ts";
import type { OrgRef, Practice } from "../../model/organisation.ts";
import { FootprintRequestError } from "./errors.ts";

/** One LSOA 2021 of the lookup, with its district and population-weighted centroid. */
export interface LsoaDistrict {
  lsoaCode: string;
  ladCode: string;
  ladName: string | null;
  lat: number;
  lon: number;
}

/** The practices of a set, with the places and ICBs they are in. */
export interface ResolvedSet {
  set: PracticeSet;
  places: OrgRef[];
  icbs: OrgRef[];
  authorities: FootprintAuthority[];
  caveats: string[];
}

/** Each code once, sorted by code. */
export const distinct = <T extends { code: string }>(refs: readonly T[]): T[] =>
  [...new Map(refs.map((r) => [r.code, r])).values()].sort((a, b) => a.code.localeCompare(b.code));

/** Trimmed, upper-cased, de-duplicated codes; FootprintRequestError when none is given. */
export function cleanCodes(codes: readonly string[], field: string, flag: string): string[] {
  const out = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter((c) => c !== ""))];
  if (out.length === 0) throw new FootprintRequestError(`${flag} needs at least one code`, field, "invalid");
  return out;
}

function described(
  practices: readonly Practice[],
  code: string,
  name: string,
): Omit<ResolvedSet, "authorities" | "caveats"> {
  const sorted = [...practices].sort((a, b) => a.code.localeCompare(b.code));
  return {
    set: { code, name, practiceCodes: sorted.map((p) => p.code) },
    places: distinct(sorted.map((p) => p.subIcb)),
    icbs: distinct(sorted.map((p) => p.icb)),
  };
}

/**
 * The practices of a union of places, each by ODS or ONS code, in the map whose practices are given.
 * @example placesSet(practices, ["70F", "97R"], "August 2026") // → { set: { code: "70F+97R", name: "Union of 2 places: …", … } }
 */
export function placesSet(
  practices: readonly Practice[],
  codes: readonly string[],
  mapPeriod: string,
): ResolvedSet {
  const wanted = cleanCodes(codes, "places", "--places");
  const chosen: OrgRef[] = [];
  for (const code of wanted) {
    const found = practices.find(
      (p) => p.subIcb.code.toUpperCase() === code || p.subIcb.onsCode?.toUpperCase() === code,
    );
    if (!found)
      throw new FootprintRequestError(
        `--places: no place (sub-ICB location) has code '${code}' in the ${mapPeriod} map`,
        "places",
      );
    if (!chosen.some((c) => c.code === found.subIcb.code)) chosen.push(found.subIcb);
  }
  const codesIn = new Set(chosen.map((c) => c.code));
  const members = practices.filter((p) => codesIn.has(p.subIcb.code));
  const label = chosen.map((c) => c.code).sort();
  // Place names usually end with their code ("NHS Sussex ICB - 70F"): the code is added only where not.
  const named = (c: OrgRef) => (c.name.endsWith(c.code) ? c.name : `${c.name} (${c.code})`);
  const name =
    chosen.length === 1
      ? named(chosen[0]!)
      : `Union of ${chosen.length} places: ${chosen.map(named).join("; ")}`;
  return { ...described(members, label.join("+"), name), authorities: [], caveats: [] };
}

/** Degrees of margin around the districts' LSOA centroids within which practice sites are placed. */
const MARGIN = 0.1;
/** Degrees of margin around the districts' LSOA centroids whose LSOAs a site may be nearest to. */
export const DISTRICT_MARGIN_DEGREES = 3 * MARGIN;

/**
 * The practices whose site is in the local authority districts (ONS codes): each site is placed in the
 * district of the nearest LSOA 2021 population-weighted centroid. `lsoas` holds the districts' LSOAs and
 * every other LSOA within DISTRICT_MARGIN_DEGREES of them. A district the lookup lacks, or one with no
 * practice, is refused naming it; practices with no site are not placed (a caveat counts them).
 * @example authoritiesSet(practices, ["E06000043"], lsoas) // → practices whose nearest LSOA centroid is in Brighton and Hove
 */
export function authoritiesSet(
  practices: readonly Practice[],
  codes: readonly string[],
  lsoas: readonly LsoaDistrict[],
): ResolvedSet {
  const wanted = cleanCodes(codes, "localAuthorities", "--local-authorities");
  const names = new Map<string, string>();
  for (const l of lsoas) if (!names.has(l.ladCode) || l.ladName) names.set(l.ladCode, l.ladName ?? l.ladCode);
  for (const code of wanted)
    if (!names.has(code))
      throw new FootprintRequestError(
        `--local-authorities: '${code}' is not a local authority district of the LSOA → LAD lookup (an ONS code such as E06000043)`,
        "localAuthorities",
      );
  const inSet = new Set(wanted);
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const l of lsoas)
    if (inSet.has(l.ladCode)) {
      minLat = Math.min(minLat, l.lat);
      maxLat = Math.max(maxLat, l.lat);
      minLon = Math.min(minLon, l.lon);
      maxLon = Math.max(maxLon, l.lon);
    }
  const near = (lat: number, lon: number, m: number) =>
    lat >= minLat - m && lat <= maxLat + m && lon >= minLon - m && lon <= maxLon + m;
  const points = lsoas.filter((l) => near(l.lat, l.lon, DISTRICT_MARGIN_DEGREES));
  const members: Practice[] = [];
  const counts = new Map<string, number>(wanted.map((c) => [c, 0]));
  let noSite = 0;
  for (const p of practices) {
    const { lat, lon } = p.site;
    if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      noSite++;
      continue;
    }
    if (!near(lat, lon, MARGIN)) continue;
    const k = Math.cos((lat * Math.PI) / 180) ** 2;
    let best: LsoaDistrict | null = null;
    let d = Infinity;
    for (const l of points) {
      const dd = (l.lat - lat) ** 2 + k * (l.lon - lon) ** 2;
      if (dd < d) {
        d = dd;
        best = l;
      }
    }
    if (best && inSet.has(best.ladCode)) {
      members.push(p);
      counts.set(best.ladCode, counts.get(best.ladCode)! + 1);
    }
  }
  const authorities = wanted.map((code) => ({ code, name: names.get(code)!, practices: counts.get(code)! }));
  const empty = authorities.filter((a) => a.practices === 0);
  if (empty.length > 0)
    throw new FootprintRequestError(
      `--local-authorities: no practice of the map has its site in ${empty.map((a) => `${a.code} ${a.name}`).join(", ")}`,
      "localAuthorities",
      "unprocessable",
    );
  const name =
    authorities.length === 1
      ? `${authorities[0]!.name} (${authorities[0]!.code})`
      : `${authorities.length} local authorities: ${authorities.map((a) => `${a.name} (${a.code})`).join("; ")}`;
  const caveats = [
    "A practice is in a local authority when its site is: the site's LSOA is the LSOA 2021 whose " +
      "population-weighted centroid is nearest, and its district the ONS LSOA → ward → LAD lookup's.",
  ];
  if (noSite > 0)
    caveats.push(
      `${noSite} practices of the map have no site coordinates and cannot be placed in a district.`,
    );
  return { ...described(members, [...wanted].sort().join("+"), name), authorities, caveats };
}
