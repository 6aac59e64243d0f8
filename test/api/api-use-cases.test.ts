// Test tier: heavy (designs and jobs over the demo); run by `npm run test:heavy` and CI, not by `npm test`.
// Contract tests of the API's scenario, workforce, funding and job routes, in process on the synthetic
// demo: status, the figure the route answers checked against the store's rows or a conservation law, the
// same answer as the use case called directly, and a bad request with its problem document.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import { entitlementsReport } from "../../src/app/funding-entitlements.ts";
import { riskUseCase } from "../../src/app/workforce.ts";
import { openStore, sql, type Store } from "../../src/store/store.ts";
import { shared, tempDir, useDemoStore } from "../helpers.ts";

const MAP_FILE = shared("registrations", "gp-reg-pat-prac-map_2026-01.csv");

let store: Store;
let other: Store;
let api: ReturnType<typeof createApi>;
let otherApi: ReturnType<typeof createApi>;
/** The demo's practices on its map, with their list sizes, straight from the tables. */
let practices: { code: string; pcn: string | null; patients: number }[];

before(async () => {
  const a = tempDir();
  const b = tempDir();
  useDemoStore(a);
  useDemoStore(b);
  store = await openStore({ dataDir: a, databaseUrl: undefined });
  other = await openStore({ dataDir: b, databaseUrl: undefined });
  api = createApi(store);
  otherApi = createApi(other);
  const rows = await sql<{ code: string; pcn: string | null; patients: number }>`
    select m.practice_code as code, m.pcn_code as pcn, l.patients::int as patients
    from org_map m join practice_list l on l.practice_code = m.practice_code and l.sex = 'ALL' and l.age = 'ALL'
    where m.dataset_id = (select max(id) from dataset where source = 'gp-reg-pat-prac-map' and synthetic)
      and l.dataset_id = (select max(id) from dataset where source = 'gp-reg-pat-prac-all' and synthetic)
    order by m.practice_code`.execute(store.db);
  practices = rows.rows;
});

after(async () => {
  await store?.close();
  await other?.close();
});

const json = (body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

async function problemOf(res: Response, status: number, field?: string) {
  assert.equal(res.status, status, await res.clone().text());
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const p = (await res.json()) as { status: number; detail: string; field?: string };
  assert.equal(p.status, status);
  assert.doesNotMatch(p.detail, /\n\s+at /, "no stack trace");
  if (field !== undefined) assert.equal(p.field, field, p.detail);
  return p;
}

async function ok<T>(res: Response, status = 200): Promise<T> {
  assert.equal(res.status, status, await res.clone().text());
  return (await res.json()) as T;
}

/** Reads a job's event stream to its end: the progress events and the end event's job. */
async function followJob(app: ReturnType<typeof createApi>, id: string) {
  const res = await app.request(`/api/jobs/${id}/events`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
  const text = await res.text();
  const events = text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return { event, data: data === undefined ? undefined : (JSON.parse(data) as Record<string, unknown>) };
    });
  return events;
}

