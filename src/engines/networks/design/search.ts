// The search: simulated annealing over the proposals with a fixed geometric cooling schedule (anneal), then
// a first-improvement local descent driven by a queue of changed networks (descend): for each network it
// tries flips of boundary units in and out, merging with each neighbour, the best re-division of each
// neighbouring pair into two (exhaustive when small) and into three, and splitting. Pairs already tried are
// cached by the hash of their members, so the descent only re-examines what changed.
// Acceptance is lexicographic: a proposal that worsens a band tier is refused, one that improves a tier is
// taken, and between equal tiers the soft cost decides (Metropolis rule at temperature T while annealing).
import { adjacentSlots } from "./construct.ts";
import { compareScores, type Score } from "./objective.ts";
import { divide } from "./partition.ts";
import { applyParts, flip, merge, recombine, swap, tryFlip, tryMerge, type Proposal } from "./proposals.ts";
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

/** Proposals of the annealing loop and how often each is drawn. */
export const PROPOSALS: readonly { readonly proposal: Proposal; readonly weight: number }[] = [
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

/** Simulated annealing on `state`; returns the best unit assignment seen and its score. */
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

/** Keeps the change made by `change` when it improves the design: returns the slots it touched, else null. */
function attempt(state: DesignState, change: () => boolean): number[] | null {
  const before = state.score();
  const mark = state.mark();
  if (!change()) {
    state.rollbackTo(mark);
    return null;
  }
  state.refresh();
  if (compareScores(state.score(), before) < 0) return state.touchedSince(mark);
  state.rollbackTo(mark);
  return null;
}

/** Pairs of slots tried without improvement, by the hash of both memberships. */
type PairCache = Map<number, number>;

function improveSlot(state: DesignState, a: number, rng: DesignRng, cache: PairCache): number[] | null {
  const pb = state.pb;
  // Flips of a's boundary units out, and of neighbouring units in.
  for (const u of [...state.members[a]!]) {
    const targets = new Set<number>();
    for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) {
      const t = state.assign[pb.unitAdj[e]!]!;
      if (t !== a) targets.add(t);
    }
    for (const b of [...targets].sort((x, y) => x - y)) {
      const touched = attempt(state, () => tryFlip(state, u, b));
      if (touched) return touched;
    }
  }
  const inward = new Set<number>();
  for (const u of state.members[a]!)
    for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) {
      const v = pb.unitAdj[e]!;
      if (state.assign[v] !== a) inward.add(v);
    }
  for (const v of [...inward].sort((x, y) => x - y)) {
    const touched = attempt(state, () => tryFlip(state, v, a));
    if (touched) return touched;
  }
  // Pairs: merge, best two-way and three-way re-division.
  const cap = state.members.length;
  for (const b of adjacentSlots(state, a)) {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const key = lo * cap + hi;
    const stamp = state.hash[lo]! ^ Math.imul(state.hash[hi]!, 0x27d4eb2d);
    if (cache.get(key) === stamp) continue;
    const pair = [a, b];
    const units = [...state.members[a]!, ...state.members[b]!];
    let total = 0;
    for (const u of units) total += pb.unitW[u]!;
    const merged = attempt(state, () => tryMerge(state, a, b));
    if (merged) return merged;
    const two = divide(state, units, 2, rng);
    const touched2 = two && attempt(state, () => (applyParts(state, pair, two.parts), true));
    if (touched2) return touched2;
    if (total >= 3 * pb.band.min && units.length >= 3) {
      const three = divide(state, units, 3, rng);
      const touched3 = three && attempt(state, () => (applyParts(state, pair, three.parts), true));
      if (touched3) return touched3;
    }
    cache.set(key, stamp);
  }
  // Split a alone.
  const units = [...state.members[a]!];
  if (units.length >= 2) {
    const two = divide(state, units, 2, rng);
    const touched = two && attempt(state, () => (applyParts(state, [a], two.parts), true));
    if (touched) return touched;
  }
  return null;
}

/**
 * Local descent from the slots `start` (default all): a queue of slots, each examined by improveSlot until
 * none improves. Returns the number of improvements made.
 */
export function descend(
  state: DesignState,
  rng: DesignRng,
  deadline: number,
  cache: PairCache = new Map(),
  start: readonly number[] = state.slots(),
): number {
  const queue = [...start];
  const queued = new Uint8Array(state.members.length);
  for (const s of queue) queued[s] = 1;
  let improvements = 0;
  for (let h = 0; h < queue.length; h++) {
    if ((h & 15) === 0 && performance.now() > deadline) break;
    const a = queue[h]!;
    queued[a] = 0;
    if (state.members[a]!.length === 0) continue;
    const touched = improveSlot(state, a, rng, cache);
    if (!touched) continue;
    improvements++;
    for (const s of touched)
      if (!queued[s] && state.members[s]!.length > 0) {
        queued[s] = 1;
        queue.push(s);
      }
  }
  return improvements;
}
