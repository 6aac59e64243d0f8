// The plan's HTTP routes on the API (createApi + registerPlanRoutes, called with app.request): a new plan,
// an edit against an old revision (409 with the other's change), a step by the wrong role (403, nothing
// changes), out of order (409), an export, and the routes in the OpenAPI document.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createApi } from "../../src/api/app.ts";
import { registerPlanRoutes } from "../../src/api/plan-routes.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

let store: Store;
let api: OpenAPIHono;
before(async () => {
  const dir = join(tempDir("icsplan-plan-api-"), "store");
  useDemoStore(dir);
  store = await openStore({ dataDir: dir });
  api = createApi(store);
  registerPlanRoutes(api, store);
});
after(async () => store?.close());

const send = (method: string, path: string, body?: unknown) =>
  api.request(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("plan routes", () => {
  test("create, read, edit with optimistic concurrency", async () => {
    const created = await send("POST", "/api/plans", { icb: "Q99", demo: true, name: "API plan" });
    assert.equal(created.status, 201, await created.clone().text());
    const view = (await created.json()) as { plan: { revision: number; state: string } };
    assert.equal(view.plan.state, "draft");
    const again = await send("POST", "/api/plans", { icb: "Q99", demo: true, name: "API plan" });
    assert.equal(again.status, 409);
    assert.equal(again.headers.get("content-type"), "application/problem+json");
    const rev = view.plan.revision;
    assert.equal((await send("PATCH", "/api/plans/API%20plan", { revision: rev, sro: "Dr A" })).status, 200);
    const stale = await send("PATCH", "/api/plans/API%20plan", { revision: rev, sro: "Dr B" });
    assert.equal(stale.status, 409);
    const p = (await stale.json()) as { current: { sro: string }; revision: number };
    assert.equal(p.current.sro, "Dr A");
    assert.equal(p.revision, rev + 1);
    assert.equal((await send("PATCH", "/api/plans/API%20plan", { revision: "x" })).status, 400);
    assert.equal((await send("GET", "/api/plans/nope")).status, 404);
  });

  test("steps: wrong role 403 and nothing changes; out of order 409", async () => {
    const before = (await (await send("GET", "/api/plans/API%20plan")).json()) as {
      plan: unknown;
      signOffs: unknown[];
    };
    const forbidden = await send("POST", "/api/plans/API%20plan/steps", {
      step: "submit-for-lmc-review",
      by: "X",
      role: "viewer",
    });
    assert.equal(forbidden.status, 403);
    assert.match(((await forbidden.json()) as { detail: string }).detail, /may be given only by ICB planner/);
    const order = await send("POST", "/api/plans/API%20plan/steps", {
      step: "icb-approve",
      by: "X",
      role: "icb-board",
    });
    assert.equal(order.status, 409);
    const after = (await (await send("GET", "/api/plans/API%20plan")).json()) as {
      plan: unknown;
      signOffs: unknown[];
    };
    assert.deepEqual(after.plan, before.plan);
    assert.equal(after.signOffs.length, 0);
    const ok = await send("POST", "/api/plans/API%20plan/steps", {
      step: "submit-for-lmc-review",
      by: "P",
      role: "icb-planner",
    });
    assert.equal(ok.status, 201);
    const edit = await send("PATCH", "/api/plans/API%20plan", { revision: 2, sro: "Dr C" });
    assert.equal(edit.status, 409, "a plan in LMC review is not edited");
  });

  test("engagement, compliance, export and the OpenAPI document", async () => {
    const e = await send("POST", "/api/plans/API%20plan/engagement", {
      date: "2026-02-01",
      kind: "meeting",
      forum: "LMC",
      attendees: { "lmc-officer": 2 },
      settings: ["primary"],
    });
    assert.equal(e.status, 201);
    const bad = await send("POST", "/api/plans/API%20plan/engagement", {
      date: "2026-02-01",
      kind: "meeting",
      forum: "x",
      attendees: { wizard: 1 },
      settings: ["primary"],
    });
    assert.equal(bad.status, 400);
    const compliance = (await (await send("GET", "/api/plans/API%20plan/compliance")).json()) as {
      id: string;
      met: boolean;
    }[];
    assert.equal(compliance.find((f) => f.id === "lmc-engagement")?.met, true);
    const html = await send("GET", "/api/plans/API%20plan/export/html");
    assert.equal(html.status, 200);
    assert.match(html.headers.get("content-type") ?? "", /text\/html/);
    assert.match(await html.text(), /Compliance gaps/);
    assert.equal((await send("GET", "/api/plans/API%20plan/export/odt")).status, 400);
    const doc = (await (await send("GET", "/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    assert.ok(doc.paths["/api/plans/{name}/steps"]);
  });
});
