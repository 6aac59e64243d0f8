// Renders GP partner change by area: the ranked table (fastest-losing first) and the caveats of the data.
import type { PartnerChangeRow, PartnerChanges } from "../../engines/workforce/partners.ts";
import { formatCount, formatDecimal, formatPercent, renderTable } from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

type Cell = string | number | boolean | null;

const r1 = (v: number | null) => (v === null ? "–" : formatDecimal(v, 1));
const signed = (v: number | null) => (v === null ? "–" : `${v > 0 ? "+" : ""}${formatDecimal(v, 1)}`);
const signedPct = (v: number | null) => (v === null ? "–" : `${v > 0 ? "+" : ""}${formatPercent(v)}`);
const pct = (v: number | null) => (v === null ? "–" : formatPercent(v));
const round = (v: number | null, digits = 3) => (v === null ? null : Number(v.toFixed(digits)));

const LEVEL = { icb: "ICB", "sub-icb": "place", pcn: "PCN", practice: "practice" } as const;

function cells(r: PartnerChangeRow, rank: string): string[] {
  return [
    rank,
    r.area.name.length > 44 ? `${r.area.name.slice(0, 43)}…` : r.area.name,
    r.area.code,
    ...(r.icb ? [r.icb.code] : []),
    formatCount(r.from.practices),
    r1(r.from.partnerFte),
    r1(r.to.partnerFte),
    signed(r.fte.absolute),
    signedPct(r.fte.fraction),
    signed(r.hc.absolute),
    pct(r.from.partnerShare),
    pct(r.to.partnerShare),
    `${r.practicesGone}/${r.practicesNew}`,
  ];
}

export function renderPartners(
  p: PartnerChanges & { footprint?: string | null },
  fastestLosing: boolean,
): string {
  const out: string[] = [];
  if (p.synthetic) out.push(SYNTHETIC_BANNER, "");
  out.push(
    `GP partners, ${p.scope.name}: ${p.from.label} → ${p.to.label}, by ${LEVEL[p.by]}` +
      (fastestLosing
        ? `, fastest-losing first (ranked by ${p.rank === "pct" ? "percentage" : "FTE"} change)`
        : ""),
    ...(p.footprint ? [`Footprint: ${p.footprint}`] : []),
    "",
  );
  const withIcb = p.by !== "icb";
  const header = [
    "#",
    LEVEL[p.by] === "ICB" ? "ICB" : LEVEL[p.by][0]!.toUpperCase() + LEVEL[p.by].slice(1),
    "Code",
    ...(withIcb ? ["ICB"] : []),
    "Practices",
    `FTE ${p.from.label}`,
    `FTE ${p.to.label}`,
    "Δ FTE",
    "Δ %",
    "Δ HC",
    `Share ${p.from.label}`,
    `Share ${p.to.label}`,
    "Gone/new",
  ];
  const total = cells(p.total, "");
  if (withIcb) total.splice(3, 0, "");
  out.push(renderTable(header, [total, ...p.rows.map((r) => cells(r, String(r.rank)))]), "");
  if (p.rows.length < p.ranked) out.push(`First ${p.rows.length} of ${formatCount(p.ranked)} ranked.`);
  out.push(
    "Share = partner FTE ÷ GP FTE (GPs excluding trainees and locums). Gone/new = practices with partner " +
      "figures in the first period only / the last period only.",
  );
  for (const c of p.caveats) out.push(`Note: ${c}`);
  if (p.synthetic) out.push("", SYNTHETIC_BANNER);
  return out.join("\n");
}

export function partnerRecords(p: PartnerChanges): Record<string, Cell>[] {
  return p.rows.map((r) => ({
    rank: r.rank,
    level: p.by,
    area_code: r.area.code,
    area_name: r.area.name,
    icb_code: r.icb?.code ?? null,
    from_period: p.from.label,
    to_period: p.to.label,
    practices_from: r.from.practices,
    practices_to: r.to.practices,
    partner_fte_from: round(r.from.partnerFte),
    partner_fte_to: round(r.to.partnerFte),
    partner_fte_change: round(r.fte.absolute),
    partner_fte_change_pct: round(r.fte.fraction, 4),
    partner_hc_from: round(r.from.partnerHc),
    partner_hc_to: round(r.to.partnerHc),
    partner_hc_change: round(r.hc.absolute),
    gp_fte_from: round(r.from.gpFte),
    gp_fte_to: round(r.to.gpFte),
    partner_share_from: round(r.from.partnerShare, 4),
    partner_share_to: round(r.to.partnerShare, 4),
    practices_gone: r.practicesGone,
    practices_new: r.practicesNew,
    synthetic: p.synthetic,
  }));
}
