// Indexes for the reads every picture makes: the newest fiscal year of a workforce dataset (max over
// (dataset_id, fiscal_year) instead of a scan of its rows).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS practice_workforce_dataset_year ON practice_workforce (dataset_id, fiscal_year)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS practice_workforce_dataset_year`.execute(db);
}
