// Equity audit of an ICB or England: money and staff per head by national IMD quintile of practices, with a
// concentration index for each measure (concentration.ts), before and after a flexed allocation.
//
// Measures (each a ratio of sums over the practices that have both figures):
//   payments per registered patient  — Total NHS Payments to General Practice ÷ registered (payments year);
//   payments per weighted patient    — the same ÷ the published weighted list (need-adjusted);
//   GP FTE per 10,000                — GPs excluding trainees and locums ÷ list × 10,000;
//   ARRS FTE per 10,000              — ARRS-role FTE of the practice's PCN apportioned by list ÷ list × 10,000;
//   entitlement per registered patient (contract year, entitlements.ts);
//   allocation per head before (equal per head) and after (the flexed method).
import type { OrgRef } from "../../model/organisation.ts";
import { quintileOfDecile } from "../../model/funding.ts";
import { concentrationIndex } from "./concentration.ts";
import { imdScore } from "./features.ts";

export interface AuditPractice {
  code: string;
  name: string;
  icb: OrgRef;
  subIcb: OrgRef;
  listSize: number | null;
  weighted: number | null;
  deprivation: { decile: number; score: number | null } | null;
  gpFte: number | null;
  arrsFte: number | null;
  payment: {
    fiscalYear: string;
    registered: number | null;
    weighted: number | null;
    total: number | null;
  } | null;
  /** £ in the contract year. */
  entitlement: number | null;
  /** Allocations in pence. */
  before: number | null;
  after: number | null;
}

export type MeasureId =
  | "paymentsPerRegistered"
  | "paymentsPerWeighted"
  | "gpFtePer10k"
  | "arrsFtePer10k"
  | "entitlementPerHead"
  | "beforePerHead"
  | "afterPerHead";

interface MeasureSpec {
  id: MeasureId;
  label: string;
  /** Numerator and denominator of a practice, or null when it lacks either. */
  parts: (p: AuditPractice) => [number, number] | null;
  scale: number;
}

const positive = (v: number | null | undefined): v is number => v !== null && v !== undefined && v > 0;

export const MEASURES: readonly MeasureSpec[] = [
  {
    id: "paymentsPerRegistered",
    label: "payments £ per registered patient",
    parts: (p) =>
      p.payment && p.payment.total !== null && positive(p.payment.registered)
        ? [p.payment.total, p.payment.registered]
        : null,
    scale: 1,
  },
  {
    id: "paymentsPerWeighted",
    label: "payments £ per weighted patient",
    parts: (p) =>
      p.payment && p.payment.total !== null && positive(p.payment.weighted)
        ? [p.payment.total, p.payment.weighted]
        : null,
    scale: 1,
  },
  {
    id: "gpFtePer10k",
    label: "GP FTE per 10,000",
    parts: (p) => (p.gpFte !== null && positive(p.listSize) ? [p.gpFte, p.listSize] : null),
    scale: 10_000,
  },
  {
    id: "arrsFtePer10k",
    label: "ARRS FTE per 10,000",
    parts: (p) => (p.arrsFte !== null && positive(p.listSize) ? [p.arrsFte, p.listSize] : null),
    scale: 10_000,
  },
  {
    id: "entitlementPerHead",
    label: "entitlement £ per registered patient",
    parts: (p) => (p.entitlement !== null && positive(p.listSize) ? [p.entitlement, p.listSize] : null),
    scale: 1,
  },
  {
    id: "beforePerHead",
    label: "allocation £ per head, before (equal per head)",
    parts: (p) => (p.before !== null && positive(p.listSize) ? [p.before / 100, p.listSize] : null),
    scale: 1,
  },
  {
    id: "afterPerHead",
    label: "allocation £ per head, after (flexed)",
    parts: (p) => (p.after !== null && positive(p.listSize) ? [p.after / 100, p.listSize] : null),
    scale: 1,
  },
];

export interface QuintileRow {
  /** 1 = most deprived fifth nationally; null = deprivation unknown; 0 = all practices. */
  quintile: number | null;
  label: string;
  practices: number;
  registered: number;
  weighted: number;
  values: Record<MeasureId, number | null>;
}

export interface EquityAudit {
  quintiles: QuintileRow[];
  all: QuintileRow;
  /** Concentration index of each measure across practices (negative = concentrated among the more deprived). */
  concentration: Record<MeasureId, number | null>;
  /** Practices each measure covers. */
  coverage: Record<MeasureId, number>;
}

function row(quintile: number | null, label: string, members: readonly AuditPractice[]): QuintileRow {
  const values = {} as Record<MeasureId, number | null>;
  for (const m of MEASURES) {
    let num = 0;
    let den = 0;
    for (const p of members) {
      const parts = m.parts(p);
      if (!parts) continue;
      num += parts[0];
      den += parts[1];
    }
    values[m.id] = den > 0 ? (m.scale * num) / den : null;
  }
  return {
    quintile,
    label,
    practices: members.length,
    registered: members.reduce((a, p) => a + (p.listSize ?? 0), 0),
    weighted: members.reduce((a, p) => a + (p.weighted ?? 0), 0),
    values,
  };
}

const QUINTILE_LABELS = ["Q1 (most deprived)", "Q2", "Q3", "Q4", "Q5 (least deprived)"];

export function buildEquityAudit(practices: readonly AuditPractice[]): EquityAudit {
  const quintiles: QuintileRow[] = [];
  for (let q = 1; q <= 5; q++)
    quintiles.push(
      row(
        q,
        QUINTILE_LABELS[q - 1]!,
        practices.filter((p) => p.deprivation && quintileOfDecile(p.deprivation.decile) === q),
      ),
    );
  const unknown = practices.filter((p) => !p.deprivation);
  if (unknown.length > 0) quintiles.push(row(null, "deprivation unknown", unknown));
  const concentration = {} as Record<MeasureId, number | null>;
  const coverage = {} as Record<MeasureId, number>;
  for (const m of MEASURES) {
    const items = practices.flatMap((p) => {
      const parts = m.parts(p);
      const score = imdScore(p.deprivation);
      return parts && score !== null
        ? [{ weight: parts[1], value: (m.scale * parts[0]) / parts[1], deprivation: score }]
        : [];
    });
    concentration[m.id] = concentrationIndex(items);
    coverage[m.id] = items.length;
  }
  return { quintiles, all: row(0, "all practices", practices), concentration, coverage };
}
