// Upkeep of the store after imports: planner statistics for the tables a file changed (refreshed in the
// file's own transaction, so an import stopped part way leaves every committed file analysed), and the
// space that replaced rows and the write-ahead log leave behind.
import { sql, type Transaction } from "kysely";
import type { Database, TableName } from "./schema.ts";
import type { Store } from "./store.ts";

/**
 * Refreshes the planner statistics of the tables (and of `dataset`) from a small sample (3,000 rows a
 * table rather than 30,000: a full ANALYZE after every file of a national import cost 0.2–0.7 s a file).
 * Runs inside the file's transaction: ANALYZE counts the transaction's own new rows as live and its deleted
 * rows as dead, and its statistics commit with the rows. Without them the planner takes a freshly loaded
 * table for empty and an ICB overview takes minutes instead of seconds. The end of an import run refreshes
 * them in full (reclaimSpace).
 */
export async function refreshStatistics(
  db: Transaction<Database>,
  tables: Iterable<TableName>,
): Promise<void> {
  const names = [...new Set<TableName>(["dataset", ...tables])];
  await sql`SET LOCAL default_statistics_target = 10`.execute(db);
  await sql.raw(`ANALYZE ${names.join(", ")}`).execute(db);
}

/** A table and the rows an import run deleted from it (replaced datasets). */
export interface ChangedTable {
  table: TableName;
  deletedRows: number;
}

/**
 * Rewriting a table costs about as much as loading it again; below this share of dead rows a plain VACUUM,
 * which lets the next import reuse the space, is kept.
 */
const REWRITE_SHARE = 0.25;

/**
 * Gives back the space of rows an import replaced, and refreshes the planner statistics in full. Plain
 * VACUUM marks the space reusable and sets hint bits now rather than at the first read. In the embedded store a re-import's new rows sit after the old ones, so a
 * table where replaced rows are a large share of it is rewritten (VACUUM FULL) to return the space to the
 * disk, and a CHECKPOINT lets PGlite drop the write-ahead log it no longer needs. On PostgreSQL (shared,
 * with autovacuum; VACUUM FULL would lock readers out) only the plain VACUUM runs.
 */
export async function reclaimSpace(store: Store, changed: readonly ChangedTable[]): Promise<void> {
  const tables = [...new Set<TableName>(["dataset", ...changed.map((c) => c.table)])];
  if (store.kind !== "pglite") {
    await sql.raw(`VACUUM (ANALYZE) ${tables.join(", ")}`).execute(store.db);
    return;
  }
  const { rows } = await sql<{ relname: string; reltuples: number }>`
    SELECT relname, reltuples FROM pg_class
    WHERE relkind = 'r' AND relname IN (${sql.join(tables)})`.execute(store.db);
  const liveRows = new Map(rows.map((r) => [r.relname, Number(r.reltuples)]));
  const rewrite = new Set(
    changed
      .filter((c) => c.deletedRows > REWRITE_SHARE * Math.max(1, liveRows.get(c.table) ?? 0))
      .map((c) => c.table),
  );
  const plain = tables.filter((t) => !rewrite.has(t));
  if (rewrite.size > 0) {
    await sql.raw(`VACUUM (FULL) ${[...rewrite].join(", ")}`).execute(store.db);
    await sql.raw(`ANALYZE ${[...rewrite].join(", ")}`).execute(store.db);
  }
  if (plain.length > 0) await sql.raw(`VACUUM (ANALYZE) ${plain.join(", ")}`).execute(store.db);
  await sql`CHECKPOINT`.execute(store.db);
}
