// `icsplan demo`: loads the synthetic demo ICS into the store, replacing any earlier demo, and tours it:
// the overview, a network design beside today's map, a closure, the equity audit and an allocation.
// Real datasets in the same store are untouched. The store is opened once.
import type { Command } from "commander";
import { parseFormat } from "../output.ts";
import { withCommandStore } from "../picture-options.ts";
import { renderOverview, SYNTHETIC_BANNER } from "../render/overview.ts";
import { UsageError } from "../run.ts";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("load the synthetic demo ICS (deterministic for a seed) and tour it")
    .option("--seed <n>", "generator seed", "2026")
    .option("--format <format>", "table or json (json: the overview)", "table")
    .option("--json", "the same as --format json")
    .action(async (opts: { seed: string; json?: boolean; format: string }, command: Command) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0)
        throw new UsageError(`--seed must be a whole number ≥ 0; found '${opts.seed}'`, { field: "seed" });
      const format = opts.json ? "json" : parseFormat(opts.format);
      if (format === "csv") throw new UsageError("--format must be table or json for demo; found 'csv'");
      const { demoTour, DEMO_ALLOCATION } = await import("../../app/demo.ts");
      const tour = await withCommandStore(command, (store) => demoTour(store, { seed }));
      if (format === "json") {
        process.stdout.write(`${JSON.stringify(tour.overview, null, 2)}\n`);
        return;
      }
      const [render, { renderClosure }, audit, allocation] = await Promise.all([
        import("../render/network-design.ts"),
        import("../render/closure.ts"),
        import("../render/funding-audit.ts"),
        import("../render/funding-allocation.ts"),
      ]);
      const banner = renderOverview(tour.overview);
      const icb = tour.overview.scope.kind === "icb" ? tour.overview.scope.icb.code : undefined;
      const closed = tour.closure.result.closed[0]!.code;
      const text = [
        banner.slice(0, banner.lastIndexOf(SYNTHETIC_BANNER)).trimEnd(),
        "",
        `Proposed networks (icsplan networks design --demo${icb ? ` --icb ${icb}` : ""} --starts 1): today's map beside a design`,
        "",
        render.renderDesign(tour.design.loaded, tour.design.design),
        "",
        `A closure scenario (icsplan scenarios close --demo --practice ${closed}): the demo's smallest practice closes`,
        "",
        renderClosure(tour.closure, { banner: false, top: 10, topPcns: 10 }),
        "",
        "Equity audit (icsplan funding audit --demo)",
        "",
        audit.renderAudit({ ...tour.audit, synthetic: false, caveats: [] }, "table"),
        "",
        "A need-flexed allocation of £1,000,000 across the networks, no network below 90% of equal per head",
        `(icsplan funding allocate --demo --fund ${DEMO_ALLOCATION.fund} --by ${DEMO_ALLOCATION.by} --floor ${DEMO_ALLOCATION.floor})`,
        "",
        allocation.renderAllocation({ ...tour.allocation, synthetic: false, caveats: [] }, "table"),
        "",
        SYNTHETIC_BANNER,
      ];
      process.stdout.write(`${text.join("\n")}\n`);
    });
}
