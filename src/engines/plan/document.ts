// The plan as a document: cover, the compliance gaps on the first page, contents, one chapter per section
// (narrative, key figures, tables and charts from the evidence, objectives with their measures and actions,
// risks), then the engagement summary, the sign-off history, the versions and the evidence list with the
// dates of its data. Pure: the HTML and DOCX exports only render these blocks.
import {
  FOUR_AIMS,
  ORGANISATION_KINDS,
  PLAN_ROLES,
  STATE_LABELS,
  type EngagementRecord,
  type EvidenceItem,
  type Organisation,
  type Plan,
  type PlanComment,
  type PlanSection,
  type PlanVersion,
  type SignOff,
} from "../../model/plan.ts";
import { formatTimestamp } from "../../model/format.ts";
import { chartSvg, type ChartPoint } from "./chart-svg.ts";
import type { ComplianceFinding } from "./compliance.ts";
import type { EngagementSummary } from "./engagement.ts";
import { evidenceValue, figureText, formatValue } from "./figures.ts";
import type { EvidenceFreshness } from "./staleness.ts";
import { STEP_RULES } from "./workflow.ts";

export type DocBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "table"; title: string; columns: string[]; rows: string[][]; source: string | null }
  | { kind: "chart"; title: string; svg: string; width: number; height: number; source: string }
  | { kind: "note"; text: string };

export interface DocChapter {
  title: string;
  blocks: DocBlock[];
}

export interface PlanDocument {
  title: string;
  subtitle: string;
  state: string;
  synthetic: boolean;
  generatedAt: string;
  /** The compliance gaps, shown on the first page (an incomplete plan still exports). */
  gaps: string[];
  chapters: DocChapter[];
}

export interface DocumentInput {
  plan: Plan;
  evidence: readonly EvidenceItem[];
  freshness: readonly EvidenceFreshness[];
  engagement: readonly EngagementRecord[];
  engagementSummary: EngagementSummary;
  signOffs: readonly SignOff[];
  comments: readonly PlanComment[];
  versions: readonly Omit<PlanVersion, "content" | "evidence">[];
  compliance: readonly ComplianceFinding[];
  organisations: readonly Organisation[];
  generatedAt: string;
}

const aimLabel = (id: string) => FOUR_AIMS.find((a) => a.id === id)?.label ?? id;
const date = (iso: string) => iso.slice(0, 10);

