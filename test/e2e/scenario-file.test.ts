// Test tier: heavy (end to end through the CLI); run by `npm run test:heavy` and CI, not by `npm test`.
// A scenario travels between stores as a file: exported by one colleague (`scenarios export --format
// json`), imported by another (`scenarios import FILE`), and evaluated there; bad files are refused with
// one line naming the file and the field, and the store is left as it was.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { holdCliStores, runCliInProcess, tempDir, useDemoStore } from "../helpers.ts";

holdCliStores();

const mine = join(tempDir(), "mine");
const theirs = join(tempDir(), "theirs");
const at = (dir: string) => ({ ICSPLAN_DATA_DIR: dir, DATABASE_URL: "" });

before(() => {
  useDemoStore(mine);
  useDemoStore(theirs);
});

describe("scenarios export and import", () => {
  test("a design exported from one store imports into another with the same networks", async () => {
    const designed = await runCliInProcess(
      ["networks", "design", "--demo", "--seed", "5", "--save", "east option"],
      at(mine),
    );
    assert.equal(designed.status, 0, designed.stderr);
    const file = join(tempDir(), "east.json");
    const exported = await runCliInProcess(
      ["scenarios", "export", "east option", "--format", "json", "--out", file],
      at(mine),
    );
    assert.equal(exported.status, 0, exported.stderr);

    const imported = await runCliInProcess(["scenarios", "import", file, "--as", "their east"], at(theirs));
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /^Imported scenario 'their east' \(network-design, SYNTHETIC demo, /);
    assert.equal(imported.stderr, "", "every practice is known to the other demo store");

    const a = await runCliInProcess(["scenarios", "export", "east option", "--format", "csv"], at(mine));
    const b = await runCliInProcess(["scenarios", "export", "their east", "--format", "csv"], at(theirs));
    assert.equal(b.status, 0, b.stderr);
    assert.equal(b.stdout, a.stdout, "the same practice → network table in both stores");
    const evaluated = await runCliInProcess(
      ["networks", "evaluate", "--demo", "--config", "their east", "--format", "json"],
      at(theirs),
    );
    assert.equal(evaluated.status, 0, evaluated.stderr);

    const again = await runCliInProcess(["scenarios", "import", file, "--as", "their east"], at(theirs));
    assert.equal(again.status, 2);
    assert.match(again.stderr, /a scenario named 'their east' already exists/);
  });

  test("bad files: missing, not JSON, a wrong field — one line, exit 2, nothing saved", async () => {
    const before = (await runCliInProcess(["scenarios", "list", "--format", "json"], at(theirs))).stdout;
    const missing = await runCliInProcess(["scenarios", "import", "/no/such/file.json"], at(theirs));
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr.trim().split("\n").length, 1);
    assert.match(missing.stderr, /\/no\/such\/file\.json: no such file/);

    const notJson = join(tempDir(), "notes.json");
    writeFileSync(notJson, "practice_code,network_code\nM83001,N1\n");
    const bad = await runCliInProcess(["scenarios", "import", notJson], at(theirs));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /notes\.json: not JSON .*expected a scenario export/);

    const wrong = join(tempDir(), "wrong.json");
    writeFileSync(
      wrong,
      JSON.stringify({ name: "x", kind: "network-design", synthetic: true, area: "Q99", mapDate: "26 Aug" }),
    );
    const field = await runCliInProcess(["scenarios", "import", wrong], at(theirs));
    assert.equal(field.status, 2);
    assert.match(field.stderr, /wrong\.json: mapDate must be text like .*; found "26 Aug"/);
    assert.equal(
      (await runCliInProcess(["scenarios", "list", "--format", "json"], at(theirs))).stdout,
      before,
    );
  });
});
