// Re-dividing a connected set of units into k contiguous networks, as ReCom does (DeFord, Duchin & Solomon,
// "Recombination: a family of Markov chains for redistricting", 2021): draw a spanning tree of the set (here
// a minimum spanning tree of jittered site distances, so cuts follow geography), then cut edges whose
// subtree is a valid network and whose remainder can still make k − 1. Small sets can instead be divided
// into two exhaustively (bestBipartition). Parts respect the band, waivers and lock labels.
import { networkTiers, type Score } from "./objective.ts";
import { Waiver, type Problem } from "./problem.ts";
import { addDistances } from "./points.ts";
import type { DesignRng } from "./rng.ts";
import type { DesignState } from "./state.ts";

/** Buffers reused by every division of one problem (sized for all its units). */
interface Scratch {
  local: Int32Array;
  part: Int32Array;
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeD: Float64Array;
  key: Float64Array;
  order: Int32Array;
  uf: Int32Array;
  head: Int32Array;
  next: Int32Array;
  to: Int32Array;
  alive: Uint8Array;
  parent: Int32Array;
  bfs: Int32Array;
  subW: Float64Array;
  subWaived: Int32Array;
  subSize: Int32Array;
  candidates: Int32Array;
}
const scratches = new WeakMap<Problem, Scratch>();
const scratchOf = (pb: Problem): Scratch => {
  let s = scratches.get(pb);
  if (!s) {
    const m = pb.unitCount;
    const e = Math.max(1, pb.unitAdj.length);
    s = {
      local: new Int32Array(m).fill(-1),
      part: new Int32Array(m).fill(-1),
      edgeA: new Int32Array(e),
      edgeB: new Int32Array(e),
      edgeD: new Float64Array(e),
      key: new Float64Array(e),
      order: new Int32Array(e),
      uf: new Int32Array(m),
      head: new Int32Array(m),
      next: new Int32Array(2 * m),
      to: new Int32Array(2 * m),
      alive: new Uint8Array(m),
      parent: new Int32Array(m),
      bfs: new Int32Array(m),
      subW: new Float64Array(m),
      subWaived: new Int32Array(m),
      subSize: new Int32Array(m),
      candidates: new Int32Array(m),
    };
    scratches.set(pb, s);
  }
  return s;
};

export const addScores = (a: Score, b: Score): Score => ({
  under: a.under + b.under,
  over: a.over + b.over,
  relaxedUnder: a.relaxedUnder + b.relaxedUnder,
  soft: a.soft + b.soft,
});

export const ZERO_SCORE: Score = { under: 0, over: 0, relaxedUnder: 0, soft: 0 };

/** The cost of `parts` as networks: tiers, cohesion, place and the disruption of their practices. */
export function partsCost(pb: Problem, parts: readonly (readonly number[])[]): Score {
  const { part } = scratchOf(pb);
  parts.forEach((us, i) => us.forEach((u) => (part[u] = i)));
  let total = ZERO_SCORE;
  const byPlace = new Float64Array(pb.placeCount);
  for (let i = 0; i < parts.length; i++) {
    let sw = 0;
    let sx = 0;
    let sy = 0;
    let W = 0;
    let user = false;
    let relaxed = false;
    let disruption = 0;
    byPlace.fill(0);
    for (const u of parts[i]!) {
      W += pb.unitW[u]!;
      if (pb.unitWaiver[u] === Waiver.User) user = true;
      else if (pb.unitWaiver[u] === Waiver.Relaxed) relaxed = true;
      for (let k = pb.unitStart[u]!; k < pb.unitStart[u + 1]!; k++) {
        const p = pb.unitPractices[k]!;
        byPlace[pb.place[p]!]! += pb.w[p]!;
        if (pb.mateW[p]! > 0) {
          let keptW = 0;
          for (let e = pb.mateStart[p]!; e < pb.mateStart[p + 1]!; e++) {
            const q = pb.mates[e]!;
            if (part[pb.unitOf[q]!] === i) keptW += pb.w[q]!;
          }
          disruption += pb.w[p]! * (1 - keptW / pb.mateW[p]!);
        }
        sw += pb.pointSumW[p]!;
        sx += pb.pointSumX[p]!;
        sy += pb.pointSumY[p]!;
      }
    }
    let c = 0;
    if (sw > 0) {
      const cx = sx / sw;
      const cy = sy / sw;
      for (const u of parts[i]!)
        for (let k = pb.unitStart[u]!; k < pb.unitStart[u + 1]!; k++)
          c = addDistances(pb, pb.unitPractices[k]!, cx, cy, c);
    }
    let top = 0;
    for (const v of byPlace) if (v > top) top = v;
    const t = networkTiers(pb, W, user, relaxed);
    total = addScores(total, {
      ...t,
      soft: c + pb.placeWeight * (W - top) + pb.disruptionWeight * disruption,
    });
  }
  parts.forEach((us) => us.forEach((u) => (part[u] = -1)));
  return total;
}

