// New embedded stores start from a template: a dump of an empty store with every migration run, kept in
// the user's cache (ICSPLAN_CACHE_DIR, else $XDG_CACHE_HOME/icsplan, else ~/.cache/icsplan). Creating a
// PGlite cluster runs initdb (2–3 s on a 2-core machine) and then the migrations; unpacking the template
// takes about 0.5 s. The first store a machine creates writes the template; a template of another PGlite
// version or another set of migrations has another name, so it is never loaded by mistake, and one that
// fails to load is deleted and the store is created the slow way.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** Where templates are kept. */
export function cacheDir(): string {
  if (process.env.ICSPLAN_CACHE_DIR) return process.env.ICSPLAN_CACHE_DIR;
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cacheHome, "icsplan");
}

function pgliteVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
    const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** The template file for this PGlite and these migrations and start settings. */
export function templatePath(migrations: readonly string[], settings: readonly string[]): string {
  const key = createHash("sha256")
    .update(JSON.stringify({ pglite: pgliteVersion(), migrations, settings }))
    .digest("hex")
    .slice(0, 16);
  return join(cacheDir(), `store-template-${key}.tar`);
}

/** The template's bytes, or undefined when there is none (or it cannot be read). */
export function readTemplate(path: string): Blob | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return new Blob([readFileSync(path)]);
  } catch {
    return undefined;
  }
}

/** Writes a template atomically (a temporary file renamed into place); failures are ignored. */
export async function writeTemplate(path: string, dump: Blob): Promise<void> {
  const partial = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } catch {
    rmSync(partial, { force: true });
  }
}

/** Forgets a template that did not load. */
export function dropTemplate(path: string): void {
  rmSync(path, { force: true });
}
