// `icsplan datasets`: what is loaded, from which file, for which date.
import type { Command } from "commander";
import { listDatasets } from "../../store/repositories/datasets.ts";
import { withStore } from "../../store/store.ts";
import { parseFormat, renderRecords } from "../output.ts";
import { storeOptions } from "../run.ts";

export function registerDatasets(program: Command): void {
  program
    .command("datasets")
    .description("list the datasets in the store, with source, period, rows and file")
    .option("--format <format>", "table, csv or json", "table")
    .action(async (opts: { format: string }, command: Command) => {
      const format = parseFormat(opts.format);
      const rows = await withStore(storeOptions(command), async (store) => listDatasets(store.db));
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
      process.stdout.write(`${renderRecords(records, format)}\n`);
    });
}
