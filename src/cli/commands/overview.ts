// `icsplan overview [--icb CODE]`: England or one ICS at a glance.
import { UnknownAreaError } from "../../model/errors.ts";
import type { Command } from "commander";
import { buildOverview } from "../../engines/overview/overview.ts";
import { addPictureOptions, readPicture, type PictureFlags } from "../picture-options.ts";
import { renderOverview } from "../render/overview.ts";
import { UsageError } from "../run.ts";

export function registerOverview(program: Command): void {
  addPictureOptions(
    program
      .command("overview")
      .description(
        "the ICS (or England) at a glance: places, PCNs and their size bands, workforce, deprivation",
      )
      .option("--icb <code>", "an ICB by ODS code (e.g. QNC), ONS code (E54…) or part of its name")
      .option("--json", "print the overview as JSON"),
  ).action(async (opts: PictureFlags & { icb?: string; json?: boolean }, command: Command) => {
    const picture = await readPicture(command, opts);
    let overview;
    try {
      overview = buildOverview(picture, { icb: opts.icb });
    } catch (error) {
      if (error instanceof UnknownAreaError) throw new UsageError(error.message);
      throw error;
    }
    process.stdout.write(`${opts.json ? JSON.stringify(overview, null, 2) : renderOverview(overview)}\n`);
  });
}
