// `icsplan import <paths…>`: recognise and load official files, with progress and a summary. Ctrl-C
// (SIGINT) or SIGTERM stops it cleanly: the file being read is rolled back, the store is closed (its lock
// released), and it says how many files were committed before exiting 130 (143 for SIGTERM).
import { SingleBar, Presets } from "cli-progress";
import type { Command } from "commander";
import type { FileOutcome } from "../../app/import-files.ts";
import { withStore } from "../../store/store.ts";
import { storeOptions } from "../run.ts";
import { formatCount, formatDecimal } from "../format.ts";

/** Exit status of a command stopped by a signal, as a shell reports it: 128 + the signal's number. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

function describe(outcome: Exclude<FileOutcome, { status: "interrupted" }>): string {
  if (outcome.status === "skipped") return `  skipped   ${outcome.file.label}: ${outcome.reason}`;
  if (outcome.status === "rejected")
    return `  REJECTED  ${outcome.file.label}${outcome.format ? ` (${outcome.format.id})` : ""}: ${outcome.error}`;
  const { result } = outcome;
  const lines = [
    `  imported  ${outcome.file.label}: ${outcome.format.id}, ${result.dataset.period} ` +
      `(${result.dataset.referenceDate}), ${formatCount(result.rows)} rows in ${outcome.seconds.toFixed(1)} s` +
      (outcome.replaced ? `, replacing an earlier import` : ""),
  ];
  for (const c of result.coverage) {
    const pct = c.total === 0 ? 100 : (100 * c.matched) / c.total;
    lines.push(
      `            join ${c.key} → ${c.against}: ${formatCount(c.matched)} of ${formatCount(c.total)} (${formatDecimal(pct, 1)}%)` +
        (c.unmatched.length
          ? `; not found e.g. ${c.unmatched
              .slice(0, 5)
              .map((u) => `${u.code} (line ${u.line})`)
              .join(", ")}`
          : ""),
    );
  }
  for (const note of result.notes) lines.push(`            note: ${note}`);
  for (const warning of result.warnings ?? []) lines.push(`            warning: ${warning}`);
  return lines.join("\n");
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description(
      "import official NHS/ONS files (folders are searched; files are recognised by their content)",
    )
    .argument("<paths...>", "files or folders")
    .option("--as <format>", "read every file as this format instead of recognising it")
    .option("--strict", "treat any practice code missing from the practice register as an error")
    .option("--date <YYYY-MM>", "the month (or YYYY-MM-DD) of files that carry no date of their own")
    .option("--quiet", "no progress bar")
    .action(
      async (
        paths: string[],
        opts: { as?: string; strict?: boolean; quiet?: boolean; date?: string },
        command: Command,
      ) => {
        // Loaded on use: the importers of every format are only needed here.
        const { importFiles } = await import("../../app/import-files.ts");
        const bar = new SingleBar(
          {
            format: "  {bar} {percentage}% {file}",
            hideCursor: true,
            clearOnComplete: true,
            stream: process.stderr,
          },
          Presets.shades_classic,
        );
        const showBar = !opts.quiet && process.stderr.isTTY;
        const stopping = new AbortController();
        let stoppedBy: string | undefined;
        let importing = false;
        const stop = (signal: NodeJS.Signals) => {
          if (showBar) bar.stop();
          // Before the store is open there is nothing to roll back; a second signal means "now".
          if (!importing || stoppedBy) {
            process.stderr.write(`\nicsplan: stopped by ${signal}; nothing more was imported.\n`);
            process.exit(SIGNAL_EXIT[signal] ?? 1);
          }
          stoppedBy = signal;
          process.stderr.write(
            `\nicsplan: ${signal}: stopping after rolling back the file being read (again to stop at once)…\n`,
          );
          stopping.abort();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
        const outcomes = await withStore(storeOptions(command), (store) => {
          importing = true;
          return importFiles(store, paths, {
            signal: stopping.signal,
            as: opts.as,
            date: opts.date,
            strictJoins: opts.strict ?? false,
            onFileStart: (file) => showBar && bar.start(file.size, 0, { file: file.label }),
            onProgress: (_file, bytes) => showBar && bar.update(bytes),
            onFileEnd: (outcome) => {
              if (showBar) bar.stop();
              if (outcome.status !== "interrupted") process.stdout.write(`${describe(outcome)}\n`);
            },
          });
        }).finally(() => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
        });
        const imported = outcomes.filter((o) => o.status === "imported").length;
        const rejected = outcomes.filter((o) => o.status === "rejected").length;
        const skipped = outcomes.filter((o) => o.status === "skipped");
        const interrupted = outcomes.filter((o) => o.status === "interrupted").length;
        if (stoppedBy) {
          process.stdout.write(
            `\nInterrupted by ${stoppedBy}: ${imported} ${imported === 1 ? "file" : "files"} committed, ` +
              `${interrupted} not imported (the file being read was rolled back); ${rejected} rejected, ` +
              `${skipped.length} skipped. The store is closed and consistent: import again to load the rest.\n`,
          );
          process.exitCode = SIGNAL_EXIT[stoppedBy] ?? 1;
          return;
        }
        process.stdout.write(`\n${imported} imported, ${rejected} rejected, ${skipped.length} skipped.\n`);
        if (imported + rejected === 0)
          process.stderr.write(
            `icsplan: no recognised NHS/ONS file found in ${paths.join(", ")}; nothing was imported ` +
              `(--as <format> reads files as a given format).\n`,
          );
        const explicitFileSkipped = skipped.some((o) => paths.includes(o.file.label));
        if (rejected > 0 || explicitFileSkipped || imported === 0) process.exitCode = 1;
      },
    );
}
