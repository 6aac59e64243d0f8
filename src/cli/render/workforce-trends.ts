// Renders workforce trends: a table per area and period with the change from the previous period, then the
// change from first to last period per area; or one CSV/JSON record per area and period.
import type { PeriodFigures } from "../../engines/workforce/figures.ts";
import type { AreaSeries, WorkforceTrends } from "../../engines/workforce/trends.ts";
import type { Footprint } from "../../model/footprint.ts";
import { fiscalYearLabel } from "../../model/workforce.ts";
import { formatCount, formatDecimal, formatPercent, renderTable } from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

type Cell = string | number | boolean | null;

const r1 = (v: number | null) => (v === null ? "–" : formatDecimal(v, 1));
const r2 = (v: number | null) => (v === null ? "–" : formatDecimal(v, 2));
const pct = (v: number | null) => (v === null ? "–" : formatPercent(v));
const signed = (v: number | null, digits = 1) =>
  v === null ? "–" : `${v > 0 ? "+" : ""}${formatDecimal(v, digits)}`;
const signedPct = (v: number | null) => (v === null ? "–" : `${v > 0 ? "+" : ""}${formatPercent(v)}`);
const round = (v: number | null, digits = 3) => (v === null ? null : Number(v.toFixed(digits)));

const LEVEL_LABEL = { england: "England", icb: "ICB", "sub-icb": "Place", pcn: "PCN", practice: "Practice" };

function seriesRows(s: AreaSeries): string[][] {
  return s.points.map((p) => {
    const f = p.figures;
    return [
      s.area.code,
      p.label,
      formatCount(f.practices),
      formatCount(f.patients),
      r1(f.staff.gpFte),
      r1(f.staff.gpHc),
      r1(f.staff.partnerFte),
      pct(f.partnerShareFte),
      r1(f.staff.nursesFte),
      r1(f.staff.dpcFte),
      r1(f.staff.adminFte),
      r2(f.per10k.gpFte),
      r2(f.gpFtePer10kWeighted),
      signed(p.fromPrevious?.gpFte.absolute ?? null),
      signedPct(p.fromPrevious?.gpFte.fraction ?? null),
    ];
  });
}

/** Trends as the use case gives them: with the ICB footprint counted over, and the ICB's lineage. */
type Footprinted = WorkforceTrends & { footprint?: Footprint; lineage?: string | null };

export function renderTrends(t: Footprinted): string {
  const out: string[] = [];
  if (t.synthetic) out.push(SYNTHETIC_BANNER, "");
  const first = t.periods[0]?.label ?? "";
  const last = t.periods[t.periods.length - 1]?.label ?? "";
  out.push(
    `General practice workforce, ${t.scope.name}${t.scope.code !== "ENG" ? ` (${t.scope.code})` : ""}: ` +
      `${first} to ${last}, by ${LEVEL_LABEL[t.by].toLowerCase()} (areas of the ${t.map.period} map)`,
  );
  if (t.footprint) out.push(`Footprint: ${t.footprint.label}`);
  if (t.lineage) out.push(t.lineage);
  out.push("");
  const header = [
    "Area",
    "Period",
    "Practices",
    "Patients",
    "GP FTE",
    "GP HC",
    "Partner FTE",
    "Partner %",
    "Nurse FTE",
    "DPC FTE",
    "Admin FTE",
    "GP/10k",
    "GP/10k wtd",
    "ΔGP FTE",
    "ΔGP %",
  ];
  out.push(renderTable(header, [...seriesRows(t.total), ...t.areas.flatMap(seriesRows)]), "");
  out.push(`Change from first to last period with figures (${LEVEL_LABEL[t.by]}):`);
  out.push(
    renderTable(
      ["Area", "Code", "GP FTE", "Δ", "Δ%", "GP/10k Δ", "Partner FTE", "Δ", "Δ%", "Partners from → to"],
      [t.total, ...t.areas].map((s) => {
        const c = s.changes;
        return [
          s.area.name.length > 48 ? `${s.area.name.slice(0, 47)}…` : s.area.name,
          s.area.code,
          r1(c.gpFte.to),
          signed(c.gpFte.absolute),
          signedPct(c.gpFte.fraction),
          signed(c.gpFtePer10k.absolute, 2),
          r1(c.partnerFte.to),
          signed(c.partnerFte.absolute),
          signedPct(c.partnerFte.fraction),
          c.partnerFte.fromYear ? `${c.partnerFte.fromYear} → ${c.partnerFte.toYear ?? "–"}` : "–",
        ];
      }),
    ),
    "",
  );
  for (const u of t.unplaced) {
    out.push(
      `Not placed in any ${LEVEL_LABEL[t.by].toLowerCase()} in ${fiscalYearLabel(u.fiscalYear)}: ` +
        `${formatCount(u.practices)} practices, ${r1(u.gpFte)} GP FTE (counted in the ${t.scope.name} total).`,
    );
  }
  out.push(
    "Sources: " + [...new Set(t.periods.map((p) => `${p.dataset.title} (${p.dataset.period})`))].join("; "),
  );
  for (const c of t.caveats) out.push(`Note: ${c}`);
  if (t.synthetic) out.push("", SYNTHETIC_BANNER);
  return out.join("\n");
}

