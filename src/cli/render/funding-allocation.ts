// Renders an allocation: the method and its formula, the bounds, then one line per practice or network
// explaining how its amount was reached (component shares → need share → before bounds → bound → pence).
import type { AllocationReport } from "../../app/funding-allocation.ts";
import { NEED_COMPONENTS, type Bound } from "../../engines/funding/allocation.ts";
import type { OutputFormat } from "../output.ts";
import { renderRecords } from "../output.ts";
import { count, decimal, frame, json, penceToPounds, percent, pounds } from "./funding-format.ts";

const COMPONENT_LABEL = {
  registered: "registered list",
  weighted: "weighted population",
  hi: "health-inequalities population",
} as const;

export function describeBound(b: Bound | undefined): string {
  if (!b) return "none";
  if (b.kind === "amount") return `${penceToPounds(b.pence)} per unit`;
  if (b.kind === "per-head") return `${pounds(b.pence / 100, 2)} per registered patient`;
  return `${percent(b.fraction, 1)} of the unit's equal per-head share`;
}

export function methodLine(weights: Record<string, number>, method: string): string {
  const parts = NEED_COMPONENTS.filter((c) => weights[c]! > 0).map(
    (c) =>
      `${percent(weights[c]!, weights[c]! * 100 === Math.round(weights[c]! * 100) ? 0 : 1)} ${COMPONENT_LABEL[c]}`,
  );
  return `${method}: ${parts.join(" + ")}`;
}

export function allocationRows(report: AllocationReport) {
  return report.allocation.lines.map((l) => ({
    code: l.code,
    name: l.name,
    practices: l.practices.length,
    registered: l.registered,
    weighted: l.weighted === null ? null : Math.round(l.weighted * 100) / 100,
    hi_population: l.hiPopulation === null ? null : Math.round(l.hiPopulation),
    registered_share: l.shares.registered,
    weighted_share: l.shares.weighted,
    hi_share: l.shares.hi,
    need_share: l.needShare,
    unbounded_pence: Math.round(l.unbounded * 100) / 100,
    bound: l.bound,
    exact_pence: Math.round(l.exact * 1000) / 1000,
    pence: l.pence,
    pounds: l.pence / 100,
    per_head: Math.round((l.pence / l.registered) * 100) / 10_000,
    equal_pence: Math.round(l.equalPence * 100) / 100,
    vs_equal_pence: Math.round((l.pence - l.equalPence) * 100) / 100,
    notes: l.notes.join("; "),
  }));
}

export function renderAllocation(report: AllocationReport, format: OutputFormat): string {
  const a = report.allocation;
  if (format === "json") return json(report.synthetic, report);
  if (format === "csv") return renderRecords(allocationRows(report), "csv");
  const unit = report.unitKind === "practice" ? "practices" : "networks";
  const body = [
    `Allocation of ${penceToPounds(a.request.fundPence)} across ${count(a.lines.length)} ${unit} of ${report.areaLabel} (map of ${report.date})`,
    ...(report.footprint ? [report.footprint] : []),
    `Method ${methodLine(a.request.weights, a.request.method)}`,
    "need share of unit i = Σ_c weight_c × X_ci ÷ Σ_j X_cj over the components c above; " +
      "amount_i = clamp(λ × need share_i, floor_i, cap_i), λ set so the amounts sum to the fund " +
      `(${a.iterations} iteration${a.iterations === 1 ? "" : "s"}), then whole pence by largest remainder.`,
    ...(a.request.weights.hi > 0 ? [report.hiBasis] : []),
    `Floor ${describeBound(a.request.floor)}; cap ${describeBound(a.request.cap)}.`,
    "",
    renderRecords(
      a.lines.map((l) => ({
        code: l.code,
        name: l.name.length > 32 ? `${l.name.slice(0, 31)}…` : l.name,
        registered: count(l.registered),
        weighted: count(l.weighted),
        ...(a.request.weights.hi > 0 ? { "HI pop": count(l.hiPopulation) } : {}),
        "need share": percent(l.needShare, 3),
        "before bounds": pounds(l.unbounded / 100),
        bound: l.bound ?? "",
        amount: penceToPounds(l.pence),
        "£/head": decimal(l.pence / 100 / l.registered, 3),
        "vs equal": `${l.pence - l.equalPence >= 0 ? "+" : "-"}${pounds(Math.abs(l.pence - l.equalPence) / 100)}`,
        notes: l.notes.join("; "),
      })),
      "table",
    ),
    "",
    `Total ${penceToPounds(a.totalPence)} = the fund to the penny (${count(a.totalPence)} pence); ` +
      `${a.lines.filter((l) => l.bound === "floor").length} at the floor, ${a.lines.filter((l) => l.bound === "cap").length} at the cap.`,
    ...(report.saved
      ? [
          `Saved as scenario '${report.saved.name}'${report.saved.replaced ? " (replacing the earlier one)" : ""}.`,
        ]
      : []),
  ];
  return frame(report.synthetic, body, report.caveats);
}
