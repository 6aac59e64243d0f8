// Patient-choice dispersal: a Huff (gravity) model. A patient at origin o picks open practice r within the
// distance limit with probability ∝ A_r^α · exp(−β · d_or), where A_r is r's list size (bigger practices
// attract more: more appointments, more visibility), d_or the distance in km and β the distance decay
// (Huff 1963, "A probabilistic analysis of shopping center trade areas", Land Economics 39(1); the
// exponential form avoids the infinite weight of a co-located practice at d = 0). Capacity is respected by
// iterative proportional fitting: a practice whose expected intake exceeds its room takes exactly its room,
// drops out, and the patients it could not take choose again among the others (the "competing destinations
// with capacity" variant used for school and hospital allocation). β and α are fitted on real closures
// (src/engines/scenarios/backtest/fit.ts; docs/scenarios.md).
import type { CandidatePairs, DispersalProblem, Flows } from "./dispersal.ts";

export interface ChoiceParameters {
  /** Distance decay β per km (0: distance does not matter within the limit). */
  decayPerKm: number;
  /** Exponent α on list size (0: every practice equally attractive; 1: proportional to list). */
  attractivenessExponent: number;
}

/**
 * Fractional flows of the capacitated Huff model. Patients of an origin with no open practice in range
 * stay unplaced (all full, or none within the limit).
 */
export function patientChoice(
  problem: DispersalProblem,
  pairs: CandidatePairs,
  params: ChoiceParameters,
): Flows {
  const { origins, receivers } = problem;
  const nO = origins.patients.length;
  const nR = receivers.capacity.length;
  const m = pairs.receiver.length;
  const weight = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const a = receivers.attractiveness[pairs.receiver[e]!]!;
    const attract = params.attractivenessExponent === 0 ? 1 : Math.max(a, 1) ** params.attractivenessExponent;
    weight[e] = attract * Math.exp(-params.decayPerKm * pairs.km[e]!);
  }
  const remaining = Float64Array.from(origins.patients);
  const room = Float64Array.from(receivers.capacity);
  const open = new Uint8Array(nR);
  for (let r = 0; r < nR; r++) open[r] = room[r]! > 0 ? 1 : 0;
  const amount = new Float64Array(m);
  const proposed = new Float64Array(m);
  const demand = new Float64Array(nR);
  const accept = new Float64Array(nR);
  for (let round = 0; round <= nR; round++) {
    demand.fill(0);
    let any = false;
    for (let o = 0; o < nO; o++) {
      const start = pairs.offsets[o]!;
      const end = pairs.offsets[o + 1]!;
      if (remaining[o]! <= 1e-12) continue;
      let sum = 0;
      for (let e = start; e < end; e++) if (open[pairs.receiver[e]!]) sum += weight[e]!;
      for (let e = start; e < end; e++) {
        const r = pairs.receiver[e]!;
        const p = open[r] && sum > 0 ? (remaining[o]! * weight[e]!) / sum : 0;
        proposed[e] = p;
        if (p > 0) {
          demand[r]! += p;
          any = true;
        }
      }
    }
    if (!any) break;
    let filled = false;
    for (let r = 0; r < nR; r++) {
      if (!open[r] || demand[r]! === 0) {
        accept[r] = 1;
        continue;
      }
      if (demand[r]! <= room[r]! * (1 + 1e-12)) accept[r] = 1;
      else {
        accept[r] = room[r]! / demand[r]!;
        filled = true;
      }
    }
    for (let o = 0; o < nO; o++) {
      for (let e = pairs.offsets[o]!; e < pairs.offsets[o + 1]!; e++) {
        const p = proposed[e]!;
        if (p === 0) continue;
        const r = pairs.receiver[e]!;
        const taken = p * accept[r]!;
        amount[e]! += taken;
        remaining[o]! -= taken;
        room[r]! -= taken;
        proposed[e] = 0;
      }
      if (remaining[o]! < 1e-9) remaining[o] = 0;
    }
    for (let r = 0; r < nR; r++) {
      if (!open[r] || accept[r]! >= 1) continue;
      open[r] = 0;
      room[r] = 0;
    }
    if (!filled) break;
  }
  return { amount, unplaced: remaining };
}

