// Proposals: each picks a change at random, checks the hard constraints it could break (contiguity, lock
// labels; constraints.ts names them) and applies it to the state, journaled. It returns false when it finds
// nothing valid; the loop (search.ts) then scores the state and accepts or rolls back.
import { treePartition } from "./partition.ts";
import type { DesignRng } from "./rng.ts";
import type { DesignState } from "./state.ts";

export type Proposal = (state: DesignState, rng: DesignRng) => boolean;

/** Spanning trees drawn per recombination (the cheapest division is kept). */
const RECOMBINE_TREES = 2;

/** A random edge of the unit graph joining two networks: [unit, neighbour unit], or null. */
function cutEdge(state: DesignState, rng: DesignRng, tries = 24): [number, number] | null {
  const pb = state.pb;
  const m = pb.unitAdj.length;
  if (m === 0) return null;
  for (let t = 0; t < tries; t++) {
    const e = rng.below(m);
    const u = pb.unitAdjFrom[e]!;
    const v = pb.unitAdj[e]!;
    if (state.assign[u] !== state.assign[v]) return [u, v];
  }
  return null;
}

/** Unit u may leave its network for slot `to` without splitting or mixing lock labels. */
export function canFlip(state: DesignState, u: number, to: number): boolean {
  const l = state.pb.unitLabel[u]!;
  if (l < 0) return true;
  if (state.labelUnits[state.assign[u]!]! > 1) return false;
  return state.label[to] === -1 || state.label[to] === l || state.labelUnits[to] === 0;
}

/** Moves unit u to slot `to` when contiguity and locks allow. */
export function tryFlip(state: DesignState, u: number, to: number): boolean {
  const from = state.assign[u]!;
  if (from === to || !canFlip(state, u, to)) return false;
  // Units are connected inside, so joining a network u touches keeps it connected; leaving may not.
  if (!state.connectedAfter(from, [u], [])) return false;
  state.moveUnit(u, to);
  return true;
}

/** Labels after swapping u (in a) and v (in b): no split label, no mixed labels. */
function canSwap(state: DesignState, u: number, v: number): boolean {
  const pb = state.pb;
  const a = state.assign[u]!;
  const b = state.assign[v]!;
  const lu = pb.unitLabel[u]!;
  const lv = pb.unitLabel[v]!;
  if (lu >= 0 && state.labelUnits[a]! > 1) return false;
  if (lv >= 0 && state.labelUnits[b]! > 1) return false;
  const restA = lu >= 0 ? -1 : state.label[a]!;
  const restB = lv >= 0 ? -1 : state.label[b]!;
  if (restA >= 0 && lv >= 0 && restA !== lv) return false;
  if (restB >= 0 && lu >= 0 && restB !== lu) return false;
  return true;
}

export function trySwap(state: DesignState, u: number, v: number): boolean {
  const a = state.assign[u]!;
  const b = state.assign[v]!;
  if (a === b || !canSwap(state, u, v)) return false;
  if (!state.connectedAfter(a, [u], [v]) || !state.connectedAfter(b, [v], [u])) return false;
  state.moveUnit(u, b);
  state.moveUnit(v, a);
  return true;
}

/** Merges slot b into slot a when their locks allow. */
export function tryMerge(state: DesignState, a: number, b: number): boolean {
  if (a === b) return false;
  const la = state.label[a]!;
  const lb = state.label[b]!;
  if (la >= 0 && lb >= 0 && la !== lb) return false;
  for (const u of [...state.members[b]!]) state.moveUnit(u, a);
  return true;
}

