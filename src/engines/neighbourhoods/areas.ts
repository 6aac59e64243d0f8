// Level 2 of the two-level design: multi-neighbourhood areas, each a contiguous set of whole neighbourhoods,
// found by a search on the contracted graph (neighbourhoods as nodes, adjacent where any of their practices
// are adjacent). The objective, ordered lexicographically as the network designer's:
//   (patients under the area minimum, patients over the maximum, soft)
//   soft = cohesion + laWeight × LA split + pcnWeight × PCN split
//   cohesion = Σ_areas Σ_practices list × km(site, the area's patient-weighted centre of sites)
//   LA split = Σ_districts patients at the district's practices outside the area holding most of them
//   PCN split = Σ_PCNs patients at the PCN's practices outside the area holding most of them
// Districts (≈100k) and PCNs (≈50k) are smaller than areas, so at this level coterminosity means keeping
// each whole inside one area; the neighbourhood level asks the converse (a neighbourhood inside one district).
// Search: every neighbourhood its own area; greedy merges of the smallest area under the minimum with the
// neighbour that breaks the band least; then simulated annealing over moves of one boundary neighbourhood to
// an adjacent area (the donor stays contiguous), never accepting a worse band; then a steepest descent.
// Several seeded starts, the best kept. Deterministic for a seed.
import { createDesignRng, type DesignRng } from "../networks/design/rng.ts";
import { startSeed } from "../networks/design/design.ts";
import type { Band } from "./options.ts";

export interface AreaGraph {
  /** Nodes (neighbourhoods): list size, and the practices each holds. */
  w: Float64Array;
  /** Node adjacency (symmetric), compressed rows. */
  adjStart: Int32Array;
  adj: Int32Array;
  /** Practice columns: node, list, site in km (x, y) and whether located. */
  practiceNode: Int32Array;
  practiceW: Float64Array;
  x: Float64Array;
  y: Float64Array;
  located: Uint8Array;
  /** District index of each practice (−1 unknown) and the count of districts. */
  la: Int32Array;
  laCount: number;
  /** PCN index of each practice (−1 outside any PCN) and the count of PCNs. */
  pcn: Int32Array;
  pcnCount: number;
}

export interface AreaSearchOptions {
  band: Band;
  laWeight: number;
  pcnWeight: number;
  seed: number;
  starts: number;
  /** Proposals per start; default 2,000 + 1,000 × nodes. */
  iterations?: number | undefined;
}

export interface AreaScore {
  under: number;
  over: number;
  soft: number;
  cohesion: number;
  laSplit: number;
  pcnSplit: number;
}

export interface AreaSearchResult {
  /** Area index (0 … areas − 1, in order of their first node) of each node. */
  areaOf: Int32Array;
  areas: number;
  score: AreaScore;
  iterations: number;
}

const TIER_EPS = 1e-6;

/** Negative when a is better: under, then over, then soft. */
export function compareAreaScores(a: AreaScore, b: AreaScore): number {
  if (Math.abs(a.under - b.under) > TIER_EPS) return a.under - b.under;
  if (Math.abs(a.over - b.over) > TIER_EPS) return a.over - b.over;
  const tol = 1e-9 * Math.max(1, Math.abs(a.soft), Math.abs(b.soft));
  return Math.abs(a.soft - b.soft) <= tol ? 0 : a.soft - b.soft;
}

/** Node practices in compressed rows. */
function nodePractices(g: AreaGraph): { start: Int32Array; list: Int32Array } {
  const k = g.w.length;
  const start = new Int32Array(k + 1);
  for (const v of g.practiceNode) start[v + 1]!++;
  for (let v = 0; v < k; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, k);
  const list = new Int32Array(g.practiceNode.length);
  g.practiceNode.forEach((v, p) => (list[fill[v]!++] = p));
  return { start, list };
}

