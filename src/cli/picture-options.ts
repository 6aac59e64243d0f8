// Options shared by the commands that read a picture of general practice (overview, practices, pcns).
import type { Command } from "commander";
import type { Picture } from "../model/picture.ts";
import { loadPicture, NoDataError } from "../store/repositories/picture.ts";
import { withStore } from "../store/store.ts";
import { parseDate } from "../sources/table.ts";
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
  if (!date) throw new UsageError(`--${name} must be a date such as 2026-01-01; found '${value}'`);
  return date;
}

export async function readPicture(command: Command, flags: PictureFlags): Promise<Picture> {
  const date = dateFlag("date", flags.date);
  const lists = dateFlag("lists", flags.lists);
  try {
    return await withStore(storeOptions(command), (store) =>
      loadPicture(store.db, { synthetic: flags.demo ?? false, date, lists }),
    );
  } catch (error) {
    if (error instanceof NoDataError) throw new UsageError(error.message);
    throw error;
  }
}
