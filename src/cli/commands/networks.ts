// `icsplan networks …`: configurations of Primary Care Networks for an ICB or place.
//   networks evaluate --icb CODE | --sub-icb CODE [--demo] [--format table|csv|json]
//   networks compare  --icb CODE --a today --b proposal.csv|SCENARIO
//   networks export   --icb CODE [--config today|file.csv|SCENARIO] --format csv|geojson [--out file]
//   networks ensemble --icb CODE [--steps N] [--seed N] [--band MIN-MAX] [--config SCENARIO …]
//
// Extending: `networksCommand(program)` creates the `networks` command, adds evaluate and compare, and
// returns it. Further subcommands (e.g. `networks design`) live in their own modules as
// `registerXxx(networks: Command)` and are called at the end of networksCommand below; shared options and
// instance loading are in ../network-options.ts. Heavy modules are imported inside the actions.
import type { Command } from "commander";
import {
  addNetworkOptions,
  networkAreaRequest,
  parseNetworkFormat,
  type NetworkFlags,
} from "../network-options.ts";
import { withCommandStore } from "../picture-options.ts";
import { renderRecords } from "../output.ts";
import { registerNetworksDesign } from "./networks-design.ts";
import { configurationSpec } from "../network-configuration.ts";
import { registerNetworksExport } from "./networks-export.ts";
import { registerNetworksEnsemble } from "./networks-ensemble.ts";

function registerEvaluate(networks: Command): void {
  addNetworkOptions(
    networks
      .command("evaluate")
      .description(
        "evaluate today's PCNs of an ICB or place: sizes and bands, contiguity, cohesion, sites, places crossed, deprivation, breaches",
      )
      .option(
        "--config <file>",
        "evaluate this configuration (a saved scenario, or a CSV practice_code,network_code) instead of today's map",
      ),
  ).action(async (opts: NetworkFlags & { config?: string }, command: Command) => {
    const format = parseNetworkFormat(opts);
    const request = {
      ...networkAreaRequest(opts),
      configuration: await configurationSpec(opts.config ?? "today"),
    };
    const { evaluateNetworks, networkSource } = await import("../../app/networks.ts");
    const { loaded, evaluation } = await withCommandStore(command, (store) =>
      evaluateNetworks(store, request),
    );
    const { renderEvaluation, evaluationRecords } = await import("../render/networks.ts");
    if (format === "table") process.stdout.write(`${renderEvaluation(loaded, evaluation)}\n`);
    else if (format === "csv")
      process.stdout.write(`${renderRecords(evaluationRecords(evaluation), "csv")}\n`);
    else {
      const { synthetic, area, date, map, lists, catchments, footprint } = networkSource(loaded);
      process.stdout.write(
        `${JSON.stringify({ synthetic, area, date, map, lists, catchments, footprint, ...evaluation }, null, 2)}\n`,
      );
    }
  });
}

function registerCompare(networks: Command): void {
  addNetworkOptions(
    networks
      .command("compare")
      .description(
        "compare two configurations side by side: bands, contiguity, cohesion, practices and patients moved",
      )
      .option(
        "--a <config>",
        "the first configuration: 'today', a saved scenario or a CSV practice_code,network_code",
        "today",
      )
      .requiredOption(
        "--b <config>",
        "the second configuration: 'today', a saved scenario or a CSV practice_code,network_code",
      ),
  ).action(async (opts: NetworkFlags & { a: string; b: string }, command: Command) => {
    const format = parseNetworkFormat(opts);
    const request = {
      ...networkAreaRequest(opts),
      a: await configurationSpec(opts.a),
      b: await configurationSpec(opts.b),
    };
    const { compareNetworks } = await import("../../app/networks.ts");
    const { loaded, labels, comparison } = await withCommandStore(command, (store) =>
      compareNetworks(store, request),
    );
    const { renderComparison, changeRecords } = await import("../render/networks.ts");
    if (format === "table") process.stdout.write(`${renderComparison(loaded, comparison, labels)}\n`);
    else if (format === "csv") process.stdout.write(`${renderRecords(changeRecords(comparison), "csv")}\n`);
    else
      process.stdout.write(
        `${JSON.stringify(
          {
            synthetic: loaded.picture.synthetic,
            area: loaded.areaName,
            date: loaded.picture.date,
            footprint: loaded.footprint ?? null,
            aSource: labels.a,
            bSource: labels.b,
            ...comparison,
          },
          null,
          2,
        )}\n`,
      );
  });
}

/** Creates `icsplan networks` with its subcommands and returns it (see the header to add more). */
export function networksCommand(program: Command): Command {
  const networks = program
    .command("networks")
    .description(
      "evaluate, compare (and design) configurations of Primary Care Networks for an ICB or place",
    );
  registerEvaluate(networks);
  registerCompare(networks);
  registerNetworksDesign(networks);
  registerNetworksExport(networks);
  registerNetworksEnsemble(networks);
  return networks;
}
