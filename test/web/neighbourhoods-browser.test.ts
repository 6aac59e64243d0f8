// Test tier: heavy (headless Chromium); run by `npm run test:heavy` and CI, not by `npm test`.
// The neighbourhoods and hubs page in headless Chromium on the synthetic demo: reached from the ICB overview,
// a band the API refuses is an error summary naming the field; it runs the two-level design as a job and
// draws both levels (its canvas holds far more than background), the practice table lists each of the demo's
// practices exactly once with the neighbourhood and area the job's result gives it, and the neighbourhood
// table's counts equal the result's; a hub placement is cancelled as it starts; then it places k = 2
// dermatology hubs (every k up to 2): two hub rows with the result's sites, red hub markers on the hub map,
// the access chart drawn with its table of five quintiles and the area, and a row per k. No accessibility
// problem on the page. Screenshots: dist/web-screenshots/neighbourhoods*.png (the page, the two-level map,
// the hubs map, the access chart).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import type { HubsResult, NeighbourhoodResult } from "../../web/src/neighbourhoods/types.ts";
import { accessibilityProblems, SHOTS, startWorkspace, type Workspace } from "./kit.ts";

let workspace: Workspace | undefined;
let page: Page;
let base: string;
const pageErrors: string[] = [];

before(async () => {
  workspace = await startWorkspace();
  page = workspace.page;
  base = workspace.served.url;
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

after(async () => {
  await workspace?.close();
});

/** Pixels of a map's canvas that differ from the plain background, and those near a colour. */
async function canvasPixels(selector: string, colour: [number, number, number]) {
  return (await page.evaluate(`(async () => {
    const canvas = document.querySelector(${JSON.stringify(`${selector} canvas`)});
    const image = new Image();
    image.src = canvas.toDataURL("image/png");
    await image.decode();
    const c = document.createElement("canvas");
    c.width = image.width; c.height = image.height;
    const g = c.getContext("2d");
    g.drawImage(image, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const [r0, g0, b0] = ${JSON.stringify(colour)};
    let drawn = 0, near = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - 0xf0) + Math.abs(d[i + 1] - 0xf4) + Math.abs(d[i + 2] - 0xf5) > 24) drawn++;
      if (Math.abs(d[i] - r0) + Math.abs(d[i + 1] - g0) + Math.abs(d[i + 2] - b0) < 40) near++;
    }
    return { total: d.length / 4, drawn, near };
  })()`)) as { total: number; drawn: number; near: number };
}

/** The result of the newest job of a kind, as the API holds it. */
async function newestResult<T>(kind: string): Promise<T> {
  const jobs = (await (await fetch(`${base}/api/jobs`)).json()) as {
    id: string;
    kind: string;
    status: string;
    startedAt: string;
  }[];
  const job = jobs.filter((j) => j.kind === kind && j.status === "done").at(-1);
  assert.ok(job, `a finished ${kind} job`);
  const view = (await (await fetch(`${base}/api/jobs/${job.id}`)).json()) as { result: T };
  return view.result;
}

const cells = (table: string, column: number) =>
  page
    .locator(`#${table} tbody tr`)
    .evaluateAll(
      (rows, c) => rows.map((r) => (r.querySelectorAll("td, th")[c as number]?.textContent ?? "").trim()),
      column,
    );

describe("the neighbourhoods and hubs page", () => {
  test("two levels drawn and tabled; two hubs placed with the access chart; no accessibility problem", async () => {
    await page.goto(`${base}/icb/Q99`);
    await page.locator("#neighbourhoods-link").click();
    await page.waitForURL(`${base}/neighbourhoods/icb/Q99`);
    assert.match(await page.locator(".icsplan-synthetic").innerText(), /synthetic/i);

    // A band the API refuses: the error summary names the field and links to its control.
    await page.locator("#nbh-band").fill("50000-30000");
    await page.locator("#nbh-run").click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor({ timeout: 30_000 });
    assert.match(await summary.innerText(), /Size band: /);
    assert.equal(await summary.locator("a").first().getAttribute("href"), "#nbh-band");
    assert.equal(await page.locator("#nbh-band-error").count(), 1);
    await page.locator("#nbh-band").fill("30000-50000");

    // (a) The two-level design, with its defaults.
    assert.equal(await page.locator("#nbh-band").inputValue(), "30000-50000");
    assert.equal(await page.locator("#nbh-area-band").inputValue(), "200000-300000");
    await page.locator("#nbh-run").click();
    await page.locator('#nbh-map .icsplan-map[data-drawn="true"]').waitFor({ timeout: 60_000 });
    const result = await newestResult<NeighbourhoodResult>("neighbourhoods-design");
    const d = result.designs[0]!;
    assert.equal(result.synthetic, true);
    assert.equal(d.practices.length, 139);
    // The map's collection: a polygon per neighbourhood and per area, a point per practice with a site.
    const levelOf = (level: string, kind: string) =>
      result.geojson!.features.filter((f) => f.properties.level === level && f.properties.kind === kind);
    assert.equal(levelOf("neighbourhood", "network").length, d.neighbourhoods.length);
    assert.equal(levelOf("area", "network").length, d.areas.length);
    assert.equal(levelOf("neighbourhood", "practice").length, 139);

    const pixels = await canvasPixels("#nbh-map", [0x21, 0x2b, 0x32]);
    assert.ok(pixels.total > 100_000, `the canvas has ${pixels.total} pixels`);
    assert.ok(pixels.drawn / pixels.total > 0.05, `${pixels.drawn} of ${pixels.total} pixels are drawn`);
    assert.ok(pixels.near > 500, `${pixels.near} pixels of area outlines and practice points`);

    // The neighbourhood table: one row per neighbourhood, with the result's area, patients and practices.
    const labels = await cells("nbh-table", 0);
    assert.equal(labels.length, d.neighbourhoods.length);
    assert.deepEqual([...labels].sort(), d.neighbourhoods.map((n) => n.label).sort());
    const byLabel = new Map(d.neighbourhoods.map((n) => [n.label, n]));
    const areas = await cells("nbh-table", 1);
    const patients = await cells("nbh-table", 2);
    const practices = await cells("nbh-table", 3);
    labels.forEach((l, i) => {
      const n = byLabel.get(l)!;
      assert.equal(areas[i], n.area);
      assert.equal(patients[i], n.listSize.toLocaleString("en-GB"));
      assert.equal(practices[i], String(n.practices.length));
    });
    assert.equal(
      practices.reduce((s, x) => s + Number(x), 0),
      139,
      "the neighbourhoods' practices add up to every practice",
    );
    assert.equal((await cells("nbh-area-table", 0)).length, d.areas.length);

    // Every practice exactly once, in the neighbourhood and area the result gives it.
    await page.locator("#nbh-practice-table").evaluate((t) => t.closest("details")!.setAttribute("open", ""));
    const codes = await cells("nbh-practice-table", 1);
    assert.equal(codes.length, 139);
    assert.equal(new Set(codes).size, 139);
    const rowNbh = await cells("nbh-practice-table", 2);
    const rowArea = await cells("nbh-practice-table", 3);
    const expected = new Map(d.practices.map((p) => [p.practice_code, p]));
    codes.forEach((c, i) => {
      assert.equal(rowNbh[i], expected.get(c)!.neighbourhood_code, c);
      assert.equal(rowArea[i], expected.get(c)!.area_code, c);
    });
    assert.match(
      await page.locator("#nbh-summary").innerText(),
      new RegExp(
        `139 practices .* in ${d.neighbourhoods.length} neighbourhoods .* ${d.areas.length} multi-neighbourhood areas`,
      ),
    );

    // (b) A placement of every k up to 6, cancelled as soon as it starts: it ends cancelled, nothing drawn.
    // The server runs in this process and the job holds it, so the page itself clicks Cancel as soon as the
    // button appears (the cancel lands before the next k).
    await page.locator("#hub-k").fill("6");
    await page.evaluate(`(() => {
      const observer = new MutationObserver(() => {
        const cancel = document.getElementById("hub-cancel");
        if (cancel) { observer.disconnect(); cancel.click(); }
      });
      observer.observe(document.body, { childList: true, subtree: true });
      document.getElementById("hub-run").click();
    })()`);
    await page
      .locator("#hub-status", { hasText: "The placement was cancelled" })
      .waitFor({ timeout: 60_000 });
    assert.equal(await page.locator("#hub-table").count(), 0);
    const jobs = (await (await fetch(`${base}/api/jobs`)).json()) as { kind: string; status: string }[];
    assert.ok(jobs.some((j) => j.kind === "hubs" && j.status === "cancelled"));

    // Two dermatology hubs, p-median, every k up to 2.
    await page.locator("#hub-k").fill("2");
    await page.locator("#hub-run").click();
    await page.locator("#hub-table").waitFor({ timeout: 60_000 });
    await page.locator('#hub-map .icsplan-map[data-drawn="true"]').waitFor({ timeout: 30_000 });
    await page.locator('#hub-access-chart .icsplan-chart[data-drawn="true"]').waitFor({ timeout: 30_000 });
    const hubs = await newestResult<HubsResult>("hubs");
    assert.deepEqual(
      hubs.placements.map((p) => p.k),
      [1, 2],
    );
    const sites = await cells("hub-table", 0);
    assert.deepEqual(
      sites,
      hubs.placements[1]!.hubs.map((h) => h.code),
    );
    assert.deepEqual([...sites].sort(), ["Z90042", "Z90052"]);
    const red = await canvasPixels("#hub-map", [0xd5, 0x28, 0x1b]);
    assert.ok(red.drawn / red.total > 0.005, `${red.drawn} of ${red.total} pixels are drawn`);
    assert.ok(red.near > 150, `${red.near} pixels of hub markers`);
    // The chart has bars for five quintiles and the area, before and after.
    assert.equal(await page.locator("#hub-access-chart svg rect").count(), 12);
    assert.deepEqual(await cells("hub-access-table", 0), ["Q1", "Q2", "Q3", "Q4", "Q5", "All"]);
    const after = await cells("hub-access-table", 3);
    assert.equal(after[5], `${hubs.placements[1]!.access.overall.meanKm!.toFixed(2)} km`);
    assert.deepEqual(await cells("hub-k-table", 0), ["1", "2"]);

    await page.locator("#nbh-map").screenshot({ path: join(SHOTS, "neighbourhoods-map.png") });
    await page.locator("#hub-map").screenshot({ path: join(SHOTS, "neighbourhoods-hubs-map.png") });
    await page
      .locator("#hub-access-chart")
      .screenshot({ path: join(SHOTS, "neighbourhoods-hubs-chart.png") });
    await page.screenshot({ path: join(SHOTS, "neighbourhoods.png"), fullPage: true });
    assert.deepEqual(await accessibilityProblems(page), []);
    assert.deepEqual(pageErrors, []);
  });
});
