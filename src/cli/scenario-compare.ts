// Resolving the two sides of `scenarios compare`: saved scenarios by name, or `today` — the map the other
// scenario started from, for its area.
import type { Command } from "commander";
import type { ConfigurationComparison } from "../engines/configurations/compare.ts";
import type { ScenarioConfiguration } from "../model/scenario.ts";
import type { ScenarioRecord } from "../store/repositories/scenarios.ts";
import { storeOptions, UsageError } from "./run.ts";

const isToday = (s: string) => ["today", "current"].includes(s.toLowerCase());

export async function scenarioComparison(
  command: Command,
  a: string,
  b: string,
): Promise<{ comparison: ConfigurationComparison; labels: { a: string; b: string } }> {
  if (isToday(a) && isToday(b)) throw new UsageError("name at least one saved scenario to compare");
  const [{ withStore }, { getScenario }, app, { currentMap }, { compareConfigurations }, { contractYearOn }] =
    await Promise.all([
      import("../store/store.ts"),
      import("../store/repositories/scenarios.ts"),
      import("../app/network-scenarios.ts"),
      import("../engines/networks/assignment.ts"),
      import("../engines/configurations/compare.ts"),
      import("../config/pcn-contract.ts"),
    ]);
  return withStore(storeOptions(command), async (store) => {
    const read = async (name: string): Promise<ScenarioRecord | null> => {
      if (isToday(name)) return null;
      const r = await getScenario(store.db, name);
      if (!r) throw new UsageError(`no scenario is named '${name}' (see \`icsplan scenarios list\`)`);
      if (!r.configuration)
        throw new UsageError(
          `scenario '${name}' (${r.kind}) has no practice → network configuration to compare`,
        );
      return r;
    };
    const ra = await read(a);
    const rb = await read(b);
    const ref = (ra ?? rb)!;
    if (ra && rb && ra.synthetic !== rb.synthetic)
      throw new UsageError(
        `'${a}' is on ${ra.synthetic ? "the demo" : "real data"} and '${b}' is not: they cannot be compared`,
      );
    const today = async (): Promise<ScenarioConfiguration> => {
      const loaded = await app.loadScenarioInstance(store, ref);
      return app.configurationOf(loaded, currentMap(loaded.instance));
    };
    const ca = ra ? ra.configuration! : await today();
    const cb = rb ? rb.configuration! : await today();
    const rules = contractYearOn(ref.mapDate);
    return {
      comparison: compareConfigurations(ca, cb, { min: rules.minimumList, max: rules.typicalMaximumList }),
      labels: {
        a: ra ? `${ra.name} (${ra.kind})` : `today (${ref.area}, map ${ref.mapDate})`,
        b: rb ? `${rb.name} (${rb.kind})` : `today (${ref.area}, map ${ref.mapDate})`,
      },
    };
  });
}
