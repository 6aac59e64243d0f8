// Test tier: heavy (headless Chromium); run by `npm run test:heavy` and CI, not by `npm test`.
// Editing a section in Chromium (issue 12, "Bad input": two people editing the same section): the page
// saves a section's narrative and an action's status against the section's token; when someone else saved
// the section first (through the API, from the same token), the page shows the 409 in the NHS error summary
// with who changed it and their text, keeps what was typed, and the store holds their text until the page
// saves again. Screenshot: dist/web-screenshots/plan-section-409.png (not committed).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { accessibilityProblems, SHOTS, startWorkspace, type Workspace } from "./kit.ts";

const PLAN = "Web section edit (synthetic)";
const PLAN_API = `/api/plans/${encodeURIComponent(PLAN)}`;

interface View {
  plan: {
    content: {
      sections: {
        id: string;
        narrative: string[];
        objectives: { actions: { id: string; status: string }[] }[];
      }[];
    };
  };
  sections: { id: string; token: string; lastEdit: { by: string } | null }[];
}

let workspace: Workspace;
let page: Page;
let url: string;
const pageErrors: string[] = [];

async function api<T>(path: string, method = "GET", body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}
const view = async () => (await api<View>(PLAN_API)).body;
const section = (v: View, id: string) => v.plan.content.sections.find((s) => s.id === id)!;
const token = (v: View, id: string) => v.sections.find((s) => s.id === id)!.token;

before(async () => {
  workspace = await startWorkspace();
  page = workspace.page;
  url = workspace.served.url;
  page.on("pageerror", (e) => pageErrors.push(e.message));
  assert.equal((await api("/api/plans", "POST", { icb: "Q99", name: PLAN, demo: true })).status, 201);
  const o = await api<{ id: string }>(`${PLAN_API}/objectives`, "POST", {
    section: "workforce",
    text: "Keep GP partners (synthetic)",
    aims: ["health"],
  });
  assert.equal(o.status, 201);
  const a = await api(`${PLAN_API}/actions`, "POST", { objective: o.body.id, text: "Retention scheme" });
  assert.equal(a.status, 201);
});
after(async () => workspace?.close());

test("a narrative edit: saved; a stale one shows the other person's text, keeps what was typed; saved again", async () => {
  await page.goto(`${url}/plans/${encodeURIComponent(PLAN)}`);
  const form = page.locator('form.icsplan-narrative-form[data-section="workforce"]');
  await form.waitFor();
  await form.locator("summary").click();
  const box = form.locator("#narrative-workforce");
  const original = section(await view(), "workforce").narrative;
  assert.equal(await box.inputValue(), original.join("\n\n"), "the box starts with the section's text");

  await box.fill("Our first paragraph.\n\nOur second paragraph.");
  await form.getByRole("button", { name: "Save the narrative" }).click();
  await page.locator("#narrative-workforce-saved").waitFor();
  let v = await view();
  assert.deepEqual(section(v, "workforce").narrative, ["Our first paragraph.", "Our second paragraph."]);
  await page.locator('[data-last-edit="workforce"]').waitFor();
  assert.match(await page.locator('[data-narrative="workforce"]').innerText(), /Our second paragraph\./);

  // Someone else saves the section first, from the token the page holds.
  const other = await api(`${PLAN_API}/sections/workforce`, "PUT", {
    token: token(v, "workforce"),
    narrative: ["Ann's paragraph (synthetic)."],
    by: "Ann Other",
  });
  assert.equal(other.status, 200);
  await box.fill("Our third try.");
  await form.getByRole("button", { name: "Save the narrative" }).click();
  const summary = form.locator(".nhsuk-error-summary");
  await summary.waitFor();
  assert.match(
    await summary.innerText(),
    /Ann Other at \d{4}-\d\d-\d\d \d\d:\d\d changed “[^”]+” since you opened it/,
  );
  assert.match(await summary.innerText(), /Nothing you typed is lost/);
  assert.equal(await box.inputValue(), "Our third try.", "what was typed is kept");
  assert.match(
    await form.locator("#narrative-workforce-theirs").innerText(),
    /Ann's paragraph \(synthetic\)\./,
  );
  v = await view();
  assert.deepEqual(section(v, "workforce").narrative, ["Ann's paragraph (synthetic)."], "their edit stands");
  assert.deepEqual(await accessibilityProblems(page), []);
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, "plan-section-409.png") });

  // Merged and saved again: against the section as it is now.
  await box.fill("Ann's paragraph (synthetic).\n\nOur third try.");
  await form.getByRole("button", { name: "Save the narrative" }).click();
  await page.locator("#narrative-workforce-saved").waitFor();
  v = await view();
  assert.deepEqual(section(v, "workforce").narrative, ["Ann's paragraph (synthetic).", "Our third try."]);
  assert.equal(await form.locator(".nhsuk-error-summary").count(), 0);
});

test("an action's status: set in place; a stale one names who changed the section and the status now", async () => {
  const actionId = section(await view(), "workforce").objectives[0]!.actions[0]!.id;
  const select = page.locator(`#status-${actionId}`);
  await select.selectOption("in-progress");
  await page.locator(`form[data-action="${actionId}"]`).getByRole("button", { name: "Set" }).click();
  const statusOf = async () =>
    section(await view(), "workforce").objectives[0]!.actions.find((a) => a.id === actionId)!.status;
  for (let i = 0; i < 50 && (await statusOf()) !== "in-progress"; i++) await page.waitForTimeout(100);
  assert.equal(await statusOf(), "in-progress");

  const v = await view();
  const other = await api(`${PLAN_API}/actions/${actionId}/status`, "PUT", {
    token: token(v, "workforce"),
    status: "blocked",
    by: "Ann Other",
  });
  assert.equal(other.status, 200);
  await select.selectOption("done");
  await page.locator(`form[data-action="${actionId}"]`).getByRole("button", { name: "Set" }).click();
  const summary = page.locator("#section-workforce > .nhsuk-error-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /Ann Other .* changed this section .* is Blocked now/);
  assert.equal(await select.inputValue(), "done", "the choice is kept");
  assert.equal(await statusOf(), "blocked", "their status stands");
  assert.deepEqual(pageErrors, []);
});
