// Workforce routes: GP and practice-staff trends, GP partner change, ARRS staff against entitlement, and
// the partnership sustainability risk of each practice.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import {
  arrsUseCase,
  partnersUseCase,
  riskUseCase,
  trendsUseCase,
  type WorkforceSource,
} from "../../app/workforce.ts";
import { parseLevel } from "../../engines/workforce/areas.ts";
import { parseFiscalYear } from "../../model/workforce.ts";
import { RequestError } from "../../model/errors.ts";
import type { Store } from "../../store/store.ts";
import { asField, errors, jsonContent, withFlagFields } from "../http.ts";
import * as s from "../schemas.ts";

const sourceOf = (q: { demo?: boolean | undefined; date?: string | undefined }): WorkforceSource => ({
  synthetic: q.demo ?? false,
  date: q.date,
});

const fiscalYear = (field: string, text: string | undefined) => {
  if (text === undefined) return undefined;
  const fy = parseFiscalYear(text);
  if (fy === null)
    throw new RequestError(`${field} must be a fiscal year such as FY2022-23 or 2023; found '${text}'`, {
      field,
    });
  return fy;
};

const route = <Q extends z.ZodObject>(
  path: string,
  summary: string,
  query: Q,
  description: string,
  schema: z.ZodType = s.Footprinted,
) =>
  createRoute({
    method: "get",
    path,
    summary,
    tags: ["workforce"],
    request: { query },
    responses: { 200: jsonContent(schema, description), ...errors, 422: errors[404] },
  });

export function registerWorkforceRoutes(api: OpenAPIHono, store: Store): void {
  api.openapi(
    route(
      "/api/workforce/trends",
      "GP FTE and headcount (partners, salaried, locums), nurses, DPC and admin per 10,000 patients, by period",
      s.WorkforceTrendsQuery,
      "One series per area, with change, and the ICB footprint they are counted over (`footprint.label`)",
      s.Loose,
    ),
    async (c) => {
      const q = c.req.valid("query");
      const by = asField("by", () => parseLevel(q.by ?? "icb", "by"));
      return c.json(
        (await withFlagFields(
          trendsUseCase(store, sourceOf(q), { by, icb: q.icb, footprint: q.footprint }),
        )) as never,
        200,
      );
    },
  );

  api.openapi(
    route(
      "/api/workforce/partners",
      "GP partner change between two periods by area, fastest falls first",
      s.WorkforcePartnersQuery,
      "Partners at the start and end, change in FTE and per cent, ranked",
    ),
    async (c) => {
      const q = c.req.valid("query");
      const by = asField("by", () => parseLevel(q.by ?? "icb", "by"));
      const result = await withFlagFields(
        partnersUseCase(store, sourceOf(q), {
          by,
          icb: q.icb,
          from: fiscalYear("from", q.from),
          to: fiscalYear("to", q.to),
          rank: q.rank,
          top: q.top,
        }),
      );
      return c.json(result as never, 200);
    },
  );

  api.openapi(
    route(
      "/api/workforce/arrs",
      "ARRS staff by role per PCN, entitlement (weighted population × rate), cost at the role maxima, headroom",
      s.WorkforceArrsQuery,
      "PCNs with their roles, entitlement, cost and headroom (uncosted roles shown as not computed)",
    ),
    async (c) => {
      const q = c.req.valid("query");
      const result = await withFlagFields(
        arrsUseCase(
          store,
          { synthetic: q.demo ?? false },
          { icb: q.icb, pcn: q.pcn, period: q.period, year: q.year, date: q.date },
        ),
      );
      return c.json(result as never, 200);
    },
  );

  api.openapi(
    route(
      "/api/workforce/risk",
      "Partnership sustainability: a risk score per practice from documented components, ranked",
      s.WorkforceRiskQuery,
      "Practices ranked by risk, each component with value, thresholds and points",
    ),
    async (c) => {
      const q = c.req.valid("query");
      const result = await withFlagFields(
        riskUseCase(store, sourceOf(q), { icb: q.icb, pcn: q.pcn, practice: q.practice, top: q.top }),
      );
      return c.json(result as never, 200);
    },
  );
}
