// The Funding page's allocation controls, pure (tested without a browser): the form's values as the
// request of POST /api/funding/allocate and the matching query of GET /api/funding/audit (so the audit's
// "after" figures are the allocation shown), and the allocation's lines summarised for the page.

export type AllocationMethod = "need" | "weighted" | "equal";

export interface AllocationForm {
  fund: string;
  method: AllocationMethod;
  /** The health-inequalities share as a percentage, as typed (need only). */
  hiPercent: string;
  floor: string;
  cap: string;
}

export const DEFAULT_ALLOCATION: AllocationForm = {
  fund: "1m",
  method: "need",
  hiPercent: "15",
  floor: "",
  cap: "",
};

export const METHOD_LABELS: Record<AllocationMethod, string> = {
  need: "Need: weighted population plus a health-inequalities share",
  weighted: "Weighted population (capitation) only",
  equal: "Equal per registered patient",
};

/**
 * The health-inequalities share as the API takes it (a fraction 0–1); a percentage that is no number is
 * sent as typed, so the API's problem names the field.
 */
function hiShareOf(f: AllocationForm): number | string | undefined {
  if (f.method !== "need" || f.hiPercent.trim() === "") return undefined;
  const n = Number(f.hiPercent.trim().replace(/%$/, ""));
  return Number.isFinite(n) ? Math.round(n * 1e6) / 1e8 : f.hiPercent;
}

/** The body of POST /api/funding/allocate (by practice, so the audit by quintile is of the same lines). */
export function allocateBody(f: AllocationForm, icb: string): Record<string, unknown> {
  const hi = hiShareOf(f);
  return {
    icb,
    fund: f.fund.trim(),
    method: f.method,
    by: "practice",
    ...(hi === undefined ? {} : { hiShare: hi }),
    ...(f.floor.trim() ? { floor: f.floor.trim() } : {}),
    ...(f.cap.trim() ? { cap: f.cap.trim() } : {}),
  };
}

/** The query of GET /api/funding/audit for the same allocation. */
export function auditParams(f: AllocationForm, icb: string): Record<string, string> {
  const hi = hiShareOf(f);
  return {
    icb,
    ...(f.fund.trim() ? { fund: f.fund.trim() } : {}),
    method: f.method,
    ...(hi === undefined ? {} : { hiShare: String(hi) }),
    ...(f.floor.trim() ? { floor: f.floor.trim() } : {}),
    ...(f.cap.trim() ? { cap: f.cap.trim() } : {}),
  };
}

export interface AllocationLine {
  code: string;
  name: string;
  registered: number;
  weighted: number | null;
  needShare: number;
  bound: "floor" | "cap" | null;
  pence: number;
  equalPence: number;
}

export interface AllocationAnswer {
  synthetic: boolean;
  areaLabel: string;
  allocation: {
    request: { fundPence: number; method: string; weights: Record<string, number> };
    lines: AllocationLine[];
    totalPence: number;
  };
  hiBasis: string;
  caveats: string[];
}

export interface AllocationSummary {
  units: number;
  totalPence: number;
  atFloor: number;
  atCap: number;
  /** Practices that gain (or lose) against equal per head, and the pence moved from the losers. */
  gaining: number;
  losing: number;
  movedPence: number;
}

export function summariseAllocation(lines: readonly AllocationLine[]): AllocationSummary {
  let totalPence = 0;
  let atFloor = 0;
  let atCap = 0;
  let gaining = 0;
  let losing = 0;
  let moved = 0;
  for (const l of lines) {
    totalPence += l.pence;
    if (l.bound === "floor") atFloor++;
    if (l.bound === "cap") atCap++;
    const d = l.pence - l.equalPence;
    if (d > 0.5) gaining++;
    else if (d < -0.5) {
      losing++;
      moved -= d;
    }
  }
  return { units: lines.length, totalPence, atFloor, atCap, gaining, losing, movedPence: Math.round(moved) };
}

/** £ from pence, to the penny. */
export const poundsOf = (pence: number) =>
  `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
