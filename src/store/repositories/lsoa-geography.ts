// The LSOAs of places, as the ONS lookups give them: each LSOA 2021 with its sub-ICB location (the LSOA →
// sub-ICB → ICB lookup), local authority district and ward (the LSOA → ward → LAD lookup), IMD decile (the
// newest LSOA 2021 IMD edition), population-weighted centroid and, when asked, its polygon. Rows only: the
// caller says which sub-ICB locations make up the area.
import type { Kysely } from "kysely";
import type { DatasetRef } from "../../model/picture.ts";
import { selectJsonRows } from "../json-rows.ts";
import type { Database } from "../schema.ts";
import { findDataset, findDatasetById } from "./datasets.ts";

type Db = Kysely<Database>;

export interface LsoaGeographyRow {
  lsoaCode: string;
  lsoaName: string | null;
  /** ODS code of the sub-ICB location in the lookup (e.g. 05D). */
  subIcbCode: string;
  ladCode: string | null;
  ladName: string | null;
  imdDecile: number | null;
  lat: number | null;
  lon: number | null;
  /** GeoJSON Polygon or MultiPolygon, when asked for and loaded. */
  geometry: unknown;
}

export interface LoadedLsoaGeography {
  rows: LsoaGeographyRow[];
  /** LSOAs per local authority district in the whole lookup. */
  districtSizes: Map<string, number>;
  sources: {
    nhsAreas: DatasetRef;
    localAuthorities: DatasetRef | null;
    imd: DatasetRef | null;
    centroids: DatasetRef | null;
    polygons: DatasetRef | null;
  };
}

/** The newest dataset of a source that holds rows at a level (boundaries) or vintage (IMD, centroids). */
async function newestWith(
  db: Db,
  source: string,
  synthetic: boolean,
  table: "boundary" | "lsoa_imd" | "lsoa_centroid",
): Promise<DatasetRef | null> {
  const q = db
    .selectFrom("dataset")
    .select(["dataset.id"])
    .where("dataset.source", "=", source)
    .where("dataset.synthetic", "=", synthetic)
    .orderBy("dataset.reference_date", "desc")
    .orderBy("dataset.id", "desc");
  const ids = await (
    table === "boundary"
      ? q.where((eb) =>
          eb.exists(
            eb
              .selectFrom("boundary")
              .select("boundary.code")
              .whereRef("boundary.dataset_id", "=", "dataset.id")
              .where("boundary.level", "=", "lsoa21"),
          ),
        )
      : q.where((eb) =>
          eb.exists(
            eb
              .selectFrom(table)
              .select(`${table}.lsoa_code`)
              .whereRef(`${table}.dataset_id`, "=", "dataset.id")
              .where(`${table}.vintage`, "=", 2021),
          ),
        )
  ).execute();
  if (ids.length === 0) return null;
  return findDatasetById(db, ids[0]!.id);
}

/**
 * The LSOAs of the given sub-ICB locations (ODS codes), or null when no LSOA → sub-ICB lookup is loaded.
 * Polygons come from the most detailed LSOA 2021 set that covers each LSOA (a local subset before the
 * national set).
 */
