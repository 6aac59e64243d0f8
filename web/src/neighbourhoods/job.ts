// Runs long work as an API job from a page: start it (POST /api/jobs/KIND), follow its progress over
// Server-Sent Events (/api/jobs/{id}/events), read the result when it ends, and cancel it (DELETE).
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, changeHeaders, getJson, postJson } from "../api.ts";

export interface JobView {
  id: string;
  status: "running" | "done" | "failed" | "cancelled";
  progress: { stage: string; done?: number; total?: number; message?: string } | null;
  result?: unknown;
  problem?: { detail: string; status: number; field?: string };
}

export interface Job<T> {
  job: JobView | undefined;
  result: T | undefined;
  error: ApiError | undefined;
  running: boolean;
  start: (body: Record<string, unknown>) => Promise<void>;
  cancel: () => Promise<void>;
  setError: (e: ApiError | undefined) => void;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(String(e), 0));

export function useJob<T>(kind: string): Job<T> {
  const [job, setJob] = useState<JobView | undefined>();
  const [result, setResult] = useState<T | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const events = useRef<EventSource | undefined>(undefined);
  useEffect(() => () => events.current?.close(), []);

  const finish = async (id: string) => {
    events.current?.close();
    events.current = undefined;
    try {
      const view = await getJson<JobView>(`jobs/${id}`);
      setJob(view);
      if (view.status === "done") setResult(view.result as T);
      else if (view.status === "failed" && view.problem)
        setError(new ApiError(view.problem.detail, view.problem.status, view.problem.field));
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const start = async (body: Record<string, unknown>) => {
    setError(undefined);
    try {
      const started = await postJson<JobView>(`jobs/${kind}`, body);
      setJob(started);
      const source = new EventSource(`/api/jobs/${started.id}/events`);
      events.current = source;
      source.addEventListener("progress", (e) => {
        const progress = JSON.parse((e as MessageEvent<string>).data) as JobView["progress"];
        setJob((j) => (j && j.id === started.id ? { ...j, progress } : j));
      });
      source.addEventListener("end", () => void finish(started.id));
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      const res = await fetch(`/api/jobs/${job.id}`, { method: "DELETE", headers: await changeHeaders() });
      if (!res.ok) throw new ApiError(`the server answered ${res.status} to the cancel`, res.status);
    } catch (e) {
      setError(asApiError(e));
    }
  };

  return { job, result, error, running: job?.status === "running", start, cancel, setError };
}
