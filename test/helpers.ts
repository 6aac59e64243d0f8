// Shared test helpers: the real data folder, throw-away stores, temporary files and running the CLI.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { importFiles, type FileOutcome, type ImportOptions } from "../src/app/import-files.ts";
import { FACT_TABLES } from "../src/store/datasets.ts";
import { openStore, type Store } from "../src/store/store.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The real NHS/ONS open data, beside the repository (never copied into it). */
export const SHARED = resolve(ROOT, "..", "shared", "data");
export const shared = (...parts: string[]) => join(SHARED, ...parts);

/** An in-memory PGlite store, migrated. Close it in `after()`. */
export const memoryStore = (): Promise<Store> => openStore({ dataDir: "memory://" });

export function tempDir(prefix = "icsplan-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a file in a fresh temporary folder and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** Imports one path and returns its single outcome. */
export async function importOne(
  store: Store,
  path: string,
  options: ImportOptions = {},
): Promise<FileOutcome> {
  const outcomes = await importFiles(store, [path], options);
  if (outcomes.length !== 1) throw new Error(`expected one file outcome, got ${outcomes.length}`);
  return outcomes[0]!;
}

/** Counts every row of every table: equal snapshots mean the store is unchanged. */
export async function snapshot(store: Store): Promise<Record<string, number>> {
  const tables = ["dataset", ...FACT_TABLES, "scenario"] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const r = await store.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    counts[t] = Number(r.n);
  }
  return counts;
}

/** Runs the CLI as a user would; returns exit status and output. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
