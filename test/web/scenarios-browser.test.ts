// Test tier: heavy (headless Chromium); run by `npm run test:heavy` and CI, not by `npm test`.
// The Scenarios page in Chromium on the synthetic demo (the app built and served in process; test/web/kit.ts):
// a closure chosen in the form and run through the API draws its flows of re-homed patients on the map
// (the canvas holds the flows' vermillion, not just background), and the figures shown (re-homed
// patients, each receiver's gain and list after, the PCNs touched, the ARRS effect) equal the API's own
// answer to the same request; the run is in the URL, so the link reopens it; a bad capacity shows the
// API's problem in the NHS error summary naming the field and linking to its control; a merger draws too.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { accessibilityProblems, SHOTS, startWorkspace, type Workspace } from "./kit.ts";

interface ClosureAnswer {
  totals: { placed: number; toRehome: number; receivingPractices: number };
  receivers: { code: string; gain: number; listAfter: number }[];
  pcns: { code: string; listAfter: number; arrsBefore: number | null; arrsAfter: number | null }[];
}

let workspace: Workspace | undefined;
let page: Page;
let base: string;
const pageErrors: string[] = [];

const en = (n: number) => Math.round(n).toLocaleString("en-GB");

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

/** Pixels of the map canvas unlike the background, and those of the flows' vermillion (#D55E00). */
async function canvasPixels(): Promise<{ total: number; drawn: number; flow: number }> {
  return (await page.evaluate(`(async () => {
    const canvas = document.querySelector("#flow-map canvas");
    const image = new Image();
    image.src = canvas.toDataURL("image/png");
    await image.decode();
    const c = document.createElement("canvas");
    c.width = image.width; c.height = image.height;
    const g = c.getContext("2d");
    g.drawImage(image, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let drawn = 0, flow = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, gr, b] = [d[i], d[i + 1], d[i + 2]];
      if (Math.abs(r - 0xf0) + Math.abs(gr - 0xf4) + Math.abs(b - 0xf5) > 24) drawn++;
      if (r > 190 && gr > 60 && gr < 150 && b < 90) flow++;
    }
    return { total: d.length / 4, drawn, flow };
  })()`)) as { total: number; drawn: number; flow: number };
}

