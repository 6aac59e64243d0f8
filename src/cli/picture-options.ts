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
}

export function addPictureOptions(command: Command): Command {
  return command
    .option("--demo", "use the synthetic demo ICS (load it with `icsplan demo`)")
    .option("--date <date>", "use the PCN map in force on this date (default: the newest loaded)");
}

export async function readPicture(command: Command, flags: PictureFlags): Promise<Picture> {
  let date: string | undefined;
  if (flags.date !== undefined) {
    date = parseDate(flags.date);
    if (!date) throw new UsageError(`--date must be a date such as 2026-01-01; found '${flags.date}'`);
  }
  try {
    return await withStore(storeOptions(command), (store) =>
      loadPicture(store.db, { synthetic: flags.demo ?? false, date }),
    );
  } catch (error) {
    if (error instanceof NoDataError) throw new UsageError(error.message);
    throw error;
  }
}
