// Storage of the append-only audit log (issue 12, item 8): rows are only ever inserted; the database
// refuses UPDATE, DELETE and TRUNCATE on the table (migration 007's trigger).
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  /** The API route that made the change (`PATCH /api/plans/{name}`), or null for the CLI. */
  route: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: string;
}

const parsed = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);
const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

export async function appendAudit(db: Db, entry: AuditEntry): Promise<AuditRecord> {
  const r = await db
    .insertInto("audit_log")
    .values({
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      route: entry.route,
      before: json(entry.before),
      after: json(entry.after),
    })
    .returning(["id", "at"])
    .executeTakeFirstOrThrow();
  return { ...entry, id: r.id, at: new Date(r.at).toISOString() };
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  /** A target exactly (`plan:QNC`), or its prefix ending in ':' (`plan:`). */
  target?: string | undefined;
  /** Rows older than this id (the next page). */
  beforeId?: number | undefined;
  limit: number;
}

/** Audit rows, newest first. */
export async function listAudit(db: Db, filter: AuditFilter): Promise<AuditRecord[]> {
  let q = db
    .selectFrom("audit_log")
    .select(["id", "at", "actor", "action", "target", "route", "before", "after"]);
  if (filter.actor !== undefined) q = q.where("actor", "=", filter.actor);
  if (filter.action !== undefined) q = q.where("action", "=", filter.action);
  if (filter.target !== undefined)
    q = filter.target.endsWith(":")
      ? q.where("target", "like", `${filter.target.replace(/[\\%_]/g, "\\$&")}%`)
      : q.where("target", "=", filter.target);
  if (filter.beforeId !== undefined) q = q.where("id", "<", filter.beforeId);
  const rows = await q.orderBy("id", "desc").limit(filter.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    route: r.route,
    before: parsed(r.before),
    after: parsed(r.after),
  }));
}
