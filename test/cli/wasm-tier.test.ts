// Which commands run the store's WebAssembly on Liftoff alone (src/cli/wasm-tier.ts): the short reading
// commands do; an import, the demo, fetch, serve, hubs and exact designs keep V8's default tiers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { commandWord, liftoffOnly } from "../../src/cli/wasm-tier.ts";

test("the command word is found after the global options and their values", () => {
  assert.equal(commandWord(["overview", "--icb", "QNC"]), "overview");
  assert.equal(commandWord(["--data-dir", "/tmp/import", "overview"]), "overview");
  assert.equal(commandWord(["--database-url", "postgres://x/import", "datasets"]), "datasets");
  assert.equal(commandWord(["--wait", "30", "import", "x"]), "import");
  assert.equal(commandWord(["--wait", "forever", "overview"]), "overview");
  assert.equal(commandWord(["--wait", "overview"]), "overview");
  assert.equal(commandWord(["--version"]), undefined);
  assert.equal(commandWord([]), undefined);
});

test("short reading commands run on Liftoff; bulk loading, servers and HiGHS solves do not", () => {
  for (const args of [
    ["overview", "--icb", "QNC"],
    ["--data-dir", "d", "funding", "entitlements"],
    ["workforce", "trends", "--icb", "QNC"],
    ["networks", "design", "--icb", "QNC"],
    ["scenarios", "backtest"],
  ])
    assert.equal(liftoffOnly(args), true, args.join(" "));
  for (const args of [
    ["import", "../shared/data"],
    ["--data-dir", "overview", "import", "x"],
    ["demo"],
    ["fetch", "--out", "d"],
    ["serve", "--demo"],
    ["hubs", "--icb", "QNC", "-k", "4"],
    ["networks", "design", "--icb", "QNC", "--exact"],
    ["--version"],
  ])
    assert.equal(liftoffOnly(args), false, args.join(" "));
});
