// `icsplan overview [--icb CODE | --sub-icb CODE]`: England, one ICS or one place at a glance.
import type { Command } from "commander";
import { overview } from "../../app/overview.ts";
import { parseFormat } from "../output.ts";
import {
  addPictureOptions,
  pictureRequest,
  withCommandStore,
  type PictureFlags,
} from "../picture-options.ts";
import { renderOverview } from "../render/overview.ts";
import { UsageError } from "../run.ts";

interface OverviewFlags extends PictureFlags {
  icb?: string;
  subIcb?: string;
  json?: boolean;
  format?: string;
}

export function registerOverview(program: Command): void {
  addPictureOptions(
    program
      .command("overview")
      .description(
        "the ICS (or England, or one place) at a glance: places, PCNs and their size bands, workforce, deprivation",
      )
      .option("--icb <code>", "an ICB by ODS code (e.g. QNC), ONS code (E54…) or part of its name")
      .option("--sub-icb <code>", "a place (sub-ICB location) by ODS code, ONS code or part of its name")
      .option("--format <format>", "table or json", "table")
      .option("--json", "the same as --format json"),
  ).action(async (opts: OverviewFlags, command: Command) => {
    const format = opts.json ? "json" : parseFormat(opts.format ?? "table");
    if (format === "csv") throw new UsageError("--format csv: use `icsplan practices` or `icsplan pcns`");
    const request = { ...pictureRequest(opts), icb: opts.icb, subIcb: opts.subIcb };
    const result = await withCommandStore(command, (store) => overview(store, request));
    process.stdout.write(`${format === "json" ? JSON.stringify(result, null, 2) : renderOverview(result)}\n`);
  });
}
