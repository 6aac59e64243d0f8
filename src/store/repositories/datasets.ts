// Finding datasets: the newest of a source, the newest on or before a date, and listing what is loaded.
// Real and synthetic (demo) datasets live side by side and are never mixed: every lookup names which.
import { sql, type Kysely } from "kysely";
import type { DatasetRef } from "../../model/picture.ts";
import { newestOnOrBefore, type DatedDataset } from "../../model/picture-choice.ts";
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

/**
 * The sources whose practice_list rows hold list sizes (their SEX ALL, AGE ALL rows): the totals file and
 * the 5-year age-band file of the same publication.
 */
export const LIST_SOURCES = ["gp-reg-pat-prac-all", "gp-reg-pat-prac-quin-age"] as const;

/**
 * The newest list-size dataset on or before a date (falling back to the oldest after it), of any list
 * source, by the rule of src/model/picture-choice.ts (a full file before a totals-only extract of it).
 */
export async function findListDataset(
  db: Db,
  synthetic: boolean,
  onOrBefore?: string,
): Promise<DatasetRef | null> {
  const { lists } = await pictureDatasets(db, synthetic);
  return newestOnOrBefore(lists, onOrBefore);
}

/** The practice → PCN maps and list-size files held, dated, for choosing a picture (src/model/picture-choice.ts). */
export async function pictureDatasets(
  db: Db,
  synthetic: boolean,
): Promise<{ maps: DatedDataset[]; lists: DatedDataset[] }> {
  const rows = await db
    .selectFrom("dataset")
    .select([...COLUMNS, sql<string>`coalesce(meta->>'scope', '')`.as("scope")])
    .where("source", "in", ["gp-reg-pat-prac-map", ...LIST_SOURCES])
    .where("synthetic", "=", synthetic)
    .execute();
  const dated = rows.map((r) => ({ ...toRef(r), scope: r.scope }));
  return {
    maps: dated.filter((d) => d.source === "gp-reg-pat-prac-map"),
    lists: dated.filter((d) => d.source !== "gp-reg-pat-prac-map"),
  };
}

/** Every list-size dataset, oldest first, one per month (a full file before a totals extract of it). */
export async function listDatasetsByMonth(db: Db, synthetic: boolean): Promise<DatasetRef[]> {
  const { lists } = await pictureDatasets(db, synthetic);
  const months = [...new Set(lists.map((d) => d.referenceDate))].sort();
  return months.map((m) =>
    newestOnOrBefore(
      lists.filter((d) => d.referenceDate === m),
      m,
    )!,
  );
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
