// Helpers shared by the workforce, payments, deprivation and ePCN/QOF importer tests.
import assert from "node:assert/strict";
import { findFiles, importFiles, notDataReason } from "../../src/app/import-files.ts";
import { describeFiles } from "../../src/sources/file.ts";
import { FORMATS, formatById } from "../../src/sources/registry.ts";
import { sampleFile } from "../../src/sources/sample.ts";
import type { Store } from "../../src/store/store.ts";
import { SHARED, snapshot } from "../helpers.ts";

/** Imports `path` as `as`, expects a rejection matching `message`, and checks the store did not change. */
export async function expectRejected(store: Store, path: string, as: string, message: RegExp): Promise<void> {
  const before = await snapshot(store);
  const [outcome] = await importFiles(store, [path], { as });
  assert.equal(outcome?.status, "rejected", `expected a rejection, got ${outcome?.status}`);
  if (outcome?.status === "rejected") assert.match(outcome.error, message);
  assert.deepEqual(await snapshot(store), before);
}

/**
 * The files of ../shared/data (relative paths, sorted) that the format recognises. Fails if another
 * format earlier in the registry would take one of them first.
 */
export async function filesRecognisedBy(id: string): Promise<string[]> {
  const format = formatById(id);
  assert.ok(format, `no format ${id}`);
  const found: string[] = [];
  for (const { path, label } of findFiles([SHARED])) {
    if (notDataReason(path)) continue;
    for (const file of await describeFiles(path, label)) {
      if (file.entry && notDataReason(file.entry.name)) continue;
      const sample = await sampleFile(file);
      if (!format.recognise(sample)) continue;
      const first = FORMATS.find((f) => f.recognise(sample));
      assert.equal(first?.id, id, `${file.label} is recognised by ${id} but taken first by ${first?.id}`);
      found.push(file.label);
    }
  }
  return found.sort();
}
