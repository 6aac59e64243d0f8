// Saved scenarios: a network design, a closure or merger, an allocation. Each is one row, named by the
// user, holding what was asked (request), what came out (result) and, where the scenario changes who
// belongs to which network or which practices stay open, the configuration it leaves behind — so other
// engines (funding, evaluation) can work on it as they work on today's map.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE scenario (
      id serial PRIMARY KEY,
      name text NOT NULL UNIQUE,
      kind text NOT NULL,
      synthetic boolean NOT NULL,
      area text NOT NULL,
      map_date date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      description text NOT NULL DEFAULT '',
      request jsonb NOT NULL,
      result jsonb NOT NULL,
      configuration jsonb
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS scenario`.execute(db);
}