/** Sparse per-node totals of a practice attribute (district or PCN). */
function nodeTotals(g: AreaGraph, attr: Int32Array, rows: { start: Int32Array; list: Int32Array }) {
  const k = g.w.length;
  const keys: number[][] = [];
  const values: number[][] = [];
  for (let v = 0; v < k; v++) {
    const m = new Map<number, number>();
    for (let i = rows.start[v]!; i < rows.start[v + 1]!; i++) {
      const p = rows.list[i]!;
      const a = attr[p]!;
      if (a >= 0) m.set(a, (m.get(a) ?? 0) + g.practiceW[p]!);
    }
    const sorted = [...m].sort((x, y) => x[0] - y[0]);
    keys.push(sorted.map((e) => e[0]));
    values.push(sorted.map((e) => e[1]));
  }
  return { keys, values };
}

/** Scores an area assignment of nodes from scratch (the reference the search's bookkeeping must match). */
export function scoreAreas(
  g: AreaGraph,
  areaOf: ArrayLike<number>,
  opts: Pick<AreaSearchOptions, "band" | "laWeight" | "pcnWeight">,
): AreaScore {
  const k = g.w.length;
  const W = new Map<number, number>();
  for (let v = 0; v < k; v++) W.set(areaOf[v]!, (W.get(areaOf[v]!) ?? 0) + g.w[v]!);
  let under = 0;
  let over = 0;
  for (const w of W.values()) {
    if (w < opts.band.min) under += opts.band.min - w;
    if (w > opts.band.max) over += w - opts.band.max;
  }
  const sums = new Map<number, [number, number, number]>();
  g.practiceNode.forEach((v, p) => {
    if (!g.located[p]) return;
    const a = areaOf[v]!;
    const s = sums.get(a) ?? [0, 0, 0];
    s[0] += g.practiceW[p]!;
    s[1] += g.practiceW[p]! * g.x[p]!;
    s[2] += g.practiceW[p]! * g.y[p]!;
    sums.set(a, s);
  });
  let cohesion = 0;
  g.practiceNode.forEach((v, p) => {
    if (!g.located[p]) return;
    const s = sums.get(areaOf[v]!)!;
    if (s[0] <= 0) return;
    cohesion += g.practiceW[p]! * Math.hypot(g.x[p]! - s[1] / s[0], g.y[p]! - s[2] / s[0]);
  });
  const split = (attr: Int32Array) => {
    const m = new Map<number, Map<number, number>>();
    g.practiceNode.forEach((v, p) => {
      const a = attr[p]!;
      if (a < 0) return;
      if (!m.has(a)) m.set(a, new Map());
      const row = m.get(a)!;
      row.set(areaOf[v]!, (row.get(areaOf[v]!) ?? 0) + g.practiceW[p]!);
    });
    let s = 0;
    for (const row of m.values()) {
      let total = 0;
      let most = 0;
      for (const x of row.values()) {
        total += x;
        most = Math.max(most, x);
      }
      s += total - most;
    }
    return s;
  };
  const laSplit = split(g.la);
  const pcnSplit = split(g.pcn);
  return {
    under,
    over,
    cohesion,
    laSplit,
    pcnSplit,
    soft: cohesion + opts.laWeight * laSplit + opts.pcnWeight * pcnSplit,
  };
}

/** The search state: areas indexed 0 … k − 1 (initially one per node; emptied areas stay as empty slots). */
class AreaState {
  readonly k: number;
  readonly areaOf: Int32Array;
  readonly size: Int32Array;
  readonly W: Float64Array;
  readonly sw: Float64Array;
  readonly sx: Float64Array;
  readonly sy: Float64Array;
  readonly coh: Float64Array;
  /** Area × district and area × PCN patients, and the current split of each district and PCN. */
  readonly laM: Float64Array;
  readonly pcnM: Float64Array;
  readonly laSplitOf: Float64Array;
  readonly pcnSplitOf: Float64Array;
  readonly laTotal: Float64Array;
  readonly pcnTotal: Float64Array;
  under = 0;
  over = 0;
  cohesion = 0;
  laSplit = 0;
  pcnSplit = 0;

