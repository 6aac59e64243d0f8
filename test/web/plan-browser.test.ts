// Test tier: heavy (headless Chromium); run by `npm run test:heavy` and CI, not by `npm test`.
// The plan pages in Chromium, on the demo's sample plan (made by serve as `serve --demo` makes it): what
// the pages show is checked against the plan routes' own answers, a stale revision's 409 and a wrong
// role's 403 against what the pages say and what the store then holds. Screenshots go to
// dist/web-screenshots/plan-*.png (not committed). axe-core is not installed: the kit's own checks run.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { loadDemo } from "../../src/app/load-demo.ts";
import { newPlan } from "../../src/app/plan.ts";
import { openStore } from "../../src/store/store.ts";
import { accessibilityProblems, SHOTS, startWorkspace, type Workspace } from "./kit.ts";

const DEMO_PLAN = "Demo ICB primary care plan";
const EDIT_PLAN = "Web edit test (synthetic)";
/** Made before the demo is loaded again, so its evidence is out of date when the pages open it. */
const STALE_PLAN = "Web stale test (synthetic)";

interface Finding {
  id: string;
  title: string;
  source: string;
  met: boolean;
}
interface View {
  plan: { state: string; revision: number; content: { sro: string | null } };
  freshness: { key: string; fresh: boolean; changes: string[] }[];
  evidence: { key: string; datasets: { source: string; period: string; referenceDate: string }[] }[];
  signOffs: unknown[];
  compliance: Finding[];
}
interface Engagement {
  records: unknown[];
  summary: {
    records: number;
    attendees: number;
    byStaffGroup: { label: string; attendees: number; records: number }[];
    bySetting: { primary: number; community: number; other: number };
  };
}

let workspace: Workspace;
let page: Page;
let url: string;
const pageErrors: string[] = [];

const planPath = (name: string, tab = "") => `/plans/${encodeURIComponent(name)}${tab ? `/${tab}` : ""}`;

async function api<T>(
  path: string,
  init?: { method: string; body: unknown },
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    method: init?.method ?? "GET",
    headers: init ? { "content-type": "application/json" } : {},
    body: init ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}
const view = async (name: string) => (await api<View>(`/api${planPath(name)}`)).body;

/** Checks the page's accessibility and saves it; long pages are taken at `at` (a selector), one screen high. */
async function shot(name: string, at?: string) {
  assert.deepEqual(await accessibilityProblems(page), [], `accessibility of ${name}`);
  if (at) await page.locator(at).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `plan-${name}.png`), fullPage: !at });
}

