// The search state: an assignment of units to network slots with cached tallies (list size, patients by
// place, lock labels, waivers, today's network-mates kept) updated incrementally by moveUnit, and per-slot
// costs refreshed for the slots a move touched. Every move is journaled so a rejected proposal rolls back.
// The tallies are checked against a naive recount (objective.ts) in test/engines/networks/design-state.test.ts.
import { softOf, type Score } from "./objective.ts";
import { Waiver, type Problem } from "./problem.ts";
import { addDistances } from "./points.ts";

/** A well-mixed 32-bit key of unit u (murmur3 finaliser). */
const unitKey = (u: number): number => {
  let h = Math.imul(u + 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
};

export class DesignState {
  readonly pb: Problem;
  /** Network slot of each unit. Slots are 0 … unitCount − 1; an empty slot is no network. */
  readonly assign: Int32Array;
  readonly members: number[][];
  private readonly pos: Int32Array;
  /** List size of each slot. */
  readonly W: Float64Array;
  /** Patients of each slot by place (slot × placeCount + place). */
  readonly placeW: Float64Array;
  /** Lock label of each slot (−1 none) and how many labelled units it holds. */
  readonly label: Int32Array;
  readonly labelUnits: Int32Array;
  readonly userWaived: Int32Array;
  readonly relaxWaived: Int32Array;
  /** For each practice, the patients of its current network-mates still in its network. */
  readonly kept: Float64Array;
  private readonly coh: Float64Array;
  private readonly plc: Float64Array;
  private readonly tu: Float64Array;
  private readonly to: Float64Array;
  private readonly tr: Float64Array;
  cohesion = 0;
  disruption = 0;
  place = 0;
  under = 0;
  over = 0;
  relaxedUnder = 0;
  /** A hash of each slot's members (XOR of per-unit keys, Zobrist-style): equal after a rollback, so caches
   *  of moves already tried stay valid. */
  readonly hash: Int32Array;
  private readonly dirty: number[] = [];
  private readonly isDirty: Uint8Array;
  private readonly journal: number[] = [];
  /** Costs replaced by refresh(): [journal position, slot, coh, plc, tu, to, tr] … */
  private readonly costLog: number[] = [];
  /** Totals before each refresh(): [journal position, cohesion, place, under, over, relaxedUnder] … */
  private readonly totalsLog: number[] = [];
  private readonly empty: number[] = [];
  private readonly inEmpty: Uint8Array;
  private readonly stamp: Int32Array;
  private stampNo = 0;
  private readonly queue: Int32Array;

  constructor(pb: Problem, unitAssignment: ArrayLike<number>) {
    this.pb = pb;
    const k = pb.unitCount;
    this.assign = new Int32Array(k);
    this.members = Array.from({ length: k }, () => []);
    this.pos = new Int32Array(k);
    this.W = new Float64Array(k);
    this.placeW = new Float64Array(k * pb.placeCount);
    this.label = new Int32Array(k).fill(-1);
    this.labelUnits = new Int32Array(k);
    this.userWaived = new Int32Array(k);
    this.relaxWaived = new Int32Array(k);
    this.kept = new Float64Array(pb.n);
    this.coh = new Float64Array(k);
    this.plc = new Float64Array(k);
    this.tu = new Float64Array(k);
    this.to = new Float64Array(k);
    this.tr = new Float64Array(k);
    this.isDirty = new Uint8Array(k);
    this.hash = new Int32Array(k);
    this.inEmpty = new Uint8Array(k);
    this.stamp = new Int32Array(k);
    this.queue = new Int32Array(k);
    for (let u = 0; u < k; u++) {
      const s = unitAssignment[u]!;
      if (!(s >= 0 && s < k)) throw new RangeError(`unit ${u} has slot ${s}; slots are 0 … ${k - 1}`);
      this.assign[u] = s;
      this.pos[u] = this.members[s]!.length;
      this.members[s]!.push(u);
      this.addTallies(u, s, 1);
      this.hash[s]! ^= unitKey(u);
    }
    for (let p = 0; p < pb.n; p++) {
      let keptW = 0;
      const s = this.assign[pb.unitOf[p]!]!;
      for (let e = pb.mateStart[p]!; e < pb.mateStart[p + 1]!; e++) {
        const q = pb.mates[e]!;
        if (this.assign[pb.unitOf[q]!] === s) keptW += pb.w[q]!;
      }
      this.kept[p] = keptW;
      if (pb.mateW[p]! > 0) this.disruption += pb.w[p]! * (1 - keptW / pb.mateW[p]!);
    }
    for (let s = 0; s < k; s++) this.touch(s);
    this.refresh();
  }

  private addTallies(u: number, s: number, sign: 1 | -1): void {
    const pb = this.pb;
    this.W[s]! += sign * pb.unitW[u]!;
    for (let i = pb.unitStart[u]!; i < pb.unitStart[u + 1]!; i++) {
      const p = pb.unitPractices[i]!;
      this.placeW[s * pb.placeCount + pb.place[p]!]! += sign * pb.w[p]!;
    }
    const l = pb.unitLabel[u]!;
    if (l >= 0) {
      this.labelUnits[s]! += sign;
      this.label[s] = this.labelUnits[s]! > 0 ? l : -1;
    }
    const wv = pb.unitWaiver[u]!;
    if (wv === Waiver.User) this.userWaived[s]! += sign;
    else if (wv === Waiver.Relaxed) this.relaxWaived[s]! += sign;
  }

  private touch(s: number): void {
    if (this.isDirty[s]) return;
    this.isDirty[s] = 1;
    this.dirty.push(s);
  }

  private adjustKept(p: number, delta: number): void {
    this.kept[p]! += delta;
    const m = this.pb.mateW[p]!;
    if (m > 0) this.disruption -= (this.pb.w[p]! * delta) / m;
  }

  /** Moves unit u to slot `to`, updating tallies (costs wait for refresh()). Journaled. */
  moveUnit(u: number, to: number): void {
    const from = this.assign[u]!;
    if (from === to) return;
    const pb = this.pb;
    for (let i = pb.unitStart[u]!; i < pb.unitStart[u + 1]!; i++) {
      const p = pb.unitPractices[i]!;
      for (let e = pb.mateStart[p]!; e < pb.mateStart[p + 1]!; e++) {
        const q = pb.mates[e]!;
        const uq = pb.unitOf[q]!;
        if (uq === u) continue;
        const s = this.assign[uq]!;
        if (s === from) {
          this.adjustKept(q, -pb.w[p]!);
          this.adjustKept(p, -pb.w[q]!);
        } else if (s === to) {
          this.adjustKept(q, pb.w[p]!);
          this.adjustKept(p, pb.w[q]!);
        }
      }
    }
    const list = this.members[from]!;
    const last = list.pop()!;
    if (last !== u) {
      list[this.pos[u]!] = last;
      this.pos[last] = this.pos[u]!;
    }
    this.addTallies(u, from, -1);
    this.assign[u] = to;
    this.pos[u] = this.members[to]!.length;
    this.members[to]!.push(u);
    this.addTallies(u, to, 1);
    this.touch(from);
    this.touch(to);
    const key = unitKey(u);
    this.hash[from]! ^= key;
    this.hash[to]! ^= key;
    this.journal.push(u, from);
  }

  /** Recomputes the costs of the slots touched since the last refresh, logging the old ones for rollback. */
  refresh(): void {
    if (this.dirty.length === 0) return;
    const pb = this.pb;
    const at = this.journal.length;
    this.totalsLog.push(at, this.cohesion, this.place, this.under, this.over, this.relaxedUnder);
    const { min, max } = pb.band;
    for (const s of this.dirty) {
      this.isDirty[s] = 0;
      this.costLog.push(at, s, this.coh[s]!, this.plc[s]!, this.tu[s]!, this.to[s]!, this.tr[s]!);
      this.cohesion -= this.coh[s]!;
      this.place -= this.plc[s]!;
      this.under -= this.tu[s]!;
      this.over -= this.to[s]!;
      this.relaxedUnder -= this.tr[s]!;
      const units = this.members[s]!;
      if (units.length === 0) {
        this.coh[s] = this.plc[s] = this.tu[s] = this.to[s] = this.tr[s] = 0;
        this.pushEmpty(s);
        continue;
      }
      let sw = 0;
      let sx = 0;
      let sy = 0;
      for (const u of units)
        for (let i = pb.unitStart[u]!; i < pb.unitStart[u + 1]!; i++) {
          const p = pb.unitPractices[i]!;
          sw += pb.pointSumW[p]!;
          sx += pb.pointSumX[p]!;
          sy += pb.pointSumY[p]!;
        }
      let c = 0;
      if (sw > 0) {
        const cx = sx / sw;
        const cy = sy / sw;
        for (const u of units)
          for (let i = pb.unitStart[u]!; i < pb.unitStart[u + 1]!; i++)
            c = addDistances(pb, pb.unitPractices[i]!, cx, cy, c);
      }
      let top = 0;
      for (let l = s * pb.placeCount; l < (s + 1) * pb.placeCount; l++)
        if (this.placeW[l]! > top) top = this.placeW[l]!;
      // Band tiers, as networkTiers (objective.ts) computes them.
      const W = this.W[s]!;
      const short = W < min ? min - W : 0;
      const user = this.userWaived[s]! > 0;
      const relaxed = this.relaxWaived[s]! > 0;
      const tu = short > 0 && !user && !relaxed ? short : 0;
      const to = W > max ? W - max : 0;
      const tr = short > 0 && !user && relaxed ? short : 0;
      this.coh[s] = c;
      this.plc[s] = W - top;
      this.tu[s] = tu;
      this.to[s] = to;
      this.tr[s] = tr;
      this.cohesion += c;
      this.place += W - top;
      this.under += tu;
      this.over += to;
      this.relaxedUnder += tr;
    }
    this.dirty.length = 0;
  }

  private pushEmpty(s: number): void {
    if (this.inEmpty[s]) return;
    this.inEmpty[s] = 1;
    this.empty.push(s);
  }

  /** The current score (refreshing touched slots first). */
  score(): Score {
    this.refresh();
    return {
      under: this.under,
      over: this.over,
      relaxedUnder: this.relaxedUnder,
      soft: softOf(this.pb, this.cohesion, this.disruption, this.place),
    };
  }

  /** Cost of one slot: its soft cost (without disruption, which is per practice) and its tiers. */
  slotCost(s: number): Score {
    return {
      under: this.tu[s]!,
      over: this.to[s]!,
      relaxedUnder: this.tr[s]!,
      soft: this.coh[s]! + this.pb.placeWeight * this.plc[s]!,
    };
  }

  /** Starts a proposal: forgets the journal, so later moves can be undone by rollback(). */
  begin(): void {
    this.refresh();
    this.journal.length = 0;
    this.costLog.length = 0;
    this.totalsLog.length = 0;
  }

  /** Undoes every move since begin(). */
  rollback(): void {
    this.rollbackTo(0);
  }

  /** A point in the journal that rollbackTo can return to (marks nest). Refreshes first. */
  mark(): number {
    this.refresh();
    return this.journal.length;
  }

  /** The slots that moves since `mark` took units from or gave units to, ascending. */
  touchedSince(mark: number): number[] {
    const out = new Set<number>();
    for (let i = mark; i < this.journal.length; i += 2) {
      out.add(this.journal[i + 1]!);
      out.add(this.assign[this.journal[i]!]!);
    }
    return [...out].sort((a, b) => a - b);
  }

  /** Undoes the moves made since `mark`, newest first, and restores the costs logged since then. */
  rollbackTo(mark: number): void {
    const j = this.journal;
    while (j.length > mark) {
      const from = j.pop()!;
      const u = j.pop()!;
      this.moveUnit(u, from);
      j.length -= 2;
    }
    const c = this.costLog;
    while (c.length > 0 && c[c.length - 7]! > mark) {
      const s = c[c.length - 6]!;
      this.coh[s] = c[c.length - 5]!;
      this.plc[s] = c[c.length - 4]!;
      this.tu[s] = c[c.length - 3]!;
      this.to[s] = c[c.length - 2]!;
      this.tr[s] = c[c.length - 1]!;
      c.length -= 7;
    }
    const t = this.totalsLog;
    while (t.length > 0 && t[t.length - 6]! > mark) {
      this.cohesion = t[t.length - 5]!;
      this.place = t[t.length - 4]!;
      this.under = t[t.length - 3]!;
      this.over = t[t.length - 2]!;
      this.relaxedUnder = t[t.length - 1]!;
      t.length -= 6;
    }
    // The state was clean at the mark, and every touched slot now holds its members and costs of then.
    for (const s of this.dirty) {
      this.isDirty[s] = 0;
      if (this.members[s]!.length === 0) this.pushEmpty(s);
    }
    this.dirty.length = 0;
  }

  /** An empty slot for a new network. */
  takeEmptySlot(): number {
    while (this.empty.length > 0) {
      const s = this.empty.pop()!;
      this.inEmpty[s] = 0;
      if (this.members[s]!.length === 0) return s;
    }
    for (let s = 0; s < this.members.length; s++) if (this.members[s]!.length === 0) return s;
    throw new Error("no empty network slot: more networks than units");
  }

  /** True when slot s minus the units `out` plus the units `inn` is connected (units adjacency). */
  connectedAfter(s: number, out: readonly number[], inn: readonly number[]): boolean {
    const pb = this.pb;
    const size = this.members[s]!.length - out.length + inn.length;
    if (size <= 1) return true;
    const tag = ++this.stampNo * 3;
    // tag: excluded; tag + 1: included from outside; tag + 2: visited.
    for (const u of out) this.stamp[u] = tag;
    for (const u of inn) this.stamp[u] = tag + 1;
    let start = inn.length > 0 ? inn[0]! : -1;
    if (start === -1) for (const u of this.members[s]!) if (this.stamp[u] !== tag) start = u;
    this.stampNo++;
    const visited = this.stampNo * 3 + 2;
    this.stamp[start] = visited;
    let head = 0;
    let tail = 0;
    this.queue[tail++] = start;
    while (head < tail) {
      const u = this.queue[head++]!;
      for (let e = pb.unitAdjStart[u]!; e < pb.unitAdjStart[u + 1]!; e++) {
        const v = pb.unitAdj[e]!;
        const st = this.stamp[v]!;
        if (st === visited || st === tag) continue;
        if (st !== tag + 1 && this.assign[v] !== s) continue;
        this.stamp[v] = visited;
        this.queue[tail++] = v;
      }
    }
    this.stampNo++;
    return tail === size;
  }

  /** Live network slots, in ascending order. */
  slots(): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.members.length; s++) if (this.members[s]!.length > 0) out.push(s);
    return out;
  }

  /** The practice assignment, networks numbered 0 … k − 1 in order of their first practice. */
  practiceAssignment(): Int32Array {
    const pb = this.pb;
    const index = new Int32Array(this.members.length).fill(-1);
    const out = new Int32Array(pb.n);
    let k = 0;
    for (let p = 0; p < pb.n; p++) {
      const s = this.assign[pb.unitOf[p]!]!;
      if (index[s] === -1) index[s] = k++;
      out[p] = index[s]!;
    }
    return out;
  }
}
