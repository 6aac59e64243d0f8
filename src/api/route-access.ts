// What every API route needs (issue 12, item 8): one table, route → permission, with where the permission
// applies (a plan's area, or the ICB or place named in the request) and what the audit log records of the
// change the route makes. The middleware (auth.ts) refuses a route missing from this table when login is
// required, and the matrix test (test/api/route-roles.test.ts) fails for a route of /api/openapi.json
// without an entry, so a new route cannot be reached by accident.
import { datasetsState, planState, scenarioState, type PlanPart } from "../app/audit.ts";
import type { Permission } from "../model/accounts.ts";
import type { Store } from "../store/store.ts";

/** What a route is given: its path parameters and JSON body. */
export interface RouteRequest {
  params: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

export interface AuditSpec {
  action: string;
  /**
   * The target of the change (`plan:QNC`), from the path and body, or from the answer for a creation
   * whose name the server chooses; null: this request changes nothing (e.g. a design not saved).
   */
  target: (request: RouteRequest, answer?: unknown) => string | null;
  /** Whether the target is known only from the answer (before: null). */
  fromAnswer?: boolean;
  /** Reads the target's state, before and after (default: before null, after the answer). */
  state?: (store: Store, target: string) => Promise<unknown>;
  /** The change is made by a job when it ends: the after-state is read then. */
  job?: boolean;
}

export interface RouteAccess {
  /** `public`: anyone, signed in or not; `session`: any signed-in user; else a permission. */
  needs: Permission | "public" | "session";
  /** A request that saves its outcome (a body with `save`) needs this as well. */
  saving?: Permission;
  /** Where the permission applies: the plan of the path, or the ICB/place of the body or query. */
  area?: "plan" | "body" | "query";
  audit?: AuditSpec;
}

const after = (prefix: string) => (t: string) => t.slice(prefix.length);
const plan = (part: PlanPart) => (store: Store, t: string) => planState(store, after("plan:")(t), part);
const scenario = (store: Store, t: string) => scenarioState(store, after("scenario:")(t));
const planTarget = (r: RouteRequest) => `plan:${r.params.name ?? ""}`;
const saved = (r: RouteRequest): string | null => {
  const save = r.body?.save as { name?: unknown } | undefined;
  return typeof save?.name === "string" ? `scenario:${save.name.trim()}` : null;
};
const str = (v: unknown) => (typeof v === "string" ? v : "");

const planEdit = (action: string, part: PlanPart = "content"): RouteAccess => ({
  needs: "plan.edit",
  area: "plan",
  audit: { action, target: planTarget, state: plan(part) },
});
const planRead: RouteAccess = { needs: "read", area: "plan" };
const saving = (action: string, job = false): RouteAccess => ({
  needs: "analyse",
  saving: "scenario.write",
  audit: { action, target: saved, state: scenario, job },
});

/** Every route, as `METHOD /path` with OpenAPI path parameters. */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  "GET /api/health": { needs: "public" },
  "GET /api/openapi.json": { needs: "public" },
  "GET /api/docs": { needs: "public" },
  "GET /api/session": { needs: "public" },
  "POST /api/session": { needs: "public" },
  "DELETE /api/session": { needs: "session" },
  "GET /api/audit": { needs: "audit.read" },

  "GET /api/datasets": { needs: "read" },
  "GET /api/overview": { needs: "read" },
  "GET /api/practices": { needs: "read" },
  "GET /api/practices.csv": { needs: "read" },
  "GET /api/pcns": { needs: "read" },
  "GET /api/pcns.csv": { needs: "read" },
  "GET /api/practices/search": { needs: "read" },
  "GET /api/practices/{code}": { needs: "read" },
  "GET /api/lsoas.geojson": { needs: "read" },
  "GET /api/networks/evaluate": { needs: "read" },
  "GET /api/networks/export.geojson": { needs: "read" },
  "POST /api/networks/design": saving("scenario.save"),
  "GET /api/networks/instance": { needs: "read" },
  "POST /api/networks/evaluate": { needs: "read" },
  // Always saves: the write permission itself (a viewer may not reach it at all).
  "POST /api/networks/save": {
    needs: "scenario.write",
    audit: { action: "scenario.save", target: saved, state: scenario },
  },

