// Test tier: heavy (every route × every role); run by `npm run test:heavy` and CI, not by `npm test`.
// The authorisation matrix (issue 12, item 8): every API route × every role, and no session at all, on
// a server with login. Every route of /api/openapi.json must have an entry in ROUTE_ACCESS; each request
// is refused (401, or the access check's 403) exactly when the policy says the role may not reach it, and
// is otherwise let through to the route (which then answers its own 400/404/409: the requests are built
// to change nothing). A few facts are also checked by hand: what an unauthenticated caller and a viewer reach.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import { ROUTE_ACCESS } from "../../src/api/route-access.ts";
import { addUser } from "../../src/app/accounts.ts";
import { newPlan, planStep } from "../../src/app/plan.ts";
import { allows } from "../../src/engines/access/policy.ts";
import { ACCOUNT_ROLES, parseGrant, type Role, type TargetArea } from "../../src/model/accounts.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

const PLAN = "Matrix plan";
const PASSWORD = "matrix password 2026";
/** Routes served but not in the OpenAPI document (the document itself, its reference page). */
const UNDOCUMENTED = ["GET /api/openapi.json", "GET /api/docs"];

let store: Store;
let api: ReturnType<typeof createApi>;
let routes: string[];

interface Actor {
  label: string;
  grant: string | null;
  cookie?: string;
  csrf?: string;
}
const actors: Actor[] = [
  ...(Object.keys(ACCOUNT_ROLES) as Role[]).map((role) => ({ label: role, grant: `${role}:Q99` })),
  { label: "icb-planner of another ICB", grant: "icb-planner:Q11" },
  { label: "viewer of a place", grant: "viewer:place:Z9A" },
  { label: "no session", grant: null },
];

