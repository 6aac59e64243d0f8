// `icsplan workforce …`: general practice workforce over time, GP partners, ARRS and partnership risk.
//   workforce trends   --by icb|sub-icb|pcn|practice [--icb CODE] [--footprint DATE] [--demo] [--date D] [--format table|csv|json]
//   workforce partners [--fastest-losing] [--by …] [--icb CODE] [--from FY] [--to FY] [--rank pct|fte] [--top N]
//   workforce arrs     [--icb CODE] [--pcn CODE] [--period 2022-09] [--year 2024-25] [--date D] [--demo] [--format …]
//   workforce risk     [--icb CODE] [--pcn CODE] [--practice CODE] [--top N] [--demo] [--date D] [--format …]
// Heavy modules (store, engines, renderers) are imported inside the actions.
import type { Command } from "commander";
import type { WorkforceSource } from "../../app/workforce.ts";
import type { Store } from "../../store/store.ts";
import { parseFormat, renderRecords, type OutputFormat } from "../output.ts";
import { addPictureOptions, dateFlag, type PictureFlags } from "../picture-options.ts";
import { UsageError } from "../run.ts";
import { parseDate } from "../../sources/table.ts";

interface CommonFlags extends PictureFlags {
  icb?: string;
  format?: string;
}

/** Runs a use case on the store, turning request and no-data errors into usage errors (exit 2). */
async function run<T>(command: Command, work: (store: Store) => Promise<T>): Promise<T> {
  const [{ withCommandStore }, { WorkforceRequestError }, { NoDataError }] = await Promise.all([
    import("../picture-options.ts"),
    import("../../engines/workforce/errors.ts"),
    import("../../app/load-picture.ts"),
  ]);
  try {
    return await withCommandStore(command, work);
  } catch (error) {
    if (error instanceof WorkforceRequestError || error instanceof NoDataError)
      throw new UsageError(error.message);
    throw error;
  }
}

function sourceOf(flags: PictureFlags): WorkforceSource {
  let date: string | undefined;
  if (flags.date !== undefined) {
    date = parseDate(flags.date) ?? undefined;
    if (!date) throw new UsageError(`--date must be a date such as 2026-01-01; found '${flags.date}'`);
  }
  return { synthetic: flags.demo ?? false, date };
}

function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1)
    throw new UsageError(`${flag} must be a whole number of at least 1; found '${text}'`);
  return Number(text);
}

async function fiscalYear(flag: string, text: string | undefined): Promise<number | undefined> {
  if (text === undefined) return undefined;
  const { parseFiscalYear } = await import("../../model/workforce.ts");
  const fy = parseFiscalYear(text);
  if (fy === null)
    throw new UsageError(`${flag} must be a fiscal year such as FY2022-23 or 2023; found '${text}'`);
  return fy;
}

function write(
  format: OutputFormat,
  synthetic: boolean,
  table: () => string,
  records: () => object[],
  json: () => unknown,
) {
  if (format === "table") process.stdout.write(`${table()}\n`);
  else if (format === "json") process.stdout.write(`${JSON.stringify(json(), null, 2)}\n`);
  else {
    if (synthetic) process.stderr.write("SYNTHETIC DEMO DATA: an invented ICS, not real practices.\n");
    process.stdout.write(
      `${renderRecords(records() as Record<string, string | number | boolean | null>[], "csv")}\n`,
    );
  }
}

function registerTrends(workforce: Command): void {
  addPictureOptions(
    workforce
      .command("trends")
      .description(
        "GP FTE and headcount (partners, salaried, locums), nurses, DPC and admin, per 10,000 patients, by period, with change",
      )
      .option("--by <level>", "icb, sub-icb, pcn or practice", "icb")
      .option("--icb <code>", "only this ICB (ODS or ONS code, or part of its name)")
      .option(
        "--footprint <date>",
        "count every period over the ICB footprint in force on this date (the newest map's: as it is now; an earlier date: as it was)",
      )
      .option("--format <format>", "table, csv or json", "table"),
    { lists: false },
  ).action(async (flags: CommonFlags & { by: string; footprint?: string }, command: Command) => {
    const format = parseFormat(flags.format ?? "table");
    const source = sourceOf(flags);
    const footprint = dateFlag("footprint", flags.footprint);
    const { parseLevel } = await import("../../engines/workforce/areas.ts");
    const { trendsUseCase } = await import("../../app/workforce.ts");
    const trends = await run(command, async (store) =>
      trendsUseCase(store, source, { by: parseLevel(flags.by), icb: flags.icb, footprint }),
    );
    const render = await import("../render/workforce-trends.ts");
    write(
      format,
      trends.synthetic,
      () => render.renderTrends(trends),
      () => render.trendRecords(trends),
      () => trends,
    );
  });
}

