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

export function solveMip(lp: string, timeLimitSeconds: number): Promise<MipResult> {
  const highsUrl = import.meta.resolve("highs");
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { lp, timeLimit: timeLimitSeconds, highsUrl },
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
