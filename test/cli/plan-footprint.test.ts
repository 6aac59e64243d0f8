// A plan's footprint on the demo, through the CLI (in process) and the API: a union of places whose
// figures are the sum of the places' overviews, an ICB in the footprint of a date, the footprint line that
// overview, networks evaluate and the plan header add, and bad forms refused naming the field (exit 2, one
// line; problem+json 400/404/422).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createApi } from "../../src/api/app.ts";
import { registerPlanRoutes } from "../../src/api/plan-routes.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { holdCliStores, runCliInProcess, tempDir, useDemoStore } from "../helpers.ts";

holdCliStores();

const FOOTPRINT = "ICB footprint of the January 2026 map (1 ICB)";

describe("a plan's footprint on the demo", () => {
  const dir = tempDir("icsplan-plan-footprint-");
  const env = { ICSPLAN_DATA_DIR: join(dir, "store"), DATABASE_URL: "" };
  before(() => useDemoStore(env.ICSPLAN_DATA_DIR));

  const cli = (...args: string[]) => runCliInProcess(args, env);
  const summaryOf = async (subIcb: string) => {
    const r = await cli("overview", "--demo", "--sub-icb", subIcb, "--format", "json");
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { summary: { practices: number; patients: number } }).summary;
  };

  test("overview and networks evaluate name their footprint under the map line", async () => {
    const o = await cli("overview", "--demo", "--icb", "Q99");
    assert.equal(o.status, 0, o.stderr);
    assert.match(
      o.stdout,
      new RegExp(
        `PCN map of January 2026; contract year [0-9-]+ bands\\n${FOOTPRINT.replace(/[()]/g, "\\$&")}\\n`,
      ),
    );
    const n = await cli("networks", "evaluate", "--demo");
    assert.equal(n.status, 0, n.stderr);
    assert.match(n.stdout, /bands\nICB footprint of the January 2026 map \(1 ICB\)\nGraph: /);
    const j = await cli("networks", "evaluate", "--demo", "--format", "json");
    assert.equal((JSON.parse(j.stdout) as { footprint: string }).footprint, FOOTPRINT);
  });

  test("plan new --places: a union whose practices and patients are the sum of the places'", async () => {
    const r = await cli("plan", "new", "--demo", "--places", "Z9A, z9b");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /plan 'Z9A-Z9B'/);
    assert.match(
      r.stdout,
      /Union of 2 places: Demo City \(synthetic\) - Z9A; Forge Valley \(synthetic\) - Z9B \(Z9A\+Z9B\); Draft/,
    );
    assert.match(r.stdout, new RegExp(`\\nFootprint: ${FOOTPRINT.replace(/[()]/g, "\\$&")}\\n`));
    const shown = await cli("plan", "show", "Z9A-Z9B", "--json");
    const view = JSON.parse(shown.stdout) as {
      plan: { content: { area: { kind: string; codes: string[]; footprint: string } } };
      evidence: { key: string; summary: Record<string, unknown>; unavailable?: string }[];
    };
    assert.deepEqual(view.plan.content.area.codes, ["Z9A", "Z9B"]);
    assert.equal(view.plan.content.area.kind, "places");
    const [a, b] = [await summaryOf("Z9A"), await summaryOf("Z9B")];
    const population = view.evidence.find((e) => e.key === "population")!;
    assert.equal(population.summary.practices, a.practices + b.practices);
    assert.equal(population.summary.patients, a.patients + b.patients);
    assert.equal(population.summary.patients, 960_026);
    const networks = view.evidence.find((e) => e.key === "networks")!;
    assert.equal(networks.summary.practices, a.practices + b.practices);
    const trends = view.evidence.find((e) => e.key === "workforce-trends")!;
    assert.equal(
      trends.summary.area,
      "Union of 2 places: Demo City (synthetic) - Z9A; Forge Valley (synthetic) - Z9B",
    );
    assert.equal(trends.summary.footprint, FOOTPRINT);
    assert.match(view.evidence.find((e) => e.key === "arrs")!.unavailable ?? "", /published by PCN/);
    // The export names the footprint on its cover and in "About this plan".
    const html = join(dir, "plan.html");
    const exported = await cli("plan", "export", "Z9A-Z9B", "--format", "html", "--out", html);
    assert.equal(exported.status, 0, exported.stderr);
    const text = readFileSync(html, "utf8");
    assert.ok(text.includes(`(Z9A+Z9B); ${FOOTPRINT}`), "cover subtitle");
    assert.ok(text.includes(`${FOOTPRINT}. State: Draft`), "about this plan");
    // Refreshing resolves the union again from its places: the same figures.
    const refreshed = await cli("plan", "refresh", "Z9A-Z9B", "--evidence", "population,networks");
    assert.equal(refreshed.status, 0, refreshed.stderr);
    assert.match(refreshed.stdout, /Refreshed: population, networks\./);
    const again = JSON.parse((await cli("plan", "show", "Z9A-Z9B", "--json")).stdout) as typeof view;
    assert.equal(again.evidence.find((e) => e.key === "population")!.summary.patients, 960_026);
  });

  test("plan new --icb --footprint: the ICB in the footprint of the date", async () => {
    const r = await cli(
      "plan",
      "new",
      "--demo",
      "--icb",
      "Q99",
      "--footprint",
      "2026-03-31",
      "--name",
      "Q99 March",
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`\\nFootprint: ${FOOTPRINT.replace(/[()]/g, "\\$&")}\\n`));
  });

  test("bad forms: exit 2 with one line naming the flag", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["--icb", "Q99", "--places", "Z9A"],
        /give one of --icb, --sub-icb, --places or --local-authorities \(found --icb and --places\)/,
      ],
      [["--places", "Z9A,NOPE"], /--places: no place \(sub-ICB location\) has code 'NOPE'/],
      [["--local-authorities", "E06000043"], /--local-authorities needs the ONS LSOA → ward → LAD lookup/],
      [["--icb", "Q99", "--footprint", "31/03/2026"], /--footprint must be a date/],
    ];
    for (const [args, message] of cases) {
      const r = await cli("plan", "new", "--demo", ...args);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stdout}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    }
  });
});