before(async () => {
  const dir = join(tempDir("icsplan-matrix-"), "store");
  useDemoStore(dir);
  store = await openStore({ dataDir: dir });
  api = createApi(store, { auth: { login: true } });
  await newPlan(store, { synthetic: true, icb: "Q99", name: PLAN });
  // In LMC review: an edit that passed the access check is refused by the use case (409), nothing changes.
  await planStep(store, PLAN, { step: "submit-for-lmc-review", by: "Setup", role: "icb-planner" });
  for (const [i, a] of actors.entries()) {
    if (a.grant === null) continue;
    await addUser(store, { name: `user${i}`, roles: [a.grant], password: PASSWORD }, { name: "test-setup" });
    const res = await api.request("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `user${i}`, password: PASSWORD }),
    });
    assert.equal(res.status, 200);
    a.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
    a.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
  const doc = (await (await api.request("/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = [
    ...Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    ),
    ...UNDOCUMENTED,
  ];
});
after(async () => store?.close());

/** A request to a route that changes nothing when let through: unknown names, invalid bodies. */
function requestFor(key: string, saving: boolean): { path: string; body?: string } {
  const [method, pattern] = key.split(" ") as [string, string];
  const planRoute = pattern.startsWith("/api/plans/{name}");
  const path = pattern
    .replace("{name}", encodeURIComponent(planRoute ? PLAN : "no-such-scenario"))
    .replace("{code}", "Z00000")
    .replace("{id}", "no-such-job")
    .replace("{format}", "xyz");
  if (method === "GET" || method === "DELETE") return { path };
  const entry = ROUTE_ACCESS[key]!;
  // Invalid on purpose (the route answers 400 after the access check): a number where text is expected.
  if (entry.area === "body")
    return { path, body: JSON.stringify({ icb: "Q99", demo: true, name: 5, kind: 5 }) };
  if (saving) return { path, body: JSON.stringify({ save: { name: 5 } }) };
  return { path, body: "{not json" };
}

const TARGET: TargetArea = { icb: "Q99" };

function expected(key: string, grant: string | null, saving: boolean): boolean {
  const entry = ROUTE_ACCESS[key]!;
  if (entry.needs === "public") return true;
  if (grant === null) return false;
  if (entry.needs === "session") return true;
  const grants = [parseGrant(grant)];
  const area = entry.area ? TARGET : null;
  return (
    allows(grants, entry.needs, area) && (!saving || !entry.saving || allows(grants, entry.saving, area))
  );
}

test("every route has an access rule, and every rule a route", () => {
  const missing = routes.filter((r) => !ROUTE_ACCESS[r]);
  assert.deepEqual(missing, [], "routes without an entry in src/api/route-access.ts");
  const stale = Object.keys(ROUTE_ACCESS).filter((k) => !routes.includes(k));
  assert.deepEqual(stale, [], "entries of route-access.ts with no route");
  assert.ok(routes.length >= 60, `${routes.length} routes`);
});

test("every route × role: refused exactly when the policy says so", async () => {
  const reached = new Map<string, Set<string>>();
  let checked = 0;
  // DELETE /api/session ends the actor's session: it goes last.
  const ordered = [...routes.filter((r) => r !== "DELETE /api/session"), "DELETE /api/session"];
  for (const key of ordered) {
    const variants = ROUTE_ACCESS[key]!.saving ? [false, true] : [false];
    for (const saving of variants)
      for (const a of actors) {
        const { path, body } = requestFor(key, saving);
        const method = key.split(" ")[0]!;
        const headers: Record<string, string> = {};
        if (a.cookie) headers.cookie = a.cookie;
        if (a.csrf && method !== "GET") headers["x-csrf-token"] = a.csrf;
        if (body !== undefined) headers["content-type"] = "application/json";
        const res = await api.request(path, { method, headers, body });
        const text = await res.text();
        const refusedByAccess =
          res.status === 401 ||
          (res.status === 403 && text.includes(`"${key} needs`)) ||
          text.includes("no access rule");
        const want = expected(key, a.grant, saving);
        assert.equal(
          !refusedByAccess,
          want,
          `${key}${saving ? " (saving)" : ""} as ${a.label}: ${res.status} ${text.slice(0, 200)}`,
        );
        assert.ok(res.status < 500, `${key} as ${a.label}: ${res.status} ${text.slice(0, 200)}`);
        if (method !== "GET" && key !== "DELETE /api/session")
          assert.ok(res.status >= 400, `${key} as ${a.label} changed something: ${res.status}`);
        if (!refusedByAccess) {
          const set = reached.get(a.label) ?? new Set<string>();
          set.add(saving ? `${key} (saving)` : key);
          reached.set(a.label, set);
        }
        checked += 1;
      }
  }
  assert.ok(checked >= 60 * actors.length, `${checked} requests`);

  // By hand: with no session, only the public routes.
  assert.deepEqual([...(reached.get("no session") ?? [])].sort(), [
    "GET /api/docs",
    "GET /api/health",
    "GET /api/openapi.json",
    "GET /api/session",
    "POST /api/session",
  ]);
  // A viewer changes nothing but comments (and may run analyses that save nothing, and sign out).
  const unsafe = (label: string) =>
    [...(reached.get(label) ?? [])].filter((k) => !k.startsWith("GET ")).sort();
  assert.deepEqual(unsafe("viewer"), [
    "DELETE /api/jobs/{id}",
    "DELETE /api/session",
    "POST /api/funding/allocate",
    "POST /api/jobs/backtest",
    "POST /api/jobs/hubs",
    "POST /api/jobs/neighbourhoods-design",
    "POST /api/jobs/networks-design",
    "POST /api/jobs/networks-ensemble",
    "POST /api/networks/design",
    "POST /api/networks/evaluate",
    "POST /api/plans/{name}/comments",
    "POST /api/scenarios/closure",
    "POST /api/scenarios/merger",
    "POST /api/session",
  ]);
  assert.deepEqual(unsafe("practice-manager"), unsafe("viewer"));
  // The LMC officer adds steps to that; only the ICB planner edits plans, saves scenarios and imports.
  assert.deepEqual(
    unsafe("lmc-officer").filter((k) => !unsafe("viewer").includes(k)),
    ["POST /api/plans/{name}/steps"],
  );
  for (const label of actors.map((a) => a.label))
    assert.equal(
      reached.get(label)?.has("PATCH /api/plans/{name}") ?? false,
      label === "icb-planner",
      `PATCH a Q99 plan as ${label}`,
    );
  // A viewer of one place does not read the ICB-wide plan.
  assert.equal(reached.get("viewer of a place")?.has("GET /api/plans/{name}"), false);
  assert.equal(reached.get("admin")?.has("GET /api/audit"), true);
  assert.equal(reached.get("viewer")?.has("GET /api/audit"), false);
});
