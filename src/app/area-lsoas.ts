// The LSOAs of an ICB or place at a map's date, with their local authority, IMD decile, centroid and
// polygon: the data of a deprivation choropleth and of the local authorities an area spans. The area's
// sub-ICB locations come from the practice → PCN map of the date (so a post-merger ICB is the union of its
// sub-ICB locations), and each sub-ICB location's LSOAs from the ONS LSOA → sub-ICB lookup, with the LSOAs
// an ODS change in force at the map's date moved between locations (engines/footprints/lsoa-moves.ts).
import { groupChanges } from "../engines/footprints/in-force.ts";
import { lsoaMoves, type LsoaMoves } from "../engines/footprints/lsoa-moves.ts";
import { UnknownAreaError } from "../model/errors.ts";
import {
  summariseLocalAuthorities,
  type LocalAuthoritySummary,
} from "../engines/overview/local-authorities.ts";
import type { DatasetRef } from "../model/picture.ts";
import { loadChangeFiles } from "../store/repositories/footprints.ts";
import {
  loadLocalAuthorityPolygons,
  loadLsoaGeography,
  lsoa21CodesOf,
  subIcbCodesInLookup,
  type LsoaGeographyRow,
} from "../store/repositories/lsoa-geography.ts";
import { loadPicture, NoDataError } from "./load-picture.ts";
import type { Store } from "../store/store.ts";

export interface AreaLsoasRequest {
  synthetic: boolean;
  /** ODS or ONS code of an ICB or sub-ICB location. */
  area: string;
  date?: string | undefined;
  /** LSOA polygons. */
  geometry: boolean;
  /** Local authority district polygons. */
  localAuthorityGeometry?: boolean;
}

export interface AreaLsoasResult {
  area: { level: "icb" | "sub-icb"; code: string; onsCode: string | null; name: string };
  mapDate: string;
  mapPeriod: string;
  subIcbCodes: string[];
  lsoas: LsoaGeographyRow[];
  localAuthorities: (LocalAuthoritySummary & { geometry: unknown })[];
  sources: Record<string, DatasetRef | null>;
  caveats: string[];
}

export async function areaLsoas(store: Store, request: AreaLsoasRequest): Promise<AreaLsoasResult> {
  const picture = await loadPicture(store.db, { synthetic: request.synthetic, date: request.date });
  const want = request.area.trim().toUpperCase();
  const match = (r: { code: string; onsCode: string | null }) =>
    r.code.toUpperCase() === want || r.onsCode?.toUpperCase() === want;
  const inIcb = picture.practices.filter((p) => match(p.icb));
  const inSubIcb = picture.practices.filter((p) => match(p.subIcb));
  const practices = inIcb.length > 0 ? inIcb : inSubIcb;
  if (practices.length === 0) {
    const known = [...new Set(picture.practices.map((p) => p.icb.code))].sort();
    throw new UnknownAreaError(
      `no ICB or sub-ICB location has code '${request.area}' in the ${picture.sources.map.period} map; ` +
        `known ICBs: ${known.join(", ")}`,
    );
  }
  const ref = inIcb.length > 0 ? practices[0]!.icb : practices[0]!.subIcb;
  const subIcbCodes = [...new Set(practices.map((p) => p.subIcb.code))].sort();
  const moves = await lsoaMovesOf(store, request.synthetic, {
    date: picture.date,
    icbCode: practices[0]!.icb.code,
    icbName: practices[0]!.icb.name,
    level: inIcb.length > 0 ? "icb" : "sub-icb",
    subIcbCodes,
  });
  const loaded = await loadLsoaGeography(store.db, {
    synthetic: request.synthetic,
    subIcbCodes,
    geometry: request.geometry,
    moved: moves?.moved,
    without: moves?.without,
  });
  if (!loaded) {
    throw new NoDataError(
      "No LSOA → sub-ICB location lookup is loaded: import the ONS LSOA (2021) to Sub ICB Location to ICB " +
        "lookup (e.g. lsoa21_sicbl24_icb24_en_apr2024.csv).",
    );
  }
  const caveats: string[] = [];
  if (
    moves &&
    moves.applied.length > 0 &&
    (moves.moved.size > 0 || moves.without.size > 0 || moves.unplaced > 0)
  )
    caveats.push(
      `LSOAs as the ODS change${moves.applied.length === 1 ? "" : "s"} of ${moves.applied.map((c) => c.effectiveFrom).join(", ")} ` +
        `moved them: ${moves.moved.size} held by their new sub-ICB location, ${moves.without.size} moved out` +
        (moves.unplaced > 0
          ? `, ${moves.unplaced} in the ICB with no sub-ICB location published (left out)`
          : "") +
        " (LSOA 2011 codes read as 2021 codes through the ONS lookup).",
    );
  const found = new Set(loaded.rows.map((r) => r.subIcbCode));
  const missing = subIcbCodes.filter((c) => !found.has(c));
  if (missing.length > 0)
    caveats.push(
      `Sub-ICB location${missing.length === 1 ? "" : "s"} ${missing.join(", ")} of the ${picture.sources.map.period} ` +
        `map ${missing.length === 1 ? "is" : "are"} not in the ${loaded.sources.nhsAreas.period} LSOA lookup ` +
        "(new since it was published): their LSOAs are missing.",
    );
  const noLad = loaded.rows.filter((r) => r.ladCode === null).length;
  if (noLad > 0) caveats.push(`${noLad} LSOAs have no local authority in the lookup.`);
  if (request.geometry) {
    const noShape = loaded.rows.filter((r) => r.geometry === null).length;
    if (noShape > 0) caveats.push(`${noShape} LSOAs have no polygon loaded.`);
  }
  const summaries = summariseLocalAuthorities(loaded.rows, loaded.districtSizes);
  const shapes = request.localAuthorityGeometry
    ? await loadLocalAuthorityPolygons(store.db, {
        synthetic: request.synthetic,
        codes: summaries.map((l) => l.ladCode),
      })
    : new Map<string, unknown>();
  if (request.localAuthorityGeometry) {
    const none = summaries.filter((l) => !shapes.has(l.ladCode)).map((l) => l.ladCode);
    if (none.length > 0) caveats.push(`No local authority polygon is loaded for ${none.join(", ")}.`);
  }
  return {
    area: {
      level: inIcb.length > 0 ? "icb" : "sub-icb",
      code: ref.code,
      onsCode: ref.onsCode,
      name: ref.name,
    },
    mapDate: picture.date,
    mapPeriod: picture.sources.map.period,
    subIcbCodes,
    lsoas: loaded.rows,
    localAuthorities: summaries.map((l) => ({ ...l, geometry: shapes.get(l.ladCode) ?? null })),
    sources: { map: picture.sources.map, ...loaded.sources },
    caveats,
  };
}

