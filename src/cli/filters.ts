// Area and band filters shared by `practices` and `pcns`.
import type { Command } from "commander";
import type { OrgRef, Practice } from "../model/organisation.ts";
import { parseBand, type PcnBand } from "../model/pcn-band.ts";
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

export function parseBandFlag(flags: FilterFlags): PcnBand | undefined {
  if (flags.band === undefined) return undefined;
  const band = parseBand(flags.band);
  if (!band) throw new UsageError(`--band must be under, in or over; found '${flags.band}'`);
  return band;
}

const matches = (ref: OrgRef, code: string) =>
  ref.code.toLowerCase() === code.toLowerCase() || ref.onsCode?.toLowerCase() === code.toLowerCase();

/** Checks that each given area code exists, naming the known codes when not. */
export function areaFilter(flag: string, code: string | undefined, known: readonly OrgRef[]) {
  if (code === undefined) return () => true;
  if (!known.some((r) => matches(r, code))) {
    const codes = [...new Set(known.map((r) => r.code))].sort();
    throw new UsageError(
      `${flag} '${code}' is not in the loaded map; known codes: ${codes.slice(0, 60).join(", ")}${codes.length > 60 ? ", …" : ""}`,
    );
  }
  return (ref: OrgRef) => matches(ref, code);
}

/** The --icb and --sub-icb filters of a picture, checked against its practices. */
export function areaFilters(practices: readonly Practice[], flags: FilterFlags) {
  const inIcb = areaFilter(
    "--icb",
    flags.icb,
    practices.map((p) => p.icb),
  );
  const inSubIcb = areaFilter(
    "--sub-icb",
    flags.subIcb,
    practices.map((p) => p.subIcb),
  );
  return (area: { icb: OrgRef; subIcb: OrgRef }) => inIcb(area.icb) && inSubIcb(area.subIcb);
}