/** Assigns `parts` to the slots `slots` (reusing the slot each part overlaps most) and new slots. */
export function applyParts(state: DesignState, slots: readonly number[], parts: readonly number[][]): void {
  const free = new Set(slots);
  const order = parts
    .map((units, i) => {
      const counts = new Map<number, number>();
      for (const u of units) counts.set(state.assign[u]!, (counts.get(state.assign[u]!) ?? 0) + 1);
      return { i, counts };
    })
    .sort((x, y) => Math.max(0, ...y.counts.values()) - Math.max(0, ...x.counts.values()) || x.i - y.i);
  const target = new Array<number>(parts.length).fill(-1);
  for (const { i, counts } of order) {
    let bestSlot = -1;
    let bestCount = 0;
    for (const [s, c] of counts)
      if (free.has(s) && (c > bestCount || (c === bestCount && s < bestSlot))) {
        bestSlot = s;
        bestCount = c;
      }
    if (bestSlot >= 0) {
      target[i] = bestSlot;
      free.delete(bestSlot);
    }
  }
  // Parts without a slot of their own take a slot freed by this change, else an empty one.
  const spare = [...free].sort((x, y) => x - y);
  parts.forEach((units, i) => {
    if (target[i] !== -1) return;
    target[i] = spare.length > 0 ? spare.shift()! : -2;
  });
  // Parts needing a brand-new slot: first move the others, so freed slots are really empty.
  parts.forEach((units, i) => {
    if (target[i]! >= 0) for (const u of units) state.moveUnit(u, target[i]!);
  });
  parts.forEach((units, i) => {
    if (target[i] !== -2) return;
    const s = state.takeEmptySlot();
    for (const u of units) state.moveUnit(u, s);
  });
}

/** Flip: a unit on a boundary joins the neighbouring network. */
export const flip: Proposal = (state, rng) => {
  const edge = cutEdge(state, rng);
  return edge !== null && tryFlip(state, edge[0], state.assign[edge[1]]!);
};

/** Swap: a boundary unit of network A and a boundary unit of network B change places. */
export const swap: Proposal = (state, rng) => {
  const edge = cutEdge(state, rng);
  if (!edge) return false;
  const pb = state.pb;
  const [u, v0] = edge;
  const a = state.assign[u]!;
  const b = state.assign[v0]!;
  const candidates: number[] = [];
  for (const v of state.members[b]!)
    for (let e = pb.unitAdjStart[v]!; e < pb.unitAdjStart[v + 1]!; e++)
      if (state.assign[pb.unitAdj[e]!] === a) {
        candidates.push(v);
        break;
      }
  if (candidates.length === 0) return false;
  return trySwap(state, u, candidates[rng.below(candidates.length)]!);
};

/** Merge: two neighbouring networks become one. */
export const merge: Proposal = (state, rng) => {
  const edge = cutEdge(state, rng);
  if (!edge) return false;
  const a = state.assign[edge[0]]!;
  const b = state.assign[edge[1]]!;
  return state.members[a]!.length >= state.members[b]!.length ? tryMerge(state, a, b) : tryMerge(state, b, a);
};

/** The slots neighbouring the given slots. */
function neighbourSlots(state: DesignState, slots: readonly number[]): number[] {
  const pb = state.pb;
  const out = new Set<number>();
  for (const s of slots)
    for (const u of state.members[s]!)
      for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) {
        const t = state.assign[pb.unitAdj[e]!]!;
        if (!slots.includes(t)) out.add(t);
      }
  return [...out].sort((x, y) => x - y);
}

/**
 * Recombination: one to three neighbouring networks are pooled and re-divided along a random spanning tree
 * into one more, as many or one fewer networks; one network alone is split in two.
 */
export const recombine: Proposal = (state, rng) => {
  const pb = state.pb;
  let slots: number[];
  const r = rng.next();
  if (r < 0.2) {
    const u = rng.below(pb.unitCount);
    slots = [state.assign[u]!];
  } else {
    const edge = cutEdge(state, rng);
    if (!edge) return false;
    slots = [state.assign[edge[0]]!, state.assign[edge[1]]!];
    if (r > 0.6) {
      const more = neighbourSlots(state, slots);
      if (more.length > 0) slots.push(more[rng.below(more.length)]!);
    }
  }
  const units = slots.flatMap((s) => state.members[s]!);
  let total = 0;
  for (const u of units) total += pb.unitW[u]!;
  const options: number[] = [];
  for (const k of [slots.length - 1, slots.length, slots.length + 1])
    if (k >= 1 && k <= units.length && !(k === 1 && slots.length === 1) && k * pb.band.min <= total)
      options.push(k);
  if (options.length === 0) return false;
  const k = options[rng.below(options.length)]!;
  const division = treePartition(state, units, k, rng, RECOMBINE_TREES);
  if (!division) return false;
  applyParts(state, slots, division.parts);
  return true;
};
