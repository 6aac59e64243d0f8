// Use cases of the engagement log: record a meeting, workshop, survey, consultation or written response
// (who took part by staff group, primary or community care, what was asked and heard, and what it changed
// in the plan), and list the log with its summary.
import { summariseEngagement, type EngagementSummary } from "../engines/plan/engagement.ts";
import { checkDate, checkSection } from "../engines/plan/edit.ts";
import {
  ENGAGEMENT_KINDS,
  PlanRequestError,
  type CareSetting,
  type EngagementKind,
  type EngagementRecord,
} from "../model/plan.ts";
import { addEngagement, listEngagement } from "../store/repositories/plans.ts";
import type { Store } from "../store/store.ts";
import { checkStaffGroup } from "./plan-organisations.ts";
import { findPlan } from "./plan.ts";

export interface EngagementRequest {
  date: string;
  kind: string;
  forum: string;
  organisations?: string[];
  /** Staff group → count. */
  attendees: Record<string, number>;
  settings: string[];
  asked?: string;
  heard?: string;
  changes?: { section: string; weDid: string }[];
}

export function parseEngagement(request: EngagementRequest): Omit<EngagementRecord, "id"> {
  if (!(ENGAGEMENT_KINDS as readonly string[]).includes(request.kind))
    throw new PlanRequestError(`unknown kind '${request.kind}' (expected ${ENGAGEMENT_KINDS.join(", ")})`, {
      field: "kind",
    });
  const forum = request.forum.trim();
  if (forum === "") throw new PlanRequestError("forum must name the meeting or forum", { field: "forum" });
  const attendees: EngagementRecord["attendees"] = {};
  for (const [group, n] of Object.entries(request.attendees)) {
    if (!Number.isInteger(n) || n < 0)
      throw new PlanRequestError(`attendees of ${group} must be a whole number ≥ 0; found ${n}`, {
        field: "attendees",
      });
    attendees[checkStaffGroup(group)] = n;
  }
  const settings = request.settings.map((s) => {
    if (s !== "primary" && s !== "community")
      throw new PlanRequestError(`setting must be primary or community; found '${s}'`, { field: "setting" });
    return s as CareSetting;
  });
  if (settings.length === 0)
    throw new PlanRequestError("give the setting: primary, community or both", { field: "setting" });
  for (const o of request.organisations ?? [])
    if (!/^(icb|place|pcn|practice|org):\S+$/.test(o))
      throw new PlanRequestError(`organisation must be a key such as org:3 or pcn:U99001; found '${o}'`, {
        field: "organisations",
      });
  return {
    date: checkDate(request.date, "date"),
    kind: request.kind as EngagementKind,
    forum,
    organisations: request.organisations ?? [],
    attendees,
    settings: [...new Set(settings)],
    asked: request.asked?.trim() ?? "",
    heard: request.heard?.trim() ?? "",
    changes: (request.changes ?? []).map((c) => ({
      section: checkSection(c.section),
      weDid: c.weDid.trim(),
    })),
  };
}

export async function addPlanEngagement(
  store: Store,
  name: string,
  request: EngagementRequest,
): Promise<EngagementRecord> {
  const record = parseEngagement(request);
  const plan = await findPlan(store, name);
  return addEngagement(store.db, plan.id, record);
}

export async function planEngagement(
  store: Store,
  name: string,
): Promise<{ records: EngagementRecord[]; summary: EngagementSummary }> {
  const plan = await findPlan(store, name);
  const records = await listEngagement(store.db, plan.id);
  return { records, summary: summariseEngagement(records) };
}
