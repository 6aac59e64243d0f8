// Test tier: heavy (child processes: a mirror of the official sites); run by `npm run test:heavy` and CI.
// End to end: `icsplan fetch` against a mirror of the official sites running in another process (runCli
// is synchronous, so the mirror cannot share this process), then `icsplan import` of the fetched folder.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { readFetchManifest } from "../../src/app/fetch-official.ts";
import { openStore } from "../../src/store/store.ts";
import { ROOT, runCli, tempDir } from "../helpers.ts";

describe("icsplan fetch (CLI)", () => {
  let child: ChildProcess;
  let url: string;

  before(async () => {
    child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test/fetch/mirror.ts")], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    url = await new Promise<string>((resolve, reject) => {
      let buffered = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const line = buffered.split("\n")[0];
        if (buffered.includes("\n") && line) resolve(line.trim());
      });
      child.once("exit", (code) => reject(new Error(`the mirror exited early (${code})`)));
    });
  });

  after(() => {
    child.kill("SIGTERM");
  });

  test("fetch everything: what is served is fetched, the rest is reported, exit status 1", () => {
    const out = join(tempDir(), "official");
    const r = runCli(["fetch", "--base-url", url, "--out", out]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(
      r.stdout,
      /fetched {3}gp-reg-pat-prac-map\.csv: 1\.4 MB \(from gp-reg-pat-prac-map\.csv in a .* ZIP\), gp-reg-pat-prac-map, in/,
    );
    assert.match(r.stdout, /fetched {3}epraccur\.csv: /);
    assert.match(
      r.stdout,
      /FAILED {4}gp-reg-pat-prac-sing-age-regions: no link to the single-year-of-age file/,
    );
    assert.match(
      r.stdout,
      /manual {4}iod2025-file1: not downloaded: File 1 is published only as an Excel workbook/,
    );
    assert.match(
      r.stdout,
      /\n\d+ fetched, 2 failed, 2 to download by hand\. Files and fetch-manifest\.json are in /,
    );
    const manifest = readFetchManifest(out)!;
    assert.ok(manifest.files.some((f) => f.id === "gp-reg-pat-prac-map"));
    assert.equal(r.stderr, "", "no progress bar when stderr is not a terminal");
  });

  test("fetch --only the map, then import the folder", async () => {
    const out = join(tempDir(), "official");
    const r = runCli(["fetch", "--base-url", url, "--out", out, "--only", "gp-reg-pat-prac-map"]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /1 fetched, 0 failed, 0 to download by hand\./);
    assert.ok(existsSync(join(out, "gp-reg-pat-prac-map.csv")));
    const manifest = JSON.parse(readFileSync(join(out, "fetch-manifest.json"), "utf8")) as {
      files: { url: string; bytes: number; sha256: string; fetched_at: string }[];
    };
    assert.equal(manifest.files.length, 1);
    assert.match(manifest.files[0]!.url, /\/gp-reg-pat-prac-map\.zip$/);
    assert.match(manifest.files[0]!.sha256, /^[0-9a-f]{64}$/);

    const dataDir = tempDir();
    const imported = runCli(["--data-dir", dataDir, "import", out]);
    assert.equal(imported.status, 0, imported.stdout + imported.stderr);
    assert.match(imported.stdout, /imported {2}gp-reg-pat-prac-map\.csv: gp-reg-pat-prac-map, January 2026/);
    const store = await openStore({ dataDir });
    try {
      const n = await store.db
        .selectFrom("org_map")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 6171);
    } finally {
      await store.close();
    }
  });

  test("--dry-run lists the sources and fetches nothing", () => {
    const out = join(tempDir(), "official");
    const r = runCli(["fetch", "--dry-run", "--base-url", url, "--out", out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Would fetch into .*official:\n {2}gp-reg-pat-prac-map: Patients Registered/);
    assert.match(
      r.stdout,
      new RegExp(`open ${url}/data-and-information/publications/statistical/patients-registered`),
    );
    assert.equal(existsSync(out), false);
  });

  test("bad options are usage errors (exit 2)", () => {
    const unknown = runCli(["fetch", "--only", "gp-reg-pat-prac-map,nope", "--out", tempDir()]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^icsplan: Unknown source 'nope'\. Known sources: gp-reg-pat-prac-map, /);
    const base = runCli(["fetch", "--base-url", "ftp://mirror", "--out", tempDir()]);
    assert.equal(base.status, 2);
    assert.match(base.stderr, /--base-url must be an http\(s\) URL/);
  });
});
