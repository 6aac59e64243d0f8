// Removing datasets: the fact tables carry dataset_id without a foreign key (for bulk-load speed), so
// every removal goes through here and clears each fact table.
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, TableName } from "./schema.ts";

/** Every table whose rows belong to a dataset. */
export const FACT_TABLES = [
  "practice",
  "postcode_location",
  "org_map",
  "practice_list",
  "org_age_sex",
  "practice_lsoa",
  "lsoa_imd",
  "lsoa_centroid",
  "practice_imd",
  "pcn_imd",
  "practice_workforce",
  "pcn_workforce",
  "pcn",
  "pcn_membership",
  "payment",
  "qof_prevalence",
  "qof_indicator",
  "qof_practice",
  "boundary",
  "lsoa_pcn_lookup",
  "sub_icb_change",
  "lsoa_reallocation",
  "lsoa_nhs_area",
  "lsoa_local_authority",
  "lsoa_vintage_link",
] as const satisfies readonly Exclude<TableName, "dataset">[];

/**
 * Deletes the datasets and all their rows (run it inside the caller's transaction). Returns the rows
 * deleted from each fact table that had some.
 */
export async function deleteDatasets(
  db: Kysely<Database> | Transaction<Database>,
  ids: readonly number[],
): Promise<Map<TableName, number>> {
  const deleted = new Map<TableName, number>();
  if (ids.length === 0) return deleted;
  for (const table of FACT_TABLES) {
    const result = await db
      .deleteFrom(table)
      .where("dataset_id", "in", [...ids])
      .executeTakeFirst();
    const rows = Number(result.numDeletedRows);
    if (rows > 0) deleted.set(table, rows);
  }
  await db
    .deleteFrom("dataset")
    .where("id", "in", [...ids])
    .execute();
  return deleted;
}

/** What identifies the datasets an import replaces: the same source, reference date, scope and kind. */
export interface DatasetSlot {
  source: string;
  referenceDate: string;
  scope: string;
  synthetic: boolean;
}

/**
 * Holds, until the caller's transaction ends, a lock on one dataset slot, so two imports of the same
 * source, date and scope (two processes on one PostgreSQL database) replace one another in turn instead of
 * both keeping theirs. Each statement after it sees the datasets the other import committed. On PGlite,
 * one session, it is granted at once.
 */
export async function lockDatasetSlot(db: Transaction<Database>, slot: DatasetSlot): Promise<void> {
  const key = JSON.stringify([
    "icsplan dataset",
    slot.source,
    slot.referenceDate,
    slot.scope,
    slot.synthetic,
  ]);
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}
