// Test tier: heavy (designs and jobs over the demo); run by `npm run test:heavy` and CI, not by `npm test`.
// POST /api/jobs/hubs on the synthetic demo: the job streams one progress event per k and ends done with the
// same hubs and the same access figures for k = 2 as `icsplan hubs --demo -k 2 --format json` on another
// copy of the demo store; the demand adds up to the demo's registered patients; the overall mean distance is
// the need-weighted mean of the demand points' distances; and bad bodies are problems naming their field.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import type { HubsReport } from "../../src/app/hubs.ts";
import { openStore, sql, type Store } from "../../src/store/store.ts";
import { runCliInProcess, tempDir, useDemoStore } from "../helpers.ts";

let store: Store;
let api: ReturnType<typeof createApi>;
let cli: HubsReport;
let served: HubsReport;
let stages: { stage: string; done?: number; total?: number; message?: string }[];
/** The demo's registered patients on its map, straight from the tables. */
let patients: number;

const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

async function problemOf(res: Response, status: number, field: string) {
  assert.equal(res.status, status, await res.clone().text());
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const p = (await res.json()) as { status: number; detail: string; field?: string };
  assert.equal(p.status, status);
  assert.equal(p.field, field, p.detail);
  assert.doesNotMatch(p.detail, /\n\s+at /, "no stack trace");
  return p;
}

/** Reads a job's event stream to its end. */
async function followJob(id: string) {
  const text = await (await api.request(`/api/jobs/${id}/events`)).text();
  return text
    .split("\n\n")
    .filter((b) => b.trim() !== "")
    .map((b) => ({
      event: /^event: (.*)$/m.exec(b)?.[1],
      data: JSON.parse(/^data: (.*)$/m.exec(b)?.[1] ?? "null") as Record<string, unknown> | null,
    }));
}

before(async () => {
  const cliDir = join(tempDir("icsplan-hubs-cli-"), "store");
  useDemoStore(cliDir);
  const r = await runCliInProcess(["hubs", "--demo", "-k", "2", "--format", "json"], {
    ICSPLAN_DATA_DIR: cliDir,
    DATABASE_URL: "",
  });
  assert.equal(r.status, 0, r.stderr);
  cli = JSON.parse(r.stdout) as HubsReport;

  const dir = join(tempDir("icsplan-hubs-api-"), "store");
  useDemoStore(dir);
  store = await openStore({ dataDir: dir, databaseUrl: undefined });
  api = createApi(store);
  const rows = await sql<{ patients: number }>`
    select sum(l.patients)::int as patients
    from org_map m join practice_list l on l.practice_code = m.practice_code and l.sex = 'ALL' and l.age = 'ALL'
    where m.dataset_id = (select max(id) from dataset where source = 'gp-reg-pat-prac-map' and synthetic)
      and l.dataset_id = (select max(id) from dataset where source = 'gp-reg-pat-prac-all' and synthetic)`.execute(
    store.db,
  );
  patients = rows.rows[0]!.patients;

  const started = await api.request("/api/jobs/hubs", json({ demo: true, kRange: { from: 1, to: 2 } }));
  assert.equal(started.status, 202, await started.clone().text());
  const job = (await started.json()) as { id: string; kind: string };
  assert.equal(job.kind, "hubs");
  const events = await followJob(job.id);
  stages = events.filter((e) => e.event === "progress").map((e) => e.data as (typeof stages)[number]);
  assert.equal(events.at(-1)!.data!.status, "done", JSON.stringify(events.at(-1)));
  const done = (await (await api.request(`/api/jobs/${job.id}`)).json()) as { result: HubsReport };
  served = done.result;
});

after(async () => {
  await store?.close();
});

describe("POST /api/jobs/hubs", () => {
  test("progress: loading, then one event per k", () => {
    assert.deepEqual(
      stages.map((e) => [e.stage, e.done ?? null, e.total ?? null, e.message]),
      [
        ["load", null, null, "demand, need and candidate sites"],
        ["place", 0, 2, "k = 1"],
        ["place", 1, 2, "k = 2"],
      ],
    );
  });

  test("the same hubs and access figures as the CLI for the same request (k = 2)", () => {
    assert.equal(served.synthetic, true);
    assert.equal(served.areaLabel, cli.areaLabel);
    assert.deepEqual(
      served.placements.map((p) => [p.k, p.status]),
      [
        [1, "optimal"],
        [2, "optimal"],
      ],
    );
    const p = served.placements[1]!;
    const c = cli.placements[0]!;
    assert.equal(c.k, 2);
    // The demo's optimum for k = 2 (dermatology, p-median): as the CLI gives it.
    assert.deepEqual(p.hubs.map((h) => h.code).sort(), ["Z90042", "Z90052"]);
    assert.deepEqual(
      p.hubs.map((h) => [h.code, h.weight, h.meanKm]),
      c.hubs.map((h) => [h.code, h.weight, h.meanKm]),
    );
    assert.equal(p.value, c.value);
    assert.deepEqual(p.access, c.access);
    assert.deepEqual(served.everySite, cli.everySite);
    assert.deepEqual(served.demand, cli.demand);
    assert.deepEqual(served.points, cli.points);
  });

  test("demand adds up to the demo's patients; access is the need-weighted mean of the points' distances", () => {
    assert.equal(served.demand.patients, patients);
    assert.equal(served.demand.patients, 1_451_189);
    assert.equal(served.demand.points, served.points.length);
    // Dermatology weighs every patient 1: the need is the patients.
    assert.equal(served.demand.need, patients);
    const last = served.placements.at(-1)!;
    const w = served.points.reduce((s, p) => s + p.weight, 0);
    const wkm = served.points.reduce((s, p) => s + p.weight * p.km, 0);
    assert.ok(Math.abs(wkm / w - last.access.overall.meanKm!) < 1e-9);
    // The k = 2 objective is that same need-weighted distance (the merged demand: no point is under 20).
    assert.ok(Math.abs(wkm - last.value) < 1e-6 * wkm);
    // Quintiles partition the need; one more hub never lengthens the mean distance.
    assert.equal(
      last.access.byQuintile.reduce((s, g) => s + g.weight, 0),
      last.access.overall.weight,
    );
    assert.ok(last.access.overall.meanKm! <= served.placements[0]!.access.overall.meanKm!);
  });

  test("bad bodies are problems naming the field; an unknown ICB fails the job with its field", async () => {
    await problemOf(
      await api.request("/api/jobs/hubs", json({ demo: true, specialty: "cardiology" })),
      400,
      "specialty",
    );
    await problemOf(await api.request("/api/jobs/hubs", json({ demo: true, k: 0 })), 400, "k");
    await problemOf(
      await api.request("/api/jobs/hubs", json({ demo: true, k: 2, kRange: { from: 1, to: 2 } })),
      400,
      "kRange",
    );
    const p = await problemOf(
      await api.request("/api/jobs/hubs", json({ demo: true, kRange: { from: 4, to: 2 } })),
      400,
      "kRange",
    );
    assert.match(p.detail, /upwards; found 4 to 2/);
    await problemOf(
      await api.request("/api/jobs/hubs", json({ demo: true, icb: "Q99", subIcb: "Z9A" })),
      400,
      "subIcb",
    );
    const started = await api.request("/api/jobs/hubs", json({ demo: true, icb: "QXX", k: 1 }));
    assert.equal(started.status, 202);
    const { id } = (await started.json()) as { id: string };
    const end = (await followJob(id)).at(-1)!.data as { status: string; problem: { field?: string } };
    assert.equal(end.status, "failed");
    assert.equal(end.problem.field, "icb");
  });
});
