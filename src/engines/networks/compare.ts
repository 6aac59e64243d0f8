// Compares two configurations of the same instance: both evaluations side by side, which networks became
// which, and which practices (and how many patients) moved.
//
// Matching: old networks (A) are matched one-to-one to new networks (B) to maximise the patients they share
// (w(a, b) = Σ list of practices in both, plus 0.001 per shared practice so practices without a list count),
// by the Hungarian algorithm on each connected block of the A–B overlap graph. A practice has *moved* when
// its new network is not the one its old network was matched to (or its old network was matched to none):
// it no longer sits with the bulk of its old network-mates. A split keeps the largest part in place and
// moves the rest; a merger keeps the larger partner in place and moves the smaller; a renamed but unchanged
// network moves nobody.
import type { PcnContractYear } from "../../config/pcn-contract.ts";
import type { PcnBand } from "../../model/pcn-band.ts";
import { networkCount, type LabelledAssignment } from "./assignment.ts";
import { evaluate, type EvaluateOptions, type Evaluation } from "./evaluate.ts";
import type { Adjacency, Assignment, NetworkInstance } from "./instance.ts";

/** Minimum-cost assignment of rows to columns (rows ≤ columns), e-maxx Hungarian; returns column per row. */
function hungarian(cost: number[][]): number[] {
  const n = cost.length;
  const m = cost[0]?.length ?? 0;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) result[p[j]! - 1] = j - 1;
  return result;
}

/**
 * The new network matched to each old network (−1 when none), maximising shared patients.
 * @example matchNetworks(instance, today, proposal) // → Int32Array [3, 0, -1, …]
 */
export function matchNetworks(instance: NetworkInstance, a: Assignment, b: Assignment): Int32Array {
  const ka = networkCount(a);
  const kb = networkCount(b);
  const weight = new Map<number, number>(); // ia * kb + ib → shared weight
  for (let p = 0; p < a.length; p++) {
    const key = a[p]! * kb + b[p]!;
    weight.set(key, (weight.get(key) ?? 0) + instance.listSize[p]! + 0.001);
  }
  // Connected blocks of the bipartite overlap graph (A nodes 0 … ka − 1, B nodes ka … ka + kb − 1).
  const parent = Int32Array.from({ length: ka + kb }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const key of weight.keys()) {
    const ra = find(Math.floor(key / kb));
    const rb = find(ka + (key % kb));
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const blocks = new Map<number, { as: number[]; bs: number[] }>();
  for (let i = 0; i < ka + kb; i++) {
    const r = find(i);
    const block = blocks.get(r) ?? { as: [], bs: [] };
    if (i < ka) block.as.push(i);
    else block.bs.push(i - ka);
    blocks.set(r, block);
  }
  const match = new Int32Array(ka).fill(-1);
  for (const { as, bs } of blocks.values()) {
    if (as.length === 0 || bs.length === 0) continue;
    const rowsAreA = as.length <= bs.length;
    const rows = rowsAreA ? as : bs;
    const cols = rowsAreA ? bs : as;
    const cost = rows.map((r) => cols.map((c) => -(weight.get(rowsAreA ? r * kb + c : c * kb + r) ?? 0)));
    hungarian(cost).forEach((col, i) => {
      if (col < 0 || cost[i]![col]! === 0) return; // nothing shared: not a match
      if (rowsAreA) match[rows[i]!] = cols[col]!;
      else match[cols[col]!] = rows[i]!;
    });
  }
  return match;
}

/** Practices that moved from `a` to `b` (see the header), ascending. */
export function movedPractices(instance: NetworkInstance, a: Assignment, b: Assignment): number[] {
  const match = matchNetworks(instance, a, b);
  const moved: number[] = [];
  for (let p = 0; p < a.length; p++) if (match[a[p]!] !== b[p]) moved.push(p);
  return moved;
}

export interface PracticeMove {
  practice: string;
  name: string;
  patients: number;
  from: string;
  to: string;
}

export interface NetworkChange {
  /** Old network code, or null for a new network. */
  a: string | null;
  /** New network code, or null for a dissolved network. */
  b: string | null;
  kind: "unchanged" | "changed" | "new" | "dissolved";
  aList: number | null;
  bList: number | null;
  aBand: PcnBand | null;
  bBand: PcnBand | null;
  /** Practices that joined (in B, not in the matched A) and left (in A, not in the matched B). */
  joined: string[];
  left: string[];
}

export interface Comparison {
  a: Evaluation;
  b: Evaluation;
  practicesMoved: number;
  patientsMoved: number;
  moves: PracticeMove[];
  changes: NetworkChange[];
}

/**
 * Both configurations evaluated, matched and their moves listed.
 * @example compare(instance, adjacency, currentMap(instance), proposal, rules).practicesMoved // → 12
 */
export function compare(
  instance: NetworkInstance,
  adjacency: Adjacency,
  a: LabelledAssignment,
  b: LabelledAssignment,
  rules: PcnContractYear,
  options: EvaluateOptions = {},
): Comparison {
  const evalA = evaluate(instance, adjacency, a.assignment, rules, a.labels, options);
  const evalB = evaluate(instance, adjacency, b.assignment, rules, b.labels, options);
  const match = matchNetworks(instance, a.assignment, b.assignment);
  const codes = instance.practiceCodes;
  const moves: PracticeMove[] = [];
  let patientsMoved = 0;
  for (let p = 0; p < codes.length; p++) {
    const from = a.assignment[p]!;
    const to = b.assignment[p]!;
    if (match[from] === to) continue;
    moves.push({
      practice: codes[p]!,
      name: instance.practiceNames[p]!,
      patients: instance.listSize[p]!,
      from: a.labels[from]!.code,
      to: b.labels[to]!.code,
    });
    patientsMoved += instance.listSize[p]!;
  }
  const rowB = new Map(evalB.networks.map((n) => [n.index, n]));
  const matchedB = new Set<number>();
  const changes: NetworkChange[] = [];
  for (const na of evalA.networks) {
    const j = match[na.index]!;
    const nb = j >= 0 ? rowB.get(j) : undefined;
    if (!nb) {
      changes.push({
        a: na.code,
        b: null,
        kind: "dissolved",
        aList: na.listSize,
        bList: null,
        aBand: na.band,
        bBand: null,
        joined: [],
        left: na.practices,
      });
      continue;
    }
    matchedB.add(j);
    const inA = new Set(na.practices);
    const inB = new Set(nb.practices);
    const joined = nb.practices.filter((c) => !inA.has(c));
    const left = na.practices.filter((c) => !inB.has(c));
    changes.push({
      a: na.code,
      b: nb.code,
      kind: joined.length === 0 && left.length === 0 ? "unchanged" : "changed",
      aList: na.listSize,
      bList: nb.listSize,
      aBand: na.band,
      bBand: nb.band,
      joined,
      left,
    });
  }
  for (const nb of evalB.networks) {
    if (matchedB.has(nb.index)) continue;
    changes.push({
      a: null,
      b: nb.code,
      kind: "new",
      aList: null,
      bList: nb.listSize,
      aBand: null,
      bBand: nb.band,
      joined: nb.practices,
      left: [],
    });
  }
  return { a: evalA, b: evalB, practicesMoved: moves.length, patientsMoved, moves, changes };
}
