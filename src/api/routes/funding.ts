// Funding routes: entitlements by practice and network for a contract year, a local fund allocated with
// a deprivation flex, the equity audit by IMD quintile, payment history, and the weighted-population model.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { allocateReport, allocateRequestFromFlags } from "../../app/funding-allocation.ts";
import {
  auditReport,
  auditRequestFromFlags,
  historyGrouping,
  historyReport,
} from "../../app/funding-audit.ts";
import { entitlementsReport } from "../../app/funding-entitlements.ts";
import { modelReport } from "../../app/funding-model.ts";
import type { Store } from "../../store/store.ts";
import { conflicts, errors, jsonBody, jsonContent, withFlagFields } from "../http.ts";
import * as s from "../schemas.ts";

const scope = (q: {
  demo?: boolean | undefined;
  date?: string | undefined;
  icb?: string | undefined;
  subIcb?: string | undefined;
}) => ({
  synthetic: q.demo ?? false,
  ...(q.date !== undefined ? { date: q.date } : {}),
  ...(q.icb !== undefined ? { icb: q.icb } : {}),
  ...(q.subIcb !== undefined ? { subIcb: q.subIcb } : {}),
});

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

export function registerFundingRoutes(api: OpenAPIHono, store: Store): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/funding/entitlements",
      summary:
        "Global Sum, Network Participation, PCN entitlements and ARRS of each practice and network in a contract year, for today's map or a saved scenario",
      tags: ["funding"],
      request: { query: s.EntitlementsQuery },
      responses: {
        200: jsonContent(s.Footprinted, "Entitlements today and, for a scenario, the difference"),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const report = await withFlagFields(
        entitlementsReport(store, { ...scope(q), ...defined({ year: q.year, scenario: q.scenario }) }),
      );
      return c.json(report as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/funding/allocate",
      summary:
        "Allocate a local fund across practices or networks, penny-exact, with its method, floor and cap",
      tags: ["funding"],
      request: jsonBody(s.AllocateBody),
      responses: {
        200: jsonContent(s.Footprinted, "Each unit's share, explained line by line"),
        ...errors,
        ...conflicts,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      // The options arrive as a planner types them (1.5m, 90%, 1.20/head); parsed here, named on failure.
      const report = await withFlagFields(async () =>
        allocateReport(
          store,
          allocateRequestFromFlags({
            ...scope(b),
            fund: b.fund,
            ...defined({
              method: b.method,
              hiShare: b.hiShare === undefined ? undefined : String(b.hiShare),
              weights: b.weights,
              floor: b.floor,
              cap: b.cap,
              by: b.by,
              pcns: b.pcns,
              practices: b.practices,
              exclude: b.exclude,
              save: b.save?.name,
              replace: b.save?.replace,
            }),
          }),
        ),
      );
      return c.json(report as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/funding/audit",
      summary: "Equity audit: payments, weighted lists and a flexed allocation per head by IMD quintile",
      tags: ["funding"],
      request: { query: s.AuditQuery },
      responses: {
        200: jsonContent(s.Footprinted, "Per-head figures by quintile, with outliers flagged"),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const report = await withFlagFields(async () =>
        auditReport(
          store,
          auditRequestFromFlags({
            ...scope(q),
            ...defined({
              year: q.year,
              fund: q.fund,
              method: q.method,
              hiShare: q.hiShare,
              weights: q.weights,
              floor: q.floor,
              cap: q.cap,
              excludeOutliers: q.excludeOutliers,
            }),
          }),
        ),
      );
      return c.json(report as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/funding/history",
      summary: "Payments per head over the years, by area, ICB, place, IMD quintile or practice",
      tags: ["funding"],
      request: { query: s.HistoryQuery },
      responses: { 200: jsonContent(s.Footprinted, "One series per row"), ...errors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const report = await withFlagFields(async () =>
        historyReport(store, {
          ...scope(q),
          ...defined({
            by: q.by === undefined ? undefined : historyGrouping(q.by),
            practices: q.practice === undefined ? undefined : q.practice.split(",").map((p) => p.trim()),
            excludeOutliers: q.excludeOutliers,
          }),
        }),
      );
      return c.json(report as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/funding/model",
      summary:
        "The weighted-population model: fit on one payments year, scored out of sample on the next, an estimate for every practice",
      tags: ["funding"],
      request: { query: s.ModelQuery },
      responses: { 200: jsonContent(s.Footprinted, "Fit, out-of-sample index R², estimates"), ...errors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const report = await withFlagFields(
        modelReport(store, { ...scope(q), ...defined({ fitYear: q.fitYear, testYear: q.testYear }) }),
      );
      return c.json(report as never, 200);
    },
  );
}
