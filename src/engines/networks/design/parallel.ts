// The heuristic designer's starts run at once on worker threads. A design's starts are independent (each on
// its own random stream, design.ts runStart), so the caller runs the last starts itself while workers run the
// first ones; the results are put back in start order and finished as the one-thread designer finishes them,
// so the design is the same, figure for figure, as designNetworks gives (test/engines/networks/
// design-parallel.test.ts). Workers are kept for the next design (a server designs many) and never keep the
// process alive when idle. A worker that cannot start or fails hands its starts back to the caller.
import { Worker } from "node:worker_threads";
import type { Adjacency, NetworkInstance } from "../instance.ts";
import { finishSearch, prepareSearch, runStart, type DesignResult, type FinishedStart } from "./design.ts";
import type { DesignOptions } from "./options.ts";
import type { DesignRng } from "./rng.ts";
import type { StartsAnswer, StartsRequest } from "./start-worker.ts";

interface Helper {
  worker: Worker;
  busy: number;
  pending: Map<number, (answer: StartsAnswer) => void>;
}

const helpers: Helper[] = [];
let helpersBroken = false;
let nextId = 1;

/**
 * How the worker is started: from the sources (this file is TypeScript, as under tsx) through tsx's loader,
 * else the bundle's own worker file beside it (`npm run build` writes dist/design-worker.mjs).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
    const entry = JSON.stringify(new URL("./start-worker.ts", here).href);
    return new Worker(
      `(async () => { const { register } = await import(${tsx}); register(); await import(${entry}); })();`,
      { eval: true },
    );
  }
  return new Worker(new URL("./design-worker.mjs", here));
}

function helper(): Helper | null {
  if (helpersBroken) return null;
  const free = helpers.find((h) => h.busy === 0);
  if (free) return free;
  let worker: Worker;
  try {
    worker = startWorker();
  } catch {
    helpersBroken = true;
    return null;
  }
  const h: Helper = { worker, busy: 0, pending: new Map() };
  const fail = (message: string) => {
    const at = helpers.indexOf(h);
    if (at >= 0) helpers.splice(at, 1);
    for (const [id, done] of h.pending) done({ id, ok: false, message });
    h.pending.clear();
  };
  worker.on("message", (answer: StartsAnswer) => {
    const done = h.pending.get(answer.id);
    h.pending.delete(answer.id);
    done?.(answer);
  });
  worker.on("error", (error) => {
    // A worker that cannot even load (no worker file beside a bundle) is not tried again.
    helpersBroken = true;
    fail(error.message);
  });
  worker.on("exit", (code) => fail(`the design worker stopped (exit ${code})`));
  worker.unref();
  helpers.push(h);
  return h;
}

function ask(h: Helper, request: Omit<StartsRequest, "id">): Promise<StartsAnswer> {
  const id = nextId++;
  h.busy++;
  h.worker.ref();
  return new Promise<StartsAnswer>((resolve) => {
    h.pending.set(id, resolve);
    h.worker.postMessage({ ...request, id });
  }).finally(() => {
    h.busy--;
    if (h.busy === 0) h.worker.unref();
  });
}

/** Starts 0 … count − 1 in `parts` contiguous runs, the last run the caller's (it ends on the last start). */
export function splitStarts(count: number, parts: number): number[][] {
  const out: number[][] = [];
  let from = 0;
  for (let i = 0; i < parts; i++) {
    const to = Math.round(((i + 1) * count) / parts);
    if (to > from) out.push(Array.from({ length: to - from }, (_, k) => from + k));
    from = to;
  }
  return out;
}

/**
 * designNetworks with its starts shared between this thread and up to `workers` worker threads; the same
 * design as designNetworks for the same request (timed runs aside: a time limit stops each thread's own
 * starts). `workers: 0`, or one start, runs everything here.
 */
export async function designNetworksInParallel(
  instance: NetworkInstance,
  adjacency: Adjacency,
  options: DesignOptions,
  workers: number,
): Promise<DesignResult> {
  const search = prepareSearch(instance, adjacency, options);
  const count = search.opts.starts;
  const runs = splitStarts(count, Math.max(1, Math.min(count, Math.floor(workers) + 1)));
  const mine = runs.pop()!;
  const away = runs.map((starts) => {
    const h = helper();
    return {
      starts,
      answer: h ? ask(h, { instance, adjacency, options, starts }) : null,
    };
  });
  const finished = new Map<number, FinishedStart>();
  let rng: DesignRng | null = null;
  for (const s of mine) {
    const run = runStart(search, s);
    finished.set(s, run.finished);
    rng = run.rng;
  }
  for (const { starts, answer } of away) {
    const got = answer ? await answer : null;
    starts.forEach((s, i) => finished.set(s, got?.ok ? got.finished[i]! : runStart(search, s).finished));
  }
  const finals = [...finished].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
  return finishSearch(search, finals, rng!);
}
