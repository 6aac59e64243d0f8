// A configuration of networks named on the command line: `today` (the loaded map), a CSV of
// practice_code, network_code[, network_name] (read here, at the edge), or the name of a saved scenario.
import { existsSync } from "node:fs";
import type { ConfigurationSpec } from "../app/networks.ts";

export async function configurationSpec(spec: string): Promise<ConfigurationSpec> {
  if (spec.toLowerCase() === "today" || spec.toLowerCase() === "current") return { kind: "today" };
  if (existsSync(spec)) {
    const { readConfigurationCsv } = await import("../app/network-instance.ts");
    return { kind: "rows", rows: await readConfigurationCsv(spec), label: spec };
  }
  return { kind: "scenario", name: spec };
}
