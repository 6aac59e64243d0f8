// Accounts, sessions, CSRF, the login rate limit and the audit log on the HTTP API (issue 12, item 8), in
// process (app.request) on a copy of the demo store with login required: each refusal leaves the store
// as it was, and each change leaves an audit row with its state before and after.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import { addUser, SESSION_HOURS, verifyPassword, hashPassword, scryptLog2N } from "../../src/app/accounts.ts";
import { newPlan } from "../../src/app/plan.ts";
import { openStore, sql, type Store } from "../../src/store/store.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

const PLAN = "Auth test plan";
const PLAN_PATH = `/api/plans/${encodeURIComponent(PLAN)}`;
const PASSWORD = "correct horse battery staple";
const SETUP = { name: "test-setup" };

let store: Store;
let api: ReturnType<typeof createApi>;
let clock = Date.parse("2026-03-02T09:00:00Z");

before(async () => {
  const dir = join(tempDir("icsplan-auth-"), "store");
  useDemoStore(dir);
  store = await openStore({ dataDir: dir });
  api = createApi(store, { auth: { login: true, now: () => new Date(clock) } });
  await newPlan(store, { synthetic: true, icb: "Q99", name: PLAN });
  const users: [string, string, string[]][] = [
    ["pat", "Pat Planner", ["icb-planner:Q99"]],
    ["lee", "Lee LMC", ["lmc-officer:Q99"]],
    ["val", "Val Viewer", ["viewer:Q99"]],
    ["oscar", "Oscar Other", ["icb-planner:Q11"]],
    ["rita", "Rita Ratelimit", ["viewer:Q99"]],
    ["eve", "Eve Expiry", ["viewer:Q99"]],
  ];
  for (const [name, displayName, roles] of users)
    await addUser(store, { name, displayName, roles, password: PASSWORD }, SETUP);
});
after(async () => store?.close());

interface Signed {
  cookie: string;
  csrf: string;
  setCookie: string;
}

async function signIn(name: string, password = PASSWORD, url = "http://localhost/api/session") {
  return api.request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
}

async function session(name: string): Promise<Signed> {
  const res = await signIn(name);
  assert.equal(res.status, 200, await res.clone().text());
  const setCookie = res.headers.get("set-cookie") ?? "";
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: setCookie.split(";")[0]!, csrf: body.csrfToken, setCookie };
}

function send(
  who: Signed | null,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...extra };
  if (who) headers.cookie = who.cookie;
  if (who && method !== "GET" && !("x-csrf-token" in extra)) headers["x-csrf-token"] = who.csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  return api.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const planRow = async () =>
  (
    await sql<{
      revision: number;
      state: string;
      content: unknown;
    }>`select revision, state, content from plan where name = ${PLAN}`.execute(store.db)
  ).rows[0]!;
const auditCount = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(store.db)).rows[0]!.n;

async function refusal(res: Response, status: number, field?: string) {
  assert.equal(res.status, status, await res.clone().text());
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const p = (await res.json()) as { status: number; detail: string; field?: string };
  assert.equal(p.status, status);
  if (field !== undefined) assert.equal(p.field, field);
  return p;
}

