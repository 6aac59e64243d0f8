// Shared benchmark helpers: paths, timing, memory and a fresh on-disk store.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { importFiles } from "../src/app/import-files.ts";
import { openStore, type Store } from "../src/store/store.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SHARED = resolve(ROOT, "..", "shared", "data");

export function freshDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

export function report(name: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === "number" ? v.toFixed(2) : v}`);
  process.stdout.write(`BENCH ${name} ${parts.join(" ")}\n`);
}

/**
 * Runs the installed command (`bin/icsplan.js`, the bundle `npm run bench` builds) as a user would, process
 * start and store open included, `runs` times; seconds best and median.
 */
export function cliSeconds(
  dataDir: string,
  args: readonly string[],
  runs = 5,
): { best: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, "bin/icsplan.js"), "--data-dir", dataDir, ...args], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`icsplan ${args.join(" ")} failed: ${r.stderr}`);
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[times.length >> 1]! };
}

/**
 * A fresh on-disk store with the given files of ../shared/data imported; `close` closes it and removes the
 * folder. If the import fails, the store is closed and the folder removed before the error is rethrown.
 */
export async function importedStore(
  prefix: string,
  files: readonly string[],
): Promise<{ store: Store; close: () => Promise<void> }> {
  const { dir, cleanup } = freshDir(prefix);
  const store = await openStore({ dataDir: join(dir, "store") });
  const close = async () => {
    await store.close();
    cleanup();
  };
  try {
    await importFiles(
      store,
      files.map((f) => join(SHARED, f)),
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { store, close };
}
