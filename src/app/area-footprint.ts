// Use case: the area of a request in a footprint. One ICB or one place of the map in force on a date (an
// old ICB such as QNQ Frimley "as it was" on 2026-03-31, or a new one), a union of places, or a set of local
// authority districts, resolved to its practices (src/engines/footprints/practice-set.ts) with the label of
// the footprint it is read in. What a plan is for; the use cases its evidence runs take the result: the
// picture's date (`pictureDate`, the footprint's map) and, for a union or a set, the practice set.
import { FootprintRequestError, IcbNotInFootprintError } from "../engines/footprints/errors.ts";
import {
  authoritiesSet,
  cleanCodes,
  DISTRICT_MARGIN_DEGREES,
  distinct,
  placesSet,
  type ResolvedSet,
} from "../engines/footprints/practice-set.ts";
import { findSubIcb } from "../engines/overview/overview.ts";
import type { AreaSpec, Footprint, ResolvedArea } from "../model/footprint.ts";
import type { OrgRef } from "../model/organisation.ts";
import type { Picture } from "../model/picture.ts";
import { loadLsoaDistricts } from "../store/repositories/lsoa-geography.ts";
import type { Store } from "../store/store.ts";
import { areaFootprint, footprintAsked, pictureFootprint } from "./footprints.ts";
import { readPicture } from "./picture.ts";

export interface AreaRequest {
  synthetic: boolean;
  icb?: string | undefined;
  subIcb?: string | undefined;
  /** Place (sub-ICB location) codes, ODS or ONS: their union. */
  places?: readonly string[] | undefined;
  /** Local authority district codes (ONS): the practices whose site is in them. */
  localAuthorities?: readonly string[] | undefined;
  /** The footprint's date: the map in force then (default: the newest map, as `overview`). */
  footprint?: string | undefined;
}

/** The request field of each kind of area. */
const FIELDS: Record<AreaSpec["kind"], string> = {
  icb: "icb",
  "sub-icb": "subIcb",
  places: "places",
  "local-authorities": "localAuthorities",
};

/** The one code of an ICB or place, trimmed (a name is matched in any case); refused when blank. */
function oneCode(spec: AreaSpec): string {
  const code = spec.codes[0]?.trim() ?? "";
  if (code === "")
    throw new FootprintRequestError(`--${spec.kind} needs a code or name`, FIELDS[spec.kind], "invalid");
  return code;
}

/** The spec of a request: exactly one of --icb, --sub-icb, --places, --local-authorities. */
export function areaSpecOf(request: AreaRequest): AreaSpec {
  const given = [
    request.icb !== undefined && (["icb", [request.icb]] as const),
    request.subIcb !== undefined && (["sub-icb", [request.subIcb]] as const),
    request.places !== undefined && (["places", request.places] as const),
    request.localAuthorities !== undefined && (["local-authorities", request.localAuthorities] as const),
  ].filter((g) => g !== false);
  if (given.length !== 1)
    throw new FootprintRequestError(
      `give one of --icb, --sub-icb, --places or --local-authorities${given.length > 1 ? ` (found ${given.map((g) => `--${g[0]}`).join(" and ")})` : ""}`,
      given.length > 1 ? FIELDS[given[1]![0]] : "icb",
      "invalid",
    );
  const [kind, codes] = given[0]!;
  return { kind, codes: [...codes], date: request.footprint?.trim() || null };
}

/** The footprint of the picture the area is read in (its map), as `footprintAsked` for a date asked. */
async function footprintOf(store: Store, picture: Picture, asked: Footprint | null): Promise<Footprint> {
  if (asked) return asked;
  const f = await pictureFootprint(store, picture);
  if (!f)
    throw new FootprintRequestError(
      `the ${picture.sources.map.period} map is not among the store's maps`,
      "footprint",
      "unprocessable",
    );
  return f;
}

const ref = (r: OrgRef): OrgRef => ({ code: r.code, onsCode: r.onsCode, name: r.name });

/** The picture request of a resolved area: the footprint's map (its date), or the default picture. */
export const pictureDateOf = (area: ResolvedArea): string | undefined =>
  area.spec.date === null ? undefined : area.footprint.map.referenceDate;

/**
 * Resolves an area request in its footprint. Errors name the field: an unknown ICB (`icb`, with where an
 * old or new code stands), place (`subIcb`, `places`), district or a district with no practice
 * (`localAuthorities`), mixed forms, or a bad footprint date (`footprint`).
 */
export async function resolveArea(store: Store, request: AreaRequest): Promise<ResolvedArea> {
  const spec = areaSpecOf(request);
  const { synthetic } = request;
  const asked = spec.date === null ? null : await footprintAsked(store, synthetic, spec.date);
  const picture = await readPicture(store, {
    synthetic,
    ...(asked ? { date: asked.map.referenceDate } : {}),
  });
  const base = { spec, authorities: [], caveats: [] as string[] };
  if (spec.kind === "icb") {
    const code = oneCode(spec);
    const area = await areaFootprint(store, {
      synthetic,
      icb: code,
      footprint: spec.date ?? picture.sources.map.referenceDate,
    }).catch((error: unknown) => {
      // An old ICB asked for on the newest map: say how to ask for it as it was.
      if (error instanceof IcbNotInFootprintError && error.asItWas !== null && spec.date === null)
        throw new IcbNotInFootprintError(
          `${error.message} (--footprint ${error.asItWas} reads it as it was)`,
          error.asItWas,
          error.where,
        );
      throw error;
    });
    const practices = picture.practices.filter((p) => p.icb.code === area.icb.code);
    return {
      ...base,
      footprint: await footprintOf(store, picture, asked),
      code: area.icb.code,
      name: area.icb.name,
      icb: ref(area.icb),
      practices: null,
      places: distinct(practices.map((p) => ref(p.subIcb))),
      icbs: [ref(area.icb)],
      caveats: area.lineage ? [`${area.lineage}.`] : [],
    };
  }
  if (spec.kind === "sub-icb") {
    const place = findSubIcb(picture.practices, oneCode(spec));
    const first = picture.practices.find((p) => p.subIcb.code === place.code)!;
    return {
      ...base,
      footprint: await footprintOf(store, picture, asked),
      code: place.code,
      name: place.name,
      icb: ref(first.icb),
      practices: null,
      places: [ref(place)],
      icbs: [ref(first.icb)],
    };
  }
  let set: ResolvedSet;
  if (spec.kind === "places") set = placesSet(picture.practices, spec.codes, picture.sources.map.period);
  else {
    const districts = await loadLsoaDistricts(store.db, {
      synthetic,
      ladCodes: cleanCodes(spec.codes, "localAuthorities", "--local-authorities"),
      margin: DISTRICT_MARGIN_DEGREES,
    });
    if (!districts)
      throw new FootprintRequestError(
        "--local-authorities needs the ONS LSOA → ward → LAD lookup and the LSOA 2021 population-weighted " +
          "centroids: run `icsplan import <folder>` with boundaries/lookups/lsoa21_ward24_lad24_ew.csv and " +
          "boundaries/lsoa21/lsoa21_population_weighted_centroids_ew_v3.csv",
        "localAuthorities",
        "unprocessable",
      );
    set = authoritiesSet(picture.practices, spec.codes, districts.rows);
  }
  return {
    ...base,
    footprint: await footprintOf(store, picture, asked),
    code: set.set.code,
    name: set.set.name,
    icb: null,
    practices: set.set,
    places: set.places.map(ref),
    icbs: set.icbs.map(ref),
    authorities: set.authorities,
    caveats: set.caveats,
  };
}