before(async () => {
  workspace = await startWorkspace();
  page = workspace.page;
  base = workspace.served.url;
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

after(async () => {
  await workspace?.close();
});

describe("the Scenarios page in Chromium, on the demo", () => {
  test("a closure: chosen and run in the form, its flows drawn on the map, its figures the API's", async () => {
    const listing = (await (await fetch(`${base}/api/practices?demo=true&icb=Q99`)).json()) as {
      rows: { practice_code: string; practice_name: string; list_size: number | null }[];
    };
    const smallest = listing.rows
      .filter((r) => (r.list_size ?? 0) > 0)
      .sort((a, b) => a.list_size! - b.list_size!)[0]!;
    const expected = await post<ClosureAnswer>("/api/scenarios/closure", {
      demo: true,
      practices: [smallest.practice_code],
    });
    assert.ok(expected.receivers.length > 1, "the closure re-homes to several practices");

    await page.goto(`${base}/icb/Q99`);
    await page.getByRole("link", { name: /^Scenarios for / }).click();
    await page.waitForURL(`${base}/scenarios/icb/Q99`);
    await page
      .locator(`#practice-picker option[value="${smallest.practice_code}"]`)
      .waitFor({ state: "attached" });
    await page.getByLabel("Practice to close").selectOption(smallest.practice_code);
    await page.getByRole("button", { name: "Add practice" }).click();
    assert.equal(await page.locator("#chosen-practices li").count(), 1);
    await page.getByRole("button", { name: "Run the closure" }).click();
    await page.locator("#closure-result").waitFor();
    assert.match(page.url(), new RegExp(`practices=${smallest.practice_code}`), "the run is in the URL");

    const value = (key: string) =>
      page
        .locator("#closure-summary .nhsuk-summary-list__row", {
          has: page.locator(".nhsuk-summary-list__key", { hasText: new RegExp(`^${key}$`) }),
        })
        .locator(".nhsuk-summary-list__value")
        .innerText();
    assert.equal(await value("Patients to re-home"), en(expected.totals.toRehome));
    assert.equal(await value("Re-homed"), en(expected.totals.placed));
    assert.equal(await value("Receiving practices"), en(expected.totals.receivingPractices));

    // Receivers, largest gain first: each row's gain and list after are the API's.
    const rows = page.locator("#receiver-table tbody tr");
    assert.equal(await rows.count(), expected.receivers.length);
    const byGain = [...expected.receivers].sort((a, b) => b.gain - a.gain);
    assert.deepEqual(
      await page.locator('#receiver-table td[data-column="gain"]').allInnerTexts(),
      byGain.map((r) => en(r.gain)),
    );
    const first = byGain[0]!;
    assert.match(await rows.first().locator('td[data-column="name"]').innerText(), new RegExp(first.code));
    assert.equal(await rows.first().locator('td[data-column="after"]').innerText(), en(first.listAfter));

    // The flows table (the map's alternative): one flow per receiver, summing to the re-homed patients.
    const flows = (await page.locator('#flow-table td[data-column="patients"]').allInnerTexts()).map((t) =>
      Number(t.replace(/,/g, "")),
    );
    assert.equal(flows.length, expected.receivers.length);
    assert.equal(
      flows.reduce((a, n) => a + n, 0),
      expected.totals.placed,
    );

    // PCNs touched and the ARRS effect.
    assert.equal(await page.locator("#scenario-pcn-table tbody tr").count(), expected.pcns.length);
    const known = expected.pcns.filter((p) => p.arrsBefore !== null && p.arrsAfter !== null);
    const before = known.reduce((a, p) => a + p.arrsBefore!, 0);
    const afterArrs = known.reduce((a, p) => a + p.arrsAfter!, 0);
    const arrs = await page.locator("#arrs-effect").innerText();
    assert.ok(arrs.includes(`£${en(before)} before`), arrs);
    assert.ok(arrs.includes(`£${en(afterArrs)} after`), arrs);
    await page.locator('#band-shift-chart .icsplan-chart[data-drawn="true"]').waitFor();

    // The map: drawn, with the flows' colour on the canvas, and its legends.
    await page.locator('#flow-map .icsplan-map[data-drawn="true"]').waitFor({ timeout: 30_000 });
    const pixels = await canvasPixels();
    assert.ok(pixels.total > 100_000, `the canvas has ${pixels.total} pixels`);
    assert.ok(pixels.drawn / pixels.total > 0.01, `${pixels.drawn} of ${pixels.total} pixels are drawn`);
    assert.ok(pixels.flow > 200, `${pixels.flow} pixels are the flows' vermillion`);
    assert.ok((await page.locator("#flow-width-legend .icsplan-legend__item").count()) >= 2);
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.screenshot({ path: join(SHOTS, "scenarios-closure.png"), fullPage: true });
    await page.locator("#flow-map").screenshot({ path: join(SHOTS, "scenarios-closure-map.png") });

    // The link reopens the run.
    const link = page.url();
    await page.goto(`${base}/`);
    await page.goto(link);
    await page.locator("#closure-result").waitFor();
    assert.equal(await page.locator("#receiver-table tbody tr").count(), expected.receivers.length);
    assert.deepEqual(pageErrors, []);
  });

  test("a capacity the API rejects is shown in the error summary, naming the field and linking to it", async () => {
    await page.goto(`${base}/scenarios/icb/Q99?kind=closure`);
    const first = page.locator("#practice-picker option").nth(1);
    await first.waitFor({ state: "attached" });
    await page.getByLabel("Practice to close").selectOption((await first.getAttribute("value"))!);
    await page.getByRole("button", { name: "Add practice" }).click();
    await page.getByLabel("Capacity of each receiving practice").fill("lots");
    await page.getByRole("button", { name: "Run the closure" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    const text = await summary.innerText();
    assert.match(text, /There is a problem/);
    assert.match(text, /Cap: .*lots/);
    assert.equal(await summary.locator("a").first().getAttribute("href"), "#closure-cap");
    assert.equal(
      await page.evaluate("document.activeElement.classList.contains('nhsuk-error-summary')"),
      true,
    );
    assert.equal(await page.locator("#closure-result").count(), 0);
  });

  test("a merger: two practices of a PCN merged, the PCN table and flows drawn from the API's answer", async () => {
    const listing = (await (await fetch(`${base}/api/practices?demo=true&icb=Q99`)).json()) as {
      rows: { practice_code: string; pcn_code: string; lat: number | null; lon: number | null }[];
    };
    // Two practices of one PCN on different sites (a merger keeps every site; one line joins them).
    const pair = listing.rows
      .filter((r) => r.pcn_code !== "U" && r.lat !== null)
      .flatMap((a) =>
        listing.rows
          .filter((b) => b.pcn_code === a.pcn_code && b.lat !== null && (b.lat !== a.lat || b.lon !== a.lon))
          .map((b) => [a, b]),
      )[0]!;
    const codes = pair.map((p) => p.practice_code);
    const expected = await post<{ merged: { listSize: number }; pcns: unknown[] }>("/api/scenarios/merger", {
      demo: true,
      practices: codes,
    });
    await page.goto(`${base}/scenarios/icb/Q99?kind=merger&practices=${codes.join(",")}`);
    await page.locator("#merger-result").waitFor();
    assert.equal(await page.getByLabel("Merge practices").isChecked(), true);
    const list = await page
      .locator("#merger-summary .nhsuk-summary-list__row", { hasText: "Registered patients" })
      .locator(".nhsuk-summary-list__value")
      .innerText();
    assert.equal(list, en(expected.merged.listSize));
    assert.equal(await page.locator("#scenario-pcn-table tbody tr").count(), expected.pcns.length);
    await page.locator('#flow-map .icsplan-map[data-drawn="true"]').waitFor({ timeout: 30_000 });
    const mp = await canvasPixels();
    assert.ok(mp.flow > 20, `the merging practice line is drawn: ${JSON.stringify(mp)}`);
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.screenshot({ path: join(SHOTS, "scenarios-merger.png"), fullPage: true });
  });
});
