// Long work run as jobs: a job starts at once, answers 202 with its id, runs its use case with a `Work`
// (progress events, an abort signal), keeps its events so a late listener can replay them, and ends done
// (with its result), failed (with its problem document) or cancelled. Jobs live as long as the server.
import { randomUUID } from "node:crypto";
import type { ProgressEvent, Work } from "../app/work.ts";
import { problemOf, type Problem } from "./problem.ts";

export type JobStatus = "running" | "done" | "failed" | "cancelled";

export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  startedAt: string;
  endedAt: string | null;
  /** The newest progress event. */
  progress: ProgressEvent | null;
  result?: unknown;
  problem?: Problem;
}

/** What a listener hears: each progress event, then the end. */
export type JobMessage = { type: "progress"; event: ProgressEvent } | { type: "end"; job: JobView };

interface Job {
  view: JobView;
  events: ProgressEvent[];
  controller: AbortController;
  listeners: Set<(m: JobMessage) => void>;
}

/**
 * What a job's work returns when it stopped part way for a cancel yet has a result to show (an import
 * reports the files it committed before the cancel): the job ends cancelled, with that result.
 */
export class StoppedEarly {
  constructor(readonly result: unknown) {}
}

const MAX_EVENTS = 1000;
const MAX_JOBS = 200;

const isAbort = (error: unknown) => error instanceof Error && error.name === "AbortError";

export class JobRegistry {
  readonly #jobs = new Map<string, Job>();

  /** Starts `run` as a job of `kind` and returns its view at once. */
  start(kind: string, run: (work: Work) => Promise<unknown>, onError?: (error: unknown) => void): JobView {
    this.#forgetOld();
    const controller = new AbortController();
    const job: Job = {
      view: {
        id: randomUUID(),
        kind,
        status: "running",
        startedAt: new Date().toISOString(),
        endedAt: null,
        progress: null,
      },
      events: [],
      controller,
      listeners: new Set(),
    };
    this.#jobs.set(job.view.id, job);
    const work: Work = {
      signal: controller.signal,
      onProgress: (event) => {
        job.view.progress = event;
        if (job.events.length < MAX_EVENTS) job.events.push(event);
        for (const l of job.listeners) l({ type: "progress", event });
      },
    };
    const end = (patch: Partial<JobView>) => {
      Object.assign(job.view, patch, { endedAt: new Date().toISOString() });
      for (const l of job.listeners) l({ type: "end", job: { ...job.view } });
      job.listeners.clear();
    };
    // Started on the next turn, so the caller has the id before the first event.
    setImmediate(() => {
      run(work).then(
        // Work that finished before it reached a checkpoint after the cancel is done, not cancelled.
        (result) =>
          end(
            result instanceof StoppedEarly
              ? { status: "cancelled", result: result.result }
              : { status: "done", result },
          ),
        (error: unknown) => {
          if (isAbort(error) || controller.signal.aborted) end({ status: "cancelled" });
          else {
            const problem = problemOf(error);
            if (problem.status >= 500) onError?.(error);
            end({ status: "failed", problem });
          }
        },
      );
    });
    return { ...job.view };
  }

  get(id: string): JobView | undefined {
    const job = this.#jobs.get(id);
    return job && { ...job.view };
  }

  list(): JobView[] {
    return [...this.#jobs.values()].map((j) => {
      const { result: _r, ...rest } = j.view;
      return rest;
    });
  }

  /** Asks a running job to stop at its next checkpoint; false when there is no such job. */
  cancel(id: string): boolean {
    const job = this.#jobs.get(id);
    if (!job) return false;
    if (job.view.status === "running") job.controller.abort();
    return true;
  }

  /**
   * Replays the job's events to `listener`, then forwards new ones until the end; returns a function that
   * stops listening. A job that has ended replays its events and its end at once.
   */
  listen(id: string, listener: (m: JobMessage) => void): (() => void) | undefined {
    const job = this.#jobs.get(id);
    if (!job) return undefined;
    for (const event of job.events) listener({ type: "progress", event });
    if (job.view.status !== "running") {
      listener({ type: "end", job: { ...job.view } });
      return () => {};
    }
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  /** Cancels every running job (when the server stops). */
  cancelAll(): void {
    for (const job of this.#jobs.values()) if (job.view.status === "running") job.controller.abort();
  }

  #forgetOld(): void {
    if (this.#jobs.size < MAX_JOBS) return;
    for (const [id, job] of this.#jobs) {
      if (job.view.status !== "running") this.#jobs.delete(id);
      if (this.#jobs.size < MAX_JOBS / 2) break;
    }
  }
}
