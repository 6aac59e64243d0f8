// The plan's HTTP routes (issue 12): thin adapters over the plan use cases of src/app. Registered on the
// API's OpenAPIHono by `registerPlanRoutes(api, store)`. A step by a role that may not give it answers 403;
// an edit against an old revision answers 409 with the content saved by the other edit (nothing lost).
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  addPlanAction,
  addPlanComment,
  addPlanObjective,
  allPlans,
  editPlanFields,
  newPlan,
  planDifference,
  planStep,
  planVersions,
  planView,
  refreshPlanEvidence,
} from "../app/plan.ts";
import { addPlanEngagement, planEngagement } from "../app/plan-engagement.ts";
import { editActionStatus, editSectionNarrative, SectionConflictError } from "../app/plan-sections.ts";
import { LOCAL_USER } from "../model/accounts.ts";
import { exportPlan } from "../app/plan-export.ts";
import { addSystemOrganisation, systemOrganisations } from "../app/plan-organisations.ts";
import { PlanForbiddenError, STATE_LABELS } from "../model/plan.ts";
import { PlanRevisionConflictError } from "../store/repositories/plans.ts";
import type { Store } from "../store/store.ts";
import { problem } from "./problem.ts";
import { Problem } from "./schemas.ts";
import { accessOf, actingAs, readablePlans } from "./auth.ts";
import { STEP_RULES } from "../engines/plan/workflow.ts";
import { WORKFLOW_STEPS, type WorkflowStep } from "../model/plan.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date such as 2026-01-01");
const Any = z.record(z.string(), z.unknown());
const json = (description: string, schema: z.ZodType = Any) => ({
  content: { "application/json": { schema } },
  description,
});
const problems = (...statuses: (400 | 403 | 404 | 409 | 422)[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { content: { "application/problem+json": { schema: Problem } }, description: DESCRIPTIONS[s] },
    ]),
  );
const DESCRIPTIONS = {
  400: "A field is not valid",
  403: "The role may not give this step",
  404: "No such plan, version or area",
  409: "Out of order, or the plan changed since the given revision",
  422: "The request cannot be processed",
};

const NameParam = z.object({
  name: z
    .string()
    .min(1)
    .openapi({ param: { name: "name", in: "path" }, example: "QNC" }),
});
/** Who edits a section: the signed-in user; without login the name given (else the local user). */
function editorOf(c: Context, by: string | undefined): string {
  const access = accessOf(c);
  if (access.login && access.user) return access.user.displayName;
  return by?.trim() || LOCAL_USER.displayName;
}

const Token = z
  .string()
  .openapi({ description: "the section's token when it was read (GET /api/plans/{name}: sections[].token)" });

const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

/** 403 for a forbidden step, 409 with the other edit's content for a stale revision; else rethrown. */
async function guarded<T>(c: Context, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PlanForbiddenError) {
      const p = { ...problem(403, error.message, error.field), title: "Forbidden" };
      // A problem response in place of the route's typed one (the route declares it among its responses).
      return c.body(JSON.stringify(p), 403, { "content-type": "application/problem+json" }) as unknown as T;
    }
    if (error instanceof SectionConflictError) {
      // The section as it is now and who changed it: the editor's own text stays in their form.
      const p = {
        ...problem(409, error.message, error.field),
        title: "The section was changed by someone else",
        token: error.token,
        revision: error.revision,
        section: error.section,
        changedBy: error.lastEdit?.by ?? null,
        changedAt: error.lastEdit?.at ?? null,
      };
      return c.body(JSON.stringify(p), 409, { "content-type": "application/problem+json" }) as unknown as T;
    }
    if (error instanceof PlanRevisionConflictError) {
      const p = {
        ...problem(409, error.message, error.field),
        revision: error.current,
        current: error.currentContent,
      };
      return c.body(JSON.stringify(p), 409, { "content-type": "application/problem+json" }) as unknown as T;
    }
    throw error;
  }
}

const summary = (p: Awaited<ReturnType<typeof allPlans>>[number]) => ({
  name: p.name,
  title: p.content.title,
  area: p.content.area,
  synthetic: p.content.synthetic,
  state: p.state,
  stateLabel: STATE_LABELS[p.state],
  revision: p.revision,
  updatedAt: p.updatedAt,
});