/** One LSOA as a flat record; the centroid only where asked (the GeoJSON carries the polygon instead). */
export const lsoaRecord = (l: AreaLsoasResult["lsoas"][number], centroid: boolean) => ({
  lsoa_code: l.lsoaCode,
  lsoa_name: l.lsoaName,
  sub_icb_code: l.subIcbCode,
  lad_code: l.ladCode,
  lad_name: l.ladName,
  imd_decile: l.imdDecile,
  ...(centroid ? { lat: l.lat, lon: l.lon } : {}),
});

/** The LSOAs of an area with their polygons, local authority and IMD decile, as a FeatureCollection. */
export function lsoaGeoJson(r: AreaLsoasResult) {
  const features = r.lsoas
    .filter((l) => l.geometry !== null)
    .map((l) => ({ type: "Feature", properties: lsoaRecord(l, false), geometry: l.geometry }));
  return {
    type: "FeatureCollection",
    features,
    metadata: {
      area: r.area,
      mapDate: r.mapDate,
      lsoas: r.lsoas.length,
      withPolygon: features.length,
      imd: r.sources.imd?.period ?? null,
      caveats: r.caveats,
    },
  };
}

/** The LSOA moves of the ODS changes in force at the map's date for an area, or null when none is loaded. */
async function lsoaMovesOf(
  store: Store,
  synthetic: boolean,
  area: { date: string; icbCode: string; icbName: string; level: "icb" | "sub-icb"; subIcbCodes: string[] },
): Promise<LsoaMoves | null> {
  const changes = groupChanges(await loadChangeFiles(store.db, synthetic)).filter(
    (c) => c.effectiveFrom <= area.date && c.reallocated.length > 0,
  );
  if (changes.length === 0) return null;
  const lsoa11 = [...new Set(changes.flatMap((c) => c.reallocated.map((m) => m.lsoaCode)))];
  const [lsoa21Of, inLookup] = await Promise.all([
    lsoa21CodesOf(store.db, synthetic, lsoa11),
    subIcbCodesInLookup(store.db, synthetic, area.subIcbCodes),
  ]);
  return lsoaMoves({
    changes,
    date: area.date,
    lsoa21Of,
    icbCode: area.icbCode,
    icbName: area.icbName,
    level: area.level,
    subIcbCodes: area.subIcbCodes,
    withoutLookup: area.subIcbCodes.filter((c) => !inLookup.has(c)),
  });
}
