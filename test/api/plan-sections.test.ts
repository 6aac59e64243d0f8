// Editing a section on the HTTP API with per-section optimistic concurrency (issue 12, "Bad input": two
// people editing the same section; the second gets 409 with the other's change, nothing lost), in process
// on a copy of the demo store: one server without login (the local user) and one with login, on one store.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import { addUser } from "../../src/app/accounts.ts";
import { addPlanAction, addPlanObjective, findPlan, planStep } from "../../src/app/plan.ts";
import { newPlan } from "../../src/app/plan.ts";
import { sectionToken } from "../../src/app/plan-sections.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

const PLAN = "Section edit plan";
const PATH = `/api/plans/${encodeURIComponent(PLAN)}`;
const PASSWORD = "section edit password 2026";

let store: Store;
let local: ReturnType<typeof createApi>;
let login: ReturnType<typeof createApi>;
let actionId = "";

before(async () => {
  const dir = join(tempDir("icsplan-sections-"), "store");
  useDemoStore(dir);
  store = await openStore({ dataDir: dir });
  local = createApi(store);
  login = createApi(store, { auth: { login: true } });
  await newPlan(store, { synthetic: true, icb: "Q99", name: PLAN });
  const o = await addPlanObjective(store, PLAN, {
    section: "workforce",
    text: "Keep GP partners in the ICB",
    aims: ["health"],
  });
  actionId = (await addPlanAction(store, PLAN, { objective: o.id, text: "Run a retention scheme" })).id;
  const users: [string, string, string][] = [
    ["pat", "Pat Planner", "icb-planner:Q99"],
    ["lee", "Lee LMC", "lmc-officer:Q99"],
    ["val", "Val Viewer", "viewer:Q99"],
  ];
  for (const [name, displayName, role] of users)
    await addUser(store, { name, displayName, roles: [role], password: PASSWORD }, { name: "test-setup" });
});
after(async () => store?.close());

interface SectionState {
  id: string;
  token: string;
  lastEdit: { by: string; at: string; change: string } | null;
}

