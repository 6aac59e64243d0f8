// The HTTP API: every route is a thin adapter over a use case of src/app (the one door), with request
// and response schemas in zod, the OpenAPI 3.1 document at /api/openapi.json and a reference page at
// /api/docs. Lists answer JSON, or CSV with a `.csv` suffix or `Accept: text/csv`; a configuration
// answers GeoJSON at `.geojson`. Errors are RFC 9457 problem documents (problem.ts).
import { explainUnknownIcb } from "../app/area-hints.ts";
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { listDatasets, DATASET_COLUMNS } from "../app/datasets.ts";
import type { ConfigurationSpec } from "../app/networks.ts";
import { overview } from "../app/overview.ts";
import { listPcns, listPractices, PCN_COLUMNS, PRACTICE_COLUMNS, searchPractices } from "../app/practices.ts";
import { RequestError } from "../model/errors.ts";
import type { Store } from "../store/store.ts";
import { referencePage } from "./reference.ts";
import { problemOf } from "./problem.ts";
import {
  csvAlso,
  csvResponse,
  errors,
  jsonContent,
  pictureOf,
  problem,
  problemJson,
  toCsv,
  wantsCsv,
} from "./http.ts";
import { registerScenarioRoutes } from "./routes/scenarios.ts";
import { registerStudioRoutes } from "./routes/studio.ts";
import { registerWorkforceRoutes } from "./routes/workforce.ts";
import { registerFootprintRoutes } from "./routes/footprints.ts";
import { registerFundingRoutes } from "./routes/funding.ts";
import { registerJobRoutes } from "./routes/jobs.ts";
import { registerNeighbourhoodRoutes } from "./routes/neighbourhoods.ts";
import { registerHubRoutes } from "./routes/hubs.ts";
import { registerPlanRoutes } from "./plan-routes.ts";
import { designRequestOf } from "./design-request.ts";
import { JobRegistry } from "./jobs.ts";
import { accessMiddleware, registerAuthRoutes, type AuthOptions } from "./auth.ts";
import * as s from "./schemas.ts";

export interface ApiOptions {
  /** Called with each unexpected (500) error, for the server log. */
  onError?: (error: unknown) => void;
  /** The jobs of long work (a server keeps one registry, and cancels its jobs when it stops). */
  jobs?: JobRegistry;
  /** Login required (several users, PostgreSQL or `serve --auth`); default: the one local user. */
  auth?: AuthOptions;
}

