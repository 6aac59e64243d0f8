// `icsplan networks ensemble --icb CODE [--steps 10000] [--seed 1] [--band 30000-50000] [--config X …]`:
// is a proposal an outlier? Valid alternative plans drawn by a recombination chain, and where today's map,
// the start design and each --config fall among them.
import type { Command } from "commander";
import {
  addNetworkOptions,
  networkAreaRequest,
  parseNetworkFormat,
  type NetworkFlags,
} from "../network-options.ts";
import { configurationSpec } from "../network-configuration.ts";
import { renderRecords } from "../output.ts";
import { withCommandStore } from "../picture-options.ts";
import { UsageError } from "../run.ts";

const collect = (value: string, previous: string[]) => [...previous, value];

const whole = (flag: string, text: string | undefined) => {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text))
    throw new UsageError(`${flag} must be a whole number; found '${text}'`, { field: flag.slice(2) });
  return Number(text);
};

export function registerNetworksEnsemble(networks: Command): void {
  addNetworkOptions(
    networks
      .command("ensemble")
      .description(
        "is a proposal an outlier? draw valid alternative plans (recombination chain, same band and contiguity) and place today's map, the design and each --config among them on cohesion, disruption, places crossed and localisation",
      )
      .option("--steps <n>", "recombination steps (default 10,000)")
      .option("--seed <n>", "seed of the start design and the chain (default 1)")
      .option("--thin <n>", "record every n-th plan (default 10)")
      .option("--band <min-max>", "network size band, e.g. 30000-50000 (default: the contract year's)")
      .option(
        "--config <config>",
        "also place this configuration: a saved scenario or a CSV (repeatable)",
        collect,
        [],
      ),
  ).action(
    async (
      opts: NetworkFlags & { steps?: string; seed?: string; thin?: string; band?: string; config: string[] },
      command: Command,
    ) => {
      const format = parseNetworkFormat(opts);
      const { parseBandText } = await import("../../engines/networks/design/index.ts");
      const request = {
        ...networkAreaRequest(opts),
        steps: whole("--steps", opts.steps),
        seed: whole("--seed", opts.seed),
        thin: whole("--thin", opts.thin),
        band: opts.band === undefined ? undefined : parseBandText(opts.band),
        configurations: await Promise.all(opts.config.map((c) => configurationSpec(c))),
      };
      const { networkEnsemble } = await import("../../app/ensemble.ts");
      const result = await withCommandStore(command, (store) => networkEnsemble(store, request));
      const { renderEnsemble, ensembleRecords } = await import("../render/network-ensemble.ts");
      if (format === "table") process.stdout.write(`${renderEnsemble(result)}\n`);
      else if (format === "csv") process.stdout.write(`${renderRecords(ensembleRecords(result), "csv")}\n`);
      else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    },
  );
}
