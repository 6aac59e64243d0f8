// The icsplan command line. Each command lives in its own file under commands/ and stays thin: it parses
// options, opens the store, calls a use case and prints.
import { Command } from "commander";
import { registerDatasets } from "./commands/datasets.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerFetch } from "./commands/fetch.ts";
import { registerImport } from "./commands/import.ts";
import { registerLsoas } from "./commands/lsoas.ts";
import { networksCommand } from "./commands/networks.ts";
import { registerOverview } from "./commands/overview.ts";
import { registerPcns } from "./commands/pcns.ts";
import { registerPractices, registerSearch } from "./commands/practices.ts";
import { runMain } from "./run.ts";
import { scenariosCommand } from "./commands/scenarios.ts";
import { registerWorkforce } from "./commands/workforce.ts";
import { registerFunding } from "./commands/funding.ts";
import { registerServe } from "./commands/serve.ts";
import { registerPlan } from "./commands/plan.ts";

const program = new Command()
  .name("icsplan")
  .description("Primary care planning for an Integrated Care System in England, from NHS open data.")
  .option(
    "--data-dir <dir>",
    "embedded store directory (default: $ICSPLAN_DATA_DIR or ~/.local/share/icsplan/store)",
  )
  .option("--database-url <url>", "use PostgreSQL instead of the embedded store (default: $DATABASE_URL)")
  .showHelpAfterError();

registerDemo(program);
registerImport(program);
registerOverview(program);
registerPractices(program);
registerSearch(program);
registerPcns(program);
registerLsoas(program);
networksCommand(program);
scenariosCommand(program);
registerWorkforce(program);
registerFunding(program);
registerDatasets(program);
registerFetch(program);
registerServe(program);
registerPlan(program);

await runMain(program);
