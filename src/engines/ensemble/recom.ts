// A recombination (ReCom) Markov chain over partitions of an instance's practices into a fixed number of
// contiguous networks within a size band, in the manner of GerryChain's `recom` (DeFord, Duchin & Solomon,
// "Recombination: a family of Markov chains for redistricting", Harvard Data Science Review 2021). One step:
//
//   1. choose a cut edge (an edge of the practice graph whose ends are in different networks) uniformly at
//      random: its two networks A and B are merged (so pairs sharing a long boundary are chosen more often);
//   2. draw a spanning tree of the merged subgraph uniformly at random (Wilson's algorithm: loop-erased
//      random walks; GerryChain draws a minimum spanning tree of random edge weights, which is not uniform);
//   3. list the tree edges whose removal leaves both parts within the band; if there are none, draw another
//      tree, at most `treeAttempts` times, and if every tree fails the chain stays where it is;
//   4. remove one of those edges, chosen uniformly: the two subtrees are the new A and B (each connected,
//      since a subtree of a spanning tree of the merged subgraph is connected in it).
//
// Every state of the chain is a partition into k contiguous networks (k fixed by the start) each within the
// band; a start that is not (a network out of band) still works: such a network moves only when a split of
// its pair puts both parts in band. The chain is not uniform over partitions: a split's probability is its
// share of the balanced edges of the trees, so partitions whose parts have many spanning trees (compact
// networks on dense graphs) are favoured. docs/networks.md "Ensemble" explains the frequencies on a small
// graph, and test/engines/ensemble/stationary.test.ts checks them against the chain's exact stationary
// distribution. Pure and seeded: the same seed gives the same chain.
import type { Adjacency, Assignment } from "../networks/instance.ts";

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

export interface RecomOptions {
  /** Population of each node (list size). */
  population: ArrayLike<number>;
  band: { min: number; max: number };
  /** Trees drawn for a pair before the step gives up and stays (default 10). */
  treeAttempts?: number;
}

export interface StepResult {
  /** False when no tree had a balanced edge (the chain stayed). */
  moved: boolean;
  /** The two network labels merged and re-split. */
  a: number;
  b: number;
}

const below = (rng: Rng, n: number) => Math.floor(rng.next() * n);

/**
 * The chain's state and its step. `assignment` is copied; `networks` are its labels 0 … k − 1 (every one
 * used). Read the state with `assignment` after each `step`.
 */
export class RecomChain {
  readonly assignment: Int32Array;
  readonly k: number;
  private readonly adjacency: Adjacency;
  private readonly population: ArrayLike<number>;
  private readonly min: number;
  private readonly max: number;
  private readonly attempts: number;
  /** Members of each network. */
  private readonly members: number[][];
  // Scratch, sized to the graph.
  private readonly local: Int32Array;
  private readonly inTree: Uint8Array;
  private readonly nextNode: Int32Array;
  /** Directed edges (p → neighbour index) of the graph, for choosing a cut edge. */
  private readonly edgeFrom: Int32Array;

  constructor(adjacency: Adjacency, start: Assignment, options: RecomOptions) {
    const n = start.length;
    this.adjacency = adjacency;
    this.assignment = Int32Array.from(start);
    let k = 0;
    for (let p = 0; p < n; p++) k = Math.max(k, start[p]! + 1);
    this.k = k;
    this.members = Array.from({ length: k }, () => []);
    for (let p = 0; p < n; p++) this.members[start[p]!]!.push(p);
    if (this.members.some((m) => m.length === 0))
      throw new Error("RecomChain: every network label 0 … k − 1 must be used");
    this.population = options.population;
    this.min = options.band.min;
    this.max = options.band.max;
    this.attempts = options.treeAttempts ?? 10;
    this.local = new Int32Array(n).fill(-1);
    this.inTree = new Uint8Array(n);
    this.nextNode = new Int32Array(n);
    this.edgeFrom = new Int32Array(adjacency.neighbours.length);
    for (let p = 0; p < n; p++)
      for (let e = adjacency.offsets[p]!; e < adjacency.offsets[p + 1]!; e++) this.edgeFrom[e] = p;
  }

