// Use cases of the ICS primary care plan: a new plan from the template (every figure an evidence item
// made by an existing use case), the plan as it stands (with its compliance check, evidence freshness,
// engagement summary and sign-off history), edits against a revision, workflow steps, versions and their
// difference, and refreshing out-of-date evidence.
import { checkCompliance, type ComplianceFinding } from "../engines/plan/compliance.ts";
import { versionDifference, type DifferenceLine } from "../engines/plan/difference.ts";
import {
  addAction,
  addObjective,
  setFields,
  checkDate,
  checkSection,
  type NewAction,
  type NewObjective,
  type PlanFields,
} from "../engines/plan/edit.ts";
import { summariseEngagement, type EngagementSummary } from "../engines/plan/engagement.ts";
import { evidenceFreshness, type EvidenceFreshness } from "../engines/plan/staleness.ts";
import { buildTemplate } from "../engines/plan/template.ts";
import { decideStep, editable, STEP_RULES } from "../engines/plan/workflow.ts";
import { RequestError } from "../model/errors.ts";
import {
  PlanRequestError,
  STATE_LABELS,
  WORKFLOW_STEPS,
  type EngagementRecord,
  type EvidenceItem,
  type Organisation,
  type Plan,
  type PlanArea,
  type PlanComment,
  type PlanContent,
  type PlanVersion,
  type SignOff,
  type WorkflowStep,
} from "../model/plan.ts";
import {
  createPlan,
  datasetFingerprints,
  getPlan,
  addComment,
  listComments,
  listEngagement,
  listEvidence,
  listPlans,
  listSignOffs,
  listVersions,
  recordSignOff,
  replaceEvidence,
  updatePlanContent,
} from "../store/repositories/plans.ts";
import type { Store } from "../store/store.ts";
import type { ResolvedArea } from "../model/footprint.ts";
import { pictureDateOf, resolveArea } from "./area-footprint.ts";
import { overview } from "./overview.ts";
import { findPlan, PlanNotFoundError, sectionStates, type SectionState } from "./plan-sections.ts";

export { findPlan, PlanNotFoundError };
import { checkRole, systemOrganisations } from "./plan-organisations.ts";
import {
  currentEvidenceInputs,
  EVIDENCE_KEYS,
  makeEvidence,
  planAreaRequest,
  type EvidenceScope,
} from "./plan-evidence.ts";

export interface NewPlanRequest {
  synthetic: boolean;
  icb?: string;
  subIcb?: string;
  /** A union of places (sub-ICB location codes, from one ICB or several). */
  places?: string[];
  /** A set of local authority districts (ONS codes): the practices whose site is in them. */
  localAuthorities?: string[];
  /** The footprint's date: the map in force then ("as it was"; default the newest map). */
  footprint?: string;
  /** The plan's name (default: the area's code). */
  name?: string;
  title?: string;
}

/** The plan's area as the plan keeps it: what was asked, its name, and the footprint it is read in. */
function planAreaOf(resolved: ResolvedArea): PlanArea {
  const { spec } = resolved;
  return {
    kind: spec.kind,
    code: resolved.code,
    name: resolved.name,
    ...(spec.kind === "places" || spec.kind === "local-authorities"
      ? { codes: resolved.practices ? codesOf(resolved) : spec.codes }
      : {}),
    ...(spec.date !== null
      ? { footprintDate: spec.date, mapDate: resolved.footprint.map.referenceDate }
      : {}),
    footprint: resolved.footprint.label,
    icbCodes: resolved.icbs.map((i) => i.code),
  };
}

/** The codes of a union or a set, as resolved (places by ODS code; districts as asked). */
const codesOf = (resolved: ResolvedArea): string[] =>
  resolved.spec.kind === "places"
    ? resolved.places.map((p) => p.code)
    : resolved.authorities.map((a) => a.code);

/** The evidence scope of a resolved area. */
const scopeOfArea = (area: PlanArea, resolved: ResolvedArea, synthetic: boolean): EvidenceScope => ({
  area,
  icbCode: resolved.icb?.code ?? null,
  synthetic,
  date: pictureDateOf(resolved),
  footprintDate: resolved.spec.date ?? undefined,
  practices: resolved.practices,
  footprint: resolved.footprint.label,
  areaNotes: resolved.caveats,
});

/** The evidence scope of a plan: its area resolved again in its footprint. */
export async function scopeOf(store: Store, plan: Plan): Promise<EvidenceScope> {
  const resolved = await resolveArea(store, planAreaRequest(plan.content.area, plan.content.synthetic));
  return scopeOfArea(plan.content.area, resolved, plan.content.synthetic);
}

