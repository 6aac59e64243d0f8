// Job routes: long work (a network design — exact, or of all England — a backtest, an import) starts as a
// job and answers 202 at once; its progress streams as Server-Sent Events; DELETE cancels it.
//   POST   /api/jobs/networks-design   POST /api/jobs/backtest   POST /api/jobs/import
//   GET    /api/jobs   GET /api/jobs/{id}   GET /api/jobs/{id}/events (text/event-stream)   DELETE /api/jobs/{id}
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { runBacktest, runDispersalBacktest } from "../../app/backtest.ts";
import { networkEnsemble } from "../../app/ensemble.ts";
import { parseBandText } from "../../engines/networks/design/index.ts";
import { importFiles } from "../../app/import-files.ts";
import { designData, designEnglandNetworks, designNetworks, englandRows } from "../../app/networks.ts";
import { forgetPictures } from "../../app/picture.ts";
import { checkpoint } from "../../app/work.ts";
import { parseCapacityCap } from "../../engines/scenarios/capacity.ts";
import { RequestError } from "../../model/errors.ts";
import type { Store } from "../../store/store.ts";
import { designEnglandRequestOrNull, designRequestOf } from "../design-request.ts";
import { asField, conflicts, errors, jsonBody, jsonContent, pictureOf } from "../http.ts";
import { JobRegistry, StoppedEarly, type JobMessage } from "../jobs.ts";
import * as s from "../schemas.ts";

const jobPath = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" }, example: "6f1c2a4e-8f0b-4c59-9d8e-1b2a3c4d5e6f" }),
});

const notFound = (id: string) =>
  new RequestError(`no job has the id '${id}' (jobs last as long as the server)`, {
    kind: "not-found",
    field: "id",
  });

const started = (description: string) => ({
  202: jsonContent(s.Job, description),
  ...errors,
});

