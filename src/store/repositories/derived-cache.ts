// Derived values kept between runs (table derived_cache, migration 004): the value of a key is reused while
// the fingerprint of its inputs is unchanged, else rebuilt and stored again. A failed write (a read-only
// PostgreSQL role, a concurrent writer) only costs the rebuild next time: the value is still returned.
import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.ts";

type Db = Kysely<Database>;

/**
 * Fingerprint of every dataset of one kind (real or synthetic): ids and file hashes, so that any import,
 * replacement or removal changes it.
 */
export async function datasetFingerprint(db: Db, synthetic: boolean): Promise<string> {
  const r = await sql<{ fingerprint: string | null }>`select string_agg(id::text || ':' || file_sha256, ','
    order by id) as fingerprint from dataset where synthetic = ${synthetic}`.execute(db);
  return r.rows[0]?.fingerprint ?? "";
}

/** The stored value of `key` when it was computed from `inputs`; else `build()`, stored for next time. */
export async function cachedJson<T>(
  db: Db,
  key: string,
  inputs: string,
  build: () => Promise<T>,
): Promise<T> {
  const row = await db
    .selectFrom("derived_cache")
    .select(["inputs", "value"])
    .where("key", "=", key)
    .executeTakeFirst();
  if (row && row.inputs === inputs) return JSON.parse(row.value) as T;
  const value = await build();
  // Never inside a transaction: on PostgreSQL a failed write would abort the caller's work.
  if (db.isTransaction) return value;
  try {
    await db
      .insertInto("derived_cache")
      .values({ key, inputs, value: JSON.stringify(value) })
      .onConflict((oc) =>
        oc
          .column("key")
          .doUpdateSet((eb) => ({ inputs: eb.ref("excluded.inputs"), value: eb.ref("excluded.value") })),
      )
      .execute();
  } catch {
    // Derived data only: the next read rebuilds it.
  }
  return value;
}

/** Empties the cache (every import does, so stale values never outlive the data they came from). */
export async function clearDerivedCache(db: Db): Promise<void> {
  await db.deleteFrom("derived_cache").execute();
}
