// Opens the icsplan store: embedded PGlite by default (a data directory under the user's data home), or
// PostgreSQL when a connection URL is given. Kysely is the single query layer over both; bulk loads use
// COPY on PGlite and batched multi-row INSERTs on PostgreSQL.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator, PostgresDialect, sql, type LogEvent, type Transaction } from "kysely";
import type { Pool } from "pg";
import { RequestError } from "../model/errors.ts";
import { acquireStoreLock, type LockHolder, type LockNote } from "./lock.ts";
import { migrationProvider } from "./migrations/index.ts";
import { PgliteDialect } from "./pglite-driver.ts";
import { dropTemplate, readTemplate, templatePath, writeTemplate } from "./template.ts";
import type { Database, TableName } from "./schema.ts";

export type StoreKind = "pglite" | "postgres";

export interface StoreOptions {
  /** PostgreSQL connection URL; when set, the embedded store is not used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or `memory://` for a throw-away in-memory store. */
  dataDir?: string | undefined;
  /**
   * Embedded store in use by another process: seconds to wait for it (Infinity: until it is free); 0 or
   * unset: fail at once with StoreLockedError.
   */
  lockWaitSeconds?: number | undefined;
  /** Called once when this process starts to wait for the embedded store's lock. */
  onLockWait?: ((holder: LockHolder) => void) | undefined;
}

export type Row = Record<string, unknown>;

export interface StoreTx {
  readonly db: Transaction<Database>;
  /** Appends rows to a table inside the transaction. All rows must have the given columns. */
  insert(table: TableName, columns: readonly string[], rows: readonly Row[]): Promise<void>;
}

export interface Store {
  readonly kind: StoreKind;
  readonly location: string;
  readonly db: Kysely<Database>;
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * Adds a note to the embedded store's lock, which a process refused the store repeats (`icsplan serve`
   * gives its URL). Nothing on PostgreSQL, which needs no lock.
   */
  noteLock(note: LockNote): void;
  close(): Promise<void>;
}

export function defaultDataDir(): string {
  if (process.env.ICSPLAN_DATA_DIR) return process.env.ICSPLAN_DATA_DIR;
  const dataHome = process.env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(dataHome, "icsplan", "store");
}

/**
 * Resolves options from the environment: DATABASE_URL selects PostgreSQL; ICSPLAN_WAIT (seconds) waits for
 * an embedded store in use.
 */
export function storeOptionsFromEnv(overrides: StoreOptions = {}): StoreOptions {
  return {
    ...overrides,
    databaseUrl: overrides.databaseUrl ?? (process.env.DATABASE_URL || undefined),
    dataDir: overrides.dataDir ?? defaultDataDir(),
    lockWaitSeconds:
      overrides.lockWaitSeconds ??
      (process.env.ICSPLAN_WAIT ? lockWaitSeconds(process.env.ICSPLAN_WAIT, "ICSPLAN_WAIT") : undefined),
  };
}

/** A wait for the store lock as given by the user: seconds (0 or more), or `forever`/`true` for no limit. */
export function lockWaitSeconds(text: string, field: string): number {
  const t = text.trim().toLowerCase();
  if (t === "forever" || t === "true") return Infinity;
  const seconds = Number(t);
  if (t === "" || !Number.isFinite(seconds) || seconds < 0)
    throw new RequestError(
      `${field}: expected a number of seconds to wait for the store (or 'forever'); found '${text}'`,
      { kind: "invalid", field },
    );
  return seconds;
}

const DATE_OID = 1082;

/** True when every known migration has run (the usual case): opening then skips the Migrator's locking. */
async function upToDate(db: Kysely<Database>, schema: string | undefined): Promise<boolean> {
  const known = Object.keys(await migrationProvider.getMigrations());
  try {
    const done = await sql<{
      name: string;
    }>`SELECT name FROM ${sql.table(`${schema ?? "public"}.kysely_migration`)}`.execute(db);
    const names = new Set(done.rows.map((r) => r.name));
    return known.every((k) => names.has(k)) && names.size === known.length;
  } catch {
    return false; // no migration table yet: a new store
  }
}

