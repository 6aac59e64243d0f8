// `icsplan funding …`: money for an area (England, an ICB or a place).
//   funding entitlements [--year 2024-25] [--config FILE | --scenario NAME] [--by icb|network|practice]
//   funding allocate --fund 1000000 [--method equal|weighted|need|custom] [--hi-share 0.15] [--weights …]
//                    [--floor …] [--cap …] [--by practice|network] [--pcn …] [--practice …] [--exclude …]
//                    [--save NAME [--replace]]
//   funding audit [--year …] [--fund …] [--method …] [--hi-share …]
//   funding history [--by area|icb|sub-icb|quintile|practice] [--practice CODE …]
//   funding model [--fit-year 2020-21] [--test-year 2021-22]
// Every subcommand takes --icb, --sub-icb, --demo, --date and --format table|csv|json. Heavy modules (store,
// use cases, renderers) are imported inside the actions.
import type { Command } from "commander";
import { parseDate } from "../../sources/table.ts";
import { parseFormat, type OutputFormat } from "../output.ts";
import { UsageError } from "../run.ts";

interface CommonFlags {
  icb?: string;
  subIcb?: string;
  demo?: boolean;
  date?: string;
  format?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function common(command: Command): Command {
  return command
    .option(
      "--icb <code>",
      "an ICB by ODS code (e.g. QNC), ONS code (E54…) or part of its name (default: England)",
    )
    .option("--sub-icb <code>", "a place (sub-ICB location) by ODS or ONS code")
    .option("--demo", "use the synthetic demo ICS (load it with `icsplan demo`)")
    .option("--date <date>", "use the PCN map in force on this date (default: the newest with recent lists)")
    .option("--format <format>", "table, csv or json", "table");
}

function request(flags: CommonFlags) {
  let date: string | undefined;
  if (flags.date !== undefined) {
    date = parseDate(flags.date);
    if (!date) throw new UsageError(`--date must be a date such as 2026-01-01; found '${flags.date}'`);
  }
  return {
    synthetic: flags.demo ?? false,
    ...(date ? { date } : {}),
    ...(flags.icb !== undefined ? { icb: flags.icb } : {}),
    ...(flags.subIcb !== undefined ? { subIcb: flags.subIcb } : {}),
  };
}

/** Runs a use case with the store open, turning known request errors into usage errors. */
async function run<T>(
  command: Command,
  work: (store: import("../../store/store.ts").Store) => Promise<T>,
): Promise<T> {
  const { withCommandStore } = await import("../picture-options.ts");
  return withCommandStore(command, work);
}

const write = (text: string) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);

function registerEntitlements(funding: Command): void {
  common(
    funding
      .command("entitlements")
      .description(
        "Global Sum, Network Participation, PCN entitlements and ARRS of each practice and network in a contract year, for today's map or another configuration, with the difference from today",
      )
      .option(
        "--year <year>",
        "contract year, e.g. 2024-25 (default: the year of --date, else of today; April to March)",
      )
      .option(
        "--config <file>",
        "a designed configuration: CSV of practice_code, network_code[, network_name]",
      )
      .option("--scenario <name>", "a saved scenario (network design, closure or merger)")
      .option("--by <level>", "rows by icb, network or practice (default: icb for England, else network)"),
  ).action(
    async (
      flags: CommonFlags & { year?: string; config?: string; scenario?: string; by?: string },
      command: Command,
    ) => {
      const format = parseFormat(flags.format ?? "table");
      const by = flags.by ?? (flags.icb || flags.subIcb || flags.scenario || flags.demo ? "network" : "icb");
      if (!["icb", "network", "practice"].includes(by))
        throw new UsageError(`--by must be icb, network or practice; found '${by}'`);
      const { entitlementsReport } = await import("../../app/funding-entitlements.ts");
      const report = await run(command, (store) =>
        entitlementsReport(store, {
          ...request(flags),
          ...(flags.year !== undefined ? { year: flags.year } : {}),
          ...(flags.config !== undefined ? { configFile: flags.config } : {}),
          ...(flags.scenario !== undefined ? { scenario: flags.scenario } : {}),
        }),
      );
      const render = await import("../render/funding-entitlements.ts");
      write(render.renderEntitlements(report, format, by as "icb" | "network" | "practice"));
    },
  );
}