describe("scenario routes", () => {
  test("a design saved, compared with today, exported as CSV, JSON and GeoJSON, imported into another store", async () => {
    const design = await ok<{ savedAs: string }>(
      await api.request(
        "/api/networks/design",
        json({ demo: true, icb: "Q99", seed: 3, starts: 1, save: { name: "api north" } }),
      ),
    );
    assert.equal(design.savedAs, "api north");

    const cmp = await ok<{ a: string; b: string; practicesMoved?: unknown }>(
      await api.request("/api/scenarios/compare?a=today&b=api%20north"),
    );
    assert.match(cmp.a, /^today/);
    assert.match(cmp.b, /^api north/);

    const csv = await api.request("/api/scenarios/api%20north/export.csv");
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-disposition") ?? "", /filename="api-north.csv"/);
    const lines = (await csv.text()).trim().split("\n");
    assert.equal(lines[0], "practice_code,network_code,network_name,list_size,weighted_list,merged_from");
    assert.equal(lines.length - 1, practices.length, "one row per practice of the demo ICB");
    const listed = lines.slice(1).reduce((s, l) => s + Number(l.split(",")[3]), 0);
    assert.equal(
      listed,
      practices.reduce((s, p) => s + p.patients, 0),
      "the design keeps every patient",
    );

    const geo = await ok<{ type: string; features: unknown[] }>(
      await api.request("/api/scenarios/api%20north/export.geojson"),
    );
    assert.equal(geo.type, "FeatureCollection");
    assert.ok(geo.features.length >= practices.length);

    const file = await ok<Record<string, unknown>>(
      await api.request("/api/scenarios/api%20north/export.json"),
    );
    assert.equal(file.format, "icsplan-scenario");
    const imported = await ok<{ scenario: { name: string }; unknownPractices: string[] }>(
      await otherApi.request("/api/scenarios/import?as=from%20a%20colleague", json(file)),
      201,
    );
    assert.equal(imported.scenario.name, "from a colleague");
    assert.deepEqual(imported.unknownPractices, [], "the same demo: every practice known");
    const shown = await ok<{ configuration: unknown }>(
      await otherApi.request("/api/scenarios/from%20a%20colleague"),
    );
    assert.deepEqual(shown.configuration, file.configuration, "the configuration arrives whole");

    // Bad imports: the field is named and nothing is saved.
    await problemOf(
      await otherApi.request("/api/scenarios/import?as=from%20a%20colleague", json(file)),
      409,
      "name",
    );
    await problemOf(
      await otherApi.request("/api/scenarios/import?as=x", json({ ...file, kind: "nonsense" })),
      400,
      "kind",
    );
    const config = file.configuration as { practices: Record<string, unknown>[] };
    const broken = {
      ...file,
      configuration: { ...config, practices: [{ ...config.practices[0], listSize: -4 }] },
    };
    await problemOf(
      await otherApi.request("/api/scenarios/import?as=y", json(broken)),
      400,
      "configuration.practices[0].listSize",
    );
    const names = (await ok<{ name: string }[]>(await otherApi.request("/api/scenarios"))).map((s) => s.name);
    assert.ok(!names.includes("x") && !names.includes("y"));

    await problemOf(await api.request("/api/scenarios/compare?a=today&b=today"), 400, "a");
    await problemOf(await api.request("/api/scenarios/compare?a=today&b=nope"), 404, "b");
    await problemOf(await api.request("/api/scenarios/nope/export.csv"), 404, "name");
    await problemOf(await api.request("/api/scenarios/api%20north/export.xlsx"), 404);
  });

  test("a closure re-homes every patient or says why not; a merger sums the lists", async () => {
    const [a, b] = [practices[0]!, practices[1]!];
    const closure = await ok<{
      closed: { code: string; listSize: number }[];
      notPlaced: { total: number };
      receivers: { gain: number }[];
      savedAs: string | null;
    }>(
      await api.request(
        "/api/scenarios/closure",
        json({ demo: true, practices: [a.code], maxKm: 15, save: { name: "api closure" } }),
      ),
    );
    assert.equal(closure.savedAs, "api closure");
    const placed = closure.receivers.reduce((s, r) => s + r.gain, 0);
    assert.equal(placed + closure.notPlaced.total, a.patients, "conservation of the closed list");
    await problemOf(
      await api.request("/api/scenarios/closure", json({ demo: true, practices: [a.code], cap: "lots" })),
      400,
      "cap",
    );
    await problemOf(
      await api.request("/api/scenarios/closure", json({ demo: true, practices: [] })),
      400,
      "practices",
    );
    await problemOf(
      await api.request("/api/scenarios/closure", json({ demo: true, practices: ["Z00000"] })),
      400,
      "practices",
    );

    const merger = await ok<{ merged: { listSize: number; code: string } }>(
      await api.request(
        "/api/scenarios/merger",
        json({ demo: true, practices: [a.code, b.code], into: b.code }),
      ),
    );
    assert.equal(merger.merged.code, b.code);
    assert.equal(merger.merged.listSize, a.patients + b.patients);
    await problemOf(
      await api.request("/api/scenarios/merger", json({ demo: true, practices: [a.code] })),
      400,
      "practices",
    );
  });
});

