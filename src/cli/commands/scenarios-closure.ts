// `icsplan scenarios close | merge | backtest`: practice closure and list dispersal, practice mergers, and
// the backtest of the dispersal models on real closures.
//   scenarios close --practice CODE [--practice CODE…] [--model nearest|choice] [--max-km 10]
//     [--cap growth:20%|growth:2000|per-gp-fte:2500] [--decay β] [--attractiveness α] [--date D] [--demo]
//     [--save NAME] [--replace] [--format table|csv|json] [--rows practices|pcns]
//   scenarios merge --practice A --practice B [--into A] [--date D] [--demo] [--save NAME] [--replace] [--format …]
//   scenarios backtest [--max-km 10] [--cap …] [--report models|dispersals|receivers] [--from D --to D]
//     [--merger-km 15] [--out FILE] [--format table|csv|json]
// Registered by `scenariosCommand` (scenarios.ts) with registerClosureCommands(scenarios). Heavy modules
// (store, engines) are imported inside the actions.
import type { Command } from "commander";
import { parseDate } from "../../sources/table.ts";
import { parseFormat, renderRecords, type OutputFormat } from "../output.ts";
import { storeOptions, UsageError } from "../run.ts";

const collect = (value: string, previous: string[]) => [...previous, value];

interface CommonFlags {
  demo?: boolean;
  date?: string;
  lists?: string;
  save?: string;
  replace?: boolean;
  format: string;
}

interface CloseFlags extends CommonFlags {
  practice: string[];
  model: string;
  maxKm: string;
  cap: string;
  decay?: string;
  attractiveness?: string;
  rows: string;
}

function number(flag: string, text: string | undefined, what: string, check: (v: number) => boolean) {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || !check(v))
    throw new UsageError(`${flag} must be ${what}; found '${text}'`);
  return v;
}

function listsOf(flags: CommonFlags): string | undefined {
  if (flags.lists === undefined) return undefined;
  const date = parseDate(flags.lists);
  if (!date) throw new UsageError(`--lists must be a date such as 2022-05-01; found '${flags.lists}'`);
  return date;
}

function dateOf(flags: CommonFlags): string | undefined {
  if (flags.date === undefined) return undefined;
  const date = parseDate(flags.date);
  if (!date) throw new UsageError(`--date must be a date such as 2026-01-01; found '${flags.date}'`);
  return date;
}

function checkSave(flags: CommonFlags): void {
  if (flags.replace && flags.save === undefined) throw new UsageError("--replace needs --save NAME");
}

/** Runs a scenario use case; its request errors reach the CLI's one-line handler as they are. */
async function asUsageError<T>(work: () => Promise<T>): Promise<T> {
  return work();
}

function registerClose(scenarios: Command): void {
  scenarios
    .command("close")
    .description(
      "close practices and re-home their patients (by LSOA where registrations exist) to open practices within a distance, respecting capacity; gains per practice, patients not placed, PCN bands, ARRS and patients per GP FTE",
    )
    .requiredOption("--practice <code>", "a practice to close (repeatable)", collect, [])
    .option(
      "--model <model>",
      "nearest (nearest practice with room) or choice (patient choice, Huff model)",
      "nearest",
    )
    .option("--max-km <km>", "furthest a patient is sent from home, km", "10")
    .option(
      "--cap <cap>",
      "capacity of each receiving practice: growth:20%, growth:2000 or per-gp-fte:2500",
      "growth:20%",
    )
    .option("--decay <per-km>", "choice model: distance decay β per km (default: fitted on real closures)")
    .option("--attractiveness <exponent>", "choice model: exponent α on list size (default: fitted)")
    .option(
      "--date <date>",
      "the picture as it stood on this date: the PCN map in force then and the newest lists on or before it " +
        "(default: the newest map with recent lists)",
    )
    .option("--lists <date>", "take list sizes from the newest list file on or before this date")
    .option("--demo", "use the synthetic demo ICS (load it with `icsplan demo`)")
    .option("--save <name>", "save the scenario under this name")
    .option("--replace", "with --save: replace a saved scenario of the same name")
    .option("--format <format>", "table, csv or json", "table")
    .option("--rows <rows>", "with --format csv: practices (closing and receiving) or pcns", "practices")
    .action(async (flags: CloseFlags, command: Command) => {
      const format = parseFormat(flags.format);
      if (flags.rows !== "practices" && flags.rows !== "pcns")
        throw new UsageError(`--rows must be practices or pcns; found '${flags.rows}'`);
      checkSave(flags);
      if (flags.model !== "nearest" && flags.model !== "choice")
        throw new UsageError(`--model must be nearest or choice; found '${flags.model}'`);
      const maxKm = number("--max-km", flags.maxKm, "a number of km above 0", (v) => v > 0)!;
      const decay = number("--decay", flags.decay, "a number ≥ 0", (v) => v >= 0);
      const alpha = number("--attractiveness", flags.attractiveness, "a number ≥ 0", (v) => v >= 0);
      if ((decay !== undefined || alpha !== undefined) && flags.model !== "choice")
        throw new UsageError("--decay and --attractiveness apply to --model choice only");
      const date = dateOf(flags);
      const [
        { parseCapacityCap },
        { DEFAULT_CHOICE },
        { runClosure, saveClosure, closureData },
        { withStore },
      ] = await Promise.all([
        import("../../engines/scenarios/capacity.ts"),
        import("../../engines/scenarios/choice.ts"),
        import("../../app/closure.ts"),
        import("../../store/store.ts"),
      ]);
      const outcome = await asUsageError(async () => {
        const cap = parseCapacityCap(flags.cap);
        return withStore(storeOptions(command), async (store) => {
          const result = await runClosure(store, {
            synthetic: flags.demo ?? false,
            date,
            lists: listsOf(flags),
            practices: flags.practice,
            model: flags.model as "nearest" | "choice",
            maxKm,
            cap,
            choice: {
              decayPerKm: decay ?? DEFAULT_CHOICE.decayPerKm,
              attractivenessExponent: alpha ?? DEFAULT_CHOICE.attractivenessExponent,
            },
          });
          if (flags.save !== undefined)
            await saveClosure(store, result, flags.save, { replace: flags.replace });
          return result;
        });
      });
      const render = await import("../render/closure.ts");
      print(format, {
        table: () => render.renderClosure(outcome, { saved: flags.save }),
        csv: () =>
          renderRecords(
            flags.rows === "pcns"
              ? render.pcnEffectRecords(outcome.result.pcns)
              : render.closurePracticeRecords(outcome),
            "csv",
          ),
        json: () => JSON.stringify(closureData(outcome, flags.save), null, 2),
      });
    });
}

