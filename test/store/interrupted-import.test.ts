// Test tier: heavy (child processes that import, hold and kill); run by `npm run test:heavy` and CI, not by `npm test`.
// An import stopped part way must leave a store that is consistent, unlocked and as quick to read as a
// finished one. The trial that found this: a national import killed (or Ctrl-C'd) part way, then
// `overview --icb QNC` took 95–113 s instead of ~2 s, because planner statistics were refreshed only after
// the last file, and the lock file was left behind. Statistics are asserted (pg_class.reltuples: -1 for a
// table never analysed; pg_stats rows), not timings.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { importFiles, type FileOutcome } from "../../src/app/import-files.ts";
import { FACT_TABLES } from "../../src/store/datasets.ts";
import { LOCK_FILE } from "../../src/store/lock.ts";
import { openStore, sql, type Store } from "../../src/store/store.ts";
import { cliEntry, ROOT, SHARED, shared, snapshot, tempDir } from "../helpers.ts";

/** Every fact table with rows, with its planner row estimate and how many columns have statistics. */
async function tableStatistics(
  store: Store,
): Promise<{ table: string; rows: number; reltuples: number; statsColumns: number }[]> {
  const out = [];
  for (const table of ["dataset", ...FACT_TABLES]) {
    const { rows } = await sql<{ n: string; reltuples: number; stats: string }>`
      SELECT (SELECT count(*) FROM ${sql.table(table)}) AS n,
             (SELECT reltuples FROM pg_class WHERE relname = ${table} AND relkind = 'r') AS reltuples,
             (SELECT count(*) FROM pg_stats WHERE tablename = ${table}) AS stats`.execute(store.db);
    const r = rows[0]!;
    if (Number(r.n) > 0)
      out.push({ table, rows: Number(r.n), reltuples: Number(r.reltuples), statsColumns: Number(r.stats) });
  }
  return out;
}

/** Asserts that every table holding rows has been analysed, with a row estimate close to its count. */
async function assertAnalysed(store: Store): Promise<void> {
  const stats = await tableStatistics(store);
  assert.ok(
    stats.length >= 2,
    `expected the dataset table and at least one fact table: ${JSON.stringify(stats)}`,
  );
  for (const s of stats) {
    assert.ok(s.reltuples >= 0, `${s.table}: never analysed (reltuples ${s.reltuples}, ${s.rows} rows)`);
    assert.ok(s.statsColumns > 0, `${s.table}: no column statistics in pg_stats`);
    assert.ok(
      Math.abs(s.reltuples - s.rows) <= 0.1 * s.rows + 1,
      `${s.table}: planner estimate ${s.reltuples} rows, table has ${s.rows}`,
    );
  }
}

const MAPS = [
  shared("registrations/history/gp-reg-pat-prac-map_2020-09.csv"),
  shared("registrations/history/gp-reg-pat-prac-map_2022-01.csv"),
  shared("registrations/gp-reg-pat-prac-map_2026-01.csv"),
];

describe("importFiles with a signal: stopped between files or part way through one", () => {
  test("aborted after the first file commits: one imported, the rest interrupted, statistics fresh", async () => {
    const store = await openStore({ dataDir: "memory://" });
    try {
      const stop = new AbortController();
      const seen: FileOutcome["status"][] = [];
      const outcomes = await importFiles(store, MAPS, {
        signal: stop.signal,
        onFileEnd: (o) => {
          seen.push(o.status);
          if (o.status === "imported") stop.abort();
        },
      });
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ["imported", "interrupted", "interrupted"],
      );
      assert.deepEqual(seen, ["imported", "interrupted", "interrupted"], "onFileEnd hears every file");
      const first = outcomes[0]!;
      assert.ok(first.status === "imported");
      const counts = await snapshot(store);
      assert.equal(counts.dataset, 1);
      assert.equal(counts.org_map, first.result.rows);
      await assertAnalysed(store);
    } finally {
      await store.close();
    }
  });

  test("aborted while the second file is being read: it is rolled back, the first stays", async () => {
    const store = await openStore({ dataDir: "memory://" });
    try {
      const [firstMap, secondMap] = MAPS;
      const alone = await importFiles(store, [firstMap!]);
      assert.equal(alone[0]!.status, "imported");
      const before = await snapshot(store);
      const stop = new AbortController();
      const outcomes = await importFiles(store, [secondMap!], {
        signal: stop.signal,
        onProgress: () => stop.abort(),
      });
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ["interrupted"],
      );
      assert.deepEqual(await snapshot(store), before, "nothing of the stopped file is left");
    } finally {
      await store.close();
    }
  });
});

