// Who last changed each section of a plan (issue 12, "Bad input": two people editing the same section).
// Every section edit (its narrative, an action's status) appends a row here in the transaction that saves
// the change, so a refused stale edit can say who changed the section since, and when.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE plan_section_edit (
      id serial PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      section text NOT NULL,
      change text NOT NULL,
      by_name text NOT NULL,
      revision integer NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX plan_section_edit_plan ON plan_section_edit (plan_id, section, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS plan_section_edit`.execute(db);
}
