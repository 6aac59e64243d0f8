// Area and band options shared by `practices` and `pcns`, parsed into the use cases' AreaFilter.
import type { Command } from "commander";
import type { AreaFilter } from "../app/practices.ts";
import { parseBand } from "../model/pcn-band.ts";
import { UsageError } from "./run.ts";

export interface FilterFlags {
  icb?: string;
  subIcb?: string;
  pcn?: string;
  band?: string;
  format?: string;
}

export function addFilterOptions(command: Command): Command {
  return command
    .option("--icb <code>", "only this ICB (ODS or ONS code)")
    .option("--sub-icb <code>", "only this sub-ICB location / place (ODS or ONS code)")
    .option("--pcn <code>", "only this PCN (ODS code, or U for practices outside any PCN)")
    .option("--band <band>", "only PCNs in this size band: under, in or over")
    .option("--format <format>", "table, csv or json", "table");
}

/** The area filter of the flags (the band checked here; the codes by the use case, against the map). */
export function areaFilterOf(flags: FilterFlags): AreaFilter {
  let band;
  if (flags.band !== undefined) {
    band = parseBand(flags.band);
    if (!band)
      throw new UsageError(`--band must be under, in or over; found '${flags.band}'`, { field: "band" });
  }
  return { icb: flags.icb, subIcb: flags.subIcb, pcn: flags.pcn, band };
}
