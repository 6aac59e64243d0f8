// Values kept warm per store (src/app/warm.ts): the workforce history and the funding data are read once
// while the datasets are unchanged, read again after the datasets of their kind change, and a failed read
// is not kept. On the synthetic demo (copies of the demo store built once per run).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadFundingData } from "../../src/app/funding-data.ts";
import { loadDemo } from "../../src/app/load-demo.ts";
import { forgetWarm, readWarm } from "../../src/app/warm.ts";
import { readWorkforceHistory } from "../../src/app/workforce.ts";
import { partnerChanges } from "../../src/engines/workforce/partners.ts";
import { workforceTrends } from "../../src/engines/workforce/trends.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { importOne, shared, tempDir, useDemoStore } from "../helpers.ts";

/** A store holding the demo (seed 2026), as `icsplan demo` leaves it. */
async function demoStore(): Promise<Store> {
  const dir = join(tempDir(), "store");
  useDemoStore(dir);
  return openStore({ dataDir: dir, databaseUrl: undefined });
}

describe("warm values", () => {
  let store: Store;
  before(async () => {
    store = await demoStore();
  });
  after(() => store.close());

  test("the workforce history and the funding data are read once while the datasets are unchanged", async () => {
    const a = await readWorkforceHistory(store, { synthetic: true }, "map");
    const b = await readWorkforceHistory(store, { synthetic: true }, "map");
    assert.equal(a, b);
    assert.ok(a.rows.length > 0);
    // Another request is another value.
    const full = await readWorkforceHistory(store, { synthetic: true }, "full");
    assert.notEqual(full, a);
    const f1 = await loadFundingData(store, { synthetic: true });
    const f2 = await loadFundingData(store, { synthetic: true });
    assert.equal(f1, f2);
    const all = await loadFundingData(store, { synthetic: true, allPaymentYears: true });
    assert.notEqual(all, f1);
    assert.ok(all.paymentYears.length >= f1.paymentYears.length);
  });

  test("an import of real data leaves the demo's values; a new demo reads them again, equal", async () => {
    const before = await readWorkforceHistory(store, { synthetic: true }, "map");
    const funding = await loadFundingData(store, { synthetic: true });
    const outcome = await importOne(store, shared("practices/epraccur_2026-02.csv"));
    assert.equal(outcome.status, "imported");
    assert.equal(await readWorkforceHistory(store, { synthetic: true }, "map"), before);
    await loadDemo(store, { seed: 2026 });
    const again = await readWorkforceHistory(store, { synthetic: true }, "map");
    assert.notEqual(again, before);
    // The same figures, from the new demo's datasets.
    const figures = (h: typeof before) => h.rows.map(({ datasetId: _id, ...r }) => r);
    assert.deepEqual(figures(again), figures(before));
    assert.notDeepEqual(
      again.rows.map((r) => r.datasetId),
      before.rows.map((r) => r.datasetId),
    );
    const fundingAgain = await loadFundingData(store, { synthetic: true });
    assert.notEqual(fundingAgain, funding);
    assert.equal(fundingAgain.picture.practices.length, funding.picture.practices.length);
  });

  test("a warm full history serves a request for the map's, with the same trends and partner change", async () => {
    const fresh = await demoStore();
    try {
      // The equivalence this relies on: a history built from the map alone gives the same figures.
      const mapOnly = await readWorkforceHistory(fresh, { synthetic: true }, "map");
      const full = await readWorkforceHistory(fresh, { synthetic: true }, "full");
      assert.notEqual(mapOnly, full);
      for (const by of ["icb", "sub-icb", "pcn", "practice"] as const) {
        assert.deepEqual(workforceTrends(full, { by }), workforceTrends(mapOnly, { by }), by);
        assert.deepEqual(partnerChanges(full, { by }), partnerChanges(mapOnly, { by }), by);
      }
      // With the full history warm (and the map's not), a request for the map's is served by it.
      forgetWarm(fresh);
      const warmFull = await readWorkforceHistory(fresh, { synthetic: true }, "full");
      assert.equal(await readWorkforceHistory(fresh, { synthetic: true }, "map"), warmFull);
    } finally {
      await fresh.close();
    }
  });

  test("a failed read is not kept: the next call reads again", async () => {
    await assert.rejects(
      readWarm(store, true, "test|fails", () => Promise.reject(new Error("no such data"))),
      /no such data/,
    );
    assert.equal(await readWarm(store, true, "test|fails", () => Promise.resolve(42)), 42);
    assert.equal(await readWarm(store, true, "test|fails", () => Promise.resolve(43)), 42);
  });
});