interface AllocateFlags extends CommonFlags {
  fund?: string;
  method?: string;
  hiShare?: string;
  weights?: string;
  floor?: string;
  cap?: string;
  by?: string;
  pcn: string[];
  practice: string[];
  exclude: string[];
  save?: string;
  replace?: boolean;
}

function registerAllocate(funding: Command): void {
  common(
    funding
      .command("allocate")
      .description("allocate a local fund across practices or networks, penny-exact, explained line by line")
      .option("--fund <amount>", "the fund in £: 1000000, £1,000,000.00, 1.5m or 250k")
      .option(
        "--method <method>",
        "equal (per head), weighted (capitation), need (weighted + HI share; the default) or custom",
      )
      .option(
        "--hi-share <share>",
        "health-inequalities share of --method need (default 0.15: NHS England's 85/15)",
      )
      .option("--weights <list>", "custom weights summing to 1, e.g. registered:0.2,weighted:0.65,hi:0.15")
      .option(
        "--floor <bound>",
        "least per unit: £ (5000), £ per registered patient (1.20/head) or % of equal per head (90%)",
      )
      .option("--cap <bound>", "most per unit, in the same forms as --floor")
      .option("--by <unit>", "allocate to each practice or each network", "practice")
      .option("--pcn <code>", "only the practices of this PCN (repeatable)", collect, [])
      .option("--practice <code>", "only this practice (repeatable)", collect, [])
      .option("--exclude <code>", "leave this practice out (repeatable)", collect, [])
      .option("--save <name>", "save the allocation as a scenario")
      .option("--replace", "replace a saved scenario of the same name"),
  ).action(async (flags: AllocateFlags, command: Command) => {
    const format: OutputFormat = parseFormat(flags.format ?? "table");
    if (flags.fund === undefined) throw new UsageError("--fund is required, e.g. --fund 1000000");
    if (flags.replace && flags.save === undefined) throw new UsageError("--replace needs --save NAME");
    const [{ allocateReport, allocateRequestFromFlags }, { FundingRequestError }] = await Promise.all([
      import("../../app/funding-allocation.ts"),
      import("../../engines/funding/allocation.ts"),
    ]);
    const options = {
      ...request(flags),
      fund: flags.fund,
      ...(flags.method !== undefined ? { method: flags.method } : {}),
      ...(flags.hiShare !== undefined ? { hiShare: flags.hiShare } : {}),
      ...(flags.weights !== undefined ? { weights: flags.weights } : {}),
      ...(flags.floor !== undefined ? { floor: flags.floor } : {}),
      ...(flags.cap !== undefined ? { cap: flags.cap } : {}),
      by: flags.by,
      pcns: flags.pcn,
      practices: flags.practice,
      exclude: flags.exclude,
      ...(flags.save !== undefined ? { save: flags.save, replace: flags.replace ?? false } : {}),
    };
    let req;
    try {
      req = allocateRequestFromFlags(options); // bad options fail before the store is opened
    } catch (error) {
      if (error instanceof FundingRequestError) throw new UsageError(error.message);
      throw error;
    }
    const report = await run(command, (store) => allocateReport(store, req));
    const render = await import("../render/funding-allocation.ts");
    write(render.renderAllocation(report, format));
  });
}

const EXCLUDE_OUTLIERS =
  "leave out practice-years paid over 3 × England's median per registered patient, and practices with over 10,000 patients per GP FTE (flagged either way)";

