// What a design had to relax, named: the rule, the practices, the network and why. Infeasible requests (an
// island under the minimum, locks that cannot be joined or cannot reach the minimum, a network that must
// exceed the maximum) are never silent: each becomes one of these, with the best design that relaxes only it.

export type RelaxedRule = "minimum" | "maximum" | "lock" | "keep-whole";

export type RelaxationReason =
  /** A practice with no neighbour in the adjacency graph and a list under the minimum. */
  | "isolated-practice"
  /** A part of the graph (an island) whose practices together are under the minimum. */
  | "island-under-minimum"
  /** Locked practices that no contiguous network can join. */
  | "lock-disconnected"
  /** Locked practices whose reachable area (not crossing other locks) is under the minimum. */
  | "lock-area-under-minimum"
  /** A kept-whole PCN holding practices locked to different networks. */
  | "keep-whole-lock-conflict"
  /** A kept-whole PCN whose practices no contiguous network can join. */
  | "keep-whole-disconnected"
  /** A practice, or a kept-whole PCN, over the maximum on its own. */
  | "unit-over-maximum"
  /** A part of the graph whose total cannot be divided into networks within the band. */
  | "component-cannot-fit-band"
  /** Locks or kept-whole PCNs leave no in-band arrangement nearby, or the heuristic found none. */
  | "not-resolved";

export interface Relaxation {
  rule: RelaxedRule;
  reason: RelaxationReason;
  /** The practices concerned (ODS codes). */
  practices: string[];
  /** The design's network concerned, when there is one. */
  network: string | null;
  /** That network's list size. */
  listSize: number | null;
  message: string;
}

/** A relaxation found before the search, on practice indices; labelled once the design is done. */
export interface PendingRelaxation {
  rule: RelaxedRule;
  reason: RelaxationReason;
  practices: number[];
  message: string;
}

export const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

export const listCodes = (codes: readonly string[], max = 12) =>
  codes.length <= max ? codes.join(", ") : `${codes.slice(0, max).join(", ")} and ${codes.length - max} more`;
