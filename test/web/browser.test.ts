// Test tier: heavy (headless Chromium); run by `npm run test:heavy` and CI, not by `npm test`.
// End-to-end tests of the web workspace: the app built once (Vite's JS API), `icsplan serve`'s server
// in process on the synthetic demo, and one headless Debian Chromium (playwright-core, SwiftShader for
// WebGL) driving the pages as a user would. Figures shown are checked against the API's own answers, the
// map canvas against its background, and API errors against the NHS error-summary pattern. Screenshots
// of each page go to dist/web-screenshots (not committed).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { accessibilityProblems as kitAccessibility, SHOTS, startWorkspace, type Workspace } from "./kit.ts";

interface Summary {
  practices: number;
  patients: number;
  pcns: number;
  bands: { under: number; in: number; over: number };
  deprivation?: { quintilePatients: number[] } | null;
}
interface Overview {
  summary: Summary;
  subAreas: { area: { code: string; name: string } }[];
  pcns: { code: string; name: string; listSize: number }[];
  scope: { icb?: { code: string; name: string } };
}
interface PracticeRow {
  practice_code: string;
  practice_name: string;
  list_size: number | null;
  pcn_code: string;
  pcn_name: string;
}

let webRoot: string;
let served: { url: string; close: () => Promise<void> };
let workspace: Workspace | undefined;
let page: Page;
const requested: string[] = [];
const pageErrors: string[] = [];

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${served.url}${path}`);
  assert.equal(res.status, 200, `${path} answers 200`);
  return (await res.json()) as T;
};

const en = (n: number) => n.toLocaleString("en-GB");

/** The value beside a key of a summary list on the page. */
async function summaryValue(list: string, key: string): Promise<string> {
  const row = page.locator(`#${list} .nhsuk-summary-list__row`, {
    has: page.locator(".nhsuk-summary-list__key", { hasText: new RegExp(`^${key}$`) }),
  });
  return (await row.locator(".nhsuk-summary-list__value").innerText()).trim();
}

async function expectSynthetic() {
  const banner = page.locator(".icsplan-synthetic");
  await banner.waitFor();
  assert.match(await banner.innerText(), /synthetic/i);
}

const accessibilityProblems = () => kitAccessibility(page);