/** Lock labels of parts: no part holds two labels, and no label is split between parts. */
function labelsValid(pb: Problem, parts: readonly (readonly number[])[]): boolean {
  const home = new Map<number, number>();
  for (let i = 0; i < parts.length; i++) {
    let own = -1;
    for (const u of parts[i]!) {
      const l = pb.unitLabel[u]!;
      if (l < 0) continue;
      if (own !== -1 && own !== l) return false;
      own = l;
      if (home.has(l) && home.get(l) !== i) return false;
      home.set(l, i);
    }
  }
  return true;
}

/**
 * Sorts order[0 … count − 1] by key, ascending and stable (as TypedArray sort with a comparator does), in
 * place; returns that prefix. Insertion sort: the edge sets of a recombination are small (tens of edges),
 * where it beats the comparator calls of the built-in sort.
 */
function sortByKey(order: Int32Array, key: Float64Array, count: number): Int32Array {
  for (let i = 1; i < count; i++) {
    const e = order[i]!;
    const k = key[e]!;
    let j = i - 1;
    while (j >= 0 && key[order[j]!]! > k) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = e;
  }
  return order.subarray(0, count);
}

/** A part may be a network: within the band, or under it with a waiver, or one unit over the maximum. */
function partOk(pb: Problem, W: number, waived: boolean, single: boolean): boolean {
  return (W <= pb.band.max || single) && (W >= pb.band.min || waived);
}

const better = (a: Score, b: Score | null) => {
  if (!b) return true;
  if (a.under !== b.under) return a.under < b.under;
  if (a.over !== b.over) return a.over < b.over;
  if (a.relaxedUnder !== b.relaxedUnder) return a.relaxedUnder < b.relaxedUnder;
  return a.soft < b.soft;
};

/**
 * Divides the connected unit set `units` into `k` contiguous parts along `tries` random spanning trees and
 * returns the cheapest division found (or null when no tree gives one within the band). With one tree the
 * division is returned without its cost (ZERO_SCORE).
 */
export function treePartition(
  state: DesignState,
  units: readonly number[],
  k: number,
  rng: DesignRng,
  tries: number,
): { parts: number[][]; cost: Score } | null {
  const pb = state.pb;
  const m = units.length;
  if (k < 1 || k > m) return null;
  if (k === 1) {
    const parts = [[...units]];
    return labelsValid(pb, parts) ? { parts, cost: partsCost(pb, parts) } : null;
  }
  const sc = scratchOf(pb);
  const { local, edgeA, edgeB, edgeD, key, order, uf, head, next, to, alive, parent, bfs } = sc;
  const { subW, subWaived, subSize, candidates } = sc;
  for (let i = 0; i < m; i++) local[units[i]!] = i;
  let edges = 0;
  for (let i = 0; i < m; i++) {
    const u = units[i]!;
    for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) {
      const v = pb.unitAdj[e]!;
      const j = local[v]!;
      if (j <= i) continue;
      edgeA[edges] = i;
      edgeB[edges] = j;
      edgeD[edges] = Math.hypot(pb.unitX[u]! - pb.unitX[v]!, pb.unitY[u]! - pb.unitY[v]!) + 0.01;
      edges++;
    }
  }
  for (let i = 0; i < m; i++) local[units[i]!] = -1;
  const { min, max } = pb.band;
  let best: { parts: number[][]; cost: Score } | null = null;
  const find = (i: number): number => {
    while (uf[i] !== i) {
      uf[i] = uf[uf[i]!]!;
      i = uf[i]!;
    }
    return i;
  };
  for (let t = 0; t < tries; t++) {
    // Kruskal on jittered distances.
    for (let e = 0; e < edges; e++) {
      key[e] = edgeD[e]! * (0.5 + rng.next());
      order[e] = e;
    }
    const sorted = sortByKey(order, key, edges);
    for (let i = 0; i < m; i++) {
      uf[i] = i;
      head[i] = -1;
      alive[i] = 1;
    }
    let joined = 0;
    for (let x = 0; x < edges && joined < m - 1; x++) {
      const e = sorted[x]!;
      const a = find(edgeA[e]!);
      const b = find(edgeB[e]!);
      if (a === b) continue;
      uf[a] = b;
      to[2 * joined] = edgeB[e]!;
      next[2 * joined] = head[edgeA[e]!]!;
      head[edgeA[e]!] = 2 * joined;
      to[2 * joined + 1] = edgeA[e]!;
      next[2 * joined + 1] = head[edgeB[e]!]!;
      head[edgeB[e]!] = 2 * joined + 1;
      joined++;
    }
    if (joined < m - 1) return null;
    const parts: number[][] = [];
    let ok = true;
    for (let left = k; left > 1; left--) {
      let root = 0;
      while (!alive[root]) root++;
      let size = 1;
      bfs[0] = root;
      parent[root] = -1;
      for (let h = 0; h < size; h++) {
        const i = bfs[h]!;
        for (let x = head[i]!; x !== -1; x = next[x]!) {
          const j = to[x]!;
          if (!alive[j] || j === parent[i]) continue;
          parent[j] = i;
          bfs[size++] = j;
        }
      }
      for (let h = 0; h < size; h++) {
        const i = bfs[h]!;
        subW[i] = pb.unitW[units[i]!]!;
        subWaived[i] = pb.unitWaiver[units[i]!] !== Waiver.None ? 1 : 0;
        subSize[i] = 1;
      }
      for (let h = size - 1; h > 0; h--) {
        const i = bfs[h]!;
        const p = parent[i]!;
        subW[p]! += subW[i]!;
        subWaived[p]! += subWaived[i]!;
        subSize[p]! += subSize[i]!;
      }
      const total = subW[root]!;
      const totalWaived = subWaived[root]!;
      const rest = left - 1;
      let count = 0;
      for (let h = 1; h < size; h++) {
        const i = bfs[h]!;
        const r = total - subW[i]!;
        if (!partOk(pb, subW[i]!, subWaived[i]! > 0, subSize[i] === 1)) continue;
        if (r > rest * max && !(rest === 1 && size - subSize[i]! === 1)) continue;
        if (r < (totalWaived - subWaived[i]! > 0 ? rest - 1 : rest) * min) continue;
        candidates[count++] = i;
      }
      if (count === 0) {
        ok = false;
        break;
      }
      const cut = candidates[rng.below(count)]!;
      const part: number[] = [];
      // The subtree of `cut`: the BFS entries after it whose ancestor chain reaches it.
      alive[cut] = 0;
      part.push(units[cut]!);
      for (let h = 1; h < size; h++) {
        const i = bfs[h]!;
        if (i !== cut && !alive[parent[i]!] && alive[i]) {
          alive[i] = 0;
          part.push(units[i]!);
        }
      }
      parts.push(part);
    }
    if (!ok) continue;
    const last: number[] = [];
    for (let i = 0; i < m; i++) if (alive[i]) last.push(units[i]!);
    parts.push(last);
    if (!labelsValid(pb, parts)) continue;
    if (tries === 1) return { parts, cost: ZERO_SCORE };
    const cost = partsCost(pb, parts);
    if (better(cost, best?.cost ?? null)) best = { parts, cost };
  }
  return best;
}