describe("workforce and funding routes", () => {
  test("workforce: trends, partners, ARRS and risk answer as the use cases do; bad levels name the field", async () => {
    const trends = await ok<{ synthetic: boolean; by: string; areas: unknown[] }>(
      await api.request("/api/workforce/trends?demo=true&by=pcn"),
    );
    assert.equal(trends.synthetic, true);
    assert.equal(trends.by, "pcn");
    const pcns = new Set(practices.map((p) => p.pcn).filter((p) => p !== null));
    assert.equal(trends.areas.length, pcns.size, "one series per PCN of the demo");
    await problemOf(await api.request("/api/workforce/trends?demo=true&by=street"), 400, "by");
    for (const route of ["trends", "partners", "risk", "arrs"]) {
      const p = await problemOf(await api.request(`/api/workforce/${route}?demo=true&icb=NOPE`), 400, "icb");
      assert.match(p.detail, /NOPE/);
    }

    const partners = await ok<{ rows: unknown[] }>(
      await api.request("/api/workforce/partners?demo=true&top=3"),
    );
    assert.ok(partners.rows.length <= 3);
    await problemOf(await api.request("/api/workforce/partners?demo=true&from=last%20year"), 400, "from");

    const risk = await ok<unknown>(await api.request(`/api/workforce/risk?demo=true&top=5`));
    const direct = await riskUseCase(store, { synthetic: true, date: undefined }, { top: 5 });
    assert.deepEqual(risk, JSON.parse(JSON.stringify(direct)));

    const arrs = await ok<{ synthetic: boolean }>(await api.request("/api/workforce/arrs?demo=true"));
    assert.equal(arrs.synthetic, true);
  });

  test("funding: entitlements as the use case; an allocation adds up to the fund to the penny; audit by quintile", async () => {
    const ent = await ok<unknown>(await api.request("/api/funding/entitlements?demo=true"));
    assert.deepEqual(ent, JSON.parse(JSON.stringify(await entitlementsReport(store, { synthetic: true }))));
    await problemOf(await api.request("/api/funding/entitlements?demo=true&year=2099-00"), 400, "year");

    const allocation = await ok<{ allocation: { lines: { pence: number }[]; totalPence: number } }>(
      await api.request("/api/funding/allocate", json({ demo: true, fund: "250k", method: "need" })),
    );
    const lines = allocation.allocation.lines;
    assert.equal(lines.length, practices.length, "one line per practice of the demo");
    assert.equal(allocation.allocation.totalPence, 25_000_000);
    assert.equal(
      lines.reduce((s, l) => s + l.pence, 0),
      25_000_000,
      "penny-exact",
    );
    await problemOf(
      await api.request("/api/funding/allocate", json({ demo: true, fund: "lots" })),
      400,
      "fund",
    );

    const audit = await ok<{ quintiles?: unknown[] } & Record<string, unknown>>(
      await api.request("/api/funding/audit?demo=true"),
    );
    assert.ok(audit.synthetic);
  });
});

