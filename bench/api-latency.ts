// Benchmark: `icsplan serve` on the national store, driven from loopback by an open-loop load generator
// (requests are sent on a fixed schedule whatever the answers' speed, so slow answers cannot hide by
// slowing the load down). Figures (issue #10): GET overview of one ICB, practice search and the PCN list of
// an ICB at 200 requests/s for 30 s each: p99 under 50 ms with no errors; a QNC network design through the
// API under 3 s; the server ready within 3 s of start with a warm cache.
//
// The store: ICSPLAN_BENCH_STORE=DIR copies an existing national store (an `icsplan import ../shared/data`
// data directory); otherwise ../shared/data is imported into a fresh one first (minutes).
// ICSPLAN_BENCH_SECONDS and ICSPLAN_BENCH_RATE change the 30 s and 200 requests/s.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Agent, request } from "node:http";
import { importFiles } from "../src/app/import-files.ts";
import { openStore } from "../src/store/store.ts";
import { freshDir, report, ROOT, SHARED } from "./common.ts";

const SECONDS = Number(process.env.ICSPLAN_BENCH_SECONDS ?? 30);
const RATE = Number(process.env.ICSPLAN_BENCH_RATE ?? 200);

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function send(
  url: string,
  init: { method?: string; body?: string } = {},
): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        agent,
        method: init.method ?? "GET",
        headers: init.body ? { "content-type": "application/json" } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", () => resolve({ status: 0, ms: performance.now() - started, body: "" }));
    if (init.body) req.write(init.body);
    req.end();
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Sends GET `url` RATE times a second for SECONDS seconds on a fixed schedule; latency percentiles. */
async function load(url: string) {
  const total = Math.round(RATE * SECONDS);
  const interval = 1000 / RATE;
  const start = performance.now();
  const pending: Promise<{ status: number; ms: number }>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(url));
  }
  const results = await Promise.all(pending);
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    requests: total,
    errors: results.filter((r) => r.status !== 200).length,
    p50_ms: percentile(ms, 50),
    p99_ms: percentile(ms, 99),
    max_ms: ms.at(-1)!,
    achieved_rps: total / ((performance.now() - start) / 1000),
  };
}

/** Starts `icsplan serve` on a free port; resolves with its URL and the seconds from spawn to listening. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string; listening: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(ROOT, "bin/icsplan.js"), "--data-dir", dataDir, "serve", "--port", "0"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const url = /(http:\/\/[^\s/]+)/.exec(out)?.[1];
      if (url)
        resolve({ child, url: url.replace(/\/$/, ""), listening: (performance.now() - started) / 1000 });
    });
    child.once("exit", (code) => reject(new Error(`icsplan serve exited ${code}: ${out}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

const { dir, cleanup } = freshDir("icsplan-bench-api-");
const dataDir = join(dir, "store");
try {
  if (process.env.ICSPLAN_BENCH_STORE) {
    cpSync(process.env.ICSPLAN_BENCH_STORE, dataDir, { recursive: true });
    rmSync(join(dataDir, "icsplan.lock"), { force: true });
  } else {
    const store = await openStore({ dataDir });
    await importFiles(store, [SHARED]);
    await store.close();
  }

  // A first start warms the store's derived cache (as any earlier command on it would have).
  {
    const { child, url } = await startServer(dataDir);
    await send(`${url}/api/overview?icb=QNC`);
    await send(`${url}/api/pcns?icb=QNC`);
    await stop(child);
  }

  const spawned = performance.now();
  const { child, url, listening } = await startServer(dataDir);
  try {
    const first = await send(`${url}/api/overview?icb=QNC`);
    if (first.status !== 200)
      throw new Error(`overview answered ${first.status}: ${first.body.slice(0, 300)}`);
    const firstAnswer = (performance.now() - spawned) / 1000;
    report("api-serve-ready", { listening_seconds: listening, first_overview_seconds: firstAnswer });

    const routes: [string, string][] = [
      ["overview-icb", "/api/overview?icb=QNC"],
      ["practice-search", "/api/practices/search?q=health%20centre&icb=QNC"],
      ["pcn-list", "/api/pcns?icb=QNC"],
    ];
    for (const [name, path] of routes) {
      await send(`${url}${path}`); // the picture of the route, warm
      report(`api-${name}`, { rate: RATE, seconds: SECONDS, ...(await load(`${url}${path}`)) });
    }

    const designs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await send(`${url}/api/networks/design`, {
        method: "POST",
        body: JSON.stringify({ icb: "QNC", seed: i }),
      });
      if (r.status !== 200) throw new Error(`design answered ${r.status}: ${r.body.slice(0, 300)}`);
      designs.push(r.ms / 1000);
    }
    designs.sort((a, b) => a - b);
    report("api-design-qnc", { best_seconds: designs[0]!, median_seconds: designs[1]! });
  } finally {
    await stop(child);
  }
} finally {
  agent.destroy();
  cleanup();
}