/** The best division of a small connected unit set (≤ 14 units) into two contiguous parts, by enumeration. */
export function bestBipartition(
  state: DesignState,
  units: readonly number[],
): { parts: number[][]; cost: Score } | null {
  const pb = state.pb;
  const m = units.length;
  if (m < 2 || m > 14) return null;
  const { local } = scratchOf(pb);
  units.forEach((u, i) => (local[u] = i));
  const nb = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const u = units[i]!;
    for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) {
      const j = local[pb.unitAdj[e]!]!;
      if (j >= 0) nb[i]! |= 1 << j;
    }
  }
  units.forEach((u) => (local[u] = -1));
  const connected = (set: number) => {
    let reach = set & -set;
    for (;;) {
      let next = reach;
      for (let r = reach; r !== 0; r &= r - 1) next |= nb[31 - Math.clz32(r & -r)]!;
      next &= set;
      if (next === reach) return reach === set;
      reach = next;
    }
  };
  const all = (1 << m) - 1;
  // Band tiers of both sides, cheap enough to rule out most divisions before their full cost.
  const uw = units.map((u) => pb.unitW[u]!);
  const uv = units.map((u) => pb.unitWaiver[u]!);
  const { min, max } = pb.band;
  const sideTiers = (set: number, out: Float64Array) => {
    let W = 0;
    let user = false;
    let relaxed = false;
    for (let r = set; r !== 0; r &= r - 1) {
      const i = 31 - Math.clz32(r & -r);
      W += uw[i]!;
      if (uv[i] === Waiver.User) user = true;
      else if (uv[i] === Waiver.Relaxed) relaxed = true;
    }
    const short = W < min ? min - W : 0;
    out[0]! += short > 0 && !user && !relaxed ? short : 0;
    out[1]! += W > max ? W - max : 0;
    out[2]! += short > 0 && !user && relaxed ? short : 0;
  };
  const t = new Float64Array(3);
  let best: { parts: number[][]; cost: Score } | null = null;
  for (let b = 2; b <= all; b += 2) {
    const a = all ^ b;
    if (best) {
      t.fill(0);
      sideTiers(a, t);
      sideTiers(b, t);
      const c = best.cost;
      if (t[0] !== c.under ? t[0]! > c.under : t[1] !== c.over ? t[1]! > c.over : t[2]! > c.relaxedUnder)
        continue;
    }
    if (!connected(a) || !connected(b)) continue;
    const parts = [a, b].map((set) => units.filter((_, i) => set & (1 << i)));
    if (!labelsValid(pb, parts)) continue;
    const cost = partsCost(pb, parts);
    if (better(cost, best?.cost ?? null)) best = { parts, cost };
  }
  return best;
}

/** Largest pool divided into two exhaustively (2^(n−1) divisions); larger pools use spanning trees. */
export const EXHAUSTIVE_UNITS = 10;

/** Divides a pool of units into k parts: exhaustively for two parts of a small pool, else along the best of
 *  four spanning trees. */
export function divide(state: DesignState, units: readonly number[], k: number, rng: DesignRng) {
  return k === 2 && units.length <= EXHAUSTIVE_UNITS
    ? bestBipartition(state, units)
    : treePartition(state, units, k, rng, 4);
}
