// The icsplan command tree: every command registered on one commander program. main.ts runs it as the
// installed command; the tests run a fresh one per call, in-process.
import { Command } from "commander";
import { registerDatasets } from "./commands/datasets.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerFetch } from "./commands/fetch.ts";
import { registerImport } from "./commands/import.ts";
import { registerLsoas } from "./commands/lsoas.ts";
import { networksCommand } from "./commands/networks.ts";
import { registerNeighbourhoods } from "./commands/neighbourhoods.ts";
import { registerOverview } from "./commands/overview.ts";
import { registerPcns } from "./commands/pcns.ts";
import { registerPractices, registerSearch } from "./commands/practices.ts";
import { scenariosCommand } from "./commands/scenarios.ts";
import { registerWorkforce } from "./commands/workforce.ts";
import { registerFunding } from "./commands/funding.ts";
import { registerHubs } from "./commands/hubs.ts";
import { registerIcbs } from "./commands/icbs.ts";
import { VERSION } from "./version.ts";
import { registerPlan } from "./commands/plan.ts";
import { registerServe } from "./commands/serve.ts";
import { registerUsers } from "./commands/users.ts";

export function createProgram(): Command {
  const program = new Command()
    .name("icsplan")
    .description("Primary care planning for an Integrated Care System in England, from NHS open data.")
    .option(
      "--data-dir <dir>",
      "embedded store directory (default: $ICSPLAN_DATA_DIR or ~/.local/share/icsplan/store)",
    )
    .option("--database-url <url>", "use PostgreSQL instead of the embedded store (default: $DATABASE_URL)")
    .option(
      "--wait [seconds]",
      "if another icsplan process has the embedded store open, wait for it (up to the seconds given; default: $ICSPLAN_WAIT, else fail at once)",
    )
    .version(VERSION, "-V, --version", "print icsplan's version")
    .showHelpAfterError();

  registerDemo(program);
  registerImport(program);
  registerOverview(program);
  registerPractices(program);
  registerSearch(program);
  registerPcns(program);
  registerLsoas(program);
  networksCommand(program);
  registerNeighbourhoods(program);
  scenariosCommand(program);
  registerIcbs(program);
  registerWorkforce(program);
  registerFunding(program);
  registerHubs(program);
  registerPlan(program);
  registerDatasets(program);
  registerFetch(program);
  registerServe(program);
  registerUsers(program);
  return program;
}
