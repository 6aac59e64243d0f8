// Runs HiGHS (WASM) on an LP-format MIP in a worker thread, so a long solve never blocks the caller, with a
// time limit. Returns the chosen columns, the objective, the best proven bound and the relative gap.
import { Worker } from "node:worker_threads";

export interface MipResult {
  status: "optimal" | "time-limit" | "infeasible" | "error";
  /** Indices of the binaries at 1. */
  chosen: number[];
  objective: number | null;
  bound: number | null;
  gap: number | null;
  seconds: number;
  message?: string;
}

// Plain JavaScript run by the worker: it only needs the HiGHS module, whose URL the caller passes.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const started = Date.now();
  try {
    const { default: loader } = await import(workerData.highsUrl);
    const highs = await loader();
    const result = highs.withModel((model) => {
      model.readModel({ format: "lp", data: workerData.lp });
      model.options.set({ time_limit: workerData.timeLimit, mip_rel_gap: 0, output_flag: false });
      if (workerData.start && workerData.start.length > 0) {
        const colValue = new Float64Array(workerData.numCols);
        for (const k of workerData.start) colValue[k] = 1;
        try { model.setSolution({ colValue }); } catch {}
      }
      model.run();
      const status = model.getModelStatus();
      const info = (name) => { try { return Number(model.info.get(name)); } catch { return null; } };
      const chosen = [];
      if (status === 7 || status === 13) {
        const values = model.getSolution().colValue;
        for (let j = 0; j < values.length; j++) if (values[j] > 0.5) chosen.push(j);
      }
      return { status, chosen, objective: info("objective_function_value"), bound: info("mip_dual_bound"), gap: info("mip_gap") };
    });
    parentPort.postMessage({ ...result, seconds: (Date.now() - started) / 1000 });
  } catch (error) {
    parentPort.postMessage({ status: -1, chosen: [], message: String(error && error.message || error), seconds: (Date.now() - started) / 1000 });
  }
})();
`;

export interface LpResult {
  status: "optimal" | "time-limit" | "infeasible" | "error";
  objective: number | null;
  /** Row duals (HiGHS convention: reduced cost = cost − Σ rows' duals). */
  duals: number[];
  seconds: number;
  message?: string;
}

/** Solves a binary LP-format model; `start` (variables at 1, with `numCols`) is a known solution to start from. */
export async function solveMip(
  lp: string,
  timeLimitSeconds: number,
  start?: { ones: readonly number[]; numCols: number },
): Promise<MipResult> {
  return runHighs(lp, timeLimitSeconds, start);
}

function runHighs(
  lp: string,
  timeLimitSeconds: number,
  start?: { ones: readonly number[]; numCols: number },
): Promise<MipResult> {
  const highsUrl = import.meta.resolve("highs");
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        lp,
        timeLimit: timeLimitSeconds,
        highsUrl,
        start: start ? [...start.ones] : null,
        numCols: start?.numCols ?? 0,
      },
    });
    worker.once(
      "message",
      (m: {
        status: number;
        chosen: number[];
        objective?: number;
        bound?: number;
        gap?: number;
        seconds: number;
        message?: string;
      }) => {
        void worker.terminate();
        const status =
          m.status === 7
            ? "optimal"
            : m.status === 13
              ? "time-limit"
              : m.status === 8
                ? "infeasible"
                : "error";
        const hasSolution = m.chosen.length > 0;
        resolve({
          status: status === "time-limit" && !hasSolution ? "time-limit" : status,
          chosen: m.chosen,
          objective: hasSolution ? (m.objective ?? null) : null,
          bound: m.bound ?? null,
          gap: status === "optimal" ? 0 : hasSolution ? (m.gap ?? null) : null,
          seconds: m.seconds,
          ...(m.message
            ? { message: m.message }
            : status === "error"
              ? { message: `HiGHS model status ${m.status}` }
              : {}),
        });
      },
    );
    worker.once("error", reject);
  });
}

// A long-lived HiGHS LP for column generation: the model stays in the worker between rounds, new columns
// are appended and the LP is re-solved from the previous basis (warm start).
const SESSION_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { default: loader } = await import(workerData.highsUrl);
  const highs = await loader();
  const model = highs.createModel();
  model.options.set({ output_flag: false });
  const solve = () => {
    const started = Date.now();
    try {
      model.run();
    } catch (error) {
      // A warm start HiGHS rejects: solve again from scratch.
      model.clearSolver();
      model.run();
    }
    const status = model.getModelStatus();
    let duals = null;
    let objective = null;
    if (status === 7) {
      duals = Array.from(model.getSolution().rowDual);
      objective = Number(model.info.get("objective_function_value"));
    }
    return { status, duals, objective, seconds: (Date.now() - started) / 1000 };
  };
  parentPort.on("message", (m) => {
    try {
      if (m.op === "read") {
        model.readModel({ format: "lp", data: m.lp });
        parentPort.postMessage(solve());
      } else if (m.op === "add") {
        for (const c of m.columns)
          model.addCol(c.cost, 0, 1, { indices: Int32Array.from(c.rows), values: new Float64Array(c.rows.length).fill(1) });
        parentPort.postMessage(solve());
      }
    } catch (error) {
      parentPort.postMessage({ status: -1, duals: null, objective: null, seconds: 0, message: String(error && error.message || error) });
    }
  });
  parentPort.postMessage({ ready: true });
})();
`;

export interface LpSession {
  /** Reads an LP-format model (no integer sections) and solves it. */
  read(lp: string): Promise<LpResult>;
  /** Appends columns (cost; the rows, i.e. units, each covers with coefficient 1) and re-solves. */
  add(columns: { cost: number; rows: ArrayLike<number> }[]): Promise<LpResult>;
  close(): Promise<void>;
}

export async function openLpSession(): Promise<LpSession> {
  const worker = new Worker(SESSION_SOURCE, {
    eval: true,
    workerData: { highsUrl: import.meta.resolve("highs") },
  });
  const next = () =>
    new Promise<{
      status: number;
      duals: number[] | null;
      objective: number | null;
      seconds: number;
      message?: string;
      ready?: boolean;
    }>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      worker.once("error", onError);
      worker.once("message", (m) => {
        worker.off("error", onError);
        resolve(m);
      });
    });
  await next();
  const result = async (): Promise<LpResult> => {
    const m = await next();
    return {
      status: m.status === 7 ? "optimal" : m.status === 8 ? "infeasible" : "error",
      objective: m.status === 7 ? m.objective : null,
      duals: m.duals ?? [],
      seconds: m.seconds,
      ...(m.message ? { message: m.message } : {}),
    };
  };
  return {
    read(lp) {
      const r = result();
      worker.postMessage({ op: "read", lp });
      return r;
    },
    add(columns) {
      const r = result();
      worker.postMessage({
        op: "add",
        columns: columns.map((c) => ({ cost: c.cost, rows: Array.from(c.rows) })),
      });
      return r;
    },
    async close() {
      await worker.terminate();
    },
  };
}
