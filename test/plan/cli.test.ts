// `icsplan plan …` as a user runs it: the demo's sample plan, the compliance check, a refused step (one
// line, exit 2, nothing changed), an engagement record, the difference between versions, and an export.
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { holdCliStores, runCliInProcess, tempDir, useDemoStore } from "../helpers.ts";

holdCliStores();

let dir: string;
const cli = (...args: string[]) =>
  runCliInProcess(["--data-dir", join(dir, "store"), ...args], { DATABASE_URL: "" });
const NAME = "Demo ICB primary care plan";

before(() => {
  dir = tempDir("icsplan-plan-cli-");
  useDemoStore(join(dir, "store"));
});

describe("icsplan plan", () => {
  test("demo: a plan in LMC review with engagement and compliance gaps", async () => {
    const r = await cli("plan", "demo");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /In LMC review; revision \d+; 1 version/);
    assert.match(r.stdout, /Engagement: 4 records/);
    const check = await cli("plan", "check", NAME, "--json");
    assert.equal(check.status, 0, check.stderr);
    const gaps = (JSON.parse(check.stdout) as { id: string; met: boolean }[])
      .filter((f) => !f.met)
      .map((f) => f.id);
    assert.deepEqual(gaps, ["lmc-co-signature", "four-aims", "ehia", "hwb-statement", "network-coverage"]);
  });

  test("a wrong-role or out-of-order step is one line, exit 2, and changes nothing", async () => {
    const before = await cli("plan", "show", NAME, "--json");
    const wrong = await cli("plan", "step", NAME, "lmc-co-sign", "--by", "Someone", "--role", "icb-planner");
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /may be given only by LMC officer/);
    assert.equal(wrong.stderr.trim().split("\n").length, 1);
    const order = await cli("plan", "step", NAME, "icb-approve", "--by", "Board", "--role", "icb-board");
    assert.equal(order.status, 2);
    assert.match(order.stderr, /this plan is "In LMC review"/);
    const after = await cli("plan", "show", NAME, "--json");
    const state = (s: string) =>
      JSON.parse(s) as { plan: { state: string; revision: number }; signOffs: unknown[] };
    assert.deepEqual(state(after.stdout).plan, state(before.stdout).plan);
    assert.equal(state(after.stdout).signOffs.length, state(before.stdout).signOffs.length);
  });

  test("return, edit, resubmit: the difference names the change; co-sign applies to version 2", async () => {
    assert.equal(
      (
        await cli(
          "plan",
          "step",
          NAME,
          "lmc-return",
          "--by",
          "Dr L",
          "--role",
          "lmc-officer",
          "--note",
          "EHIA",
        )
      ).status,
      0,
    );
    const set = await cli(
      "plan",
      "set",
      NAME,
      "--ehia",
      "Screened: no adverse impact found",
      "--ehia-date",
      "2026-03-10",
    );
    assert.equal(set.status, 0, set.stderr);
    const eng = await cli(
      "plan",
      "engage",
      "add",
      NAME,
      "--date",
      "2026-03-12",
      "--kind",
      "consultation",
      "--forum",
      "Public consultation",
      "--attendees",
      "patient-representative=40,community-pharmacist=5",
      "--setting",
      "community",
      "--changed",
      "engagement:Published the responses",
    );
    assert.equal(eng.status, 0, eng.stderr);
    const bad = await cli(
      "plan",
      "engage",
      "add",
      NAME,
      "--date",
      "2026-03-12",
      "--kind",
      "party",
      "--forum",
      "x",
      "--attendees",
      "gp-partner=1",
      "--setting",
      "primary",
    );
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown kind 'party'/);
    assert.equal(
      (await cli("plan", "step", NAME, "submit-for-lmc-review", "--by", "P", "--role", "icb-planner")).status,
      0,
    );
    const diff = await cli("plan", "diff", NAME, "1", "2");
    assert.equal(diff.status, 0, diff.stderr);
    assert.match(diff.stdout, /\+ plan: EHIA of 2026-03-10/);
    const sign = await cli("plan", "step", NAME, "lmc-co-sign", "--by", "Dr L", "--role", "lmc-officer");
    assert.equal(sign.status, 0, sign.stderr);
    assert.match(sign.stdout, /on version 2: the plan is now co-signed by the lmc/);
  });

  test("export writes a DOCX; evidence lists its data", async () => {
    const out = join(dir, "plan.docx");
    const r = await cli("plan", "export", NAME, "--format", "docx", "--out", out);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(out) && statSync(out).size > 10_000);
    assert.equal((await cli("plan", "export", NAME, "--format", "odt")).status, 2);
    const ev = await cli("plan", "evidence", NAME);
    assert.match(ev.stdout, /up to date {2}population .*\(overview,/);
    assert.match(ev.stdout, /data: .*gp-reg-pat-prac-map January 2026/);
  });
});