describe("POST /api/plans with a footprint on the demo", () => {
  let store: Store;
  let api: OpenAPIHono;
  before(async () => {
    const dir = join(tempDir("icsplan-plan-footprint-api-"), "store");
    useDemoStore(dir);
    store = await openStore({ dataDir: dir });
    api = createApi(store);
    registerPlanRoutes(api, store);
  });
  after(async () => store?.close());

  const post = (body: unknown) =>
    api.request("/api/plans", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  test("places and localAuthorities are taken; bad ones answer problem+json naming the field", async () => {
    const created = await post({ demo: true, places: ["Z9C", "Z9D"] });
    assert.equal(created.status, 201, await created.clone().text());
    const view = (await created.json()) as {
      plan: { name: string; content: { area: { footprint: string } } };
    };
    assert.equal(view.plan.name, "Z9C-Z9D");
    assert.equal(view.plan.content.area.footprint, FOOTPRINT);
    for (const [body, status, field] of [
      [{ demo: true, icb: "Q99", places: ["Z9C"] }, 400, "places"],
      [{ demo: true, places: ["Z9C", "ZZZ"] }, 404, "places"],
      [{ demo: true, localAuthorities: ["E06000043"] }, 422, "localAuthorities"],
    ] as const) {
      const r = await post(body);
      assert.equal(r.status, status, JSON.stringify(body));
      assert.equal(r.headers.get("content-type"), "application/problem+json");
      const problem = (await r.json()) as Record<string, unknown>;
      assert.equal(problem.field, field, JSON.stringify(problem));
    }
  });
});
