// Editing one section of a plan with per-section optimistic concurrency (issue 12, "Bad input": two people
// editing the same section; the second gets a conflict with the other's change, nothing lost). Each section
// has a token, a fingerprint of its content as read; an edit names the token it was read at. Edits of
// different sections do not conflict (each is applied to the plan as it stands, in one locked
// transaction); an edit of a section changed since is refused with the section as it is now, who changed
// it and when, so the editor can merge their text with the other's.
import { createHash } from "node:crypto";
import { setActionStatus, checkSection } from "../engines/plan/edit.ts";
import { editable } from "../engines/plan/workflow.ts";
import { RequestError } from "../model/errors.ts";
import {
  PlanRequestError,
  STATE_LABELS,
  type Plan,
  type PlanAction,
  type PlanContent,
  type PlanSection,
  type SectionId,
} from "../model/plan.ts";
import { getPlan, lastSectionEdits, saveSectionEdit, type SectionEdit } from "../store/repositories/plans.ts";
import type { Store } from "../store/store.ts";

export type { SectionEdit };

export class PlanNotFoundError extends RequestError {
  override name = "PlanNotFoundError";
  constructor(name: string) {
    super(`there is no plan named '${name}' (see \`icsplan plan list\`)`, {
      kind: "not-found",
      field: "plan",
    });
  }
}

export async function findPlan(store: Store, name: string): Promise<Plan> {
  const plan = await getPlan(store.db, name.trim());
  if (!plan) throw new PlanNotFoundError(name);
  return plan;
}

/** A fingerprint of a section's content (narrative, figures, objectives with their actions, risks). */
export function sectionToken(section: PlanSection): string {
  return createHash("sha256").update(JSON.stringify(section)).digest("hex").slice(0, 16);
}

/** A section as an editor reads it: its token, and who last edited it. */
export interface SectionState {
  id: SectionId;
  title: string;
  token: string;
  lastEdit: SectionEdit | null;
}

export async function sectionStates(store: Store, plan: Plan): Promise<SectionState[]> {
  const edits = await lastSectionEdits(store.db, plan.id);
  return plan.content.sections.map((s) => ({
    id: s.id,
    title: s.title,
    token: sectionToken(s),
    lastEdit: edits.find((e) => e.section === s.id) ?? null,
  }));
}

/** The edit was read at an older token: the section as it is now and who changed it (nothing saved). */
export class SectionConflictError extends RequestError {
  override name = "SectionConflictError";
  constructor(
    readonly section: PlanSection,
    readonly token: string,
    readonly lastEdit: SectionEdit | null,
    readonly revision: number,
  ) {
    const who = lastEdit ? ` by ${lastEdit.by} at ${lastEdit.at}` : "";
    super(
      `the section '${section.title}' was changed${who} since you read it (token ${token} now); ` +
        "nothing was saved: your text is kept, merge it with theirs and save again",
      { kind: "conflict", field: "token" },
    );
  }
}

/** Who edits (recorded as the section's last editor). */
export interface SectionEditor {
  by: string;
}

const MAX_PARAGRAPHS = 100;
const MAX_PARAGRAPH = 10_000;

/** Paragraphs as given (blank ones dropped, each trimmed). */
export function checkNarrative(narrative: readonly string[]): string[] {
  const paragraphs = narrative.map((p) => p.trim()).filter((p) => p !== "");
  if (paragraphs.length > MAX_PARAGRAPHS)
    throw new PlanRequestError(
      `a section's narrative has at most ${MAX_PARAGRAPHS} paragraphs; found ${paragraphs.length}`,
      { field: "narrative" },
    );
  const long = paragraphs.findIndex((p) => p.length > MAX_PARAGRAPH);
  if (long >= 0)
    throw new PlanRequestError(
      `paragraph ${long + 1} has ${paragraphs[long]!.length} characters; at most ${MAX_PARAGRAPH}`,
      { field: "narrative" },
    );
  return paragraphs;
}

/** Text with paragraphs separated by blank lines, as paragraphs (the CLI's and a textarea's form). */
export const paragraphsOf = (text: string): string[] => text.split(/\r?\n\s*\r?\n/);

