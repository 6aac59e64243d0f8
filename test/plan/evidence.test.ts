// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// Evidence that stays true: after an import the plan shows which evidence is out of date and what changed,
// and refreshing runs the use cases again. On the demo (a new demo replaces every dataset) and on real data
// (a newer PCN map of Staffordshire and Stoke-on-Trent, QNC, imported after the plan was made).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runDemoClosure, saveClosure } from "../../src/app/closure.ts";
import { loadDemo } from "../../src/app/load-demo.ts";
import { overview } from "../../src/app/overview.ts";
import { newPlan, planView, refreshPlanEvidence } from "../../src/app/plan.ts";
import { evidenceValue } from "../../src/engines/plan/figures.ts";
import { evidenceFreshness, type StoredDataset } from "../../src/engines/plan/staleness.ts";
import type { EvidenceItem } from "../../src/model/plan.ts";
import { deleteScenario } from "../../src/store/repositories/scenarios.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempDir, useDemoStore } from "../helpers.ts";

describe("evidence freshness (pure)", () => {
  const item: EvidenceItem = {
    key: "population",
    title: "t",
    useCase: "overview",
    request: {},
    summary: {},
    createdAt: "2026-03-01T10:00:00.000Z",
    datasets: [{ id: 3, source: "map", period: "January 2026", referenceDate: "2026-01-01", sha256: "aa" }],
  };
  const ds = (d: Partial<StoredDataset>): StoredDataset => ({
    id: 3,
    source: "map",
    period: "January 2026",
    referenceDate: "2026-01-01",
    sha256: "aa",
    importedAt: "2026-02-01T00:00:00.000Z",
    ...d,
  });
  test("unchanged datasets: fresh", () => {
    assert.equal(evidenceFreshness(item, [ds({})]).fresh, true);
  });
  test("replaced, removed, changed and newer datasets: stale, saying what changed", () => {
    assert.match(
      evidenceFreshness(item, [ds({ id: 9 })]).changes[0]!,
      /replaced by a new import \(dataset 9\)/,
    );
    assert.match(evidenceFreshness(item, []).changes[0]!, /removed from the store/);
    assert.match(evidenceFreshness(item, [ds({ sha256: "bb" })]).changes[0]!, /the file changed/);
    const newer = ds({
      id: 4,
      period: "July 2026",
      referenceDate: "2026-07-01",
      importedAt: "2026-03-02T00:00:00.000Z",
    });
    assert.match(evidenceFreshness(item, [ds({}), newer]).changes[0]!, /July 2026 imported since/);
    // A newer dataset already there when the evidence was made is the evidence's own choice, not news.
    const older = { ...newer, importedAt: "2026-02-15T00:00:00.000Z" };
    assert.equal(evidenceFreshness(item, [ds({}), older]).fresh, true);
  });
});

describe("evidence of the saved scenarios (pure)", () => {
  const item: EvidenceItem = {
    key: "resilience",
    title: "t",
    useCase: "scenarios list",
    request: {},
    summary: { scenarios: 1, rows: [{ name: "close A", kind: "closure" }] },
    createdAt: "2026-03-01T10:00:00.000Z",
    datasets: [],
  };
  test("the same scenarios: fresh; one saved or deleted since: stale, naming it", () => {
    assert.equal(
      evidenceFreshness(item, [], { scenarios: [{ name: "close A", kind: "closure" }] }).fresh,
      true,
    );
    const saved = evidenceFreshness(item, [], {
      scenarios: [
        { name: "close A", kind: "closure" },
        { name: "merge B", kind: "merger" },
      ],
    });
    assert.deepEqual(saved.changes, ['scenario "merge B" (merger) saved since']);
    assert.deepEqual(evidenceFreshness(item, [], { scenarios: [] }).changes, [
      'scenario "close A" (closure) deleted since',
    ]);
  });
});

