// Builds the web app into dist/web with Vite (`npm run build:web`). With --if-needed (as `npm start` runs
// it), builds only when dist/web is missing or older than a file under web/ or package-lock.json.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const web = dirname(fileURLToPath(import.meta.url));
const root = resolve(web, "..");
const out = join(root, "dist", "web");

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/** Whether dist/web is missing or older than its sources. */
export function webBuildStale(outDir = out): boolean {
  const index = join(outDir, "index.html");
  if (!existsSync(index)) return true;
  const lock = join(root, "package-lock.json");
  const sources = Math.max(newest(web), existsSync(lock) ? statSync(lock).mtimeMs : 0);
  return statSync(index).mtimeMs < sources;
}

/** Builds the app into outDir (default dist/web). */
export async function buildWeb(outDir = out): Promise<void> {
  await build({
    configFile: join(web, "vite.config.ts"),
    build: { outDir, emptyOutDir: true },
    logLevel: "error",
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--if-needed") && !webBuildStale()) {
    process.stdout.write("The web app in dist/web is up to date.\n");
  } else {
    const started = Date.now();
    await buildWeb();
    process.stdout.write(
      `Built the web app into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
  }
}
