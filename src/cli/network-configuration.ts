// Reading a configuration of networks named on the command line: `today` (the loaded map), a CSV of
// practice_code, network_code[, network_name], or the name of a saved scenario.
import type { Command } from "commander";
import type { LoadedNetworkInstance } from "../app/network-instance.ts";
import type { LabelledAssignment } from "../engines/networks/assignment.ts";
import { storeOptions, UsageError } from "./run.ts";

/** `today` (the loaded map), a CSV of practice_code, network_code[, network_name], or a saved scenario. */
export async function readConfiguration(
  command: Command,
  loaded: LoadedNetworkInstance,
  spec: string,
  flag: string,
): Promise<{ labelled: LabelledAssignment; description: string }> {
  const { instance } = loaded;
  const { currentMap, assignmentFromRows, AssignmentError } =
    await import("../engines/networks/assignment.ts");
  if (spec.toLowerCase() === "today" || spec.toLowerCase() === "current")
    return { labelled: currentMap(instance), description: "today's map" };
  const { existsSync } = await import("node:fs");
  try {
    if (existsSync(spec)) {
      const { readConfigurationCsv } = await import("../app/network-instance.ts");
      const rows = await readConfigurationCsv(spec);
      return { labelled: assignmentFromRows(instance, rows), description: spec };
    }
    const [{ withStore }, { getScenario }, { scenarioAssignment, ScenarioConfigurationError }] =
      await Promise.all([
        import("../store/store.ts"),
        import("../store/repositories/scenarios.ts"),
        import("../app/network-scenarios.ts"),
      ]);
    const record = await withStore(storeOptions(command), (store) => getScenario(store.db, spec));
    if (!record)
      throw new UsageError(
        `${flag} must be 'today', a CSV file or a saved scenario; '${spec}' is neither a file nor a scenario (see \`icsplan scenarios list\`)`,
      );
    try {
      return { labelled: scenarioAssignment(loaded, record), description: `scenario ${record.name}` };
    } catch (error) {
      if (error instanceof ScenarioConfigurationError) throw new UsageError(`${flag}: ${error.message}`);
      throw error;
    }
  } catch (error) {
    if (error instanceof AssignmentError) throw new UsageError(`${flag} ${spec}: ${error.message}`);
    throw error;
  }
}
