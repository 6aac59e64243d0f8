// `icsplan import <paths…>`: recognise and load official files, with progress and a summary.
import { SingleBar, Presets } from "cli-progress";
import type { Command } from "commander";
import type { FileOutcome } from "../../app/import-files.ts";
import { withStore } from "../../store/store.ts";
import { storeOptions } from "../run.ts";
import { formatCount, formatDecimal } from "../format.ts";

function describe(outcome: FileOutcome): string {
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
        const outcomes = await withStore(storeOptions(command), (store) =>
          importFiles(store, paths, {
            as: opts.as,
            date: opts.date,
            strictJoins: opts.strict ?? false,
            onFileStart: (file) => showBar && bar.start(file.size, 0, { file: file.label }),
            onProgress: (_file, bytes) => showBar && bar.update(bytes),
            onFileEnd: (outcome) => {
              if (showBar) bar.stop();
              process.stdout.write(`${describe(outcome)}\n`);
            },
          }),
        );
        const imported = outcomes.filter((o) => o.status === "imported").length;
        const rejected = outcomes.filter((o) => o.status === "rejected").length;
        const skipped = outcomes.filter((o) => o.status === "skipped");
        process.stdout.write(`\n${imported} imported, ${rejected} rejected, ${skipped.length} skipped.\n`);
        const explicitFileSkipped = skipped.some((o) => paths.includes(o.file.label));
        if (rejected > 0 || explicitFileSkipped || imported === 0) process.exitCode = 1;
      },
    );
}
