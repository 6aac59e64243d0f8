// Test tier: heavy (headless Chromium); run by `npm run test:heavy` and CI, not by `npm test`.
// The sign-in page in Chromium, on a server that requires login (`serve --auth`) over a copy of the demo
// store: every URL shows the NHS-styled sign-in page until a session exists; empty fields, a wrong password
// and the rate limit are shown in the error summary linking to the field they name; once signed in the
// page asked for appears, the header says who is signed in with a sign-out link, and a change made on the
// page carries the session's CSRF token (saved, and audited as the user); signing out shows the sign-in
// page again and ends the session. Screenshots: dist/web-screenshots/sign-in*.png (not committed).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { addUser } from "../../src/app/accounts.ts";
import { newPlan } from "../../src/app/plan.ts";
import { openStore } from "../../src/store/store.ts";
import { accessibilityProblems, SHOTS, startWorkspace, type Workspace } from "./kit.ts";

const PASSWORD = "sign-in browser password 2026";
const PLAN = "Sign-in test plan (synthetic)";
const PLAN_PAGE = `/plans/${encodeURIComponent(PLAN)}`;

let workspace: Workspace;
let page: Page;
let url: string;
const pageErrors: string[] = [];

before(async () => {
  workspace = await startWorkspace({
    auth: true,
    prepare: async (dataDir) => {
      const store = await openStore({ dataDir });
      try {
        await newPlan(store, { synthetic: true, icb: "Q99", name: PLAN });
        const setup = { name: "test-setup" };
        await addUser(
          store,
          { name: "pat", displayName: "Pat Planner", roles: ["icb-planner:Q99"], password: PASSWORD },
          setup,
        );
        await addUser(
          store,
          { name: "rita", displayName: "Rita Ratelimit", roles: ["viewer:Q99"], password: PASSWORD },
          setup,
        );
      } finally {
        await store.close();
      }
    },
  });
  page = workspace.page;
  url = workspace.served.url;
  page.on("pageerror", (e) => pageErrors.push(e.message));
});
after(async () => workspace?.close());

/** A request from the page (with its cookie), as the app makes it. */
const inPage = <T>(path: string) =>
  page.evaluate(async (p) => {
    const r = await fetch(p, { headers: { accept: "application/json" } });
    return { status: r.status, body: (await r.json()) as unknown };
  }, path) as Promise<{ status: number; body: T }>;

const summaryLinks = () =>
  page
    .locator(".nhsuk-error-summary a")
    .evaluateAll((as) => as.map((a) => [(a.textContent ?? "").trim(), a.getAttribute("href")]));

test("any page asks to sign in first; empty fields and a wrong password are named in the error summary", async () => {
  await page.goto(`${url}${PLAN_PAGE}`);
  await page.locator("form#sign-in").waitFor();
  assert.equal(await page.locator("h1").innerText(), "Sign in");
  assert.match(await page.title(), /^Sign in – icsplan/);
  assert.equal(await page.getAttribute("#username", "autocomplete"), "username");
  assert.equal(await page.getAttribute("#password", "type"), "password");
  assert.equal(await page.getAttribute("#password", "autocomplete"), "current-password");
  assert.equal(await page.locator("#header-account").count(), 0, "nobody is signed in");
  assert.deepEqual(await accessibilityProblems(page), []);

  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".nhsuk-error-summary").waitFor();
  assert.deepEqual(await summaryLinks(), [
    ["Enter your username", "#username"],
    ["Enter your password", "#password"],
  ]);
  assert.match(await page.locator("#username-error").innerText(), /Enter your username/);

  await page.fill("#username", "pat");
  await page.fill("#password", "not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".nhsuk-error-summary a[href='#password']", { hasText: "not right" }).waitFor();
  assert.deepEqual(await summaryLinks(), [["The username or password is not right", "#password"]]);
  assert.equal(await page.locator("#username-error").count(), 0);
  assert.equal(await page.inputValue("#password"), "", "the password is cleared");
  assert.deepEqual(await accessibilityProblems(page), []);
  await page.screenshot({ path: join(SHOTS, "sign-in-failed.png") });
  assert.equal((await inPage<{ user: unknown }>("/api/session")).body.user, null);
});

test("too many failed sign-ins: the rate limit's message with how long to wait", async () => {
  // Five failures for rita from this address (the server's limit), then one more from the page.
  for (let i = 0; i < 5; i++) {
    const r = await fetch(`${url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "rita", password: "wrong" }),
    });
    assert.equal(r.status, 401);
  }
  await page.fill("#username", "rita");
  await page.fill("#password", PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const link = page.locator(".nhsuk-error-summary a[href='#username']");
  await link.waitFor();
  assert.match(
    await link.innerText(),
    /^Too many failed sign-ins for this username\. Wait (1[0-5]) minutes before you try again\.$/,
  );
  assert.equal(
    (await inPage<{ user: unknown }>("/api/session")).body.user,
    null,
    "even the right password waits",
  );
});

test("signed in: the page asked for, who is signed in, a change with the session's CSRF token, sign out", async () => {
  await page.fill("#username", "pat");
  await page.fill("#password", PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const account = page.locator("#header-account");
  await account.waitFor();
  assert.match(await account.innerText(), /Signed in as Pat Planner \(icb-planner:Q99\)/);
  assert.equal(await page.locator("#sign-out").innerText(), "Sign out");
  // The page the URL asked for, now that the session exists.
  await page.locator('form.icsplan-narrative-form[data-section="risks"]').waitFor();
  assert.equal(new URL(page.url()).pathname, PLAN_PAGE);
  const session = await inPage<{ user: { name: string }; csrfToken: string }>("/api/session");
  assert.equal(session.body.user.name, "pat");
  assert.deepEqual(await accessibilityProblems(page), []);
  await account.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, "sign-in-signed-in.png") });

  // A change from the page: refused without the CSRF token, so its saving shows the token was sent.
  const form = page.locator('form.icsplan-narrative-form[data-section="risks"]');
  await form.locator("summary").click();
  await form.locator("#narrative-risks").fill("Risks reviewed with the LMC (synthetic).");
  await form.getByRole("button", { name: "Save the narrative" }).click();
  await page.locator("#narrative-risks-saved").waitFor();
  const view = await inPage<{
    plan: { content: { sections: { id: string; narrative: string[] }[] } };
    sections: { id: string; lastEdit: { by: string } | null }[];
  }>(`/api${PLAN_PAGE}`);
  assert.deepEqual(view.body.plan.content.sections.find((s) => s.id === "risks")?.narrative, [
    "Risks reviewed with the LMC (synthetic).",
  ]);
  assert.equal(view.body.sections.find((s) => s.id === "risks")?.lastEdit?.by, "Pat Planner");
  const audit = await inPage<{ actor: string; action: string; route: string }[]>(
    "/api/audit?action=plan.section.edit",
  );
  assert.equal(audit.status, 200);
  assert.deepEqual(
    audit.body.map((r) => [r.actor, r.action, r.route]),
    [["pat", "plan.section.edit", "PUT /api/plans/{name}/sections/{section}"]],
  );

  // Sign out: the sign-in page again, and the session is over on the server.
  await page.locator("#sign-out").click();
  await page.locator("form#sign-in").waitFor();
  assert.equal(await page.locator("#header-account").count(), 0);
  assert.equal((await inPage<{ user: unknown }>("/api/session")).body.user, null);
  assert.equal((await inPage(`/api${PLAN_PAGE}`)).status, 401);
  assert.deepEqual(pageErrors, []);
});