/** A new plan from the template: the evidence made by the use cases, the sections built from it. */
export async function newPlan(store: Store, request: NewPlanRequest): Promise<Plan> {
  const resolved = await resolveArea(store, request);
  const area = planAreaOf(resolved);
  const name = (request.name ?? area.code.replace(/\+/g, "-")).trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._\-()/]{0,79}$/u.test(name))
    throw new PlanRequestError(
      `a plan name must be 1–80 letters, digits, spaces or . _ - ( ) /; found '${name}'`,
      { field: "name" },
    );
  if (await getPlan(store.db, name))
    throw new RequestError(`a plan named '${name}' already exists; choose another name with --name`, {
      kind: "conflict",
      field: "name",
    });
  const evidence = await makeEvidence(store, scopeOfArea(area, resolved, request.synthetic));
  const content = buildTemplate({ area, synthetic: request.synthetic, title: request.title, evidence });
  return createPlan(store.db, { name, content, evidence });
}

export const allPlans = (store: Store): Promise<Plan[]> => listPlans(store.db);

/** The ICBs of a plan's area: the area itself for an ICB plan, every ICB a union or set reaches. */
async function icbsOf(store: Store, plan: Plan): Promise<string[]> {
  if (plan.content.area.kind === "icb") return [plan.content.area.code];
  const codes = plan.content.area.icbCodes;
  if (codes !== undefined && codes.length > 0) return codes;
  const o = await overview(store, { synthetic: plan.content.synthetic, subIcb: plan.content.area.code });
  return [o.scope.kind === "sub-icb" ? o.scope.icb.code : plan.content.area.code];
}

/** The organisations of every ICB the plan's area reaches, each once. */
async function planOrganisations(store: Store, plan: Plan): Promise<Organisation[]> {
  const byKey = new Map<string, Organisation>();
  for (const icb of await icbsOf(store, plan))
    for (const o of await systemOrganisations(store, {
      synthetic: plan.content.synthetic,
      icb,
      date: plan.content.area.mapDate,
    }))
      if (!byKey.has(o.key)) byKey.set(o.key, o);
  return [...byKey.values()];
}

export interface PlanView {
  plan: Plan;
  /** Each section's token (an edit of the section names it) and who last edited it. */
  sections: SectionState[];
  comments: PlanComment[];
  stateLabel: string;
  evidence: EvidenceItem[];
  freshness: EvidenceFreshness[];
  engagement: EngagementRecord[];
  engagementSummary: EngagementSummary;
  signOffs: SignOff[];
  versions: Omit<PlanVersion, "content" | "evidence">[];
  compliance: ComplianceFinding[];
  organisations: Organisation[];
  /** The steps the plan can take next, with the roles that may give them. */
  nextSteps: { step: WorkflowStep; label: string; roles: readonly string[] }[];
}

export async function planView(store: Store, name: string): Promise<PlanView> {
  const plan = await findPlan(store, name);
  const [evidence, engagement, signOffs, versions, datasets, comments, sections, inputs] = await Promise.all([
    listEvidence(store.db, plan.id),
    listEngagement(store.db, plan.id),
    listSignOffs(store.db, plan.id),
    listVersions(store.db, plan.id),
    datasetFingerprints(store.db, plan.content.synthetic),
    listComments(store.db, plan.id),
    sectionStates(store, plan),
    currentEvidenceInputs(store, plan.content.synthetic, plan.content.area.code),
  ]);
  const organisations = await planOrganisations(store, plan);
  return {
    plan,
    sections,
    comments,
    stateLabel: STATE_LABELS[plan.state],
    evidence,
    freshness: evidence.map((e) => evidenceFreshness(e, datasets, inputs)),
    engagement,
    engagementSummary: summariseEngagement(engagement),
    signOffs,
    versions: versions.map(({ content: _c, evidence: _e, ...v }) => v),
    compliance: checkCompliance({ content: plan.content, evidence, engagement, signOffs, organisations }),
    organisations,
    nextSteps: WORKFLOW_STEPS.filter((s) => STEP_RULES[s].from === plan.state).map((s) => ({
      step: s,
      label: STEP_RULES[s].label,
      roles: STEP_RULES[s].roles,
    })),
  };
}

/** Saves an edit made on `revision` (default: the plan's current one): only a draft is edited. */
async function edit(
  store: Store,
  name: string,
  revision: number | undefined,
  change: (content: PlanContent) => PlanContent,
): Promise<Plan> {
  const plan = await findPlan(store, name);
  if (!editable(plan.state))
    throw new RequestError(
      `the plan is ${STATE_LABELS[plan.state].toLowerCase()}: only a draft is edited (the LMC may return it to draft)`,
      { kind: "conflict", field: "plan" },
    );
  return updatePlanContent(store.db, plan.id, revision ?? plan.revision, change(plan.content));
}

export const editPlanFields = (store: Store, name: string, fields: PlanFields, revision?: number) =>
  edit(store, name, revision, (c) => setFields(c, fields));

export async function addPlanObjective(store: Store, name: string, input: NewObjective, revision?: number) {
  let id = "";
  const plan = await edit(store, name, revision, (c) => {
    const r = addObjective(c, input);
    id = r.id;
    return r.content;
  });
  return { plan, id };
}

export async function addPlanAction(store: Store, name: string, input: NewAction, revision?: number) {
  let id = "";
  const plan = await edit(store, name, revision, (c) => {
    const r = addAction(c, input);
    id = r.id;
    return r.content;
  });
  return { plan, id };
}