export function createApi(store: Store, options: ApiOptions = {}): OpenAPIHono {
  const api = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const field = issue?.path.join(".") || undefined;
      return problemJson(c, problem(400, `${field ?? "request"}: ${issue?.message ?? "not valid"}`, field));
    },
  });

  api.onError(async (thrown, c) => {
    // Hono's own 4xx (a body that is not JSON: "Malformed JSON in request body") is the client's to fix.
    if (thrown instanceof HTTPException && thrown.status < 500)
      return problemJson(c, problem(thrown.status, thrown.message || "the request is not valid", "body"));
    // An ICB of another map (one merged in April 2026, say): the problem says where it went.
    const error = await explainUnknownIcb(store, thrown);
    const p = problemOf(error);
    if (p.status >= 500 && !(error instanceof RequestError)) options.onError?.(error);
    return problemJson(c, p);
  });
  api.notFound((c) => problemJson(c, problem(404, `no route ${c.req.method} ${c.req.path}; see /api/docs`)));

  // Who the request is from, whether they may, and the audit of what they change (auth.ts).
  const jobs = options.jobs ?? new JobRegistry();
  const auth = options.auth ?? { login: false };
  api.use("/api/*", accessMiddleware(store, { ...auth, jobs, onError: options.onError }));
  registerAuthRoutes(api, store, auth);

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/health",
      summary: "Whether the server and its store answer, and what is loaded",
      tags: ["store"],
      responses: { 200: jsonContent(s.Health, "The store answers") },
    }),
    async (c) => {
      const datasets = await listDatasets(store);
      const real = datasets.filter((d) => !d.synthetic).length;
      const demo = datasets.length - real;
      return c.json({
        status: "ok" as const,
        store: store.kind,
        datasets: { real, demo },
        hint:
          datasets.length === 0
            ? "No data is loaded: run `icsplan import <folder>` with NHS open data, or `icsplan demo` (or serve --demo) for the synthetic demo."
            : null,
      });
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/datasets",
      summary: "The datasets in the store: source, period, rows and file",
      tags: ["store"],
      request: { query: s.FormatQuery },
      responses: { 200: csvAlso(z.array(s.Dataset), "Every dataset, oldest source first") },
    }),
    async (c) => {
      const rows = await listDatasets(store);
      if (wantsCsv(c, c.req.valid("query").format)) return csvResponse(c, toCsv(rows, DATASET_COLUMNS));
      return c.json(rows, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/overview",
      summary: "England, one ICB or one place at a glance",
      tags: ["picture"],
      request: { query: s.PictureQuery.extend(s.AreaQuery.shape) },
      responses: { 200: jsonContent(s.Overview, "The overview"), ...errors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await overview(store, { ...pictureOf(q), icb: q.icb, subIcb: q.subIcb }), 200);
    },
  );

  const listRoute = (path: string, summary: string, row: z.ZodType) =>
    createRoute({
      method: "get",
      path,
      summary,
      tags: ["picture"],
      request: { query: s.PictureQuery.extend(s.ListQuery.shape) },
      responses: {
        200: csvAlso(s.listing(row), "The rows, with the map and lists they come from"),
        ...errors,
      },
    });

  const listing = async (
    c: Context,
    kind: "practices" | "pcns",
    q: z.infer<typeof s.ListQuery> & z.infer<typeof s.PictureQuery>,
  ) => {
    const request = { ...pictureOf(q), icb: q.icb, subIcb: q.subIcb, pcn: q.pcn, band: q.band };
    const result =
      kind === "practices" ? await listPractices(store, request) : await listPcns(store, request);
    if (wantsCsv(c, q.format))
      return csvResponse(c, toCsv(result.rows, kind === "practices" ? PRACTICE_COLUMNS : PCN_COLUMNS));
    return c.json(result, 200);
  };

  api.openapi(
    listRoute(
      "/api/practices",
      "Practices with PCN, list, workforce and deprivation, filtered",
      s.PracticeRow,
    ),
    (c) => listing(c, "practices", c.req.valid("query")),
  );
  api.openapi(listRoute("/api/practices.csv", "The same as /api/practices, as CSV", s.PracticeRow), (c) =>
    listing(c, "practices", { ...c.req.valid("query"), format: "csv" }),
  );
  api.openapi(listRoute("/api/pcns", "PCNs with list size and size band, filtered", s.PcnRow), (c) =>
    listing(c, "pcns", c.req.valid("query")),
  );
  api.openapi(listRoute("/api/pcns.csv", "The same as /api/pcns, as CSV", s.PcnRow), (c) =>
    listing(c, "pcns", { ...c.req.valid("query"), format: "csv" }),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/practices/search",
      summary: "Find practices by ODS code, postcode (whole, sector or district) or words of the name",
      tags: ["picture"],
      request: { query: s.PictureQuery.extend(s.SearchQuery.shape) },
      responses: { 200: jsonContent(s.listing(s.SearchMatch), "Best matches first"), ...errors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const found = await searchPractices(store, {
        ...pictureOf(q),
        icb: q.icb,
        subIcb: q.subIcb,
        query: q.q,
        limit: q.limit,
      });
      return c.json(found, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/practices/{code}",
      summary:
        "One practice: as listed (PCN, list, workforce, deprivation), its workforce and payments over the years, its partnership risk with each component",
      tags: ["picture"],
      request: {
        params: z.object({
          code: z
            .string()
            .min(3)
            .max(10)
            .openapi({ param: { name: "code", in: "path" }, example: "M83001" }),
        }),
        query: s.PictureQuery,
      },
      responses: {
        200: jsonContent(s.Footprinted, "The practice's profile; a part without data is null, with a note"),
        ...errors,
      },
    }),
    async (c) => {
      const { practiceProfile } = await import("../app/practice-profile.ts");
      const profile = await practiceProfile(store, {
        ...pictureOf(c.req.valid("query")),
        code: c.req.valid("param").code,
      });
      return c.json(profile as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/lsoas.geojson",
      summary:
        "The LSOAs of an ICB or place with their polygons, local authority and IMD decile (a deprivation map)",
      tags: ["picture"],
      request: { query: s.PictureQuery.extend(s.AreaQuery.shape) },
      responses: {
        200: { content: { "application/geo+json": { schema: s.Loose } }, description: "A FeatureCollection" },
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const area = q.icb ?? q.subIcb;
      if (area === undefined || (q.icb !== undefined && q.subIcb !== undefined))
        throw new RequestError("give one of icb or subIcb", { field: "icb" });
      const { areaLsoas, lsoaGeoJson } = await import("../app/area-lsoas.ts");
      const { readDerived } = await import("../app/picture.ts");
      const picture = pictureOf(q);
      const body = await readDerived(store, picture, `lsoas.geojson|${area}`, () =>
        areaLsoas(store, { synthetic: picture.synthetic, area, date: q.date, geometry: true }).then((r) =>
          JSON.stringify(lsoaGeoJson(r)),
        ),
      );
      return c.body(body, 200, { "content-type": "application/geo+json" }) as never;
    },
  );

  const configurationOf = (q: { scenario?: string | undefined }): ConfigurationSpec =>
    q.scenario === undefined ? { kind: "today" } : { kind: "scenario", name: q.scenario };

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/networks/evaluate",
      summary: "Evaluate today's PCNs (or a saved scenario) of an ICB or place",
      tags: ["networks"],
      request: { query: s.PictureQuery.extend(s.NetworkQuery.shape) },
      responses: {
        200: jsonContent(s.Evaluation, "Sizes and bands, contiguity, cohesion, places crossed, breaches"),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { evaluateNetworks, networkSource } = await import("../app/networks.ts");
      const { loaded, configuration, evaluation } = await evaluateNetworks(store, {
        ...pictureOf(q),
        icb: q.icb,
        subIcb: q.subIcb,
        graph: { basis: q.basis ?? "auto" },
        configuration: configurationOf(q),
      });
      return c.json({ ...networkSource(loaded), configuration, ...evaluation } as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/networks/export.geojson",
      summary: "A configuration as GeoJSON: practice points and network polygons",
      tags: ["networks"],
      request: { query: s.PictureQuery.extend(s.NetworkQuery.shape) },
      responses: {
        200: { content: { "application/geo+json": { schema: s.Loose } }, description: "A FeatureCollection" },
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { exportNetworks } = await import("../app/networks.ts");
      const { readDerived } = await import("../app/picture.ts");
      const make = () =>
        exportNetworks(store, {
          ...pictureOf(q),
          icb: q.icb,
          subIcb: q.subIcb,
          graph: { basis: q.basis ?? "auto" },
          configuration: configurationOf(q),
          format: "geojson",
        }).then((result) => JSON.stringify(result.geojson));
      // Today's map is a function of the picture: its GeoJSON is kept while the datasets are unchanged
      // (a saved scenario may be replaced without a dataset changing, so it is drawn each time).
      const body =
        q.scenario === undefined
          ? await readDerived(
              store,
              pictureOf(q),
              `geojson|${q.icb ?? ""}|${q.subIcb ?? ""}|${q.basis ?? "auto"}`,
              make,
            )
          : await make();
      return c.body(body, 200, {
        "content-type": "application/geo+json",
      }) as never;
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/networks/design",
      summary: "Design networks for an ICB or place (heuristic), beside today's map; save as a scenario",
      tags: ["networks"],
      request: { body: { content: { "application/json": { schema: s.DesignBody } }, required: true } },
      responses: {
        200: jsonContent(s.Loose, "The design and today's map against it"),
        ...errors,
        409: errors[404],
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const { designNetworks, designData } = await import("../app/networks.ts");
      const outcome = await designNetworks(store, designRequestOf(b));
      return c.json(designData(outcome) as never, 200);
    },
  );

  registerScenarioRoutes(api, store);
  registerStudioRoutes(api, store);
  registerWorkforceRoutes(api, store);
  registerFootprintRoutes(api, store);
  registerFundingRoutes(api, store);
  registerPlanRoutes(api, store);
  registerJobRoutes(api, store, jobs, options.onError);
  registerNeighbourhoodRoutes(api, store, jobs, options.onError);
  registerHubRoutes(api, store, jobs, options.onError);

  api.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "icsplan API",
      version: "0.1.0",
      description:
        "Primary care planning for an Integrated Care System in England, from NHS open data. Every route is a use case of icsplan's service layer.",
      license: { name: "MIT" },
    },
  });
  api.get("/api/docs", (c) =>
    c.html(
      referencePage(
        api.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "icsplan API", version: "0.1.0" } }),
      ),
    ),
  );
  return api;
}
