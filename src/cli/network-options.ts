// Options shared by the `networks` subcommands (evaluate, compare, and design): the area, the picture, the
// graph settings and the output format; and loading the instance with them. The heavy modules (store,
// engines, d3-delaunay) are imported on use, so `icsplan --help` stays fast.
import type { Command } from "commander";
import type { NetworkAreaRequest } from "../app/networks.ts";
import type { AdjacencyOptions } from "../engines/networks/graph.ts";
import { parseFormat, type OutputFormat } from "./output.ts";
import { pictureRequest } from "./picture-options.ts";
import { UsageError } from "./run.ts";

export interface NetworkFlags {
  icb?: string;
  subIcb?: string;
  demo?: boolean;
  date?: string;
  lists?: string;
  basis?: string;
  overlap?: string;
  pruneFactor?: string;
  maxEdgeKm?: string;
  format?: string;
}

export function addNetworkOptions(command: Command): Command {
  return command
    .option("--icb <code>", "an ICB by ODS code (e.g. QNC), ONS code (E54…) or part of its name")
    .option("--sub-icb <code>", "a place (sub-ICB location) by ODS or ONS code")
    .option("--demo", "use the synthetic demo ICS (load it with `icsplan demo`)")
    .option(
      "--date <date>",
      "the picture as it stood on this date: the PCN map in force then and the newest lists on or before it " +
        "(default: the newest map with recent lists)",
    )
    .option("--lists <date>", "take list sizes from the newest list file on or before this date")
    .option(
      "--basis <basis>",
      "adjacency: auto (catchments where loaded, else Delaunay), catchment or delaunay",
      "auto",
    )
    .option("--overlap <share>", "catchment neighbours: minimum Σ min LSOA shares (default 0.02)")
    .option(
      "--prune-factor <k>",
      "Delaunay: prune edges over k × the longer endpoint median edge (default 3)",
    )
    .option("--max-edge-km <km>", "no edge longer than this, km (default 30)")
    .option("--format <format>", "table, csv or json", "table");
}

const positive = (flag: string, text: string | undefined, max = Number.POSITIVE_INFINITY) => {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0 || v > max)
    throw new UsageError(
      `${flag} must be a number above 0${Number.isFinite(max) ? ` and at most ${max}` : ""}; found '${text}'`,
    );
  return v;
};

export function parseGraphFlags(flags: NetworkFlags): AdjacencyOptions {
  const basis = flags.basis ?? "auto";
  if (basis !== "auto" && basis !== "catchment" && basis !== "delaunay")
    throw new UsageError(`--basis must be auto, catchment or delaunay; found '${basis}'`);
  return {
    basis,
    overlapThreshold: positive("--overlap", flags.overlap, 1),
    pruneFactor: positive("--prune-factor", flags.pruneFactor),
    maxEdgeKm: positive("--max-edge-km", flags.maxEdgeKm),
  };
}

export function parseNetworkFormat(flags: NetworkFlags): OutputFormat {
  return parseFormat(flags.format ?? "table");
}

/** The area, picture and graph of the flags, as the network use cases take them. */
export function networkAreaRequest(flags: NetworkFlags): NetworkAreaRequest {
  return {
    ...pictureRequest(flags),
    icb: flags.icb,
    subIcb: flags.subIcb,
    graph: parseGraphFlags(flags),
  };
}