  /** The number of cut edges (undirected) of the current state. */
  cutEdges(): number {
    let cut = 0;
    const { neighbours } = this.adjacency;
    for (let e = 0; e < neighbours.length; e++)
      if (this.assignment[this.edgeFrom[e]!] !== this.assignment[neighbours[e]!]) cut++;
    return cut / 2;
  }

  /** One step of the chain (see the header). */
  step(rng: Rng): StepResult {
    const { neighbours } = this.adjacency;
    const a0 = this.assignment;
    // 1. A uniform cut edge: rejection sampling over directed edges (each undirected cut edge twice).
    let e: number;
    let tries = 0;
    for (;;) {
      e = below(rng, neighbours.length);
      if (a0[this.edgeFrom[e]!] !== a0[neighbours[e]!]) break;
      if (++tries > 64 * neighbours.length) return { moved: false, a: -1, b: -1 }; // one network only
    }
    const a = a0[this.edgeFrom[e]!]!;
    const b = a0[neighbours[e]!]!;
    const nodes = [...this.members[a]!, ...this.members[b]!];
    let total = 0;
    for (const p of nodes) total += this.population[p]!;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const { parent, order } = this.uniformTree(nodes, rng);
      // 3. Subtree populations in reverse BFS order; balanced edges (v, parent v).
      const sub = new Float64Array(nodes.length);
      for (let i = order.length - 1; i >= 0; i--) {
        const v = order[i]!;
        sub[v]! += this.population[nodes[v]!]!;
        if (parent[v]! >= 0) sub[parent[v]!]! += sub[v]!;
      }
      const balanced: number[] = [];
      for (let v = 0; v < nodes.length; v++) {
        if (parent[v]! < 0) continue;
        const s = sub[v]!;
        if (s >= this.min && s <= this.max && total - s >= this.min && total - s <= this.max)
          balanced.push(v);
      }
      if (balanced.length === 0) continue;
      // 4. Cut one; the subtree below it becomes B, the rest A.
      const cut = balanced[below(rng, balanced.length)]!;
      const inSub = new Uint8Array(nodes.length);
      for (const v of order) if (v === cut || (parent[v]! >= 0 && inSub[parent[v]!])) inSub[v] = 1;
      const ma: number[] = [];
      const mb: number[] = [];
      nodes.forEach((p, v) => {
        if (inSub[v]) {
          mb.push(p);
          a0[p] = b;
        } else {
          ma.push(p);
          a0[p] = a;
        }
      });
      this.members[a] = ma.sort((x, y) => x - y);
      this.members[b] = mb.sort((x, y) => x - y);
      return { moved: true, a, b };
    }
    return { moved: false, a, b };
  }

  /**
   * A uniform spanning tree of the subgraph induced by `nodes` (connected), by Wilson's algorithm rooted
   * at nodes[0]: parent (local index, −1 for the root) and a BFS order from the root.
   */
  private uniformTree(nodes: number[], rng: Rng): { parent: Int32Array; order: number[] } {
    const { offsets, neighbours } = this.adjacency;
    const local = this.local;
    nodes.forEach((p, i) => (local[p] = i));
    const m = nodes.length;
    // Local adjacency of the merged subgraph.
    const nbr: number[][] = nodes.map((p) => {
      const out: number[] = [];
      for (let e = offsets[p]!; e < offsets[p + 1]!; e++) {
        const q = local[neighbours[e]!]!;
        if (q >= 0) out.push(q);
      }
      return out;
    });
    const inTree = this.inTree;
    const next = this.nextNode;
    inTree.fill(0, 0, m);
    inTree[0] = 1;
    for (let i = 1; i < m; i++) {
      let u = i;
      while (!inTree[u]) {
        const ns = nbr[u]!;
        next[u] = ns[below(rng, ns.length)]!;
        u = next[u]!;
      }
      u = i;
      while (!inTree[u]) {
        inTree[u] = 1;
        u = next[u]!;
      }
    }
    const parent = new Int32Array(m);
    parent[0] = -1;
    for (let i = 1; i < m; i++) parent[i] = next[i]!;
    for (const p of nodes) local[p] = -1;
    // BFS order from the root over the tree's children.
    const children: number[][] = Array.from({ length: m }, () => []);
    for (let i = 1; i < m; i++) children[parent[i]!]!.push(i);
    const order = [0];
    for (let h = 0; h < order.length; h++) for (const c of children[order[h]!]!) order.push(c);
    return { parent, order };
  }
}