export async function loadLsoaGeography(
  db: Db,
  options: {
    synthetic: boolean;
    subIcbCodes: readonly string[];
    geometry: boolean;
    /** LSOAs (2021 codes) to hold in another sub-ICB location than the lookup's, or to add to the area. */
    moved?: ReadonlyMap<string, string> | undefined;
    /** LSOAs (2021 codes) to leave out (moved out of the area since the lookup). */
    without?: ReadonlySet<string> | undefined;
  },
): Promise<LoadedLsoaGeography | null> {
  const { synthetic } = options;
  const nhsAreas = await findDataset(db, "ons-lsoa-nhs-area", synthetic);
  if (!nhsAreas || options.subIcbCodes.length === 0) return null;
  const [localAuthorities, imd, centroids, polygons] = await Promise.all([
    findDataset(db, "ons-lsoa-local-authority", synthetic),
    newestWith(db, "lsoa-imd", synthetic, "lsoa_imd"),
    newestWith(db, "lsoa-centroids", synthetic, "lsoa_centroid"),
    options.geometry ? newestWith(db, "ons-boundaries", synthetic, "boundary") : Promise.resolve(null),
  ]);
  const areas = await selectJsonRows(
    db,
    db
      .selectFrom("lsoa_nhs_area")
      .select(["lsoa_code", "lsoa_name", "sub_icb_code"])
      .where("dataset_id", "=", nhsAreas.id)
      .where("sub_icb_code", "in", [...options.subIcbCodes]),
  );
  const moved = options.moved ?? new Map<string, string>();
  const inArea = new Set(areas.map((a) => a.lsoa_code));
  const added = [...moved.keys()].filter((c) => !inArea.has(c));
  if (added.length > 0)
    areas.push(
      ...(await selectJsonRows(
        db,
        db
          .selectFrom("lsoa_nhs_area")
          .select(["lsoa_code", "lsoa_name", "sub_icb_code"])
          .where("dataset_id", "=", nhsAreas.id)
          .where("lsoa_code", "in", added),
      )),
    );
  for (const a of areas) if (moved.has(a.lsoa_code)) a.sub_icb_code = moved.get(a.lsoa_code)!;
  if (options.without)
    areas.splice(0, areas.length, ...areas.filter((a) => !options.without!.has(a.lsoa_code)));
  const codes = areas.map((a) => a.lsoa_code);
  const byCode = <T extends { lsoa_code: string }>(rows: T[]) => new Map(rows.map((r) => [r.lsoa_code, r]));
  const none = Promise.resolve([]);
  const [lads, deciles, points, shapes] = await Promise.all([
    localAuthorities && codes.length > 0
      ? selectJsonRows(
          db,
          db
            .selectFrom("lsoa_local_authority")
            .select(["lsoa_code", "lad_code", "lad_name"])
            .where("dataset_id", "=", localAuthorities.id)
            .where("lsoa_code", "in", codes),
        )
      : none,
    imd && codes.length > 0
      ? selectJsonRows(
          db,
          db
            .selectFrom("lsoa_imd")
            .select(["lsoa_code", "imd_decile"])
            .where("dataset_id", "=", imd.id)
            .where("lsoa_code", "in", codes),
        )
      : none,
    centroids && codes.length > 0
      ? selectJsonRows(
          db,
          db
            .selectFrom("lsoa_centroid")
            .select(["lsoa_code", "lat", "lon"])
            .where("dataset_id", "=", centroids.id)
            .where("lsoa_code", "in", codes),
        )
      : none,
    options.geometry && codes.length > 0
      ? db
          .selectFrom("boundary")
          .innerJoin("dataset", "dataset.id", "boundary.dataset_id")
          .select(["boundary.code as lsoa_code", "boundary.geometry", "dataset.row_count"])
          .where("dataset.synthetic", "=", synthetic)
          .where("boundary.level", "=", "lsoa21")
          .where("boundary.code", "in", codes)
          // The smaller (local, more detailed) set first.
          .orderBy("dataset.row_count", "asc")
          .execute()
      : none,
  ]);
  const ladOf = byCode(lads as { lsoa_code: string; lad_code: string; lad_name: string | null }[]);
  const decileOf = byCode(deciles as { lsoa_code: string; imd_decile: number }[]);
  const pointOf = byCode(points as { lsoa_code: string; lat: number; lon: number }[]);
  const shapeOf = new Map<string, unknown>();
  for (const s of shapes as { lsoa_code: string; geometry: unknown }[])
    if (!shapeOf.has(s.lsoa_code))
      shapeOf.set(s.lsoa_code, typeof s.geometry === "string" ? JSON.parse(s.geometry) : s.geometry);
  const rows = areas
    .map((a) => ({
      lsoaCode: a.lsoa_code,
      lsoaName: a.lsoa_name,
      subIcbCode: a.sub_icb_code ?? "",
      ladCode: ladOf.get(a.lsoa_code)?.lad_code ?? null,
      ladName: ladOf.get(a.lsoa_code)?.lad_name ?? null,
      imdDecile: decileOf.get(a.lsoa_code)?.imd_decile ?? null,
      lat: pointOf.get(a.lsoa_code)?.lat ?? null,
      lon: pointOf.get(a.lsoa_code)?.lon ?? null,
      geometry: shapeOf.get(a.lsoa_code) ?? null,
    }))
    .sort((a, b) => a.lsoaCode.localeCompare(b.lsoaCode));
  const districtSizes = new Map<string, number>();
  if (localAuthorities) {
    const sizes = await db
      .selectFrom("lsoa_local_authority")
      .select((eb) => ["lad_code", eb.fn.countAll<string>().as("n")])
      .where("dataset_id", "=", localAuthorities.id)
      .groupBy("lad_code")
      .execute();
    for (const r of sizes) districtSizes.set(r.lad_code, Number(r.n));
  }
  return { rows, districtSizes, sources: { nhsAreas, localAuthorities, imd, centroids, polygons } };
}

