// Test tier: heavy (headless Chromium); run by `npm run test:heavy` and CI, not by `npm test`.
// The deprivation choropleth by LSOA on the ICB and place overviews, in Chromium. The synthetic demo has
// LSOA registrations but no LSOA lookup or polygons: its overview says so in a sentence (the API's own
// words) and draws no LSOA map. A store with the real Staffordshire and Stoke-on-Trent (QNC) LSOAs (the
// ONS LSOA 2021 lookups, QNC's 697 super-generalised polygons, IMD 2025 by LSOA, the January 2026 map)
// draws them: the canvas holds the palette's colours, the legend has the ten deciles, and the table's
// count of LSOAs in each decile is the API's GeoJSON's. The palette's pure parts are checked by hand.
import assert from "node:assert/strict";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { DECILE_COLOURS, decileCounts, decileFill } from "../../web/src/deprivation/lsoa.ts";
import type { FeatureCollection } from "../../web/src/map-style.ts";
import { importedStore, shared } from "../helpers.ts";
import { accessibilityProblems, SHOTS, startWorkspace, type Workspace } from "./kit.ts";

const QNC_FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "boundaries/lookups/lsoa21_sicbl24_icb24_en_apr2024.csv",
  "boundaries/lookups/lsoa21_ward24_lad24_ew.csv",
  "boundaries/lsoa21/lsoa21_bsc_v4_staffs_stoke.geojson",
  "deprivation/iod2025_imd_rank_decile_lsoa21.csv",
];

/** Relative luminance (WCAG) of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Canvas pixels of the LSOA map, and those within a small distance of one of the palette's colours. */
async function canvasPixels(page: Page): Promise<{ total: number; palette: number; byColour: number[] }> {
  return (await page.evaluate(`(async () => {
    const colours = ${JSON.stringify(DECILE_COLOURS)}.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
    const canvas = document.querySelector("#lsoa-map canvas");
    const image = new Image();
    image.src = canvas.toDataURL("image/png");
    await image.decode();
    const c = document.createElement("canvas");
    c.width = image.width; c.height = image.height;
    const g = c.getContext("2d");
    g.drawImage(image, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let palette = 0;
    const byColour = colours.map(() => 0);
    for (let i = 0; i < d.length; i += 16) {
      const k = colours.findIndex(([r, gr, b]) => Math.abs(d[i] - r) + Math.abs(d[i + 1] - gr) + Math.abs(d[i + 2] - b) < 40);
      if (k >= 0) { palette++; byColour[k]++; }
    }
    return { total: d.length / 16, palette, byColour };
  })()`)) as { total: number; palette: number; byColour: number[] };
}

describe("the deprivation palette", () => {
  test("ten colours, darkest first, each lighter than the last (so it reads without hue)", () => {
    assert.equal(DECILE_COLOURS.length, 10);
    for (let i = 1; i < 10; i++)
      assert.ok(luminance(DECILE_COLOURS[i]!) > luminance(DECILE_COLOURS[i - 1]!), `decile ${i + 1}`);
    // The fill expression maps decile d to the d-th colour, and anything else to the no-decile grey.
    const pairs = decileFill.slice(2, -1) as (number | string)[];
    for (let d = 1; d <= 10; d++) assert.equal(pairs[pairs.indexOf(d) + 1], DECILE_COLOURS[d - 1]);
  });

  test("counts by decile by hand, with the LSOAs lacking a decile last", () => {
    const f = (d: unknown) => ({
      type: "Feature" as const,
      geometry: { type: "Point", coordinates: [0, 0] },
      properties: { imd_decile: d },
    });
    const rows = decileCounts({ type: "FeatureCollection", features: [f(1), f(1), f(10), f(null)] });
    assert.equal(rows.length, 11);
    assert.deepEqual(
      rows.filter((r) => r.lsoas > 0).map((r) => [r.decile, r.lsoas, r.share]),
      [
        [1, 2, 0.5],
        [10, 1, 0.25],
        [null, 1, 0.25],
      ],
    );
  });
});

