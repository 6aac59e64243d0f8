// Community specialist hub routes: where to put k hubs of a specialty in an ICB or place, p-median or maximal
// covering solved exactly with HiGHS (a few seconds per k), as a job answering 202 at once; progress (one
// event per k) streams from /api/jobs/{id}/events and the result (the same JSON as
// `icsplan hubs … --format json`) reads back from /api/jobs/{id}. See docs/hubs.md.
//   POST /api/jobs/hubs
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { hubsReport, type HubsRequest } from "../../app/hubs.ts";
import { RequestError } from "../../model/errors.ts";
import type { Store } from "../../store/store.ts";
import { errors, jsonBody, jsonContent, pictureOf } from "../http.ts";
import type { JobRegistry } from "../jobs.ts";
import * as s from "../schemas.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2026-01-01");

/** The most k values one request may solve (each is a HiGHS solve of seconds). */
const MAX_KS = 12;

export const HubsJobBody = z
  .object({
    demo: z.boolean().optional().openapi({ description: "the synthetic demo instead of the real data" }),
    date: isoDate.optional().openapi({ description: "the PCN map in force on this date" }),
    icb: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "the ICB (ODS or ONS code, or name); optional when the map has one ICB" }),
    subIcb: z.string().min(1).max(100).optional().openapi({ description: "the place (sub-ICB location)" }),
    specialty: z.enum(["care-of-the-elderly", "diabetes", "dermatology"]).optional().openapi({
      description:
        "whose need weights the demand: patients aged 65+ (age bands), the QOF diabetes register, or every patient (default dermatology)",
    }),
    k: z
      .number()
      .int()
      .min(1)
      .max(200)
      .optional()
      .openapi({ example: 3, description: "the number of hubs (default 3); leave out with kRange" }),
    kRange: z
      .object({
        from: z.number().int().min(1).max(200),
        to: z.number().int().min(1).max(200),
      })
      .optional()
      .openapi({
        example: { from: 1, to: 6 },
        description: `solve every k from \`from\` to \`to\` (at most ${MAX_KS}) to show how the answer changes with k`,
      }),
    objective: z.enum(["p-median", "covering"]).optional().openapi({
      description:
        "p-median: minimise the need-weighted distance to the nearest hub (default); covering: maximise the need within withinKm",
    }),
    withinKm: z.number().gt(0).max(200).optional().openapi({
      example: 5,
      description: "the covering distance, and the distance access is reported within, km (default 5)",
    }),
    minPatients: z.number().int().min(0).max(1000).optional().openapi({
      description:
        "demand points with fewer registered patients merge into the nearest larger one (default 20; 0: none)",
    }),
    timeLimitSeconds: z
      .number()
      .gt(0)
      .max(600)
      .optional()
      .openapi({ description: "HiGHS time limit per k, seconds (default 60)" }),
  })
  .openapi("HubsJobRequest");

type Body = z.infer<typeof HubsJobBody>;

/** The use case's request from a body; RequestError naming the field for what zod cannot check alone. */
export function hubsRequestOf(b: Body): HubsRequest {
  if (b.icb !== undefined && b.subIcb !== undefined)
    throw new RequestError("give icb or subIcb, not both", { field: "subIcb" });
  if (b.k !== undefined && b.kRange !== undefined)
    throw new RequestError("give k or kRange, not both", { field: "kRange" });
  let ks = [b.k ?? 3];
  if (b.kRange !== undefined) {
    const { from, to } = b.kRange;
    if (to < from)
      throw new RequestError(`kRange must run upwards; found ${from} to ${to}`, { field: "kRange" });
    if (to - from + 1 > MAX_KS)
      throw new RequestError(`kRange may hold at most ${MAX_KS} values of k; found ${to - from + 1}`, {
        field: "kRange",
      });
    ks = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const { synthetic, date } = pictureOf(b);
  return {
    synthetic,
    ...(date !== undefined ? { date } : {}),
    ...(b.icb !== undefined ? { icb: b.icb } : {}),
    ...(b.subIcb !== undefined ? { subIcb: b.subIcb } : {}),
    specialty: b.specialty ?? "dermatology",
    ks,
    objective: b.objective ?? "p-median",
    withinKm: b.withinKm ?? 5,
    ...(b.minPatients !== undefined ? { minPatients: b.minPatients } : {}),
    ...(b.timeLimitSeconds !== undefined ? { timeLimitSeconds: b.timeLimitSeconds } : {}),
  };
}

export function registerHubRoutes(
  api: OpenAPIHono,
  store: Store,
  jobs: JobRegistry,
  onError?: (error: unknown) => void,
): void {
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/jobs/hubs",
      summary:
        "Place k community specialist hubs (care of the elderly, diabetes, dermatology) at practice sites as a job: p-median or maximal covering solved exactly, access by IMD quintile, and how the answer changes with k",
      tags: ["jobs"],
      request: jsonBody(HubsJobBody),
      responses: {
        202: jsonContent(s.Job, "Started; follow /api/jobs/{id}/events, read /api/jobs/{id}"),
        ...errors,
      },
    }),
    (c) => {
      // Checked before the job starts, so a bad request is a 400, not a failed job.
      const request = hubsRequestOf(c.req.valid("json"));
      const job = jobs.start("hubs", (work) => hubsReport(store, request, work), onError);
      return c.json(job as never, 202);
    },
  );
}