  constructor(
    readonly g: AreaGraph,
    readonly opts: AreaSearchOptions,
    readonly rows: { start: Int32Array; list: Int32Array },
    readonly laOf: { keys: number[][]; values: number[][] },
    readonly pcnOf: { keys: number[][]; values: number[][] },
    readonly nodeSums: { sw: Float64Array; sx: Float64Array; sy: Float64Array },
  ) {
    const k = g.w.length;
    this.k = k;
    this.areaOf = Int32Array.from({ length: k }, (_, v) => v);
    this.size = new Int32Array(k).fill(1);
    this.W = Float64Array.from(g.w);
    this.sw = Float64Array.from(nodeSums.sw);
    this.sx = Float64Array.from(nodeSums.sx);
    this.sy = Float64Array.from(nodeSums.sy);
    this.coh = new Float64Array(k);
    this.laM = new Float64Array(k * g.laCount);
    this.pcnM = new Float64Array(k * g.pcnCount);
    this.laTotal = new Float64Array(g.laCount);
    this.pcnTotal = new Float64Array(g.pcnCount);
    for (let v = 0; v < k; v++) {
      laOf.keys[v]!.forEach((l, i) => {
        this.laM[v * g.laCount + l] = laOf.values[v]![i]!;
        this.laTotal[l]! += laOf.values[v]![i]!;
      });
      pcnOf.keys[v]!.forEach((c, i) => {
        this.pcnM[v * g.pcnCount + c] = pcnOf.values[v]![i]!;
        this.pcnTotal[c]! += pcnOf.values[v]![i]!;
      });
    }
    this.laSplitOf = new Float64Array(g.laCount);
    this.pcnSplitOf = new Float64Array(g.pcnCount);
    this.recount();
  }

  /** Recounts every total from the arrays (after construction or a reset). */
  recount(): void {
    const { band } = this.opts;
    this.under = 0;
    this.over = 0;
    this.cohesion = 0;
    for (let a = 0; a < this.k; a++) {
      if (this.size[a] === 0) {
        this.coh[a] = 0;
        continue;
      }
      this.under += Math.max(0, band.min - this.W[a]!);
      this.over += Math.max(0, this.W[a]! - band.max);
    }
    this.coh.fill(0);
    const members: number[][] = Array.from({ length: this.k }, () => []);
    this.areaOf.forEach((a, v) => members[a]!.push(v));
    for (let a = 0; a < this.k; a++) {
      this.coh[a] = this.cohesionOf(members[a]!, a);
      this.cohesion += this.coh[a]!;
    }
    this.laSplit = 0;
    for (let l = 0; l < this.g.laCount; l++) {
      this.laSplitOf[l] = this.splitOf(this.laM, this.g.laCount, l, this.laTotal[l]!);
      this.laSplit += this.laSplitOf[l]!;
    }
    this.pcnSplit = 0;
    for (let c = 0; c < this.g.pcnCount; c++) {
      this.pcnSplitOf[c] = this.splitOf(this.pcnM, this.g.pcnCount, c, this.pcnTotal[c]!);
      this.pcnSplit += this.pcnSplitOf[c]!;
    }
  }

  splitOf(m: Float64Array, width: number, j: number, total: number): number {
    let most = 0;
    for (let a = 0; a < this.k; a++) most = Math.max(most, m[a * width + j]!);
    return total - most;
  }

  /** Cohesion of the practices of `nodes` about the centre of area sums a (or given sums). */
  cohesionOf(nodes: Iterable<number>, a: number, sums?: [number, number, number]): number {
    const [sw, sx, sy] = sums ?? [this.sw[a]!, this.sx[a]!, this.sy[a]!];
    if (sw <= 0) return 0;
    const cx = sx / sw;
    const cy = sy / sw;
    const { g, rows } = this;
    let c = 0;
    for (const v of nodes)
      for (let i = rows.start[v]!; i < rows.start[v + 1]!; i++) {
        const p = rows.list[i]!;
        if (g.located[p]) c += g.practiceW[p]! * Math.hypot(g.x[p]! - cx, g.y[p]! - cy);
      }
    return c;
  }