describe("the LSOA choropleth in Chromium", () => {
  let demo: Workspace | undefined;
  let real: Workspace | undefined;
  after(async () => {
    await demo?.close();
    await real?.close();
  });

  test("the demo has no LSOA lookup: the overview says so in the API's words, and draws no LSOA map", async () => {
    demo = await startWorkspace();
    const { page } = demo;
    const base = demo.served.url;
    const res = await fetch(`${base}/api/lsoas.geojson?demo=true&icb=Q99`);
    assert.equal(res.status, 404);
    const detail = ((await res.json()) as { detail: string }).detail;
    await page.goto(`${base}/icb/Q99`);
    const absent = page.locator("#lsoa-map-absent");
    await absent.waitFor();
    const text = await absent.innerText();
    assert.match(text, /^Deprivation cannot be mapped by LSOA for this area: /);
    assert.ok(text.includes(detail.replace(/\.$/, "")), text);
    assert.equal(await page.locator("#lsoa-map").count(), 0);
    assert.equal(await page.locator(".nhsuk-error-summary").count(), 0, "absent data is not an error");
    assert.deepEqual(await accessibilityProblems(page), []);
    await demo.close();
    demo = undefined;
  });

  test("QNC's 697 real LSOAs: drawn in the palette, ten deciles in the legend, the table's counts the API's", async () => {
    real = await startWorkspace({
      prepare: async (dataDir) => {
        const { store } = await importedStore(
          QNC_FILES.map((p) => shared(p)),
          { expect: "imported" },
        );
        rmSync(dataDir, { recursive: true, force: true });
        cpSync(store.location, dataDir, { recursive: true });
        rmSync(join(dataDir, "icsplan.lock"), { force: true });
        await store.close();
      },
    });
    const { page } = real;
    const base = real.served.url;
    const lsoas = (await (await fetch(`${base}/api/lsoas.geojson?icb=QNC`)).json()) as FeatureCollection;
    assert.equal(lsoas.features.length, 697);
    const expected = decileCounts(lsoas);

    await page.goto(`${base}/icb/QNC`);
    await page.locator('#lsoa-map .icsplan-map[data-drawn="true"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator(".icsplan-synthetic").count(), 0, "real data carries no demo banner");
    const counts = await page.locator("#lsoa-decile-table tbody td:nth-of-type(1)").allInnerTexts();
    assert.deepEqual(
      counts,
      expected.map((r) => r.lsoas.toLocaleString("en-GB")),
    );
    assert.equal(
      counts.reduce((a, c) => a + Number(c.replace(/,/g, "")), 0),
      697,
    );
    assert.match(await page.locator("#lsoa-decile-caption").innerText(), /697 LSOAs/);
    assert.equal(await page.locator("#lsoa-map .icsplan-legend__item").count(), 10);
    await page.locator("#lsoa-map").screenshot({ path: join(SHOTS, "lsoa-qnc.png") });
    const pixels = await canvasPixels(page);
    assert.ok(
      pixels.palette / pixels.total > 0.05,
      `${pixels.palette} of ${pixels.total} sampled pixels in the palette`,
    );
    // Every decile with at least 20 LSOAs shows on the canvas in its own colour.
    expected.forEach((r, i) => {
      if (r.decile !== null && r.lsoas >= 20)
        assert.ok(pixels.byColour[i]! > 0, `decile ${r.decile} is drawn`);
    });
    assert.deepEqual(await accessibilityProblems(page), []);

    // A place of QNC: only its LSOAs.
    const place = lsoas.features[0]!.properties.sub_icb_code as string;
    const own = lsoas.features.filter((f) => f.properties.sub_icb_code === place).length;
    await page.goto(`${base}/place/${place}`);
    await page.locator('#lsoa-map .icsplan-map[data-drawn="true"]').waitFor({ timeout: 30_000 });
    assert.match(await page.locator("#lsoa-decile-caption").innerText(), new RegExp(`${own} LSOAs`));
  });
});
