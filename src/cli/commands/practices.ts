// `icsplan practices`: list practices with their PCN, list size, workforce and deprivation, filtered;
// `icsplan search QUERY`: find practices by name, postcode or ODS code.
import type { Command } from "commander";
import { listPractices, PRACTICE_COLUMNS, searchPractices } from "../../app/practices.ts";
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
import { UsageError } from "../run.ts";

const TABLE_COLUMNS = [
  "practice_code",
  "practice_name",
  "pcn_code",
  "pcn_band",
  "sub_icb_code",
  "list_size",
  "gp_fte",
  "partner_fte",
  "patients_per_gp_fte",
  "imd_decile",
];

export function registerPractices(program: Command): void {
  addPictureOptions(
    addFilterOptions(
      program.command("practices").description("list practices, filtered by ICB, place, PCN or band"),
    ),
  ).action(async (opts: PictureFlags & FilterFlags, command: Command) => {
    const format = parseFormat(opts.format ?? "table");
    const request = { ...pictureRequest(opts), ...areaFilterOf(opts) };
    const listing = await withCommandStore(command, (store) => listPractices(store, request));
    if (listing.synthetic && format === "table") process.stdout.write(`${SYNTHETIC_BANNER}\n`);
    process.stdout.write(
      `${renderRecords(listing.rows, format, format === "table" ? TABLE_COLUMNS : PRACTICE_COLUMNS)}\n`,
    );
    if (format === "table")
      process.stdout.write(
        `${listing.rows.length} practices (map of ${listing.map})\n${footprintText(listing.footprint)}`,
      );
  });
}

export function registerSearch(program: Command): void {
  addPictureOptions(
    program
      .command("search <query...>")
      .description("find practices by ODS code, postcode (whole, sector or district) or words of the name")
      .option("--icb <code>", "only this ICB (ODS or ONS code)")
      .option("--sub-icb <code>", "only this place (ODS or ONS code)")
      .option("--limit <n>", "at most this many matches", "20")
      .option("--format <format>", "table, csv or json", "table"),
  ).action(
    async (
      query: string[],
      opts: PictureFlags & { icb?: string; subIcb?: string; limit: string; format: string },
      command: Command,
    ) => {
      const format = parseFormat(opts.format);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new UsageError(`--limit must be a whole number from 1 to 500; found '${opts.limit}'`);
      const request = {
        ...pictureRequest(opts),
        icb: opts.icb,
        subIcb: opts.subIcb,
        query: query.join(" "),
        limit,
      };
      const found = await withCommandStore(command, (store) => searchPractices(store, request));
      if (found.synthetic && format === "table") process.stdout.write(`${SYNTHETIC_BANNER}\n`);
      const columns =
        format === "table"
          ? ["practice_code", "practice_name", "postcode", "pcn_code", "sub_icb_code", "list_size", "matched"]
          : [...PRACTICE_COLUMNS, "matched"];
      process.stdout.write(`${renderRecords(found.rows, format, columns)}\n`);
      if (format === "table")
        process.stdout.write(
          `${found.rows.length} practice${found.rows.length === 1 ? "" : "s"} found for '${request.query}' (map of ${found.map})\n${footprintText(found.footprint)}`,
        );
    },
  );
}
