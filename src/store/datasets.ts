// Removing datasets: the fact tables carry dataset_id without a foreign key (for bulk-load speed), so
// every removal goes through here and clears each fact table.
import type { Kysely, Transaction } from "kysely";
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

/** Deletes the datasets and all their rows (run it inside the caller's transaction). */
export async function deleteDatasets(db: Kysely<Database> | Transaction<Database>, ids: readonly number[]) {
  if (ids.length === 0) return;
  for (const table of FACT_TABLES) {
    await db
      .deleteFrom(table)
      .where("dataset_id", "in", [...ids])
      .execute();
  }
  await db
    .deleteFrom("dataset")
    .where("id", "in", [...ids])
    .execute();
}
