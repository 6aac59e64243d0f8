// Accounts, sessions and the audit log (issue 12, item 8). Users with their role grants (JSON: role and
// scope), sessions (only the SHA-256 of the token is stored, with the session's CSRF token and expiry),
// failed logins (the rate limit, shared by every server on one database) and the audit log of every
// change: append-only in the database itself, where a trigger refuses UPDATE, DELETE and TRUNCATE.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE app_user (
      id serial PRIMARY KEY,
      name text NOT NULL UNIQUE,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      grants jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE app_session (
      token_hash text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX app_session_user ON app_session (user_id)`.execute(db);
  await sql`
    CREATE TABLE login_failure (
      id serial PRIMARY KEY,
      key text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX login_failure_key_at ON login_failure (key, at)`.execute(db);
  await sql`
    CREATE TABLE audit_log (
      id serial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor text NOT NULL,
      action text NOT NULL,
      target text NOT NULL,
      route text,
      before jsonb,
      after jsonb
    )`.execute(db);
  await sql`CREATE INDEX audit_log_target ON audit_log (target, id)`.execute(db);
  await sql`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS audit_log`.execute(db);
  await sql`DROP FUNCTION IF EXISTS audit_log_append_only()`.execute(db);
  await sql`DROP TABLE IF EXISTS login_failure`.execute(db);
  await sql`DROP TABLE IF EXISTS app_session`.execute(db);
  await sql`DROP TABLE IF EXISTS app_user`.execute(db);
}