const put = (api: ReturnType<typeof createApi>, path: string, body: unknown, headers = {}) =>
  api.request(path, {
    method: "PUT",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

async function sections(): Promise<Map<string, SectionState>> {
  const res = await local.request(PATH);
  assert.equal(res.status, 200);
  const view = (await res.json()) as { sections: SectionState[] };
  return new Map(view.sections.map((s) => [s.id, s]));
}

const narrativeOf = async (section: string) =>
  (await findPlan(store, PLAN)).content.sections.find((s) => s.id === section)!.narrative;

describe("two editors of one section, without login", () => {
  test("the plan's view gives each section's token: the fingerprint of its content", async () => {
    const plan = await findPlan(store, PLAN);
    const s = await sections();
    assert.equal(s.size, plan.content.sections.length);
    for (const section of plan.content.sections) {
      assert.equal(s.get(section.id)?.token, sectionToken(section));
      assert.match(s.get(section.id)!.token, /^[0-9a-f]{16}$/);
    }
    // Distinct content, distinct tokens.
    assert.equal(new Set([...s.values()].map((x) => x.token)).size, s.size);
  });

  test("the second editor gets 409 with the first one's text and who changed it; nothing is lost", async () => {
    const read = (await sections()).get("workforce")!.token;
    const ann = ["Ann's first paragraph.", "Ann's second paragraph."];
    const first = await put(local, `${PATH}/sections/workforce`, { token: read, narrative: ann, by: "Ann" });
    assert.equal(first.status, 200, await first.clone().text());
    const saved = (await first.json()) as { section: SectionState; narrative: string[] };
    assert.deepEqual(saved.narrative, ann);
    assert.notEqual(saved.section.token, read);
    assert.equal(saved.section.lastEdit?.by, "Ann");

    // Bob read the section at the same time as Ann and saves after her.
    const bob = ["Bob's paragraph."];
    const second = await put(local, `${PATH}/sections/workforce`, { token: read, narrative: bob, by: "Bob" });
    assert.equal(second.status, 409);
    assert.match(second.headers.get("content-type") ?? "", /application\/problem\+json/);
    const p = (await second.json()) as {
      status: number;
      field: string;
      detail: string;
      token: string;
      changedBy: string;
      changedAt: string;
      section: { id: string; narrative: string[] };
    };
    assert.equal(p.status, 409);
    assert.equal(p.field, "token");
    assert.equal(p.changedBy, "Ann");
    assert.ok(!Number.isNaN(Date.parse(p.changedAt)));
    assert.deepEqual(p.section.narrative, ann, "the conflict carries the other editor's text");
    assert.equal(p.token, saved.section.token);
    assert.match(p.detail, /changed by Ann/);
    assert.deepEqual(await narrativeOf("workforce"), ann, "Bob's stale edit saved nothing");

    // Bob merges and saves against the token the conflict gave him: both texts are kept.
    const merged = [...ann, ...bob];
    const third = await put(local, `${PATH}/sections/workforce`, {
      token: p.token,
      narrative: merged,
      by: "Bob",
    });
    assert.equal(third.status, 200, await third.clone().text());
    assert.deepEqual(await narrativeOf("workforce"), merged);
    assert.equal((await sections()).get("workforce")?.lastEdit?.by, "Bob");
  });

  test("two saves sent at once from one token: exactly one is saved, the other gets the 409", async () => {
    const read = (await sections()).get("resilience")!.token;
    const [a, b] = await Promise.all([
      put(local, `${PATH}/sections/resilience`, { token: read, narrative: ["From A."], by: "A" }),
      put(local, `${PATH}/sections/resilience`, { token: read, narrative: ["From B."], by: "B" }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    const winner = ((await won.json()) as { narrative: string[] }).narrative;
    const p = (await lost.json()) as { section: { narrative: string[] }; changedBy: string };
    assert.deepEqual(p.section.narrative, winner, "the loser is shown the winner's text");
    assert.equal(p.changedBy, winner[0] === "From A." ? "A" : "B");
    assert.deepEqual(await narrativeOf("resilience"), winner);
  });

  test("edits of different sections do not conflict", async () => {
    const s = await sections();
    const population = s.get("population")!.token;
    const funding = s.get("funding")!.token;
    const a = await put(local, `${PATH}/sections/population`, { token: population, narrative: ["P."] });
    assert.equal(a.status, 200);
    // Read before the population edit; funding itself has not changed, so its token still holds.
    const b = await put(local, `${PATH}/sections/funding`, { token: funding, narrative: ["F."] });
    assert.equal(b.status, 200, await b.clone().text());
    assert.deepEqual(await narrativeOf("population"), ["P."]);
    assert.deepEqual(await narrativeOf("funding"), ["F."]);
    assert.equal((await sections()).get("population")?.lastEdit?.by, "Local user");
  });

  test("an action's status: saved on its section's token; a stale token is refused with the section", async () => {
    const read = (await sections()).get("workforce")!.token;
    const ok = await put(local, `${PATH}/actions/${actionId}/status`, { token: read, status: "in-progress" });
    assert.equal(ok.status, 200, await ok.clone().text());
    const r = (await ok.json()) as { action: { id: string; status: string }; section: SectionState };
    assert.deepEqual([r.action.id, r.action.status], [actionId, "in-progress"]);
    assert.equal(r.section.id, "workforce");
    // The status changed the section: the token read before no longer holds, for either kind of edit.
    const stale = await put(local, `${PATH}/actions/${actionId}/status`, { token: read, status: "done" });
    assert.equal(stale.status, 409);
    const p = (await stale.json()) as {
      section: { objectives: { actions: { id: string; status: string }[] }[] };
      changedBy: string;
    };
    const action = p.section.objectives.flatMap((o) => o.actions).find((a) => a.id === actionId);
    assert.equal(action?.status, "in-progress", "the conflict shows the status saved by the other edit");
    assert.equal(p.changedBy, "Local user");
    const staleText = await put(local, `${PATH}/sections/workforce`, { token: read, narrative: ["x"] });
    assert.equal(staleText.status, 409);
    const plan = await findPlan(store, PLAN);
    const saved = plan.content.sections
      .flatMap((s) => s.objectives.flatMap((o) => o.actions))
      .find((a) => a.id === actionId);
    assert.equal(saved?.status, "in-progress");
  });

  test("bad input names its field", async () => {
    const s = await sections();
    const token = s.get("risks")!.token;
    const cases: [string, unknown, number, string][] = [
      [`${PATH}/sections/nowhere`, { token, narrative: ["x"] }, 400, "section"],
      [`${PATH}/sections/risks`, { token: "abc", narrative: ["x"] }, 400, "token"],
      [`${PATH}/sections/risks`, { token, narrative: "x" }, 400, "narrative"],
      [
        `${PATH}/actions/${actionId}/status`,
        { token: s.get("workforce")!.token, status: "finished" },
        400,
        "status",
      ],
      [`${PATH}/actions/action-99/status`, { token, status: "done" }, 404, "action"],
      [`/api/plans/no-such-plan/sections/risks`, { token, narrative: ["x"] }, 404, "plan"],
    ];
    for (const [path, body, status, field] of cases) {
      const res = await put(local, path, body);
      const p = (await res.json()) as { field?: string; detail: string };
      assert.equal(res.status, status, `${path}: ${p.detail}`);
      assert.equal(p.field, field, `${path}: ${p.detail}`);
    }
    assert.equal((await sections()).get("risks")?.token, token, "nothing changed");
  });
});

describe("with login", () => {
  async function session(name: string) {
    const res = await login.request("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, password: PASSWORD }),
    });
    assert.equal(res.status, 200);
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]!, "x-csrf-token": csrf };
  }

  test("a planner edits (the user is who changed it, audited); a viewer or LMC officer gets 403", async () => {
    const read = (await sections()).get("networks")!.token;
    for (const who of ["val", "lee"]) {
      const res = await put(
        login,
        `${PATH}/sections/networks`,
        { token: read, narrative: [who] },
        await session(who),
      );
      assert.equal(res.status, 403, who);
      const st = await put(
        login,
        `${PATH}/actions/${actionId}/status`,
        { token: (await sections()).get("workforce")!.token, status: "blocked" },
        await session(who),
      );
      assert.equal(st.status, 403, who);
    }
    assert.equal((await sections()).get("networks")?.token, read, "the refusals changed nothing");

    const pat = await session("pat");
    const res = await put(
      login,
      `${PATH}/sections/networks`,
      { token: read, narrative: ["Pat's text."], by: "Mallory" },
      pat,
    );
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { section: SectionState }).section.lastEdit?.by, "Pat Planner");
    const stale = await put(login, `${PATH}/sections/networks`, { token: read, narrative: ["again"] }, pat);
    assert.equal(stale.status, 409);
    assert.equal(((await stale.json()) as { changedBy: string }).changedBy, "Pat Planner");

    const audit = await login.request("/api/audit?action=plan.section.edit&actor=pat", { headers: pat });
    assert.equal(audit.status, 200);
    const rows = (await audit.json()) as { target: string; route: string; after: unknown }[];
    assert.equal(rows.length, 1, "one row for the saved edit, none for the refused one");
    assert.equal(rows[0]!.target, `plan:${PLAN}`);
    assert.equal(rows[0]!.route, "PUT /api/plans/{name}/sections/{section}");
    assert.ok(JSON.stringify(rows[0]!.after).includes("Pat's text."));
  });

  test("a plan out of draft is not edited (409, nothing changes)", async () => {
    await planStep(store, PLAN, { step: "submit-for-lmc-review", by: "Setup", role: "icb-planner" });
    const read = (await sections()).get("risks")!.token;
    const res = await put(local, `${PATH}/sections/risks`, { token: read, narrative: ["late"] });
    assert.equal(res.status, 409);
    assert.equal(((await res.json()) as { field: string }).field, "plan");
    assert.equal((await sections()).get("risks")?.token, read);
  });
});
