// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// `icsplan plan …` changes are audited as the API's routes audit them (issue 12, item 8): each command that
// changes a plan appends one row with the route table's action name, target `plan:NAME` and the plan's
// state before and after (only what changed); who is `--as`, else ICSPLAN_ACTOR, else `cli:<OS user>`;
// a refused change appends nothing; and the change and its row are one transaction (a row that cannot be
// written takes the change back with it). Read back with `icsplan audit --format json`.
import assert from "node:assert/strict";
import { userInfo } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROUTE_ACCESS } from "../../src/api/route-access.ts";
import { auditedPlanChange } from "../../src/app/plan-audit.ts";
import { findPlan, planStep } from "../../src/app/plan.ts";
import { openStore } from "../../src/store/store.ts";
import { runCliInProcess, tempDir, useDemoStore } from "../helpers.ts";

const PLAN = "CLI audit plan";
let dir: string;
const ENV = { DATABASE_URL: "", ICSPLAN_ACTOR: "" };
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliInProcess(["--data-dir", dir, ...args], { ...ENV, ...env });

interface Row {
  id: number;
  actor: string;
  action: string;
  target: string;
  route: string | null;
  before: { revision?: number; content?: Record<string, unknown> } | null;
  after: { revision?: number; content?: Record<string, unknown> } | null;
}

async function audit(): Promise<Row[]> {
  const r = await cli(["audit", "--target", `plan:${PLAN}`, "--format", "json", "--limit", "1000"]);
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as Row[]).reverse();
}

/** Runs a command that must succeed, and returns the one audit row it appended. */
async function changed(args: string[], env: Record<string, string> = {}): Promise<Row> {
  const before = (await audit()).length;
  const r = await cli(args, env);
  assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
  const rows = await audit();
  assert.equal(rows.length, before + 1, `${args.join(" ")} appended one row`);
  return rows.at(-1)!;
}

/** Runs a command that must be refused (one line, exit 2), and checks it appended nothing. */
async function refused(args: string[], pattern: RegExp): Promise<void> {
  const before = (await audit()).length;
  const r = await cli(args);
  assert.equal(r.status, 2, `${args.join(" ")}: ${r.stdout}`);
  assert.match(r.stderr, pattern);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.equal((await audit()).length, before, `${args.join(" ")} appended nothing`);
}

const apiActions = new Set(
  Object.values(ROUTE_ACCESS)
    .map((r) => r.audit?.action)
    .filter(Boolean),
);

before(() => {
  dir = join(tempDir("icsplan-cli-audit-"), "store");
  useDemoStore(dir);
});

