// Contract tests of the HTTP API, in process (app.request) on the synthetic demo: each route's status,
// schema and a figure checked against the store's own rows, and a bad request with its problem document.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { createApi } from "../../src/api/app.ts";
import { openStore, sql, type Store } from "../../src/store/store.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

let store: Store;
let api: ReturnType<typeof createApi>;
/** The demo map's practices and the patients of its list file, counted straight from the tables. */
let facts: { practices: number; patients: number; pcns: number; datasets: number };

before(async () => {
  const dir = tempDir();
  useDemoStore(dir);
  store = await openStore({ dataDir: dir, databaseUrl: undefined });
  api = createApi(store);
  const map = await sql<{ practices: number; pcns: number }>`
    select count(*)::int as practices, count(distinct pcn_code) filter (where pcn_code is not null)::int as pcns
    from org_map where dataset_id = (select max(id) from dataset where source = 'gp-reg-pat-prac-map' and synthetic)`.execute(
    store.db,
  );
  const lists = await sql<{ patients: number }>`
    select sum(patients)::int as patients from practice_list
    where sex = 'ALL' and age = 'ALL' and dataset_id = (select max(id) from dataset where source = 'gp-reg-pat-prac-all' and synthetic)`.execute(
    store.db,
  );
  const datasets = await sql<{ n: number }>`select count(*)::int as n from dataset`.execute(store.db);
  facts = { ...map.rows[0]!, patients: lists.rows[0]!.patients, datasets: datasets.rows[0]!.n };
});

after(async () => {
  await store?.close();
});

const get = (path: string, init?: RequestInit) => api.request(path, init);

async function problemOf(res: Response, status: number, field?: string) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const p = (await res.json()) as { status: number; title: string; detail: string; field?: string };
  assert.equal(p.status, status);
  assert.ok(p.detail.length > 0);
  assert.doesNotMatch(p.detail, /\n\s+at /, "no stack trace");
  if (field !== undefined) assert.equal(p.field, field);
  return p;
}

