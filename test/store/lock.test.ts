// Test tier: heavy (child processes that import, hold and kill); run by `npm run test:heavy` and CI, not by `npm test`.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { LOCK_FILE, StoreLockedError } from "../../src/store/lock.ts";
import { openStore } from "../../src/store/store.ts";
import { cliEntry, ROOT, runCli, shared, tempDir } from "../helpers.ts";

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

/** Runs the CLI without waiting for it; resolves with its status and output. */
function runCliAsync(args: string[], env: Record<string, string> = {}, onStderr?: (text: string) => void) {
  const child = spawn(process.execPath, [cliEntry(), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr);
  });
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (status) => resolve({ status, stdout, stderr })),
  );
}

describe("store lock: waiting for it (--wait, ICSPLAN_WAIT, lockWaitSeconds)", () => {
  test("opening waits while the store is held and succeeds once it is released", async () => {
    const dataDir = tempDir("icsplan-lock-");
    const child = await holdStore(dataDir);
    const waitedFor: number[] = [];
    const opening = openStore({
      dataDir,
      lockWaitSeconds: 60,
      onLockWait: (holder) => {
        waitedFor.push(holder.pid);
        child.kill("SIGTERM");
      },
    });
    const store = await opening;
    try {
      assert.deepEqual(waitedFor, [child.pid], "told once whom it waits for");
      const holder = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8")) as { pid: number };
      assert.equal(holder.pid, process.pid, "the lock is now this process's");
    } finally {
      await store.close();
      await exited(child);
    }
  });

  test("a wait that runs out fails with StoreLockedError saying how long it waited", async () => {
    const dataDir = tempDir("icsplan-lock-");
    const child = await holdStore(dataDir);
    try {
      const started = performance.now();
      await assert.rejects(openStore({ dataDir, lockWaitSeconds: 0.6 }), (error: Error) => {
        assert.ok(error instanceof StoreLockedError, `${error.name}: ${error.message}`);
        assert.equal(error.waitedSeconds, 0.6);
        assert.match(error.message, /is in use by process \d+ .*\. Waited 0\.6 s for it; wait longer/);
        return true;
      });
      assert.ok(performance.now() - started >= 550, "it did wait");
    } finally {
      child.kill("SIGTERM");
      await exited(child);
    }
  });

  test("CLI: `--wait` waits for the holder and then runs the command; a bad value is refused", async () => {
    const dataDir = tempDir("icsplan-lock-");
    const child = await holdStore(dataDir);
    let released = false;
    const r = await runCliAsync(["--data-dir", dataDir, "datasets", "--wait"], {}, (stderr) => {
      if (!released && /waiting for it/.test(stderr)) {
        released = true;
        child.kill("SIGTERM");
      }
    });
    await exited(child);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        `^icsplan: the store is in use by process ${child.pid} \\(\`.*hold-store\\.ts.*\`\\); waiting for it…`,
      ),
    );
    assert.match(r.stdout, /^No datasets in the store at /);
    const bad = runCli(["--data-dir", dataDir, "--wait", "soon", "datasets"]);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(
      bad.stderr,
      /^icsplan: --wait: expected a number of seconds to wait for the store \(or 'forever'\); found 'soon'/,
    );
  });

  test("CLI: a wait that runs out (ICSPLAN_WAIT or --wait N) exits 2 saying how long it waited", async () => {
    const dataDir = tempDir("icsplan-lock-");
    const child = await holdStore(dataDir);
    try {
      const byEnv = await runCliAsync(["--data-dir", dataDir, "datasets"], { ICSPLAN_WAIT: "0.5" });
      assert.equal(byEnv.status, 2, byEnv.stderr);
      assert.match(byEnv.stderr, /waiting for it…\nicsplan: The icsplan store at .* Waited 0\.5 s for it/);
      const byOption = await runCliAsync(["--data-dir", dataDir, "--wait", "1", "datasets"]);
      assert.equal(byOption.status, 2, byOption.stderr);
      assert.match(byOption.stderr, /Waited 1 s for it; wait longer with --wait <seconds>/);
      assert.doesNotMatch(byOption.stderr, /\n\s+at /, "no stack trace");
    } finally {
      child.kill("SIGTERM");
      await exited(child);
    }
  });
});

describe("store lock: held by `icsplan serve`", () => {
  test("a command refused the store says serve holds it and gives its URL", async () => {
    const dataDir = tempDir("icsplan-lock-");
    const serve = spawn(process.execPath, [cliEntry(), "--data-dir", dataDir, "serve", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: "" },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        // Never wait for ever: a changed startup line fails the test instead of hanging the suite.
        const timer = setTimeout(
          () => reject(new Error(`serve printed no address in 120 s: ${out}`)),
          120_000,
        );
        serve.stdout!.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const m = /^icsplan at (http:\/\/[^/\s]+)\//m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        serve.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`serve exited (${code})`));
        });
      });
      const holder = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8")) as { url?: string };
      assert.equal(holder.url, url, "the lock carries serve's URL");
      const r = runCli(["--data-dir", dataDir, "datasets"], { DATABASE_URL: "" });
      assert.equal(r.status, 2, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(
          `^icsplan: The icsplan store at ${dataDir} is held open by \`icsplan serve\` at ${url}, process ${serve.pid} .*Use the API at ${url}/api/ while it runs, or stop it`,
        ),
      );
    } finally {
      serve.kill("SIGINT");
      await exited(serve);
    }
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, "serve stopped releases the lock");
  });
});