export function registerJobRoutes(
  api: OpenAPIHono,
  store: Store,
  jobs: JobRegistry,
  onError?: (error: unknown) => void,
): void {
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/jobs/networks-design",
      summary:
        "Design networks as a job: heuristic or exact (HiGHS) for an ICB or place, or every ICB of England (`england: true`)",
      tags: ["jobs"],
      request: jsonBody(s.DesignJobBody),
      responses: started("Started; follow /api/jobs/{id}/events, read /api/jobs/{id}"),
    }),
    async (c) => {
      const b = c.req.valid("json");
      if (b.england && (b.icb !== undefined || b.subIcb !== undefined))
        throw new RequestError("england designs every ICB: leave out icb and subIcb", { field: "england" });
      if (b.england && b.exact)
        throw new RequestError("the exact mode designs one ICB or place at a time", { field: "exact" });
      const england = designEnglandRequestOrNull(b);
      const request = england
        ? null
        : designRequestOf(b, b.exact ? { mipTimeLimitSeconds: b.mipTimeLimitSeconds } : undefined);
      const job = jobs.start(
        "networks-design",
        async (work) => {
          if (england) {
            const outcome = await designEnglandNetworks(store, england, work);
            return {
              synthetic: outcome.picture.synthetic,
              map: outcome.picture.sources.map.period,
              footprint: outcome.footprint,
              icbs: englandRows(outcome.design),
              savedAs: outcome.savedAs,
              seconds: outcome.seconds,
            };
          }
          return designData(await designNetworks(store, request!, work));
        },
        onError,
      );
      return c.json(job as never, 202);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/jobs/networks-ensemble",
      summary:
        "Is a proposal an outlier? Valid alternative plans by recombination, and where today's map, the design and each saved scenario fall among them",
      tags: ["jobs"],
      request: jsonBody(s.EnsembleJobBody),
      responses: started("Started"),
    }),
    async (c) => {
      const b = c.req.valid("json");
      const band = b.band === undefined ? undefined : asField("band", () => parseBandText(b.band!));
      const job = jobs.start(
        "networks-ensemble",
        (work) =>
          networkEnsemble(
            store,
            {
              ...pictureOf(b),
              icb: b.icb,
              subIcb: b.subIcb,
              graph: { basis: b.basis ?? "auto" },
              steps: b.steps,
              seed: b.seed,
              thin: b.thin,
              band,
              configurations: (b.scenarios ?? []).map((name) => ({ kind: "scenario" as const, name })),
            },
            work,
          ),
        onError,
      );
      return c.json(job as never, 202);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/jobs/backtest",
      summary:
        "Backtest the dispersal models on the real closures between list snapshots (models), or the fitted model against its baselines (dispersals)",
      tags: ["jobs"],
      request: jsonBody(s.BacktestJobBody),
      responses: started("Started"),
    }),
    async (c) => {
      const b = c.req.valid("json");
      const report = b.report ?? "models";
      if ((b.from === undefined) !== (b.to === undefined))
        throw new RequestError("from and to go together: the two list snapshots of one pair", {
          field: "to",
        });
      if (report === "models" && b.from !== undefined)
        throw new RequestError("from/to choose a pair for report 'dispersals'", { field: "from" });
      // No cap given: the model's default; "none": no capacity limit.
      const cap =
        b.cap === undefined
          ? undefined
          : b.cap.trim().toLowerCase() === "none"
            ? null
            : asField("cap", () => parseCapacityCap(b.cap!));
      const job = jobs.start(
        "backtest",
        async (work) => {
          await checkpoint(work, { stage: "backtest", message: `the ${report} backtest` });
          if (report === "models") {
            const outcome = await runBacktest(store, {
              synthetic: b.demo ?? false,
              ...(b.maxKm !== undefined ? { maxKm: b.maxKm } : {}),
              ...(cap !== undefined ? { cap } : {}),
            });
            return {
              synthetic: outcome.synthetic,
              message: outcome.message,
              sources: outcome.sources,
              ...outcome.result,
            };
          }
          const outcome = await runDispersalBacktest(store, {
            synthetic: b.demo ?? false,
            ...(b.maxKm !== undefined ? { maxKm: b.maxKm } : {}),
            ...(b.mergerKm !== undefined ? { mergerKm: b.mergerKm } : {}),
            ...(b.from !== undefined ? { pairs: [[b.from, b.to!] as const] } : {}),
          });
          return {
            synthetic: outcome.synthetic,
            message: outcome.message,
            sources: outcome.sources,
            settings: outcome.result?.settings ?? null,
            windows: outcome.result?.windows ?? [],
          };
        },
        onError,
      );
      return c.json(job as never, 202);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/jobs/import",
      summary:
        "Import files or folders on the server's disk (NHS/ONS open data) into the store, as `icsplan import` does",
      tags: ["jobs"],
      request: jsonBody(s.ImportJobBody),
      responses: started("Started; each file's outcome is in the result"),
    }),
    async (c) => {
      const b = c.req.valid("json");
      const job = jobs.start(
        "import",
        async (work) => {
          let done = 0;
          const outcomes = await importFiles(store, b.paths, {
            signal: work.signal,
            ...(b.as !== undefined ? { as: b.as } : {}),
            ...(b.date !== undefined ? { date: b.date } : {}),
            onFileStart: (file, format) =>
              work.onProgress?.({ stage: "import", done, message: `${file.label} (${format.title})` }),
            onFileEnd: () => {
              done += 1;
            },
          });
          forgetPictures(store);
          const result = {
            files: outcomes.map((o) => ({
              file: o.file.label,
              status: o.status,
              ...(o.status === "imported"
                ? {
                    format: o.format.title,
                    datasetId: o.datasetId,
                    rows: o.result.rows,
                    replaced: o.replaced,
                  }
                : o.status === "rejected"
                  ? { format: o.format?.title ?? null, error: o.error }
                  : o.status === "interrupted"
                    ? { format: o.format.title, reason: "cancelled before this file was committed" }
                    : { reason: o.reason }),
            })),
          };
          // A cancelled import keeps the files it committed; the rest are reported as interrupted.
          return outcomes.some((o) => o.status === "interrupted") ? new StoppedEarly(result) : result;
        },
        onError,
      );
      return c.json(job as never, 202);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/jobs",
      summary: "The server's jobs, running and ended (without their results)",
      tags: ["jobs"],
      responses: { 200: jsonContent(z.array(s.Job), "Every job since the server started") },
    }),
    (c) => c.json(jobs.list() as never, 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/jobs/{id}",
      summary: "A job: its status, newest progress, and its result (done) or problem (failed)",
      tags: ["jobs"],
      request: { params: jobPath },
      responses: { 200: jsonContent(s.Job, "The job"), ...errors },
    }),
    (c) => {
      const { id } = c.req.valid("param");
      const job = jobs.get(id);
      if (!job) throw notFound(id);
      return c.json(job as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/jobs/{id}/events",
      summary:
        "A job's progress as Server-Sent Events: `progress` events (stage, done, total, message), then one `end` event with the job",
      tags: ["jobs"],
      request: { params: jobPath },
      responses: {
        200: { content: { "text/event-stream": { schema: z.string() } }, description: "The event stream" },
        ...errors,
      },
    }),
    (c) => {
      const { id } = c.req.valid("param");
      if (!jobs.get(id)) throw notFound(id);
      return streamSSE(c, async (stream) => {
        let seq = 0;
        const queue: JobMessage[] = [];
        let wake: (() => void) | undefined;
        const stop = jobs.listen(id, (m) => {
          queue.push(m);
          wake?.();
        })!;
        stream.onAbort(() => {
          stop();
          wake?.();
        });
        for (;;) {
          while (queue.length === 0 && !stream.aborted) await new Promise<void>((r) => (wake = r));
          if (stream.aborted) return;
          const m = queue.shift()!;
          if (m.type === "progress")
            await stream.writeSSE({ event: "progress", id: String(seq++), data: JSON.stringify(m.event) });
          else {
            const { result: _result, ...job } = m.job;
            await stream.writeSSE({ event: "end", id: String(seq), data: JSON.stringify(job) });
            stop();
            return;
          }
        }
      }) as never;
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/api/jobs/{id}",
      summary: "Cancel a running job: it stops at its next checkpoint and writes nothing more",
      tags: ["jobs"],
      request: { params: jobPath },
      responses: { 202: jsonContent(s.Job, "Cancelling (or already ended)"), ...errors, 409: conflicts[409] },
    }),
    (c) => {
      const { id } = c.req.valid("param");
      if (!jobs.cancel(id)) throw notFound(id);
      return c.json(jobs.get(id) as never, 202);
    },
  );
}
