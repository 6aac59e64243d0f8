// `icsplan scenarios …`: the scenarios saved in the store (network designs, closures, mergers,
// allocations): list, show, export (CSV, JSON, GeoJSON), compare and delete. Commands that make scenarios
// save them with --save NAME (e.g. `networks design --save`); further subcommands that make scenarios
// register here as `registerXxx(scenarios)` at the end of scenariosCommand.
import type { Command } from "commander";
import { parseFormat, renderRecords } from "../output.ts";
import { withCommandStore } from "../picture-options.ts";
import { UsageError } from "../run.ts";
import { registerClosureCommands } from "./scenarios-closure.ts";

function registerList(scenarios: Command): void {
  scenarios
    .command("list")
    .description("list saved scenarios, newest first")
    .option("--kind <kind>", "only this kind: network-design, closure, merger or allocation")
    .option("--format <format>", "table, csv or json", "table")
    .action(async (opts: { kind?: string; format: string }, command: Command) => {
      const format = parseFormat(opts.format);
      const app = await import("../../app/scenarios.ts");
      const kind = app.parseScenarioKind(opts.kind);
      const rows = await withCommandStore(command, (store) => app.listScenarios(store, { kind }));
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
      if (format === "csv")
        throw new UsageError("--format csv: use `icsplan scenarios export NAME --format csv`");
      const { showScenario } = await import("../../app/scenarios.ts");
      const record = await withCommandStore(command, (store) => showScenario(store, name));
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        return;
      }
      const { renderScenario } = await import("../render/scenarios.ts");
      process.stdout.write(`${renderScenario(record)}\n`);
    });
}

function registerExport(scenarios: Command): void {
  scenarios
    .command("export <name>")
    .description(
      "export a saved scenario: csv (practice → network, lists), json (everything; `scenarios import` loads it into another store) or geojson (practice points and network polygons)",
    )
    .option("--format <format>", "csv, json or geojson", "csv")
    .option("--out <file>", "write to this file instead of standard output")
    .action(async (name: string, opts: { format: string; out?: string }, command: Command) => {
      if (!["csv", "json", "geojson"].includes(opts.format))
        throw new UsageError(`--format must be csv, json or geojson; found '${opts.format}'`);
      const app = await import("../../app/scenarios.ts");
      const text = await withCommandStore(command, async (store) => {
        if (opts.format === "geojson") return JSON.stringify(await app.scenarioGeoJson(store, name));
        const record = await app.showScenario(store, name);
        if (opts.format === "json") return JSON.stringify(app.scenarioFile(record), null, 2);
        return renderRecords(app.scenarioPracticeRows(record), "csv");
      });
      if (opts.out === undefined) process.stdout.write(`${text}\n`);
      else {
        const { writeFileSync } = await import("node:fs");
        writeFileSync(opts.out, `${text}\n`);
        process.stderr.write(`Wrote ${opts.out} (${opts.format}, scenario ${name}).\n`);
      }
    });
}

function registerImport(scenarios: Command): void {
  scenarios
    .command("import <file>")
    .description(
      "load a scenario exported with `scenarios export NAME --format json` (for example a colleague's) into this store",
    )
    .option("--as <name>", "save it under this name instead of the file's")
    .option("--replace", "replace a scenario of the same name")
    .action(async (file: string, opts: { as?: string; replace?: boolean }, command: Command) => {
      const { readFileSync } = await import("node:fs");
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, "utf8"));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") throw new UsageError(`${file}: no such file`, { field: "file" });
        if (code === "EISDIR")
          throw new UsageError(`${file}: is a folder, not a scenario file`, { field: "file" });
        if (error instanceof SyntaxError)
          throw new UsageError(`${file}: not JSON (${error.message}); expected a scenario export`, {
            field: "file",
          });
        throw error;
      }
      const { importScenario } = await import("../../app/scenarios.ts");
      const result = await withCommandStore(command, (store) =>
        importScenario(store, { file: parsed, source: file, name: opts.as, replace: opts.replace }),
      );
      const s = result.scenario;
      process.stdout.write(
        `Imported scenario '${s.name}' (${s.kind}, ${s.synthetic ? "SYNTHETIC demo" : "real data"}, ${s.area}, map ${s.mapDate}).\n`,
      );
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
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
      const { compareScenarios } = await import("../../app/scenarios.ts");
      const { comparison, labels, footprint } = await withCommandStore(command, (store) =>
        compareScenarios(store, a, b),
      );
      const { renderConfigurationComparison, networkChangeRecords } = await import("../render/scenarios.ts");
      if (format === "json")
        process.stdout.write(
          `${JSON.stringify({ a: labels.a, b: labels.b, footprint, ...comparison }, null, 2)}\n`,
        );
      else if (format === "csv")
        process.stdout.write(`${renderRecords(networkChangeRecords(comparison), "csv")}\n`);
      else process.stdout.write(`${renderConfigurationComparison(comparison, labels, footprint)}\n`);
    });
}

function registerDelete(scenarios: Command): void {
  scenarios
    .command("delete <name>")
    .description("delete a saved scenario")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { deleteScenario } = await import("../../app/scenarios.ts");
      await withCommandStore(command, (store) => deleteScenario(store, name));
      process.stdout.write(`Deleted scenario '${name}'.\n`);
    });
}

/** Creates `icsplan scenarios` with its subcommands and returns it. */
export function scenariosCommand(program: Command): Command {
  const scenarios = program
    .command("scenarios")
    .description(
      "saved scenarios (network designs, closures, mergers, allocations): list, show, export, import, compare, delete",
    );
  registerList(scenarios);
  registerShow(scenarios);
  registerExport(scenarios);
  registerImport(scenarios);
  registerCompare(scenarios);
  registerDelete(scenarios);
  registerClosureCommands(scenarios);
  return scenarios;
}
