// A lock file that stops two processes from opening one embedded (PGlite) store at once. PGlite has no
// cross-process locking of its own, and two writers would corrupt the data directory.
import { RequestError } from "../model/errors.ts";
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class StoreLockedError extends RequestError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The icsplan store at ${dataDir} is in use by process ${holder.pid} on ${holder.host} ` +
        `(\`${holder.command}\`, since ${holder.since}). Wait for it to finish, or stop it; ` +
        `if that process no longer exists, delete ${join(dataDir, LOCK_FILE)}.`,
      { kind: "conflict" },
    );
    this.name = "StoreLockedError";
  }
}

export const LOCK_FILE = "icsplan.lock";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws StoreLockedError naming the holder. Returns the release function. */
export function acquireStoreLock(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).join(" "),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      const stale = holder !== undefined && holder.host === me.host && !alive(holder.pid);
      if (!stale) {
        throw new StoreLockedError(
          dataDir,
          holder ?? { pid: -1, host: "unknown", command: "unknown", since: "unknown" },
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the store lock at ${path}`);
}
