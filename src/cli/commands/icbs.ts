// `icsplan icbs …`: ICB footprints over time (the April 2026 mergers: 42 → 36 ICBs).
//   icbs on DATE     [--icb CODE] [--practice CODE] [--demo] [--format table|csv|json]
//   icbs changes     [--from DATE] [--to DATE] [--icb CODE] [--demo] [--format table|csv|json]
// Heavy modules (store, use cases, renderers) are imported inside the actions.
import type { Command } from "commander";
import { parseFormat, renderRecords, type OutputFormat } from "../output.ts";
import { dateFlag } from "../picture-options.ts";
import { storeOptions, UsageError } from "../run.ts";
import { parseDate } from "../../sources/table.ts";

interface Flags {
  icb?: string;
  demo?: boolean;
  format?: string;
}

function write(
  format: OutputFormat,
  synthetic: boolean,
  table: () => string,
  records: () => object[],
  json: unknown,
) {
  if (format === "table") process.stdout.write(`${table()}\n`);
  else if (format === "json") process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else {
    if (synthetic) process.stderr.write("SYNTHETIC DEMO DATA: an invented ICS, not real practices.\n");
    process.stdout.write(`${renderRecords(records(), "csv")}\n`);
  }
}

function registerOn(icbs: Command): void {
  icbs
    .command("on")
    .description(
      "the ICBs in force on a date (the map of that date, or the ODS change's membership from its effective date), with sub-ICB locations, practices and patients",
    )
    .argument("<date>", "the date, e.g. 2026-03-31 (before the April 2026 mergers) or 2026-04-01")
    .option("--icb <code>", "only this ICB (ODS or ONS code, or part of its name)")
    .option("--practice <code>", "instead, this practice's ICB and sub-ICB location on the date")
    .option("--demo", "the synthetic demo ICS instead of real data")
    .option("--format <format>", "table, csv or json", "table")
    .action(async (text: string, flags: Flags & { practice?: string }, command: Command) => {
      const format = parseFormat(flags.format ?? "table");
      const date = parseDate(text);
      if (!date)
        throw new UsageError(`DATE must be a date such as 2026-04-01; found '${text}'`, { field: "date" });
      const synthetic = flags.demo ?? false;
      const [{ withStore }, app, render] = await Promise.all([
        import("../../store/store.ts"),
        import("../../app/footprints.ts"),
        import("../render/icbs.ts"),
      ]);
      if (flags.practice !== undefined && flags.icb !== undefined)
        throw new UsageError("give --practice or --icb, not both", { field: "practice" });
      if (flags.practice !== undefined) {
        const practice = flags.practice;
        const m = await withStore(storeOptions(command), (store) =>
          app.icbOnDate(store, { synthetic, practice, date }),
        );
        write(
          format,
          synthetic,
          () => render.renderMembership(m),
          () => render.membershipRecords(m),
          m,
        );
        return;
      }
      const r = await withStore(storeOptions(command), (store) =>
        app.icbsOnDate(store, { synthetic, date, icb: flags.icb }),
      );
      write(
        format,
        synthetic,
        () => render.renderIcbsOnDate(r),
        () => render.icbsOnDateRecords(r),
        r,
      );
    });
}

function registerChanges(icbs: Command): void {
  icbs
    .command("changes")
    .description(
      "the succession of ICBs between two footprints: each old ICB's successors with practices, patients and LSOAs moved, and the ODS change rows behind them",
    )
    .option("--from <date>", "the earlier footprint's date (default: the day before the newest ODS change)")
    .option("--to <date>", "the later footprint's date (default: the newest map's)")
    .option("--icb <code>", "only the links of this ICB, old or new (code or part of its name)")
    .option("--demo", "the synthetic demo ICS instead of real data")
    .option("--format <format>", "table, csv or json", "table")
    .action(async (flags: Flags & { from?: string; to?: string }, command: Command) => {
      const format = parseFormat(flags.format ?? "table");
      const from = dateFlag("from", flags.from);
      const to = dateFlag("to", flags.to);
      const synthetic = flags.demo ?? false;
      const [{ withStore }, app, render] = await Promise.all([
        import("../../store/store.ts"),
        import("../../app/footprints.ts"),
        import("../render/icbs.ts"),
      ]);
      const s = await withStore(storeOptions(command), (store) =>
        app.icbSuccession(store, { synthetic, from, to, icb: flags.icb }),
      );
      write(
        format,
        synthetic,
        () => render.renderSuccession(s),
        () => render.successionRecords(s),
        s,
      );
    });
}

export function registerIcbs(program: Command): void {
  const icbs = program
    .command("icbs")
    .description("ICB footprints over time: the ICBs in force on a date, and how they succeed one another");
  registerOn(icbs);
  registerChanges(icbs);
}
