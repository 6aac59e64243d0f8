// `icsplan scenarios …`: the scenarios saved in the store (network designs, closures, mergers,
// allocations): list, show, export (CSV, JSON, GeoJSON), compare and delete. Commands that make scenarios
// save them with --save NAME (e.g. `networks design --save`); further subcommands that make scenarios
// register here as `registerXxx(scenarios)` at the end of scenariosCommand.
import type { Command } from "commander";
import type { ScenarioRecord } from "../../store/repositories/scenarios.ts";
import { parseFormat, renderRecords } from "../output.ts";
import { storeOptions, UsageError } from "../run.ts";
import { registerClosureCommands } from "./scenarios-closure.ts";

async function readScenario(command: Command, name: string): Promise<ScenarioRecord> {
  const [{ withStore }, { getScenario }] = await Promise.all([
    import("../../store/store.ts"),
    import("../../store/repositories/scenarios.ts"),
  ]);
  const record = await withStore(storeOptions(command), (store) => getScenario(store.db, name));
  if (!record) throw new UsageError(`no scenario is named '${name}' (see \`icsplan scenarios list\`)`);
  return record;
}

function registerList(scenarios: Command): void {
  scenarios
    .command("list")
    .description("list saved scenarios, newest first")
    .option("--kind <kind>", "only this kind: network-design, closure, merger or allocation")
    .option("--format <format>", "table, csv or json", "table")
    .action(async (opts: { kind?: string; format: string }, command: Command) => {
      const format = parseFormat(opts.format);
      const [{ withStore }, { listScenarios, SCENARIO_KINDS }] = await Promise.all([
        import("../../store/store.ts"),
        import("../../store/repositories/scenarios.ts"),
      ]);
      const kind = opts.kind as (typeof SCENARIO_KINDS)[number] | undefined;
      if (kind !== undefined && !SCENARIO_KINDS.includes(kind))
        throw new UsageError(`--kind must be one of ${SCENARIO_KINDS.join(", ")}; found '${opts.kind}'`);
      const rows = await withStore(storeOptions(command), (store) => listScenarios(store.db, { kind }));
      if (rows.length === 0 && format === "table") {
        process.stdout.write(
          "No saved scenarios. Save one with e.g. `icsplan networks design --demo --save NAME`.\n",
        );
        return;
      }
      const records = rows.map((r) => ({
        name: r.name,
        kind: r.kind,
        data: r.synthetic ? "SYNTHETIC demo" : "real",
        area: r.area,
        map_date: r.mapDate,
        created: r.createdAt.slice(0, 19).replace("T", " "),
        description: r.description,
      }));
      process.stdout.write(`${renderRecords(records, format)}\n`);
    });
}

function registerShow(scenarios: Command): void {
  scenarios
    .command("show <name>")
    .description("show a saved scenario: what was asked, what came out, the networks it leaves")
    .option("--format <format>", "table or json", "table")
    .action(async (name: string, opts: { format: string }, command: Command) => {
      const format = parseFormat(opts.format);
      const record = await readScenario(command, name);
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        return;
      }
      if (format === "csv")
        throw new UsageError("--format csv: use `icsplan scenarios export NAME --format csv`");
      const { renderScenario } = await import("../render/scenarios.ts");
      process.stdout.write(`${renderScenario(record)}\n`);
    });
}

function registerExport(scenarios: Command): void {
  scenarios
    .command("export <name>")
    .description(
      "export a saved scenario: csv (practice → network, lists), json (everything) or geojson (practice points and network polygons)",
    )
    .option("--format <format>", "csv, json or geojson", "csv")
    .option("--out <file>", "write to this file instead of standard output")
    .action(async (name: string, opts: { format: string; out?: string }, command: Command) => {
      if (!["csv", "json", "geojson"].includes(opts.format))
        throw new UsageError(`--format must be csv, json or geojson; found '${opts.format}'`);
      const record = await readScenario(command, name);
      let text: string;
      if (opts.format === "json") text = JSON.stringify(record, null, 2);
      else if (opts.format === "csv") {
        if (!record.configuration)
          throw new UsageError(
            `scenario '${name}' (${record.kind}) has no practice table; use --format json`,
          );
        text = renderRecords(
          record.configuration.practices.map((p) => ({
            practice_code: p.practiceCode,
            network_code: p.networkCode ?? "U",
            network_name: p.networkName ?? "",
            list_size: p.listSize,
            weighted_list: p.weightedList,
            merged_from: p.mergedFrom?.join(" ") ?? "",
          })),
          "csv",
        );
      } else {
        const { scenarioGeoJson } = await import("../scenario-geojson.ts");
        text = JSON.stringify(await scenarioGeoJson(command, record));
      }
      if (opts.out === undefined) process.stdout.write(`${text}\n`);
      else {
        const { writeFileSync } = await import("node:fs");
        writeFileSync(opts.out, `${text}\n`);
        process.stderr.write(`Wrote ${opts.out} (${opts.format}, scenario ${record.name}).\n`);
      }
    });
}

function registerCompare(scenarios: Command): void {
  scenarios
    .command("compare <a> <b>")
    .description(
      "compare two saved scenarios (or 'today' for the map a scenario started from): practices closed or moved, lists, networks and bands",
    )
    .option("--format <format>", "table, csv or json", "table")
    .action(async (a: string, b: string, opts: { format: string }, command: Command) => {
      const format = parseFormat(opts.format);
      const { scenarioComparison } = await import("../scenario-compare.ts");
      const { comparison, labels } = await scenarioComparison(command, a, b);
      const { renderConfigurationComparison, networkChangeRecords } = await import("../render/scenarios.ts");
      if (format === "json")
        process.stdout.write(`${JSON.stringify({ a: labels.a, b: labels.b, ...comparison }, null, 2)}\n`);
      else if (format === "csv")
        process.stdout.write(`${renderRecords(networkChangeRecords(comparison), "csv")}\n`);
      else process.stdout.write(`${renderConfigurationComparison(comparison, labels)}\n`);
    });
}

function registerDelete(scenarios: Command): void {
  scenarios
    .command("delete <name>")
    .description("delete a saved scenario")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const [{ withStore }, { deleteScenario }] = await Promise.all([
        import("../../store/store.ts"),
        import("../../store/repositories/scenarios.ts"),
      ]);
      const deleted = await withStore(storeOptions(command), (store) => deleteScenario(store.db, name));
      if (!deleted) throw new UsageError(`no scenario is named '${name}' (see \`icsplan scenarios list\`)`);
      process.stdout.write(`Deleted scenario '${name}'.\n`);
    });
}

/** Creates `icsplan scenarios` with its subcommands and returns it. */
export function scenariosCommand(program: Command): Command {
  const scenarios = program
    .command("scenarios")
    .description(
      "saved scenarios (network designs, closures, mergers, allocations): list, show, export, compare, delete",
    );
  registerList(scenarios);
  registerShow(scenarios);
  registerExport(scenarios);
  registerCompare(scenarios);
  registerDelete(scenarios);
  registerClosureCommands(scenarios);
  return scenarios;
}