async function shot(name: string) {
  assert.deepEqual(await accessibilityProblems(), [], `accessibility of ${name}`);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

before(async () => {
  workspace = await startWorkspace();
  ({ webRoot, served, page } = workspace);
  page.on("request", (r) => requested.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

after(async () => {
  await workspace?.close();
});

describe("the web workspace in Chromium, on the demo", () => {
  test("home: England's figures equal the API's; the datasets loaded are listed; no map library loaded", async () => {
    const england = await api<Overview>("/api/overview?demo=true");
    const datasets = await api<unknown[]>("/api/datasets");
    requested.length = 0;
    await page.goto(`${served.url}/`);
    await page.locator("#england-summary").waitFor();
    await expectSynthetic();
    // Keyboard first: the skip link, then the page's content.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate("document.activeElement.textContent.trim()"), "Skip to main content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate("document.activeElement.id"), "maincontent");
    assert.equal(await summaryValue("england-summary", "Practices"), en(england.summary.practices));
    assert.equal(await summaryValue("england-summary", "Registered patients"), en(england.summary.patients));
    assert.equal(await summaryValue("england-summary", "PCNs"), en(england.summary.pcns));
    assert.equal(await summaryValue("england-summary", "PCNs over 50,000"), en(england.summary.bands.over));
    await page.locator("#dataset-table tbody tr").first().waitFor();
    assert.equal(await page.locator("#dataset-table tbody tr").count(), datasets.length);
    assert.equal(await page.locator("#icb-table tbody tr").count(), england.subAreas.length);
    assert.ok(
      !requested.some((u) => u.includes("maplibre")),
      "the map library is loaded only by pages that draw a map",
    );
    assert.ok(
      requested.every((u) => u.startsWith(served.url)),
      `nothing is fetched from another host: ${requested.filter((u) => !u.startsWith(served.url)).join(", ")}`,
    );
    await shot("home");
  });

  test("ICB overview: chosen from home; figures, chart bars and PCN table equal the API; the map is drawn; tables sort", async () => {
    const england = await api<Overview>("/api/overview?demo=true");
    const icb = england.subAreas[0]!.area;
    const overview = await api<Overview>(`/api/overview?demo=true&icb=${icb.code}`);
    await page.goto(`${served.url}/`);
    await page.getByLabel("ICB", { exact: true }).selectOption(icb.code);
    await page.getByRole("button", { name: "Show the ICB" }).click();
    await page.waitForURL(`${served.url}/icb/${icb.code}`);
    await page.locator("#area-summary").waitFor();
    await expectSynthetic();
    assert.equal(await page.locator("h1").innerText(), icb.name);
    assert.equal(await summaryValue("area-summary", "Practices"), en(overview.summary.practices));
    assert.equal(await summaryValue("area-summary", "Registered patients"), en(overview.summary.patients));
    assert.equal(await summaryValue("area-summary", "PCNs"), en(overview.summary.pcns));

    // The chart: one bar per PCN, and a legend.
    await page.locator('#pcn-band-chart .icsplan-chart[data-drawn="true"]').waitFor();
    assert.equal(
      await page.locator("#pcn-band-chart svg g[data-mark='bar'] rect").count(),
      overview.pcns.length,
    );
    assert.equal(await page.locator("#pcn-band-chart .icsplan-legend__item").count(), 3);

    // Deprivation: the chart's table holds the API's patients by quintile.
    const quintiles = overview.summary.deprivation!.quintilePatients;
    await page.locator('#deprivation-chart .icsplan-chart[data-drawn="true"]').waitFor();
    assert.equal(
      await page.locator("#deprivation-chart svg g[data-mark='bar'] rect").count(),
      quintiles.length,
    );
    assert.deepEqual(
      await page.locator("#deprivation-table tbody td:nth-of-type(1)").allInnerTexts(),
      quintiles.map(en),
    );

    // The PCN table (the chart's alternative), largest first; sorting by list size flips it.
    const pcnRows = page.locator("#pcn-table tbody tr");
    assert.equal(await pcnRows.count(), overview.pcns.length);
    const sizes = overview.pcns.map((p) => p.listSize);
    const listCell = (i: number) => pcnRows.nth(i).locator('td[data-column="list"]').innerText();
    assert.equal(await listCell(0), en(Math.max(...sizes)));
    await page.locator('#pcn-table button[data-column="list"]').focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator('#pcn-table th[aria-sort="ascending"]').count(), 1);
    assert.equal(await listCell(0), en(Math.min(...sizes)));
    const csvHref = await page.locator("#pcn-table a[download]").getAttribute("href");
    const csv = await (await fetch(`${served.url}${csvHref}`)).text();
    assert.equal(csv.trim().split("\n").length, overview.pcns.length + 1, "the CSV link serves every PCN");

    // The map: drawn, with far more than background pixels, and its legend.
    await page.locator('.icsplan-map[data-drawn="true"]').waitFor({ timeout: 30_000 });
    const pixels = (await page.evaluate(`(async () => {
      const canvas = document.querySelector(".icsplan-map canvas");
      const image = new Image();
      image.src = canvas.toDataURL("image/png");
      await image.decode();
      const c = document.createElement("canvas");
      c.width = image.width; c.height = image.height;
      const g = c.getContext("2d");
      g.drawImage(image, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let drawn = 0, green = 0;
      for (let i = 0; i < d.length; i += 4) {
        const [r, gr, b] = [d[i], d[i + 1], d[i + 2]];
        if (Math.abs(r - 0xf0) + Math.abs(gr - 0xf4) + Math.abs(b - 0xf5) > 24) drawn++;
        if (gr > r + 40 && gr > b) green++;
      }
      return { total: d.length / 4, drawn, green };
    })()`)) as { total: number; drawn: number; green: number };
    assert.ok(pixels.total > 100_000, `the canvas has ${pixels.total} pixels`);
    assert.ok(pixels.drawn / pixels.total > 0.02, `${pixels.drawn} of ${pixels.total} pixels are drawn`);
    assert.ok(
      overview.summary.bands.in === 0 || pixels.green > 100,
      "PCNs in the band are drawn in the band's green",
    );
    assert.ok((await page.locator(".icsplan-map-block .icsplan-legend__item").count()) >= 4);
    await shot("icb-overview");

    // A place of the ICB, from its table.
    const place = overview.subAreas[0]!.area;
    await page.locator("#place-table a", { hasText: place.name }).click();
    await page.waitForURL(`${served.url}/place/${place.code}`);
    const placeOverview = await api<Overview>(`/api/overview?demo=true&subIcb=${place.code}`);
    await page.locator("#area-summary").waitFor();
    await expectSynthetic();
    assert.equal(await summaryValue("area-summary", "Practices"), en(placeOverview.summary.practices));
    await page.locator('.icsplan-map[data-drawn="true"]').waitFor({ timeout: 30_000 });
    await shot("place-overview");
  });

  test("find a practice by words of its name, open its page; the figures are the API's", async () => {
    const found = await api<{ rows: PracticeRow[] }>("/api/practices/search?demo=true&q=health&limit=50");
    assert.ok(found.rows.length > 0, "the demo has practices named '… health …'");
    await page.goto(`${served.url}/`);
    await page.getByRole("link", { name: "Find a practice" }).first().click();
    await page.waitForURL(`${served.url}/practices`);
    await page.getByLabel("Practice name, postcode or ODS code").fill("health");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(`${served.url}/practices?q=health`);
    await page.locator("#search-results tbody tr").first().waitFor();
    await expectSynthetic();
    assert.equal(await page.locator("#search-results tbody tr").count(), found.rows.length);
    await shot("find-a-practice");

    const first = found.rows[0]!;
    await page.locator("#search-results a", { hasText: first.practice_name }).first().click();
    await page.waitForURL(`${served.url}/practice/${first.practice_code}`);
    await page.locator("#practice-summary").waitFor();
    await expectSynthetic();
    assert.equal(await page.locator("h1").innerText(), first.practice_name);
    assert.equal(await summaryValue("practice-summary", "ODS code"), first.practice_code);
    assert.equal(await summaryValue("practice-summary", "Registered patients"), en(first.list_size!));
    assert.match(await summaryValue("practice-summary", "PCN"), new RegExp(first.pcn_name));
    const pcn = await api<{ rows: PracticeRow[] }>(
      `/api/practices?demo=true&pcn=${encodeURIComponent(first.pcn_code)}`,
    );
    await page.locator("#pcn-practices tbody tr").first().waitFor();
    assert.equal(await page.locator("#pcn-practices tbody tr").count(), pcn.rows.length);
    assert.ok(pcn.rows.some((r) => r.practice_code === first.practice_code));
    await page.locator('.icsplan-map[data-drawn="true"]').waitFor({ timeout: 30_000 });
    const ringed = (await page.evaluate(`(async () => {
      const canvas = document.querySelector(".icsplan-map canvas");
      const image = new Image();
      image.src = canvas.toDataURL("image/png");
      await image.decode();
      const c = document.createElement("canvas");
      c.width = image.width; c.height = image.height;
      const g = c.getContext("2d");
      g.drawImage(image, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let yellow = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] > 230 && d[i + 1] > 210 && d[i + 2] < 120) yellow++;
      return yellow;
    })()`)) as number;
    assert.ok(ringed > 20, `the practice is ringed in yellow on the map (${ringed} pixels)`);
    await shot("practice");

    // A shared link opens the same page: the server answers index.html for app paths.
    await page.goto(`${served.url}/practice/${first.practice_code}`);
    await page.locator("#practice-summary").waitFor();
  });

  test("API errors are shown in the NHS error summary, naming the field and linking to it", async () => {
    await page.goto(`${served.url}/practices?q=a`);
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    await expectSynthetic();
    assert.equal(await summary.locator(".nhsuk-error-summary__heading").innerText(), "There is a problem");
    const problem = (await (await fetch(`${served.url}/api/practices/search?demo=true&q=a`)).json()) as {
      detail: string;
      field: string;
    };
    assert.equal(problem.field, "q");
    const item = summary.locator(".nhsuk-error-summary__list a");
    assert.equal(await item.getAttribute("href"), "#q", "the error links to the search field");
    assert.match(await item.innerText(), /^Search: /);
    assert.equal(await item.innerText(), `Search: ${problem.detail.replace(/^q: /, "")}`);
    assert.equal(await page.locator("#q-error").count(), 1, "the field carries its error message too");
    assert.equal(await page.evaluate("document.activeElement.className"), "nhsuk-error-summary");
    await shot("error-search");

    await page.goto(`${served.url}/icb/NOPE`);
    await page.locator(".nhsuk-error-summary").waitFor();
    const text = await page.locator(".nhsuk-error-summary__list").innerText();
    assert.match(text, /^ICB: no ICB has code or name 'NOPE'/);
    await shot("error-icb");
    assert.deepEqual(pageErrors, [], "no script error on any page");
  });

  test("network studio: a bad band is an error at its field; a design's metrics equal the API's, drawn beside today's map", async () => {
    const england = await api<Overview>("/api/overview?demo=true");
    const icb = england.subAreas[0]!.area;
    await page.goto(`${served.url}/icb/${icb.code}`);
    await page.getByRole("link", { name: /in the network studio/ }).click();
    await page.waitForURL(`${served.url}/studio/icb/${icb.code}`);
    await expectSynthetic();

    await page.getByLabel("Size band (patients)").fill("nonsense");
    await page.getByRole("button", { name: "Run the designer" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    const item = summary.locator(".nhsuk-error-summary__list a");
    assert.equal(await item.getAttribute("href"), "#band");
    assert.match(await item.innerText(), /^Size band: .*'nonsense'/);
    assert.equal(await page.locator("#band-error").count(), 1);

    const body = { demo: true, icb: icb.code, band: "30000-50000", seed: 7, iterations: 3000 };
    const res = await fetch(`${served.url}/api/networks/design`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200);
    const design = (await res.json()) as {
      networks: unknown[];
      today: { networks: number; inBand: number };
      proposal: { networks: number; inBand: number; under: number; over: number };
      changes: { practicesMoved: number; patientsMoved: number };
    };
    await page.getByLabel("Size band (patients)").fill(body.band);
    await page.getByLabel("Seed").fill(String(body.seed));
    await page.getByLabel("Moves to try (optional)").fill(String(body.iterations));
    await page.getByRole("button", { name: "Run the designer" }).click();
    await page.locator("#design-metrics").waitFor({ timeout: 60_000 });
    assert.equal(await summary.count(), 0, "the error is gone");
    const cells = async (measure: string) =>
      page.locator(`#design-metrics tr[data-measure="${measure}"] td`).allInnerTexts();
    assert.deepEqual(await cells("Networks"), [en(design.today.networks), en(design.proposal.networks)]);
    assert.deepEqual(await cells("30,000 to 50,000 patients"), [
      en(design.today.inBand),
      en(design.proposal.inBand),
    ]);
    assert.equal(await summaryValue("design-changes", "Practices moved"), en(design.changes.practicesMoved));
    assert.equal(await summaryValue("design-changes", "Patients moved"), en(design.changes.patientsMoved));
    assert.equal(await page.locator("#design-networks tbody tr").count(), design.networks.length);
    await page.locator('#design-map .icsplan-map[data-drawn="true"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.icsplan-map[data-drawn="true"]').count(), 2, "today and the design");
    await shot("network-studio");
    assert.deepEqual(pageErrors, [], "no script error on any page");
  });

  test("the initial JavaScript is under 300 KB gzipped; the map library is a separate chunk", () => {
    const html = readFileSync(join(webRoot, "index.html"), "utf8");
    const entries = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    assert.ok(entries.length >= 1, "index.html loads the app's entry");
    const bytes = entries.reduce((sum, e) => sum + gzipSync(readFileSync(join(webRoot, e))).length, 0);
    assert.ok(bytes < 300 * 1024, `initial JavaScript is ${bytes} bytes gzipped`);
    assert.ok(!entries.some((e) => e.includes("maplibre")));
  });
});
