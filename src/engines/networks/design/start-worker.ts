// The worker side of parallel.ts: runs the starts it is asked for, each on its own random stream, and posts
// what each left. It rebuilds the search from the same request, so its starts equal the caller's own.
import { parentPort } from "node:worker_threads";
import type { Adjacency, NetworkInstance } from "../instance.ts";
import { prepareSearch, runStart, type FinishedStart } from "./design.ts";
import type { DesignOptions } from "./options.ts";

export interface StartsRequest {
  id: number;
  instance: NetworkInstance;
  adjacency: Adjacency;
  options: DesignOptions;
  starts: number[];
}

export type StartsAnswer =
  { id: number; ok: true; finished: FinishedStart[] } | { id: number; ok: false; message: string };

parentPort?.on("message", (request: StartsRequest) => {
  let answer: StartsAnswer;
  try {
    const search = prepareSearch(request.instance, request.adjacency, request.options);
    answer = { id: request.id, ok: true, finished: request.starts.map((s) => runStart(search, s).finished) };
  } catch (error) {
    answer = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer);
});
