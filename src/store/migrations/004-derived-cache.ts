// Derived data kept between runs: a value computed from the datasets (the picture of a date), stored with
// the fingerprint of the datasets it was computed from, so a read can reuse it while they are unchanged.
// Never user data: emptied by every import, and any row may be deleted at any time.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE derived_cache (
      key text PRIMARY KEY,
      inputs text NOT NULL,
      value text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // Values are JSON of up to ~15 MB: stored uncompressed, which writes them 2–3× faster (pglz is slow on
  // text this size) and reads them as fast.
  await sql`ALTER TABLE derived_cache ALTER COLUMN value SET STORAGE EXTERNAL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS derived_cache`.execute(db);
}