function sectionBlocks(section: PlanSection, input: DocumentInput): DocBlock[] {
  const ev = input.evidence;
  const blocks: DocBlock[] = section.narrative.map((text) => ({ kind: "paragraph", text }));
  if (section.figures.length > 0)
    blocks.push({
      kind: "table",
      title: "Key figures",
      columns: ["Figure", "Value", "Evidence"],
      rows: section.figures.map((f) => [f.label, figureText(ev, f), f.evidence]),
      source: null,
    });
  for (const c of section.charts) {
    const series = evidenceValue(ev, c.evidence, c.path);
    if (!Array.isArray(series)) continue;
    const points: ChartPoint[] = series
      .map((row: Record<string, unknown>) => ({ x: String(row[c.x]).replace(/^FY/, ""), y: row[c.y] }))
      .filter((p): p is ChartPoint => typeof p.y === "number");
    if (points.length === 0) continue;
    blocks.push({
      kind: "chart",
      title: c.title,
      svg: chartSvg(points, { kind: c.kind, title: c.title, yLabel: c.yLabel }),
      width: 640,
      height: 320,
      source: c.evidence,
    });
  }
  for (const t of section.tables) {
    const rows = evidenceValue(ev, t.evidence, t.path);
    const item = ev.find((e) => e.key === t.evidence);
    if (item?.unavailable !== undefined) {
      blocks.push({ kind: "note", text: `${t.title}: not available — ${item.unavailable}` });
      continue;
    }
    if (!Array.isArray(rows)) continue;
    blocks.push({
      kind: "table",
      title: t.title,
      columns: t.columns.map((c) => c.label),
      rows: rows.map((r: Record<string, unknown>) => t.columns.map((c) => formatValue(r[c.key], c.format))),
      source: t.evidence,
    });
  }
  if (section.objectives.length > 0) {
    blocks.push({
      kind: "table",
      title: "Objectives and measures",
      columns: ["Objective", "Aims", "Measure", "Baseline", "Target"],
      rows: section.objectives.flatMap((o) => {
        const aims = o.aims.map(aimLabel).join("; ");
        if (o.measures.length === 0) return [[o.text, aims, "(no measure yet)", "–", "–"]];
        return o.measures.map((m) => [
          o.text,
          aims,
          `${m.name}${m.unit ? ` (${m.unit})` : ""}`,
          m.baseline
            ? `${formatValue(m.baseline.value, "decimal")}${m.baseline.date ? ` (${m.baseline.date})` : ""}${m.baseline.evidence ? ` [${m.baseline.evidence}]` : ""}`
            : "(no baseline)",
          m.target ? `${formatValue(m.target.value, "decimal")} by ${m.target.date}` : "(to be set)",
        ]);
      }),
      source: null,
    });
    const actions = section.objectives.flatMap((o) => o.actions.map((a) => ({ o, a })));
    if (actions.length > 0)
      blocks.push({
        kind: "table",
        title: "Actions",
        columns: ["Action", "Objective", "Owner", "Start", "Due", "Status"],
        rows: actions.map(({ o, a }) => [
          a.text,
          o.id,
          a.owner ?? "–",
          a.start ?? "–",
          a.due ?? "–",
          a.status,
        ]),
        source: null,
      });
  }
  if (section.risks.length > 0)
    blocks.push({
      kind: "table",
      title: "Risks",
      columns: ["Risk", "Likelihood", "Impact", "Owner", "Mitigation", "Evidence"],
      rows: section.risks.map((r) => [
        r.text,
        r.likelihood === null ? "(to score)" : String(r.likelihood),
        r.impact === null ? "(to score)" : String(r.impact),
        r.owner ?? "–",
        r.mitigation || "–",
        r.evidence ?? "–",
      ]),
      source: null,
    });
  const comments = input.comments.filter((c) => c.section === section.id);
  if (comments.length > 0)
    blocks.push({
      kind: "table",
      title: "Comments",
      columns: ["When", "By", "Role", "Revision", "Comment"],
      rows: comments.map((c) => [c.at.slice(0, 10), c.by, c.role, String(c.revision), c.text]),
      source: null,
    });
  if (section.id === "partners") blocks.push(...partnerBlocks(input));
  if (section.id === "engagement") blocks.push(...engagementBlocks(input));
  return blocks;
}

function partnerBlocks(input: DocumentInput): DocBlock[] {
  const counts = new Map<string, number>();
  for (const o of input.organisations) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  const added = input.organisations.filter((o) => !o.fromData);
  const blocks: DocBlock[] = [
    {
      kind: "table",
      title: "Organisations of the system",
      columns: ["Kind", "Number"],
      rows: [...counts.entries()].map(([k, n]) => [
        ORGANISATION_KINDS[k as keyof typeof ORGANISATION_KINDS],
        String(n),
      ]),
      source: null,
    },
  ];
  if (added.length > 0)
    blocks.push({
      kind: "table",
      title: "System partners",
      columns: ["Organisation", "Kind", "Code"],
      rows: added.map((o) => [o.name, ORGANISATION_KINDS[o.kind], o.code ?? "–"]),
      source: null,
    });
  return blocks;
}

function engagementBlocks(input: DocumentInput): DocBlock[] {
  const s = input.engagementSummary;
  const names = new Map(input.organisations.map((o) => [o.key, o.name]));
  if (s.records === 0) return [{ kind: "note", text: "No engagement is recorded yet." }];
  return [
    {
      kind: "paragraph",
      text: `${s.records} engagement records with ${s.attendees} attendances: ${s.bySetting.primary} from primary care, ${s.bySetting.community} from community care and ${s.bySetting.other} others.`,
    },
    {
      kind: "table",
      title: "Who was involved, by staff group",
      columns: ["Staff group", "Setting", "Attendances", "Records"],
      rows: s.byStaffGroup.map((g) => [g.label, g.setting, String(g.attendees), String(g.records)]),
      source: null,
    },
    {
      kind: "table",
      title: "Engagement log",
      columns: ["Date", "Kind", "Forum", "Organisations", "Setting", "Asked", "Heard"],
      rows: input.engagement.map((r) => [
        r.date,
        r.kind,
        r.forum,
        r.organisations.map((k) => names.get(k) ?? k).join("; ") || "–",
        r.settings.join(", "),
        r.asked || "–",
        r.heard || "–",
      ]),
      source: null,
    },
    {
      kind: "table",
      title: "You said, we did",
      columns: ["Section", "Date", "Forum", "We did"],
      rows: s.shaped.flatMap((x) => x.changes.map((c) => [x.section, c.date, c.forum, c.weDid])),
      source: null,
    },
  ];
}