describe("passwords", () => {
  test("scrypt hashes name their parameters, differ by salt, and check in constant time", async () => {
    // The production cost (N = 2^17) unless ICSPLAN_SCRYPT_LOG2N (14–20) says otherwise; the suite sets 14.
    const saved = process.env.ICSPLAN_SCRYPT_LOG2N;
    delete process.env.ICSPLAN_SCRYPT_LOG2N;
    let a: string;
    try {
      a = await hashPassword(PASSWORD);
      assert.equal(scryptLog2N({ ICSPLAN_SCRYPT_LOG2N: "21" }), 17, "out of range: the default");
      assert.equal(scryptLog2N({ ICSPLAN_SCRYPT_LOG2N: "14" }), 14);
    } finally {
      if (saved === undefined) delete process.env.ICSPLAN_SCRYPT_LOG2N;
      else process.env.ICSPLAN_SCRYPT_LOG2N = saved;
    }
    const b = await hashPassword(PASSWORD);
    assert.match(a, /^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.match(b, new RegExp(`^scrypt\\$${scryptLog2N()}\\$8\\$1\\$`));
    assert.equal(await verifyPassword(PASSWORD, b), true, "a hash verifies with the cost stored in it");
    assert.notEqual(await hashPassword(PASSWORD), b, "a fresh salt each time");
    assert.equal(await verifyPassword(PASSWORD, a), true);
    assert.equal(await verifyPassword(`${PASSWORD}!`, a), false);
    const stored = (
      await sql<{ password_hash: string }>`select password_hash from app_user where name = 'pat'`.execute(
        store.db,
      )
    ).rows[0]!;
    assert.ok(!stored.password_hash.includes(PASSWORD));
  });
});

describe("login and sessions", () => {
  test("the right password opens a session: cookie HttpOnly, SameSite=Strict; only the token's hash is stored", async () => {
    const pat = await session("pat");
    assert.match(pat.setCookie, /^icsplan_session=[\w-]{43};/);
    assert.match(pat.setCookie, /HttpOnly/);
    assert.match(pat.setCookie, /SameSite=Strict/);
    assert.match(pat.setCookie, /Path=\//);
    assert.match(pat.setCookie, new RegExp(`Max-Age=${SESSION_HOURS * 3600}`));
    assert.doesNotMatch(
      pat.setCookie,
      /Secure/,
      "plain http on localhost: no Secure (it would never come back)",
    );
    const token = pat.cookie.split("=")[1]!;
    const rows = (
      await sql<{
        token_hash: string;
        csrf_token: string;
      }>`select token_hash, csrf_token from app_session`.execute(store.db)
    ).rows;
    assert.ok(rows.some((r) => r.token_hash === createHash("sha256").update(token).digest("hex")));
    assert.ok(rows.every((r) => r.token_hash !== token));
    const me = (await (await send(pat, "GET", "/api/session")).json()) as {
      mode: string;
      user: { name: string; roles: string[] };
      csrfToken: string;
    };
    assert.equal(me.mode, "login");
    assert.equal(me.user.name, "pat");
    assert.deepEqual(me.user.roles, ["icb-planner:Q99"]);
    assert.equal(me.csrfToken, pat.csrf);
  });

  test("over https the cookie is Secure and __Host- prefixed", async () => {
    const res = await signIn("pat", PASSWORD, "https://icsplan.example.nhs.uk/api/session");
    assert.equal(res.status, 200);
    const c = res.headers.get("set-cookie") ?? "";
    assert.match(c, /^__Host-icsplan_session=/);
    assert.match(c, /Secure/);
    assert.match(c, /HttpOnly/);
    assert.match(c, /SameSite=Strict/);
  });

  test("a wrong password and an unknown user get the same 401; no cookie", async () => {
    const wrong = await signIn("pat", "not the password at all");
    assert.equal(wrong.headers.get("set-cookie"), null);
    const a = await refusal(wrong, 401, "password");
    const b = await refusal(await signIn("nobody-here", "not the password at all"), 401, "password");
    assert.equal(a.detail, b.detail);
  });

  test("5 failures per user and address in 15 minutes: the 6th attempt is 429 with Retry-After, even with the right password", async () => {
    for (let i = 0; i < 5; i++) await refusal(await signIn("rita", `wrong password ${i}`), 401);
    const limited = await signIn("rita", PASSWORD);
    await refusal(limited, 429, "name");
    const retry = Number(limited.headers.get("retry-after"));
    assert.ok(retry > 0 && retry <= 15 * 60, `Retry-After ${retry}`);
    assert.equal(limited.headers.get("set-cookie"), null);
    // Another user from the same address is not limited.
    assert.equal((await signIn("val")).status, 200);
    clock += 15 * 60 * 1000 + 1000;
    assert.equal((await signIn("rita")).status, 200, "after the window the right password works again");
  });

  test("without a session every route but the public ones is 401", async () => {
    await refusal(await send(null, "GET", "/api/plans"), 401);
    await refusal(await send(null, "GET", "/api/datasets"), 401);
    await refusal(await send(null, "GET", "/api/audit"), 401);
    assert.equal((await send(null, "GET", "/api/health")).status, 200);
    const anon = (await (await send(null, "GET", "/api/session")).json()) as { user: unknown; mode: string };
    assert.equal(anon.user, null);
    assert.equal(anon.mode, "login");
  });

  test("a session expires after SESSION_HOURS", async () => {
    const eve = await session("eve");
    assert.equal((await send(eve, "GET", "/api/plans")).status, 200);
    clock += SESSION_HOURS * 3_600_000 + 1000;
    await refusal(await send(eve, "GET", "/api/plans"), 401);
    const me = (await (await send(eve, "GET", "/api/session")).json()) as { user: unknown };
    assert.equal(me.user, null);
  });

  test("logout ends the session: the cookie is cleared and the token no longer works", async () => {
    const val = await session("val");
    const sessions = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from app_session s join app_user u on u.id = s.user_id where u.name = 'val'`.execute(
          store.db,
        )
      ).rows[0]!.n;
    const n = await sessions();
    const out = await send(val, "DELETE", "/api/session");
    assert.equal(out.status, 204);
    assert.match(out.headers.get("set-cookie") ?? "", /icsplan_session=;.*Max-Age=0/);
    assert.equal(await sessions(), n - 1);
    await refusal(await send(val, "GET", "/api/plans"), 401);
  });
});

describe("CSRF and cross-site requests", () => {
  test("a change without the session's X-CSRF-Token is 403 and changes nothing", async () => {
    const pat = await session("pat");
    const before = await planRow();
    const audits = await auditCount();
    const body = { revision: before.revision, sro: "Dr Csrf" };
    await refusal(await send(pat, "PATCH", PLAN_PATH, body, { "x-csrf-token": "" }), 403, "X-CSRF-Token");
    await refusal(
      await send(pat, "PATCH", PLAN_PATH, body, { "x-csrf-token": "x".repeat(43) }),
      403,
      "X-CSRF-Token",
    );
    const other = await session("pat");
    await refusal(
      await send(pat, "PATCH", PLAN_PATH, body, { "x-csrf-token": other.csrf }),
      403,
      "X-CSRF-Token",
    );
    await refusal(
      await send(pat, "PATCH", PLAN_PATH, body, { origin: "https://evil.example" }),
      403,
      "Origin",
    );
    assert.deepEqual(await planRow(), before);
    assert.equal(await auditCount(), audits);
  });
});

describe("roles", () => {
  test("a role that may not act is 403 and nothing changes", async () => {
    const [val, lee, oscar] = [await session("val"), await session("lee"), await session("oscar")];
    const before = await planRow();
    const audits = await auditCount();
    const edit = { revision: before.revision, sro: "Dr Nobody" };
    const p = await refusal(await send(val, "PATCH", PLAN_PATH, edit), 403, "role");
    assert.match(p.detail, /needs 'plan\.edit'.*val holds viewer:Q99/);
    await refusal(await send(lee, "PATCH", PLAN_PATH, edit), 403, "role");
    // A planner of another ICB: the right role, the wrong area.
    assert.match(
      (await refusal(await send(oscar, "PATCH", PLAN_PATH, edit), 403, "role")).detail,
      /for ICB Q99/,
    );
    // The LMC officer may give steps, but not the planner's, nor by naming a role not held.
    await refusal(
      await send(lee, "POST", `${PLAN_PATH}/steps`, { step: "submit-for-lmc-review" }),
      403,
      "role",
    );
    const named = await refusal(
      await send(lee, "POST", `${PLAN_PATH}/steps`, { step: "submit-for-lmc-review", role: "icb-planner" }),
      403,
      "role",
    );
    assert.match(named.detail, /lee does not hold the role 'icb-planner'/);
    await refusal(
      await send(val, "POST", `${PLAN_PATH}/comments`, { section: "risks", text: "x", role: "lmc-officer" }),
      403,
      "role",
    );
    await refusal(
      await send(val, "POST", "/api/plans", { icb: "Q99", demo: true, name: "Viewer plan" }),
      403,
      "role",
    );
    await refusal(
      await send(oscar, "POST", "/api/plans", { icb: "Q99", demo: true, name: "Other plan" }),
      403,
      "role",
    );
    await refusal(await send(val, "GET", "/api/audit"), 403, "role");
    assert.deepEqual(await planRow(), before);
    assert.equal(await auditCount(), audits);
    // A plan of another ICB's area is not listed for its planner, nor readable.
    assert.deepEqual(
      ((await (await send(oscar, "GET", "/api/plans")).json()) as { name: string }[]).map((x) => x.name),
      [],
    );
    await refusal(await send(oscar, "GET", PLAN_PATH), 403, "role");
    assert.ok(
      ((await (await send(val, "GET", "/api/plans")).json()) as { name: string }[]).some(
        (x) => x.name === PLAN,
      ),
    );
  });
});

describe("the audit log", () => {
  test("an edit, a comment and a step each append who, what, before and after; the session names the actor", async () => {
    const [pat, val] = [await session("pat"), await session("val")];
    const start = await planRow();
    const since = (
      await sql<{ id: number }>`select coalesce(max(id), 0)::int as id from audit_log`.execute(store.db)
    ).rows[0]!.id;

    const edit = await send(pat, "PATCH", PLAN_PATH, { revision: start.revision, sro: "Dr Audit Example" });
    assert.equal(edit.status, 200, await edit.clone().text());
    const comment = await send(val, "POST", `${PLAN_PATH}/comments`, {
      section: "risks",
      text: "Add the estates risk",
    });
    assert.equal(comment.status, 201, await comment.clone().text());
    const c = (await comment.json()) as { by: string; role: string };
    assert.equal(c.by, "Val Viewer", "the comment is signed by the session's user");
    assert.equal(c.role, "viewer");
    const step = await send(pat, "POST", `${PLAN_PATH}/steps`, { step: "submit-for-lmc-review" });
    assert.equal(step.status, 201, await step.clone().text());
    assert.equal(
      ((await step.json()) as { signOff: { by: string; role: string } }).signOff.by,
      "Pat Planner",
    );

    const rows = (await (await send(pat, "GET", "/api/audit?target=plan:")).json()) as {
      id: number;
      actor: string;
      action: string;
      target: string;
      route: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }[];
    const mine = rows.filter((r) => r.id > since).reverse();
    assert.deepEqual(
      mine.map((r) => [r.actor, r.action, r.target]),
      [
        ["pat", "plan.edit", `plan:${PLAN}`],
        ["val", "plan.comment", `plan:${PLAN}`],
        ["pat", "plan.step", `plan:${PLAN}`],
      ],
    );
    const [e, cm, st] = mine as [(typeof mine)[0], (typeof mine)[0], (typeof mine)[0]];
    assert.equal(e.route, "PATCH /api/plans/{name}");
    assert.deepEqual(e.before, {
      revision: start.revision,
      content: { sro: (start.content as { sro: unknown }).sro },
    });
    assert.deepEqual(e.after, { revision: start.revision + 1, content: { sro: "Dr Audit Example" } });
    assert.deepEqual(cm.before, { comments: [] });
    assert.equal((cm.after.comments as { text: string }[])[0]!.text, "Add the estates risk");
    assert.equal((st.before as { state: string }).state, "draft");
    assert.equal((st.after as { state: string }).state, "in-lmc-review");
    assert.equal((st.after.signOffs as { step: string }[])[0]!.step, "submit-for-lmc-review");
  });

  test("user changes are audited without the password hash", async () => {
    const rows = (
      await sql<{
        after: unknown;
        actor: string;
      }>`select actor, after from audit_log where action = 'user.add' and target = 'user:pat'`.execute(
        store.db,
      )
    ).rows;
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor, "test-setup");
    const text = JSON.stringify(rows[0]!.after);
    assert.match(text, /icb-planner:Q99/);
    assert.doesNotMatch(text, /scrypt|password_hash|passwordHash/);
  });

  test("the database refuses to update, delete or truncate audit rows", async () => {
    const n = await auditCount();
    assert.ok(n > 0);
    await assert.rejects(sql`update audit_log set actor = 'someone else'`.execute(store.db), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(store.db), /append-only/);
    await assert.rejects(sql`truncate audit_log`.execute(store.db), /append-only/);
    assert.equal(await auditCount(), n);
    assert.equal(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from audit_log where actor = 'someone else'`.execute(store.db)
      ).rows[0]!.n,
      0,
    );
  });
});

