// The derived cache: values reused while their datasets are unchanged, rebuilt when they change, identical
// to a fresh build (the picture and the funding model's estimates round-trip through JSON exactly).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { loadFundingData } from "../../src/app/funding-data.ts";
import { loadDemo } from "../../src/app/load-demo.ts";
import {
  cachedJson,
  clearDerivedCache,
  datasetFingerprint,
} from "../../src/store/repositories/derived-cache.ts";
import { loadMapPicture, loadPicture } from "../../src/app/load-picture.ts";
import { loadWorkforceHistory } from "../../src/store/repositories/workforce.ts";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared } from "../helpers.ts";

const rows = async (store: Store) =>
  (await sql<{ key: string }>`select key from derived_cache order by key`.execute(store.db)).rows.map(
    (r) => r.key,
  );

describe("derived cache", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    await loadDemo(store, { seed: 2026 });
  });
  after(() => store.close());

  test("a value is built once per fingerprint of its inputs, and rebuilt when they change", async () => {
    let builds = 0;
    const build = async () => ({ n: ++builds, nested: [1.5, null, "ü"] });
    assert.deepEqual(await cachedJson(store.db, "test|a", "x", build), { n: 1, nested: [1.5, null, "ü"] });
    assert.deepEqual(await cachedJson(store.db, "test|a", "x", build), { n: 1, nested: [1.5, null, "ü"] });
    assert.equal((await cachedJson(store.db, "test|a", "y", build)).n, 2);
    assert.equal((await cachedJson(store.db, "test|a", "y", build)).n, 2);
    assert.equal(builds, 2);
    await clearDerivedCache(store.db);
    assert.deepEqual(await rows(store), []);
  });

  test("the picture read back from the cache equals the picture built from the datasets", async () => {
    await clearDerivedCache(store.db);
    const built = await loadPicture(store.db, { synthetic: true });
    assert.deepEqual(await rows(store), ["picture|demo|default"]);
    const cached = await loadPicture(store.db, { synthetic: true });
    assert.deepStrictEqual(cached, built);
    assert.notEqual(cached, built);
  });

  test("the workforce history read back from the cache equals a fresh build, maps included", async () => {
    await clearDerivedCache(store.db);
    for (const picture of ["map", "full"] as const) {
      const options = {
        synthetic: true,
        picture,
        loadPicture: () => (picture === "map" ? loadMapPicture : loadPicture)(store.db, { synthetic: true }),
      };
      const built = await loadWorkforceHistory(store.db, options);
      const cached = await loadWorkforceHistory(store.db, options);
      assert.ok(built.rows.length > 0 && built.areas.size > 0 && built.weighted.size > 0);
      assert.deepStrictEqual(cached, built);
    }
    assert.deepEqual(await rows(store), [
      "picture|demo|default",
      "workforce-history|demo|default|full",
      "workforce-history|demo|default|map",
    ]);
  });

  test("the funding model's cached estimates equal a fresh fit", async () => {
    // Three practices lose their payments rows, as practices opened since the payments year have none: the
    // model estimates them. (Fact tables only ever change through imports, which empty the cache.)
    const codes = (await loadPicture(store.db, { synthetic: true })).practices.slice(0, 3).map((p) => p.code);
    await sql`delete from payment where practice_code in (${sql.join(codes)})`.execute(store.db);
    await clearDerivedCache(store.db);
    const fresh = await loadFundingData(store, { synthetic: true, modelInputs: true });
    const first = await loadFundingData(store, { synthetic: true });
    const second = await loadFundingData(store, { synthetic: true });
    assert.deepEqual(
      first.weighted.modelled.map((m) => m.code),
      codes,
    );
    assert.ok((await rows(store)).some((k) => k.startsWith("funding-weighted|demo|")));
    assert.deepStrictEqual(second.weighted.estimates, first.weighted.estimates);
    assert.deepStrictEqual(first.weighted.estimates, fresh.weighted.estimates);
    assert.deepStrictEqual(second.sources, fresh.sources);
    assert.deepStrictEqual(second.practices, fresh.practices);
  });

  test("an import changes the fingerprint and empties the cache", async () => {
    const before = await datasetFingerprint(store.db, false);
    await loadPicture(store.db, { synthetic: true });
    assert.ok((await rows(store)).length > 0);
    const outcome = await importOne(store, shared("practices/epraccur_2026-02.csv"));
    assert.equal(outcome.status, "imported");
    assert.notEqual(await datasetFingerprint(store.db, false), before);
    assert.deepEqual(await rows(store), []);
  });
});