/** Local authority district polygons (level `lad`, the newest dataset first) for the given codes. */
export async function loadLocalAuthorityPolygons(
  db: Db,
  options: { synthetic: boolean; codes: readonly string[] },
): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (options.codes.length === 0) return out;
  const rows = await db
    .selectFrom("boundary")
    .innerJoin("dataset", "dataset.id", "boundary.dataset_id")
    .select(["boundary.code", "boundary.geometry"])
    .where("dataset.synthetic", "=", options.synthetic)
    .where("boundary.level", "=", "lad")
    .where("boundary.code", "in", [...options.codes])
    .orderBy("dataset.reference_date", "desc")
    .orderBy("dataset.id", "desc")
    .execute();
  for (const r of rows)
    if (!out.has(r.code))
      out.set(r.code, typeof r.geometry === "string" ? JSON.parse(r.geometry) : r.geometry);
  return out;
}

/** The LSOA 2021 codes of LSOA 2011 codes, by the newest ONS LSOA 2011 → 2021 lookup (empty when none). */
export async function lsoa21CodesOf(
  db: Db,
  synthetic: boolean,
  lsoa11Codes: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const link = await findDataset(db, "ons-lsoa11-lsoa21", synthetic);
  if (!link || lsoa11Codes.length === 0) return out;
  const rows = await db
    .selectFrom("lsoa_vintage_link")
    .select(["lsoa11_code", "lsoa21_code"])
    .where("dataset_id", "=", link.id)
    .where("lsoa11_code", "in", [...lsoa11Codes])
    .orderBy("lsoa21_code")
    .execute();
  for (const r of rows) out.set(r.lsoa11_code, [...(out.get(r.lsoa11_code) ?? []), r.lsoa21_code]);
  return out;
}

/** Which of these sub-ICB location codes the LSOA → sub-ICB location lookup has LSOAs for. */
export async function subIcbCodesInLookup(
  db: Db,
  synthetic: boolean,
  codes: readonly string[],
): Promise<Set<string>> {
  const nhsAreas = await findDataset(db, "ons-lsoa-nhs-area", synthetic);
  if (!nhsAreas || codes.length === 0) return new Set();
  const rows = await db
    .selectFrom("lsoa_nhs_area")
    .select("sub_icb_code")
    .distinct()
    .where("dataset_id", "=", nhsAreas.id)
    .where("sub_icb_code", "in", [...codes])
    .execute();
  return new Set(rows.map((r) => r.sub_icb_code ?? ""));
}

/**
 * The LSOAs 2021 of the ONS LSOA → ward → LAD lookup near some districts, each with its district and
 * population-weighted centroid (the newest LSOA 2021 centroids): every LSOA whose centroid lies within
 * `margin` degrees of the box around the districts' own centroids, for placing practice sites in districts.
 * Districts the lookup lacks have no rows; null when the lookup or the centroids are not loaded.
 */
export async function loadLsoaDistricts(
  db: Db,
  options: { synthetic: boolean; ladCodes: readonly string[]; margin: number },
): Promise<{
  rows: { lsoaCode: string; ladCode: string; ladName: string | null; lat: number; lon: number }[];
  sources: { localAuthorities: DatasetRef; centroids: DatasetRef };
} | null> {
  const [localAuthorities, centroids] = await Promise.all([
    findDataset(db, "ons-lsoa-local-authority", options.synthetic),
    newestWith(db, "lsoa-centroids", options.synthetic, "lsoa_centroid"),
  ]);
  if (!localAuthorities || !centroids) return null;
  const joined = () =>
    db
      .selectFrom("lsoa_local_authority as l")
      .innerJoin("lsoa_centroid as c", "c.lsoa_code", "l.lsoa_code")
      .where("l.dataset_id", "=", localAuthorities.id)
      .where("c.dataset_id", "=", centroids.id)
      .where("c.vintage", "=", 2021);
  const sources = { localAuthorities, centroids };
  if (options.ladCodes.length === 0) return { rows: [], sources };
  const box = await joined()
    .select((eb) => [
      eb.fn.min("c.lat").as("minLat"),
      eb.fn.max("c.lat").as("maxLat"),
      eb.fn.min("c.lon").as("minLon"),
      eb.fn.max("c.lon").as("maxLon"),
    ])
    .where("l.lad_code", "in", [...options.ladCodes])
    .executeTakeFirst();
  if (!box || box.minLat === null) return { rows: [], sources };
  const m = options.margin;
  const rows = await joined()
    .select(["l.lsoa_code", "l.lad_code", "l.lad_name", "c.lat", "c.lon"])
    .where("c.lat", ">=", Number(box.minLat) - m)
    .where("c.lat", "<=", Number(box.maxLat) + m)
    .where("c.lon", ">=", Number(box.minLon) - m)
    .where("c.lon", "<=", Number(box.maxLon) + m)
    .orderBy("l.lsoa_code")
    .execute();
  return {
    rows: rows.map((r) => ({
      lsoaCode: r.lsoa_code,
      ladCode: r.lad_code,
      ladName: r.lad_name,
      lat: Number(r.lat),
      lon: Number(r.lon),
    })),
    sources,
  };
}
