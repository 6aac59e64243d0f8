// Test tier: heavy (headless Chromium); run by `npm run test:heavy` and CI, not by `npm test`.
// The Funding page's allocation controls in Chromium on the synthetic demo (test/web/kit.ts): the
// allocation shown by practice and by IMD quintile equals the API's answer to the same controls, and
// changing a control (the method, the health-inequalities share, the floor) re-runs it and shows the
// API's new figures; a floor the API cannot read is named in the NHS error summary with a link to it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { accessibilityProblems, SHOTS, startWorkspace, type Workspace } from "./kit.ts";

interface Line {
  code: string;
  pence: number;
  bound: "floor" | "cap" | null;
}
interface Quintile {
  label: string;
  values: { beforePerHead: number | null; afterPerHead: number | null };
}

let workspace: Workspace | undefined;
let page: Page;
let base: string;
const pageErrors: string[] = [];

const pounds = (pence: number) =>
  `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const perHead = (v: number | null) =>
  v === null ? "–" : `£${v.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

async function allocation(body: Record<string, unknown>): Promise<Line[]> {
  const res = await fetch(`${base}/api/funding/allocate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ demo: true, icb: "Q99", fund: "1m", by: "practice", ...body }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const a = (await res.json()) as { allocation: { lines: Line[] } };
  return [...a.allocation.lines].sort((x, y) => y.pence - x.pence);
}

async function audit(params: Record<string, string>): Promise<Quintile[]> {
  const q = new URLSearchParams({ demo: "true", icb: "Q99", fund: "1m", ...params });
  const a = (await (await fetch(`${base}/api/funding/audit?${q}`)).json()) as {
    audit: { quintiles: Quintile[]; all: Quintile };
  };
  return [...a.audit.quintiles, a.audit.all];
}

/** Waits until the page shows `lines` (the largest first), then checks every row's allocation. */
async function expectAllocation(lines: Line[], quintiles: Quintile[]) {
  const cells = page.locator('#allocation-table td[data-column="pence"]');
  await cells
    .first()
    .filter({ hasText: pounds(lines[0]!.pence) })
    .waitFor();
  await page.waitForFunction(`!document.body.innerText.includes("Allocating…")`);
  assert.deepEqual(
    await cells.allInnerTexts(),
    lines.map((l) => pounds(l.pence)),
  );
  assert.deepEqual(
    await page.locator('#allocation-quintile-table td[data-column="afterPerHead"]').allInnerTexts(),
    quintiles.map((q) => perHead(q.values.afterPerHead)),
  );
  await page.locator('#allocation-chart .icsplan-chart[data-drawn="true"]').waitFor();
}

const summary = (key: string) =>
  page
    .locator("#allocation-summary .nhsuk-summary-list__row", {
      has: page.locator(".nhsuk-summary-list__key", { hasText: new RegExp(`^${key}$`) }),
    })
    .locator(".nhsuk-summary-list__value")
    .innerText();

before(async () => {
  workspace = await startWorkspace();
  page = workspace.page;
  base = workspace.served.url;
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

after(async () => {
  await workspace?.close();
});

describe("the Funding page's allocation controls in Chromium, on the demo", () => {
  test("the allocation is the API's; changing the method, the share and the floor shows the API's new figures", async () => {
    await page.goto(`${base}/funding/icb/Q99`);
    const need = await allocation({ method: "need", hiShare: 0.15 });
    await expectAllocation(need, await audit({ method: "need", hiShare: "0.15" }));
    assert.equal(await summary("Allocated"), "£1,000,000.00");
    assert.equal(await page.locator("#allocation-table tbody tr").count(), need.length);
    // The equity audit below follows the same controls: its "after" column is the allocation's.
    assert.deepEqual(
      await page.locator('#audit-table td[data-column="afterPerHead"]').allInnerTexts(),
      await page.locator('#allocation-quintile-table td[data-column="afterPerHead"]').allInnerTexts(),
    );

    // The method: weighted population only. The share control goes (it applies to need only).
    await page.getByLabel("Method").selectOption("weighted");
    const weighted = await allocation({ method: "weighted" });
    assert.notDeepEqual(
      weighted.map((l) => l.pence),
      need.map((l) => l.pence),
      "the method changes the figures",
    );
    await expectAllocation(weighted, await audit({ method: "weighted" }));
    assert.equal(await page.locator("#allocation-hi-share").count(), 0);

    // The health-inequalities share: back to need, at 40%.
    await page.getByLabel("Method").selectOption("need");
    await expectAllocation(need, await audit({ method: "need", hiShare: "0.15" }));
    await page.getByLabel("Health-inequalities share, %").fill("40");
    await page.getByLabel("Health-inequalities share, %").press("Enter");
    await expectAllocation(
      await allocation({ method: "need", hiShare: 0.4 }),
      await audit({ method: "need", hiShare: "0.4" }),
    );

    // A floor of 98% of each practice's equal per-head share, applied on leaving the field.
    await page.getByLabel("Floor per practice (optional)").fill("98%");
    await page.getByLabel("Floor per practice (optional)").press("Tab");
    const floored = await allocation({ method: "need", hiShare: 0.4, floor: "98%" });
    await expectAllocation(floored, await audit({ method: "need", hiShare: "0.4", floor: "98%" }));
    const atFloor = floored.filter((l) => l.bound === "floor").length;
    assert.ok(atFloor > 0, "some practices are held at the floor");
    assert.equal(await summary("At their floor"), atFloor.toLocaleString("en-GB"));
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.screenshot({ path: join(SHOTS, "funding-allocation.png"), fullPage: true });
    await page
      .locator("#allocation-form")
      .screenshot({ path: join(SHOTS, "funding-allocation-controls.png") });
    await page.locator("#allocation-chart").screenshot({ path: join(SHOTS, "funding-allocation-chart.png") });
    assert.deepEqual(pageErrors, []);
  });

  test("a floor the API cannot read is one error in the summary, naming the field and linking to it", async () => {
    await page.goto(`${base}/funding/icb/Q99`);
    await page.locator("#allocation-table tbody tr").first().waitFor();
    await page.getByLabel("Floor per practice (optional)").fill("nope");
    await page.getByLabel("Floor per practice (optional)").press("Enter");
    const box = page.locator(".nhsuk-error-summary");
    await box.waitFor();
    const items = await box.locator("li").allInnerTexts();
    assert.equal(items.length, 1, items.join(" | "));
    assert.match(items[0]!, /^Floor: must be £ per unit .*found 'nope'/);
    assert.equal(await box.locator("a").getAttribute("href"), "#allocation-floor");
    assert.equal(await page.locator("#allocation-result").count(), 0, "no stale allocation is shown");
  });
});
