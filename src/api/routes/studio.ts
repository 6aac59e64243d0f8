// Network studio routes: the instance of an area for the browser's live metrics, an edited configuration
// evaluated against today's map, and an edited configuration saved as a named scenario.
//   GET  /api/networks/instance   POST /api/networks/evaluate   POST /api/networks/save
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import {
  evaluateStudioConfiguration,
  saveStudioConfiguration,
  studioInstance,
} from "../../app/network-studio.ts";
import { networkSource } from "../../app/networks.ts";
import type { Store } from "../../store/store.ts";
import { conflicts, errors, jsonBody, jsonContent, pictureOf } from "../http.ts";
import * as s from "../schemas.ts";

const StudioRow = z.object({
  practiceCode: z.string().min(1).max(10),
  networkCode: z.string().max(80),
  networkName: z.string().max(200).optional(),
});

const StudioBody = z
  .object({
    demo: z.boolean().optional(),
    date: z.string().max(10).optional(),
    lists: z.string().max(10).optional(),
    icb: z.string().min(1).max(100).optional(),
    subIcb: z.string().min(1).max(100).optional(),
    basis: z.enum(["auto", "catchment", "delaunay"]).optional(),
    rows: z
      .array(StudioRow)
      .max(20_000)
      .openapi({ description: "every practice of the area with its network code (U: outside any PCN)" }),
    label: z.string().max(200).optional(),
  })
  .openapi("StudioConfiguration");

const SaveBody = StudioBody.extend({
  save: z.object({
    name: z.string().min(1).max(80),
    replace: z.boolean().optional(),
    description: z.string().max(500).optional(),
  }),
}).openapi("StudioSave");

type Body = z.infer<typeof StudioBody>;
const requestOf = (b: Body) => ({
  ...pictureOf(b),
  icb: b.icb,
  subIcb: b.subIcb,
  graph: { basis: b.basis ?? "auto" },
  rows: b.rows.map((r) => ({
    practiceCode: r.practiceCode,
    networkCode: r.networkCode,
    networkName: r.networkName,
    where: `rows[${r.practiceCode}]`,
  })),
  label: b.label,
});

export function registerStudioRoutes(api: OpenAPIHono, store: Store): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/networks/instance",
      summary:
        "An area's practices (list, site, place, today's PCN), the adjacency graph and LSOA catchments the evaluation uses, and the band: what the studio recomputes its metrics from",
      tags: ["networks"],
      request: { query: s.PictureQuery.extend(s.NetworkQuery.omit({ scenario: true }).shape) },
      responses: { 200: jsonContent(s.Loose, "Columns indexed by practice"), ...errors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const instance = await studioInstance(store, {
        ...pictureOf(q),
        icb: q.icb,
        subIcb: q.subIcb,
        graph: { basis: q.basis ?? "auto" },
      });
      return c.json(instance as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/networks/evaluate",
      summary:
        "Evaluate a configuration given as rows practice → network (an edited one), with the practices and patients it moves from today's map",
      tags: ["networks"],
      request: jsonBody(StudioBody),
      responses: {
        200: jsonContent(s.Loose, "As GET /api/networks/evaluate, with `changes` against today's map"),
        ...errors,
        422: conflicts[422],
      },
    }),
    async (c) => {
      const { loaded, labels, comparison } = await evaluateStudioConfiguration(
        store,
        requestOf(c.req.valid("json")),
      );
      return c.json(
        {
          ...networkSource(loaded),
          configuration: labels.b,
          ...comparison.b,
          changes: {
            practicesMoved: comparison.practicesMoved,
            patientsMoved: comparison.patientsMoved,
            moves: comparison.moves,
          },
        } as never,
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/networks/save",
      summary: "Save a configuration given as rows practice → network as a named scenario",
      tags: ["networks"],
      request: jsonBody(SaveBody),
      responses: {
        201: jsonContent(s.Loose, "Saved: the scenario's summary, practices and patients moved"),
        ...errors,
        ...conflicts,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      return c.json((await saveStudioConfiguration(store, { ...requestOf(b), save: b.save })) as never, 201);
    },
  );
}
