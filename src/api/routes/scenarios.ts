// Scenario routes: saved scenarios (list, show, export as CSV/JSON/GeoJSON, import a colleague's export,
// compare, delete) and the scenarios that make them: closing practices and merging practices.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { closureData, runClosure, saveClosure, type ClosureOutcome } from "../../app/closure.ts";
import { mergerData, runMerger, saveMerger } from "../../app/merger.ts";
import {
  compareScenarios,
  deleteScenario,
  importScenario,
  listScenarios,
  scenarioFile,
  scenarioGeoJson,
  scenarioPracticeRows,
  SCENARIO_PRACTICE_COLUMNS,
  showScenario,
} from "../../app/scenarios.ts";
import { parseCapacityCap } from "../../engines/scenarios/capacity.ts";
import { DEFAULT_CHOICE } from "../../engines/scenarios/choice.ts";
import { RequestError } from "../../model/errors.ts";
import type { Store } from "../../store/store.ts";
import { asField, conflicts, csvResponse, errors, jsonBody, jsonContent, pictureOf, toCsv } from "../http.ts";
import * as s from "../schemas.ts";

const scenarioPath = z.object({
  name: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: "name", in: "path" }, example: "qnc-design" }),
});

/**
 * The sites of the closing and receiving practices (ODS code → WGS84 point, approximate when placed at a
 * postcode sector's or district's centroid), so a map can draw the flows of re-homed patients.
 */
export function closureSites(outcome: ClosureOutcome) {
  const wanted = new Set([
    ...outcome.result.closed.map((c) => c.code),
    ...outcome.result.receivers.map((r) => r.code),
  ]);
  const sites: Record<string, { lat: number; lon: number; approximate: boolean }> = {};
  for (const p of outcome.picture.practices)
    if (wanted.has(p.code) && p.site.lat !== null && p.site.lon !== null)
      sites[p.code] = { lat: p.site.lat, lon: p.site.lon, approximate: p.site.approximate !== undefined };
  return sites;
}