interface MergeFlags extends CommonFlags {
  practice: string[];
  into?: string;
  rows: string;
}

function registerMerge(scenarios: Command): void {
  scenarios
    .command("merge")
    .description(
      "merge practices into one (lists, workforce, payments summed; sites kept) and re-evaluate the ICB's networks",
    )
    .requiredOption("--practice <code>", "a merging practice (repeatable; at least two)", collect, [])
    .option(
      "--into <code>",
      "the practice whose code, name and PCN the merged practice keeps (default: the first)",
    )
    .option(
      "--date <date>",
      "the picture as it stood on this date: the PCN map in force then and the newest lists on or before it " +
        "(default: the newest map with recent lists)",
    )
    .option("--lists <date>", "take list sizes from the newest list file on or before this date")
    .option("--demo", "use the synthetic demo ICS (load it with `icsplan demo`)")
    .option("--save <name>", "save the scenario under this name")
    .option("--replace", "with --save: replace a saved scenario of the same name")
    .option("--format <format>", "table, csv or json", "table")
    .option("--rows <rows>", "with --format csv: practices (members and merged) or pcns", "practices")
    .action(async (flags: MergeFlags, command: Command) => {
      const format = parseFormat(flags.format);
      if (flags.rows !== "practices" && flags.rows !== "pcns")
        throw new UsageError(`--rows must be practices or pcns; found '${flags.rows}'`);
      checkSave(flags);
      const date = dateOf(flags);
      const [{ runMerger, saveMerger, mergerData }, { withStore }] = await Promise.all([
        import("../../app/merger.ts"),
        import("../../store/store.ts"),
      ]);
      const outcome = await asUsageError(() =>
        withStore(storeOptions(command), async (store) => {
          const result = await runMerger(store, {
            synthetic: flags.demo ?? false,
            date,
            lists: listsOf(flags),
            practices: flags.practice,
            into: flags.into,
          });
          if (flags.save !== undefined)
            await saveMerger(store, result, flags.save, { replace: flags.replace });
          return result;
        }),
      );
      const render = await import("../render/closure-merger.ts");
      print(format, {
        table: () => render.renderMerger(outcome, { saved: flags.save }),
        csv: () =>
          renderRecords(
            flags.rows === "pcns"
              ? render.pcnEffectRecords(outcome.result.pcns)
              : render.mergerPracticeRecords(outcome),
            "csv",
          ),
        json: () => JSON.stringify(mergerData(outcome, flags.save), null, 2),
      });
    });
}

interface BacktestFlags {
  maxKm: string;
  cap: string;
  format: string;
  demo?: boolean;
  report: string;
  from?: string;
  to?: string;
  mergerKm?: string;
  out?: string;
}

/** `--from 2022-05` or `--from 2022-05-01` → 2022-05-01. */
function snapshotDate(flag: string, text: string): string {
  const date = parseDate(/^\d{4}-\d{2}$/.test(text.trim()) ? `${text.trim()}-01` : text);
  if (!date) throw new UsageError(`${flag} must be a list snapshot date such as 2022-05-01; found '${text}'`);
  return date;
}

