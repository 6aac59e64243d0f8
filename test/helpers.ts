// Shared test helpers: the real data folder, throw-away stores, temporary files and running the CLI.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { buildSync } from "esbuild";
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

/** Every file under a folder, sorted (for fingerprints). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out.sort();
}

let cliBundle: string | undefined;
let sourceHash: string | undefined;

/** A fingerprint of today's sources: fixtures built from them are reused until a source file changes. */
function sourcesFingerprint(): string {
  if (sourceHash) return sourceHash;
  const hash = createHash("sha256");
  for (const file of filesUnder(join(ROOT, "src"))) hash.update(file).update(readFileSync(file));
  return (sourceHash = hash.digest("hex").slice(0, 16));
}

const CACHE = join(ROOT, "node_modules", ".cache", "icsplan-test");

/**
 * The CLI as one ESM bundle of today's sources (as `npm run build` makes it), built once per set of
 * sources and kept under node_modules/.cache: each CLI run then starts ~1 s faster than through tsx.
 * Packages stay external and resolve from the repository's node_modules.
 */
export function cliEntry(): string {
  if (cliBundle) return cliBundle;
  const bundle = join(CACHE, `cli-${sourcesFingerprint()}.mjs`);
  if (!existsSync(bundle)) {
    mkdirSync(CACHE, { recursive: true });
    const partial = `${bundle}.${process.pid}.tmp`;
    buildSync({
      entryPoints: [join(ROOT, "src/cli/main.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      outfile: partial,
      logLevel: "warning",
    });
    renameSync(partial, bundle);
  }
  return (cliBundle = bundle);
}

/**
 * Makes `dataDir` a store with the synthetic demo loaded (seed 2026), as `icsplan demo` leaves it: a copy
 * of one built once per set of sources (loading the demo takes several seconds; copying it, a fraction).
 */
export function useDemoStore(dataDir: string): void {
  const fixture = join(CACHE, `demo-${sourcesFingerprint()}`);
  if (!existsSync(fixture)) {
    const partial = `${fixture}.${process.pid}.tmp`;
    rmSync(partial, { recursive: true, force: true });
    const r = runCli(["--data-dir", partial, "demo", "--json"], { DATABASE_URL: "" });
    if (r.status !== 0) throw new Error(`could not load the demo for the tests: ${r.stderr}`);
    rmSync(join(partial, "icsplan.lock"), { force: true });
    renameSync(partial, fixture);
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dirname(dataDir), { recursive: true });
  cpSync(fixture, dataDir, { recursive: true });
}

/** Runs the CLI as a user would (the bundled sources, as the installed command runs); returns its output. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cliEntry(), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
