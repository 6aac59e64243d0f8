// Benchmark: the web workspace in headless Chromium on the synthetic demo (issue 11's figures): the first
// load of home with a cold browser cache, and the ICB overview's map and chart drawn after navigation from
// home (a warm server), both as the median and best of 5; the initial JavaScript's gzipped size.
// Targets: ICB overview drawn within 1.5 s of navigation; initial JavaScript under 300 KB gzipped.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serveApi } from "../src/api/serve.ts";
import { buildWeb } from "../web/build.ts";
import { freshDir, report } from "./common.ts";

const RUNS = 5;
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--enable-unsafe-swiftshader",
];

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0]!, median: s[Math.floor(s.length / 2)]! };
};

const { dir, cleanup } = freshDir("icsplan-bench-web-");
const webRoot = join(dir, "web");
await buildWeb(webRoot);
const served = await serveApi({
  store: { dataDir: join(dir, "store"), databaseUrl: undefined },
  port: 0,
  host: "127.0.0.1",
  demo: true,
  log: () => {},
  web: { webRoot },
});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
try {
  // Warm the server: its pictures and the overview of the ICB.
  const england = (await (await fetch(`${served.url}/api/overview?demo=true`)).json()) as {
    subAreas: { area: { code: string } }[];
  };
  const icb = england.subAreas[0]!.area.code;
  await fetch(`${served.url}/api/overview?demo=true&icb=${icb}`);
  await fetch(`${served.url}/api/networks/export.geojson?demo=true&icb=${icb}`);

  const home: number[] = [];
  const overview: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    let start = performance.now();
    await page.goto(`${served.url}/`);
    await page.locator("#england-summary").waitFor();
    home.push((performance.now() - start) / 1000);

    start = performance.now();
    await page.getByRole("button", { name: "Show the ICB" }).click();
    await page.locator('.icsplan-map[data-drawn="true"]').waitFor({ timeout: 60_000 });
    await page.locator('#pcn-band-chart .icsplan-chart[data-drawn="true"]').waitFor({ timeout: 60_000 });
    overview.push((performance.now() - start) / 1000);
    await context.close();
  }

  const html = readFileSync(join(webRoot, "index.html"), "utf8");
  const entries = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const initialGz = entries.reduce((sum, e) => sum + gzipSync(readFileSync(join(webRoot, e))).length, 0);
  const h = stats(home);
  const o = stats(overview);
  report("web-demo", {
    home_first_load_seconds_median: h.median,
    home_first_load_seconds_best: h.best,
    icb_map_and_chart_drawn_seconds_median: o.median,
    icb_map_and_chart_drawn_seconds_best: o.best,
    initial_js_kb_gzipped: initialGz / 1024,
  });
} finally {
  await browser.close();
  await served.close();
  cleanup();
}
