// `icsplan practices`: list practices with their PCN, list size, workforce and deprivation, filtered.
import type { Command } from "commander";
import { contractYearOn } from "../../config/pcn-contract.ts";
import { summarisePcns } from "../../engines/overview/pcns.ts";
import { addFilterOptions, areaFilters, parseBandFlag, type FilterFlags } from "../filters.ts";
import { parseFormat, renderRecords } from "../output.ts";
import { addPictureOptions, readPicture, type PictureFlags } from "../picture-options.ts";
import { SYNTHETIC_BANNER } from "../render/overview.ts";
import { UsageError } from "../run.ts";

const round = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? null : Math.round(v * 10 ** digits) / 10 ** digits;

export function registerPractices(program: Command): void {
  addPictureOptions(
    addFilterOptions(
      program.command("practices").description("list practices, filtered by ICB, place, PCN or band"),
    ),
  ).action(async (opts: PictureFlags & FilterFlags, command: Command) => {
    const format = parseFormat(opts.format ?? "table");
    const band = parseBandFlag(opts);
    const picture = await readPicture(command, opts);
    const rules = contractYearOn(picture.date);
    const pcns = new Map(summarisePcns(picture.practices, rules).map((p) => [p.code, p]));
    const inArea = areaFilters(picture.practices, opts);
    if (opts.pcn !== undefined && !picture.practices.some((p) => p.pcnCode === opts.pcn)) {
      throw new UsageError(`--pcn '${opts.pcn}' is not in the loaded map`);
    }
    const rows = picture.practices
      .filter(inArea)
      .filter((p) => opts.pcn === undefined || p.pcnCode === opts.pcn)
      .filter((p) => band === undefined || pcns.get(p.pcnCode)?.band === band)
      .map((p) => {
        const w = p.workforce;
        return {
          practice_code: p.code,
          practice_name: p.name,
          postcode: p.site.postcode,
          pcn_code: p.pcnCode,
          pcn_name: p.pcnName,
          pcn_band: pcns.get(p.pcnCode)?.band ?? null,
          sub_icb_code: p.subIcb.code,
          icb_code: p.icb.code,
          list_size: p.listSize,
          weighted_list: round(p.weightedList, 0),
          gp_fte: round(w?.gpFte),
          partner_fte: round(w?.partnerFte),
          patients_per_gp_fte: w?.gpFte && p.listSize ? Math.round(p.listSize / w.gpFte) : null,
          imd_decile: p.deprivation?.decile ?? null,
          lat: p.site.lat,
          lon: p.site.lon,
        };
      });
    const columns =
      format === "table"
        ? [
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
          ]
        : undefined;
    if (picture.synthetic && format === "table") process.stdout.write(`${SYNTHETIC_BANNER}\n`);
    process.stdout.write(`${renderRecords(rows, format, columns)}\n`);
    if (format === "table")
      process.stdout.write(`${rows.length} practices (map of ${picture.sources.map.period})\n`);
  });
}
