// Deprivation-flexed allocation of a local fund across practices or networks.
//
// Need of unit i: need_i = Σ_c w_c × X_ci ÷ Σ_j X_cj over the components c with weights w_c (Σ w_c = 1):
//   registered — the registered list (equal per head);
//   weighted   — the weighted (Carr-Hill) population (weighted capitation);
//   hi         — the health-inequalities population, list × IMD score (need-weighted with an HI share).
// The methods are presets: equal = {registered: 1}, weighted = {weighted: 1}, need = {weighted: 1 − h,
// hi: h} with h = 0.15 by default (NHS England's 85/15 primary medical care split, domain.md §C4).
//
// Allocation a_i = clamp(λ × need_i, floor_i, cap_i) with λ set so that Σ a_i = fund, found iteratively:
// allocate pro rata to need among the free units; fix at their bound the units below their floor or above
// their cap (whichever side is further out in total, which is provably at its bound in the solution); repeat.
// Then whole pence by largest remainder among the free units (bounds are whole pence, so rounding never
// breaks one). The result sums to the fund to the penny and is monotone in need: a unit with more need
// never gets less, except that equal needs may differ by one penny (per head, with per-head bounds).
import { RequestError } from "../../model/errors.ts";
import { apportion } from "./apportion.ts";

export type NeedComponent = "registered" | "weighted" | "hi";
export const NEED_COMPONENTS: readonly NeedComponent[] = ["registered", "weighted", "hi"];

export type AllocationMethod = "equal" | "weighted" | "need" | "custom";

/** A bound on each unit: whole pounds… in pence, pence per registered patient, or a share of equal per head. */
export type Bound =
  | { kind: "amount"; pence: number }
  | { kind: "per-head"; pence: number }
  | { kind: "share-of-equal"; fraction: number };

export interface AllocationUnit {
  code: string;
  name: string;
  registered: number | null;
  weighted: number | null;
  /** Registered × IMD score (null when deprivation is unknown). */
  hiPopulation: number | null;
  /** Practice codes in the unit (itself for a practice). */
  practices: string[];
  /** Notes shown on the unit's line (e.g. an imputed IMD score). */
  notes?: string[];
}

export interface AllocationRequest {
  /** The fund in whole pence. */
  fundPence: number;
  method: AllocationMethod;
  weights: Readonly<Record<NeedComponent, number>>;
  floor?: Bound;
  cap?: Bound;
}

export interface AllocationLine {
  code: string;
  name: string;
  registered: number;
  weighted: number | null;
  hiPopulation: number | null;
  /** Each component's share of its area total. */
  shares: Record<NeedComponent, number>;
  needShare: number;
  /** Pence before bounds: fund × need share. */
  unbounded: number;
  floorPence: number;
  capPence: number | null;
  bound: "floor" | "cap" | null;
  /** Pence after bounds, before rounding. */
  exact: number;
  pence: number;
  /** Equal per head, for comparison (pence). */
  equalPence: number;
  practices: string[];
  notes: string[];
}

export interface Allocation {
  request: AllocationRequest;
  lines: AllocationLine[];
  totalPence: number;
  /** Iterations of the bound-fixing loop. */
  iterations: number;
}

export class FundingRequestError extends RequestError {
  override name = "FundingRequestError";
}

