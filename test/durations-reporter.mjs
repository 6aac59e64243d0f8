// A node:test reporter that prints, after the run, the time each test file spent in its top-level tests
// and suites (their hooks included; process start and module loading excluded), slowest first, and the
// totals. Use it beside the usual reporter:
//   node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout \
//     --test-reporter=./test/durations-reporter.mjs --test-reporter-destination=durations.txt test/…
import { relative } from "node:path";
import process from "node:process";

export default async function* durations(source) {
  const perFile = new Map();
  let tests = 0;
  let failed = 0;
  const started = Date.now();
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { data } = event;
    const file = data.file ? relative(process.cwd(), data.file) : "(unknown)";
    if (data.details?.type !== "suite") {
      tests++;
      if (event.type === "test:fail") failed++;
    }
    if (data.nesting !== 0) continue;
    const entry = perFile.get(file) ?? { ms: 0, tests: 0 };
    entry.ms += data.details?.duration_ms ?? 0;
    perFile.set(file, entry);
  }
  const rows = [...perFile].sort((a, b) => b[1].ms - a[1].ms);
  yield `wall ${((Date.now() - started) / 1000).toFixed(1)} s, ${tests} tests, ${failed} failed, ${rows.length} files\n`;
  for (const [file, { ms }] of rows) yield `${(ms / 1000).toFixed(1).padStart(7)} s  ${file}\n`;
}
