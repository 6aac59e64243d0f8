// Runs the CLI: known failures (bad input, a locked store, a bad request) print one clear message and
// exit non-zero; anything else is a bug and prints its stack.
import type { Command } from "commander";
import { SourceError } from "../sources/errors.ts";
import { StoreLockedError } from "../store/lock.ts";
import { storeOptionsFromEnv, type StoreOptions } from "../store/store.ts";

/** A request the user can correct: an unknown ICB, a bad option value… */
export class UsageError extends Error {
  override name = "UsageError";
}

export function storeOptions(command: Command): StoreOptions {
  const global = command.optsWithGlobals<{ dataDir?: string; databaseUrl?: string }>();
  return storeOptionsFromEnv({ dataDir: global.dataDir, databaseUrl: global.databaseUrl });
}

export async function runMain(program: Command): Promise<void> {
  // A reader that stops early (`icsplan pcns | head`) closes the pipe: stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
      throw error;
    });
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof SourceError || error instanceof StoreLockedError || error instanceof UsageError) {
      process.stderr.write(`icsplan: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
