// Use cases of the audit log (issue 12, item 8): append a change (who, when, what, on what, before and
// after), read the log, and the state readers the API takes before and after a change. The log is
// append-only: nothing here updates or deletes a row, and the database refuses to (migration 007).
import { RequestError } from "../model/errors.ts";
import { appendAudit, listAudit, type AuditRecord } from "../store/repositories/audit.ts";
import { listDatasets } from "../store/repositories/datasets.ts";
import {
  getPlan,
  listComments,
  listEngagement,
  listEvidence,
  listSignOffs,
  listVersions,
} from "../store/repositories/plans.ts";
import { getScenario } from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";

export type { AuditRecord };

export interface ChangeEntry {
  actor: { name: string; route?: string | undefined };
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

/**
 * Appends a change. Parts equal before and after are left out of both (an edit of one objective records
 * that section, not the whole plan); a creation has `before` null, a removal `after` null.
 */
export async function recordChange(store: Store, entry: ChangeEntry): Promise<AuditRecord> {
  const { before, after } = changedParts(entry.before ?? null, entry.after ?? null);
  return appendAudit(store.db, {
    actor: entry.actor.name,
    action: entry.action,
    target: entry.target,
    route: entry.actor.route ?? null,
    before,
    after,
  });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The parts of two JSON values that differ: objects are compared key by key (recursively) and keys whose
 * values are equal are dropped from both; arrays and scalars that differ are kept whole (two equal objects
 * give `{}` and `{}`).
 */
export function changedParts(before: unknown, after: unknown): { before: unknown; after: unknown } {
  if (isObject(before) && isObject(after)) {
    const b: Record<string, unknown> = {};
    const a: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const inB = Object.hasOwn(before, key);
      const inA = Object.hasOwn(after, key);
      if (inB && inA) {
        if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
        const d = changedParts(before[key], after[key]);
        b[key] = d.before;
        a[key] = d.after;
      } else if (inB) b[key] = before[key];
      else a[key] = after[key];
    }
    return { before: b, after: a };
  }
  return { before, after };
}

export interface AuditRequest {
  actor?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

/** The log, newest first (at most 1,000 rows a page; `before` an id for the next page). */
export function auditLog(store: Store, request: AuditRequest = {}): Promise<AuditRecord[]> {
  const limit = request.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new RequestError(`limit is a whole number from 1 to 1000; found ${limit}`, { field: "limit" });
  return listAudit(store.db, {
    actor: request.actor,
    action: request.action,
    target: request.target,
    beforeId: request.before,
    limit,
  });
}

// ── State readers: what a change is recorded against ────────────────────────────────────────────────────

export type PlanPart = "content" | "comments" | "engagement" | "workflow" | "evidence";

/** A plan as an audit row shows it: state and revision, and the part the change is about. */
export async function planState(store: Store, name: string, part: PlanPart): Promise<unknown> {
  const plan = await getPlan(store.db, name.trim());
  if (!plan) return null;
  const base = { state: plan.state, revision: plan.revision };
  switch (part) {
    case "content":
      return { ...base, content: plan.content };
    case "comments":
      return { ...base, comments: await listComments(store.db, plan.id) };
    case "evidence":
      return {
        ...base,
        content: plan.content,
        evidence: (await listEvidence(store.db, plan.id)).map((e) => ({
          key: e.key,
          createdAt: e.createdAt,
          datasets: e.datasets,
          unavailable: e.unavailable ?? null,
        })),
      };
    case "engagement":
      return { ...base, engagement: await listEngagement(store.db, plan.id) };
    case "workflow": {
      const versions = await listVersions(store.db, plan.id);
      return {
        ...base,
        hwbStatement: plan.content.hwbStatement,
        signOffs: await listSignOffs(store.db, plan.id),
        versions: versions.map((v) => ({ number: v.number, revision: v.revision, createdBy: v.createdBy })),
      };
    }
  }
}

/** A saved scenario as an audit row shows it: its summary and request (not its bulky result). */
export async function scenarioState(store: Store, name: string): Promise<unknown> {
  const s = await getScenario(store.db, name.trim());
  if (!s) return null;
  return {
    name: s.name,
    kind: s.kind,
    synthetic: s.synthetic,
    area: s.area,
    mapDate: s.mapDate,
    description: s.description,
    createdAt: s.createdAt,
    request: s.request,
  };
}

/** The store's datasets as an audit row shows them (an import's before and after). */
export async function datasetsState(store: Store): Promise<unknown> {
  const rows = await listDatasets(store.db);
  return {
    datasets: rows.map((d) => `${d.id} ${d.source} ${d.referenceDate}${d.synthetic ? " (demo)" : ""}`),
  };
}
