// The search: simulated annealing over the proposals with a fixed geometric cooling schedule, then a
// deterministic descent that tries every flip, swap, merge and two-way re-division until none improves.
// Acceptance is lexicographic: a proposal that worsens a band tier is refused, one that improves a tier is
// taken, and between equal tiers the soft cost decides (Metropolis rule at temperature T).
import { adjacentSlots } from "./construct.ts";
import { compareScores, type Score } from "./objective.ts";
import { bestBipartition, treePartition } from "./partition.ts";
import { applyParts, flip, merge, recombine, swap, tryFlip, tryMerge, trySwap, type Proposal } from "./proposals.ts";
import type { DesignRng } from "./rng.ts";
import type { DesignState } from "./state.ts";

/** Accept `after` over `before` at temperature T. */
export function accept(before: Score, after: Score, temperature: number, rng: DesignRng): boolean {
  if (after.under !== before.under) return after.under < before.under;
  if (after.over !== before.over) return after.over < before.over;
  if (after.relaxedUnder !== before.relaxedUnder) return after.relaxedUnder < before.relaxedUnder;
  const d = after.soft - before.soft;
  if (d <= 0) return true;
  return temperature > 0 && rng.next() < Math.exp(-d / temperature);
}

/** Proposals and how often each is drawn. */
export const PROPOSALS: readonly { proposal: Proposal; weight: number }[] = [
  { proposal: flip, weight: 0.55 },
  { proposal: swap, weight: 0.15 },
  { proposal: merge, weight: 0.05 },
  { proposal: recombine, weight: 0.25 },
];

export interface AnnealOptions {
  iterations: number;
  /** Starting and final temperature, in units of soft cost. */
  t0: number;
  t1: number;
  /** performance.now() deadline, or Infinity. */
  deadline: number;
}

/** Runs the annealing loop on `state`; returns the best unit assignment seen and its score. */
export function anneal(
  state: DesignState,
  rng: DesignRng,
  o: AnnealOptions,
): { best: Int32Array; score: Score; iterations: number } {
  let best = Int32Array.from(state.assign);
  let bestScore = state.score();
  let current = bestScore;
  const total = PROPOSALS.reduce((s, p) => s + p.weight, 0);
  const ratio = o.t1 / o.t0;
  let it = 0;
  for (; it < o.iterations; it++) {
    if ((it & 255) === 0 && performance.now() > o.deadline) break;
    const temperature = o.t0 * Math.pow(ratio, it / o.iterations);
    let r = rng.next() * total;
    let proposal = PROPOSALS[PROPOSALS.length - 1]!.proposal;
    for (const p of PROPOSALS) {
      if (r < p.weight) {
        proposal = p.proposal;
        break;
      }
      r -= p.weight;
    }
    state.begin();
    if (!proposal(state, rng)) {
      state.rollback();
      continue;
    }
    state.refresh();
    const after = state.score();
    if (!accept(current, after, temperature, rng)) {
      state.rollback();
      continue;
    }
    current = after;
    if (compareScores(current, bestScore) < 0) {
      bestScore = current;
      best = Int32Array.from(state.assign);
    }
  }
  return { best, score: bestScore, iterations: it };
}

/** Keeps the change made by `change` when it improves the design; returns whether it did. */
function attempt(state: DesignState, change: () => boolean): boolean {
  const before = state.score();
  state.begin();
  if (!change()) {
    state.rollback();
    return false;
  }
  state.refresh();
  if (compareScores(state.score(), before) < 0) return true;
  state.rollback();
  return false;
}

/** Largest pooled set divided exhaustively (2^(n−1) divisions); larger sets use spanning trees. */
const EXHAUSTIVE_UNITS = 10;

/**
 * Descent to a local optimum of every flip, swap, merge, split and two-network re-division. Deterministic
 * apart from the spanning trees drawn for pools too large to divide exhaustively.
 */
export function descend(state: DesignState, rng: DesignRng, deadline: number, maxRounds = 100): number {
  const pb = state.pb;
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    if (performance.now() > deadline) break;
    let improved = false;
    for (let u = 0; u < pb.unitCount; u++) {
      const a = state.assign[u]!;
      const targets = new Set<number>();
      for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) targets.add(state.assign[pb.unitAdj[e]!]!);
      targets.delete(a);
      for (const b of [...targets].sort((x, y) => x - y)) {
        if (state.assign[u] !== a) break;
        if (attempt(state, () => tryFlip(state, u, b))) {
          improved = true;
          continue;
        }
        // Swap u with each unit of b that touches a.
        for (const v of [...state.members[b]!]) {
          let touches = false;
          for (let e = pb.unitAdjStart[v]!; e < pb.unitAdjStart[v + 1]!; e++)
            if (state.assign[pb.unitAdj[e]!] === a) touches = true;
          if (touches && attempt(state, () => trySwap(state, u, v))) {
            improved = true;
            break;
          }
        }
      }
    }
    for (const a of state.slots()) {
      if (state.members[a]!.length === 0) continue;
      for (const b of adjacentSlots(state, a)) {
        if (b < a || state.members[a]!.length === 0 || state.members[b]!.length === 0) continue;
        if (attempt(state, () => tryMerge(state, a, b))) {
          improved = true;
          break;
        }
        const units = [...state.members[a]!, ...state.members[b]!];
        const division =
          units.length <= EXHAUSTIVE_UNITS ? bestBipartition(state, units) : treePartition(state, units, 2, rng, 4);
        if (division && attempt(state, () => (applyParts(state, [a, b], division.parts), true))) {
          improved = true;
          break;
        }
      }
    }
    for (const a of state.slots()) {
      const units = [...state.members[a]!];
      if (units.length < 2) continue;
      const division =
        units.length <= EXHAUSTIVE_UNITS ? bestBipartition(state, units) : treePartition(state, units, 2, rng, 4);
      if (division && attempt(state, () => (applyParts(state, [a], division.parts), true))) improved = true;
    }
    if (!improved) break;
  }
  return rounds;
}