describe("HTTP API on the demo", () => {
  test("health and datasets", async () => {
    const health = (await (await get("/api/health")).json()) as { datasets: { real: number; demo: number } };
    assert.equal(health.datasets.demo + health.datasets.real, facts.datasets);
    const datasets = (await (await get("/api/datasets")).json()) as unknown[];
    assert.equal(datasets.length, facts.datasets);
    const csv = await (await get("/api/datasets?format=csv")).text();
    assert.equal(csv.trim().split("\n").length, facts.datasets + 1);
  });

  test("overview of the demo ICB equals the store's rows; a bad area or date is a problem naming the field", async () => {
    const res = await get("/api/overview?demo=true&icb=Q99");
    assert.equal(res.status, 200);
    const o = (await res.json()) as {
      summary: { practices: number; patients: number; pcns: number };
      scope: { kind: string };
    };
    assert.equal(o.scope.kind, "icb");
    assert.equal(o.summary.practices, facts.practices);
    assert.equal(o.summary.patients, facts.patients);
    await problemOf(await get("/api/overview?demo=true&icb=NOPE"), 404, "icb");
    await problemOf(await get("/api/overview?demo=true&date=2026-02-30"), 400, "date");
    await problemOf(await get("/api/overview?demo=maybe"), 400, "demo");
    const place = (await (await get("/api/overview?demo=1&subIcb=Z9A")).json()) as {
      scope: { kind: string };
      summary: { practices: number };
    };
    assert.equal(place.scope.kind, "sub-icb");
    assert.ok(place.summary.practices > 0 && place.summary.practices < facts.practices);
  });

  test("practices and PCNs as JSON and CSV, filtered", async () => {
    const all = (await (await get("/api/practices?demo=1")).json()) as {
      rows: { list_size: number | null }[];
      synthetic: boolean;
    };
    assert.equal(all.synthetic, true);
    assert.equal(all.rows.length, facts.practices);
    assert.equal(
      all.rows.reduce((s, r) => s + (r.list_size ?? 0), 0),
      facts.patients,
    );
    const csv = await (await get("/api/practices.csv?demo=1")).text();
    const lines = csv.trim().split("\n");
    assert.match(lines[0]!, /^practice_code,practice_name,postcode,pcn_code/);
    assert.equal(lines.length, facts.practices + 1);
    const accept = await get("/api/pcns?demo=1", { headers: { accept: "text/csv" } });
    assert.match(accept.headers.get("content-type") ?? "", /text\/csv/);
    const pcns = (await (await get("/api/pcns?demo=1&band=over")).json()) as { rows: { band: string }[] };
    assert.ok(pcns.rows.length > 0 && pcns.rows.every((r) => r.band === "over"));
    const none = await (await get("/api/pcns.csv?demo=1&pcn=U99001&band=under")).text();
    assert.equal(
      none.trim(),
      "pcn_code,pcn_name,sub_icb_code,icb_code,practices,list_size,band,practices_without_list,crosses_sub_icb",
    );
    await problemOf(await get("/api/pcns?demo=1&band=huge"), 400, "band");
    await problemOf(await get("/api/practices?demo=1&pcn=ZZZ"), 404, "pcn");
  });

  test("search by code, postcode and name", async () => {
    const first = (await (await get("/api/practices?demo=1")).json()) as {
      rows: { practice_code: string; postcode: string; practice_name: string }[];
    };
    const p = first.rows[0]!;
    const byCode = (await (
      await get(`/api/practices/search?demo=1&q=${p.practice_code.toLowerCase()}`)
    ).json()) as { rows: { practice_code: string; matched: string }[] };
    assert.deepEqual([byCode.rows[0]!.practice_code, byCode.rows[0]!.matched], [p.practice_code, "code"]);
    const byPostcode = (await (
      await get(`/api/practices/search?demo=1&q=${encodeURIComponent(p.postcode)}`)
    ).json()) as { rows: { practice_code: string; matched: string }[] };
    assert.equal(byPostcode.rows[0]!.matched, "postcode");
    assert.ok(byPostcode.rows.some((r) => r.practice_code === p.practice_code));
    const word = p.practice_name.split(" ")[0]!;
    const byName = (await (
      await get(`/api/practices/search?demo=1&q=${encodeURIComponent(word)}&limit=500`)
    ).json()) as { rows: { practice_name: string }[] };
    assert.ok(
      byName.rows.length >= 1 &&
        byName.rows.every((r) =>
          r.practice_name
            .toLowerCase()
            .split(/\W+/)
            .some((w) => w.startsWith(word.toLowerCase())),
        ),
    );
    await problemOf(await get("/api/practices/search?demo=1&q=x"), 400, "q");
    await problemOf(await get("/api/practices/search?demo=1&q=health&limit=0"), 400, "limit");
  });

  test("network evaluation, design saved as a scenario, shown, deleted; GeoJSON export", async () => {
    const ev = (await (await get("/api/networks/evaluate?demo=1")).json()) as {
      networks: unknown[];
      configuration: string;
    };
    assert.equal(ev.configuration, "today's map");
    assert.equal(ev.networks.length, facts.pcns);
    const design = await get("/api/networks/design", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ demo: true, starts: 1, seed: 3, save: { name: "api-test-design" } }),
    });
    assert.equal(design.status, 200);
    const d = (await design.json()) as { savedAs: string; networks: { listSize: number }[]; method: string };
    assert.equal(d.savedAs, "api-test-design");
    assert.equal(d.method, "heuristic");
    assert.equal(
      d.networks.reduce((s, n) => s + n.listSize, 0),
      facts.patients,
    );
    const again = await get("/api/networks/design", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ demo: true, starts: 1, save: { name: "api-test-design" } }),
    });
    await problemOf(again, 409, "name");
    await problemOf(
      await get("/api/networks/design", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ demo: true, starts: 0 }),
      }),
      400,
      "starts",
    );
    const shown = (await (await get("/api/scenarios/api-test-design")).json()) as {
      kind: string;
      configuration: { practices: unknown[] };
    };
    assert.equal(shown.kind, "network-design");
    assert.equal(shown.configuration.practices.length, facts.practices);
    const scenarioEval = (await (
      await get("/api/networks/evaluate?demo=1&scenario=api-test-design")
    ).json()) as { networks: unknown[] };
    assert.equal(scenarioEval.networks.length, d.networks.length);
    const geo = await get("/api/networks/export.geojson?demo=1&scenario=api-test-design");
    assert.equal(geo.headers.get("content-type"), "application/geo+json");
    const fc = (await geo.json()) as { type: string; features: { properties: { kind?: string } }[] };
    assert.equal(fc.type, "FeatureCollection");
    assert.ok(fc.features.length >= facts.practices);
    assert.equal((await get("/api/scenarios/api-test-design", { method: "DELETE" })).status, 200);
    await problemOf(await get("/api/scenarios/api-test-design"), 404, "name");
    await problemOf(await get("/api/networks/evaluate?demo=1&scenario=nope"), 404);
  });

  test("the OpenAPI document validates as OpenAPI 3.1 and the reference lists every route", async () => {
    const doc = (await (await get("/api/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    assert.equal(doc.openapi, "3.1.0");
    const result = await new Validator().validate(doc as never);
    assert.equal(result.valid, true, JSON.stringify(result.errors));
    const html = await (await get("/api/docs")).text();
    for (const path of Object.keys(doc.paths)) assert.ok(html.includes(path), path);
    await problemOf(await get("/api/no-such-route"), 404);
  });
});