const fmt = (pence: number) =>
  `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const METHOD_WEIGHTS = (
  method: "equal" | "weighted" | "need",
  hiShare = 0.15,
): Record<NeedComponent, number> =>
  method === "equal"
    ? { registered: 1, weighted: 0, hi: 0 }
    : method === "weighted"
      ? { registered: 0, weighted: 1, hi: 0 }
      : { registered: 0, weighted: 1 - hiShare, hi: hiShare };

function checkRequest(units: readonly AllocationUnit[], r: AllocationRequest) {
  if (!Number.isSafeInteger(r.fundPence) || r.fundPence < 0)
    throw new FundingRequestError(`the fund must be a whole number of pence ≥ 0; found ${r.fundPence}`);
  if (units.length === 0) throw new FundingRequestError("there are no practices or networks to allocate to");
  const total = NEED_COMPONENTS.reduce((a, c) => a + r.weights[c], 0);
  for (const c of NEED_COMPONENTS)
    if (!(r.weights[c] >= 0) || !Number.isFinite(r.weights[c]))
      throw new FundingRequestError(`weight '${c}' must be a number ≥ 0; found ${r.weights[c]}`);
  if (Math.abs(total - 1) > 1e-9)
    throw new FundingRequestError(
      `the weights must sum to 1; found ${NEED_COMPONENTS.map((c) => `${c} ${r.weights[c]}`).join(" + ")} = ${Number(total.toFixed(12))}`,
    );
  const noList = units.filter((u) => !(u.registered !== null && u.registered > 0));
  if (noList.length > 0)
    throw new FundingRequestError(
      `${noList.length === 1 ? "a practice or network has" : `${noList.length} practices or networks have`} no registered list: ${noList
        .slice(0, 10)
        .map((u) => u.code)
        .join(
          ", ",
        )}${noList.length > 10 ? ", …" : ""}; leave ${noList.length === 1 ? "it" : "them"} out (--exclude) or load a list-size file that covers ${noList.length === 1 ? "it" : "them"}`,
    );
  for (const [c, field] of [
    ["weighted", "weighted"],
    ["hi", "hiPopulation"],
  ] as const) {
    if (r.weights[c] === 0) continue;
    const missing = units.filter((u) => u[field] === null);
    if (missing.length > 0)
      throw new FundingRequestError(
        `weight '${c}' needs a ${c === "hi" ? "deprivation score" : "weighted population"} for every unit; missing for ${missing
          .slice(0, 10)
          .map((u) => u.code)
          .join(", ")}`,
      );
  }
}

function boundPence(
  b: Bound | undefined,
  u: AllocationUnit,
  equal: number,
  side: "floor" | "cap",
): number | null {
  if (!b) return side === "floor" ? 0 : null;
  const exact =
    b.kind === "amount" ? b.pence : b.kind === "per-head" ? b.pence * u.registered! : b.fraction * equal;
  return side === "floor" ? Math.ceil(exact - 1e-9) : Math.floor(exact + 1e-9);
}

/**
 * Allocates a fund across units. Throws FundingRequestError for a bad request (negative fund, weights not
 * summing to 1, a unit with no list, bounds that cannot be met).
 */
export function allocateFund(units: readonly AllocationUnit[], request: AllocationRequest): Allocation {
  checkRequest(units, request);
  const { fundPence, weights } = request;
  const totals = {
    registered: units.reduce((a, u) => a + u.registered!, 0),
    weighted: units.reduce((a, u) => a + (u.weighted ?? 0), 0),
    hi: units.reduce((a, u) => a + (u.hiPopulation ?? 0), 0),
  };
  for (const c of NEED_COMPONENTS)
    if (weights[c] > 0 && !(totals[c] > 0))
      throw new FundingRequestError(`weight '${c}' is above 0 but the units' ${c} total is 0`);
  const shares = units.map((u) => ({
    registered: u.registered! / totals.registered,
    weighted: totals.weighted > 0 ? (u.weighted ?? 0) / totals.weighted : 0,
    hi: totals.hi > 0 ? (u.hiPopulation ?? 0) / totals.hi : 0,
  }));
  const need = shares.map((s) => NEED_COMPONENTS.reduce((a, c) => a + weights[c] * s[c], 0));
  const equal = shares.map((s) => fundPence * s.registered);
  const lo = units.map((u, i) => boundPence(request.floor, u, equal[i]!, "floor")!);
  const hi = units.map((u, i) => boundPence(request.cap, u, equal[i]!, "cap"));
  units.forEach((u, i) => {
    if (hi[i] !== null && lo[i]! > hi[i]!)
      throw new FundingRequestError(
        hi[i]! + 1 === lo[i]!
          ? `${u.code}: its floor and cap leave no whole-penny amount between them (floor rounds up to ${fmt(lo[i]!)}, cap down to ${fmt(hi[i]!)}); widen them or raise the fund`
          : `${u.code}: its floor ${fmt(lo[i]!)} is above its cap ${fmt(hi[i]!)}`,
      );
  });
  const sumLo = lo.reduce((a, b) => a + b, 0);
  if (sumLo > fundPence)
    throw new FundingRequestError(
      `the floors need ${fmt(sumLo)} in all, more than the fund of ${fmt(fundPence)}; lower the floor or raise the fund`,
    );
  if (hi.every((h) => h !== null)) {
    const sumHi = hi.reduce((a, b) => a! + b!, 0)!;
    if (sumHi < fundPence)
      throw new FundingRequestError(
        `the caps allow ${fmt(sumHi)} in all, less than the fund of ${fmt(fundPence)}; raise the cap or lower the fund`,
      );
  }

  // Fix units at their bounds until the rest can share pro rata.
  const fixed: ("floor" | "cap" | null)[] = units.map(() => null);
  let iterations = 0;
  let lambda = 0;
  for (;;) {
    iterations++;
    let money = fundPence;
    let freeNeed = 0;
    units.forEach((_, i) => {
      if (fixed[i] === "floor") money -= lo[i]!;
      else if (fixed[i] === "cap") money -= hi[i]!;
      else freeNeed += need[i]!;
    });
    lambda = freeNeed > 0 ? money / freeNeed : 0;
    let lowMass = 0;
    let highMass = 0;
    const lows: number[] = [];
    const highs: number[] = [];
    units.forEach((_, i) => {
      if (fixed[i] !== null) return;
      const v = lambda * need[i]!;
      if (v < lo[i]! - 1e-9) {
        lows.push(i);
        lowMass += lo[i]! - v;
      } else if (hi[i] !== null && v > hi[i]! + 1e-9) {
        highs.push(i);
        highMass += v - hi[i]!;
      }
    });
    if (lows.length === 0 && highs.length === 0) break;
    if (lowMass >= highMass) for (const i of lows) fixed[i] = "floor";
    else for (const i of highs) fixed[i] = "cap";
  }

  const exact = units.map((_, i) =>
    fixed[i] === "floor"
      ? lo[i]!
      : fixed[i] === "cap"
        ? hi[i]!
        : Math.min(hi[i] ?? Number.POSITIVE_INFINITY, Math.max(lo[i]!, lambda * need[i]!)),
  );
  const free = units.map((_, i) => i).filter((i) => fixed[i] === null);
  const fixedTotal = units.reduce((a, _, i) => a + (fixed[i] === null ? 0 : exact[i]!), 0);
  const pence = exact.slice();
  const rounded = apportion(
    fundPence - fixedTotal,
    free.map((i) => ({
      exact: exact[i]!,
      priority: need[i]!,
      key: units[i]!.code,
      ...(hi[i] !== null ? { max: hi[i]! } : {}),
    })),
  );
  free.forEach((i, k) => (pence[i] = rounded[k]!));

  const lines: AllocationLine[] = units.map((u, i) => ({
    code: u.code,
    name: u.name,
    registered: u.registered!,
    weighted: u.weighted,
    hiPopulation: u.hiPopulation,
    shares: shares[i]!,
    needShare: need[i]!,
    unbounded: fundPence * need[i]!,
    floorPence: lo[i]!,
    capPence: hi[i]!,
    bound: fixed[i]!,
    exact: exact[i]!,
    pence: pence[i]!,
    equalPence: equal[i]!,
    practices: u.practices,
    notes: u.notes ?? [],
  }));
  const totalPence = lines.reduce((a, l) => a + l.pence, 0);
  if (totalPence !== fundPence)
    throw new Error(`internal error: allocation sums to ${totalPence} pence, not the fund's ${fundPence}`);
  return { request, lines, totalPence, iterations };
}
