// Several `icsplan serve` processes on one PostgreSQL database (issue 10: "several server processes may
// share one database"): each answers; an import through one is seen by the other at once (its warm
// pictures are checked against the datasets' fingerprint on every request); a scenario saved through one
// is listed and refused as a duplicate by the other. Runs when ICSPLAN_TEST_DATABASE_URL is set (.ci/run
// sets it), in a fresh schema of that database, dropped afterwards.
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses are read field by field */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, describe, test } from "node:test";
import pg from "pg";
import { cliEntry, shared } from "../helpers.ts";

const PG_URL = process.env.ICSPLAN_TEST_DATABASE_URL || undefined;
const IN_CI = !!process.env.CI && !/^(0|false)$/i.test(process.env.CI);
const MAP = shared("registrations/gp-reg-pat-prac-map_2026-01.csv");
const LISTS = shared("registrations/gp-reg-pat-prac-all_2025-04.csv");

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const servers: ChildProcess[] = [];
const schemas: string[] = [];

/** Starts `icsplan serve --port 0` on the database URL; resolves with its address. */
function serve(databaseUrl: string): Promise<string> {
  const child = spawn(process.execPath, [cliEntry(), "serve", "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  servers.push(child);
  return new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(
      () => reject(new Error(`serve printed no address in 120 s: ${out}${err}`)),
      120_000,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^icsplan at (http:\/\/[^/\s]+)\//m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}): ${out}${err}`));
    });
  });
}

/** Each server's session: the cookie and CSRF header sent with every request to it. */
const sessions = new Map<string, Record<string, string>>();

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const session = sessions.get(new URL(url).origin) ?? {};
  const r = await fetch(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), ...session },
  });
  return { status: r.status, body: await r.json() };
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** Waits for a job to end (at most two minutes) and returns it. */
async function ended(base: string, id: string): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const { body } = await json(`${base}/api/jobs/${id}`);
    if (body.status !== "running") return body;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`job ${id} did not end in two minutes`);
}

if (!PG_URL && IN_CI) {
  test("the shared-database server test runs against PostgreSQL in CI", () => {
    assert.fail("CI is set but ICSPLAN_TEST_DATABASE_URL is not: run the tests through .ci/run.");
  });
}

