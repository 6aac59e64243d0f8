// Test tier: heavy (headless Chromium); run by `npm run test:heavy` and CI, not by `npm test`.
// End-to-end tests of the workforce and funding pages and the practice profile, in Debian's Chromium on
// the synthetic demo (test/web/kit.ts): each page's figures equal the API's answers to the same requests,
// its charts are drawn with a legend and a table beside them, it is labelled synthetic, and API errors are
// shown in the NHS error summary. Screenshots go to dist/web-screenshots (not committed).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { accessibilityProblems, SHOTS, startWorkspace, type Workspace } from "./kit.ts";

let workspace: Workspace;
let page: Page;
let url: string;
const pageErrors: string[] = [];

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${url}${path}`);
  assert.equal(res.status, 200, `${path} answers 200`);
  return (await res.json()) as T;
};

const whole = (n: number) => Math.round(n).toLocaleString("en-GB");
const dp = (n: number | null, places: number) =>
  n === null
    ? "–"
    : n.toLocaleString("en-GB", { minimumFractionDigits: places, maximumFractionDigits: places });
const pct1 = (f: number) =>
  `${(f * 100).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

const column = (table: string, key: string) =>
  page.locator(`#${table} tbody td[data-column="${key}"]`).allInnerTexts();

async function expectSynthetic() {
  const banner = page.locator(".icsplan-synthetic");
  await banner.waitFor();
  assert.match(await banner.innerText(), /synthetic/i);
}

async function shot(name: string) {
  assert.deepEqual(await accessibilityProblems(page), [], `accessibility of ${name}`);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

interface Area {
  code: string;
  name: string;
}
interface Point {
  label: string;
  figures: { per10k: { gpFte: number | null; partnerFte: number | null }; staff: { gpFte: number | null } };
}
interface Component {
  id: string;
  points: number;
  maxPoints: number;
}
interface Risky {
  rank: number;
  practice: Area;
  score: number;
  maxScore: number;
  flagged: boolean;
  components: Component[];
}

before(async () => {
  workspace = await startWorkspace();
  page = workspace.page;
  url = workspace.served.url;
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

after(async () => {
  await workspace?.close();
});

describe("the workforce and funding pages and the practice profile, on the demo", () => {
  let icb: Area;

  test("practice: the workforce trend and the risk components equal the profile's", async () => {
    const overview = await api<{ subAreas: { area: Area }[] }>("/api/overview?demo=true");
    icb = overview.subAreas[0]!.area;
    const risk = await api<{ practices: Risky[] }>(`/api/workforce/risk?demo=true&icb=${icb.code}&top=1`);
    const code = risk.practices[0]!.practice.code;
    const profile = await api<{
      workforce: { series: { points: Point[] } };
      payments: {
        series: { points: { fiscalYear: string; total: number | null; perRegistered: number | null }[] }[];
      };
      risk: Risky;
    }>(`/api/practices/${code}?demo=true`);
    const points = profile.workforce.series.points;
    assert.ok(points.length >= 3, "the demo has several workforce years");

    await page.goto(`${url}/practice/${code}`);
    await page.locator('#practice-workforce-chart .icsplan-chart[data-drawn="true"]').waitFor();
    await expectSynthetic();
    assert.equal(await page.locator("#practice-workforce-chart .icsplan-legend__item").count(), 2);
    assert.equal(await page.locator("#practice-workforce-table tbody tr").count(), points.length);
    assert.deepEqual(
      await column("practice-workforce-table", "gp10k"),
      points.map((p) => dp(p.figures.per10k.gpFte, 2)),
    );
    assert.deepEqual(
      await column("practice-workforce-table", "gp"),
      points.map((p) => dp(p.figures.staff.gpFte, 1)),
    );
    // The chart draws one dot per year with a GP figure, on each of its two lines.
    const withGp = points.filter((p) => p.figures.per10k.gpFte !== null).length;
    const withPartner = points.filter((p) => p.figures.per10k.partnerFte !== null).length;
    assert.equal(
      await page.locator("#practice-workforce-chart svg g[data-mark='dot'] circle").count(),
      withGp + withPartner,
    );
    // Payments: per registered patient and the totals by year, as the profile has them.
    const paid = profile.payments.series[0]!.points;
    assert.ok(paid.length >= 3, "the demo has several payments years");
    await page.locator('#practice-payments-chart .icsplan-chart[data-drawn="true"]').waitFor();
    assert.deepEqual(
      await column("practice-payments-table", "perRegistered"),
      paid.map((p) => (p.perRegistered === null ? "–" : `£${dp(p.perRegistered, 2)}`)),
    );
    assert.deepEqual(
      await column("practice-payments-table", "total"),
      paid.map((p) => (p.total === null ? "–" : `£${whole(p.total)}`)),
    );
    assert.deepEqual(
      await page.locator("#practice-risk tbody td[data-column='points']").allInnerTexts(),
      profile.risk.components.map((c) => `${c.points} of ${c.maxPoints}`),
    );
    assert.match(
      await page.locator("#practice-risk caption").innerText(),
      new RegExp(`${profile.risk.score} of ${profile.risk.maxScore} points`),
    );
    await shot("practice-profile");
  });

  test("workforce: reached from the ICB overview; trends, partners, risk and ARRS equal the API", async () => {
    const q = `demo=true&icb=${icb.code}`;
    const [trends, partners, risk, arrs] = await Promise.all([
      api<{
        scope: Area;
        periods: { label: string }[];
        total: { points: Point[] };
        areas: { area: Area }[];
      }>(`/api/workforce/trends?${q}&by=pcn`),
      api<{ rows: { area: Area; fte: { fraction: number } }[] }>(
        `/api/workforce/partners?${q}&by=pcn&top=10`,
      ),
      api<{ practices: Risky[] }>(`/api/workforce/risk?${q}&top=20`),
      api<{
        pcns: { pcn: Area; entitlement: number | null; cost: number; headroomNotComputed: string | null }[];
      }>(`/api/workforce/arrs?${q}`),
    ]);
    await page.goto(`${url}/icb/${icb.code}`);
    await page.getByRole("link", { name: /The workforce of/ }).click();
    await page.waitForURL(`${url}/workforce/icb/${icb.code}`);
    await page.locator('#workforce-trend-chart .icsplan-chart[data-drawn="true"]').waitFor();
    await page.locator("#arrs-table tbody tr").first().waitFor();
    await expectSynthetic();
    assert.equal(await page.locator("h1").innerText(), trends.scope.name);

    // Trends: the ICB's line over one grey line per PCN; the table has the ICB and every PCN.
    assert.equal(
      await page.locator("#workforce-trend-chart svg g[data-mark='line'] path").count(),
      trends.areas.length + 1,
    );
    assert.equal(await page.locator("#workforce-trend-table tbody tr").count(), trends.areas.length + 1);
    const last = trends.periods.length - 1;
    const icbRow = page.locator("#workforce-trend-table tbody tr").first();
    assert.equal(
      await icbRow.locator(`td[data-column="p${last}"]`).innerText(),
      dp(trends.total.points[last]!.figures.per10k.gpFte, 2),
    );

    // Partners: the fastest falls, in the API's order.
    assert.deepEqual(
      await column("partners-table", "name"),
      partners.rows.map((r) => `${r.area.name} (${r.area.code})`),
    );
    assert.deepEqual(
      await column("partners-table", "change"),
      partners.rows.map((r) => pct1(r.fte.fraction)),
    );

    // Risk: the top 20 with their scores and each component's points.
    assert.equal(await page.locator("#risk-table tbody tr").count(), risk.practices.length);
    assert.deepEqual(
      await column("risk-table", "score"),
      risk.practices.map((p) => `${p.score} of ${p.maxScore}${p.flagged ? " (flagged)" : ""}`),
    );
    const partnerPoints = await column("risk-table", "partners");
    assert.deepEqual(
      partnerPoints.map((t) => Number(/\((\d+)\)$/.exec(t)![1])),
      risk.practices.map((p) => p.components.find((c) => c.id === "partners")!.points),
    );

    // ARRS: every PCN, largest entitlement first.
    const byEntitlement = [...arrs.pcns].sort((a, b) => (b.entitlement ?? -1) - (a.entitlement ?? -1));
    assert.equal(await page.locator("#arrs-table tbody tr").count(), arrs.pcns.length);
    assert.deepEqual(
      await column("arrs-table", "entitlement"),
      byEntitlement.map((p) => (p.entitlement === null ? "–" : `£${whole(p.entitlement)}`)),
    );
    assert.deepEqual(
      await column("arrs-table", "cost"),
      byEntitlement.map((p) => `£${whole(p.cost)}`),
    );
    const headroom = await column("arrs-table", "headroom");
    byEntitlement.forEach((p, i) =>
      p.headroomNotComputed ? assert.equal(headroom[i], "not computed") : assert.match(headroom[i]!, /£/),
    );
    await shot("workforce");

    // By place: the select puts ?by=sub-icb in the URL; one line per place, the falls by place, as the API.
    const [placeTrends, placePartners] = await Promise.all([
      api<{ total: { area: Area; points: Point[] }; areas: { area: Area; points: Point[] }[] }>(
        `/api/workforce/trends?${q}&by=sub-icb`,
      ),
      api<{ rows: { area: Area; fte: { fraction: number } }[] }>(
        `/api/workforce/partners?${q}&by=sub-icb&top=10`,
      ),
    ]);
    assert.ok(placeTrends.areas.length >= 2, "the demo ICB has several places");
    await page.selectOption("#workforce-level", "sub-icb");
    await page.waitForURL(`${url}/workforce/icb/${icb.code}?by=sub-icb`);
    await page.locator("h2", { hasText: "GP FTE per 10,000 patients, by place" }).waitFor();
    await page.locator('#workforce-trend-chart .icsplan-chart[data-drawn="true"]').waitFor();
    assert.equal(
      await page.locator("#workforce-trend-chart svg g[data-mark='line'] path").count(),
      placeTrends.areas.length + 1,
    );
    assert.deepEqual(await column("workforce-trend-table", "name"), [
      placeTrends.total.area.name,
      ...placeTrends.areas.map((a) => a.area.name),
    ]);
    const place0 = placeTrends.areas[0]!;
    assert.equal(
      await page
        .locator("#workforce-trend-table tbody tr")
        .nth(1)
        .locator(`td[data-column="p${last}"]`)
        .innerText(),
      dp(place0.points.find((p) => p.label === trends.periods[last]!.label)!.figures.per10k.gpFte, 2),
    );
    await page.locator("h2", { hasText: "The places losing GP partners fastest" }).waitFor();
    assert.deepEqual(
      await column("partners-table", "name"),
      placePartners.rows.map((r) => `${r.area.name} (${r.area.code})`),
    );
    await shot("workforce-by-place");
    // The URL is shareable: opened afresh, it shows the places.
    await page.goto(`${url}/workforce/icb/${icb.code}?by=sub-icb`);
    await page.locator("h2", { hasText: "by place" }).waitFor();
    assert.equal(await page.locator("#workforce-level").inputValue(), "sub-icb");
  });

  test("funding: network entitlements and the equity audit equal the API; the chart follows its control", async () => {
    const q = `demo=true&icb=${icb.code}`;
    const [entitlements, audit] = await Promise.all([
      api<{ today: { networks: { code: string; name: string; total: number; registered: number }[] } }>(
        `/api/funding/entitlements?${q}`,
      ),
      api<{
        audit: {
          quintiles: { label: string; values: Record<string, number | null> }[];
          all: { values: Record<string, number | null> };
        };
      }>(`/api/funding/audit?${q}`),
    ]);
    await page.goto(`${url}/icb/${icb.code}`);
    await page.getByRole("link", { name: /The funding of/ }).click();
    await page.waitForURL(`${url}/funding/icb/${icb.code}`);
    await page.locator('#audit-chart .icsplan-chart[data-drawn="true"]').waitFor();
    await page.locator("#entitlements-table tbody tr").first().waitFor();
    await expectSynthetic();

    const networks = [...entitlements.today.networks].sort((a, b) => b.total - a.total);
    assert.equal(await page.locator("#entitlements-table tbody tr").count(), networks.length);
    assert.deepEqual(
      await column("entitlements-table", "total"),
      networks.map((n) => `£${whole(n.total)}`),
    );

    const rows = [...audit.audit.quintiles, audit.audit.all];
    const money = (v: number | null) => (v === null ? "–" : `£${dp(v, 2)}`);
    assert.deepEqual(
      await column("audit-table", "paymentsPerRegistered"),
      rows.map((r) => money(r.values.paymentsPerRegistered ?? null)),
    );
    assert.deepEqual(
      await column("audit-table", "gpFtePer10k"),
      rows.map((r) => dp(r.values.gpFtePer10k ?? null, 2)),
    );
    const bars = (measure: string) => audit.audit.quintiles.filter((r) => r.values[measure] != null).length;
    assert.equal(
      await page.locator("#audit-chart svg g[data-mark='bar'] rect").count(),
      bars("paymentsPerRegistered"),
    );
    assert.equal(await page.locator("#audit-chart .icsplan-legend__item").count(), 2);

    // The control: choosing another figure redraws the chart with that figure (its y axis label).
    await page.getByLabel("Figure to chart").selectOption("gpFtePer10k");
    await page.locator("#audit-chart svg", { hasText: "GP FTE per 10,000 patients" }).first().waitFor();
    assert.equal(await page.locator("#audit-chart svg g[data-mark='bar'] rect").count(), bars("gpFtePer10k"));
    await shot("funding");
  });

  test("an unknown ICB is one error in the NHS error summary on each page, naming the field", async () => {
    for (const path of ["workforce", "funding"]) {
      await page.goto(`${url}/${path}/icb/NOPE`);
      const summary = page.locator(".nhsuk-error-summary");
      await summary.waitFor();
      await expectSynthetic();
      assert.equal(await summary.locator(".nhsuk-error-summary__heading").innerText(), "There is a problem");
      await page.waitForFunction(`!document.body.innerText.includes("Loading…")`);
      const items = await summary.locator(".nhsuk-error-summary__list li").allInnerTexts();
      assert.equal(items.length, 1, `${path}: ${items.join(" | ")}`);
      assert.match(items[0]!, /^ICB: no ICB has code or name 'NOPE'/);
      if (path === "workforce") await shot("error-workforce");
    }
    assert.deepEqual(pageErrors, [], "no script error on any page");
  });
});
