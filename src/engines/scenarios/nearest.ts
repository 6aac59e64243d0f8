// Nearest-with-capacity dispersal: patients go to the nearest open practice that still has room, the
// closest patient–practice pairs first. It is the allocation a commissioner makes when patients are
// "allocated to neighbouring practices with capacity" (PQ answer parallelparliament.co.uk/question/207257).
import type { CandidatePairs, DispersalProblem, Flows } from "./dispersal.ts";

/**
 * Takes every candidate pair in order of distance (ties: lower receiver, then lower origin index) and
 * moves as many of the origin's remaining patients as the receiver has room for. With whole-number
 * patients and capacities the flows are whole numbers. Deterministic.
 * @example nearestWithCapacity(problem, candidatePairs(problem)) // → { amount, unplaced }
 */
export function nearestWithCapacity(problem: DispersalProblem, pairs: CandidatePairs): Flows {
  const { origins, receivers } = problem;
  const nO = origins.patients.length;
  const m = pairs.receiver.length;
  const origin = new Int32Array(m);
  for (let o = 0; o < nO; o++) origin.fill(o, pairs.offsets[o]!, pairs.offsets[o + 1]!);
  const order = Array.from({ length: m }, (_, e) => e).sort(
    (a, b) =>
      pairs.km[a]! - pairs.km[b]! || pairs.receiver[a]! - pairs.receiver[b]! || origin[a]! - origin[b]!,
  );
  const remaining = Float64Array.from(origins.patients);
  const room = Float64Array.from(receivers.capacity);
  const amount = new Float64Array(m);
  for (const e of order) {
    const o = origin[e]!;
    const r = pairs.receiver[e]!;
    if (remaining[o]! <= 0 || room[r]! <= 0) continue;
    const moved = Math.min(remaining[o]!, room[r]!);
    amount[e] = moved;
    remaining[o]! -= moved;
    room[r]! -= moved;
  }
  return { amount, unplaced: remaining };
}