async function migrate(db: Kysely<Database>): Promise<void> {
  // Kysely looks for its migration tables in every schema unless told which one, so a store in its own
  // schema (search_path) of a database that already holds another store would find the other store's
  // tables and then fail. Pin them to the schema the store's tables are created in.
  const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
  const migrationTableSchema = rows[0]?.schema ?? undefined;
  if (await upToDate(db, migrationTableSchema)) return;
  const { error, results } = await new Migrator({
    db,
    provider: migrationProvider,
    migrationTableSchema,
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Store migration ${failed} failed: ${(error as Error).message}`);
  }
}

const NEEDS_ESCAPE = /["]/;

/** One value as a COPY CSV field: NULL is an unquoted empty field, every string is quoted. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "t" : "f";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return NEEDS_ESCAPE.test(text) ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
}

/** Rows as COPY CSV text, one line per row. */
export function toCopyCsv(columns: readonly string[], rows: readonly Row[]): string {
  const parts: string[] = new Array(rows.length);
  const width = columns.length;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let line = csvField(row[columns[0]!]);
    for (let c = 1; c < width; c++) line += "," + csvField(row[columns[c]!]);
    parts[i] = line;
  }
  return parts.join("\n");
}

/**
 * With ICSPLAN_LOG_SQL=1 every query's duration and first line go to stderr (to find slow queries); off
 * otherwise.
 */
const queryLog = process.env.ICSPLAN_LOG_SQL
  ? (event: LogEvent): void => {
      const text = event.query.sql.replace(/\s+/g, " ").slice(0, 160);
      const status = event.level === "error" ? "ERROR " : "";
      process.stderr.write(`sql ${event.queryDurationMillis.toFixed(1).padStart(8)} ms ${status}${text}\n`);
    }
  : undefined;

/**
 * The embedded store's write-ahead log: segments a checkpoint no longer needs are deleted rather than kept
 * for reuse (by default PostgreSQL keeps up to max_wal_size, 1 GB, of them: 300–650 MB of a national store
 * was old WAL), and a checkpoint comes after at most 256 MB of log, which bounds it during an import too.
 */
const WAL_SETTINGS = ["-c", "wal_recycle=off", "-c", "min_wal_size=32MB", "-c", "max_wal_size=256MB"];

/** The template new embedded stores start from (src/store/template.ts). */
async function templateFile(): Promise<string> {
  return templatePath(Object.keys(await migrationProvider.getMigrations()), WAL_SETTINGS);
}

async function openPglite(dataDir: string, options: StoreOptions): Promise<Store> {
  const inMemory = dataDir.startsWith("memory://");
  let release = () => {};
  let noteLock = (_note: LockNote) => {};
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    const lock = await acquireStoreLock(dataDir, {
      waitSeconds: options.lockWaitSeconds,
      onWait: options.onLockWait,
    });
    release = lock.release;
    noteLock = lock.note;
  }
  const pgdata = inMemory ? undefined : join(dataDir, "pgdata");
  const isNew = pgdata === undefined || !existsSync(join(pgdata, "PG_VERSION"));
  const template = isNew && process.env.ICSPLAN_STORE_TEMPLATE !== "off" ? await templateFile() : undefined;
  const create = (loadDataDir?: Blob) =>
    PGlite.create(pgdata, {
      parsers: { [DATE_OID]: (value: string) => value },
      startParams: [...PGlite.defaultStartParams, ...WAL_SETTINGS],
      ...(loadDataDir ? { loadDataDir } : {}),
    });
  let client: PGlite;
  let fromTemplate = false;
  try {
    const blob = template ? readTemplate(template) : undefined;
    if (blob) {
      try {
        client = await create(blob);
        fromTemplate = true;
      } catch {
        // A template this PGlite cannot read: forget it and create the store the slow way.
        dropTemplate(template!);
        if (pgdata) rmSync(pgdata, { recursive: true, force: true });
        client = await create();
      }
    } else client = await create();
  } catch (error) {
    release();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PgliteDialect(client), log: queryLog });
  const close = async () => {
    await db.destroy();
    await client.close();
    release();
  };
  try {
    await migrate(db);
    // The first new store of this PGlite and these migrations leaves the template for the next ones.
    if (template && !fromTemplate) await writeTemplate(template, await client.dumpDataDir("none"));
  } catch (error) {
    await close();
    throw error;
  }
  const insert = async (table: TableName, columns: readonly string[], rows: readonly Row[]) => {
    if (rows.length === 0) return;
    const blob = new Blob([toCopyCsv(columns, rows)]);
    await client.query(`COPY ${table} (${columns.join(",")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob,
    });
  };
  return {
    kind: "pglite",
    location: inMemory ? "memory" : dataDir,
    db,
    // PGlite is one session: a query issued on the client while Kysely holds the transaction runs in it.
    transaction: (work) => db.transaction().execute((trx) => work({ db: trx, insert })),
    noteLock,
    close,
  };
}

/** Checks a PostgreSQL URL before connecting: a malformed one is the user's to correct. */
function checkDatabaseUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^postgres(ql)?:$/.test(parsed.protocol))
    throw new RequestError(
      `DATABASE_URL (or --database-url) must be a PostgreSQL URL such as postgresql://user@localhost:5432/icsplan; found '${url.replace(/:[^:@/]*@/, ":***@").slice(0, 120)}'`,
      { field: "DATABASE_URL" },
    );
}

