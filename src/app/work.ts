// Long work (a national design, exact mode, a backtest, an import) reports its progress and can be
// cancelled: a use case takes an optional `Work` and calls `checkpoint` between its steps. The CLI draws
// progress bars from the events; the HTTP API streams them to the browser (Server-Sent Events) and aborts
// the signal when the user cancels. A cancelled use case throws the signal's AbortError at its next
// checkpoint, before it writes anything.
export interface ProgressEvent {
  /** What is being done, e.g. "design", "import". */
  stage: string;
  /** Steps done and in all (e.g. ICBs designed of 36), when countable. */
  done?: number | undefined;
  total?: number | undefined;
  /** What the step was, e.g. "QNC Staffordshire and Stoke-on-Trent". */
  message?: string | undefined;
}

export interface Work {
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** Reports progress, lets other work of the process run, and stops here if the work was cancelled. */
export async function checkpoint(work: Work | undefined, event?: ProgressEvent): Promise<void> {
  if (event) work?.onProgress?.(event);
  if (!work) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  work.signal?.throwIfAborted();
}
