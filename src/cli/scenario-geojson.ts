// A saved scenario as GeoJSON: its configuration drawn on the area it was made for (see
// app/network-scenarios.ts configurationGeoJson).
import type { Command } from "commander";
import type { ScenarioRecord } from "../store/repositories/scenarios.ts";
import { storeOptions, UsageError } from "./run.ts";

export async function scenarioGeoJson(command: Command, record: ScenarioRecord): Promise<unknown> {
  const [{ withStore }, app, { NoDataError }] = await Promise.all([
    import("../store/store.ts"),
    import("../app/network-scenarios.ts"),
    import("../store/repositories/picture.ts"),
  ]);
  try {
    return await withStore(storeOptions(command), async (store) => {
      const loaded = await app.loadScenarioInstance(store, record);
      const configuration = app.scenarioAssignment(loaded, record);
      const collection = await app.configurationGeoJson(store, loaded, configuration);
      return {
        ...collection,
        metadata: { ...collection.metadata, scenario: record.name, kind: record.kind },
      };
    });
  } catch (error) {
    if (error instanceof app.ScenarioConfigurationError || error instanceof NoDataError)
      throw new UsageError(`--format geojson: ${(error as Error).message}`);
    throw error;
  }
}
