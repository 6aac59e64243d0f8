// Renders ARRS by PCN: entitlement, cost of the role mix at the maxima and headroom per PCN (or the roles
// of one PCN), the roles in total with their maxima and caps, and every unverified figure used.
import type { ArrsResult, ArrsRoleLine, PcnArrs } from "../../engines/workforce/arrs.ts";
import { formatCount, formatDecimal, formatMoney, renderTable } from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

type Cell = string | number | boolean | null;

const money = (v: number | null) => formatMoney(v);
const BOUND_MARK = { exact: "", upper: "≤", lower: "≥", approximate: "≈" } as const;
/** Headroom: "not computed" when it is not, else the amount with ≤ / ≥ / ≈ when it is a bound. */
const headroomText = (f: { headroom: number | null; headroomBound: keyof typeof BOUND_MARK }) =>
  f.headroom === null ? "not computed" : `${BOUND_MARK[f.headroomBound]}${formatMoney(f.headroom)}`;
const fte = (v: number) => formatDecimal(v, 2);
const round = (v: number | null, digits = 2) => (v === null ? null : Number(v.toFixed(digits)));

function roleTable(lines: readonly ArrsRoleLine[]): string {
  return renderTable(
    ["Role", "FTE", "Records", "Maximum", "Cost", "Cap per PCN"],
    lines.map((l) => [
      l.role,
      fte(l.fte),
      formatCount(l.records),
      l.maxReimbursement === null
        ? "not configured"
        : `${money(l.maxReimbursement)}${l.unverified ? "*" : ""}${l.costIsUpperBound ? " (≥)" : ""}${l.maxFromYear ? ` (${l.maxFromYear})` : ""}${l.reimbursedShare !== 1 ? ` × ${l.reimbursedShare * 100}%` : ""}`,
      l.cost === null ? "not computed" : money(l.cost),
      l.capPerPcn ?? "",
    ]),
  );
}

export function renderArrs(r: ArrsResult & { footprint?: string | null }): string {
  const out: string[] = [];
  if (r.synthetic) out.push(SYNTHETIC_BANNER, "");
  const scope = r.scope.pcn
    ? `${r.scope.pcn.name} (${r.scope.pcn.code})`
    : r.scope.icb
      ? `ICB ${r.scope.icb}`
      : "every PCN of the census";
  out.push(
    `Additional Roles Reimbursement Scheme, ${scope}: PCN workforce census ${r.census.period}; ` +
      `contract year ${r.year.year} figures${r.year.unverified ? " (some unverified)" : ""}`,
    `Entitlement basis: the ${r.year.year} rate (${r.yearBasis === "requested" ? "the year asked" : r.yearBasis === "census" ? "the census's contract year" : "the newest configured year"}) × ` +
      `the weighted populations of funding entitlements on the same date (see the notes); ` +
      `the two commands give one ARRS figure for the same --year and --date`,
    ...(r.footprint ? [`Footprint: ${r.footprint}`] : []),
    "",
  );
  const t = r.total;
  out.push(
    `PCNs                 ${formatCount(r.pcns.length)} (${formatCount(t.practices)} member practices)`,
    `Weighted population  ${t.weightedPopulation === null ? "–" : formatCount(t.weightedPopulation)}`,
    `Entitlement          ${money(t.entitlement)}`,
    `ARRS-role FTE        ${fte(t.arrsFte)} (${fte(t.costedFte)} costed, ${fte(t.uncostedFte)} without a configured maximum); other PCN staff ${fte(t.otherFte)} FTE`,
    `Cost at maxima       ${money(t.cost)}${t.uncostedFte > 1e-9 ? ` (costed FTE only)` : ""}`,
    `Headroom             ${headroomText(t)}${t.headroomNotComputed ? ` (${t.headroomNotComputed})` : ""}`,
    "",
  );
  if (!r.scope.pcn) {
    out.push(
      renderTable(
        [
          "PCN",
          "Code",
          "ICB",
          "Practices",
          "Weighted pop.",
          "Entitlement",
          "ARRS FTE",
          "Uncosted FTE",
          "Cost",
          "Headroom",
        ],
        r.pcns.map((p: PcnArrs) => [
          p.pcn.name.length > 40 ? `${p.pcn.name.slice(0, 39)}…` : p.pcn.name,
          p.pcn.code,
          p.icbCode ?? "",
          String(p.practices),
          p.weightedPopulation === null ? "–" : formatCount(p.weightedPopulation),
          money(p.entitlement),
          fte(p.arrsFte),
          fte(p.uncostedFte),
          money(p.cost),
          headroomText(p),
        ]),
      ),
      "",
    );
  }
  out.push("ARRS roles:", roleTable(r.roles), "");
  if (r.otherRoles.length > 0) {
    out.push(
      `Not ARRS roles in ${r.year.year} (not costed): ${r.otherRoles.map((o) => `${o.staffRole} ${fte(o.fte)}`).join("; ")} FTE.`,
    );
  }
  if (r.unverified.length > 0) {
    out.push("Unverified figures used (*):");
    for (const u of r.unverified) out.push(`  - ${u}`);
  }
  out.push(`Sources: ${r.year.sources.join("; ")}`);
  for (const c of r.caveats) out.push(`Note: ${c}`);
  if (r.synthetic) out.push("", SYNTHETIC_BANNER);
  return out.join("\n");
}

/** One record per PCN, or one per role when the result is one PCN's. */
export function arrsRecords(r: ArrsResult): Record<string, Cell>[] {
  if (r.scope.pcn) {
    return r.pcns.flatMap((p) =>
      p.roles.map((l) => ({
        census: r.census.referenceDate,
        contract_year: r.year.year,
        pcn_code: p.pcn.code,
        role: l.role,
        fte: round(l.fte, 3),
        records: l.records,
        max_reimbursement: l.maxReimbursement,
        max_from_year: l.maxFromYear,
        reimbursed_share: l.reimbursedShare,
        cost_is_upper_bound: l.costIsUpperBound,
        cost: round(l.cost),
        cap_per_pcn: l.capPerPcn,
        unverified: l.unverified,
        synthetic: r.synthetic,
      })),
    );
  }
  return r.pcns.map((p) => ({
    census: r.census.referenceDate,
    contract_year: r.year.year,
    pcn_code: p.pcn.code,
    pcn_name: p.pcn.name,
    icb_code: p.icbCode,
    sub_icb_code: p.subIcbCode,
    practices: p.practices,
    weighted_population: round(p.weightedPopulation),
    practices_without_weighted: p.practicesWithoutWeighted,
    entitlement: round(p.entitlement),
    arrs_fte: round(p.arrsFte, 3),
    costed_fte: round(p.costedFte, 3),
    uncosted_fte: round(p.uncostedFte, 3),
    cost: round(p.cost),
    headroom: round(p.headroom),
    headroom_bound: p.headroomBound,
    headroom_not_computed: p.headroomNotComputed,
    other_fte: round(p.otherFte, 3),
    year_unverified: r.year.unverified ?? false,
    synthetic: r.synthetic,
  }));
}
