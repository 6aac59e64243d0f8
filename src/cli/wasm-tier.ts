// Which V8 tier runs the WebAssembly of a command: the embedded store is PostgreSQL compiled to wasm, and
// by default V8 compiles it twice, Liftoff (quick to compile) at once and TurboFan (faster code) for the
// functions that get hot, in background threads. A command that reads for a second or two ends before
// TurboFan pays for itself, so those run on Liftoff alone; long bulk work (an import, loading the demo,
// a server) and HiGHS's exact solves keep the default. Measured on the national store (wall, CPU), the
// bundle with and without this flag, interleaved: `overview --icb QNC` 1.86–2.03 s, 2.6–2.8 s → 1.53–2.00 s,
// 1.7–1.9 s; `scenarios backtest` 3.24 s → 2.44 s; but the national import 30.5 s → 51.3 s and
// `hubs --icb QNC -k 4` 4.09 s → 5.65 s, which is why they keep the default. Results do not depend on the
// tier: WebAssembly is deterministic.

/** Commands whose work is long bulk loading, a server, or HiGHS solves: V8's default tiers. */
const DEFAULT_TIERS = new Set(["import", "demo", "fetch", "serve", "hubs"]);

/** Global options that take a value (`--wait` takes one only when it looks like a number or `forever`). */
const VALUED = new Set(["--data-dir", "--database-url"]);

/** The command word of a command line (after the global options), if any. */
export function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUED.has(a)) i++;
    else if (a === "--wait") {
      if (/^(\d+(\.\d+)?|forever|true)$/i.test(args[i + 1] ?? "")) i++;
    } else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

/** Whether a command line runs its WebAssembly on Liftoff alone (see above). */
export function liftoffOnly(args: readonly string[]): boolean {
  const command = commandWord(args);
  if (command === undefined || DEFAULT_TIERS.has(command)) return false;
  return !args.includes("--exact");
}