// An action's status is set per section, against the section's token: plan-sections.ts editActionStatus.

export interface CommentRequest {
  section: string;
  by: string;
  role: string;
  text: string;
}

/** A comment on a section, in any state (review comments come while the plan is with the LMC). */
export async function addPlanComment(
  store: Store,
  name: string,
  request: CommentRequest,
): Promise<PlanComment> {
  const section = checkSection(request.section);
  const role = checkRole(request.role);
  const by = request.by.trim();
  const text = request.text.trim();
  if (by === "") throw new PlanRequestError("--by must name who comments", { field: "by" });
  if (text === "") throw new PlanRequestError("the comment must not be empty", { field: "text" });
  const plan = await findPlan(store, name);
  return addComment(store.db, plan.id, { section, by, role, text, revision: plan.revision });
}

export interface StepRequest {
  step: string;
  by: string;
  role: string;
  organisation?: string;
  note?: string;
  /** For `hwb-statement`: the board, the statement and its date. */
  statement?: { board: string; text: string; date: string };
}

/** One workflow step: checked (role, order, version), then recorded with its version in one transaction. */
export async function planStep(
  store: Store,
  name: string,
  request: StepRequest,
): Promise<{ plan: Plan; signOff: SignOff }> {
  if (!(WORKFLOW_STEPS as readonly string[]).includes(request.step))
    throw new PlanRequestError(`unknown step '${request.step}' (expected ${WORKFLOW_STEPS.join(", ")})`, {
      field: "step",
    });
  const step = request.step as WorkflowStep;
  const role = checkRole(request.role);
  const by = request.by.trim();
  if (by === "") throw new PlanRequestError("--by must name who gives the step", { field: "by" });
  const plan = await findPlan(store, name);
  const versions = await listVersions(store.db, plan.id);
  const latest = versions.at(-1) ?? null;
  const decision = decideStep(step, role, plan.state, plan.revision, latest?.revision ?? null);
  let content: PlanContent | undefined;
  if (step === "hwb-statement") {
    const s = request.statement;
    if (!s || !s.board.trim() || !s.text.trim())
      throw new PlanRequestError("the HWB statement needs the board and the statement's text", {
        field: "statement",
      });
    content = {
      ...plan.content,
      hwbStatement: { board: s.board.trim(), text: s.text.trim(), date: checkDate(s.date, "date") },
    };
  }
  const evidence = await listEvidence(store.db, plan.id);
  const { signOff } = await recordSignOff(
    store.db,
    plan,
    {
      step,
      by,
      role,
      organisation: request.organisation?.trim() || null,
      note: request.note?.trim() ?? "",
      from: plan.state,
      to: decision.to,
    },
    decision.snapshot ? { create: true, evidence } : { create: false, number: latest!.number },
    content,
  );
  return { plan: await findPlan(store, name), signOff };
}

export async function planVersions(store: Store, name: string): Promise<PlanVersion[]> {
  const plan = await findPlan(store, name);
  return listVersions(store.db, plan.id);
}

/** The difference between two versions (a number, or `current` for the plan as it stands). */
export async function planDifference(
  store: Store,
  name: string,
  from: string,
  to: string,
): Promise<DifferenceLine[]> {
  const plan = await findPlan(store, name);
  const versions = await listVersions(store.db, plan.id);
  const pick = async (v: string) => {
    if (v === "current") return { content: plan.content, evidence: await listEvidence(store.db, plan.id) };
    const found = versions.find((x) => String(x.number) === v.trim());
    if (!found)
      throw new PlanRequestError(
        `there is no version ${v} of '${plan.name}' (versions: ${versions.map((x) => x.number).join(", ") || "none"}; or 'current')`,
        { kind: "not-found", field: "version" },
      );
    return found;
  };
  return versionDifference(await pick(from), await pick(to));
}

/** Runs again the use cases of the out-of-date evidence (or of `keys`); only a draft's evidence is refreshed. */
export async function refreshPlanEvidence(
  store: Store,
  name: string,
  keys?: string[],
): Promise<{ refreshed: string[] }> {
  const view = await planView(store, name);
  const plan = view.plan;
  if (!editable(plan.state))
    throw new RequestError(
      `the plan is ${STATE_LABELS[plan.state].toLowerCase()}: its evidence is refreshed only in draft (a sign-off applies to the figures of its version)`,
      { kind: "conflict", field: "plan" },
    );
  const wanted = keys ?? view.freshness.filter((f) => !f.fresh).map((f) => f.key);
  for (const k of wanted)
    if (!EVIDENCE_KEYS.includes(k))
      throw new PlanRequestError(`unknown evidence '${k}' (expected ${EVIDENCE_KEYS.join(", ")})`, {
        field: "evidence",
      });
  if (wanted.length === 0) return { refreshed: [] };
  const items = await makeEvidence(store, await scopeOf(store, plan), wanted);
  // The figures changed: the revision rises with them, so a version taken before no longer counts as current.
  await replaceEvidence(store.db, plan.id, plan.revision, items);
  return { refreshed: wanted };
}
