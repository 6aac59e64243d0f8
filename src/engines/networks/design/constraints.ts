// Constraints on a finished design, as named violations (never a bare false): every practice in exactly one
// network, every network contiguous on the practice graph, lock labels whole and unmixed, kept-whole PCNs
// whole, and each network within the band unless waived. The search keeps the first four by construction;
// this check proves it on every result and turns band breaches into relaxations.
import { Waiver, type Problem } from "./problem.ts";

export type ViolatedRule = "assignment" | "contiguity" | "lock" | "keep-whole" | "minimum" | "maximum";

export interface Violation {
  rule: ViolatedRule;
  /** Network index in the assignment, or −1 when the violation concerns no single network. */
  network: number;
  practices: number[];
  listSize: number | null;
  message: string;
}

/** The networks of an assignment as practice lists (index = network). */
export function networksOf(assignment: ArrayLike<number>): number[][] {
  const out: number[][] = [];
  for (let p = 0; p < assignment.length; p++) {
    const a = assignment[p]!;
    while (out.length <= a) out.push([]);
    out[a]!.push(p);
  }
  return out;
}

/** Practices of `ps` not reachable from its first practice within `ps`. */
export function unreachable(pb: Problem, ps: readonly number[]): number[] {
  if (ps.length <= 1) return [];
  const inSet = new Set(ps);
  const seen = new Set([ps[0]!]);
  const queue = [ps[0]!];
  for (let h = 0; h < queue.length; h++) {
    const p = queue[h]!;
    for (let e = pb.adjacency.offsets[p]!; e < pb.adjacency.offsets[p + 1]!; e++) {
      const q = pb.adjacency.neighbours[e]!;
      if (inSet.has(q) && !seen.has(q)) {
        seen.add(q);
        queue.push(q);
      }
    }
  }
  return ps.filter((p) => !seen.has(p));
}

/** Every violated constraint of a practice assignment (network indices 0 … k − 1). */
export function checkDesign(pb: Problem, assignment: ArrayLike<number>): Violation[] {
  const out: Violation[] = [];
  const code = (p: number) => pb.practiceCodes[p]!;
  const bad: number[] = [];
  for (let p = 0; p < pb.n; p++) if (!Number.isInteger(assignment[p]) || assignment[p]! < 0) bad.push(p);
  if (assignment.length !== pb.n || bad.length > 0) {
    out.push({
      rule: "assignment",
      network: -1,
      practices: bad,
      listSize: null,
      message: `every practice must be in exactly one network: ${bad.length} are not (${bad.slice(0, 10).map(code).join(", ")})`,
    });
    return out;
  }
  const networks = networksOf(assignment);
  const labelHome = new Map<number, number>();
  networks.forEach((ps, i) => {
    if (ps.length === 0) return;
    let W = 0;
    let user = false;
    let relaxed = false;
    const labels = new Set<number>();
    for (const p of ps) {
      W += pb.w[p]!;
      const u = pb.unitOf[p]!;
      if (pb.unitWaiver[u] === Waiver.User) user = true;
      if (pb.unitWaiver[u] === Waiver.Relaxed) relaxed = true;
      if (pb.unitLabel[u]! >= 0) labels.add(pb.unitLabel[u]!);
    }
    const cut = unreachable(pb, ps);
    if (cut.length > 0)
      out.push({
        rule: "contiguity",
        network: i,
        practices: cut,
        listSize: W,
        message: `network ${i} is not contiguous: ${cut.map(code).join(", ")} are cut off from ${code(ps[0]!)}`,
      });
    if (labels.size > 1)
      out.push({
        rule: "lock",
        network: i,
        practices: ps.filter((p) => pb.unitLabel[pb.unitOf[p]!]! >= 0),
        listSize: W,
        message: `network ${i} mixes practices locked to ${[...labels].map((l) => pb.labels[l]).join(" and ")}`,
      });
    for (const l of labels) {
      if (labelHome.has(l) && labelHome.get(l) !== i)
        out.push({
          rule: "lock",
          network: i,
          practices: ps.filter((p) => pb.unitLabel[pb.unitOf[p]!] === l),
          listSize: W,
          message: `practices locked to ${pb.labels[l]} are split between networks ${labelHome.get(l)} and ${i}`,
        });
      labelHome.set(l, i);
    }
    if (W < pb.band.min && !user)
      out.push({
        rule: "minimum",
        network: i,
        practices: ps,
        listSize: W,
        message: `network ${i} has ${W} patients, under the ${pb.band.min} minimum${relaxed ? " (waived by a relaxation)" : ""}`,
      });
    if (W > pb.band.max)
      out.push({
        rule: "maximum",
        network: i,
        practices: ps,
        listSize: W,
        message: `network ${i} has ${W} patients, over the ${pb.band.max} maximum`,
      });
  });
  for (let u = 0; u < pb.unitCount; u++) {
    const ps = [...pb.unitPractices.subarray(pb.unitStart[u], pb.unitStart[u + 1])];
    if (new Set(ps.map((p) => assignment[p])).size > 1)
      out.push({
        rule: "keep-whole",
        network: -1,
        practices: ps,
        listSize: null,
        message: `practices that must stay together are split: ${ps.map(code).join(", ")}`,
      });
  }
  return out;
}