/** Starts `icsplan import` of the national folder into `dataDir`; resolves once `files` lines say imported. */
/**
 * Starts a national import. `fromSources`: through bin/icsplan.js running the TypeScript sources (as a
 * developer's checkout does when the bundle is stale) rather than the bundle.
 */
function importNational(
  dataDir: string,
  files: number,
  fromSources = false,
): { child: ChildProcess; started: Promise<void> } {
  const entry = fromSources ? join(ROOT, "bin", "icsplan.js") : cliEntry();
  const child = spawn(process.execPath, [entry, "--data-dir", dataDir, "import", "--quiet", SHARED], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: "", ...(fromSources ? { ICSPLAN_FROM_SOURCES: "1" } : {}) },
  });
  let stdout = "";
  let stderr = "";
  const started = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if ((stdout.match(/^ {2}imported /gm) ?? []).length >= files) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`import exited (${code}) early:\n${stdout}\n${stderr}`)));
  });
  Object.assign(child, { output: () => ({ stdout, stderr }) });
  return { child, started };
}

const output = (child: ChildProcess) =>
  (child as unknown as { output(): { stdout: string; stderr: string } }).output();

const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });

describe("icsplan import of the national folder, stopped part way", { timeout: 300_000 }, () => {
  test("kill -9 after two files: the next open finds every committed file analysed", async () => {
    const dataDir = join(tempDir("icsplan-killed-"), "store");
    const { child, started } = importNational(dataDir, 2);
    await started;
    child.kill("SIGKILL");
    assert.equal((await exitOf(child)).signal, "SIGKILL");
    assert.ok(existsSync(join(dataDir, LOCK_FILE)), "a killed process leaves its lock (taken over as stale)");
    const store = await openStore({ dataDir });
    try {
      const counts = await snapshot(store);
      assert.ok(counts.dataset! >= 2, `at least the two files reported: ${counts.dataset}`);
      await assertAnalysed(store);
    } finally {
      await store.close();
    }
  });

  for (const [signal, status, fromSources] of [
    ["SIGINT", 130, false],
    ["SIGTERM", 143, false],
    ["SIGTERM", 143, true],
  ] as const) {
    const how = fromSources ? " (bin/icsplan.js running the sources: no child process in between)" : "";
    test(`${signal} after the first file: rolls back, releases the lock, says what was committed, exits ${status}${how}`, async () => {
      const dataDir = join(tempDir("icsplan-stopped-"), "store");
      const { child, started } = importNational(dataDir, 1, fromSources);
      await started;
      child.kill(signal);
      const exit = await exitOf(child);
      const { stdout, stderr } = output(child);
      assert.equal(exit.code, status, `${stdout}\n${stderr}`);
      const reported = (stdout.match(/^ {2}imported /gm) ?? []).length;
      const summary = new RegExp(
        `^Interrupted by ${signal}: (\\d+) files? committed, (\\d+) not imported \\(the file being read was rolled back\\)`,
        "m",
      ).exec(stdout);
      assert.ok(summary, `a summary of what was committed:\n${stdout}`);
      assert.equal(Number(summary[1]), reported, "the count matches the files reported imported");
      assert.ok(Number(summary[2]) > 0, "files were left");
      assert.match(stderr, new RegExp(`icsplan: ${signal}: stopping after rolling back the file being read`));
      assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
      assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, "the lock is released");
      const store = await openStore({ dataDir });
      try {
        const counts = await snapshot(store);
        assert.equal(counts.dataset, reported, "exactly the files reported imported are in the store");
        await assertAnalysed(store);
      } finally {
        await store.close();
      }
    });
  }
});
