// `icsplan pcns`: list PCNs with their size band, filtered.
import type { Command } from "commander";
import { listPcns, PCN_COLUMNS } from "../../app/practices.ts";
import { addFilterOptions, areaFilterOf, type FilterFlags } from "../filters.ts";
import { parseFormat, renderRecords } from "../output.ts";
import {
  addPictureOptions,
  pictureRequest,
  withCommandStore,
  type PictureFlags,
} from "../picture-options.ts";
import { footprintText } from "../format.ts";
import { SYNTHETIC_BANNER } from "../render/overview.ts";

export function registerPcns(program: Command): void {
  addPictureOptions(
    addFilterOptions(program.command("pcns").description("list PCNs with list size and band, filtered")),
  ).action(async (opts: PictureFlags & FilterFlags, command: Command) => {
    const format = parseFormat(opts.format ?? "table");
    const request = { ...pictureRequest(opts), ...areaFilterOf(opts) };
    const listing = await withCommandStore(command, (store) => listPcns(store, request));
    if (listing.synthetic && format === "table") process.stdout.write(`${SYNTHETIC_BANNER}\n`);
    process.stdout.write(`${renderRecords(listing.rows, format, PCN_COLUMNS)}\n`);
    if (format === "table")
      process.stdout.write(
        `${listing.rows.length} PCNs (map of ${listing.map})\n${footprintText(listing.footprint)}`,
      );
  });
}
