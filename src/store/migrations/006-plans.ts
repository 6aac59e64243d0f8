// The ICS primary care plan (issue 12): organisations and people added by users, plans (the editable
// document as JSON, with a revision for optimistic concurrency), the evidence behind every figure, the
// engagement log, immutable versions and sign-offs. Additive: no existing table changes.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE plan_organisation (
      id serial PRIMARY KEY,
      kind text NOT NULL,
      name text NOT NULL,
      code text,
      icb_code text,
      parent_key text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, name, icb_code)
    )`.execute(db);
  await sql`
    CREATE TABLE plan_person (
      id serial PRIMARY KEY,
      name text NOT NULL,
      organisation_key text,
      staff_group text NOT NULL,
      role text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE plan (
      id serial PRIMARY KEY,
      name text NOT NULL UNIQUE,
      state text NOT NULL,
      revision integer NOT NULL DEFAULT 1,
      content jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE plan_evidence (
      plan_id integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      key text NOT NULL,
      title text NOT NULL,
      use_case text NOT NULL,
      request jsonb NOT NULL,
      summary jsonb NOT NULL,
      datasets jsonb NOT NULL,
      unavailable text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (plan_id, key)
    )`.execute(db);
  await sql`
    CREATE TABLE plan_engagement (
      id serial PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      date date NOT NULL,
      kind text NOT NULL,
      forum text NOT NULL,
      organisations jsonb NOT NULL,
      attendees jsonb NOT NULL,
      settings jsonb NOT NULL,
      asked text NOT NULL,
      heard text NOT NULL,
      changes jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE plan_version (
      plan_id integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      number integer NOT NULL,
      revision integer NOT NULL,
      created_by text NOT NULL,
      note text NOT NULL,
      snapshot jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (plan_id, number)
    )`.execute(db);
  await sql`
    CREATE TABLE plan_comment (
      id serial PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      section text NOT NULL,
      by_name text NOT NULL,
      role text NOT NULL,
      text text NOT NULL,
      revision integer NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE plan_signoff (
      id serial PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      step text NOT NULL,
      version integer NOT NULL,
      by_name text NOT NULL,
      role text NOT NULL,
      organisation text,
      note text NOT NULL,
      from_state text NOT NULL,
      to_state text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "plan_signoff",
    "plan_comment",
    "plan_version",
    "plan_engagement",
    "plan_evidence",
    "plan",
    "plan_person",
  ])
    await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
  await sql`DROP TABLE IF EXISTS plan_organisation`.execute(db);
}
