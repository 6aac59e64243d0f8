// Renders the partnership sustainability score: the ranked practices with the components that scored, the
// flagged practices by ICB or PCN, and for a single practice every component with value, thresholds and points.
import type { PracticeRisk, RiskComponent, RiskResult } from "../../engines/workforce/risk.ts";
import type { RiskComponentId } from "../../engines/workforce/risk-rules.ts";
import { formatCount, formatDecimal, formatPercent, renderTable } from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

type Cell = string | number | boolean | null;

function valueText(id: RiskComponentId, v: number | null): string {
  if (v === null) return "–";
  switch (id) {
    case "partners":
      return `${formatDecimal(v, 1)} FTE`;
    case "partner-change":
    case "list-growth":
      return `${v > 0 ? "+" : ""}${formatPercent(v)}`;
    case "locum-reliance":
      return formatPercent(v);
    case "patients-per-gp":
      return formatCount(v);
    case "deprivation":
      return `decile ${v}`;
  }
}

const thresholdText = (c: RiskComponent) =>
  c.thresholds
    .map((t) => `${t.comparison === "<=" ? "≤" : "≥"} ${valueText(c.id, t.value)} → ${t.points}`)
    .join("; ");

const why = (p: PracticeRisk) =>
  p.components
    .filter((c) => c.points > 0)
    .map((c) => `${c.label} ${c.value === null ? (c.note ?? "–") : valueText(c.id, c.value)} +${c.points}`)
    .join("; ");

export function renderRisk(r: RiskResult & { footprint?: string | null }): string {
  const out: string[] = [];
  if (r.synthetic) out.push(SYNTHETIC_BANNER, "");
  const scope = r.scope.pcn
    ? `${r.scope.pcn.name} (${r.scope.pcn.code})`
    : r.scope.icb
      ? `${r.scope.icb.name} (${r.scope.icb.code})`
      : "England";
  out.push(
    `Partnership sustainability, ${scope}: ${r.period.label}; flagged at ${r.flagPoints}+ points of ` +
      `${r.practices[0]?.maxScore ?? 13}. ${r.synthetic ? "Demo ICS" : "England"}: ${r.englandPatientsPerGpFte === null ? "–" : formatCount(r.englandPatientsPerGpFte)} patients per GP FTE, ` +
      `${r.englandLocumShare === null ? "–" : formatPercent(r.englandLocumShare)} of GP FTE locums and trainees.`,
    ...(r.footprint ? [`Footprint: ${r.footprint}`] : []),
    "",
  );
  if (r.practices.length === 1 && r.ranked === 1) {
    const p = r.practices[0]!;
    out.push(
      `${p.practice.name} (${p.practice.code}), ${p.pcn.name} (${p.pcn.code}), ${p.icb.code}: score ${p.score} of ${p.maxScore}` +
        `${p.flagged ? " (flagged)" : ""}; contract ${p.contractType ?? "unknown"}; ${p.patients === null ? "–" : formatCount(p.patients)} patients`,
      "",
      renderTable(
        ["Component", "Value", "Thresholds (→ points)", "Points", "Note"],
        p.components.map((c) => [
          c.label,
          c.status === "not-applicable" ? "n/a" : valueText(c.id, c.value),
          thresholdText(c),
          `${c.points}/${c.maxPoints}`,
          c.note ?? "",
        ]),
      ),
      "",
    );
  } else {
    out.push(
      renderTable(
        ["#", "Practice", "Code", "PCN", "ICB", "Patients", "Score", "Known", "Why"],
        r.practices.map((p) => [
          String(p.rank),
          p.practice.name.length > 34 ? `${p.practice.name.slice(0, 33)}…` : p.practice.name,
          p.practice.code,
          p.pcn.code,
          p.icb.code,
          p.patients === null ? "–" : formatCount(p.patients),
          `${p.score}${p.flagged ? "!" : ""}`,
          `${p.known}/${p.components.length}`,
          why(p),
        ]),
      ),
      "",
      `First ${r.practices.length} of ${formatCount(r.ranked)} practices ranked (! = flagged). ` +
        "Use --practice CODE to see every component with its thresholds.",
      "",
      renderTable(
        [r.scope.icb ? "PCN" : "ICB", "Code", "Practices", "Flagged", "Patients in flagged", "Mean score"],
        r.areas.map((a) => [
          a.area.name.length > 44 ? `${a.area.name.slice(0, 43)}…` : a.area.name,
          a.area.code,
          formatCount(a.practices),
          formatCount(a.flagged),
          formatCount(a.patientsFlagged),
          formatDecimal(a.meanScore, 2),
        ]),
      ),
      "",
    );
  }
  for (const c of r.caveats) out.push(`Note: ${c}`);
  if (r.synthetic) out.push("", SYNTHETIC_BANNER);
  return out.join("\n");
}

/** One record per practice: every component's value and points. */
export function riskRecords(r: RiskResult): Record<string, Cell>[] {
  return r.practices.map((p) => {
    const rec: Record<string, Cell> = {
      rank: p.rank,
      practice_code: p.practice.code,
      practice_name: p.practice.name,
      pcn_code: p.pcn.code,
      sub_icb_code: p.subIcb.code,
      icb_code: p.icb.code,
      period: r.period.label,
      patients: p.patients === null ? null : Number(p.patients.toFixed(1)),
      contract_type: p.contractType,
      score: p.score,
      max_score: p.maxScore,
      flagged: p.flagged,
      known_components: p.known,
    };
    for (const c of p.components) {
      const key = c.id.replaceAll("-", "_");
      rec[`${key}_value`] = c.value === null ? null : Number(c.value.toFixed(4));
      rec[`${key}_points`] = c.points;
      rec[`${key}_status`] = c.status;
    }
    rec.synthetic = r.synthetic;
    return rec;
  });
}
