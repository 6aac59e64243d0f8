// The sign-off workflow: draft → in LMC review → co-signed by the LMC → endorsed by the PCN clinical
// directors' forum → HWB statement recorded → approved by the ICB board (issue 12, item 5). Each step is
// given by one role, from one state; the LMC may return the plan to draft. Pure: decides, never writes.
import {
  PLAN_ROLES,
  PlanForbiddenError,
  STATE_LABELS,
  type PlanRole,
  type PlanState,
  type WorkflowStep,
} from "../../model/plan.ts";
import { RequestError } from "../../model/errors.ts";

export interface StepRule {
  from: PlanState;
  to: PlanState;
  roles: readonly PlanRole[];
  label: string;
  /**
   * The step takes a new version snapshot (a submission, or the HWB statement, which becomes part of the
   * plan the board approves); the others apply to the latest version.
   */
  snapshot: boolean;
}

export const STEP_RULES: Record<WorkflowStep, StepRule> = {
  "submit-for-lmc-review": {
    from: "draft",
    to: "in-lmc-review",
    roles: ["icb-planner"],
    label: "Submitted for LMC review",
    snapshot: true,
  },
  "lmc-return": {
    from: "in-lmc-review",
    to: "draft",
    roles: ["lmc-officer"],
    label: "Returned by the LMC for changes",
    snapshot: false,
  },
  "lmc-co-sign": {
    from: "in-lmc-review",
    to: "lmc-co-signed",
    roles: ["lmc-officer"],
    label: "Co-signed by the LMC",
    snapshot: false,
  },
  "cd-forum-endorse": {
    from: "lmc-co-signed",
    to: "cd-forum-endorsed",
    roles: ["pcn-clinical-director"],
    label: "Endorsed by the PCN clinical directors' forum",
    snapshot: false,
  },
  "hwb-statement": {
    from: "cd-forum-endorsed",
    to: "hwb-statement-recorded",
    roles: ["hwb-chair", "icb-planner"],
    label: "Health and Wellbeing Board statement recorded",
    snapshot: true,
  },
  "icb-approve": {
    from: "hwb-statement-recorded",
    to: "icb-approved",
    roles: ["icb-board"],
    label: "Approved by the ICB board",
    snapshot: false,
  },
};

export interface StepDecision {
  to: PlanState;
  snapshot: boolean;
}

/**
 * May `role` give `step` to a plan in `state` whose latest version was taken at `versionRevision` (null
 * when none) while the plan is at `revision`? PlanForbiddenError for the wrong role; a conflict for a step
 * out of order, or for a sign-off of a version the plan has since moved on from.
 */
export function decideStep(
  step: WorkflowStep,
  role: PlanRole,
  state: PlanState,
  revision: number,
  versionRevision: number | null,
): StepDecision {
  const rule = STEP_RULES[step];
  if (!rule.roles.includes(role))
    throw new PlanForbiddenError(
      `'${step}' may be given only by ${rule.roles.map((r) => PLAN_ROLES[r]).join(" or ")}; not by ${role}`,
    );
  if (state !== rule.from)
    throw new RequestError(
      `'${step}' is taken when the plan is "${STATE_LABELS[rule.from]}"; this plan is "${STATE_LABELS[state]}"`,
      { kind: "conflict", field: "step" },
    );
  if (!rule.snapshot && versionRevision !== revision)
    throw new RequestError(
      `the plan was edited after its latest version was submitted${versionRevision === null ? " (there is none)" : ""}: a sign-off applies to one version only; submit the plan again`,
      { kind: "conflict", field: "step" },
    );
  return { to: rule.to, snapshot: rule.snapshot };
}

/** Whether a plan may be edited in a state: only drafts are edited (a submitted version is under review). */
export function editable(state: PlanState): boolean {
  return state === "draft";
}
