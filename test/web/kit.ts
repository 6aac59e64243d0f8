// What the browser tests share: the app built once into a temporary folder, `icsplan serve`'s server in
// process on a copy of the synthetic demo store, one headless Debian Chromium (playwright-core, SwiftShader
// for WebGL), and the accessibility checks that need no axe-core.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { serveApi } from "../../src/api/serve.ts";
import { buildWeb } from "../../web/build.ts";
import { ROOT, tempDir, useDemoStore } from "../helpers.ts";

export const SHOTS = join(ROOT, "dist", "web-screenshots");

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--enable-unsafe-swiftshader",
];

export interface Workspace {
  webRoot: string;
  served: { url: string; close: () => Promise<void> };
  browser: Browser;
  page: Page;
  close: () => Promise<void>;
}

/**
 * Builds the app, serves it with the API on a copy of the demo store, and opens one page in Chromium. With
 * `demo`, serve makes the demo's sample plan as `serve --demo` (`npm start`) does; with `auth`, the server
 * requires login (`serve --auth`); `prepare` works on the store's folder before serve opens it.
 */
export async function startWorkspace(
  options: { demo?: boolean; auth?: boolean; prepare?: (dataDir: string) => Promise<void> } = {},
): Promise<Workspace> {
  const webRoot = join(tempDir("icsplan-web-"), "web");
  await buildWeb(webRoot);
  const dataDir = join(tempDir(), "store");
  useDemoStore(dataDir);
  await options.prepare?.(dataDir);
  const served = await serveApi({
    store: { dataDir, databaseUrl: undefined },
    port: 0,
    host: "127.0.0.1",
    demo: options.demo ?? false,
    ...(options.auth ? { auth: true } : {}),
    log: () => {},
    web: { webRoot },
  });
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return {
    webRoot,
    served,
    browser,
    page,
    close: async () => {
      await browser.close();
      await served.close();
    },
  };
}

/**
 * Checks of the page's accessibility that need no axe-core (not installed): one h1, a label for every
 * control, a name for every button, link and image, a caption for every table, a legend beside every map
 * and chart, a language, and no duplicate ids. Returns the problems found.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const problems = [];
    const name = (el) => (el.getAttribute("aria-label") || el.textContent || el.getAttribute("title") || "").trim();
    if (document.querySelectorAll("h1").length !== 1) problems.push("not exactly one h1");
    if (!document.documentElement.lang) problems.push("no lang on html");
    for (const el of document.querySelectorAll("input, select, textarea")) {
      const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.getAttribute("aria-label");
      if (!labelled) problems.push("control without a label: " + (el.id || el.outerHTML.slice(0, 60)));
    }
    for (const el of document.querySelectorAll("button, a[href]"))
      if (!name(el)) problems.push("unnamed " + el.tagName.toLowerCase() + ": " + el.outerHTML.slice(0, 80));
    for (const el of document.querySelectorAll("img, svg[role=img]"))
      if (!el.getAttribute("alt") && !el.getAttribute("aria-label")) problems.push("image without a name");
    for (const el of document.querySelectorAll("table")) if (!el.querySelector("caption")) problems.push("table without a caption");
    for (const el of document.querySelectorAll(".icsplan-map, .icsplan-chart")) {
      const block = el.closest(".icsplan-map-block, .icsplan-chart-block");
      if (!block || !block.querySelector(".icsplan-legend")) problems.push("map or chart without a legend");
    }
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push("duplicate id " + id);
    return problems;
  })()`)) as string[];
}
