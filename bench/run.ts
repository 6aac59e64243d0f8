// Runs every benchmark in its own process (so peak memory is per benchmark) and prints their figures.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./common.ts";

const only = process.argv.slice(2);
const BENCHES = [
  "import-all",
  "lsoa-national",
  "overview",
  "networks-design",
  "networks-england",
  "networks-exact",
  "networks-ensemble",
  "workforce",
  "closure",
  "funding",
  "api-latency",
  "web",
  "hubs",
  "store-size",
  "plan",
].filter((b) => only.length === 0 || only.includes(b));

// The CLI benchmarks time the bundled command, as `npm ci` builds it.
spawnSync("npm", ["run", "build"], { stdio: "inherit", cwd: ROOT });

let failed = false;
for (const name of BENCHES) {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "bench", `${name}.ts`)], {
    stdio: "inherit",
  });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
