// Accounts and the audit log on both stores (issue 12, item 8): embedded PGlite and PostgreSQL (when
// ICSPLAN_TEST_DATABASE_URL is set; .ci/run sets it, in a fresh schema dropped afterwards). The same
// migration, the same append-only trigger, and a plan edit through the API with login, audited.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, test } from "node:test";
import pg from "pg";
import { createApi } from "../../src/api/app.ts";
import { addUser, login, removeUser, sessionOf, setUserPassword } from "../../src/app/accounts.ts";
import { auditLog } from "../../src/app/audit.ts";
import type { PlanContent } from "../../src/model/plan.ts";
import { createPlan } from "../../src/store/repositories/plans.ts";
import { openStore, sql, type Store, type StoreOptions } from "../../src/store/store.ts";

const PG_URL = process.env.ICSPLAN_TEST_DATABASE_URL || undefined;
const PASSWORD = "a long enough password";
const schemas: string[] = [];

async function postgresLocation(): Promise<StoreOptions> {
  const schema = `icsplan_accounts_${process.pid}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  schemas.push(schema);
  const url = new URL(PG_URL!);
  url.searchParams.set("options", `-csearch_path=${schema}`);
  return { databaseUrl: url.href };
}

after(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await client.end();
  }
});

const CONTENT: PlanContent = {
  title: "Store contract plan",
  area: { kind: "icb", code: "Q99", name: "Test ICB" },
  synthetic: true,
  sro: null,
  ehia: null,
  hwbStatement: null,
  sections: [],
};

const backends: { name: string; skip: string | false; open: () => Promise<Store> }[] = [
  { name: "PGlite", skip: false, open: () => openStore({ dataDir: "memory://" }) },
  {
    name: "PostgreSQL",
    skip: PG_URL ? false : "ICSPLAN_TEST_DATABASE_URL is not set (see .ci/run)",
    open: async () => openStore(await postgresLocation()),
  },
];

for (const backend of backends)
  describe(`accounts and audit on ${backend.name}`, { skip: backend.skip }, () => {
    test("users, sessions, password change, removal; the audit log is append-only", async () => {
      const store = await backend.open();
      try {
        const actor = { name: "cli:test" };
        await addUser(
          store,
          { name: "ann", roles: ["icb-planner:Q99", "viewer:*"], password: PASSWORD },
          actor,
        );
        await assert.rejects(
          addUser(store, { name: "ann", roles: ["viewer:Q99"], password: PASSWORD }, actor),
          /exists already/,
        );
        await assert.rejects(
          addUser(store, { name: "bob", roles: ["wizard:Q99"], password: PASSWORD }, actor),
          /a role is one of/,
        );
        await assert.rejects(
          addUser(store, { name: "bob", roles: ["viewer:Q99"], password: "short" }, actor),
          /12 to 1024/,
        );
        const s = await login(store, { name: "ann", password: PASSWORD, address: "10.0.0.1" });
        assert.deepEqual((await sessionOf(store, s.token))?.user.grants, [
          { role: "icb-planner", scope: { kind: "icb", code: "Q99" } },
          { role: "viewer", scope: { kind: "all" } },
        ]);
        assert.equal(
          await sessionOf(store, s.token, new Date(Date.parse(s.expiresAt) + 1000)),
          null,
          "expired",
        );
        await setUserPassword(store, "ann", `${PASSWORD} 2`, actor);
        assert.equal(await sessionOf(store, s.token), null, "a new password ends the sessions");
        const s2 = await login(store, { name: "ann", password: `${PASSWORD} 2`, address: "10.0.0.1" });
        await removeUser(store, "ann", actor);
        assert.equal(await sessionOf(store, s2.token), null, "a removed user's sessions end");

        const log = await auditLog(store, { target: "user:ann" });
        assert.deepEqual(
          log.map((r) => r.action),
          ["user.remove", "user.password", "user.add"],
        );
        assert.equal(log[2]!.before, null);
        assert.deepEqual((log[2]!.after as { roles: string[] }).roles, ["icb-planner:Q99", "viewer:*"]);
        assert.equal(log[0]!.after, null);
        assert.deepEqual(
          (await auditLog(store, { target: "user:ann", limit: 1, before: log[0]!.id })).map((r) => r.id),
          [log[1]!.id],
        );
        await assert.rejects(sql`update audit_log set actor = 'x'`.execute(store.db), /append-only/);
        await assert.rejects(sql`delete from audit_log`.execute(store.db), /append-only/);
        await assert.rejects(sql`truncate audit_log`.execute(store.db), /append-only/);
        assert.equal((await auditLog(store)).length, 3);
      } finally {
        await store.close();
      }
    });

    test("with login, a plan edit through the API is the user's, refused without CSRF, audited with before and after", async () => {
      const store = await backend.open();
      try {
        await addUser(
          store,
          { name: "pat", roles: ["icb-planner:Q99"], password: PASSWORD },
          { name: "setup" },
        );
        await createPlan(store.db, { name: "P1", content: CONTENT, evidence: [] });
        const api = createApi(store, { auth: { login: true } });
        const signIn = await api.request("/api/session", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "pat", password: PASSWORD }),
        });
        assert.equal(signIn.status, 200);
        const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
        const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
        const patch = (headers: Record<string, string>) =>
          api.request("/api/plans/P1", {
            method: "PATCH",
            headers: { "content-type": "application/json", cookie, ...headers },
            body: JSON.stringify({ revision: 1, sro: "Dr Contract" }),
          });
        assert.equal((await patch({})).status, 403);
        const ok = await patch({ "x-csrf-token": csrf });
        assert.equal(ok.status, 200, await ok.clone().text());
        const rows = await auditLog(store, { target: "plan:P1" });
        assert.equal(rows.length, 1);
        assert.equal(rows[0]!.actor, "pat");
        assert.deepEqual(rows[0]!.before, { revision: 1, content: { sro: null } });
        assert.deepEqual(rows[0]!.after, { revision: 2, content: { sro: "Dr Contract" } });
      } finally {
        await store.close();
      }
    });
  });
