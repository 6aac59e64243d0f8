// `icsplan fetch`: download the current official files into a folder, ready for `icsplan import`.
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import type { FetchOutcome } from "../../app/fetch-official.ts";
import { formatCount } from "../format.ts";
import { UsageError } from "../run.ts";

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${formatCount(bytes)} bytes`;

function describe(outcome: FetchOutcome): string {
  const id = outcome.source.id;
  switch (outcome.status) {
    case "planned":
      return [`  ${id}: ${outcome.source.title}`, ...outcome.plan.map((p) => `      ${p}`)].join("\n");
    case "manual":
      return `  manual    ${id}: not downloaded: ${outcome.reason}\n            (${outcome.source.publication})`;
    case "failed":
      return `  FAILED    ${outcome.error}`;
    case "fetched": {
      const f = outcome.file;
      const lines = [
        `  fetched   ${f.file}: ${size(f.bytes)}` +
          (f.archive ? ` (from ${f.archive.entry} in a ${size(f.archive.bytes)} ZIP)` : "") +
          `, ${f.format ?? "unchecked"}, in ${outcome.seconds.toFixed(1)} s`,
        `            ${f.url}`,
      ];
      for (const note of outcome.notes) lines.push(`            note: ${note}`);
      return lines.join("\n");
    }
  }
}

export function registerFetch(program: Command): void {
  program
    .command("fetch")
    .description("download the current official NHS/ONS files into a folder, ready for `icsplan import`")
    .option("--out <dir>", "output folder", "./data/official")
    .option("--only <ids>", "comma-separated source ids (see --dry-run for the list)")
    .option("--base-url <url>", "fetch from a mirror: replaces the origin of every URL")
    .option("--dry-run", "list what would be fetched, without downloading")
    .option("--timeout <seconds>", "time allowed for each publication page", "60")
    .option("--quiet", "no progress bar")
    .action(
      async (opts: {
        out: string;
        only?: string;
        baseUrl?: string;
        dryRun?: boolean;
        timeout: string;
        quiet?: boolean;
      }) => {
        // Loaded on use, so other commands start without the fetch machinery.
        const { fetchOfficial, FETCH_MANIFEST_FILE, selectSources } =
          await import("../../app/fetch-official.ts");
        const only = opts.only
          ?.split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        try {
          selectSources(only);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        if (opts.baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(opts.baseUrl)) {
          throw new UsageError(`--base-url must be an http(s) URL, got '${opts.baseUrl}'`);
        }
        const timeout = Number(opts.timeout);
        if (!Number.isFinite(timeout) || timeout <= 0) {
          throw new UsageError(`--timeout must be a positive number of seconds, got '${opts.timeout}'`);
        }
        const bar = new SingleBar(
          {
            format: "  {bar} {percentage}% {id} {done}",
            hideCursor: true,
            clearOnComplete: true,
            stream: process.stderr,
          },
          Presets.shades_classic,
        );
        const showBar = !opts.quiet && !opts.dryRun && process.stderr.isTTY;
        let barActive = false;
        let barTotal = 0;
        if (opts.dryRun) process.stdout.write(`Would fetch into ${opts.out}:\n`);
        const outcomes = await fetchOfficial({
          outDir: opts.out,
          baseUrl: opts.baseUrl,
          only,
          dryRun: opts.dryRun,
          pageTimeoutMs: timeout * 1000,
          onDownloadStart: (source, total) => {
            if (!showBar) return;
            barTotal = total ?? 0;
            bar.start(barTotal || 1, 0, { id: source.id, done: "" });
            barActive = true;
          },
          onDownloadProgress: (_source, bytes) => {
            if (!barActive) return;
            if (barTotal) bar.update(bytes, { done: size(bytes) });
            else bar.update(0, { done: size(bytes) });
          },
          onSourceEnd: (outcome) => {
            if (barActive) bar.stop();
            barActive = false;
            process.stdout.write(`${describe(outcome)}\n`);
          },
        });
        if (opts.dryRun) return;
        const fetched = outcomes.filter((o) => o.status === "fetched").length;
        const failed = outcomes.filter((o) => o.status === "failed").length;
        const manual = outcomes.filter((o) => o.status === "manual").length;
        process.stdout.write(
          `\n${fetched} fetched, ${failed} failed, ${manual} to download by hand.` +
            (fetched > 0
              ? ` Files and ${FETCH_MANIFEST_FILE} are in ${opts.out}; next: icsplan import ${opts.out}`
              : "") +
            "\n",
        );
        if (failed > 0) process.exitCode = 1;
      },
    );
}
