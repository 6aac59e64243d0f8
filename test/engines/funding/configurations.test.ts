// Entitlements across configurations on the demo: saved design, merger and closure scenarios (written with
// saveScenario, as the networks and scenarios commands write them), a configuration CSV, and allocations
// saved as scenarios — all or nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { allocateReport, allocateRequestFromFlags } from "../../../src/app/funding-allocation.ts";
import { loadFundingData } from "../../../src/app/funding-data.ts";
import { entitlementsReport } from "../../../src/app/funding-entitlements.ts";
import { loadDemo } from "../../../src/app/load-demo.ts";
import { FundingRequestError } from "../../../src/engines/funding/allocation.ts";
import type { FundingPractice } from "../../../src/model/funding.ts";
import {
  getScenario,
  listScenarios,
  saveScenario,
  type ScenarioConfiguration,
  ScenarioExistsError,
} from "../../../src/store/repositories/scenarios.ts";
import type { Store } from "../../../src/store/store.ts";
import { memoryStore, tempFile } from "../../helpers.ts";

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

describe("entitlements follow saved configurations (demo)", () => {
  let store: Store;
  let practices: FundingPractice[];
  const today = (): ScenarioConfiguration => ({
    practices: practices.map((p) => ({
      practiceCode: p.code,
      networkCode: p.networkCode,
      networkName: p.networkName,
      listSize: p.listSize!,
      weightedList: p.weighted!.weighted,
    })),
    closed: [],
  });
  const save = (
    name: string,
    kind: "network-design" | "merger" | "closure",
    configuration: ScenarioConfiguration,
  ) =>
    saveScenario(store.db, {
      name,
      kind,
      synthetic: true,
      area: "Q99",
      mapDate: "2026-01-01",
      description: "test",
      request: {},
      result: {},
      configuration,
    });

  before(async () => {
    store = await memoryStore();
    await loadDemo(store, { seed: 2026 });
    practices = (await loadFundingData(store, { synthetic: true })).practices;
  });
  after(() => store.close());

  test("today's demo: every practice keeps its own published ratio", async () => {
    const r = await entitlementsReport(store, { synthetic: true, year: "2024-25" });
    assert.deepEqual(r.bases, { "official-ratio": 139 });
    assert.equal(r.configuration, null);
  });

  test("a design that moves one practice: its network contribution moves exactly, the total does not", async () => {
    const c = today();
    const mover = c.practices.find((p) => p.networkCode === "U99001")!;
    Object.assign(mover, { networkCode: "U99002", networkName: "DEMO CITY NORTH EAST PCN" });
    await save("design-move", "network-design", c);
    const r = await entitlementsReport(store, { synthetic: true, scenario: "design-move", year: "2024-25" });
    const cmp = r.configuration!.comparison;
    const contribution = r.today.practices.find((p) => p.code === mover.practiceCode)!.networkTotal;
    close(cmp.networks.find((n) => n.code === "U99001")!.change, -contribution, 0.01, "from");
    close(cmp.networks.find((n) => n.code === "U99002")!.change, contribution, 0.01, "to");
    close(cmp.totalChange, 0, 0.01, "total");
    assert.match(r.areaLabel, /Q99/);
  });

  test("a merger: the merged practice's weighted population is the sum of its parts; nothing else changes", async () => {
    const c = today();
    const [a, b] = c.practices.filter((p) => p.networkCode === "U99003");
    a!.listSize += b!.listSize;
    a!.mergedFrom = [a!.practiceCode, b!.practiceCode];
    c.practices = c.practices.filter((p) => p !== b);
    c.closed = [b!.practiceCode];
    await save("merge-two", "merger", c);
    const r = await entitlementsReport(store, { synthetic: true, scenario: "merge-two", year: "2024-25" });
    const merged = r.configuration!.entitlements.practices.find((p) => p.code === a!.practiceCode)!;
    const parts = r.today.practices.filter((p) => p.code === a!.practiceCode || p.code === b!.practiceCode);
    assert.equal(merged.basis, "merged");
    close(merged.weighted, parts[0]!.weighted + parts[1]!.weighted, 1e-6, "weighted");
    close(r.configuration!.comparison.totalChange, 0, 0.01, "total");
    assert.deepEqual(r.configuration!.closed, [b!.practiceCode]);
    assert.equal(r.configuration!.comparison.practices.find((p) => p.code === b!.practiceCode)!.after, null);
  });

  test("a closure: the closed practice's money goes; receivers gain the weighting their new patients carry", async () => {
    const c = today();
    const closing = c.practices.find((p) => p.networkCode === "U99005")!;
    const receiver = c.practices.find((p) => p.networkCode === "U99005" && p !== closing)!;
    const ownWeighted = receiver.weightedList!;
    // As the closure engine saves it: the movers bring the closing practice's weighting with them.
    receiver.listSize += closing.listSize;
    receiver.weightedList = ownWeighted + closing.weightedList!;
    c.practices = c.practices.filter((p) => p !== closing);
    c.closed = [closing.practiceCode];
    await save("close-one", "closure", c);
    const r = await entitlementsReport(store, { synthetic: true, scenario: "close-one", year: "2024-25" });
    const cmp = r.configuration!.comparison;
    const ratio = practices.find((p) => p.code === receiver.practiceCode)!.weighted!.ratio;
    const gained = r.configuration!.entitlements.practices.find((p) => p.code === receiver.practiceCode)!;
    close(gained.weighted, ownWeighted + closing.weightedList!, 1e-6, "receiver weighted");
    const closingRatio = closing.weightedList! / closing.listSize;
    assert.ok(Math.abs(closingRatio - ratio) > 1e-6, "the two practices' weightings differ");
    assert.ok(Math.abs(gained.weighted - receiver.listSize * ratio) > 1e-3, "not the receiver's own ratio");
    assert.ok(cmp.practices.find((p) => p.code === receiver.practiceCode)!.change > 0);
    close(cmp.practices.find((p) => p.code === closing.practiceCode)!.totalAfter, 0, 0, "closed");
  });

  test("a configuration CSV (practice_code,network_code): a practice put outside any PCN loses its network money", async () => {
    const p = practices.find((x) => x.networkCode === "U99010")!;
    const file = tempFile("design.csv", `practice_code,network_code\n${p.code},U\n`);
    const r = await entitlementsReport(store, { synthetic: true, configFile: file, year: "2024-25" });
    const before = r.today.practices.find((x) => x.code === p.code)!;
    close(
      r.configuration!.comparison.totalChange,
      -(before.networkTotal + before.items["network-participation"]!),
      0.01,
      "change",
    );
    assert.ok(r.configuration!.entitlements.caveats.length >= 0);
    assert.ok(r.caveats.some((c) => /practices of the area are not in .* and keep today's network/.test(c)));
  });

  test("bad configurations are refused clearly", async () => {
    await assert.rejects(
      entitlementsReport(store, { synthetic: true, scenario: "no-such-scenario" }),
      (e: Error) =>
        e instanceof FundingRequestError && /no saved scenario named 'no-such-scenario'/.test(e.message),
    );
    await assert.rejects(
      entitlementsReport(store, { synthetic: false, scenario: "close-one" }),
      /No practice → PCN map is loaded|was made on the synthetic demo: add --demo/,
    );
    const file = tempFile("bad.csv", "practice_code,network_code\nA99999,U99001\n");
    await assert.rejects(
      entitlementsReport(store, { synthetic: true, configFile: file }),
      (e: Error) =>
        e instanceof FundingRequestError &&
        /practice code is not in the area: A99999 \(line 2\)/.test(e.message),
    );
  });

  test("allocations save as scenarios, in one piece; an existing name is refused and nothing is written", async () => {
    const r = await allocateReport(
      store,
      allocateRequestFromFlags({ synthetic: true, fund: "250k", method: "need", save: "flex 2026" }),
    );
    assert.equal(r.saved!.name, "flex 2026");
    const saved = await getScenario(store.db, "flex 2026");
    assert.equal(saved!.kind, "allocation");
    const lines = (saved!.result as { lines: { pence: number }[] }).lines;
    assert.equal(
      lines.reduce((a, l) => a + l.pence, 0),
      25_000_000,
    );
    const before = await listScenarios(store.db);
    await assert.rejects(
      allocateReport(store, { synthetic: true, fundPence: 100, save: "flex 2026" }),
      ScenarioExistsError,
    );
    await assert.rejects(
      allocateReport(store, { synthetic: true, fundPence: -100, save: "never" }),
      FundingRequestError,
    );
    assert.throws(
      () => allocateRequestFromFlags({ synthetic: true, fund: "-1", save: "never" }),
      /--fund must be an amount of money ≥ £0; found '-1'/,
    );
    assert.deepEqual(await listScenarios(store.db), before);
    const replaced = await allocateReport(store, {
      synthetic: true,
      fundPence: 100,
      save: "flex 2026",
      replace: true,
    });
    assert.equal(replaced.saved!.replaced, true);
  });
});
