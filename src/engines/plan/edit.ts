// Edits of a plan's content: pure functions from content to new content, each checking its input (a
// PlanRequestError names the field). The app saves the result against the revision it started from.
import {
  ACTION_STATUSES,
  FOUR_AIMS,
  PlanRequestError,
  SECTION_IDS,
  type ActionStatus,
  type AimId,
  type PlanContent,
  type SectionId,
} from "../../model/plan.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(value: string, field: string): string {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))
    throw new PlanRequestError(`${field} must be a date as YYYY-MM-DD; found '${value}'`, { field });
  return value;
}

export function checkSection(value: string): SectionId {
  if (!(SECTION_IDS as readonly string[]).includes(value))
    throw new PlanRequestError(`unknown section '${value}' (expected one of ${SECTION_IDS.join(", ")})`, {
      field: "section",
    });
  return value as SectionId;
}

export function checkAim(value: string): AimId {
  const aim = FOUR_AIMS.find((a) => a.id === value);
  if (!aim)
    throw new PlanRequestError(`unknown aim '${value}' (expected ${FOUR_AIMS.map((a) => a.id).join(", ")})`, {
      field: "aim",
    });
  return aim.id;
}

function nonEmpty(value: string | undefined, field: string): string {
  const t = (value ?? "").trim();
  if (t === "") throw new PlanRequestError(`${field} must not be empty`, { field });
  return t;
}

export interface PlanFields {
  title?: string;
  sro?: string | null;
  ehia?: { date: string; summary: string } | null;
}

export function setFields(content: PlanContent, fields: PlanFields): PlanContent {
  const next = { ...content };
  if (fields.title !== undefined) next.title = nonEmpty(fields.title, "title");
  if (fields.sro !== undefined) next.sro = fields.sro === null ? null : nonEmpty(fields.sro, "sro");
  if (fields.ehia !== undefined)
    next.ehia =
      fields.ehia === null
        ? null
        : { date: checkDate(fields.ehia.date, "ehia-date"), summary: nonEmpty(fields.ehia.summary, "ehia") };
  return next;
}

const nextId = (prefix: string, taken: Iterable<string>) => {
  const ids = new Set(taken);
  let n = 1;
  while (ids.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
};

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

export function addObjective(
  content: PlanContent,
  input: NewObjective,
): { content: PlanContent; id: string } {
  const sectionId = checkSection(input.section);
  const text = nonEmpty(input.text, "text");
  const aims = input.aims.map(checkAim);
  const allIds = content.sections.flatMap((s) => s.objectives.map((o) => o.id));
  const id = nextId("objective", allIds);
  const measures = input.measure
    ? [
        {
          id: `${id}-m1`,
          name: nonEmpty(input.measure.name, "measure"),
          unit: input.measure.unit ?? "",
          baseline: input.measure.baseline
            ? {
                value: finite(input.measure.baseline.value, "baseline"),
                date: checkDate(input.measure.baseline.date, "baseline-date"),
                evidence: null,
                path: null,
              }
            : null,
          target: input.measure.target
            ? {
                value: finite(input.measure.target.value, "target"),
                date: checkDate(input.measure.target.date, "target-date"),
              }
            : null,
        },
      ]
    : [];
  return {
    id,
    content: {
      ...content,
      sections: content.sections.map((s) =>
        s.id === sectionId
          ? { ...s, objectives: [...s.objectives, { id, text, aims, actions: [], measures }] }
          : s,
      ),
    },
  };
}

function finite(value: number, field: string): number {
  if (!Number.isFinite(value)) throw new PlanRequestError(`${field} must be a number`, { field });
  return value;
}

export interface NewAction {
  objective: string;
  text: string;
  owner?: string;
  start?: string;
  due?: string;
  status?: string;
}

function checkStatus(value: string): ActionStatus {
  if (!(ACTION_STATUSES as readonly string[]).includes(value))
    throw new PlanRequestError(`unknown status '${value}' (expected ${ACTION_STATUSES.join(", ")})`, {
      field: "status",
    });
  return value as ActionStatus;
}

function findObjective(content: PlanContent, id: string) {
  const found = content.sections.some((s) => s.objectives.some((o) => o.id === id));
  if (!found) {
    const known = content.sections.flatMap((s) => s.objectives.map((o) => o.id));
    throw new PlanRequestError(
      `there is no objective '${id}' (the plan has: ${known.join(", ") || "none"})`,
      {
        kind: "not-found",
        field: "objective",
      },
    );
  }
}

export function addAction(content: PlanContent, input: NewAction): { content: PlanContent; id: string } {
  findObjective(content, input.objective);
  const text = nonEmpty(input.text, "text");
  const ids = content.sections.flatMap((s) => s.objectives.flatMap((o) => o.actions.map((a) => a.id)));
  const id = nextId("action", ids);
  const action = {
    id,
    text,
    owner: input.owner?.trim() || null,
    start: input.start === undefined ? null : checkDate(input.start, "start"),
    due: input.due === undefined ? null : checkDate(input.due, "due"),
    status: checkStatus(input.status ?? "not-started"),
  };
  if (action.start && action.due && action.due < action.start)
    throw new PlanRequestError(`due (${action.due}) is before start (${action.start})`, { field: "due" });
  return {
    id,
    content: {
      ...content,
      sections: content.sections.map((s) => ({
        ...s,
        objectives: s.objectives.map((o) =>
          o.id === input.objective ? { ...o, actions: [...o.actions, action] } : o,
        ),
      })),
    },
  };
}

export function setActionStatus(content: PlanContent, actionId: string, status: string): PlanContent {
  const st = checkStatus(status);
  let found = false;
  const next = {
    ...content,
    sections: content.sections.map((s) => ({
      ...s,
      objectives: s.objectives.map((o) => ({
        ...o,
        actions: o.actions.map((a) => {
          if (a.id !== actionId) return a;
          found = true;
          return { ...a, status: st };
        }),
      })),
    })),
  };
  if (!found)
    throw new PlanRequestError(`there is no action '${actionId}'`, { kind: "not-found", field: "action" });
  return next;
}
