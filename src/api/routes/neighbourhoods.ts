// Neighbourhood routes: a two-level design (neighbourhoods nested in multi-neighbourhood areas) as a job —
// it takes seconds for an ICB and a minute for England — answering 202 at once; progress streams from
// /api/jobs/{id}/events and the result (the same JSON as `icsplan neighbourhoods design --format json`)
// reads back from /api/jobs/{id}; with `geojson`, the result also holds both levels' polygons for a map.
//   POST /api/jobs/neighbourhoods-design
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { designNeighbourhoods, neighbourhoodData, neighbourhoodGeoJson } from "../../app/neighbourhoods.ts";
import { resolveNeighbourhoodOptions } from "../../engines/neighbourhoods/index.ts";
import { parseBandText } from "../../engines/networks/design/index.ts";
import { RequestError } from "../../model/errors.ts";
import type { Store } from "../../store/store.ts";
import { asField, errors, jsonBody, jsonContent, pictureOf } from "../http.ts";
import type { JobRegistry } from "../jobs.ts";
import * as s from "../schemas.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2026-01-01");

export const NeighbourhoodJobBody = z
  .object({
    demo: z.boolean().optional(),
    date: isoDate.optional(),
    lists: isoDate.optional(),
    icb: z.string().min(1).max(100).optional(),
    subIcb: z.string().min(1).max(100).optional(),
    england: z
      .boolean()
      .optional()
      .openapi({ description: "every ICB of England (labels carry the ICB code)" }),
    basis: z.enum(["auto", "catchment", "delaunay"]).optional(),
    band: z
      .string()
      .max(40)
      .optional()
      .openapi({ example: "30000-50000", description: "neighbourhood band (maximum ≤ 100,000)" }),
    areaBand: z.string().max(40).optional().openapi({ example: "200000-300000" }),
    laWeight: z
      .number()
      .min(0)
      .optional()
      .openapi({ description: "km per patient outside their unit's district" }),
    pcnWeight: z
      .number()
      .min(0)
      .optional()
      .openapi({ description: "km per patient away from today's PCN-mates" }),
    geojson: z.boolean().optional().openapi({
      description:
        "also answer `geojson`: both levels as one collection (neighbourhood and area polygons, practice points), as `--format geojson` writes it; one area only",
    }),
    seed: z.number().int().optional(),
    starts: z.number().int().min(1).max(16).optional(),
    iterations: z.number().int().min(0).max(5_000_000).optional(),
    save: z
      .object({
        name: z.string().min(1).max(80),
        replace: z.boolean().optional(),
        description: z.string().max(500).optional(),
      })
      .optional(),
  })
  .openapi("NeighbourhoodJobRequest");

export function registerNeighbourhoodRoutes(
  api: OpenAPIHono,
  store: Store,
  jobs: JobRegistry,
  onError?: (error: unknown) => void,
): void {
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/jobs/neighbourhoods-design",
      summary:
        "Design neighbourhoods nested in multi-neighbourhood areas as a job: both levels contiguous, with local authority districts and today's PCNs in the objective, evaluated beside today's PCNs",
      tags: ["jobs"],
      request: jsonBody(NeighbourhoodJobBody),
      responses: {
        202: jsonContent(s.Job, "Started; follow /api/jobs/{id}/events, read /api/jobs/{id}"),
        ...errors,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      if (b.england && (b.icb !== undefined || b.subIcb !== undefined))
        throw new RequestError("england designs every ICB: leave out icb and subIcb", { field: "england" });
      if (b.england && b.geojson)
        throw new RequestError("geojson draws one area: leave it out with england", { field: "geojson" });
      const band = (field: string, text: string | undefined) =>
        text === undefined ? undefined : asField(field, () => parseBandText(text));
      const request = {
        ...pictureOf(b),
        icb: b.icb,
        subIcb: b.subIcb,
        england: b.england ?? false,
        graph: { basis: b.basis ?? "auto" },
        options: {
          band: band("band", b.band),
          areaBand: band("areaBand", b.areaBand),
          laWeight: b.laWeight,
          pcnWeight: b.pcnWeight,
          seed: b.seed,
          starts: b.starts,
          iterations: b.iterations,
        },
        save: b.save,
      } as const;
      // Bands and weights are checked before the job starts, so a bad request is a 400, not a failed job.
      resolveNeighbourhoodOptions(request.options);
      const job = jobs.start(
        "neighbourhoods-design",
        async (work) => {
          const outcome = await designNeighbourhoods(store, request, work);
          const data = neighbourhoodData(outcome);
          const one = outcome.designs[0];
          return b.geojson && one ? { ...data, geojson: await neighbourhoodGeoJson(store, one) } : data;
        },
        onError,
      );
      return c.json(job as never, 202);
    },
  );
}
