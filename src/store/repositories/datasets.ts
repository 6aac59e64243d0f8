// Finding datasets: the newest of a source, the newest on or before a date, and listing what is loaded.
// Real and synthetic (demo) datasets live side by side and are never mixed: every lookup names which.
import type { Kysely } from "kysely";
import type { DatasetRef } from "../../model/picture.ts";
import type { Database } from "../schema.ts";

type Db = Kysely<Database>;

/** The columns of a dataset row that make a `DatasetRef`. */
export interface DatasetRefRow {
  id: number;
  source: string;
  title: string;
  period: string;
  reference_date: string;
  synthetic: boolean;
}

/** A dataset row as the model names it. */
export const toRef = (r: DatasetRefRow): DatasetRef => ({
  id: r.id,
  source: r.source,
  title: r.title,
  period: r.period,
  referenceDate: r.reference_date,
  synthetic: r.synthetic,
});

/** The columns `toRef` reads. */
export const DATASET_REF_COLUMNS = [
  "id",
  "source",
  "title",
  "period",
  "reference_date",
  "synthetic",
] as const;
const COLUMNS = DATASET_REF_COLUMNS;

/** The newest dataset of a source, optionally on or before a date (falling back to the oldest after it). */
export async function findDataset(
  db: Db,
  source: string,
  synthetic: boolean,
  onOrBefore?: string,
): Promise<DatasetRef | null> {
  let q = db
    .selectFrom("dataset")
    .select(COLUMNS)
    .where("source", "=", source)
    .where("synthetic", "=", synthetic);
  if (onOrBefore) {
    const before = await q
      .where("reference_date", "<=", onOrBefore)
      .orderBy("reference_date", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (before) return toRef(before);
    q = q.orderBy("reference_date", "asc");
  } else q = q.orderBy("reference_date", "desc");
  const row = await q.orderBy("id", "desc").executeTakeFirst();
  return row ? toRef(row) : null;
}

export async function findDatasetById(db: Db, id: number): Promise<DatasetRef | null> {
  const row = await db.selectFrom("dataset").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toRef(row) : null;
}

export interface DatasetListing extends DatasetRef {
  fileName: string;
  rowCount: number;
  importedAt: string;
  scope: string;
}

export async function listDatasets(db: Db): Promise<DatasetListing[]> {
  const rows = await db
    .selectFrom("dataset")
    .select([...COLUMNS, "file_name", "row_count", "imported_at", "meta"])
    .orderBy("synthetic")
    .orderBy("source")
    .orderBy("reference_date")
    .execute();
  return rows.map((r) => ({
    ...toRef(r),
    fileName: r.file_name,
    rowCount: r.row_count,
    importedAt: String(r.imported_at),
    scope: String((r.meta as { scope?: string } | null)?.scope ?? ""),
  }));
}
