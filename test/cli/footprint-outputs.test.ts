// Every output that names an ICB says its footprint, on the demo: the funding, workforce, listing and
// scenario commands through the CLI (in process) print the label under the line that names the map and
// carry `footprint` in their JSON; the API's results carry it and its OpenAPI document still validates;
// the label is read once per picture. The demo has one map, so its one footprint is that map's.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { createApi } from "../../src/api/app.ts";
import { footprintLabel } from "../../src/app/footprints.ts";
import { readPicture } from "../../src/app/picture.ts";
import { openStore, sql, type Store } from "../../src/store/store.ts";
import { holdCliStores, runCliInProcess, tempDir, useDemoStore } from "../helpers.ts";

holdCliStores();

const FOOTPRINT = "ICB footprint of the January 2026 map (1 ICB)";
const escaped = FOOTPRINT.replace(/[()]/g, "\\$&");

describe("the footprint of every output that names an ICB, on the demo", () => {
  const dir = tempDir("icsplan-footprint-outputs-");
  const env = { ICSPLAN_DATA_DIR: join(dir, "store"), DATABASE_URL: "" };
  before(() => useDemoStore(env.ICSPLAN_DATA_DIR));

  const cli = async (...args: string[]) => {
    const r = await runCliInProcess(args, env);
    assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  const jsonOf = async (...args: string[]) =>
    JSON.parse(await cli(...args, "--format", "json")) as { footprint?: unknown };

  test("the demo has one map, so one footprint: the January 2026 map's, of its one ICB", async () => {
    const store = await openStore({ dataDir: env.ICSPLAN_DATA_DIR, databaseUrl: undefined });
    try {
      const maps = await sql<{ period: string; icbs: number }>`
        select d.period, count(distinct m.icb_code)::int as icbs from dataset d
        join org_map m on m.dataset_id = d.id
        where d.synthetic and d.source = 'gp-reg-pat-prac-map' group by d.period`.execute(store.db);
      assert.deepEqual(maps.rows, [{ period: "January 2026", icbs: 1 }]);
      const picture = await readPicture(store, { synthetic: true });
      const label = footprintLabel(store, picture);
      assert.equal(await label, FOOTPRINT);
      // Kept with the warm picture: a second request reads no store.
      assert.equal(footprintLabel(store, await readPicture(store, { synthetic: true })), label);
    } finally {
      await store.close();
    }
  });

  test("funding entitlements, allocate and audit: the label under the line that names the map", async () => {
    assert.match(
      await cli("funding", "entitlements", "--demo"),
      new RegExp(
        `Entitlements [0-9-]+: Demo ICB \\(synthetic\\) \\(Q99\\), map of 2026-01-01\\n${escaped}\\n`,
      ),
    );
    assert.match(
      await cli("funding", "allocate", "--demo", "--fund", "1000000"),
      new RegExp(`of Demo ICB \\(synthetic\\) \\(Q99\\) \\(map of 2026-01-01\\)\\n${escaped}\\nMethod `),
    );
    assert.match(
      await cli("funding", "audit", "--demo"),
      new RegExp(
        `Equity audit: Demo ICB \\(synthetic\\) \\(Q99\\), map of 2026-01-01;[^\\n]*\\n${escaped}\\n`,
      ),
    );
    assert.equal((await jsonOf("funding", "entitlements", "--demo")).footprint, FOOTPRINT);
    assert.equal((await jsonOf("funding", "audit", "--demo")).footprint, FOOTPRINT);
    // CSV rows stay as they were.
    const csv = await cli("funding", "entitlements", "--demo", "--format", "csv");
    assert.ok(!csv.includes("footprint"), csv.slice(0, 200));
  });

  test("workforce partners, risk and ARRS say which footprint the ICB grouping uses", async () => {
    const line = new RegExp(`\\nFootprint: ${escaped}\\n`);
    assert.match(await cli("workforce", "partners", "--demo"), line);
    assert.match(await cli("workforce", "risk", "--demo"), line);
    assert.match(await cli("workforce", "arrs", "--demo"), line);
    assert.equal((await jsonOf("workforce", "partners", "--demo")).footprint, FOOTPRINT);
    assert.equal((await jsonOf("workforce", "risk", "--demo")).footprint, FOOTPRINT);
    assert.equal((await jsonOf("workforce", "arrs", "--demo")).footprint, FOOTPRINT);
  });

  test("practices, PCNs and search: the label after the count and map", async () => {
    assert.match(
      await cli("practices", "--demo"),
      new RegExp(`\\n139 practices \\(map of January 2026\\)\\n${escaped}\\n$`),
    );
    assert.match(
      await cli("pcns", "--demo"),
      new RegExp(`\\n30 PCNs \\(map of January 2026\\)\\n${escaped}\\n$`),
    );
    assert.match(
      await cli("search", "--demo", "Z90001"),
      new RegExp(`found for 'Z90001' \\(map of January 2026\\)\\n${escaped}\\n$`),
    );
    const csv = await cli("practices", "--demo", "--format", "csv");
    assert.ok(!csv.includes("footprint") && !csv.includes("ICB footprint"));
  });

  test("closure and merger scenarios: the label under the scenario's header", async () => {
    assert.match(
      await cli("scenarios", "close", "--demo", "--practice", "Z90001"),
      new RegExp(
        `Closure scenario: Demo ICB \\(synthetic\\) \\(Q99\\), map of January 2026, lists of [A-Za-z]+ \\d{4}\\n${escaped}\\nModel: `,
      ),
    );
    assert.match(
      await cli("scenarios", "merge", "--demo", "--practice", "Z90001", "--practice", "Z90002"),
      new RegExp(
        `Merger scenario: Demo ICB \\(synthetic\\) \\(Q99\\), map of January 2026, lists of [A-Za-z]+ \\d{4}\\n${escaped}\\nMerging `,
      ),
    );
    const closure = await jsonOf(
      "scenarios",
      "close",
      "--demo",
      "--practice",
      "Z90001",
      "--save",
      "fp-close",
    );
    assert.equal(closure.footprint, FOOTPRINT);
    // A saved scenario compared with today: the footprint of its map, under the two sides.
    assert.match(
      await cli("scenarios", "compare", "today", "fp-close"),
      new RegExp(`^A: today \\(Q99, map 2026-01-01\\)\nB: fp-close \\(closure\\)\n${escaped}\n`),
    );
    assert.equal((await jsonOf("scenarios", "compare", "today", "fp-close")).footprint, FOOTPRINT);
  });

  test("networks compare carries the footprint in its JSON as evaluate does", async () => {
    const compare = await jsonOf("networks", "compare", "--demo", "--b", "today");
    assert.equal(compare.footprint, FOOTPRINT);
  });

  describe("the API", () => {
    let store: Store;
    let api: ReturnType<typeof createApi>;
    before(async () => {
      const apiDir = join(dir, "api-store");
      useDemoStore(apiDir);
      store = await openStore({ dataDir: apiDir, databaseUrl: undefined });
      api = createApi(store);
    });
    after(async () => store?.close());

    const footprintOf = async (path: string, init?: RequestInit) => {
      const res = await api.request(path, init);
      assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
      return ((await res.json()) as { footprint?: unknown }).footprint;
    };
    const post = (body: unknown): RequestInit => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

    test("funding, workforce, listings, a practice's profile and scenarios carry the footprint", async () => {
      for (const path of [
        "/api/funding/entitlements?demo=1",
        "/api/funding/audit?demo=1",
        "/api/funding/history?demo=1",
        "/api/workforce/partners?demo=1",
        "/api/workforce/risk?demo=1",
        "/api/workforce/arrs?demo=1",
        "/api/practices?demo=1",
        "/api/pcns?demo=1",
        "/api/practices/search?demo=1&q=Z90001",
        "/api/practices/Z90001?demo=1",
      ])
        assert.equal(await footprintOf(path), FOOTPRINT, path);
      assert.equal(
        await footprintOf("/api/funding/allocate", post({ demo: true, fund: "1000000" })),
        FOOTPRINT,
      );
      assert.equal(
        await footprintOf("/api/scenarios/closure", post({ demo: true, practices: ["Z90001"] })),
        FOOTPRINT,
      );
      assert.equal(
        await footprintOf("/api/scenarios/merger", post({ demo: true, practices: ["Z90001", "Z90002"] })),
        FOOTPRINT,
      );
    });

    test("the OpenAPI document validates and names the footprint of the results", async () => {
      const doc = (await (await api.request("/api/openapi.json")).json()) as {
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      const result = await new Validator().validate(doc as never);
      assert.equal(result.valid, true, JSON.stringify(result.errors));
      assert.ok(doc.components.schemas.FootprintedResult?.properties?.footprint);
      assert.ok(doc.components.schemas.Overview?.properties?.footprint);
    });
  });
});