describe("icsplan plan … writes the API's audit rows", () => {
  let tokenOfWorkforce = "";
  const seen: string[] = [];
  after(() => {
    // Every action the commands wrote is one the API's route table writes too.
    for (const a of seen) assert.ok(apiActions.has(a), `${a} is an action of route-access.ts`);
  });

  test("plan new: plan.create by cli:<OS user> (no --as, no ICSPLAN_ACTOR), before null", async () => {
    const row = await changed(["plan", "new", "--demo", "--icb", "Q99", "--name", PLAN]);
    seen.push(row.action);
    assert.equal(row.action, "plan.create");
    assert.equal(row.actor, `cli:${userInfo().username}`);
    assert.equal(row.target, `plan:${PLAN}`);
    assert.equal(row.route, null, "a CLI row names no route");
    assert.equal(row.before, null);
    assert.equal(row.after?.revision, 1);
    assert.equal((row.after?.content as { title?: string }).title, (await plan()).content.title);
  });

  test("plan set --as: plan.edit, only the changed field before and after", async () => {
    const row = await changed(["plan", "set", PLAN, "--sro", "Dr A Example (synthetic)", "--as", "pat"]);
    seen.push(row.action);
    assert.equal(row.action, "plan.edit");
    assert.equal(row.actor, "pat");
    assert.deepEqual(row.before, { revision: 1, content: { sro: null } });
    assert.deepEqual(row.after, { revision: 2, content: { sro: "Dr A Example (synthetic)" } });
  });

  test("plan section (ICSPLAN_ACTOR): plan.section.edit; plan show gives the token; a stale token is refused", async () => {
    const show = await cli(["plan", "show", PLAN]);
    const m = /\[workforce, token ([0-9a-f]{16})\]/.exec(show.stdout);
    assert.ok(m, show.stdout);
    tokenOfWorkforce = m[1]!;
    const row = await changed(
      ["plan", "section", PLAN, "workforce", "--text", "First.\n\nSecond.", "--token", tokenOfWorkforce],
      { ICSPLAN_ACTOR: "env-user" },
    );
    seen.push(row.action);
    assert.equal(row.action, "plan.section.edit");
    assert.equal(row.actor, "env-user");
    assert.equal(row.after?.revision, 3);
    assert.ok(JSON.stringify(row.after).includes('["First.","Second."]'));
    const narrative = (await plan()).content.sections.find((s) => s.id === "workforce")!.narrative;
    assert.deepEqual(narrative, ["First.", "Second."]);
    // The token read before that edit no longer holds: refused, nothing written.
    await refused(
      ["plan", "section", PLAN, "workforce", "--text", "Late.", "--token", tokenOfWorkforce],
      /was changed by env-user .* since you read it/,
    );
    const again = await cli(["plan", "show", PLAN]);
    assert.match(again.stdout, /\[workforce, token [0-9a-f]{16}; last edited by env-user /);
  });

  test("objective, action, status, comment, engagement, step: each its API action and plan part", async () => {
    const o = await changed([
      "plan",
      "objective",
      PLAN,
      "--section",
      "workforce",
      "--text",
      "Keep partners",
      "--aim",
      "health",
    ]);
    const objective = /"id":"(objective-\d+)"/.exec(JSON.stringify(o.after))![1]!;
    const a = await changed(["plan", "action", "add", PLAN, "--objective", objective, "--text", "Retention"]);
    const action = /"id":"(action-\d+)"/.exec(JSON.stringify(a.after))![1]!;
    const st = await changed(["plan", "action", "status", PLAN, action, "done"]);
    assert.ok(JSON.stringify(st.before).includes('"status":"not-started"'));
    assert.ok(JSON.stringify(st.after).includes('"status":"done"'));
    const c = await changed([
      "plan",
      "comment",
      PLAN,
      "--section",
      "workforce",
      "--by",
      "Lee",
      "--role",
      "lmc-officer",
      "--text",
      "Looks right",
    ]);
    assert.ok(JSON.stringify(c.after).includes("Looks right"));
    const e = await changed([
      "plan",
      "engage",
      "add",
      PLAN,
      "--date",
      "2026-02-01",
      "--kind",
      "meeting",
      "--forum",
      "LMC meeting",
      "--attendees",
      "gp-partner=3",
      "--setting",
      "primary",
    ]);
    const s = await changed([
      "plan",
      "step",
      PLAN,
      "submit-for-lmc-review",
      "--by",
      "Pat",
      "--role",
      "icb-planner",
    ]);
    const rows = [o, a, st, c, e, s];
    assert.deepEqual(
      rows.map((r) => r.action),
      [
        "plan.objective.add",
        "plan.action.add",
        "plan.action.status",
        "plan.comment",
        "plan.engagement.add",
        "plan.step",
      ],
    );
    seen.push(...rows.map((r) => r.action));
    assert.ok(JSON.stringify(s.after).includes('"state":"in-lmc-review"'));
    assert.ok(JSON.stringify(s.after).includes("submit-for-lmc-review"));
    // Refused now (in review: only a draft is edited; a stale revision): nothing appended.
    await refused(["plan", "set", PLAN, "--sro", "Dr B"], /only a draft is edited/);
    await refused(["plan", "step", PLAN, "icb-approve", "--by", "B", "--role", "icb-board"], /this plan is/);
  });

  test("the change and its audit row are one transaction: a row that cannot be written undoes the change", async () => {
    const store = await openStore({ dataDir: dir });
    try {
      // The use case runs on the transaction it is given.
      const lmcReturn = (tx: typeof store) =>
        planStep(tx, PLAN, { step: "lmc-return", by: "Lee", role: "lmc-officer" });
      const stateBefore = (await findPlan(store, PLAN)).state;
      // The audit table refuses a row without an actor (NOT NULL): the step taken in the same transaction
      // is rolled back with it.
      await assert.rejects(
        auditedPlanChange(
          store,
          { name: null as unknown as string },
          { action: "plan.step", plan: PLAN, part: "workflow" },
          lmcReturn,
        ),
      );
      assert.equal((await findPlan(store, PLAN)).state, stateBefore, "the step was undone");
      // With an actor, both are written.
      await auditedPlanChange(
        store,
        { name: "lee" },
        { action: "plan.step", plan: PLAN, part: "workflow" },
        lmcReturn,
      );
      assert.equal((await findPlan(store, PLAN)).state, "draft");
    } finally {
      await store.close();
    }
    const last = (await audit()).at(-1)!;
    assert.deepEqual([last.actor, last.action], ["lee", "plan.step"]);
  });
});

async function plan() {
  const store = await openStore({ dataDir: dir });
  try {
    return await findPlan(store, PLAN);
  } finally {
    await store.close();
  }
}
