// `icsplan pcns`: list PCNs with their size band, filtered.
import type { Command } from "commander";
import { contractYearOn } from "../../config/pcn-contract.ts";
import { summarisePcns } from "../../engines/overview/pcns.ts";
import { addFilterOptions, areaFilters, parseBandFlag, type FilterFlags } from "../filters.ts";
import { parseFormat, renderRecords } from "../output.ts";
import { addPictureOptions, readPicture, type PictureFlags } from "../picture-options.ts";
import { SYNTHETIC_BANNER } from "../render/overview.ts";
import { UsageError } from "../run.ts";

export function registerPcns(program: Command): void {
  addPictureOptions(
    addFilterOptions(program.command("pcns").description("list PCNs with list size and band, filtered")),
  ).action(async (opts: PictureFlags & FilterFlags, command: Command) => {
    const format = parseFormat(opts.format ?? "table");
    const band = parseBandFlag(opts);
    const picture = await readPicture(command, opts);
    const pcns = summarisePcns(picture.practices, contractYearOn(picture.date));
    const inArea = areaFilters(picture.practices, opts);
    if (opts.pcn !== undefined && !pcns.some((p) => p.code === opts.pcn)) {
      throw new UsageError(`--pcn '${opts.pcn}' is not a PCN in the loaded map`);
    }
    const rows = pcns
      .filter(inArea)
      .filter((p) => opts.pcn === undefined || p.code === opts.pcn)
      .filter((p) => band === undefined || p.band === band)
      .map((p) => ({
        pcn_code: p.code,
        pcn_name: p.name,
        sub_icb_code: p.subIcb.code,
        icb_code: p.icb.code,
        practices: p.practices,
        list_size: p.listSize,
        band: p.band,
        practices_without_list: p.practicesWithoutList,
        crosses_sub_icb: p.crossesSubIcb,
      }));
    if (picture.synthetic && format === "table") process.stdout.write(`${SYNTHETIC_BANNER}\n`);
    process.stdout.write(`${renderRecords(rows, format)}\n`);
    if (format === "table")
      process.stdout.write(`${rows.length} PCNs (map of ${picture.sources.map.period})\n`);
  });
}