/**
 * Whole-patient flows from fractional ones: each origin's whole patients are apportioned over its flows and
 * its unplaced share by largest remainder (apportion.ts), never taking a receiver past its whole capacity;
 * a patient whose rounding would overfill a practice goes to the origin's next practice with room, else
 * stays unplaced. Origins' patients must be whole numbers. Conservation: per origin, Σ flows + unplaced =
 * patients, exactly.
 */
export function wholePatients(problem: DispersalProblem, pairs: CandidatePairs, flows: Flows): Flows {
  const { origins, receivers } = problem;
  const nO = origins.patients.length;
  const m = pairs.receiver.length;
  const amount = new Float64Array(m);
  const unplaced = new Float64Array(nO);
  const room = Float64Array.from(receivers.capacity, (c) => (Number.isFinite(c) ? Math.floor(c) : c));
  // First the whole parts, everywhere, so no receiver's room is taken by another origin's rounding.
  const needs = new Float64Array(nO);
  for (let o = 0; o < nO; o++) {
    const n = origins.patients[o]!;
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`wholePatients: origin ${o} has ${n} patients, not a whole number`);
    let given = 0;
    for (let e = pairs.offsets[o]!; e < pairs.offsets[o + 1]!; e++) {
      const whole = Math.min(Math.floor(flows.amount[e]! + 1e-9), room[pairs.receiver[e]!]!);
      amount[e] = whole;
      room[pairs.receiver[e]!]! -= whole;
      given += whole;
    }
    const u = Math.max(0, Math.min(n - given, Math.floor(flows.unplaced[o]! + 1e-9)));
    unplaced[o] = u;
    needs[o] = n - given - u;
  }
  // Then the remainders, largest first, across all origins.
  type Item = { o: number; e: number; frac: number };
  const items: Item[] = [];
  for (let o = 0; o < nO; o++) {
    if (needs[o]! === 0) continue;
    for (let e = pairs.offsets[o]!; e < pairs.offsets[o + 1]!; e++) {
      const frac = flows.amount[e]! - amount[e]!;
      if (frac > 1e-9) items.push({ o, e, frac });
    }
    const frac = flows.unplaced[o]! - unplaced[o]!;
    if (frac > 1e-9) items.push({ o, e: -1, frac });
  }
  items.sort((a, b) => b.frac - a.frac || a.o - b.o || a.e - b.e);
  for (const it of items) {
    if (needs[it.o]! === 0) continue;
    if (it.e < 0) {
      unplaced[it.o]!++;
      needs[it.o]!--;
      continue;
    }
    const r = pairs.receiver[it.e]!;
    if (room[r]! < 1) continue;
    amount[it.e]!++;
    room[r]!--;
    needs[it.o]!--;
  }
  // Whatever rounding could not place: the origin's practices with room, largest flow first; else unplaced.
  for (let o = 0; o < nO; o++) {
    if (needs[o]! === 0) continue;
    const entries: number[] = [];
    for (let e = pairs.offsets[o]!; e < pairs.offsets[o + 1]!; e++) entries.push(e);
    entries.sort((a, b) => flows.amount[b]! - flows.amount[a]! || a - b);
    for (const e of entries) {
      const r = pairs.receiver[e]!;
      const take = Math.min(needs[o]!, room[r]!);
      if (take <= 0) continue;
      amount[e]! += take;
      room[r]! -= take;
      needs[o]! -= take;
    }
    unplaced[o]! += needs[o]!;
    needs[o] = 0;
  }
  return { amount, unplaced };
}

/**
 * Default parameters of the patient-choice model: the grid-search fit on the 425 real closures of January
 * 2021 → May 2022 and May 2022 → April 2025 at the default settings (10 km, growth:20%), which the
 * cross-check between the two periods confirms (`icsplan scenarios backtest`; docs/scenarios.md).
 */
export const DEFAULT_CHOICE: ChoiceParameters = { decayPerKm: 0.4, attractivenessExponent: 1 };