describe("practice profile", () => {
  test("a practice's list, workforce, payments and risk; an unknown code names the field", async () => {
    const one = practices[5]!;
    const profile = await ok<{
      synthetic: boolean;
      practice: { practice_code: string; list_size: number; pcn_code: string };
      workforce: { series: { area: { code: string }; points: unknown[] } | null } | null;
      payments: { series: unknown[] } | null;
      risk: { practice: { code: string }; score?: number } | null;
      notes: string[];
    }>(await api.request(`/api/practices/${one.code.toLowerCase()}?demo=true`));
    assert.equal(profile.synthetic, true);
    assert.equal(profile.practice.practice_code, one.code);
    assert.equal(profile.practice.list_size, one.patients, "the list of the list file");
    assert.equal(profile.practice.pcn_code, one.pcn ?? "U");
    assert.equal(profile.workforce?.series?.area.code, one.code, profile.notes.join("; "));
    assert.ok((profile.workforce?.series?.points.length ?? 0) > 0);
    assert.equal(profile.risk?.practice.code, one.code, profile.notes.join("; "));
    assert.ok(profile.payments === null || profile.payments.series.length <= 1);
    await problemOf(await api.request("/api/practices/Z99999?demo=true"), 404, "code");
    const search = await ok<{ rows: unknown[] }>(
      await api.request(`/api/practices/search?demo=true&q=${one.code}`),
    );
    assert.equal(search.rows.length, 1, "search is still its own route");
  });
});

describe("LSOA map", () => {
  test("the demo has no LSOA lookup: the LSOA map says what to import; an area is required", async () => {
    const p = await problemOf(await api.request("/api/lsoas.geojson?demo=true&icb=Q99"), 404);
    assert.match(p.detail, /LSOA .*lookup is loaded: import/);
    await problemOf(await api.request("/api/lsoas.geojson?demo=true"), 400, "icb");
    await problemOf(await api.request("/api/lsoas.geojson?demo=true&icb=Q99&subIcb=Z9A"), 400, "icb");
  });
});

