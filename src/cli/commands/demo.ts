// `icsplan demo` (what `npm start` runs): loads the synthetic demo ICS into the store, replacing any earlier
// demo, and prints its overview. Real datasets in the same store are untouched.
import type { Command } from "commander";
import { buildOverview } from "../../engines/overview/overview.ts";
import { loadPicture } from "../../store/repositories/picture.ts";
import { withStore } from "../../store/store.ts";
import { readNetworkInstance } from "../network-options.ts";
import { renderOverview, SYNTHETIC_BANNER } from "../render/overview.ts";
import { storeOptions, UsageError } from "../run.ts";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("load the synthetic demo ICS (deterministic for a seed) and show its overview")
    .option("--seed <n>", "generator seed", "2026")
    .option("--json", "print the overview as JSON")
    .action(async (opts: { seed: string; json?: boolean }, command: Command) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0)
        throw new UsageError(`--seed must be a whole number ≥ 0; found '${opts.seed}'`);
      const { loadDemo } = await import("../../app/load-demo.ts");
      const overview = await withStore(storeOptions(command), async (store) => {
        await loadDemo(store, { seed });
        const picture = await loadPicture(store.db, { synthetic: true });
        const icbs = new Set(picture.practices.map((p) => p.icb.code));
        return buildOverview(picture, icbs.size === 1 ? { icb: [...icbs][0]! } : {});
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(overview, null, 2)}\n`);
        return;
      }
      // Today's map, then a proposed design beside it (issue #3): the heuristic designer at its defaults.
      const banner = renderOverview(overview);
      process.stdout.write(`${banner.slice(0, banner.lastIndexOf(SYNTHETIC_BANNER)).trimEnd()}\n\n`);
      const { designNetworks } = await import("../../engines/networks/design/index.ts");
      const render = await import("../render/network-design.ts");
      const icb = overview.scope.kind === "icb" ? overview.scope.icb.code : undefined;
      const loaded = await readNetworkInstance(command, { demo: true, icb });
      // One start (not the designer's default four) keeps `icsplan demo`, which many tests run, quick.
      const result = designNetworks(loaded.instance, loaded.adjacency, {
        date: loaded.picture.date,
        starts: 1,
      });
      process.stdout.write(
        `Proposed networks (icsplan networks design --demo${icb ? ` --icb ${icb}` : ""} --starts 1): today's map beside a design\n\n`,
      );
      process.stdout.write(`${render.renderDesign(loaded, result)}\n\n`);
      const { demoClosureText } = await import("./scenarios-closure.ts");
      process.stdout.write(`${await demoClosureText(command)}\n\n`);
      const { demoFundingText } = await import("./funding.ts");
      process.stdout.write(`${await demoFundingText(command)}\n\n${SYNTHETIC_BANNER}\n`);
    });
}