function registerAudit(funding: Command): void {
  common(
    funding
      .command("audit")
      .description(
        "equity audit: payments, entitlements, GP and ARRS FTE per head by IMD quintile, concentration indices, a flexed allocation before and after, payments history",
      )
      .option(
        "--year <year>",
        "contract year of the entitlements (default: the year of --date, else of today)",
      )
      .option(
        "--fund <amount>",
        "fund of the flexed allocation (default: a notional £1 per registered patient)",
      )
      .option("--method <method>", "method of the flexed allocation: equal, weighted or need (default)")
      .option("--hi-share <share>", "health-inequalities share of --method need (default 0.15)")
      .option("--weights <list>", "custom weights of the flexed allocation, e.g. weighted:0.8,hi:0.2")
      .option("--exclude-outliers", EXCLUDE_OUTLIERS),
  ).action(
    async (
      flags: CommonFlags & {
        year?: string;
        fund?: string;
        method?: string;
        hiShare?: string;
        weights?: string;
        excludeOutliers?: boolean;
      },
      command: Command,
    ) => {
      const format = parseFormat(flags.format ?? "table");
      const { auditReport, auditRequestFromFlags } = await import("../../app/funding-audit.ts");
      const report = await run(command, (store) =>
        auditReport(
          store,
          auditRequestFromFlags({
            ...request(flags),
            ...(flags.year !== undefined ? { year: flags.year } : {}),
            ...(flags.fund !== undefined ? { fund: flags.fund } : {}),
            ...(flags.method !== undefined ? { method: flags.method } : {}),
            ...(flags.hiShare !== undefined ? { hiShare: flags.hiShare } : {}),
            ...(flags.weights !== undefined ? { weights: flags.weights } : {}),
            excludeOutliers: flags.excludeOutliers ?? false,
          }),
        ),
      );
      const render = await import("../render/funding-audit.ts");
      write(render.renderAudit(report, format));
    },
  );
}

function registerHistory(funding: Command): void {
  common(
    funding
      .command("history")
      .description(
        "NHS payments per registered and weighted patient by year (FY2014-15 onwards), with trends",
      )
      .option("--by <group>", "area (default), icb, sub-icb, quintile or practice")
      .option("--practice <code>", "this practice's series (repeatable)", collect, [])
      .option("--exclude-outliers", EXCLUDE_OUTLIERS),
  ).action(
    async (
      flags: CommonFlags & { by?: string; practice: string[]; excludeOutliers?: boolean },
      command: Command,
    ) => {
      const format = parseFormat(flags.format ?? "table");
      const { historyGrouping, historyReport } = await import("../../app/funding-audit.ts");
      const report = await run(command, (store) =>
        historyReport(store, {
          ...request(flags),
          ...(flags.by !== undefined ? { by: historyGrouping(flags.by) } : {}),
          practices: flags.practice,
          excludeOutliers: flags.excludeOutliers ?? false,
        }),
      );
      const render = await import("../render/funding-audit.ts");
      write(render.renderHistory(report, format));
    },
  );
}

function registerModel(funding: Command): void {
  common(
    funding
      .command("model")
      .description(
        "the weighted-population model: fit on one payments year, scored on another, beside each practice's own ratio; practices it estimates",
      )
      .option("--fit-year <year>", "payments year to fit on (default: the second newest)")
      .option("--test-year <year>", "payments year to score on (default: the newest)")
      .option(
        "--estimates",
        "one row per practice of the area: its published ratio of the test year and every method's estimate (cross-validated, fitted on the fit year, reduced, own ratio)",
      ),
  ).action(
    async (
      flags: CommonFlags & { fitYear?: string; testYear?: string; estimates?: boolean },
      command: Command,
    ) => {
      const format = parseFormat(flags.format ?? "table");
      const { modelReport } = await import("../../app/funding-model.ts");
      const report = await run(command, (store) =>
        modelReport(store, {
          ...request(flags),
          ...(flags.fitYear !== undefined ? { fitYear: flags.fitYear } : {}),
          ...(flags.testYear !== undefined ? { testYear: flags.testYear } : {}),
        }),
      );
      const render = await import("../render/funding-audit.ts");
      write(
        flags.estimates ? render.renderModelEstimates(report, format) : render.renderModel(report, format),
      );
    },
  );
}

export function registerFunding(program: Command): void {
  const funding = program
    .command("funding")
    .description(
      "money: weighted populations, entitlements, deprivation-flexed allocation and an equity audit",
    );
  registerEntitlements(funding);
  registerAllocate(funding);
  registerAudit(funding);
  registerHistory(funding);
  registerModel(funding);
}