  score(): AreaScore {
    const { laWeight, pcnWeight } = this.opts;
    return {
      under: this.under,
      over: this.over,
      cohesion: this.cohesion,
      laSplit: this.laSplit,
      pcnSplit: this.pcnSplit,
      soft: this.cohesion + laWeight * this.laSplit + pcnWeight * this.pcnSplit,
    };
  }

  members(a: number): number[] {
    const out: number[] = [];
    for (let v = 0; v < this.k; v++) if (this.areaOf[v] === a) out.push(v);
    return out;
  }

  /** True when area a stays connected without node v (or v is its only node). */
  connectedWithout(a: number, v: number): boolean {
    if (this.size[a]! <= 1) return true;
    const { g } = this;
    let start = -1;
    for (let e = g.adjStart[v]!; e < g.adjStart[v + 1]!; e++)
      if (this.areaOf[g.adj[e]!] === a) {
        start = g.adj[e]!;
        break;
      }
    if (start < 0) return false;
    const seen = new Set([v, start]);
    const queue = [start];
    for (let h = 0; h < queue.length; h++) {
      const u = queue[h]!;
      for (let e = g.adjStart[u]!; e < g.adjStart[u + 1]!; e++) {
        const t = g.adj[e]!;
        if (this.areaOf[t] === a && !seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    return seen.size - 1 === this.size[a]!;
  }

  /** Moves node v (or all nodes of `vs`) from its area to area b, updating every total. */
  move(vs: readonly number[], b: number): void {
    const { g, opts } = this;
    const a = this.areaOf[vs[0]!]!;
    const tier = (x: number, w: number) =>
      this.size[x] === 0 ? [0, 0] : [Math.max(0, opts.band.min - w), Math.max(0, w - opts.band.max)];
    for (const x of [a, b]) {
      const [u, o] = tier(x, this.W[x]!);
      this.under -= u!;
      this.over -= o!;
    }
    const touchedLa = new Set<number>();
    const touchedPcn = new Set<number>();
    for (const v of vs) {
      this.areaOf[v] = b;
      this.size[a]!--;
      this.size[b]!++;
      this.W[a]! -= g.w[v]!;
      this.W[b]! += g.w[v]!;
      this.sw[a]! -= this.nodeSums.sw[v]!;
      this.sx[a]! -= this.nodeSums.sx[v]!;
      this.sy[a]! -= this.nodeSums.sy[v]!;
      this.sw[b]! += this.nodeSums.sw[v]!;
      this.sx[b]! += this.nodeSums.sx[v]!;
      this.sy[b]! += this.nodeSums.sy[v]!;
      this.laOf.keys[v]!.forEach((l, i) => {
        this.laM[a * g.laCount + l]! -= this.laOf.values[v]![i]!;
        this.laM[b * g.laCount + l]! += this.laOf.values[v]![i]!;
        touchedLa.add(l);
      });
      this.pcnOf.keys[v]!.forEach((c, i) => {
        this.pcnM[a * g.pcnCount + c]! -= this.pcnOf.values[v]![i]!;
        this.pcnM[b * g.pcnCount + c]! += this.pcnOf.values[v]![i]!;
        touchedPcn.add(c);
      });
    }
    if (this.size[a] === 0) {
      this.W[a] = 0;
      this.sw[a] = 0;
      this.sx[a] = 0;
      this.sy[a] = 0;
    }
    for (const x of [a, b]) {
      const [u, o] = tier(x, this.W[x]!);
      this.under += u!;
      this.over += o!;
      this.cohesion -= this.coh[x]!;
      this.coh[x] = this.size[x] === 0 ? 0 : this.cohesionOf(this.members(x), x);
      this.cohesion += this.coh[x]!;
    }
    for (const l of touchedLa) {
      this.laSplit -= this.laSplitOf[l]!;
      this.laSplitOf[l] = this.splitOf(this.laM, g.laCount, l, this.laTotal[l]!);
      this.laSplit += this.laSplitOf[l]!;
    }
    for (const c of touchedPcn) {
      this.pcnSplit -= this.pcnSplitOf[c]!;
      this.pcnSplitOf[c] = this.splitOf(this.pcnM, g.pcnCount, c, this.pcnTotal[c]!);
      this.pcnSplit += this.pcnSplitOf[c]!;
    }
  }

  /** Adjacent areas of node v other than its own. */
  neighbourAreas(v: number): number[] {
    const { g } = this;
    const out = new Set<number>();
    for (let e = g.adjStart[v]!; e < g.adjStart[v + 1]!; e++) {
      const b = this.areaOf[g.adj[e]!]!;
      if (b !== this.areaOf[v]) out.add(b);
    }
    return [...out].sort((x, y) => x - y);
  }

  /** Areas adjacent to area a. */
  adjacentAreas(a: number): number[] {
    const out = new Set<number>();
    for (const v of this.members(a)) for (const b of this.neighbourAreas(v)) out.add(b);
    return [...out].sort((x, y) => x - y);
  }
}

/** Greedy merges: an area under the minimum (the smallest; a random one when `rng` is given) joins the
 *  adjacent area that puts fewest patients over the maximum, then takes most patients from under the
 *  minimum, then is nearest. */
function mergeUp(s: AreaState, rng: DesignRng | null): void {
  const { band } = s.opts;
  const centre = (a: number) => [s.sx[a]! / Math.max(s.sw[a]!, 1), s.sy[a]! / Math.max(s.sw[a]!, 1)] as const;
  for (;;) {
    const under: number[] = [];
    for (let a = 0; a < s.k; a++)
      if (s.size[a]! > 0 && s.W[a]! < band.min && s.adjacentAreas(a).length > 0) under.push(a);
    if (under.length === 0) return;
    const pick = rng ? under[rng.below(under.length)]! : under.reduce((x, y) => (s.W[y]! < s.W[x]! ? y : x));
    let best: { b: number; key: [number, number, number] } | null = null;
    const [px, py] = centre(pick);
    for (const b of s.adjacentAreas(pick)) {
      const w = s.W[pick]! + s.W[b]!;
      const overGain = Math.max(0, w - band.max) - Math.max(0, s.W[b]! - band.max);
      const underDrop = band.min - s.W[pick]! + Math.max(0, band.min - s.W[b]!) - Math.max(0, band.min - w);
      const [bx, by] = centre(b);
      const key: [number, number, number] = [overGain, -underDrop, Math.hypot(px - bx, py - by)];
      if (
        !best ||
        key[0] < best.key[0] ||
        (key[0] === best.key[0] && (key[1] < best.key[1] || (key[1] === best.key[1] && key[2] < best.key[2])))
      )
        best = { b, key };
    }
    // A merge that puts more patients over the maximum than it takes from under the minimum is not made.
    if (best!.key[0] > -best!.key[1]) {
      if (!rng) return;
      // (a random pick may be a poor one: fall back to the deterministic order)
      rng = null;
      continue;
    }
    s.move(s.members(pick), best!.b);
  }
}

/** Applies "nodes of `side` in area a, the other nodes of `both` in area b". */
function assignPair(s: AreaState, both: readonly number[], side: ReadonlySet<number>, a: number, b: number) {
  const toA = both.filter((v) => side.has(v) && s.areaOf[v] !== a);
  const toB = both.filter((v) => !side.has(v) && s.areaOf[v] !== b);
  const bySource = (vs: number[], target: number) => {
    const groups = new Map<number, number[]>();
    for (const v of vs) {
      const from = s.areaOf[v]!;
      if (!groups.has(from)) groups.set(from, []);
      groups.get(from)!.push(v);
    }
    for (const g of groups.values()) s.move(g, target);
  };
  bySource(toA, a);
  bySource(toB, b);
}

/**
 * Recombination (in the manner of ReCom): two adjacent areas merged, a random spanning tree of their
 * neighbourhoods drawn, and the cut of one tree edge that scores best kept when it improves on the pair as it
 * was. Lets the band be met where moving one neighbourhood at a time cannot (it must pass a worse band).
 */
function recombine(s: AreaState, rng: DesignRng, rounds: number): void {
  const { g } = s;
  for (let r = 0; r < rounds; r++) {
    const v = rng.below(s.k);
    const others = s.neighbourAreas(v);
    if (others.length === 0) continue;
    const a = s.areaOf[v]!;
    const b = others[rng.below(others.length)]!;
    const both = [...s.members(a), ...s.members(b)];
    const inside = new Set(both);
    // Random spanning tree (random frontier growth) with parents.
    const parent = new Map<number, number>([[both[0]!, -1]]);
    const order = [both[0]!];
    const frontier: [number, number][] = [];
    const push = (u: number) => {
      for (let e = g.adjStart[u]!; e < g.adjStart[u + 1]!; e++)
        if (inside.has(g.adj[e]!) && !parent.has(g.adj[e]!)) frontier.push([u, g.adj[e]!]);
    };
    push(both[0]!);
    while (frontier.length > 0) {
      const i = rng.below(frontier.length);
      const [from, to] = frontier[i]!;
      frontier[i] = frontier[frontier.length - 1]!;
      frontier.pop();
      if (parent.has(to)) continue;
      parent.set(to, from);
      order.push(to);
      push(to);
    }
    if (order.length !== both.length) continue;
    const children = new Map<number, number[]>();
    for (const u of order.slice(1)) {
      const p = parent.get(u)!;
      if (!children.has(p)) children.set(p, []);
      children.get(p)!.push(u);
    }
    const subtree = (root: number) => {
      const out = new Set<number>([root]);
      const stack = [root];
      while (stack.length > 0)
        for (const c of children.get(stack.pop()!) ?? [])
          if (!out.has(c)) {
            out.add(c);
            stack.push(c);
          }
      return out;
    };
    const before = s.score();
    const was = new Set(both.filter((u) => s.areaOf[u] === a));
    let bestCut: Set<number> | null = null;
    let bestScore = before;
    for (const u of order.slice(1)) {
      const side = subtree(u);
      assignPair(s, both, side, a, b);
      const sc = s.score();
      if (compareAreaScores(sc, bestScore) < 0) {
        bestScore = sc;
        bestCut = side;
      }
      assignPair(s, both, was, a, b);
    }
    if (bestCut) assignPair(s, both, bestCut, a, b);
  }
}

/** One seeded run: merges, annealing over single-node moves, descent. Returns the best assignment seen. */
function run(
  make: () => AreaState,
  rng: DesignRng,
  randomMerges: boolean,
  iterations: number,
  scale: number,
): { areaOf: Int32Array; score: AreaScore } {
  const s = make();
  mergeUp(s, randomMerges ? rng : null);
  let best = { areaOf: Int32Array.from(s.areaOf), score: s.score() };
  const k = s.k;
  const t0 = scale;
  const t1 = scale * 0.001;
  for (let i = 0; i < iterations && k > 1; i++) {
    const T = t0 * Math.pow(t1 / t0, i / Math.max(1, iterations - 1));
    const v = rng.below(k);
    const options = s.neighbourAreas(v);
    if (options.length === 0) continue;
    const b = options[rng.below(options.length)]!;
    const a = s.areaOf[v]!;
    if (!s.connectedWithout(a, v)) continue;
    const before = s.score();
    s.move([v], b);
    const after = s.score();
    const tiers = compareAreaScores({ ...after, soft: 0 }, { ...before, soft: 0 });
    const accept =
      tiers < 0 ||
      (tiers === 0 && (after.soft <= before.soft || rng.next() < Math.exp((before.soft - after.soft) / T)));
    if (!accept) {
      s.move([v], a);
      continue;
    }
    if (compareAreaScores(after, best.score) < 0) best = { areaOf: Int32Array.from(s.areaOf), score: after };
  }
  // Descent from the best: first improving move, until none.
  const d = make();
  for (let v = 0; v < k; v++) if (best.areaOf[v] !== v) d.move([v], best.areaOf[v]!);
  recombine(d, rng, 40 * k);
  for (let improved = true; improved;) {
    improved = false;
    for (let v = 0; v < k; v++) {
      const a = d.areaOf[v]!;
      for (const b of d.neighbourAreas(v)) {
        if (!d.connectedWithout(a, v)) break;
        const before = d.score();
        d.move([v], b);
        if (compareAreaScores(d.score(), before) < 0) {
          improved = true;
          break;
        }
        d.move([v], a);
      }
    }
  }
  return { areaOf: Int32Array.from(d.areaOf), score: d.score() };
}

/**
 * Groups the nodes of `g` (neighbourhoods) into contiguous areas within `band` where the graph allows,
 * minimising the soft cost above. Deterministic for a seed.
 * @example designAreas(graph, { band: { min: 200_000, max: 300_000 }, laWeight: 1, pcnWeight: 1, seed: 1, starts: 4 })
 */
export function designAreas(g: AreaGraph, opts: AreaSearchOptions): AreaSearchResult {
  const k = g.w.length;
  const rows = nodePractices(g);
  const laOf = nodeTotals(g, g.la, rows);
  const pcnOf = nodeTotals(g, g.pcn, rows);
  const sums = { sw: new Float64Array(k), sx: new Float64Array(k), sy: new Float64Array(k) };
  g.practiceNode.forEach((v, p) => {
    if (!g.located[p]) return;
    sums.sw[v]! += g.practiceW[p]!;
    sums.sx[v]! += g.practiceW[p]! * g.x[p]!;
    sums.sy[v]! += g.practiceW[p]! * g.y[p]!;
  });
  const make = () => new AreaState(g, opts, rows, laOf, pcnOf, sums);
  // Temperature: the mean node list × the median distance between adjacent node centres (km), as the
  // network designer scales its own.
  const lengths: number[] = [];
  for (let v = 0; v < k; v++)
    for (let e = g.adjStart[v]!; e < g.adjStart[v + 1]!; e++) {
      const u = g.adj[e]!;
      if (u > v && sums.sw[u]! > 0 && sums.sw[v]! > 0)
        lengths.push(
          Math.hypot(
            sums.sx[u]! / sums.sw[u]! - sums.sx[v]! / sums.sw[v]!,
            sums.sy[u]! / sums.sw[u]! - sums.sy[v]! / sums.sw[v]!,
          ),
        );
    }
  lengths.sort((a, b) => a - b);
  const median = lengths.length > 0 ? lengths[lengths.length >> 1]! : 1;
  let total = 0;
  for (const w of g.w) total += w;
  const scale = Math.max(1, (total / Math.max(k, 1)) * Math.max(median, 0.1) * 0.1);
  const iterations = opts.iterations ?? 2_000 + 1_000 * k;
  let best: { areaOf: Int32Array; score: AreaScore } | null = null;
  for (let s = 0; s < opts.starts; s++) {
    const r = run(
      make,
      createDesignRng(s === 0 ? opts.seed : startSeed(opts.seed, s)),
      s > 0,
      iterations,
      scale,
    );
    if (!best || compareAreaScores(r.score, best.score) < 0) best = r;
  }
  // Areas renumbered 0 … m − 1 in order of their first node.
  const renumber = new Map<number, number>();
  const areaOf = new Int32Array(k);
  for (let v = 0; v < k; v++) {
    const a = best!.areaOf[v]!;
    if (!renumber.has(a)) renumber.set(a, renumber.size);
    areaOf[v] = renumber.get(a)!;
  }
  return { areaOf, areas: renumber.size, score: best!.score, iterations: iterations * opts.starts };
}