describe("job routes", () => {
  test("a design job streams its progress and ends done with the design; the job reads back", async () => {
    const job = await ok<{ id: string; status: string; kind: string }>(
      await api.request("/api/jobs/networks-design", json({ demo: true, icb: "Q99", seed: 1, starts: 1 })),
      202,
    );
    assert.equal(job.kind, "networks-design");
    const events = await followJob(api, job.id);
    const stages = events.filter((e) => e.event === "progress").map((e) => e.data!.stage);
    assert.deepEqual(stages, ["load", "design", "save"]);
    const end = events.at(-1)!;
    assert.equal(end.event, "end");
    assert.equal(end.data!.status, "done");
    const done = await ok<{
      status: string;
      result: { method: string; assignment: number[]; networks: { listSize: number }[] };
    }>(await api.request(`/api/jobs/${job.id}`));
    assert.equal(done.status, "done");
    assert.equal(done.result.method, "heuristic");
    assert.equal(done.result.assignment.length, practices.length, "every practice placed");
    assert.equal(
      done.result.networks.reduce((s, n) => s + n.listSize, 0),
      practices.reduce((s, p) => s + p.patients, 0),
    );
    const listed = await ok<{ id: string }[]>(await api.request("/api/jobs"));
    assert.ok(listed.some((j) => j.id === job.id));

    // A name already taken (without replace) is refused before any design is run, naming the field.
    const taken = await ok<{ id: string }>(
      await api.request(
        "/api/jobs/networks-design",
        json({ demo: true, icb: "Q99", seed: 1, starts: 1, save: { name: "api north" } }),
      ),
      202,
    );
    const takenEvents = await followJob(api, taken.id);
    assert.deepEqual(
      takenEvents.filter((e) => e.event === "progress").map((e) => e.data!.stage),
      [],
      "no stage began",
    );
    const failed = takenEvents.at(-1)!.data!;
    assert.equal(failed.status, "failed");
    const problem = failed.problem as { status: number; detail: string; errors?: { field: string }[] };
    assert.equal(problem.status, 409);
    assert.match(problem.detail, /a scenario named 'api north' already exists/);
  });

  test("a job cancelled at once ends cancelled and saves nothing; a bad job request is a problem", async () => {
    const job = await ok<{ id: string }>(
      await api.request(
        "/api/jobs/networks-design",
        json({ demo: true, england: true, save: { name: "never saved" } }),
      ),
      202,
    );
    await ok(await api.request(`/api/jobs/${job.id}`, { method: "DELETE" }), 202);
    const events = await followJob(api, job.id);
    assert.equal(events.at(-1)!.data!.status, "cancelled");
    const names = (await ok<{ name: string }[]>(await api.request("/api/scenarios"))).map((s) => s.name);
    assert.ok(!names.includes("never saved"));

    await problemOf(
      await api.request("/api/jobs/networks-design", json({ demo: true, england: true, icb: "Q99" })),
      400,
      "england",
    );
    await problemOf(await api.request("/api/jobs/6f1c2a4e-8f0b-4c59-9d8e-1b2a3c4d5e6f"), 404, "id");
    await problemOf(await api.request("/api/jobs/not-an-id"), 400, "id");
    await problemOf(await api.request("/api/jobs/backtest", json({ from: "2022-05-01" })), 400, "to");
  });

  test("an ensemble job places today's map among valid plans; a bad band is a problem", async () => {
    const job = await ok<{ id: string }>(
      await api.request("/api/jobs/networks-ensemble", json({ demo: true, steps: 300, seed: 2, thin: 3 })),
      202,
    );
    const end = (await followJob(api, job.id)).at(-1)!;
    assert.equal(end.data!.status, "done", JSON.stringify(end.data));
    const { result } = await ok<{
      result: {
        ensemble: { samples: number; positions: { label: string; percentiles: Record<string, number> }[] };
      };
    }>(await api.request(`/api/jobs/${job.id}`));
    assert.equal(result.ensemble.samples, 100);
    assert.deepEqual(
      result.ensemble.positions.map((p) => p.label),
      ["today's map", "the design (seed 2)"],
    );
    for (const p of result.ensemble.positions)
      for (const v of Object.values(p.percentiles)) assert.ok(v === null || (v >= 0 && v <= 1));
    await problemOf(
      await api.request("/api/jobs/networks-ensemble", json({ demo: true, band: "fifty" })),
      400,
      "band",
    );
  });

  test("an import job loads a real file and reports it; a missing path fails with its problem", async () => {
    const job = await ok<{ id: string }>(
      await otherApi.request("/api/jobs/import", json({ paths: [MAP_FILE] })),
      202,
    );
    const events = await followJob(otherApi, job.id);
    const end = events.at(-1)!;
    assert.equal(end.data!.status, "done", JSON.stringify(end.data));
    const result = await ok<{ result: { files: { status: string; rows?: number }[] } }>(
      await otherApi.request(`/api/jobs/${job.id}`),
    );
    const lines = readFileSync(MAP_FILE, "utf8").trim().split("\n").length;
    assert.deepEqual(
      result.result.files.map((f) => [f.status, f.rows]),
      [["imported", lines - 1]],
      "one row per practice line of the file",
    );

    const before = await ok<unknown[]>(await otherApi.request("/api/datasets"));
    const cancelled = await ok<{ id: string }>(
      await otherApi.request("/api/jobs/import", json({ paths: [shared("registrations", "history")] })),
      202,
    );
    await ok(await otherApi.request(`/api/jobs/${cancelled.id}`, { method: "DELETE" }), 202);
    const stopped = (await followJob(otherApi, cancelled.id)).at(-1)!;
    assert.equal(stopped.data!.status, "cancelled");
    const report = await ok<{ result: { files: { status: string }[] } }>(
      await otherApi.request(`/api/jobs/${cancelled.id}`),
    );
    assert.ok(report.result.files.length > 0);
    assert.ok(
      report.result.files.every((f) => f.status !== "imported"),
      "cancelled before the first file",
    );
    assert.deepEqual(
      await ok<unknown[]>(await otherApi.request("/api/datasets")),
      before,
      "nothing imported",
    );

    const missing = await ok<{ id: string }>(
      await otherApi.request("/api/jobs/import", json({ paths: ["/no/such/folder"] })),
      202,
    );
    const ended = (await followJob(otherApi, missing.id)).at(-1)!;
    assert.equal(ended.data!.status, "failed");
    assert.match(String((ended.data!.problem as { detail: string }).detail), /\/no\/such\/folder/);
  });
});