  "GET /api/scenarios": { needs: "read" },
  "GET /api/scenarios/compare": { needs: "read" },
  "POST /api/scenarios/import": {
    needs: "scenario.write",
    audit: {
      action: "scenario.import",
      fromAnswer: true,
      target: (_, answer) => `scenario:${str((answer as { scenario?: { name?: unknown } })?.scenario?.name)}`,
      state: scenario,
    },
  },
  "GET /api/scenarios/{name}": { needs: "read" },
  "DELETE /api/scenarios/{name}": {
    needs: "scenario.write",
    audit: { action: "scenario.delete", target: (r) => `scenario:${r.params.name ?? ""}`, state: scenario },
  },
  "GET /api/scenarios/{name}/export.csv": { needs: "read" },
  "GET /api/scenarios/{name}/export.json": { needs: "read" },
  "GET /api/scenarios/{name}/export.geojson": { needs: "read" },
  "POST /api/scenarios/closure": saving("scenario.save"),
  "POST /api/scenarios/merger": saving("scenario.save"),

  "GET /api/workforce/trends": { needs: "read" },
  "GET /api/workforce/partners": { needs: "read" },
  "GET /api/workforce/arrs": { needs: "read" },
  "GET /api/workforce/risk": { needs: "read" },
  "GET /api/icbs": { needs: "read" },
  "GET /api/icbs/changes": { needs: "read" },
  "GET /api/icbs/on": { needs: "read" },
  "GET /api/icbs/footprint": { needs: "read" },
  "GET /api/funding/entitlements": { needs: "read" },
  "POST /api/funding/allocate": saving("scenario.save"),
  "GET /api/funding/audit": { needs: "read" },
  "GET /api/funding/history": { needs: "read" },
  "GET /api/funding/model": { needs: "read" },

  "GET /api/plans": { needs: "read" },
  "POST /api/plans": {
    needs: "plan.edit",
    area: "body",
    audit: {
      action: "plan.create",
      fromAnswer: true,
      target: (_, answer) => `plan:${str((answer as { plan?: { name?: unknown } })?.plan?.name)}`,
      state: plan("content"),
    },
  },
  "GET /api/plans/{name}": planRead,
  "PATCH /api/plans/{name}": planEdit("plan.edit"),
  "GET /api/plans/{name}/compliance": planRead,
  "POST /api/plans/{name}/objectives": planEdit("plan.objective.add"),
  "POST /api/plans/{name}/actions": planEdit("plan.action.add"),
  "PUT /api/plans/{name}/sections/{section}": planEdit("plan.section.edit"),
  "PUT /api/plans/{name}/actions/{action}/status": planEdit("plan.action.status"),
  "POST /api/plans/{name}/steps": {
    needs: "plan.step",
    area: "plan",
    audit: { action: "plan.step", target: planTarget, state: plan("workflow") },
  },
  "POST /api/plans/{name}/comments": {
    needs: "comment",
    area: "plan",
    audit: { action: "plan.comment", target: planTarget, state: plan("comments") },
  },
  "GET /api/plans/{name}/versions": planRead,
  "GET /api/plans/{name}/diff": planRead,
  "GET /api/plans/{name}/engagement": planRead,
  "POST /api/plans/{name}/engagement": planEdit("plan.engagement.add", "engagement"),
  "POST /api/plans/{name}/evidence/refresh": planEdit("plan.evidence.refresh", "evidence"),
  "GET /api/plans/{name}/export/{format}": planRead,
  "GET /api/organisations": { needs: "read" },
  "POST /api/organisations": {
    needs: "plan.edit",
    area: "body",
    audit: {
      action: "organisation.add",
      target: (r) => `organisation:${str(r.body?.icb)}:${str(r.body?.kind)}:${str(r.body?.name)}`,
    },
  },

  "POST /api/jobs/networks-design": saving("scenario.save", true),
  "POST /api/jobs/networks-ensemble": { needs: "analyse" },
  "POST /api/jobs/neighbourhoods-design": saving("scenario.save", true),
  "POST /api/jobs/hubs": { needs: "analyse" },
  "POST /api/jobs/backtest": { needs: "analyse" },
  "POST /api/jobs/import": {
    needs: "data.import",
    audit: { action: "data.import", target: () => "datasets", state: datasetsState, job: true },
  },
  "GET /api/jobs": { needs: "read" },
  "GET /api/jobs/{id}": { needs: "read" },
  "DELETE /api/jobs/{id}": {
    needs: "analyse",
    audit: { action: "job.cancel", target: (r) => `job:${r.params.id ?? ""}` },
  },
  "GET /api/jobs/{id}/events": { needs: "read" },
};