export function planDocument(input: DocumentInput): PlanDocument {
  const { plan } = input;
  const c = plan.content;
  const gaps = input.compliance.filter((f) => !f.met).map((f) => `${f.title}: ${f.detail}`);
  const chapters: DocChapter[] = [
    {
      title: "About this plan",
      blocks: [
        {
          kind: "paragraph",
          text:
            `Area: ${c.area.name} (${c.area.code}).` +
            (c.area.footprint ? ` ${c.area.footprint}.` : "") +
            ` State: ${STATE_LABELS[plan.state]}, revision ${plan.revision}.`,
        },
        { kind: "paragraph", text: `Senior responsible owner: ${c.sro ?? "not yet named"}.` },
        {
          kind: "paragraph",
          text: c.ehia
            ? `Equality and health inequalities impact assessment (${c.ehia.date}): ${c.ehia.summary}`
            : "Equality and health inequalities impact assessment: not yet recorded.",
        },
        {
          kind: "paragraph",
          text: c.hwbStatement
            ? `Health and Wellbeing Board statement (${c.hwbStatement.board}, ${c.hwbStatement.date}): ${c.hwbStatement.text}`
            : "Health and Wellbeing Board statement: not yet recorded.",
        },
      ],
    },
    ...c.sections.map((s) => ({ title: s.title, blocks: sectionBlocks(s, input) })),
    {
      title: "Compliance check",
      blocks: [
        {
          kind: "table",
          title: "Rules",
          columns: ["Rule", "Met", "Detail", "Source"],
          rows: input.compliance.map((f) => [f.title, f.met ? "yes" : "NO", f.detail, f.source]),
          source: null,
        },
      ],
    },
    {
      title: "Sign-off history",
      blocks:
        input.signOffs.length === 0
          ? [{ kind: "note", text: "No step has been taken: the plan is a draft." }]
          : [
              {
                kind: "table",
                title: "Steps",
                columns: ["When", "Step", "Version", "By", "Role", "Organisation", "Note"],
                rows: input.signOffs.map((s) => [
                  formatTimestamp(s.at),
                  STEP_RULES[s.step].label,
                  String(s.version),
                  s.by,
                  PLAN_ROLES[s.role].split(" (")[0]!,
                  s.organisation ?? "–",
                  s.note || "–",
                ]),
                source: null,
              },
              {
                kind: "table",
                title: "Versions",
                columns: ["Version", "Taken", "By", "Note"],
                rows: input.versions.map((v) => [String(v.number), date(v.createdAt), v.createdBy, v.note]),
                source: null,
              },
            ],
    },
    {
      title: "Evidence",
      blocks: [
        {
          kind: "paragraph",
          text: "Every figure, table and chart of this plan comes from one of these evidence items: the use case and request that made it, and the datasets (with the period of their data) it used.",
        },
        {
          kind: "table",
          title: "Evidence items",
          columns: ["Key", "Evidence", "Use case", "Data (period)", "Made", "Status"],
          rows: input.evidence.map((e) => {
            const f = input.freshness.find((x) => x.key === e.key);
            return [
              e.key,
              e.title,
              e.useCase,
              e.datasets.length > 0
                ? e.datasets.map((d) => `${d.source} (${d.period})`).join("; ")
                : e.unavailable
                  ? `not available: ${e.unavailable}`
                  : "–",
              date(e.createdAt),
              !f ? "–" : f.fresh ? "up to date" : `OUT OF DATE: ${f.changes.join("; ")}`,
            ];
          }),
          source: null,
        },
      ],
    },
  ];
  return {
    title: c.title,
    subtitle: `${c.area.name} (${c.area.code})${c.area.footprint ? `; ${c.area.footprint}` : ""}`,
    state: STATE_LABELS[plan.state],
    synthetic: c.synthetic,
    generatedAt: input.generatedAt,
    gaps,
    chapters,
  };
}
