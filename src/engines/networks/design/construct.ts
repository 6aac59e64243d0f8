// Construction: the starting configuration is today's map, made valid. Each lock label first claims its
// units and the shortest chains of free units joining them; the remaining units keep today's PCN, split into
// contiguous pieces (practices outside any PCN start alone). repair() then merges networks under the minimum
// into their best neighbour and splits networks over the maximum, before the local search starts.
import { compareScores } from "./objective.ts";
import { treePartition } from "./partition.ts";
import type { Problem } from "./problem.ts";
import { applyParts, tryMerge } from "./proposals.ts";
import { listCodes } from "./relaxation.ts";
import type { DesignRng } from "./rng.ts";
import type { DesignState } from "./state.ts";

/** The starting slot of every unit. May add lock relaxations to `pb` when claimed chains block a lock. */
export function construct(pb: Problem): Int32Array {
  const slot = new Int32Array(pb.unitCount).fill(-1);
  let next = 0;
  const practicesOf = (us: readonly number[]) =>
    us.flatMap((u) => [...pb.unitPractices.subarray(pb.unitStart[u], pb.unitStart[u + 1])]);
  for (let l = 0; l < pb.labels.length; l++) {
    const own: number[] = [];
    for (let u = 0; u < pb.unitCount; u++) if (pb.unitLabel[u] === l) own.push(u);
    if (own.length === 0) continue;
    const s = next++;
    slot[own[0]!] = s;
    const reached = new Set([own[0]!]);
    const missing = () => own.filter((u) => !reached.has(u));
    // Join the other units of the label one shortest chain at a time.
    while (missing().length > 0) {
      const prev = new Map<number, number>();
      const queue = [...reached];
      for (const u of queue) prev.set(u, -1);
      let found = -1;
      for (let h = 0; h < queue.length && found < 0; h++) {
        const u = queue[h]!;
        for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) {
          const v = pb.unitAdj[e]!;
          if (prev.has(v)) continue;
          const lv = pb.unitLabel[v]!;
          if (lv === l && !reached.has(v)) {
            prev.set(v, u);
            found = v;
            break;
          }
          if (slot[v] !== -1 || (lv !== -1 && lv !== l)) continue;
          prev.set(v, u);
          queue.push(v);
        }
      }
      if (found < 0) {
        const cut = missing();
        const text = `${pb.labels[l]}-${pb.labels.length + 1}`;
        pb.relaxations.push({
          rule: "lock",
          reason: "lock-disconnected",
          practices: practicesOf(cut),
          message: `Practices ${listCodes(practicesOf(cut).map((p) => pb.practiceCodes[p]!))} are locked to ${pb.labels[l]} but the networks joining other locks cut them off from its other practices: they form network ${text}.`,
        });
        for (const u of cut) pb.unitLabel[u] = pb.labels.length;
        pb.labels.push(text);
        break;
      }
      for (let u = found; u !== -1 && !reached.has(u); u = prev.get(u)!) {
        reached.add(u);
        slot[u] = s;
      }
    }
  }
  // Today's PCNs, in contiguous pieces.
  const groups = new Map<string, number[]>();
  for (let u = 0; u < pb.unitCount; u++) {
    if (slot[u] !== -1) continue;
    const c = pb.current[pb.unitPractices[pb.unitStart[u]!]!]!;
    const key = c >= 0 ? `c${c}` : `u${u}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(u);
  }
  for (const units of groups.values()) {
    const inGroup = new Set(units);
    for (const start of units) {
      if (slot[start] !== -1) continue;
      const s = next++;
      slot[start] = s;
      const queue = [start];
      for (let h = 0; h < queue.length; h++) {
        const u = queue[h]!;
        for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) {
          const v = pb.unitAdj[e]!;
          if (slot[v] !== -1 || !inGroup.has(v)) continue;
          slot[v] = s;
          queue.push(v);
        }
      }
    }
  }
  return slot;
}

/** Slots adjacent to slot s. */
export function adjacentSlots(state: DesignState, s: number): number[] {
  const pb = state.pb;
  const out = new Set<number>();
  for (const u of state.members[s]!)
    for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) {
      const t = state.assign[pb.unitAdj[e]!]!;
      if (t !== s) out.add(t);
    }
  return [...out].sort((a, b) => a - b);
}

/**
 * Greedy repair: networks under the minimum merge into the neighbour that gives the best design; networks
 * over the maximum are split along spanning trees. Repeats while the design improves.
 */
export function repair(state: DesignState, rng: DesignRng, rounds = 50): void {
  const pb = state.pb;
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    const under = state
      .slots()
      .filter((s) => state.slotCost(s).under > 0 || state.slotCost(s).relaxedUnder > 0)
      .sort((a, b) => state.W[a]! - state.W[b]! || a - b);
    for (const s of under) {
      if (state.members[s]!.length === 0) continue;
      const current = state.score();
      let best: { t: number; score: ReturnType<DesignState["score"]> } | null = null;
      for (const t of adjacentSlots(state, s)) {
        state.begin();
        if (!tryMerge(state, t, s)) continue;
        state.refresh();
        const score = state.score();
        state.rollback();
        if (compareScores(score, current) < 0 && (!best || compareScores(score, best.score) < 0))
          best = { t, score };
      }
      if (best) {
        state.begin();
        tryMerge(state, best.t, s);
        state.refresh();
        improved = true;
      }
    }
    for (const s of state.slots()) {
      const W = state.W[s]!;
      if (W <= pb.band.max || state.members[s]!.length < 2) continue;
      const current = state.score();
      const units = [...state.members[s]!];
      let best: number[][] | null = null;
      let bestScore = current;
      for (let k = 2; k <= Math.max(2, Math.ceil(W / pb.band.max)) + 1; k++) {
        const division = treePartition(state, units, k, rng, 8);
        if (!division) continue;
        state.begin();
        applyParts(state, [s], division.parts);
        state.refresh();
        const score = state.score();
        state.rollback();
        if (compareScores(score, bestScore) < 0) {
          best = division.parts;
          bestScore = score;
        }
      }
      if (best) {
        state.begin();
        applyParts(state, [s], best);
        state.refresh();
        improved = true;
      }
    }
    if (!improved) return;
  }
}
