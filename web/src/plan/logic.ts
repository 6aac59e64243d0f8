// The plan pages' pure logic (tested without a browser): figures read from evidence, evidence per
// section with its data dates and freshness, the compliance panel's model, the engagement summary's
// tables, the versions difference grouped by place, the workflow's progress and history, what another
// person changed (for a 409), and the engagement form read into a request.
import {
  PLAN_STATES,
  STAFF_GROUPS,
  STATE_LABELS,
  type ComplianceFinding,
  type DifferenceLine,
  type EngagementSummary,
  type EvidenceFreshness,
  type EvidenceItem,
  type PlanContent,
  type PlanSection,
  type PlanState,
  type SignOff,
  type ValueFormat,
} from "./types.ts";

/** The value at a dotted path (`bands.under`) of an evidence summary; undefined when absent. */
export function valueAt(summary: unknown, path: string): unknown {
  let v: unknown = summary;
  for (const part of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const count = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const pence = new Intl.NumberFormat("en-GB", {
  style: "currency",
  currency: "GBP",
  minimumFractionDigits: 2,
});
const pounds = new Intl.NumberFormat("en-GB", {
  style: "currency",
  currency: "GBP",
  maximumFractionDigits: 0,
});

/** A value as the plan's documents print it (src/engines/plan/figures.ts); `–` when absent. */
export function formatValue(value: unknown, format: ValueFormat): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return "–";
  switch (format) {
    case "count":
      return count.format(value);
    case "decimal":
      return decimal.format(value);
    case "percent":
      return `${(value * 100).toFixed(1)}%`;
    case "pounds":
      return Math.abs(value) < 1000 ? pence.format(value) : pounds.format(value);
    case "text":
      return String(value);
  }
}

export function evidenceValue(evidence: readonly EvidenceItem[], key: string, path: string): unknown {
  const item = evidence.find((e) => e.key === key);
  return item ? valueAt(item.summary, path) : undefined;
}

/** The rows of a table of the plan (an array in an evidence summary), or none. */
export function tableRows(
  evidence: readonly EvidenceItem[],
  key: string,
  path: string,
): Record<string, unknown>[] {
  const v = evidenceValue(evidence, key, path);
  return Array.isArray(v)
    ? (v.filter((r) => r !== null && typeof r === "object") as Record<string, unknown>[])
    : [];
}

export interface SectionEvidence {
  key: string;
  title: string;
  useCase: string;
  madeAt: string;
  /** Each dataset with its period and reference date, e.g. "epraccur February 2026 (2026-02-01)". */
  data: { source: string; period: string; referenceDate: string }[];
  stale: boolean;
  unavailable: string | null;
  changes: string[];
}

/** The evidence items a section names (its figures, tables, charts, baselines and risks), in first use order. */
export function sectionEvidence(
  section: PlanSection,
  evidence: readonly EvidenceItem[],
  freshness: readonly EvidenceFreshness[],
): SectionEvidence[] {
  const keys: string[] = [];
  const use = (k: string | null | undefined) => {
    if (k && !keys.includes(k)) keys.push(k);
  };
  for (const f of section.figures) use(f.evidence);
  for (const t of section.tables) use(t.evidence);
  for (const c of section.charts) use(c.evidence);
  for (const o of section.objectives) for (const m of o.measures) use(m.baseline?.evidence);
  for (const r of section.risks) use(r.evidence);
  return keys.flatMap((key) => {
    const item = evidence.find((e) => e.key === key);
    if (!item) return [];
    const f = freshness.find((x) => x.key === key);
    return [
      {
        key,
        title: item.title,
        useCase: item.useCase,
        madeAt: item.createdAt,
        data: item.datasets
          .map((d) => ({ source: d.source, period: d.period, referenceDate: d.referenceDate }))
          .sort((a, b) => a.source.localeCompare(b.source)),
        stale: f ? !f.fresh : false,
        unavailable: f?.unavailable ?? item.unavailable ?? null,
        changes: f?.changes ?? [],
      },
    ];
  });
}

export interface ComplianceModel {
  rules: number;
  met: number;
  gaps: ComplianceFinding[];
  passed: ComplianceFinding[];
}

/** The compliance panel: the gaps first (in the check's order), then the rules met. */
export function complianceModel(findings: readonly ComplianceFinding[]): ComplianceModel {
  const gaps = findings.filter((f) => !f.met);
  const passed = findings.filter((f) => f.met);
  return { rules: findings.length, met: passed.length, gaps, passed };
}

export interface EngagementTables {
  byStaffGroup: { label: string; setting: string; attendees: number; records: number }[];
  bySetting: { setting: string; attendees: number; records: number | null }[];
  total: number;
  records: number;
}

const SETTING_LABELS = { primary: "Primary care", community: "Community care", other: "Other participants" };

/** The summary's tables: attendees by staff group and by setting (with the records involving each). */
export function engagementTables(summary: EngagementSummary): EngagementTables {
  return {
    byStaffGroup: summary.byStaffGroup.map((g) => ({
      label: g.label,
      setting: SETTING_LABELS[g.setting as keyof typeof SETTING_LABELS] ?? g.setting,
      attendees: g.attendees,
      records: g.records,
    })),
    bySetting: [
      {
        setting: SETTING_LABELS.primary,
        attendees: summary.bySetting.primary,
        records: summary.recordsBySetting.primary,
      },
      {
        setting: SETTING_LABELS.community,
        attendees: summary.bySetting.community,
        records: summary.recordsBySetting.community,
      },
      { setting: SETTING_LABELS.other, attendees: summary.bySetting.other, records: null },
    ],
    total: summary.attendees,
    records: summary.records,
  };
}

export interface DifferenceGroup {
  where: string;
  lines: { change: DifferenceLine["change"]; text: string }[];
}

export interface DifferenceModel {
  groups: DifferenceGroup[];
  added: number;
  removed: number;
  changed: number;
}

/** The difference between two versions, grouped by where it is (the plan, then section by section). */
export function differenceModel(lines: readonly DifferenceLine[]): DifferenceModel {
  const groups: DifferenceGroup[] = [];
  const tally = { added: 0, removed: 0, changed: 0 };
  for (const l of lines) {
    let g = groups.find((x) => x.where === l.where);
    if (!g) groups.push((g = { where: l.where, lines: [] }));
    g.lines.push({ change: l.change, text: l.text });
    tally[l.change]++;
  }
  return { groups, ...tally };
}

export interface ProgressStep {
  state: PlanState;
  label: string;
  status: "done" | "current" | "to-come";
}

/** The plan's place on draft → … → ICB approved. */
export function workflowProgress(state: PlanState): ProgressStep[] {
  const at = PLAN_STATES.indexOf(state);
  return PLAN_STATES.map((s, i) => ({
    state: s,
    label: STATE_LABELS[s],
    status: i < at ? "done" : i === at ? "current" : "to-come",
  }));
}

/** The sign-off history (the API lists it in the order given), newest first, with the states' labels. */
export function historyRows(signOffs: readonly SignOff[]) {
  return [...signOffs]
    .reverse()
    .map((s) => ({ ...s, fromLabel: STATE_LABELS[s.from], toLabel: STATE_LABELS[s.to] }));
}

const words = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What another person saved between the content this page started from and the content saved now (the
 * 409's `current`), one line each: the plan's fields, then each section's narrative, objectives, measures,
 * actions and risks.
 */
export function otherChanges(base: PlanContent, current: PlanContent): string[] {
  const out: string[] = [];
  if (base.title !== current.title) out.push(`Title: “${current.title}” (was “${base.title}”)`);
  if (!same(base.sro, current.sro))
    out.push(`Senior responsible owner: ${current.sro ?? "(none)"} (was ${base.sro ?? "(none)"})`);
  if (!same(base.ehia, current.ehia))
    out.push(current.ehia ? `EHIA: ${current.ehia.date}, ${words(current.ehia.summary)}` : "EHIA: removed");
  if (!same(base.hwbStatement, current.hwbStatement))
    out.push(
      `HWB statement: ${current.hwbStatement ? `${current.hwbStatement.board}, ${current.hwbStatement.date}` : "removed"}`,
    );
  for (const s of current.sections) {
    const before = base.sections.find((x) => x.id === s.id);
    if (!before) {
      out.push(`${s.title}: section added`);
      continue;
    }
    if (!same(before.narrative, s.narrative)) out.push(`${s.title}: narrative changed`);
    for (const o of s.objectives) {
      const prev = before.objectives.find((x) => x.id === o.id);
      if (!prev) {
        out.push(`${s.title}: objective added: ${words(o.text)}`);
        continue;
      }
      if (prev.text !== o.text) out.push(`${s.title}: objective changed: ${words(o.text)}`);
      for (const m of o.measures)
        if (
          !same(
            prev.measures.find((x) => x.id === m.id),
            m,
          )
        )
          out.push(
            `${s.title}: measure ${prev.measures.some((x) => x.id === m.id) ? "changed" : "added"}: ${m.name}`,
          );
      for (const a of o.actions) {
        const pa = prev.actions.find((x) => x.id === a.id);
        if (!pa) out.push(`${s.title}: action added: ${words(a.text)} (${a.status})`);
        else if (!same(pa, a)) out.push(`${s.title}: action changed: ${words(a.text)} (${a.status})`);
      }
    }
    for (const o of before.objectives)
      if (!s.objectives.some((x) => x.id === o.id))
        out.push(`${s.title}: objective removed: ${words(o.text)}`);
    for (const r of s.risks)
      if (
        !same(
          before.risks.find((x) => x.id === r.id),
          r,
        )
      )
        out.push(`${s.title}: risk changed or added: ${words(r.text)}`);
  }
  return out;
}

/** Attendee counts typed into the engagement form (blank: none); a count that is not a whole number ≥ 0 is named. */
export function readAttendees(typed: Record<string, string>): {
  attendees: Record<string, number>;
  invalid: string[];
} {
  const attendees: Record<string, number> = {};
  const invalid: string[] = [];
  for (const [group, text] of Object.entries(typed)) {
    const t = text.trim();
    if (t === "") continue;
    const n = Number(t);
    if (!/^\d+$/.test(t) || !Number.isSafeInteger(n)) {
      invalid.push(STAFF_GROUPS[group]?.label ?? group);
      continue;
    }
    if (n > 0) attendees[group] = n;
  }
  return { attendees, invalid };
}

/** Staff groups for the form, by setting. */
export function staffGroupsBySetting(): { setting: string; groups: { id: string; label: string }[] }[] {
  const order = ["primary", "community", "other"] as const;
  return order.map((setting) => ({
    setting: SETTING_LABELS[setting],
    groups: Object.entries(STAFF_GROUPS)
      .filter(([, g]) => g.setting === setting)
      .map(([id, g]) => ({ id, label: g.label })),
  }));
}

/** Whether a step's roles include the actor's (the server decides; the page says who may give it). */
export const mayGive = (roles: readonly string[], role: string) => roles.includes(role);

// ── Section edits (per-section tokens) ──────────────────────────────────────────────────────────────

/** A section's paragraphs as the narrative box shows them: separated by a blank line. */
export const narrativeText = (paragraphs: readonly string[]): string => paragraphs.join("\n\n");

/** The narrative box's text as paragraphs (blank lines separate them; blank paragraphs dropped). */
export const textParagraphs = (text: string): string[] =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");

/** Who changed a section, for a conflict's message ("Ann Planner at 2026-03-02 09:00"). */
export function changedByText(by: string | null | undefined, at: string | null | undefined): string {
  const who = by?.trim() ? by : "someone else";
  return at ? `${who} at ${at.slice(0, 10)} ${at.slice(11, 16)}` : who;
}