describe("without login (the embedded store's one local user)", () => {
  test("no session is needed, steps name their role, and changes are audited as 'local'", async () => {
    const local = createApi(store);
    const me = (await (await local.request("/api/session")).json()) as {
      mode: string;
      user: { name: string };
    };
    assert.equal(me.mode, "local");
    assert.equal(me.user.name, "local");
    const r = await local.request(`${PLAN_PATH}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ section: "risks", text: "Local comment", by: "Sam", role: "lmc-officer" }),
    });
    assert.equal(r.status, 201, await r.clone().text());
    const noRole = await local.request(`${PLAN_PATH}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ section: "risks", text: "x", by: "Sam" }),
    });
    assert.equal(noRole.status, 400);
    const last = (
      await sql<{
        actor: string;
        action: string;
      }>`select actor, action from audit_log order by id desc limit 1`.execute(store.db)
    ).rows[0]!;
    assert.deepEqual(last, { actor: "local", action: "plan.comment" });
    const login = await local.request("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "pat", password: PASSWORD }),
    });
    assert.equal(login.status, 409);
  });
});

describe("the audit of scenarios and jobs", () => {
  const local = () => createApi(store);
  const post = (app: ReturnType<typeof createApi>, path: string, body: unknown) =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const rowsOf = async (target: string) =>
    (
      await sql<{ action: string; before: unknown; after: unknown; actor: string }>`
      select action, before, after, actor from audit_log where target = ${target} order by id`.execute(
        store.db,
      )
    ).rows;

  test("a saved design and its deletion: before null → the scenario → null; a design not saved records nothing", async () => {
    const app = local();
    const n = await auditCount();
    assert.equal((await post(app, "/api/networks/design", { demo: true, starts: 1, seed: 3 })).status, 200);
    assert.equal(await auditCount(), n, "nothing saved, nothing recorded");
    const saved = await post(app, "/api/networks/design", {
      demo: true,
      starts: 1,
      seed: 3,
      save: { name: "audit-design" },
    });
    assert.equal(saved.status, 200, await saved.clone().text());
    assert.equal((await app.request("/api/scenarios/audit-design", { method: "DELETE" })).status, 200);
    const rows = await rowsOf("scenario:audit-design");
    assert.deepEqual(
      rows.map((r) => [r.action, r.actor]),
      [
        ["scenario.save", "local"],
        ["scenario.delete", "local"],
      ],
    );
    assert.equal(rows[0]!.before, null);
    assert.equal((rows[0]!.after as { name: string; kind: string }).kind, "network-design");
    assert.equal((rows[1]!.before as { name: string }).name, "audit-design");
    assert.equal(rows[1]!.after, null);
  });

  test("an import job is recorded when it ends, with the datasets before and after", async () => {
    const app = local();
    const file = "/work/shared/data/other/ods_changes/sicbl_retained_renamed_2026-04.csv";
    const started = await post(app, "/api/jobs/import", { paths: [file] });
    assert.equal(started.status, 202, await started.clone().text());
    const { id } = (await started.json()) as { id: string };
    let rows: Awaited<ReturnType<typeof rowsOf>> = [];
    for (let i = 0; i < 600 && rows.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = (await rowsOf("datasets")).filter((r) => (r.after as { job?: { id: string } }).job?.id === id);
    }
    assert.equal(rows.length, 1, "one row when the job ends");
    const row = rows[0]!;
    assert.equal(row.action, "data.import");
    assert.equal((row.after as { job: { status: string } }).job.status, "done");
    const before = (row.before as { datasets: string[] }).datasets;
    const afterList = (row.after as { datasets: string[] }).datasets;
    const added = afterList.filter((d) => !before.includes(d));
    const listed = (
      await sql<{
        id: number;
        source: string;
      }>`select id, source from dataset order by id desc limit 1`.execute(store.db)
    ).rows[0]!;
    assert.deepEqual(
      added.map((d) => d.split(" ")[0]),
      [String(listed.id)],
      "the new dataset, and only it",
    );
  });
});
