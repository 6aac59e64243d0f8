import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { LOCK_FILE, StoreLockedError } from "../../src/store/lock.ts";
import { openStore } from "../../src/store/store.ts";
import { ROOT, runCli, shared, tempDir } from "../helpers.ts";

const HOLDER = join(ROOT, "test/store/hold-store.ts");

/** Starts a process that opens the store in `dataDir` and keeps it open; resolves once it is open. */
async function holdStore(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().startsWith("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the holder exited (${code}): ${stderr}`)));
  });
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));

describe("store lock: a second process cannot open the same embedded store", () => {
  let dataDir: string;
  let child: ChildProcess;
  before(async () => {
    dataDir = tempDir("icsplan-lock-");
    child = await holdStore(dataDir);
  });
  after(async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await exited(child);
    }
  });

  test("opening it fails with StoreLockedError naming the holder's pid and command", async () => {
    await assert.rejects(openStore({ dataDir }), (error: Error) => {
      assert.ok(error instanceof StoreLockedError, `${error.name}: ${error.message}`);
      assert.equal(error.holder.pid, child.pid);
      assert.equal(error.holder.host, hostname());
      assert.match(error.holder.command, /hold-store\.ts/);
      assert.match(
        error.message,
        new RegExp(`^The icsplan store at ${dataDir} is in use by process ${child.pid} on .*hold-store\\.ts`),
      );
      assert.match(error.message, /Wait for it to finish \(--wait \[seconds\] waits for it\), or stop it/);
      return true;
    });
    assert.ok(existsSync(join(dataDir, LOCK_FILE)), "a refused open leaves the holder's lock in place");
  });

  test("the CLI exits non-zero with that message", () => {
    const r = runCli([
      "--data-dir",
      dataDir,
      "import",
      shared("registrations/gp-reg-pat-prac-map_2026-01.csv"),
    ]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`^icsplan: The icsplan store at ${dataDir} is in use by process ${child.pid} `),
    );
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  });

  test("once the holder has closed the store, it opens again", async () => {
    child.kill("SIGTERM");
    await exited(child);
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, "a clean close removes the lock");
    const store = await openStore({ dataDir });
    await store.close();
  });
});

describe("store lock: stale locks", () => {
  const lockOf = (pid: number, host = hostname()) =>
    JSON.stringify({ pid, host, command: "icsplan import old-files", since: "2026-01-01T00:00:00.000Z" });

  test("a lock left by a process that no longer exists is taken over", async () => {
    const dataDir = tempDir("icsplan-lock-");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    assert.ok(dead);
    writeFileSync(join(dataDir, LOCK_FILE), lockOf(dead));
    const store = await openStore({ dataDir });
    try {
      const holder = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8")) as { pid: number };
      assert.equal(holder.pid, process.pid);
    } finally {
      await store.close();
    }
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false);
  });

  test("a lock held from another host is not taken over (its process cannot be checked)", async () => {
    const dataDir = tempDir("icsplan-lock-");
    writeFileSync(join(dataDir, LOCK_FILE), lockOf(1, "another-host"));
    await assert.rejects(openStore({ dataDir }), (error: Error) => {
      assert.ok(error instanceof StoreLockedError);
      assert.match(error.message, /in use by process 1 on another-host \(`icsplan import old-files`/);
      return true;
    });
  });
});