function registerPartners(workforce: Command): void {
  addPictureOptions(
    workforce
      .command("partners")
      .description(
        "GP partner change between periods by area; --fastest-losing ranks the biggest falls first",
      )
      .option("--fastest-losing", "rank areas by partner decline, fastest first (default: by code)")
      .option("--by <level>", "icb, sub-icb, pcn or practice", "icb")
      .option("--icb <code>", "only this ICB")
      .option("--from <fy>", "first period (default: the first with partner figures), e.g. FY2022-23")
      .option("--to <fy>", "last period (default: the latest), e.g. FY2024-25")
      .option("--rank <by>", "pct or fte (default pct; fte for practices)")
      .option("--top <n>", "only the first N rows")
      .option("--format <format>", "table, csv or json", "table"),
    { lists: false },
  ).action(
    async (
      flags: CommonFlags & {
        by: string;
        fastestLosing?: boolean;
        from?: string;
        to?: string;
        rank?: string;
        top?: string;
      },
      command: Command,
    ) => {
      const format = parseFormat(flags.format ?? "table");
      const source = sourceOf(flags);
      if (flags.rank !== undefined && flags.rank !== "pct" && flags.rank !== "fte")
        throw new UsageError(`--rank must be pct or fte; found '${flags.rank}'`);
      const request = {
        icb: flags.icb,
        from: await fiscalYear("--from", flags.from),
        to: await fiscalYear("--to", flags.to),
        rank: flags.rank as "pct" | "fte" | undefined,
        top: wholeNumber("--top", flags.top),
      };
      const { parseLevel } = await import("../../engines/workforce/areas.ts");
      const by = parseLevel(flags.by);
      const { partnersUseCase } = await import("../../app/workforce.ts");
      const result = await run(command, (store) => partnersUseCase(store, source, { ...request, by }));
      if (!flags.fastestLosing) {
        result.rows.sort(
          (a, b) =>
            (a.icb?.code ?? "").localeCompare(b.icb?.code ?? "") || a.area.code.localeCompare(b.area.code),
        );
      }
      const render = await import("../render/workforce-partners.ts");
      write(
        format,
        result.synthetic,
        () => render.renderPartners(result, flags.fastestLosing ?? false),
        () => render.partnerRecords(result),
        () => result,
      );
    },
  );
}

function registerArrs(workforce: Command): void {
  workforce
    .command("arrs")
    .description(
      "ARRS staff by role per PCN, entitlement (weighted population × rate), cost at the role maxima, headroom",
    )
    .option("--icb <code>", "only the PCNs of this ICB (ODS code, as in the PCN workforce file)")
    .option("--pcn <code>", "only this PCN: its roles")
    .option("--period <month>", "the PCN workforce census, e.g. 2022-09 (default: the newest loaded)")
    .option(
      "--year <contract-year>",
      "cost at this contract year's figures, e.g. 2024-25 (default: the census's)",
    )
    .option(
      "--date <date>",
      "weighted populations of the map and lists in force on this date, as `funding entitlements --date` (default: the census's date)",
    )
    .option("--demo", "use the synthetic demo ICS (load it with `icsplan demo`)")
    .option("--format <format>", "table, csv or json", "table")
    .action(
      async (
        flags: {
          icb?: string;
          pcn?: string;
          period?: string;
          year?: string;
          date?: string;
          demo?: boolean;
          format?: string;
        },
        command: Command,
      ) => {
        const format = parseFormat(flags.format ?? "table");
        const { arrsUseCase } = await import("../../app/workforce.ts");
        const result = await run(command, (store) =>
          arrsUseCase(
            store,
            { synthetic: flags.demo ?? false },
            { icb: flags.icb, pcn: flags.pcn, period: flags.period, year: flags.year, date: flags.date },
          ),
        );
        const render = await import("../render/workforce-arrs.ts");
        write(
          format,
          result.synthetic,
          () => render.renderArrs(result),
          () => render.arrsRecords(result),
          () => result,
        );
      },
    );
}

function registerRisk(workforce: Command): void {
  addPictureOptions(
    workforce
      .command("risk")
      .description("partnership sustainability: a risk score per practice from documented components, ranked")
      .option("--icb <code>", "only this ICB (ranks its PCNs)")
      .option("--pcn <code>", "only this PCN")
      .option("--practice <code>", "one practice: every component with value, thresholds and points")
      .option("--top <n>", "show the first N practices (default 20)")
      .option("--format <format>", "table, csv or json", "table"),
    { lists: false },
  ).action(
    async (flags: CommonFlags & { pcn?: string; practice?: string; top?: string }, command: Command) => {
      const format = parseFormat(flags.format ?? "table");
      const source = sourceOf(flags);
      const top = wholeNumber("--top", flags.top);
      const { riskUseCase } = await import("../../app/workforce.ts");
      const result = await run(command, (store) =>
        riskUseCase(store, source, { icb: flags.icb, pcn: flags.pcn, practice: flags.practice, top }),
      );
      const render = await import("../render/workforce-risk.ts");
      write(
        format,
        result.synthetic,
        () => render.renderRisk(result),
        () => render.riskRecords(result),
        () => result,
      );
    },
  );
}

export function registerWorkforce(program: Command): Command {
  const workforce = program
    .command("workforce")
    .description(
      "workforce analytics: trends, GP partners, ARRS headroom and partnership sustainability risk",
    );
  registerTrends(workforce);
  registerPartners(workforce);
  registerArrs(workforce);
  registerRisk(workforce);
  return workforce;
}
