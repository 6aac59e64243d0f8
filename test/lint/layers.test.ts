// The layer rules of docs/architecture.md are lint rules: a deliberate bad import fails, a good one passes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ESLint } from "eslint";
import { ROOT } from "../helpers.ts";

const eslint = new ESLint({ cwd: ROOT });

async function messages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test("an engine importing the store, a source module or node:fs is refused", async () => {
  const store = await messages(
    "src/engines/overview/bad.ts",
    'import { openStore } from "../../store/store.ts";\nexport const x = openStore;\n',
  );
  assert.ok(
    store.some((m) => m.includes("no-restricted-imports") && m.includes("store/")),
    store.join("\n"),
  );
  const fs = await messages(
    "src/engines/overview/bad.ts",
    'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
  );
  assert.ok(
    fs.some((m) => m.includes("no file system")),
    fs.join("\n"),
  );
  const app = await messages(
    "src/store/bad.ts",
    'import { overview } from "../app/overview.ts";\nexport const x = overview;\n',
  );
  assert.ok(
    app.some((m) => m.includes("app/")),
    app.join("\n"),
  );
  const cli = await messages(
    "src/api/bad.ts",
    'import { runMain } from "../cli/run.ts";\nexport const x = runMain;\n',
  );
  assert.ok(
    cli.some((m) => m.includes("cli/")),
    cli.join("\n"),
  );
});

test("allowed imports pass: engines from model, sources taking store types only", async () => {
  assert.deepEqual(
    await messages(
      "src/engines/overview/ok.ts",
      'import type { Picture } from "../../model/picture.ts";\nexport type X = Picture;\n',
    ),
    [],
  );
  assert.deepEqual(
    await messages(
      "src/sources/ok.ts",
      'import type { Row } from "../store/store.ts";\nexport type X = Row;\n',
    ),
    [],
  );
  const value = await messages(
    "src/sources/bad.ts",
    'import { openStore } from "../store/store.ts";\nexport const x = openStore;\n',
  );
  assert.ok(
    value.some((m) => m.includes("only types")),
    value.join("\n"),
  );
});

test("the web app reaches icsplan through the API only: importing src/ is refused", async () => {
  const bad = await messages(
    "web/src/bad.ts",
    'import { overview } from "../../src/app/overview.ts";\nexport const x = overview;\n',
  );
  assert.ok(
    bad.some((m) => m.includes("no-restricted-imports")),
    bad.join("\n"),
  );
  const good = await messages("web/src/good.ts", 'import { h } from "preact";\nexport const x = h;\n');
  assert.deepEqual(
    good.filter((m) => m.includes("no-restricted-imports")),
    [],
  );
});