describe(
  "two API servers sharing one PostgreSQL database",
  { skip: PG_URL ? false : "ICSPLAN_TEST_DATABASE_URL is not set (see .ci/run)" },
  () => {
    after(async () => {
      for (const child of servers) child.kill("SIGTERM");
      await Promise.all(
        servers.map((c) => (c.exitCode !== null ? null : new Promise((done) => c.once("exit", done)))),
      );
      if (schemas.length > 0)
        await admin(async (c) => {
          for (const schema of schemas.splice(0)) await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        });
    });

    test("an import, a scenario and a plan section saved through one server are seen by the other at once", async () => {
      const schema = `icsplan_test_${process.pid}_${randomBytes(4).toString("hex")}`;
      await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
      schemas.push(schema);
      const url = new URL(PG_URL!);
      url.searchParams.set("options", `-csearch_path=${schema}`);
      // PostgreSQL serves several users: one planner of every area, added as `icsplan users add` does.
      const add = spawnSync(
        process.execPath,
        [cliEntry(), "users", "add", "planner", "--role", "icb-planner:*", "--password-stdin"],
        {
          input: "a long enough password\n",
          encoding: "utf8",
          env: { ...process.env, DATABASE_URL: url.href },
        },
      );
      assert.equal(add.status, 0, add.stderr);
      // The first migrated the schema; both servers start on it.
      const a = await serve(url.href);
      const b = await serve(url.href);
      // Signed in on each server (one session each), sending the session's CSRF token with every change.
      for (const base of [a, b]) {
        const r = await fetch(
          `${base}/api/session`,
          post({ name: "planner", password: "a long enough password" }),
        );
        assert.equal(r.status, 200, await r.clone().text());
        const cookie = r.headers.get("set-cookie")!.split(";")[0]!;
        const { csrfToken } = (await r.json()) as { csrfToken: string };
        sessions.set(base, { cookie, "x-csrf-token": csrfToken });
      }

      // Neither has data yet: both say so, from the same database.
      for (const base of [a, b]) {
        const { status, body } = await json(`${base}/api/datasets`);
        assert.equal(status, 200);
        assert.deepEqual(body, []);
        const overview = await json(`${base}/api/overview`);
        assert.equal(overview.status, 404);
        assert.match(overview.body.detail, /No practice → PCN map is loaded/);
      }

      // Import through A; B sees it on its next request.
      const started = await json(`${a}/api/jobs/import`, post({ paths: [MAP, LISTS] }));
      assert.equal(started.status, 202);
      const job = await ended(a, started.body.id);
      assert.equal(job.status, "done", JSON.stringify(job));
      assert.deepEqual(
        job.result.files.map((f: { status: string }) => f.status),
        ["imported", "imported"],
      );
      assert.equal((await json(`${b}/api/datasets`)).body.length, 2);
      const fromA = await json(`${a}/api/overview?icb=QNC`);
      const fromB = await json(`${b}/api/overview?icb=QNC`);
      assert.equal(fromB.status, 200);
      assert.deepEqual(fromB.body, fromA.body, "both servers give the same overview of the same database");
      const inFile = readFileSync(MAP, "utf8").trim().split("\n").length - 1;
      const england = await json(`${b}/api/overview`);
      assert.equal(england.body.summary.practices, inFile, "every practice of the map file");

      // Scenarios are shared too: a merger saved through B is listed by A; saving its name again through A
      // is refused (409) and leaves one.
      const { body: listing } = await json(`${b}/api/practices?icb=QNC`);
      const rows = listing.rows as { practice_code: string; pcn_code: string | null }[];
      const pcn = rows.find(
        (r) => r.pcn_code && rows.filter((o) => o.pcn_code === r.pcn_code).length >= 2,
      )!.pcn_code;
      const [p, q] = rows.filter((r) => r.pcn_code === pcn);
      const merger = {
        icb: "QNC",
        practices: [p!.practice_code, q!.practice_code],
        save: { name: "shared merger" },
      };
      const saved = await json(`${b}/api/scenarios/merger`, post(merger));
      assert.equal(saved.status, 200, JSON.stringify(saved.body).slice(0, 400));
      const named = async (base: string) =>
        ((await json(`${base}/api/scenarios`)).body as { name: string }[]).filter(
          (s) => s.name === "shared merger",
        );
      assert.equal((await named(a)).length, 1);
      const again = await json(`${a}/api/scenarios/merger`, post(merger));
      assert.equal(again.status, 409, JSON.stringify(again.body).slice(0, 400));
      assert.equal((await named(b)).length, 1);

      // A plan is shared as well: made through A, read through B; two planners save the same section at the
      // token they read it at, one through each server: the second is refused (409) with the first one's
      // text and name, and nothing is lost.
      const made = await json(`${a}/api/plans`, post({ icb: "QNC", name: "Shared plan" }));
      assert.equal(made.status, 201, JSON.stringify(made.body).slice(0, 400));
      const plan = `/api/plans/${encodeURIComponent("Shared plan")}`;
      const view = await json(`${b}${plan}`);
      assert.equal(view.status, 200);
      const section = (view.body.sections as { id: string; token: string }[]).find(
        (x) => x.id === "workforce",
      )!;
      assert.ok(section, "the template has a workforce section");
      const put = (body: unknown): RequestInit => ({ ...post(body), method: "PUT" });
      const first = await json(
        `${a}${plan}/sections/workforce`,
        put({ token: section.token, narrative: ["Through server A."] }),
      );
      assert.equal(first.status, 200, JSON.stringify(first.body).slice(0, 400));
      const second = await json(
        `${b}${plan}/sections/workforce`,
        put({ token: section.token, narrative: ["Through server B."] }),
      );
      assert.equal(second.status, 409, JSON.stringify(second.body).slice(0, 400));
      assert.equal(second.body.changedBy, "planner");
      assert.deepEqual(second.body.section.narrative, ["Through server A."]);
      const now = await json(`${a}${plan}`);
      assert.deepEqual(
        now.body.plan.content.sections.find((x: { id: string }) => x.id === "workforce").narrative,
        ["Through server A."],
      );
    });
  },
);