function checkToken(token: string): string {
  const t = token.trim();
  if (!/^[0-9a-f]{16}$/.test(t))
    throw new PlanRequestError(
      `token must be the section's token as read (16 hexadecimal digits, e.g. from \`icsplan plan show\`); found '${token}'`,
      { field: "token" },
    );
  return t;
}

function checkBy(by: string): string {
  const b = by.trim();
  if (b === "") throw new PlanRequestError("name who edits the section", { field: "by" });
  return b;
}

const sectionOf = (content: PlanContent, id: SectionId): PlanSection => {
  const s = content.sections.find((x) => x.id === id);
  if (!s)
    throw new PlanRequestError(`this plan has no section '${id}'`, { kind: "not-found", field: "section" });
  return s;
};

/** The section holding an action, or not-found naming the actions the plan has. */
function sectionOfAction(content: PlanContent, action: string): PlanSection {
  const s = content.sections.find((x) => x.objectives.some((o) => o.actions.some((a) => a.id === action)));
  if (!s) {
    const known = content.sections.flatMap((x) => x.objectives.flatMap((o) => o.actions.map((a) => a.id)));
    throw new PlanRequestError(
      `there is no action '${action}' (the plan has: ${known.join(", ") || "none"})`,
      {
        kind: "not-found",
        field: "action",
      },
    );
  }
  return s;
}

async function saveEdit(
  store: Store,
  name: string,
  section: SectionId,
  token: string,
  editor: SectionEditor,
  change: string,
  apply: (content: PlanContent) => PlanContent,
): Promise<{ plan: Plan; section: SectionState }> {
  const plan = await findPlan(store, name);
  const by = checkBy(editor.by);
  const saved = await saveSectionEdit(store.db, plan.id, { section, change, by }, (current, last) => {
    if (!editable(current.state))
      throw new RequestError(
        `the plan is ${STATE_LABELS[current.state].toLowerCase()}: only a draft is edited (the LMC may return it to draft)`,
        { kind: "conflict", field: "plan" },
      );
    const now = sectionOf(current.content, section);
    const nowToken = sectionToken(now);
    if (nowToken !== token) throw new SectionConflictError(now, nowToken, last, current.revision);
    return apply(current.content);
  });
  const states = await sectionStates(store, saved);
  return { plan: saved, section: states.find((s) => s.id === section)! };
}

export interface NarrativeEdit {
  section: string;
  /** The section's token when it was read. */
  token: string;
  narrative: readonly string[];
}

/** Replaces a draft section's narrative, if the section is still as it was read. */
export function editSectionNarrative(
  store: Store,
  name: string,
  edit: NarrativeEdit,
  editor: SectionEditor,
): Promise<{ plan: Plan; section: SectionState }> {
  const section = checkSection(edit.section);
  const token = checkToken(edit.token);
  const narrative = checkNarrative(edit.narrative);
  return saveEdit(store, name, section, token, editor, "narrative", (c) => ({
    ...c,
    sections: c.sections.map((s) => (s.id === section ? { ...s, narrative } : s)),
  }));
}

export interface ActionStatusEdit {
  action: string;
  status: string;
  /** The token of the action's section when it was read. */
  token: string;
}

/** Sets an action's status, if its section is still as it was read. */
export async function editActionStatus(
  store: Store,
  name: string,
  edit: ActionStatusEdit,
  editor: SectionEditor,
): Promise<{ plan: Plan; section: SectionState; action: PlanAction }> {
  const token = checkToken(edit.token);
  const plan = await findPlan(store, name);
  const section = sectionOfAction(plan.content, edit.action).id;
  const r = await saveEdit(store, name, section, token, editor, `action-status:${edit.action}`, (c) =>
    setActionStatus(c, edit.action, edit.status),
  );
  const action = sectionOf(r.plan.content, section)
    .objectives.flatMap((o) => o.actions)
    .find((a) => a.id === edit.action)!;
  return { ...r, action };
}

/** A section's token as it stands (the CLI's default: an edit of the section as it is now). */
export async function sectionTokenOf(store: Store, name: string, section: string): Promise<string> {
  const plan = await findPlan(store, name);
  return sectionToken(sectionOf(plan.content, checkSection(section)));
}

/** The token of an action's section as it stands. */
export async function sectionTokenOfAction(store: Store, name: string, action: string): Promise<string> {
  const plan = await findPlan(store, name);
  return sectionToken(sectionOfAction(plan.content, action));
}
