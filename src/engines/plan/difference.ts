// A readable difference between two versions of a plan: what was added, removed or changed, section by
// section (narrative, objectives, measures, actions, risks), the plan's own fields, and the evidence
// figures that moved. Pure.
import type { EvidenceItem, Measure, PlanContent, PlanSection, PlanVersion } from "../../model/plan.ts";

export interface DifferenceLine {
  where: string;
  change: "added" | "removed" | "changed";
  text: string;
}

const short = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const json = (v: unknown) => JSON.stringify(v ?? null);

function measureText(m: Measure): string {
  const b = m.baseline ? `baseline ${m.baseline.value} (${m.baseline.date})` : "no baseline";
  const t = m.target ? `target ${m.target.value} by ${m.target.date}` : "no target";
  return `${m.name}: ${b}, ${t}`;
}

function byId<T extends { id: string }>(items: readonly T[]) {
  return new Map(items.map((i) => [i.id, i]));
}

function sectionLines(a: PlanSection, b: PlanSection, out: DifferenceLine[]) {
  const where = `§ ${b.title}`;
  if (json(a.narrative) !== json(b.narrative))
    out.push({ where, change: "changed", text: `narrative: ${short(b.narrative.join(" ") || "(none)")}` });
  const oa = byId(a.objectives);
  const ob = byId(b.objectives);
  for (const [id, o] of ob) {
    const before = oa.get(id);
    if (!before) {
      out.push({ where, change: "added", text: `objective: ${short(o.text)}` });
      continue;
    }
    if (before.text !== o.text)
      out.push({ where, change: "changed", text: `objective text: ${short(o.text)}` });
    if (json(before.aims) !== json(o.aims))
      out.push({
        where,
        change: "changed",
        text: `objective '${short(o.text, 40)}' aims: ${o.aims.join(", ")}`,
      });
    const ma = byId(before.measures);
    for (const m of o.measures) {
      const mb = ma.get(m.id);
      if (!mb) out.push({ where, change: "added", text: `measure ${measureText(m)}` });
      else if (json(mb) !== json(m))
        out.push({ where, change: "changed", text: `measure ${measureText(m)}` });
    }
    for (const m of before.measures)
      if (!o.measures.some((x) => x.id === m.id))
        out.push({ where, change: "removed", text: `measure ${m.name}` });
    const aa = byId(before.actions);
    for (const act of o.actions) {
      const prev = aa.get(act.id);
      if (!prev) out.push({ where, change: "added", text: `action: ${short(act.text)} (${act.status})` });
      else if (json(prev) !== json(act))
        out.push({
          where,
          change: "changed",
          text: `action '${short(act.text, 40)}': ${prev.status !== act.status ? `${prev.status} → ${act.status}` : "details"}`,
        });
    }
    for (const act of before.actions)
      if (!o.actions.some((x) => x.id === act.id))
        out.push({ where, change: "removed", text: `action: ${short(act.text)}` });
  }
  for (const [id, o] of oa)
    if (!ob.has(id)) out.push({ where, change: "removed", text: `objective: ${short(o.text)}` });
  const ra = byId(a.risks);
  for (const r of b.risks) {
    const prev = ra.get(r.id);
    if (!prev) out.push({ where, change: "added", text: `risk: ${short(r.text)}` });
    else if (json(prev) !== json(r)) out.push({ where, change: "changed", text: `risk: ${short(r.text)}` });
  }
  for (const r of a.risks)
    if (!b.risks.some((x) => x.id === r.id))
      out.push({ where, change: "removed", text: `risk: ${short(r.text)}` });
}

function fieldLines(a: PlanContent, b: PlanContent, out: DifferenceLine[]) {
  if (a.title !== b.title) out.push({ where: "plan", change: "changed", text: `title: ${b.title}` });
  if (a.sro !== b.sro)
    out.push({
      where: "plan",
      change: b.sro ? (a.sro ? "changed" : "added") : "removed",
      text: `SRO: ${b.sro ?? a.sro}`,
    });
  if (json(a.ehia) !== json(b.ehia))
    out.push({
      where: "plan",
      change: b.ehia ? (a.ehia ? "changed" : "added") : "removed",
      text: `EHIA${b.ehia ? ` of ${b.ehia.date}` : ""}`,
    });
  if (json(a.hwbStatement) !== json(b.hwbStatement))
    out.push({
      where: "plan",
      change: b.hwbStatement ? "added" : "removed",
      text: `HWB statement${b.hwbStatement ? ` (${b.hwbStatement.board})` : ""}`,
    });
}

/** Scalar figures of an evidence summary that differ, by dotted path (tables compared by row count). */
function summaryLines(a: EvidenceItem, b: EvidenceItem, out: DifferenceLine[]) {
  for (const [k, vb] of Object.entries(b.summary)) {
    const va = a.summary[k];
    if (Array.isArray(vb)) {
      if (!Array.isArray(va) || va.length !== vb.length || json(va) !== json(vb))
        out.push({
          where: `evidence ${b.key}`,
          change: "changed",
          text: `${k}: ${Array.isArray(va) ? va.length : 0} → ${vb.length} rows${Array.isArray(va) && va.length === vb.length ? " (values changed)" : ""}`,
        });
    } else if (json(va) !== json(vb))
      out.push({ where: `evidence ${b.key}`, change: "changed", text: `${k}: ${json(va)} → ${json(vb)}` });
  }
}

export function versionDifference(
  a: Pick<PlanVersion, "content" | "evidence">,
  b: Pick<PlanVersion, "content" | "evidence">,
): DifferenceLine[] {
  const out: DifferenceLine[] = [];
  fieldLines(a.content, b.content, out);
  const sa = new Map(a.content.sections.map((s) => [s.id, s]));
  for (const s of b.content.sections) {
    const prev = sa.get(s.id);
    if (!prev) out.push({ where: `§ ${s.title}`, change: "added", text: "section" });
    else sectionLines(prev, s, out);
  }
  for (const s of a.content.sections)
    if (!b.content.sections.some((x) => x.id === s.id))
      out.push({ where: `§ ${s.title}`, change: "removed", text: "section" });
  const ea = new Map(a.evidence.map((e) => [e.key, e]));
  for (const e of b.evidence) {
    const prev = ea.get(e.key);
    if (!prev) out.push({ where: `evidence ${e.key}`, change: "added", text: e.title });
    else summaryLines(prev, e, out);
  }
  for (const e of a.evidence)
    if (!b.evidence.some((x) => x.key === e.key))
      out.push({ where: `evidence ${e.key}`, change: "removed", text: e.title });
  return out;
}

export const differenceText = (lines: readonly DifferenceLine[]) =>
  lines.length === 0
    ? "no differences"
    : lines
        .map(
          (l) => `${l.change === "added" ? "+" : l.change === "removed" ? "-" : "~"} ${l.where}: ${l.text}`,
        )
        .join("\n");