function figureCells(f: PeriodFigures): Record<string, Cell> {
  return {
    practices: f.practices,
    patients: round(f.patients, 1),
    weighted_patients: round(f.weightedPatients, 1),
    gp_fte: round(f.staff.gpFte),
    gp_hc: round(f.staff.gpHc),
    partner_fte: round(f.staff.partnerFte),
    partner_hc: round(f.staff.partnerHc),
    salaried_other_fte: round(f.salariedOtherFte),
    locum_trainee_fte: round(f.staff.locumTraineeFte),
    locum_trainee_hc: round(f.staff.locumTraineeHc),
    nurses_fte: round(f.staff.nursesFte),
    nurses_hc: round(f.staff.nursesHc),
    dpc_fte: round(f.staff.dpcFte),
    dpc_hc: round(f.staff.dpcHc),
    admin_fte: round(f.staff.adminFte),
    admin_hc: round(f.staff.adminHc),
    gp_fte_per_10k: round(f.per10k.gpFte, 4),
    gp_fte_per_10k_weighted: round(f.gpFtePer10kWeighted, 4),
    partner_fte_per_10k: round(f.per10k.partnerFte, 4),
    locum_trainee_fte_per_10k: round(f.per10k.locumTraineeFte, 4),
    nurses_fte_per_10k: round(f.per10k.nursesFte, 4),
    dpc_fte_per_10k: round(f.per10k.dpcFte, 4),
    admin_fte_per_10k: round(f.per10k.adminFte, 4),
    patients_per_gp_fte: round(f.patientsPerGpFte, 1),
    partner_share_fte: round(f.partnerShareFte, 4),
    partner_share_hc: round(f.partnerShareHc, 4),
  };
}

/** One record per area and period (England or the ICB first), for CSV, with the ICB footprint counted over. */
export function trendRecords(t: Footprinted): Record<string, Cell>[] {
  return [t.total, ...t.areas].flatMap((s) =>
    s.points.map((p) => ({
      level: s.level,
      area_code: s.area.code,
      area_name: s.area.name,
      icb_code: s.icb?.code ?? null,
      period: p.label,
      fiscal_year_end: p.fiscalYear,
      ...figureCells(p.figures),
      gp_fte_change: round(p.fromPrevious?.gpFte.absolute ?? null),
      gp_fte_change_pct: round(p.fromPrevious?.gpFte.fraction ?? null, 4),
      partner_fte_change: round(p.fromPrevious?.partnerFte.absolute ?? null),
      partner_fte_change_pct: round(p.fromPrevious?.partnerFte.fraction ?? null, 4),
      synthetic: t.synthetic,
      footprint_from: t.footprint?.from ?? null,
      footprint_map: t.footprint?.map.period ?? null,
    })),
  );
}