export function registerScenarioRoutes(api: OpenAPIHono, store: Store): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/scenarios",
      summary: "Saved scenarios, newest first",
      tags: ["scenarios"],
      request: { query: s.ScenarioListQuery },
      responses: { 200: jsonContent(z.array(s.ScenarioSummary), "Summaries without contents") },
    }),
    async (c) => c.json(await listScenarios(store, { kind: c.req.valid("query").kind }), 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/scenarios/compare",
      summary: "Two saved scenarios compared, or one against `today` (the map it started from)",
      tags: ["scenarios"],
      request: { query: s.CompareQuery },
      responses: {
        200: jsonContent(s.Footprinted, "Practices closed or moved, lists, networks and bands on each side"),
        ...errors,
        422: conflicts[422],
      },
    }),
    async (c) => {
      const { a, b } = c.req.valid("query");
      const { comparison, labels, footprint } = await compareScenarios(store, a, b);
      return c.json({ a: labels.a, b: labels.b, footprint, ...comparison } as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/scenarios/import",
      summary: "Load a scenario exported from another store (`GET /api/scenarios/{name}/export.json`)",
      tags: ["scenarios"],
      request: { query: s.ImportScenarioQuery, ...jsonBody(s.Loose) },
      responses: {
        201: jsonContent(s.ScenarioImport, "Saved; practices this store does not know are listed"),
        ...errors,
        ...conflicts,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const result = await importScenario(store, {
        file: c.req.valid("json"),
        source: "the request body",
        name: q.as,
        replace: q.replace,
      });
      return c.json(result, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/scenarios/{name}",
      summary: "A saved scenario: what was asked, what came out, the configuration it leaves",
      tags: ["scenarios"],
      request: { params: scenarioPath },
      responses: { 200: jsonContent(s.ScenarioRecord, "The scenario"), ...errors },
    }),
    async (c) => c.json((await showScenario(store, c.req.valid("param").name)) as never, 200),
  );

  const exportRoute = (format: "csv" | "json" | "geojson", type: string, what: string) =>
    api.openapi(
      createRoute({
        method: "get",
        path: `/api/scenarios/{name}/export.${format}`,
        summary: `A saved scenario as a ${format.toUpperCase()} file: ${what}`,
        tags: ["scenarios"],
        request: { params: scenarioPath },
        responses: {
          200: {
            content: { [type]: { schema: format === "csv" ? z.string() : s.Loose } },
            description: "The file, with a file name to save it under",
          },
          ...errors,
          422: conflicts[422],
        },
      }),
      async (c) => {
        const { name } = c.req.valid("param");
        c.header("content-disposition", `attachment; filename="${name.replace(/[^\w.-]+/g, "-")}.${format}"`);
        if (format === "geojson")
          return c.body(JSON.stringify(await scenarioGeoJson(store, name)), 200, { "content-type": type });
        const record = await showScenario(store, name);
        if (format === "json") return c.json(scenarioFile(record), 200);
        return csvResponse(c, toCsv(scenarioPracticeRows(record), SCENARIO_PRACTICE_COLUMNS));
      },
    );
  exportRoute("csv", "text/csv", "practice → network with lists");
  exportRoute("json", "application/json", "everything; POST it to /api/scenarios/import of another store");
  exportRoute("geojson", "application/geo+json", "practice points and network polygons");

  api.openapi(
    createRoute({
      method: "delete",
      path: "/api/scenarios/{name}",
      summary: "Delete a saved scenario",
      tags: ["scenarios"],
      request: { params: scenarioPath },
      responses: { 200: jsonContent(z.object({ deleted: z.string() }), "Deleted"), ...errors },
    }),
    async (c) => {
      const { name } = c.req.valid("param");
      await deleteScenario(store, name);
      return c.json({ deleted: name }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/scenarios/closure",
      summary:
        "Close practices and re-home their patients to open practices within a distance, respecting capacity; save when asked",
      tags: ["scenarios"],
      request: jsonBody(s.ClosureBody),
      responses: {
        200: jsonContent(
          s.Footprinted,
          "Gains per receiving practice, patients not placed, PCN bands, ARRS, and the sites of the practices closing and receiving (`sites`: code → lat, lon)",
        ),
        ...errors,
        ...conflicts,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const cap = b.cap === undefined ? undefined : asField("cap", () => parseCapacityCap(b.cap!));
      if ((b.decay !== undefined || b.attractiveness !== undefined) && (b.model ?? "nearest") !== "choice")
        throw new RequestError("decay and attractiveness apply to model 'choice' only", { field: "model" });
      const outcome = await asField("practices", () =>
        runClosure(store, {
          ...pictureOf(b),
          practices: b.practices,
          model: b.model ?? "nearest",
          maxKm: b.maxKm,
          cap,
          choice: {
            decayPerKm: b.decay ?? DEFAULT_CHOICE.decayPerKm,
            attractivenessExponent: b.attractiveness ?? DEFAULT_CHOICE.attractivenessExponent,
          },
        }),
      );
      if (b.save) await saveClosure(store, outcome, b.save.name, { replace: b.save.replace });
      return c.json({ ...closureData(outcome, b.save?.name), sites: closureSites(outcome) } as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/scenarios/merger",
      summary:
        "Merge practices into one (lists, workforce, payments summed; sites kept) and re-evaluate the ICB's networks; save when asked",
      tags: ["scenarios"],
      request: jsonBody(s.MergerBody),
      responses: {
        200: jsonContent(s.Footprinted, "The merged practice, its PCN and the networks before and after"),
        ...errors,
        ...conflicts,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const outcome = await asField("practices", () =>
        runMerger(store, { ...pictureOf(b), practices: b.practices, into: b.into }),
      );
      if (b.save) await saveMerger(store, outcome, b.save.name, { replace: b.save.replace });
      return c.json(mergerData(outcome, b.save?.name) as never, 200);
    },
  );
}
