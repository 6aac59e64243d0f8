// Shared test helpers: the real data folder, throw-away stores, temporary files, fixtures built once per run
// (the CLI bundle, the demo store, imported stores) and running the CLI in a child process or in-process.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { buildSync } from "esbuild";
import { fileURLToPath } from "node:url";
import { importFiles, type FileOutcome, type ImportOptions } from "../src/app/import-files.ts";
import { FACT_TABLES } from "../src/store/datasets.ts";
import { holdStores, openStore, type Store } from "../src/store/store.ts";

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
 * sources and kept under node_modules/.cache: each CLI run then starts ~1 s faster than through tsx. Safe
 * when two test files build it at once (each writes its own file, then renames it into place).
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
    try {
      renameSync(partial, fixture);
    } catch (error) {
      // Another test process built it first (test files run two at a time): use theirs.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(fixture)) throw error;
    }
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

let dataHash: string | undefined;

/**
 * A fingerprint of the sources an imported store depends on: every file that src/app/import-files.ts and
 * src/store/store.ts reach through their imports (the importers, the store and its migrations, the model
 * and config they use), found by esbuild. An edit elsewhere (an engine, the CLI, the web) keeps the data
 * fixtures; an edit to an importer or a migration rebuilds them.
 */
function dataSourcesFingerprint(): string {
  if (dataHash) return dataHash;
  const { metafile } = buildSync({
    entryPoints: [join(ROOT, "src/app/import-files.ts"), join(ROOT, "src/store/store.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    write: false,
    metafile: true,
    outdir: join(CACHE, "unused"),
    logLevel: "silent",
  });
  const hash = createHash("sha256");
  for (const input of Object.keys(metafile.inputs).sort())
    hash.update(input).update(readFileSync(join(ROOT, input)));
  return (dataHash = hash.digest("hex").slice(0, 16));
}

/** Path, size and modification time of every file under the given paths: a changed data file rebuilds. */
function dataFilesFingerprint(paths: readonly string[]): string {
  const hash = createHash("sha256");
  for (const path of paths) {
    hash.update(path);
    for (const file of statSync(path).isDirectory() ? filesUnder(path) : [path]) {
      const s = statSync(file);
      hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
    }
  }
  return hash.digest("hex").slice(0, 16);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** True while the process that wrote a lock file is alive. */
function lockHeld(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, "utf8"));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Builds a cached fixture directory once: the first process to take `<fixture>.lock` builds it under a
 * temporary name and renames it into place; any other process (test files run two at a time) waits for it.
 * A lock left by a process that died is taken over.
 */
async function buildOnce(fixture: string, build: (partial: string) => Promise<void>): Promise<void> {
  mkdirSync(dirname(fixture), { recursive: true });
  const lock = `${fixture}.lock`;
  while (!existsSync(fixture)) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
    } catch {
      if (!lockHeld(lock)) rmSync(lock, { force: true });
      else await sleep(200);
      continue;
    }
    try {
      if (existsSync(fixture)) break;
      const partial = `${fixture}.${process.pid}.tmp`;
      rmSync(partial, { recursive: true, force: true });
      await build(partial);
      renameSync(partial, fixture);
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

const OUTCOMES = "import-outcomes.json";

/** What a cached import left: each path's outcome, as a test checks it. */
export interface ImportedOutcome {
  label: string;
  status: FileOutcome["status"];
  error?: string;
}

/**
 * An embedded store with `paths` imported, open on a fresh copy of a fixture built once per list of paths,
 * importer sources and data files (under node_modules/.cache/icsplan-test), so test files that read the
 * same files share one import. `each: true` imports each path by its own `importFiles` call (as
 * `importOne` in a loop does); otherwise all in one call. `expect: "imported"` asserts that every file
 * was imported, naming any that was not. Returns the store (its close also removes the copy) and each
 * file's outcome. For tests that read what an import left, not for tests of the importers themselves.
 */
export async function importedStore(
  paths: readonly string[],
  options: { each?: boolean; expect?: "imported" } = {},
): Promise<{ store: Store; outcomes: ImportedOutcome[] }> {
  const { dataDir: copy, outcomes, remove } = await importedDataDir(paths, options);
  const store = await openStore({ dataDir: copy });
  const close = async () => {
    await store.close();
    remove();
  };
  return { store: { ...store, close }, outcomes };
}

/**
 * A fresh copy of the imported fixture `importedStore` opens, as a data directory for the CLI
 * (`--data-dir`), not opened here; `remove` deletes it.
 */
export async function importedDataDir(
  paths: readonly string[],
  options: { each?: boolean; expect?: "imported" } = {},
): Promise<{ dataDir: string; outcomes: ImportedOutcome[]; remove: () => void }> {
  const key = createHash("sha256")
    .update(JSON.stringify({ paths, each: options.each ?? false }))
    .update(dataSourcesFingerprint())
    .update(dataFilesFingerprint(paths))
    .digest("hex")
    .slice(0, 16);
  const fixture = join(CACHE, `imported-${key}`);
  await buildOnce(fixture, async (partial) => {
    const store = await openStore({ dataDir: partial });
    const outcomes: FileOutcome[] = [];
    try {
      if (options.each) for (const path of paths) outcomes.push(...(await importFiles(store, [path])));
      else outcomes.push(...(await importFiles(store, [...paths])));
    } finally {
      await store.close();
    }
    rmSync(join(partial, "icsplan.lock"), { force: true });
    const summary: ImportedOutcome[] = outcomes.map((o) => ({
      label: o.file.label,
      status: o.status,
      ...(o.status === "rejected" ? { error: o.error } : o.status === "skipped" ? { error: o.reason } : {}),
    }));
    writeFileSync(join(partial, OUTCOMES), JSON.stringify(summary, null, 2));
  });
  const root = tempDir("icsplan-fixture-");
  const copy = join(root, "store");
  cpSync(fixture, copy, { recursive: true });
  const outcomes = JSON.parse(readFileSync(join(copy, OUTCOMES), "utf8")) as ImportedOutcome[];
  if (options.expect === "imported") {
    assert.ok(outcomes.length >= paths.length, `${outcomes.length} outcomes for ${paths.length} paths`);
    for (const o of outcomes) assert.equal(o.status, "imported", `${o.label}: ${o.error ?? o.status}`);
  }
  return { dataDir: copy, outcomes, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

let cliQueue: Promise<unknown> = Promise.resolve();

/**
 * For a test file whose CLI calls all run in-process (`runCliInProcess`) and whose stores no child process
 * opens: each data directory's store is opened by the first command and kept open for the next ones (about
 * a second of CPU saved a command), and closed after the file's tests. Call at the top of the file.
 */
export function holdCliStores(): void {
  let release: (() => Promise<void>) | undefined;
  before(() => {
    release = holdStores();
  });
  after(async () => release?.());
}

/**
 * Runs the CLI in this process, as `runCli` runs it in a child: a fresh command tree parses `args` with `env`
 * set, and its output and exit status are captured. About a second faster per call than a process (no
 * Node start, no module loading after the first call); the store is still opened and closed per command,
 * as the installed command does. Calls are queued (output capture is process-wide). Text written to
 * stdout/stderr is captured; binary chunks (the test runner's own reports) pass through.
 */
export function runCliInProcess(
  args: string[],
  env: Record<string, string> = {},
  options: { input?: string } = {},
): Promise<CliResult> {
  const run = cliQueue.then(() => cliInProcess(args, env, options.input));
  cliQueue = run.catch(() => undefined);
  return run;
}

async function cliInProcess(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  const [{ createProgram }, { failureLine }, { CommanderError }] = await Promise.all([
    import("../src/cli/program.ts"),
    import("../src/cli/run.ts"),
    import("commander"),
  ]);
  // Let the test runner's pending reports reach stdout before it is captured.
  await new Promise((done) => setImmediate(done));
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const out = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (name: "stdout" | "stderr") =>
    function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      if (typeof chunk !== "string")
        return (writes[name] as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      out[name] += chunk;
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    };
  process.stdout.write = capture("stdout") as typeof process.stdout.write;
  process.stderr.write = capture("stderr") as typeof process.stderr.write;
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  // Standard input, as a child's would be: the given text, else nothing.
  const stdin = Object.getOwnPropertyDescriptor(process, "stdin");
  Object.defineProperty(process, "stdin", {
    value: Readable.from(input === undefined ? [] : [Buffer.from(input)]),
    configurable: true,
  });
  let status: number;
  try {
    const program = createProgram();
    const overrideExit = (command: typeof program) => {
      command.exitOverride();
      for (const sub of command.commands) overrideExit(sub);
    };
    overrideExit(program);
    await program.parseAsync(args, { from: "user" });
    status = Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) status = error.exitCode;
    else {
      const { line, exitCode } = failureLine(error);
      out.stderr += `icsplan: ${line}\n`;
      status = exitCode;
    }
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.exitCode = previousExitCode;
    if (stdin) Object.defineProperty(process, "stdin", stdin);
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { status, ...out };
}