function registerBacktest(scenarios: Command): void {
  scenarios
    .command("backtest")
    .description(
      "backtest the dispersal models on the real closures between list snapshots: closures found, errors of each model, the fitted decay and its cross-check; " +
        "--report dispersals: true dispersals (mergers separated), the fitted model against no gain and a 5 km list-proportional share; " +
        "--report receivers: one row per closed practice × receiver",
    )
    .option("--max-km <km>", "furthest a patient is sent from the closed practice, km", "10")
    .option(
      "--cap <cap>",
      "capacity of each receiving practice: growth:20%, growth:2000 or none (models report)",
      "growth:20%",
    )
    .option("--report <report>", "models, dispersals or receivers", "models")
    .option("--from <date>", "dispersals/receivers: the earlier list snapshot of one pair (e.g. 2022-05)")
    .option("--to <date>", "dispersals/receivers: the later list snapshot of the pair (e.g. 2025-04)")
    .option("--merger-km <km>", "dispersals/receivers: how far a merger partner is looked for, km", "15")
    .option("--out <file>", "write to this file instead of standard output")
    .option("--demo", "the synthetic demo (it has one list snapshot, so nothing to backtest: says so)")
    .option("--format <format>", "table, csv (one row per closure, case or receiver) or json", "table")
    .action(async (flags: BacktestFlags, command: Command) => {
      const format = parseFormat(flags.format);
      const maxKm = number("--max-km", flags.maxKm, "a number of km above 0", (v) => v > 0)!;
      const report = flags.report;
      if (report !== "models" && report !== "dispersals" && report !== "receivers")
        throw new UsageError(`--report must be models, dispersals or receivers; found '${report}'`);
      if ((flags.from === undefined) !== (flags.to === undefined))
        throw new UsageError("--from and --to go together: the two list snapshots of one pair");
      if (report === "models" && flags.from !== undefined)
        throw new UsageError("--from/--to choose a pair for --report dispersals or receivers");
      const pairs =
        flags.from !== undefined
          ? [[snapshotDate("--from", flags.from), snapshotDate("--to", flags.to!)] as const]
          : undefined;
      const text = report === "models" ? await modelsReport(flags, maxKm, format, command) : "";
      if (report !== "models") {
        const mergerKm = number("--merger-km", flags.mergerKm, "a number of km above 0", (v) => v > 0)!;
        const [{ runDispersalBacktest }, { withStore }] = await Promise.all([
          import("../../app/backtest.ts"),
          import("../../store/store.ts"),
        ]);
        const outcome = await asUsageError(() =>
          withStore(storeOptions(command), (store) =>
            runDispersalBacktest(store, {
              maxKm,
              mergerKm,
              synthetic: flags.demo ?? false,
              ...(pairs ? { pairs: [...pairs] } : {}),
            }),
          ),
        );
        const render = await import("../render/dispersal-backtest.ts");
        if (!outcome.result && format !== "table") process.stderr.write(`${outcome.message}\n`);
        const records = () =>
          report === "receivers" ? render.receiverRecords(outcome) : render.dispersalRecords(outcome);
        const body =
          format === "json"
            ? JSON.stringify(
                report === "receivers"
                  ? records()
                  : {
                      synthetic: outcome.synthetic,
                      message: outcome.message,
                      sources: outcome.sources,
                      settings: outcome.result?.settings ?? null,
                      windows: outcome.result?.windows ?? [],
                    },
                null,
                2,
              )
            : format === "csv" || report === "receivers"
              ? renderRecords(records(), format)
              : render.renderDispersals(outcome);
        await emit(body, flags.out);
        return;
      }
      await emit(text, flags.out);
    });
}

async function emit(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    process.stdout.write(`${text}\n`);
    return;
  }
  const { writeFileSync } = await import("node:fs");
  writeFileSync(out, `${text}\n`);
  process.stderr.write(`Wrote ${out}\n`);
}

async function modelsReport(
  flags: BacktestFlags,
  maxKm: number,
  format: OutputFormat,
  command: Command,
): Promise<string> {
  const [{ parseCapacityCap }, { runBacktest }, { withStore }] = await Promise.all([
    import("../../engines/scenarios/capacity.ts"),
    import("../../app/backtest.ts"),
    import("../../store/store.ts"),
  ]);
  const outcome = await asUsageError(async () => {
    const cap = flags.cap.trim().toLowerCase() === "none" ? null : parseCapacityCap(flags.cap);
    return withStore(storeOptions(command), (store) =>
      runBacktest(store, { maxKm, cap, synthetic: flags.demo ?? false }),
    );
  });
  const render = await import("../render/closure-backtest.ts");
  if (!outcome.result && format === "csv") process.stderr.write(`${outcome.message}\n`);
  const renderers: Record<OutputFormat, () => string> = {
    table: () => render.renderBacktest(outcome),
    csv: () => renderRecords(render.backtestRecords(outcome), "csv"),
    json: () =>
      JSON.stringify(
        {
          synthetic: outcome.synthetic,
          message: outcome.message,
          sources: outcome.sources,
          ...outcome.result,
        },
        null,
        2,
      ),
  };
  return renderers[format]();
}

function print(format: OutputFormat, renderers: Record<OutputFormat, () => string>): void {
  process.stdout.write(`${renderers[format]()}\n`);
}

/** Adds `close`, `merge` and `backtest` to `icsplan scenarios`. */
export function registerClosureCommands(scenarios: Command): void {
  registerClose(scenarios);
  registerMerge(scenarios);
  registerBacktest(scenarios);
}
