// `icsplan networks design`: a heuristic design of networks for an ICB or place, printed beside today's map
// and written as practice_code,network_code CSV with --out.
//   networks design --icb CODE | --sub-icb CODE [--demo] [--disruption W] [--place-weight W]
//     [--band 30000-50000] [--lock CODE=LABEL …] [--keep PCN …] [--waive PCN|CODE …] [--seed N]
//     [--iterations N] [--time-limit S] [--exact [--mip-time-limit S]] [--save NAME [--replace]]
//     [--out file.csv] [--format table|csv|json]
// Heavy modules (store, engines) are imported inside the action.
import type { Command } from "commander";
import type { DesignOptions } from "../../engines/networks/design/index.ts";
import {
  addNetworkOptions,
  networkAreaRequest,
  parseNetworkFormat,
  type NetworkFlags,
} from "../network-options.ts";
import { withCommandStore } from "../picture-options.ts";
import { UsageError } from "../run.ts";

interface DesignFlags extends NetworkFlags {
  disruption?: string;
  placeWeight?: string;
  band?: string;
  lock: string[];
  keep: string[];
  waive: string[];
  seed?: string;
  iterations?: string;
  timeLimit?: string;
  out?: string;
  exact?: boolean;
  mipTimeLimit?: string;
  save?: string;
  replace?: boolean;
  description?: string;
  england?: boolean;
  starts?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function number(flag: string, text: string | undefined, check: (v: number) => boolean, what: string) {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || !check(v))
    throw new UsageError(`${flag} must be ${what}; found '${text}'`);
  return v;
}

/** The design options of the flags (band checked later, with the engine's message). */
export function designOptionsOf(flags: DesignFlags): Omit<DesignOptions, "band"> {
  const locks: Record<string, string> = {};
  for (const spec of flags.lock) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S.*?)\s*$/.exec(spec);
    if (!m) throw new UsageError(`--lock must be PRACTICE=LABEL (e.g. M83001=NORTH); found '${spec}'`);
    if (locks[m[1]!] !== undefined && locks[m[1]!] !== m[2])
      throw new UsageError(`--lock: practice ${m[1]} is locked to both ${locks[m[1]!]} and ${m[2]}`);
    locks[m[1]!] = m[2]!;
  }
  return {
    disruptionWeight: number("--disruption", flags.disruption, (v) => v >= 0, "a number ≥ 0"),
    placeWeight: number("--place-weight", flags.placeWeight, (v) => v >= 0, "a number ≥ 0"),
    seed: number("--seed", flags.seed, Number.isInteger, "a whole number"),
    iterations: number(
      "--iterations",
      flags.iterations,
      (v) => Number.isInteger(v) && v >= 0,
      "a whole number ≥ 0",
    ),
    timeLimitSeconds: number("--time-limit", flags.timeLimit, (v) => v > 0, "a number of seconds above 0"),
    starts: number("--starts", flags.starts, (v) => Number.isInteger(v) && v >= 1, "a whole number ≥ 1"),
    locks,
    keepWhole: flags.keep,
    waivers: flags.waive,
  };
}

