// Runs HiGHS (WASM) on the hub MIPs in a worker thread (as the networks' exact mode does), so a long solve
// never blocks the caller. One worker serves a run of solves (a k-range): HiGHS is loaded once. Each solve
// first takes the LP relaxation; when its site variables come out whole, that solution is optimal for the
// MIP too (the relaxation bounds it, and it is feasible), and branch and bound is skipped. p-median LPs are
// very often integral (ReVelle and Swain 1970), so most solves end there.
import { Worker } from "node:worker_threads";
import type { MipData } from "./model.ts";

export interface HubMipResult {
  status: "optimal" | "time-limit" | "infeasible" | "error";
  colValue: Float64Array | null;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  /** True when the LP relaxation was already whole (no branch and bound). */
  integralLp: boolean;
  seconds: number;
  message?: string;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { default: loader } = await import(workerData.highsUrl);
  const highs = await loader();
  const solve = (m) => {
    const started = Date.now();
    const d = m.model;
    const data = {
      numCols: d.numCols, numRows: d.numRows,
      sense: d.maximize ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      colCost: d.colCost, colLower: d.colLower, colUpper: d.colUpper,
      rowLower: d.rowLower.map((v) => (v === -Infinity ? -highs.infinity : v)),
      rowUpper: d.rowUpper.map((v) => (v === Infinity ? highs.infinity : v)),
      matrix: { format: "csc", numRows: d.numRows, numCols: d.numCols, starts: d.starts, indices: d.indices, values: d.values },
    };
    return highs.withModel(data, (model) => {
      const info = (name) => { try { return Number(model.info.get(name)); } catch { return null; } };
      model.options.set({ time_limit: m.timeLimit, output_flag: false });
      model.run();
      let status = model.getModelStatus();
      if (status === 7) {
        const x = model.getSolution().colValue;
        let whole = true;
        for (let j = 0; j < d.numCols && whole; j++) if (d.integrality[j] === 1 && Math.abs(x[j] - Math.round(x[j])) > 1e-7) whole = false;
        if (whole) {
          const objective = info("objective_function_value");
          return { status, colValue: Float64Array.from(x), objective, bound: objective, gap: 0, primal: 2, integralLp: true };
        }
      } else if (status !== 13) return { status, colValue: null, integralLp: false };
      const left = m.timeLimit - (Date.now() - started) / 1000;
      if (left <= 0) return { status: 13, colValue: null, integralLp: false };
      model.changeColsIntegrality({ kind: "range", from: 0, to: d.numCols - 1 }, d.integrality);
      model.options.set({ time_limit: left, mip_rel_gap: 1e-9, mip_detect_symmetry: false });
      if (m.start) { try { model.setSolution({ colValue: m.start }); } catch {} }
      model.run();
      status = model.getModelStatus();
      let colValue = null;
      try { colValue = Float64Array.from(model.getSolution().colValue); } catch {}
      return { status, colValue, objective: info("objective_function_value"), bound: info("mip_dual_bound"), gap: info("mip_gap"), primal: info("primal_solution_status"), integralLp: false };
    });
  };
  parentPort.on("message", (m) => {
    const started = Date.now();
    try {
      parentPort.postMessage({ ...solve(m), seconds: (Date.now() - started) / 1000 });
    } catch (error) {
      parentPort.postMessage({ status: -1, colValue: null, integralLp: false, message: String((error && error.message) || error), seconds: (Date.now() - started) / 1000 });
    }
  });
  parentPort.postMessage({ ready: true });
})();
`;

interface WorkerReply {
  status: number;
  colValue: Float64Array | null;
  objective?: number | null;
  bound?: number | null;
  gap?: number | null;
  primal?: number | null;
  integralLp: boolean;
  seconds: number;
  message?: string;
  ready?: boolean;
}

export interface HubSolver {
  /** Solves a MIP; `start` is the full column vector of a known feasible solution. */
  solve(model: MipData, timeLimitSeconds: number, start?: Float64Array): Promise<HubMipResult>;
  close(): Promise<void>;
}

/** Starts a HiGHS worker for a run of solves; close it when done. */
export async function openHubSolver(): Promise<HubSolver> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { highsUrl: import.meta.resolve("highs") },
  });
  const next = () =>
    new Promise<WorkerReply>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      worker.once("error", onError);
      worker.once("message", (m: WorkerReply) => {
        worker.off("error", onError);
        resolve(m);
      });
    });
  await next();
  return {
    async solve(model, timeLimitSeconds, start) {
      const reply = next();
      worker.postMessage({ model, timeLimit: timeLimitSeconds, start: start ?? null });
      const m = await reply;
      // HiGHS model status 7 optimal, 8 infeasible, 13 time limit; primal status 2 = a feasible solution.
      const status =
        m.status === 7 ? "optimal" : m.status === 13 ? "time-limit" : m.status === 8 ? "infeasible" : "error";
      const hasSolution = m.colValue !== null && (status === "optimal" || m.primal === 2);
      return {
        status,
        colValue: hasSolution ? m.colValue : null,
        objective: hasSolution ? (m.objective ?? null) : null,
        bound: m.bound ?? null,
        gap: status === "optimal" ? 0 : hasSolution ? (m.gap ?? null) : null,
        integralLp: m.integralLp,
        seconds: m.seconds,
        ...(m.message
          ? { message: m.message }
          : status === "error"
            ? { message: `HiGHS model status ${m.status}` }
            : {}),
      };
    },
    async close() {
      await worker.terminate();
    },
  };
}