describe("on the demo", () => {
  let store: Store;
  before(async () => {
    const dir = join(tempDir("icsplan-plan-ev-"), "store");
    useDemoStore(dir);
    store = await openStore({ dataDir: dir });
  });
  after(async () => store?.close());

  test("a closure saved after the plan makes its resilience evidence stale; refresh lists it", async () => {
    await newPlan(store, { synthetic: true, icb: "Q99", name: "resilient" });
    const before = (await planView(store, "resilient")).evidence.find((e) => e.key === "resilience")!;
    const outcome = await runDemoClosure(store);
    await saveClosure(store, outcome, "close the smallest");
    let view = await planView(store, "resilient");
    const resilience = view.freshness.find((f) => f.key === "resilience")!;
    assert.equal(resilience.fresh, false);
    assert.deepEqual(resilience.changes, ['scenario "close the smallest" (closure) saved since']);
    await refreshPlanEvidence(store, "resilient", ["resilience"]);
    view = await planView(store, "resilient");
    assert.ok(view.freshness.find((f) => f.key === "resilience")!.fresh);
    const after = view.evidence.find((e) => e.key === "resilience")!;
    assert.equal(after.summary.scenarios, (before.summary.scenarios as number) + 1);
    await deleteScenario(store.db, "close the smallest");
    assert.equal(
      (await planView(store, "resilient")).freshness.find((f) => f.key === "resilience")!.fresh,
      false,
    );
  });

  test("a new demo makes every item stale; refresh makes them fresh with the new figures", async () => {
    await newPlan(store, { synthetic: true, icb: "Q99", name: "p" });
    assert.ok((await planView(store, "p")).freshness.every((f) => f.fresh));
    await loadDemo(store, { seed: 7 });
    const stale = (await planView(store, "p")).freshness.filter((f) => !f.fresh);
    assert.ok(
      stale.some((f) => f.key === "population" && f.changes.some((c) => /replaced by a new import/.test(c))),
    );
    const { refreshed } = await refreshPlanEvidence(store, "p");
    assert.ok(refreshed.includes("population") && refreshed.includes("arrs"));
    const view = await planView(store, "p");
    assert.ok(
      view.freshness.every((f) => f.fresh),
      JSON.stringify(view.freshness.filter((f) => !f.fresh)),
    );
    const o = await overview(store, { synthetic: true, icb: "Q99" });
    assert.equal(evidenceValue(view.evidence, "population", "patients"), o.summary.patients);
  });
});

describe("on real data (QNC)", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    await importOne(store, shared("practices/epraccur_2026-02.csv"));
    await importOne(store, shared("registrations/gp-reg-pat-prac-map_2026-01.csv"));
    await importOne(store, shared("registrations/gp-reg-pat-prac-all_2025-04.csv"));
  });
  after(async () => store?.close());

  test("the template's figures are the overview's; missing data is marked; a newer map makes them stale", async () => {
    const plan = await newPlan(store, { synthetic: false, icb: "QNC" });
    assert.equal(plan.name, "QNC");
    assert.match(plan.content.area.name, /Staffordshire and Stoke-on-Trent/);
    let view = await planView(store, "QNC");
    const o = await overview(store, { icb: "QNC" });
    assert.equal(evidenceValue(view.evidence, "population", "patients"), o.summary.patients);
    assert.equal(evidenceValue(view.evidence, "population", "practices"), o.summary.practices);
    const workforce = view.freshness.find((f) => f.key === "workforce-trends")!;
    assert.match(workforce.unavailable ?? "", /workforce/i);
    assert.ok(view.freshness.find((f) => f.key === "population")!.fresh);

    await importOne(store, shared("registrations/2026-07/gp-reg-pat-prac-map_2026-07.csv"));
    await importOne(store, shared("registrations/2026-07/gp-reg-pat-prac-all_2026-07_from-quin-age.csv"));
    view = await planView(store, "QNC");
    const population = view.freshness.find((f) => f.key === "population")!;
    assert.equal(population.fresh, false);
    assert.ok(
      population.changes.some((c) => /July 2026 imported since/.test(c)),
      population.changes.join("; "),
    );
    await refreshPlanEvidence(store, "QNC", ["population"]);
    view = await planView(store, "QNC");
    assert.equal(evidenceValue(view.evidence, "population", "date"), "2026-07-01");
    const now = await overview(store, { icb: "QNC" });
    assert.equal(evidenceValue(view.evidence, "population", "patients"), now.summary.patients);
  });
});