export function registerNetworksDesign(networks: Command): void {
  addNetworkOptions(
    networks
      .command("design")
      .description(
        "design networks for an ICB or place: contiguous, within the size band unless waived, near their patients, with the least disruption asked for; shown beside today's map",
      )
      .option(
        "--disruption <weight>",
        "km of travel one patient moved from today's network-mates is worth (default 1)",
      )
      .option(
        "--place-weight <weight>",
        "km one patient outside their network's main place is worth (default 1)",
      )
      .option(
        "--band <min-max>",
        "network size band, e.g. 30000-50000 or 30k-50k (default: the contract year's)",
      )
      .option(
        "--lock <practice=label>",
        "keep this practice in the network named label (repeatable)",
        collect,
        [],
      )
      .option("--keep <pcn>", "keep today's PCN together (repeatable)", collect, [])
      .option(
        "--waive <pcn|practice>",
        "allow this PCN's or practice's network under the minimum (repeatable)",
        collect,
        [],
      )
      .option("--seed <n>", "random seed: equal seeds give equal designs (default 1)")
      .option("--iterations <n>", "annealing proposals (default 10,000 + 300 per practice)")
      .option(
        "--starts <n>",
        "independent heuristic runs whose networks are recombined (default 4; 1 with --england)",
      )
      .option(
        "--england",
        "design every ICB of England in one run (also --icb all): a table per ICB, one CSV, one scenario",
      )
      .option(
        "--time-limit <seconds>",
        "stop the search after this long (the design is then not reproducible)",
      )
      .option(
        "--exact",
        "solve exactly with HiGHS (candidate networks + set-partitioning MIP): the optimum, or the best found with its proven gap",
      )
      .option("--mip-time-limit <seconds>", "exact mode: HiGHS time limit (default 60)")
      .option("--save <name>", "save the design in the store as a named scenario")
      .option("--replace", "with --save: replace a scenario of the same name")
      .option("--description <text>", "with --save: what the scenario is for")
      .option("--out <file>", "write the design as CSV: practice_code,network_code"),
  ).action(async (flags: DesignFlags, command: Command) => {
    const format = parseNetworkFormat(flags);
    const options = designOptionsOf(flags);
    const england = flags.england === true || flags.icb?.toLowerCase() === "all";
    const { parseBandText } = await import("../../engines/networks/design/index.ts");
    const { RequestError } = await import("../../model/errors.ts");
    const band = (() => {
      try {
        return flags.band === undefined ? undefined : parseBandText(flags.band);
      } catch (error) {
        if (error instanceof RequestError)
          throw new UsageError(`--band: ${error.message}`, { field: "band" });
        throw error;
      }
    })();
    const mipTimeLimit = number(
      "--mip-time-limit",
      flags.mipTimeLimit,
      (v) => v > 0,
      "a number of seconds above 0",
    );
    if (flags.replace && flags.save === undefined) throw new UsageError("--replace needs --save NAME");
    const save =
      flags.save === undefined
        ? undefined
        : { name: flags.save, replace: flags.replace ?? false, description: flags.description };
    const withSaveField = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof RequestError && error.field === "name")
          throw new UsageError(`--save: ${error.message}`, { field: "save", kind: error.kind });
        throw error;
      }
    };
    if (england) {
      if (flags.subIcb !== undefined) throw new UsageError("--england designs whole ICBs: drop --sub-icb");
      if (flags.exact) throw new UsageError("--exact works on one ICB or place at a time: drop --england");
      if (flags.lock.length + flags.keep.length + flags.waive.length > 0)
        throw new UsageError("--lock, --keep and --waive name practices of one area: drop --england");
      const { runEnglandDesign } = await import("./networks-design-england.ts");
      await withSaveField(() =>
        runEnglandDesign(command, flags, { ...options, band, starts: options.starts ?? 1 }, save, format),
      );
      return;
    }
    const request = {
      ...networkAreaRequest(flags),
      options: { ...options, band },
      exact: flags.exact ? { mipTimeLimitSeconds: mipTimeLimit } : undefined,
      save,
    };
    const { designNetworks } = await import("../../app/networks.ts");
    const outcome = await withSaveField(() =>
      withCommandStore(command, (store) => designNetworks(store, request)),
    );
    const { loaded, design: result, exact, savedAs: saved } = outcome;
    const render = await import("../render/network-design.ts");
    const { designCsv } = await import("../../app/networks.ts");
    const { writeFileSync } = await import("node:fs");
    if (flags.out !== undefined) writeFileSync(flags.out, `${designCsv(loaded.instance, result)}\n`);
    if (format === "csv") process.stdout.write(`${designCsv(loaded.instance, result)}\n`);
    else if (format === "json")
      process.stdout.write(`${JSON.stringify(render.designJson(outcome), null, 2)}\n`);
    else {
      if (exact) process.stdout.write(`${render.renderExactSummary(exact)}\n\n`);
      process.stdout.write(`${render.renderDesign(loaded, result)}\n`);
      if (saved !== null)
        process.stdout.write(
          `\nSaved as scenario '${saved}' (see \`icsplan scenarios show ${saved.includes(" ") ? `"${saved}"` : saved}\`).\n`,
        );
      if (flags.out !== undefined)
        process.stdout.write(`\nWrote ${flags.out} (practice_code,network_code).\n`);
    }
  });
}
