// Runs the CLI: a request or file the user can correct (any RequestError) prints one clear line and exits
// 2; a store that cannot be reached prints one line and exits 1; anything else is a bug, printed as one line
// that says how to see its stack (ICSPLAN_DEBUG=1). No stack trace reaches a user unasked.
import type { Command } from "commander";
import { RequestError } from "../model/errors.ts";
import type { LockHolder } from "../store/lock.ts";
import { lockWaitSeconds, storeOptionsFromEnv, type StoreOptions } from "../store/store.ts";
import { describeOutage } from "../store/outage.ts";

/** A request the user can correct: an unknown ICB, a bad option value… */
export class UsageError extends RequestError {
  override name = "UsageError";
}

/** Says on stderr, once, that the command is waiting for the store and for whom. */
function sayWaiting(holder: LockHolder): void {
  const who = holder.url
    ? `\`icsplan serve\` at ${holder.url} (process ${holder.pid})`
    : `process ${holder.pid} (\`${holder.command}\`)`;
  process.stderr.write(`icsplan: the store is in use by ${who}; waiting for it…\n`);
}

export function storeOptions(command: Command): StoreOptions {
  const global = command.optsWithGlobals<{
    dataDir?: string;
    databaseUrl?: string;
    wait?: string | boolean;
  }>();
  const wait =
    global.wait === undefined
      ? undefined
      : global.wait === true
        ? Infinity
        : lockWaitSeconds(String(global.wait), "--wait");
  return storeOptionsFromEnv({
    dataDir: global.dataDir,
    databaseUrl: global.databaseUrl,
    lockWaitSeconds: wait,
    onLockWait: sayWaiting,
  });
}

/**
 * `--wait` takes an optional number of seconds; commander would take the command after a bare `--wait`
 * (`icsplan --wait overview`) as its value, so a bare one (followed by a command name, an option or
 * nothing) is written `--wait=forever` first.
 */
export function bareWait(argv: readonly string[], commands: readonly string[]): string[] {
  return argv.map((arg, i) => {
    const next = argv[i + 1];
    const bare = next === undefined || next.startsWith("-") || commands.includes(next);
    return arg === "--wait" && bare ? "--wait=forever" : arg;
  });
}

/** The one line (and exit status) a failure of a command becomes. */
export function failureLine(error: unknown): { line: string; exitCode: number } {
  if (error instanceof RequestError) return { line: error.message, exitCode: 2 };
  const outage = describeOutage(error);
  if (outage) return { line: outage, exitCode: 1 };
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: `unexpected error: ${message.split("\n")[0]} (this is a bug in icsplan; run again with ICSPLAN_DEBUG=1 to see where)`,
    exitCode: 1,
  };
}

export async function runMain(program: Command): Promise<void> {
  // A reader that stops early (`icsplan pcns | head`) closes the pipe: stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
      throw error;
    });
  try {
    await program.parseAsync(
      bareWait(
        process.argv,
        program.commands.map((c) => c.name()),
      ),
    );
  } catch (error) {
    if (process.env.ICSPLAN_DEBUG && !(error instanceof RequestError)) throw error;
    const { line, exitCode } = failureLine(error);
    process.stderr.write(`icsplan: ${line}\n`);
    process.exitCode = exitCode;
  }
}
