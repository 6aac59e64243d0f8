// `icsplan networks design --england` (or `--icb all`): every ICB designed in one process, a per-ICB
// summary table, one CSV with network labels unique in England (--out), one scenario (--save).
import type { Command } from "commander";
import type { DesignOptions } from "../../engines/networks/design/index.ts";
import { parseGraphFlags, type NetworkFlags } from "../network-options.ts";
import { parseDate } from "../../sources/table.ts";
import type { OutputFormat } from "../output.ts";
import { storeOptions, UsageError } from "../run.ts";

export interface EnglandFlags extends NetworkFlags {
  out?: string;
  save?: string;
  replace?: boolean;
  description?: string;
}

export async function runEnglandDesign(
  command: Command,
  flags: EnglandFlags,
  options: Omit<DesignOptions, "band"> & Pick<DesignOptions, "band">,
  format: OutputFormat,
): Promise<void> {
  const started = performance.now();
  let date: string | undefined;
  if (flags.date !== undefined) {
    date = parseDate(flags.date);
    if (!date) throw new UsageError(`--date must be a date such as 2026-01-01; found '${flags.date}'`);
  }
  const graph = parseGraphFlags(flags);
  const [{ loadEnglandInstances }, { designEngland }, { withStore }, { NoDataError }, render] =
    await Promise.all([
      import("../../app/network-instance.ts"),
      import("../../app/network-england.ts"),
      import("../../store/store.ts"),
      import("../../store/repositories/picture.ts"),
      import("../render/network-design.ts"),
    ]);
  const { DesignRequestError } = await import("../../engines/networks/design/index.ts");
  let loaded;
  try {
    loaded = await withStore(storeOptions(command), (store) =>
      loadEnglandInstances(store, { synthetic: flags.demo ?? false, date, graph }),
    );
  } catch (error) {
    if (error instanceof NoDataError) throw new UsageError(error.message);
    throw error;
  }
  const loadSeconds = (performance.now() - started) / 1000;
  let design;
  try {
    design = designEngland(loaded.instances, options);
  } catch (error) {
    if (error instanceof DesignRequestError) throw new UsageError(error.message);
    throw error;
  }
  let saved: string | null = null;
  if (flags.save !== undefined) {
    const [{ saveScenario, ScenarioExistsError }, { configurationOf }] = await Promise.all([
      import("../../store/repositories/scenarios.ts"),
      import("../../app/network-scenarios.ts"),
    ]);
    try {
      const record = await withStore(storeOptions(command), (store) =>
        saveScenario(
          store.db,
          {
            name: flags.save!,
            kind: "network-design",
            synthetic: loaded.picture.synthetic,
            area: "England",
            mapDate: loaded.picture.date,
            description:
              flags.description ??
              `Heuristic design for England (${design.rows.length} ICBs), map of ${loaded.picture.sources.map.period}`,
            request: JSON.parse(
              JSON.stringify({
                england: true,
                date: flags.date ?? null,
                graph: {
                  basis: flags.basis ?? "auto",
                  overlap: flags.overlap ?? null,
                  pruneFactor: flags.pruneFactor ?? null,
                  maxEdgeKm: flags.maxEdgeKm ?? null,
                },
                ...options,
              }),
            ),
            result: JSON.parse(JSON.stringify({ icbs: render.englandRows(design) })),
            configuration: {
              practices: design.rows.flatMap(
                (r) => configurationOf(r.loaded, render.designLabels(r.loaded.instance, r.result)).practices,
              ),
              closed: [],
            },
          },
          { replace: flags.replace ?? false },
        ),
      );
      saved = record.name;
    } catch (error) {
      if (error instanceof ScenarioExistsError) throw new UsageError(`--save: ${error.message}`);
      throw error;
    }
  }
  const { writeFileSync } = await import("node:fs");
  const csv = render.englandCsv(design);
  if (flags.out !== undefined) writeFileSync(flags.out, `${csv}\n`);
  const seconds = { load: loadSeconds, design: design.seconds, total: (performance.now() - started) / 1000 };
  if (format === "csv") process.stdout.write(`${csv}\n`);
  else if (format === "json")
    process.stdout.write(
      `${JSON.stringify({ synthetic: loaded.picture.synthetic, date: loaded.picture.date, icbs: render.englandRows(design), seconds, savedAs: saved }, null, 2)}\n`,
    );
  else {
    process.stdout.write(`${render.renderEngland(loaded.picture, design, seconds)}\n`);
    if (saved !== null)
      process.stdout.write(
        `\nSaved as scenario '${saved}' (see \`icsplan scenarios show ${saved.includes(" ") ? `"${saved}"` : saved}\`).\n`,
      );
    if (flags.out !== undefined) process.stdout.write(`\nWrote ${flags.out} (practice_code,network_code).\n`);
  }
}
