// What a new user sees before any data is loaded: `datasets` on an empty store says so (and how to load
// some), and `import` of a folder holding no recognised file says that nothing was found. The commands run
// in this process (runCliInProcess: the CLI's command tree, output and exit status as a child's).
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCliInProcess, tempDir } from "../helpers.ts";

const env = { DATABASE_URL: "", ICSPLAN_WAIT: "" };

test("`datasets` on an empty store says there are none and how to load some; CSV keeps its header", async () => {
  const dataDir = join(tempDir("icsplan-empty-"), "store");
  const table = await runCliInProcess(["--data-dir", dataDir, "datasets"], env);
  assert.equal(table.status, 0, table.stderr);
  assert.equal(
    table.stdout,
    `No datasets in the store at ${dataDir}: load official files with \`icsplan import <folder>\`, or the ` +
      "synthetic demo with `icsplan demo`.\n",
  );
  const csv = await runCliInProcess(["--data-dir", dataDir, "datasets", "--format", "csv"], env);
  assert.equal(csv.stdout, "id,source,period,reference_date,rows,synthetic,scope,file\n");
  assert.equal(
    (await runCliInProcess(["--data-dir", dataDir, "datasets", "--format", "json"], env)).stdout,
    "[]\n",
  );
});

test("`import` of a folder with no recognised file says nothing was found and exits 1", async () => {
  const folder = tempDir("icsplan-nothing-");
  writeFileSync(join(folder, "notes.md"), "# notes\n");
  mkdirSync(join(folder, "sub"));
  writeFileSync(join(folder, "sub", "table.csv"), "colour,size\nred,3\n");
  const dataDir = join(tempDir("icsplan-empty-"), "store");
  const r = await runCliInProcess(["--data-dir", dataDir, "import", "--quiet", folder], env);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^ {2}skipped {3}notes\.md: documentation, not data$/m);
  assert.match(r.stdout, /^ {2}skipped {3}sub\/table\.csv: not a recognised NHS\/ONS file/m);
  assert.match(r.stdout, /^0 imported, 0 rejected, 2 skipped\.$/m);
  assert.equal(
    r.stderr,
    `icsplan: no recognised NHS/ONS file found in ${folder}; nothing was imported (--as <format> reads ` +
      "files as a given format).\n",
  );
});
