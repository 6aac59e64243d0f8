// ICB footprint routes: the ICBs in force on a date, the succession of ICBs between two footprints (the April 2026 mergers: old code →
// new code, practices and patients moved), a practice's ICB on a date, and an ICB's practices in a chosen
// footprint ("as it is now" or "as it was").
//   GET /api/icbs    GET /api/icbs/changes    GET /api/icbs/on    GET /api/icbs/footprint
import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import { areaFootprint, icbOnDate, icbsOnDate, icbSuccession } from "../../app/footprints.ts";
import { RequestError } from "../../model/errors.ts";
import type { Store } from "../../store/store.ts";
import { errors, jsonContent } from "../http.ts";
import * as s from "../schemas.ts";

const route = <Q extends z.ZodObject>(path: string, summary: string, query: Q, description: string) =>
  createRoute({
    method: "get",
    path,
    summary,
    tags: ["footprints"],
    request: { query },
    responses: { 200: jsonContent(s.Loose, description), ...errors },
  });

/**
 * The use cases word their errors by CLI option (`--footprint 2026-03-31`, `--practice K81001: …`); the
 * problem document names the query parameter instead (`footprint=2026-03-31`, `practice K81001: …`).
 */
async function asQuery<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    const message = error.message
      .replace(/--([a-z]+) (\d{4}-\d{2}-\d{2})\b/g, "$1=$2")
      .replace(/--([a-z]+)\b/g, "$1");
    throw new RequestError(message, { kind: error.kind, field: error.field, cause: error });
  }
}

export function registerFootprintRoutes(api: OpenAPIHono, store: Store): void {
  api.openapi(
    route(
      "/api/icbs",
      "The ICBs in force on a date (the map of that date, or the ODS change's membership from its effective date), with sub-ICB locations, practices and registered patients",
      s.IcbsQuery,
      "The footprint, the list-size file the patients come from, and one row per ICB",
    ),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        (await asQuery(icbsOnDate(store, { synthetic: q.demo ?? false, date: q.date, icb: q.icb }))) as never,
        200,
      );
    },
  );

  api.openapi(
    route(
      "/api/icbs/changes",
      "ICB succession between two footprints: each old ICB's successors and each new ICB's predecessors, with practices and patients moved and the ODS change rows behind them",
      s.IcbChangesQuery,
      "The two footprints, the changes in force between them, old and new ICBs with their links",
    ),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        (await asQuery(
          icbSuccession(store, { synthetic: q.demo ?? false, from: q.from, to: q.to, icb: q.icb }),
        )) as never,
        200,
      );
    },
  );

  api.openapi(
    route(
      "/api/icbs/on",
      "A practice's sub-ICB location and ICB on a date, with the footprint (map and effective date) that says so",
      s.IcbOnQuery,
      "The practice's sub-ICB location, ICB and footprint",
    ),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        (await asQuery(
          icbOnDate(store, { synthetic: q.demo ?? false, practice: q.practice, date: q.date }),
        )) as never,
        200,
      );
    },
  );

  api.openapi(
    route(
      "/api/icbs/footprint",
      "An ICB's practices in the footprint of a date: as it is now (the newest map) or as it was",
      s.IcbFootprintQuery,
      "The ICB, its footprint, its practice codes and its place in the succession",
    ),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        (await asQuery(
          areaFootprint(store, { synthetic: q.demo ?? false, icb: q.icb, footprint: q.footprint }),
        )) as never,
        200,
      );
    },
  );
}
