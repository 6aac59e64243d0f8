// A NUL byte never belongs in a text file (and PostgreSQL cannot store one): a file that is text up to it is
// refused naming its line, wherever the NUL falls, with the store unchanged; a binary file in a folder is
// only skipped.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { importFiles } from "../../src/app/import-files.ts";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, snapshot, tempFile } from "../helpers.ts";

const MAP = readFileSync(shared("registrations/2026-07/gp-reg-pat-prac-map_2026-07.csv"));
/** The July 2026 map's header and first `rows` rows, with a NUL in the name on row `at` (1-based). */
function mapWithNul(rows: number, at: number): Buffer {
  const lines = MAP.toString("latin1")
    .split("\n")
    .slice(0, rows + 1);
  lines[at] = lines[at]!.replace("SURGERY", "SURG\u0000ERY").replace("CENTRE", "CEN\u0000TRE");
  return Buffer.from(lines.join("\n"), "latin1");
}

describe("NUL bytes", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    assert.equal((await importOne(store, shared("practices/epraccur_2026-02.csv"))).status, "imported");
  });
  after(async () => store.close());

  test("a NUL on line 2 is refused naming the file and line; the store is unchanged", async () => {
    const before = await snapshot(store);
    const o = await importOne(store, tempFile("map.csv", mapWithNul(5, 1)));
    assert.equal(o.status, "rejected");
    if (o.status === "rejected") {
      assert.equal(o.format?.id, "gp-reg-pat-prac-map");
      assert.match(o.error, /map\.csv', line 2: expected text, found a NUL byte \(character 0\)/);
    }
    assert.deepEqual(await snapshot(store), before);
  });

  test("a NUL far past the sampled start (line 3,001) is refused with its line", async () => {
    const before = await snapshot(store);
    const o = await importOne(store, tempFile("map.csv", mapWithNul(4000, 3000)));
    assert.equal(o.status, "rejected");
    if (o.status === "rejected") assert.match(o.error, /line 3,001: expected text, found a NUL byte/);
    assert.deepEqual(await snapshot(store), before);
  });

  test("a binary file in a folder is skipped, not rejected", async () => {
    const png = tempFile(
      "picture.png",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const [o] = await importFiles(store, [png]);
    assert.equal(o?.status, "skipped");
  });
});
