#!/usr/bin/env node
// The icsplan command. Runs the bundled CLI (dist/icsplan.mjs, built by `npm run build`, which `npm ci`
// runs through the `prepare` script) when it is up to date with src/, for a fast start; otherwise runs the
// TypeScript sources through tsx in this process (so Ctrl-C and SIGTERM reach the command's own handlers,
// with no child process in between), so a developer's edits always take effect.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = join(root, "dist", "icsplan.mjs");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// ICSPLAN_FROM_SOURCES=1 runs the sources even when the bundle is up to date.
const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(join(root, "src"));
if (fresh && process.env.ICSPLAN_FROM_SOURCES !== "1") {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(root, "src/cli/main.ts")).href);
}
