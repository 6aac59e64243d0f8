// `icsplan networks export`: a configuration (today's map, a CSV or a saved scenario) as CSV
// (practice_code,network_code,network_name,list_size) or GeoJSON (practice points; network polygons
// dissolved from LSOA boundaries where loaded, else convex hulls of their sites).
import type { Command } from "commander";
import { addNetworkOptions, readNetworkInstance, type NetworkFlags } from "../network-options.ts";
import { storeOptions, UsageError } from "../run.ts";
import { readConfiguration } from "../network-configuration.ts";

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
    const loaded = await readNetworkInstance(command, flags);
    const { labelled, description } = await readConfiguration(command, loaded, flags.config, "--config");
    let text: string;
    if (format === "geojson") {
      const [{ withStore }, { configurationGeoJson }] = await Promise.all([
        import("../../store/store.ts"),
        import("../../app/network-scenarios.ts"),
      ]);
      const collection = await withStore(storeOptions(command), (store) =>
        configurationGeoJson(store, loaded, labelled),
      );
      text = JSON.stringify({
        ...collection,
        metadata: { ...collection.metadata, configuration: description },
      });
    } else {
      const { configurationOf } = await import("../../app/network-scenarios.ts");
      const { renderRecords } = await import("../output.ts");
      const rows = configurationOf(loaded, labelled).practices.map((p) => ({
        practice_code: p.practiceCode,
        network_code: p.networkCode ?? "U",
        network_name: p.networkName ?? "",
        list_size: p.listSize,
      }));
      text = renderRecords(rows, "csv");
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