/** The cells of a table's body rows, as text. */
const cells = (table: string) =>
  page
    .locator(`${table} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())),
    );

async function actAs(by: string, role: string) {
  await page.fill("#actor-name", by);
  await page.selectOption("#actor-role", role);
}

before(async () => {
  workspace = await startWorkspace({
    demo: true,
    prepare: async (dataDir) => {
      const store = await openStore({ dataDir });
      try {
        await newPlan(store, { synthetic: true, icb: "Q99", name: STALE_PLAN });
        await loadDemo(store);
      } finally {
        await store.close();
      }
    },
  });
  page = workspace.page;
  url = workspace.served.url;
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

after(async () => {
  await workspace?.close();
});

describe("the plan pages in Chromium, on the demo's sample plan", () => {
  test("the plans list shows the sample plan in LMC review, with the compliance route's gap count", async () => {
    const gaps = (await view(DEMO_PLAN)).compliance.filter((f) => !f.met).length;
    assert.ok(gaps > 0, "the sample plan has gaps to show");
    await page.goto(`${url}/plans`);
    const row = page.locator(`#plans tr[data-plan="${DEMO_PLAN}"]`);
    await row.waitFor();
    assert.match(await row.locator("[data-cell=state]").innerText(), /In LMC review/);
    assert.equal(
      await row.locator("[data-cell=state] .nhsuk-tag").getAttribute("data-state"),
      "in-lmc-review",
    );
    assert.equal((await row.locator("[data-cell=gaps]").innerText()).trim(), String(gaps));
    assert.match(await row.innerText(), /Demo ICB \(synthetic\) \(ICB Q99\)/);
    // The nav link reaches the list from any page.
    await page.goto(`${url}/`);
    await page.getByRole("link", { name: "Plans", exact: true }).click();
    await page.waitForURL(`${url}/plans`);
    await shot("list");
  });

  test("the compliance panel lists the same gaps, and each rule's source, as the compliance route", async () => {
    const findings = (await api<Finding[]>(`/api${planPath(DEMO_PLAN, "compliance")}`)).body;
    await page.goto(`${url}${planPath(DEMO_PLAN, "compliance")}`);
    await page.locator("#compliance-gaps").waitFor();
    const ids = await page
      .locator("#compliance-gaps tr[data-rule]")
      .evaluateAll((r) => r.map((x) => x.getAttribute("data-rule")));
    assert.deepEqual(
      ids,
      findings.filter((f) => !f.met).map((f) => f.id),
    );
    const met = await page
      .locator("#compliance-met tr[data-rule]")
      .evaluateAll((r) => r.map((x) => x.getAttribute("data-rule")));
    assert.deepEqual(
      met,
      findings.filter((f) => f.met).map((f) => f.id),
    );
    const rows = [...(await cells("#compliance-gaps")), ...(await cells("#compliance-met"))];
    const byTitle = new Map(rows.map((r) => [r[0], r]));
    for (const f of findings) {
      const r = byTitle.get(f.title);
      assert.ok(r, `rule ${f.id} shown`);
      assert.equal(r[1], f.met ? "Met" : "Gap");
      assert.equal(r[3], f.source);
    }
    await shot("compliance");
  });

  test("the engagement summary's counts equal the API's; a record added by the form reaches the log", async () => {
    const before = (await api<Engagement>(`/api${planPath(DEMO_PLAN, "engagement")}`)).body;
    await page.goto(`${url}${planPath(DEMO_PLAN, "engagement")}`);
    await page.locator("#engagement-by-group").waitFor();
    const groups = await cells("#engagement-by-group");
    assert.deepEqual(
      groups.map((g) => [g[0], Number(g[2]), Number(g[3])]),
      before.summary.byStaffGroup.map((g) => [g.label, g.attendees, g.records]),
    );
    const settings = await cells("#engagement-by-setting");
    assert.deepEqual(
      settings.map((s) => Number(s[1])),
      [before.summary.bySetting.primary, before.summary.bySetting.community, before.summary.bySetting.other],
    );
    assert.equal(
      groups.reduce((n, g) => n + Number(g[2]), 0),
      before.summary.attendees,
      "the staff groups add up to the attendees",
    );
    assert.equal(await page.locator("#engagement-log [data-record]").count(), before.records.length);
    await shot("engagement");

    await page.fill("#eng-date", "2026-03-20");
    await page.selectOption("#eng-kind", "workshop");
    await page.fill("#eng-forum", "District nursing and practice nurses workshop");
    await page.check("#eng-setting-community");
    await page.check("#eng-setting-primary");
    await page.fill("#eng-count-practice-nurse", "6");
    await page.locator("summary", { hasText: "Community care" }).click();
    await page.fill("#eng-count-community-nurse", "11");
    await page.selectOption("#eng-change-section", "neighbourhoods");
    await page.fill("#eng-we-did", "Named a practice nurse lead per neighbourhood team.");
    await page.getByRole("button", { name: "Record engagement" }).click();
    await page.locator("#engagement-saved").waitFor();
    const now = (await api<Engagement>(`/api${planPath(DEMO_PLAN, "engagement")}`)).body;
    assert.equal(now.records.length, before.records.length + 1);
    assert.equal(now.summary.attendees, before.summary.attendees + 17);
    assert.equal(now.summary.bySetting.community, before.summary.bySetting.community + 11);
    await page.locator("#engagement-log [data-record]").nth(before.records.length).waitFor();
    assert.equal(await page.locator("#engagement-log [data-record]").count(), now.records.length);
    assert.match(
      await page.locator("#engagement-total").innerText(),
      new RegExp(`${now.summary.attendees} attendees`),
    );
  });

  test("a step by a role that may not give it shows the 403 problem, state unchanged; the LMC officer co-signs", async () => {
    const before = await view(DEMO_PLAN);
    await page.goto(`${url}${planPath(DEMO_PLAN, "workflow")}`);
    await page.locator("#next-steps").waitFor();
    await actAs("Pat Planner (synthetic)", "icb-planner");
    assert.match(
      await page.locator("#next-steps li", { hasText: "Co-signed by the LMC" }).innerText(),
      /not your role/,
    );
    await page.locator('button[data-step="lmc-co-sign"]').click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    assert.match(await summary.innerText(), /may be given only by LMC officer.*not by icb-planner/s);
    const after = await view(DEMO_PLAN);
    assert.equal(after.plan.state, "in-lmc-review");
    assert.equal(after.plan.revision, before.plan.revision);
    assert.equal(after.signOffs.length, before.signOffs.length);
    assert.equal(await page.locator("#plan-status .nhsuk-tag").getAttribute("data-state"), "in-lmc-review");
    assert.equal(await page.locator("#workflow-history tbody tr").count(), before.signOffs.length);
    await shot("workflow-403");

    // The role that may give it: the step is recorded on version 1, by the name and role of the header.
    await actAs("Dr Lee Example (synthetic)", "lmc-officer");
    await page.locator('button[data-step="lmc-co-sign"]').click();
    await page.locator("#step-done").waitFor();
    const signed = await view(DEMO_PLAN);
    assert.equal(signed.plan.state, "lmc-co-signed");
    assert.equal(signed.signOffs.length, before.signOffs.length + 1);
    assert.deepEqual(signed.signOffs.at(-1) as { by: string; role: string; version: number }, {
      ...(signed.signOffs.at(-1) as object),
      by: "Dr Lee Example (synthetic)",
      role: "lmc-officer",
      version: 1,
    });
    await page.locator('#plan-status .nhsuk-tag[data-state="lmc-co-signed"]').waitFor();
    assert.equal(await page.locator("#workflow-history tbody tr").count(), signed.signOffs.length);
    assert.match(
      await page.locator("#workflow-history tbody tr").first().innerText(),
      /In LMC review → Co-signed by the LMC/,
    );
  });

  test("a comment needs the actor's name; with it, the comment is recorded with the actor's role", async () => {
    await page.goto(`${url}${planPath(DEMO_PLAN)}`);
    await page.locator("#section-workforce").waitFor();
    await actAs("", "lmc-officer");
    const form = page.locator("#section-workforce .icsplan-comments");
    await form.locator("summary").click();
    await page.fill("#comment-workforce", "Name the PCNs losing partners first.");
    await form.getByRole("button", { name: "Comment" }).click();
    await form.locator(".nhsuk-error-summary", { hasText: "Enter your name" }).waitFor();
    assert.equal(await page.inputValue("#comment-workforce"), "Name the PCNs losing partners first.");
    await actAs("Dr Lee Example (synthetic)", "lmc-officer");
    await form.getByRole("button", { name: "Comment" }).click();
    await form.locator("p", { hasText: "Name the PCNs losing partners first." }).waitFor();
    const comments = (
      await api<{ comments: { section: string; by: string; role: string; text: string }[] }>(
        `/api${planPath(DEMO_PLAN)}`,
      )
    ).body.comments;
    assert.deepEqual(
      comments.map((c) => [c.section, c.by, c.role, c.text]),
      [["workforce", "Dr Lee Example (synthetic)", "lmc-officer", "Name the PCNs losing partners first."]],
    );
  });

  test("editing a draft saves against its revision; a stale revision gives the 409 with the other change, nothing lost", async () => {
    const made = await api<{ plan: { name: string } }>("/api/plans", {
      method: "POST",
      body: { icb: "Q99", name: EDIT_PLAN, demo: true },
    });
    assert.equal(made.status, 201);
    const start = await view(EDIT_PLAN);
    await page.goto(`${url}${planPath(EDIT_PLAN)}`);
    await page.locator("#plan-fields-form").waitFor();
    await page.locator("#plan-fields-form summary").click();
    await page.fill("#plan-sro", "Jo Example, Director of Primary Care (synthetic)");
    await page.locator("#plan-fields-form").getByRole("button", { name: "Save" }).click();
    await page.locator("#plan-fields-saved").waitFor();
    const saved = await view(EDIT_PLAN);
    assert.equal(saved.plan.content.sro, "Jo Example, Director of Primary Care (synthetic)");
    assert.equal(saved.plan.revision, start.plan.revision + 1);
    assert.equal(await page.locator("[data-field=revision]").innerText(), String(saved.plan.revision));

    // Another person saves first, from the same revision the page holds.
    const other = await api("/api" + planPath(EDIT_PLAN), {
      method: "PATCH",
      body: { revision: saved.plan.revision, sro: "Sam Other, Deputy Director (synthetic)" },
    });
    assert.equal(other.status, 200);
    await page.fill("#plan-sro", "Jo Example, Interim SRO (synthetic)");
    await page.locator("#plan-fields-form").getByRole("button", { name: "Save" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    const text = await summary.innerText();
    assert.match(text, /Someone else saved the plan/);
    assert.match(text, /Their change: Senior responsible owner: Sam Other, Deputy Director \(synthetic\)/);
    assert.equal(
      await page.inputValue("#plan-sro"),
      "Jo Example, Interim SRO (synthetic)",
      "what was typed is kept",
    );
    assert.equal(
      (await view(EDIT_PLAN)).plan.content.sro,
      "Sam Other, Deputy Director (synthetic)",
      "the other edit stands",
    );
    await shot("edit-409", ".nhsuk-error-summary");
    // Saved again, now from the revision the conflict showed.
    await page.locator("#plan-fields-form").getByRole("button", { name: "Save" }).click();
    await page.locator("#plan-fields-saved").waitFor();
    const last = await view(EDIT_PLAN);
    assert.equal(last.plan.content.sro, "Jo Example, Interim SRO (synthetic)");
    assert.equal(last.plan.revision, saved.plan.revision + 2);
  });

  test("an objective with a baselined measure for the fourth aim closes that compliance gap", async () => {
    const gap = (await view(EDIT_PLAN)).compliance.find((f) => f.id === "four-aims")!;
    assert.equal(gap.met, false);
    await page.goto(`${url}${planPath(EDIT_PLAN)}`);
    const form = page.locator('.icsplan-objective-form[data-section="aims"]');
    await form.locator("summary").click();
    await page.fill("#obj-aims-text", "Recruit local people into practice administrative posts");
    await page.check("#obj-aims-aim-social");
    await page.fill("#obj-aims-measure", "Practice staff recruited from the ICB's most deprived quintile");
    await page.fill("#obj-aims-baseline", "12");
    await page.fill("#obj-aims-baselineDate", "2026-04-01");
    await page.fill("#obj-aims-target", "40");
    await page.fill("#obj-aims-targetDate", "2027-03-31");
    await form.getByRole("button", { name: "Add the objective" }).click();
    await page.locator("[data-objective]", { hasText: "Recruit local people" }).waitFor();
    const after = await view(EDIT_PLAN);
    assert.equal(after.compliance.find((f) => f.id === "four-aims")!.met, true);
    await shot("sections", "[data-objective]:has-text('Recruit local people')");
  });

  test("evidence made before an import is tagged stale with its data dates; Refresh makes it fresh", async () => {
    const before = await view(STALE_PLAN);
    const stale = before.freshness.filter((f) => !f.fresh);
    assert.ok(stale.length > 0, "the re-imported demo made the evidence stale");
    await page.goto(`${url}${planPath(STALE_PLAN)}`);
    await page.locator("#evidence-status").waitFor();
    assert.match(
      await page.locator("#evidence-status").innerText(),
      new RegExp(`${stale.length} evidence items are out of date`),
    );
    const population = page.locator('#section-population [data-evidence="population"]');
    await population.waitFor();
    assert.equal(await population.locator(".nhsuk-tag", { hasText: "Stale" }).count(), 1);
    const text = await population.innerText();
    const item = before.evidence.find((e) => e.key === "population")!;
    for (const d of item.datasets)
      assert.ok(text.includes(`${d.source} ${d.period} (${d.referenceDate})`), d.source);
    for (const c of before.freshness.find((f) => f.key === "population")!.changes)
      assert.ok(text.includes(c), c);
    await shot("stale", "#evidence-status");
    await page.locator("#refresh-evidence").click();
    await page.locator("#evidence-status", { hasText: "Refreshed:" }).waitFor();
    const after = await view(STALE_PLAN);
    assert.ok(after.freshness.every((f) => f.fresh));
    assert.equal(after.plan.revision, before.plan.revision + 1, "refreshed figures raise the revision");
    // The page reloads the plan after the refresh: the Stale tags go once it has (at most 20 s).
    const staleTags = page.locator(".icsplan-evidence .nhsuk-tag", { hasText: "Stale" });
    await staleTags.first().waitFor({ state: "detached", timeout: 20_000 });
    assert.equal(await staleTags.count(), 0);
  });

  test("versions: the difference of the sample plan's version 1 and now is none; of an edited return, the API's lines", async () => {
    assert.deepEqual((await api<unknown[]>(`/api${planPath(DEMO_PLAN, "diff")}?from=1&to=current`)).body, []);
    await page.goto(`${url}${planPath(DEMO_PLAN, "versions")}`);
    await page.locator("#difference-none").waitFor();
    assert.equal(await page.locator("#versions tbody tr").count(), 1);

    // The edit plan submitted (version 1), returned by the LMC, and edited: version 1 and now differ.
    const step = (body: object) => api(`/api${planPath(EDIT_PLAN, "steps")}`, { method: "POST", body });
    assert.equal(
      (await step({ step: "submit-for-lmc-review", by: "Pat Planner (synthetic)", role: "icb-planner" }))
        .status,
      201,
    );
    assert.equal(
      (await step({ step: "lmc-return", by: "Dr Lee Example (synthetic)", role: "lmc-officer" })).status,
      201,
    );
    const rev = (await view(EDIT_PLAN)).plan.revision;
    const patched = await api(`/api${planPath(EDIT_PLAN)}`, {
      method: "PATCH",
      body: { revision: rev, title: "Primary care plan for Demo ICB, after the LMC's review (synthetic)" },
    });
    assert.equal(patched.status, 200);
    const diff = (
      await api<{ where: string; change: string; text: string }[]>(
        `/api${planPath(EDIT_PLAN, "diff")}?from=1&to=current`,
      )
    ).body;
    assert.ok(diff.length > 0);
    await page.goto(`${url}${planPath(EDIT_PLAN, "versions")}`);
    await page.selectOption("#diff-from", "1");
    await page.selectOption("#diff-to", "current");
    await page.getByRole("button", { name: "Show the difference" }).click();
    await page.waitForURL(/\/versions\?from=1&to=current$/);
    await page.locator("#difference-count").waitFor();
    const shown = await page.locator("#difference li").allInnerTexts();
    assert.deepEqual(
      shown.map((t) => t.replace(/\s+/g, " ").trim()),
      diff.map((l) => `${l.change} ${l.text}`.replace(/\s+/g, " ").trim()),
    );
    const headings = await page.locator("#difference h4").allInnerTexts();
    assert.deepEqual(headings, [...new Set(diff.map((l) => l.where))]);
    assert.ok(diff.some((l) => /after the LMC's review/.test(l.text)));
    await shot("versions");
  });

  test("export: the DOCX, PDF and HTML links download the plan", async () => {
    await page.goto(`${url}${planPath(DEMO_PLAN, "export")}`);
    const href = await page.locator('a[data-format="html"]').getAttribute("href");
    const res = await fetch(`${url}${href}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    assert.match(await res.text(), /Demo ICB/);
    const docx = await fetch(`${url}${await page.locator('a[data-format="docx"]').getAttribute("href")}`);
    assert.equal(docx.status, 200);
    assert.equal(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
      "PK",
      "a DOCX is a zip",
    );
    assert.match(
      (await page.locator('a[data-format="pdf"]').getAttribute("href")) ?? "",
      /\/api\/plans\/Demo%20ICB%20primary%20care%20plan\/export\/pdf$/,
    );
    await shot("export");
    assert.deepEqual(pageErrors, [], "no script error on any plan page");
  });
});
