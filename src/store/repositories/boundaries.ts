// LSOA boundaries for drawing networks: the LSOA polygons loaded whose centroids fall in a bounding box, of
// one vintage, so that 2011 and 2021 areas never overlap on one map: LSOA 2021 (the ONS super-generalised
// England and Wales set, or a local subset) wherever any is loaded in the box, else LSOA 2011 (e.g. the
// Sussex file). The newest dataset first when two cover the same LSOA.
import type { Kysely } from "kysely";
import type { LsoaArea, PolygonalGeometry } from "../../model/geometry.ts";
import type { Database } from "../schema.ts";

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

export async function loadLsoaBoundaries(
  db: Kysely<Database>,
  options: { synthetic: boolean; box: BoundingBox },
): Promise<LsoaArea[]> {
  const { box } = options;
  const rows = await db
    .selectFrom("boundary")
    .innerJoin("dataset", "dataset.id", "boundary.dataset_id")
    .select([
      "boundary.code",
      "boundary.level",
      "boundary.centroid_lat",
      "boundary.centroid_lon",
      "boundary.geometry",
    ])
    .where("dataset.synthetic", "=", options.synthetic)
    .where("boundary.level", "in", ["lsoa11", "lsoa21", "lsoa"])
    .where("boundary.centroid_lat", ">=", box.minLat)
    .where("boundary.centroid_lat", "<=", box.maxLat)
    .where("boundary.centroid_lon", ">=", box.minLon)
    .where("boundary.centroid_lon", "<=", box.maxLon)
    .orderBy("dataset.reference_date", "desc")
    .orderBy("dataset.id", "desc")
    .execute();
  const level = rows.some((r) => r.level === "lsoa21") ? "lsoa21" : rows[0]?.level;
  const seen = new Set<string>();
  const out: LsoaArea[] = [];
  for (const r of rows) {
    if (r.level !== level || seen.has(r.code) || r.centroid_lat === null || r.centroid_lon === null) continue;
    seen.add(r.code);
    const geometry = (
      typeof r.geometry === "string" ? JSON.parse(r.geometry) : r.geometry
    ) as PolygonalGeometry;
    if (geometry?.type !== "Polygon" && geometry?.type !== "MultiPolygon") continue;
    out.push({ code: r.code, lat: r.centroid_lat, lon: r.centroid_lon, geometry });
  }
  return out;
}
