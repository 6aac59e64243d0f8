// Helpers for the practice register, registrations and geography importer tests.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import type { RawBuilder } from "kysely";
import Papa from "papaparse";
import type { Store } from "../../src/store/store.ts";
import { importOne, snapshot, tempFile } from "../helpers.ts";

export interface Rejection {
  /** What is wrong with the file (the test's name). */
  name: string;
  /** The file's name (it appears in the message) and content. */
  file: string;
  content: string | Buffer;
  /** What the message must say: the file, the line and column where known, and the problem. */
  message: RegExp;
}

/** One test per rejection: the import is rejected with the message and the store does not change. */
export function rejectionTests(getStore: () => Store, as: string, cases: Rejection[]): void {
  for (const c of cases) {
    test(`rejects ${c.name}, leaving the store unchanged`, async () => {
      const store = getStore();
      const before = await snapshot(store);
      const path = tempFile(c.file, c.content);
      const outcome = await importOne(store, path, { as });
      assert.equal(outcome.status, "rejected", `expected a rejection, got ${outcome.status}`);
      if (outcome.status === "rejected") {
        assert.ok(outcome.error.includes(`'${path}'`), `the message names the file: ${outcome.error}`);
        assert.match(outcome.error, c.message);
      }
      assert.deepEqual(await snapshot(store), before);
    });
  }
}

/** A Latin-1 (not UTF-8) byte inside otherwise valid text. */
export function withLatin1Byte(before: string, after: string): Buffer {
  return Buffer.concat([Buffer.from(before, "utf8"), Buffer.from([0xe9]), Buffer.from(after, "utf8")]);
}

/** Runs a query returning one number (e.g. `SELECT count(*) AS n …`). */
export async function scalar(store: Store, query: RawBuilder<unknown>): Promise<number> {
  const { rows } = await query.execute(store.db);
  const row = rows[0] as Record<string, unknown> | undefined;
  return Number(row ? Object.values(row)[0] : Number.NaN);
}

/** One column of a CSV file with a header, parsed properly (quoted commas and all). */
export function csvColumn(path: string, column: string): string[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data.map((r) => r[column] ?? "");
}
