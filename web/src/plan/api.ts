// The plan's calls to the HTTP API (src/api/plan-routes.ts). Reads go through web/src/api.ts; writes keep
// the whole problem document (RFC 9457) of a refusal, since a 409 for a stale revision carries the content
// the other person saved (`current`) and its revision, so the page can show their change and lose nothing.
import { ApiError, apiUrl, changeHeaders, getJson, unauthorised } from "../api.ts";
import type { Actor } from "./actor.ts";
import type {
  ComplianceFinding,
  DifferenceLine,
  EngagementRecord,
  EngagementSummary,
  PlanComment,
  PlanContent,
  PlanSummary,
  PlanVersionInfo,
  PlanAction,
  PlanSection,
  PlanView,
  SectionState,
} from "./types.ts";

export interface PlanProblem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  field?: string;
  /** A 409 for a stale revision: the plan's revision now, and the content saved by the other edit. */
  revision?: number;
  current?: PlanContent;
  /** A 409 for a stale section token: the section as it is now, its token, who changed it and when. */
  section?: PlanSection;
  token?: string;
  changedBy?: string | null;
  changedAt?: string | null;
}

export class PlanApiError extends ApiError {
  constructor(readonly problem: PlanProblem) {
    super(
      problem.detail ?? problem.title ?? `the server answered ${problem.status}`,
      problem.status,
      problem.field,
    );
    this.name = "PlanApiError";
  }
}

const plan = (name: string, rest = "") => `plans/${encodeURIComponent(name)}${rest}`;

async function write<T>(method: "POST" | "PATCH" | "PUT", path: string, body: object): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method,
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(await changeHeaders()),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError("the icsplan server did not answer; is `icsplan serve` still running?", 0);
  }
  if (res.ok) return (await res.json()) as T;
  if (res.status === 401) unauthorised();
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json"))
    throw new PlanApiError({ ...((await res.json()) as PlanProblem), status: res.status });
  throw new PlanApiError({
    status: res.status,
    detail: `the server answered ${res.status} ${res.statusText}`,
  });
}

export const listPlans = () => getJson<PlanSummary[]>("plans");
export const getPlanView = (name: string) => getJson<PlanView>(plan(name));
export const getCompliance = (name: string) => getJson<ComplianceFinding[]>(plan(name, "/compliance"));
export const getEngagement = (name: string) =>
  getJson<{ records: EngagementRecord[]; summary: EngagementSummary }>(plan(name, "/engagement"));
export const getVersions = (name: string) => getJson<PlanVersionInfo[]>(plan(name, "/versions"));
export const getDifference = (name: string, from: string, to: string) =>
  getJson<DifferenceLine[]>(plan(name, "/diff"), { from, to });
export const exportUrl = (name: string, format: "docx" | "pdf" | "html") =>
  `/api/${plan(name, `/export/${format}`)}`;

// Every write takes the actor and carries the session's CSRF token (with login). The routes that record who
// acted (steps, comments) take the name and role in the body; with login the server records the user.

export interface PlanFieldsEdit {
  title?: string;
  sro?: string | null;
  ehia?: { date: string; summary: string } | null;
}

export const editPlanFields = (_actor: Actor, name: string, revision: number, fields: PlanFieldsEdit) =>
  write<PlanSummary>("PATCH", plan(name), { revision, ...fields });

/** Replaces a section's narrative, naming the section's token as the page read it. */
export const editNarrative = (
  actor: Actor,
  name: string,
  section: string,
  token: string,
  narrative: string[],
) =>
  write<{ section: SectionState; narrative: string[] }>(
    "PUT",
    plan(name, `/sections/${encodeURIComponent(section)}`),
    { token, narrative, ...(actor.by.trim() ? { by: actor.by } : {}) },
  );

/** Sets an action's status, naming its section's token as the page read it. */
export const setActionStatus = (actor: Actor, name: string, action: string, token: string, status: string) =>
  write<{ action: PlanAction; section: SectionState }>(
    "PUT",
    plan(name, `/actions/${encodeURIComponent(action)}/status`),
    { token, status, ...(actor.by.trim() ? { by: actor.by } : {}) },
  );

export interface NewObjective {
  section: string;
  text: string;
  aims: string[];
  measure?: {
    name: string;
    unit?: string;
    baseline?: { value: number; date: string };
    target?: { value: number; date: string };
  };
}

export const addObjective = (_actor: Actor, name: string, revision: number, objective: NewObjective) =>
  write<{ id: string; plan: PlanSummary }>("POST", plan(name, "/objectives"), { revision, ...objective });

export interface NewAction {
  objective: string;
  text: string;
  owner?: string;
  start?: string;
  due?: string;
  status?: string;
}

export const addAction = (_actor: Actor, name: string, revision: number, action: NewAction) =>
  write<{ id: string; plan: PlanSummary }>("POST", plan(name, "/actions"), { revision, ...action });

export interface StepRequest {
  step: string;
  organisation?: string;
  note?: string;
  statement?: { board: string; text: string; date: string };
}

export const takeStep = (actor: Actor, name: string, step: StepRequest) =>
  write<{ plan: PlanSummary }>("POST", plan(name, "/steps"), { ...step, by: actor.by, role: actor.role });

export const addComment = (actor: Actor, name: string, section: string, text: string) =>
  write<PlanComment>("POST", plan(name, "/comments"), { section, text, by: actor.by, role: actor.role });

export interface NewEngagement {
  date: string;
  kind: string;
  forum: string;
  organisations: string[];
  attendees: Record<string, number>;
  settings: string[];
  asked?: string;
  heard?: string;
  changes: { section: string; weDid: string }[];
}

export const addEngagement = (_actor: Actor, name: string, record: NewEngagement) =>
  write<EngagementRecord>("POST", plan(name, "/engagement"), record);

export const refreshEvidence = (_actor: Actor, name: string) =>
  write<{ refreshed: string[] }>("POST", plan(name, "/evidence/refresh"), {});