async function openPostgres(url: string): Promise<Store> {
  checkDatabaseUrl(url);
  // Loaded on use: the embedded store never needs the PostgreSQL client.
  const { default: pg } = await import("pg");
  const pool: Pool = new pg.Pool({
    connectionString: url,
    max: 4,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as "text")) as never,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: queryLog });
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const makeInsert =
    (trx: Transaction<Database>) =>
    async (table: TableName, columns: readonly string[], rows: readonly Row[]) => {
      const perBatch = Math.max(1, Math.floor(60000 / columns.length));
      for (let start = 0; start < rows.length; start += perBatch) {
        const batch = rows.slice(start, start + perBatch).map((row) => {
          const values: Row = {};
          for (const c of columns) {
            const v = row[c];
            // As on PGlite (csvField): objects are JSON, and NaN/±Infinity are written as NULL.
            values[c] =
              v !== null && typeof v === "object"
                ? JSON.stringify(v)
                : typeof v === "number" && !Number.isFinite(v)
                  ? null
                  : (v ?? null);
          }
          return values;
        });
        await trx
          .insertInto(table)
          .values(batch as never)
          .execute();
      }
    };
  return {
    kind: "postgres",
    location: url.replace(/\/\/([^:@/]+):[^@]*@/, "//$1:***@"),
    db,
    transaction: (work) => db.transaction().execute((trx) => work({ db: trx, insert: makeInsert(trx) })),
    noteLock: () => {},
    close: () => db.destroy(),
  };
}

export async function openStore(options: StoreOptions = storeOptionsFromEnv()): Promise<Store> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ?? defaultDataDir(), options);
}

/** Stores kept open between `withStore` calls while `holdStores` is in force, by location. */
let held: Map<string, Promise<Store>> | undefined;

/**
 * From now until the returned function is called, `withStore` keeps each store it opens open and the next
 * `withStore` of the same location runs on it, for a process that runs many commands in a row (the test
 * suite runs the CLI in-process). The returned function closes them all. In-memory stores are never held.
 */
export function holdStores(): () => Promise<void> {
  const stores = (held = new Map());
  return async () => {
    if (held === stores) held = undefined;
    for (const store of stores.values()) await (await store.catch(() => undefined))?.close();
  };
}

/** Runs `work` with a store that is always closed afterwards (an unclosed PGlite keeps Node alive). */
export async function withStore<T>(options: StoreOptions, work: (store: Store) => Promise<T>): Promise<T> {
  const location = options.databaseUrl ?? options.dataDir ?? defaultDataDir();
  if (held && !location.startsWith("memory://")) {
    let opening = held.get(location);
    if (!opening) {
      opening = openStore(options);
      held.set(location, opening);
      opening.catch(() => held?.delete(location));
    }
    return work(await opening);
  }
  const store = await openStore(options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export { sql };
