// `icsplan datasets`: what is loaded, from which file, for which date.
import type { Command } from "commander";
import { listDatasets } from "../../store/repositories/datasets.ts";
import { withStore } from "../../store/store.ts";
import { parseFormat, renderRecords } from "../output.ts";
import { storeOptions } from "../run.ts";

const COLUMNS = ["id", "source", "period", "reference_date", "rows", "synthetic", "scope", "file"] as const;

export function registerDatasets(program: Command): void {
  program
    .command("datasets")
    .description("list the datasets in the store, with source, period, rows and file")
    .option("--format <format>", "table, csv or json", "table")
    .action(async (opts: { format: string }, command: Command) => {
      const format = parseFormat(opts.format);
      const { rows, location } = await withStore(storeOptions(command), async (store) => ({
        rows: await listDatasets(store.db),
        location: store.location,
      }));
      if (rows.length === 0 && format === "table") {
        process.stdout.write(
          `No datasets in the store at ${location}: load official files with \`icsplan import <folder>\`, ` +
            `or the synthetic demo with \`icsplan demo\`.\n`,
        );
        return;
      }
      const records = rows.map((d) => ({
        id: d.id,
        source: d.source,
        period: d.period,
        reference_date: d.referenceDate,
        rows: d.rowCount,
        synthetic: d.synthetic,
        scope: d.scope,
        file: d.fileName,
      }));
      process.stdout.write(`${renderRecords(records, format, COLUMNS)}\n`);
    });
}
