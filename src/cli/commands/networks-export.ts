// `icsplan networks export`: a configuration (today's map, a CSV or a saved scenario) as CSV
// (practice_code,network_code,network_name,list_size) or GeoJSON (practice points; network polygons
// dissolved from LSOA boundaries where loaded, else convex hulls of their sites).
import type { Command } from "commander";
import { addNetworkOptions, networkAreaRequest, type NetworkFlags } from "../network-options.ts";
import { withCommandStore } from "../picture-options.ts";
import { UsageError } from "../run.ts";
import { configurationSpec } from "../network-configuration.ts";

interface ExportFlags extends NetworkFlags {
  config: string;
  out?: string;
}

export function registerNetworksExport(networks: Command): void {
  addNetworkOptions(
    networks
      .command("export")
      .description(
        "export a configuration as CSV (practice → network) or GeoJSON (practice points and network polygons)",
      )
      .option("--config <config>", "'today', a saved scenario or a CSV practice_code,network_code", "today")
      .option("--out <file>", "write to this file instead of standard output"),
  ).action(async (flags: ExportFlags, command: Command) => {
    const format = flags.format ?? "csv";
    if (format !== "csv" && format !== "geojson" && format !== "table")
      throw new UsageError(`--format must be csv or geojson for networks export; found '${format}'`);
    const request = {
      ...networkAreaRequest(flags),
      configuration: await configurationSpec(flags.config),
      format: format === "geojson" ? ("geojson" as const) : ("csv" as const),
    };
    const { exportNetworks } = await import("../../app/networks.ts");
    const result = await withCommandStore(command, (store) => exportNetworks(store, request));
    const description = result.configuration;
    let text: string;
    if (result.geojson) text = JSON.stringify(result.geojson);
    else {
      const { renderRecords } = await import("../output.ts");
      text = renderRecords(result.rows, "csv", [
        "practice_code",
        "network_code",
        "network_name",
        "list_size",
      ]);
    }
    if (flags.out === undefined) process.stdout.write(`${text}\n`);
    else {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(flags.out, `${text}\n`);
      process.stderr.write(
        `Wrote ${flags.out} (${format === "geojson" ? "GeoJSON" : "CSV"}, ${description}).\n`,
      );
    }
  });
}
