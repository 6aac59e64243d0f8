// `icsplan networks design --england` (or `--icb all`): every ICB designed in one process, a per-ICB
// summary table, one CSV with network labels unique in England (--out), one scenario (--save).
import type { Command } from "commander";
import type { SaveAs } from "../../app/networks.ts";
import type { DesignOptions } from "../../engines/networks/design/index.ts";
import { parseGraphFlags, type NetworkFlags } from "../network-options.ts";
import type { OutputFormat } from "../output.ts";
import { pictureRequest, withCommandStore } from "../picture-options.ts";

export interface EnglandFlags extends NetworkFlags {
  out?: string;
}

export async function runEnglandDesign(
  command: Command,
  flags: EnglandFlags,
  options: Omit<DesignOptions, "date">,
  save: SaveAs | undefined,
  format: OutputFormat,
): Promise<void> {
  const request = { ...pictureRequest(flags), graph: parseGraphFlags(flags), options, save };
  const [{ designEnglandNetworks, englandCsv, englandRows }, render] = await Promise.all([
    import("../../app/networks.ts"),
    import("../render/network-design.ts"),
  ]);
  const {
    picture,
    footprint,
    design,
    savedAs: saved,
    seconds,
  } = await withCommandStore(command, (store) => designEnglandNetworks(store, request));
  const { writeFileSync } = await import("node:fs");
  const csv = englandCsv(design);
  if (flags.out !== undefined) writeFileSync(flags.out, `${csv}\n`);
  if (format === "csv") process.stdout.write(`${csv}\n`);
  else if (format === "json")
    process.stdout.write(
      `${JSON.stringify({ synthetic: picture.synthetic, date: picture.date, footprint, icbs: englandRows(design), seconds, savedAs: saved }, null, 2)}\n`,
    );
  else {
    process.stdout.write(`${render.renderEngland(picture, design, seconds, footprint)}\n`);
    if (saved !== null)
      process.stdout.write(
        `\nSaved as scenario '${saved}' (see \`icsplan scenarios show ${saved.includes(" ") ? `"${saved}"` : saved}\`).\n`,
      );
    if (flags.out !== undefined) process.stdout.write(`\nWrote ${flags.out} (practice_code,network_code).\n`);
  }
}
