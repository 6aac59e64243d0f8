// Rejection messages stay readable: a found value of megabytes is cut, saying how long it was.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SourceError } from "../../src/sources/errors.ts";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, snapshot, tempFile } from "../helpers.ts";

describe("rejection messages", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    assert.equal((await importOne(store, shared("practices/epraccur_2026-02.csv"))).status, "imported");
  });
  after(async () => store.close());

  test("a long found value is cut to a readable length, with its size", () => {
    const e = new SourceError({ file: "f.csv", line: 2 }, "a code", `'${"x".repeat(10_000_000)}'`);
    // The quote keeps 77 characters of the value (80 with its quotes and the ellipsis) and says how long the value was.
    assert.equal(
      e.message,
      `'f.csv', line 2: expected a code, found '${"x".repeat(77)}…' (10,000,000 characters)`,
    );
    assert.equal(e.found, `'${"x".repeat(77)}…' (10,000,000 characters)`);
  });

  test("a 5 MB practice code in a list file gives a message of a few hundred characters", async () => {
    const header =
      "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS";
    const row = `GP_PRAC_PAT_LIST,2025-04-01,GP,16C,E38000247,${"A".repeat(5_000_000)},TS18 1HU,ALL,ALL,3904`;
    const path = tempFile("lists.csv", `${header}\n${row}\n`);
    const before = await snapshot(store);
    const o = await importOne(store, path);
    assert.equal(o.status, "rejected");
    if (o.status === "rejected")
      assert.equal(
        o.error.replace(path, "lists.csv"),
        `'lists.csv', line 2, column 'CODE': expected an ODS practice code such as A81001, found ` +
          `'${"A".repeat(77)}…' (5,000,000 characters)`,
      );
    assert.deepEqual(await snapshot(store), before);
  });
});
