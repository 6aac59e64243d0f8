// A lock file that stops two processes from opening one embedded (PGlite) store at once. PGlite has no
// cross-process locking of its own, and two writers would corrupt the data directory. A process that finds
// the store in use can wait for it (`lockWaitSeconds`); the holder can leave a note in the lock (the URL
// `icsplan serve` answers on), which the refusal repeats.
import { RequestError } from "../model/errors.ts";
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** What a holder says about itself, beyond who it is: `icsplan serve` gives the URL it answers on. */
export interface LockNote {
  url?: string;
}

export interface LockHolder extends LockNote {
  pid: number;
  host: string;
  command: string;
  since: string;
}

function describeHolder(dataDir: string, holder: LockHolder): string {
  const who = `process ${holder.pid} on ${holder.host} (\`${holder.command}\`, since ${holder.since})`;
  if (holder.url)
    return (
      `The icsplan store at ${dataDir} is held open by \`icsplan serve\` at ${holder.url}, ${who}. ` +
      `Use the API at ${holder.url}/api/ while it runs, or stop it (Ctrl-C) to use the command line`
    );
  return `The icsplan store at ${dataDir} is in use by ${who}`;
}

export class StoreLockedError extends RequestError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    /** Seconds this process waited before giving up (0: it did not wait). */
    readonly waitedSeconds = 0,
  ) {
    super(
      `${describeHolder(dataDir, holder)}. ` +
        (waitedSeconds > 0
          ? `Waited ${formatSeconds(waitedSeconds)} for it; wait longer with --wait <seconds>, or stop it; `
          : `Wait for it to finish (--wait [seconds] waits for it), or stop it; `) +
        `if that process no longer exists, delete ${join(dataDir, LOCK_FILE)}.`,
      { kind: "conflict" },
    );
    this.name = "StoreLockedError";
  }
}

export const LOCK_FILE = "icsplan.lock";

const formatSeconds = (s: number) => (Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`);

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

const UNKNOWN: LockHolder = { pid: -1, host: "unknown", command: "unknown", since: "unknown" };

/** The lock this process holds: release it, or add a note to it. */
export interface HeldLock {
  release(): void;
  note(note: LockNote): void;
}

/**
 * One attempt: takes the lock (clearing a stale one left by a dead process on this host) or returns the
 * live holder.
 */
function tryLock(path: string, me: LockHolder): HeldLock | LockHolder {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let held = true;
      return {
        release: () => {
          if (held) rmSync(path, { force: true });
          held = false;
        },
        note: (note) => {
          if (held) writeFileSync(path, JSON.stringify({ ...me, ...note }));
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      // A lock being written this instant reads as empty: treat it as held, not stale.
      const stale = holder !== undefined && holder.host === me.host && !alive(holder.pid);
      if (!stale) return holder ?? UNKNOWN;
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the store lock at ${path}`);
}

export interface LockOptions {
  /** Seconds to wait for a holder to let go (Infinity: until it does); 0 or unset: fail at once. */
  waitSeconds?: number | undefined;
  /** Called once when the store is in use and this process starts to wait. */
  onWait?: ((holder: LockHolder) => void) | undefined;
  /** How often to look again, in milliseconds. */
  pollMs?: number;
}

/**
 * Takes the lock, waiting up to `waitSeconds` for the holder to release it, or throws StoreLockedError
 * naming the holder.
 */
export async function acquireStoreLock(dataDir: string, options: LockOptions = {}): Promise<HeldLock> {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).join(" "),
    since: new Date().toISOString(),
  };
  const wait = Math.max(0, options.waitSeconds ?? 0);
  const started = performance.now();
  let told = false;
  for (;;) {
    const got = tryLock(path, me);
    if (!("pid" in got)) return got;
    const waited = (performance.now() - started) / 1000;
    if (waited >= wait) throw new StoreLockedError(dataDir, got, wait === 0 ? 0 : wait);
    if (!told) options.onWait?.(got);
    told = true;
    await sleep(Math.min(options.pollMs ?? 200, (wait - waited) * 1000 + 1));
  }
}