export function registerPlanRoutes(api: OpenAPIHono, store: Store): void {
  const tags = ["plan"];

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/plans",
      summary: "The plans in the store",
      tags,
      responses: { 200: json("Plans", z.array(Any)) },
    }),
    async (c) => c.json((await readablePlans(c, store, await allPlans(store))).map(summary), 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/plans",
      summary:
        "A new plan for an ICB, place, union of places or set of local authorities, in a footprint, from the template (every figure an evidence item)",
      tags,
      request: body(
        z.object({
          icb: z.string().optional(),
          subIcb: z.string().optional(),
          places: z
            .array(z.string())
            .optional()
            .openapi({ description: "A union of places: sub-ICB location codes (e.g. ['70F', '97R'])" }),
          localAuthorities: z.array(z.string()).optional().openapi({
            description:
              "The practices whose site is in these local authority districts (ONS codes, e.g. ['E06000043'])",
          }),
          footprint: z.string().optional().openapi({
            description:
              "The ICB footprint's date: the area as it was then (e.g. icb QNQ, footprint 2026-03-31)",
          }),
          name: z.string().optional(),
          title: z.string().optional(),
          demo: z.boolean().optional(),
        }),
      ),
      responses: { 201: json("The new plan's view"), ...problems(400, 404, 409) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const plan = await newPlan(store, {
        synthetic: b.demo ?? false,
        icb: b.icb,
        subIcb: b.subIcb,
        places: b.places,
        localAuthorities: b.localAuthorities,
        footprint: b.footprint,
        name: b.name,
        title: b.title,
      });
      return c.json(await planView(store, plan.name), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/plans/{name}",
      summary:
        "A plan with its evidence (and freshness), engagement, sign-offs, versions, compliance and next steps",
      tags,
      request: { params: NameParam },
      responses: { 200: json("The plan's view"), ...problems(404) },
    }),
    async (c) => c.json(await planView(store, c.req.valid("param").name), 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/plans/{name}/compliance",
      summary: "The compliance check: each rule, met or not, with its source",
      tags,
      request: { params: NameParam },
      responses: { 200: json("Findings", z.array(Any)), ...problems(404) },
    }),
    async (c) => c.json((await planView(store, c.req.valid("param").name)).compliance, 200),
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/api/plans/{name}",
      summary: "Edit a draft's title, SRO or EHIA, naming the revision the edit starts from",
      tags,
      request: {
        params: NameParam,
        ...body(
          z.object({
            revision: z.number().int().min(1),
            title: z.string().optional(),
            sro: z.string().nullable().optional(),
            ehia: z.object({ date: isoDate, summary: z.string() }).nullable().optional(),
          }),
        ),
      },
      responses: { 200: json("The saved plan"), ...problems(400, 404, 409) },
    }),
    (c) =>
      guarded(c, async () => {
        const b = c.req.valid("json");
        const p = await editPlanFields(
          store,
          c.req.valid("param").name,
          { title: b.title, sro: b.sro, ehia: b.ehia },
          b.revision,
        );
        return c.json(summary(p), 200);
      }),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/plans/{name}/objectives",
      summary: "Add an objective to a section of a draft, with a measure",
      tags,
      request: {
        params: NameParam,
        ...body(
          z.object({
            revision: z.number().int().min(1).optional(),
            section: z.string(),
            text: z.string(),
            aims: z.array(z.string()),
            measure: z
              .object({
                name: z.string(),
                unit: z.string().optional(),
                baseline: z.object({ value: z.number(), date: isoDate }).optional(),
                target: z.object({ value: z.number(), date: isoDate }).optional(),
              })
              .optional(),
          }),
        ),
      },
      responses: { 201: json("The objective's id and the saved plan"), ...problems(400, 404, 409) },
    }),
    (c) =>
      guarded(c, async () => {
        const { revision, ...b } = c.req.valid("json");
        const r = await addPlanObjective(store, c.req.valid("param").name, b, revision);
        return c.json({ id: r.id, plan: summary(r.plan) }, 201);
      }),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/plans/{name}/actions",
      summary: "Add an action to an objective of a draft",
      tags,
      request: {
        params: NameParam,
        ...body(
          z.object({
            revision: z.number().int().min(1).optional(),
            objective: z.string(),
            text: z.string(),
            owner: z.string().optional(),
            start: isoDate.optional(),
            due: isoDate.optional(),
            status: z.string().optional(),
          }),
        ),
      },
      responses: { 201: json("The action's id and the saved plan"), ...problems(400, 404, 409) },
    }),
    (c) =>
      guarded(c, async () => {
        const { revision, ...b } = c.req.valid("json");
        const r = await addPlanAction(store, c.req.valid("param").name, b, revision);
        return c.json({ id: r.id, plan: summary(r.plan) }, 201);
      }),
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/api/plans/{name}/sections/{section}",
      summary:
        "Replace a draft section's narrative, naming the section's token as read (409 with the other's change)",
      tags,
      request: {
        params: NameParam.extend({
          section: z.string().openapi({ param: { name: "section", in: "path" }, example: "workforce" }),
        }),
        ...body(
          z.object({
            token: Token,
            narrative: z.array(z.string()).openapi({ description: "the paragraphs, in order" }),
            by: z
              .string()
              .optional()
              .openapi({ description: "without login: who edits (with login: the user)" }),
          }),
        ),
      },
      responses: {
        200: json("The section's new token and the saved plan"),
        ...problems(400, 403, 404, 409),
      },
    }),
    (c) =>
      guarded(c, async () => {
        const p = c.req.valid("param");
        const b = c.req.valid("json");
        const r = await editSectionNarrative(
          store,
          p.name,
          { section: p.section, token: b.token, narrative: b.narrative },
          { by: editorOf(c, b.by) },
        );
        const saved = r.plan.content.sections.find((s) => s.id === r.section.id)!;
        return c.json({ section: r.section, narrative: saved.narrative, plan: summary(r.plan) }, 200);
      }),
  );

  api.openapi(
    createRoute({
      method: "put",
      path: "/api/plans/{name}/actions/{action}/status",
      summary: "Set an action's status, naming its section's token as read (409 with the other's change)",
      tags,
      request: {
        params: NameParam.extend({
          action: z.string().openapi({ param: { name: "action", in: "path" }, example: "action-1" }),
        }),
        ...body(
          z.object({
            token: Token,
            status: z.string().openapi({ description: "not-started, in-progress, done or blocked" }),
            by: z
              .string()
              .optional()
              .openapi({ description: "without login: who edits (with login: the user)" }),
          }),
        ),
      },
      responses: {
        200: json("The action, its section's new token and the saved plan"),
        ...problems(400, 403, 404, 409),
      },
    }),
    (c) =>
      guarded(c, async () => {
        const p = c.req.valid("param");
        const b = c.req.valid("json");
        const r = await editActionStatus(
          store,
          p.name,
          { action: p.action, status: b.status, token: b.token },
          { by: editorOf(c, b.by) },
        );
        return c.json({ action: r.action, section: r.section, plan: summary(r.plan) }, 200);
      }),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/plans/{name}/steps",
      summary:
        "A workflow step (submit, LMC return or co-sign, CD forum endorsement, HWB statement, ICB approval)",
      tags,
      request: {
        params: NameParam,
        ...body(
          z.object({
            step: z.string(),
            by: z
              .string()
              .optional()
              .openapi({ description: "without login: who gives it (with login: the user)" }),
            role: z.string().optional().openapi({
              description:
                "the role acted in; with login one the user holds (default: the user's role for the step)",
            }),
            organisation: z.string().optional(),
            note: z.string().optional(),
            statement: z.object({ board: z.string(), text: z.string(), date: isoDate }).optional(),
          }),
        ),
      },
      responses: { 201: json("The sign-off and the plan"), ...problems(400, 403, 404, 409, 422) },
    }),
    (c) =>
      guarded(c, async () => {
        const b = c.req.valid("json");
        const step = (WORKFLOW_STEPS as readonly string[]).includes(b.step) ? (b.step as WorkflowStep) : null;
        const who = actingAs(c, b, step ? STEP_RULES[step].roles : [], "plan.step");
        const r = await planStep(store, c.req.valid("param").name, { ...b, ...who });
        return c.json({ signOff: r.signOff, plan: summary(r.plan) }, 201);
      }),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/plans/{name}/comments",
      summary: "Comment on a section (any state)",
      tags,
      request: {
        params: NameParam,
        ...body(
          z.object({
            section: z.string(),
            by: z.string().optional(),
            role: z.string().optional(),
            text: z.string(),
          }),
        ),
      },
      responses: { 201: json("The comment"), ...problems(400, 403, 404) },
    }),
    (c) =>
      guarded(c, async () => {
        const b = c.req.valid("json");
        const who = actingAs(c, b);
        return c.json(await addPlanComment(store, c.req.valid("param").name, { ...b, ...who }), 201);
      }),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/plans/{name}/versions",
      summary: "The plan's immutable versions",
      tags,
      request: { params: NameParam },
      responses: { 200: json("Versions", z.array(Any)), ...problems(404) },
    }),
    async (c) => c.json(await planVersions(store, c.req.valid("param").name), 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/plans/{name}/diff",
      summary: "The readable difference between two versions (numbers, or 'current')",
      tags,
      request: { params: NameParam, query: z.object({ from: z.string(), to: z.string() }) },
      responses: { 200: json("Lines", z.array(Any)), ...problems(400, 404) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await planDifference(store, c.req.valid("param").name, q.from, q.to), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/plans/{name}/engagement",
      summary: "The engagement log and its summary by staff group and setting",
      tags,
      request: { params: NameParam },
      responses: { 200: json("Records and summary"), ...problems(404) },
    }),
    async (c) => c.json(await planEngagement(store, c.req.valid("param").name), 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/plans/{name}/engagement",
      summary: "Record a meeting, workshop, survey, consultation or written response",
      tags,
      request: {
        params: NameParam,
        ...body(
          z.object({
            date: isoDate,
            kind: z.string(),
            forum: z.string(),
            organisations: z.array(z.string()).optional(),
            attendees: z.record(z.string(), z.number().int().min(0)),
            settings: z.array(z.string()),
            asked: z.string().optional(),
            heard: z.string().optional(),
            changes: z.array(z.object({ section: z.string(), weDid: z.string() })).optional(),
          }),
        ),
      },
      responses: { 201: json("The record"), ...problems(400, 404) },
    }),
    async (c) => c.json(await addPlanEngagement(store, c.req.valid("param").name, c.req.valid("json")), 201),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/plans/{name}/evidence/refresh",
      summary: "Run again the use cases of the out-of-date evidence (a draft only)",
      tags,
      request: { params: NameParam },
      responses: { 200: json("The refreshed keys"), ...problems(404, 409) },
    }),
    async (c) => c.json(await refreshPlanEvidence(store, c.req.valid("param").name), 200),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/plans/{name}/export/{format}",
      summary: "The plan as DOCX, HTML or PDF (compliance gaps on the cover)",
      tags,
      request: {
        params: NameParam.extend({
          format: z.enum(["docx", "html", "pdf"]).openapi({ param: { name: "format", in: "path" } }),
        }),
      },
      responses: {
        200: { description: "The document", content: { "application/octet-stream": { schema: z.string() } } },
        ...problems(400, 404, 422),
      },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const r = await exportPlan(store, p.name, p.format);
      return c.body(new Uint8Array(r.bytes), 200, {
        "content-type": r.mediaType,
        "content-disposition": `attachment; filename="${r.fileName.replace(/"/g, "")}"`,
      });
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/organisations",
      summary: "The organisations of an ICB: from the data (ICB, places, PCNs, practices) and added by users",
      tags,
      request: { query: z.object({ icb: z.string(), demo: z.enum(["true", "false", "1", "0"]).optional() }) },
      responses: { 200: json("Organisations", z.array(Any)), ...problems(400, 404) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        await systemOrganisations(store, { icb: q.icb, synthetic: q.demo === "true" || q.demo === "1" }),
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/organisations",
      summary: "Add an LMC, federation, trust, local authority, HWB, VCSE body, Healthwatch or PPG",
      tags,
      request: body(
        z.object({
          icb: z.string(),
          kind: z.string(),
          name: z.string(),
          code: z.string().optional(),
          demo: z.boolean().optional(),
        }),
      ),
      responses: { 201: json("The organisation"), ...problems(400, 404, 409) },
    }),
    async (c) => {
      const b = c.req.valid("json");
      return c.json(await addSystemOrganisation(store, { ...b, synthetic: b.demo ?? false }), 201);
    },
  );
}
