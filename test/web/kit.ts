// What the browser tests share: the app built once into a temporary folder, `icsplan serve`'s server in
// process on a copy of the synthetic demo store, one headless Debian Chromium (playwright-core, SwiftShader
// for WebGL), and the accessibility checks: axe-core's WCAG 2.2 A and AA rules, and a few of the app's own.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
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

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** WCAG 2.0–2.2 level A and AA: what the NHS service standard asks of a public service. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * The page's accessibility problems, one line each: every violation of axe-core's WCAG A and AA rules (rule,
 * impact, what it asks and the first elements that break it), then the app's own checks: one h1, a caption
 * for every table, a legend beside every map and chart, and a label for every control and a name for every
 * button, link and image (also axe's; kept so a message names the element plainly).
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  return [...(await axeViolations(page)), ...(await ownChecks(page))];
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ["violations"] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + (n.failureSummary ? " (" + n.failureSummary.replace(/\\s+/g, " ").slice(0, 160) + ")" : "")) })))`,
  )) as { id: string; impact: string | null; help: string; nodes: string[] }[];
  return violations.map((v) => `axe ${v.id} (${v.impact ?? "?"}): ${v.help}: ${v.nodes.join("; ")}`);
}

async function ownChecks(page: Page): Promise<string[]> {
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
