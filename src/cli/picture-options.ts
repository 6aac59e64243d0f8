// Options shared by the commands that read a picture of general practice (overview, practices, pcns…),
// parsed into a PictureRequest; and running a command's use case with the store opened once.
import type { Command } from "commander";
import type { PictureRequest } from "../app/picture.ts";
import { parseDate } from "../sources/table.ts";
import { explainUnknownIcb } from "../app/area-hints.ts";
import { withStore, type Store } from "../store/store.ts";
import { storeOptions, UsageError } from "./run.ts";

export interface PictureFlags {
  demo?: boolean;
  date?: string;
  lists?: string;
}

/** --demo and --date, and (unless the command reads no list sizes) --lists. */
export function addPictureOptions(command: Command, options: { lists?: boolean } = {}): Command {
  command
    .option("--demo", "use the synthetic demo ICS (load it with `icsplan demo`)")
    .option(
      "--date <date>",
      "the picture as it stood on this date: the PCN map in force then and the newest lists on or before it " +
        "(default: the newest map with lists at most 12 months older)",
    );
  if (options.lists === false) return command;
  return command.option("--lists <date>", "take list sizes from the newest list file on or before this date");
}

/** A `--date`-style flag as an ISO date, or a usage error naming the flag. */
export function dateFlag(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = parseDate(value);
  if (!date)
    throw new UsageError(`--${name} must be a date such as 2026-01-01; found '${value}'`, { field: name });
  return date;
}

/** The picture request of the flags. */
export function pictureRequest(flags: PictureFlags): PictureRequest {
  return {
    synthetic: flags.demo ?? false,
    date: dateFlag("date", flags.date),
    lists: dateFlag("lists", flags.lists),
  };
}

/** Runs a command's work with the store, opened once and always closed. */
export function withCommandStore<T>(command: Command, work: (store: Store) => Promise<T>): Promise<T> {
  return withStore(storeOptions(command), async (store) => {
    try {
      return await work(store);
    } catch (error) {
      // An ICB of another map (one merged in April 2026, say): the error says where it went.
      throw await explainUnknownIcb(store, error);
    }
  });
}
