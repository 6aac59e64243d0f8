// Practices that must stay together become one group (a unit of the search): a kept-whole or waived PCN
// (bridged through free practices where it is not contiguous), practices sharing a site, and an island of
// the graph under the minimum (one waived network). Conflicts become named relaxations.
import { hasSite } from "../geo.ts";
import type { Adjacency, NetworkInstance } from "../instance.ts";
import type { Band } from "./options.ts";
import { fmt, type PendingRelaxation } from "./relaxation.ts";

/** Waiver kinds by practice or unit: none, the user's, or one a relaxation made. */
export const Waiver = { None: 0, User: 1, Relaxed: 2 } as const;

export interface Group {
  practices: number[];
  what: string;
}

/** What forming groups needs and updates (waivers, relaxations and notes). */
export interface GroupContext {
  instance: NetworkInstance;
  adjacency: Adjacency;
  band: Band;
  /** Lock label index of each practice (−1 none) and the label texts. */
  label: Int32Array;
  labels: readonly string[];
  waiver: Uint8Array;
  /** Graph component of each practice. */
  component: Int32Array;
  /** Today's PCN index → its practices; kept-whole (or waived) PCN index → how it was asked for. */
  members: ReadonlyMap<number, number[]>;
  kept: ReadonlyMap<number, string>;
  relaxations: PendingRelaxation[];
  notes: string[];
  name: (ps: readonly number[]) => string;
  sum: (ps: Iterable<number>) => number;
}

/** Breadth-first search from `start` through practices allowed by `ok`; returns the path to the first
 *  practice satisfying `goal` (start excluded, goal included), or null. */
function shortestPath(
  adj: Adjacency,
  start: readonly number[],
  ok: (p: number) => boolean,
  goal: (p: number) => boolean,
): number[] | null {
  const prev = new Map<number, number>();
  const queue = [...start];
  for (const s of start) prev.set(s, -1);
  for (let h = 0; h < queue.length; h++) {
    const p = queue[h]!;
    for (let e = adj.offsets[p]!; e < adj.offsets[p + 1]!; e++) {
      const q = adj.neighbours[e]!;
      if (prev.has(q)) continue;
      prev.set(q, p);
      if (goal(q)) {
        const path: number[] = [];
        for (let r = q; r !== -1; r = prev.get(r)!) if (prev.get(r) !== -1) path.push(r);
        return path.reverse();
      }
      if (ok(q)) queue.push(q);
    }
  }
  return null;
}

/** The practices of `set` reachable from `from` within `set`. */
function reachWithin(adj: Adjacency, from: number, set: ReadonlySet<number>): Set<number> {
  const seen = new Set([from]);
  const queue = [from];
  for (let h = 0; h < queue.length; h++) {
    const p = queue[h]!;
    for (let e = adj.offsets[p]!; e < adj.offsets[p + 1]!; e++) {
      const q = adj.neighbours[e]!;
      if (set.has(q) && !seen.has(q)) {
        seen.add(q);
        queue.push(q);
      }
    }
  }
  return seen;
}

/** Forms the groups; returns each practice's group (−1 when alone) and the groups. */
export function formGroups(ctx: GroupContext): { groupOf: Int32Array; groups: Group[] } {
  const { instance, adjacency, band, label, labels, waiver, component, members, kept } = ctx;
  const { relaxations, notes, name, sum } = ctx;
  const n = instance.practiceCodes.length;
  // Kept-whole groups: drop those holding two labels, split those across islands, bridge the rest.
  const groupOf = new Int32Array(n).fill(-1);
  const groups: Group[] = [];
  for (const [c, how] of [...kept].sort((a, b) => a[0] - b[0])) {
    const pcn = instance.networkCodes[c]!;
    const ps = members.get(c)!;
    const groupLabels = [...new Set(ps.map((p) => label[p]!).filter((l) => l >= 0))];
    if (groupLabels.length > 1) {
      relaxations.push({
        rule: "keep-whole",
        reason: "keep-whole-lock-conflict",
        practices: ps.filter((p) => label[p]! >= 0),
        message: `PCN ${pcn} cannot be kept whole: its practices ${name(ps.filter((p) => label[p]! >= 0))} are locked to different networks (${groupLabels.map((l) => labels[l]).join(", ")}).`,
      });
      continue;
    }
    const l = groupLabels[0] ?? -1;
    const byComponent = new Map<number, number[]>();
    for (const p of ps) byComponent.set(component[p]!, [...(byComponent.get(component[p]!) ?? []), p]);
    const pieces = [...byComponent.values()];
    if (pieces.length > 1)
      relaxations.push({
        rule: "keep-whole",
        reason: "keep-whole-disconnected",
        practices: ps,
        message: `PCN ${pcn} cannot be kept whole: its practices lie in ${pieces.length} separate parts of the adjacency graph (${pieces.map((q) => name(q)).join(" | ")}); each part is kept together.`,
      });
    for (const piece of pieces) {
      const set = new Set(piece);
      const joined = reachWithin(adjacency, piece[0]!, set);
      const bridges: number[] = [];
      let failed = false;
      const allJoined = () => piece.every((q) => joined.has(q));
      while (!allJoined()) {
        const path = shortestPath(
          adjacency,
          [...joined],
          (q) => groupOf[q] === -1 && !set.has(q) && (label[q] === -1 || label[q] === l),
          (q) => set.has(q) && !joined.has(q),
        );
        if (!path) {
          failed = true;
          break;
        }
        for (const q of path.slice(0, -1)) {
          bridges.push(q);
          joined.add(q);
        }
        const target = path[path.length - 1]!;
        for (const q of reachWithin(adjacency, target, set)) joined.add(q);
      }
      const parts: number[][] = [];
      if (failed) {
        const left = new Set(piece);
        while (left.size > 0) {
          const part = [...reachWithin(adjacency, [...left][0]!, left)];
          part.forEach((q) => left.delete(q));
          parts.push(part);
        }
        relaxations.push({
          rule: "keep-whole",
          reason: "keep-whole-disconnected",
          practices: piece,
          message: `PCN ${pcn} cannot be kept whole as one contiguous network (other locks or kept PCNs lie between its practices); its ${parts.length} contiguous parts are kept together: ${parts.map((q) => name(q)).join(" | ")}.`,
        });
      } else {
        parts.push([...piece, ...bridges]);
        if (bridges.length > 0)
          notes.push(
            `PCN ${pcn} is not contiguous on the adjacency graph: ${name(bridges)} join it to keep it whole.`,
          );
      }
      for (const part of parts) {
        for (const q of part) groupOf[q] = groups.length;
        groups.push({ practices: part, what: `PCN ${pcn} (${how})` });
      }
    }
  }

  // Practices sharing a site (identical coordinates) stay together, with any group they belong to, unless
  // they are locked to different networks or together exceed the maximum.
  const bySite = new Map<string, number[]>();
  for (let p = 0; p < n; p++) {
    if (!hasSite(instance.lat[p]!, instance.lon[p]!)) continue;
    const key = `${instance.lat[p]},${instance.lon[p]}`;
    if (!bySite.has(key)) bySite.set(key, []);
    bySite.get(key)!.push(p);
  }
  const apart: string[] = [];
  for (const site of bySite.values()) {
    if (site.length < 2) continue;
    const members = new Set(site);
    for (const p of site) if (groupOf[p]! >= 0) groups[groupOf[p]!]!.practices.forEach((q) => members.add(q));
    const siteLabels = new Set([...members].map((p) => label[p]!).filter((l) => l >= 0));
    const connected = reachWithin(adjacency, site[0]!, new Set(site)).size === site.length;
    if (siteLabels.size > 1 || sum(members) > band.max || !connected) {
      apart.push(name(site));
      continue;
    }
    if (new Set(site.map((p) => groupOf[p])).size === 1 && groupOf[site[0]!]! >= 0) continue;
    const whats = [
      ...new Set([...members].filter((p) => groupOf[p]! >= 0).map((p) => groups[groupOf[p]!]!.what)),
    ];
    for (const p of members) groupOf[p] = groups.length;
    groups.push({
      practices: [...members].sort((a, b) => a - b),
      what: ["shared site", ...whats].join(", "),
    });
  }
  if (apart.length > 0)
    notes.push(
      `Practices sharing a site are kept in one network, except at ${apart.length} sites (locked apart, over the maximum together, or not adjacent): ${apart.join("; ")}.`,
    );

  // Islands under the minimum become one waived unit (or, when they hold two locks, waived networks).
  for (const ps of adjacency.components) {
    const total = sum(ps);
    if (total >= band.min) continue;
    const userWaived = ps.some((p) => waiver[p] === Waiver.User);
    const islandLabels = new Set(ps.map((p) => label[p]!).filter((l) => l >= 0));
    const isolated = ps.length === 1;
    const sites = ps.filter((p) => !hasSite(instance.lat[p]!, instance.lon[p]!));
    const why = isolated
      ? `Practice ${name(ps)} has no neighbour in the adjacency graph${sites.length ? " (its site is unknown)" : ""}`
      : `Practices ${name(ps)} form an island of the adjacency graph`;
    if (islandLabels.size <= 1) {
      for (const p of ps) groupOf[p] = groups.length;
      groups.push({ practices: [...ps], what: isolated ? "isolated practice" : "island" });
    }
    if (!userWaived) {
      for (const p of ps) waiver[p] = Waiver.Relaxed;
      relaxations.push({
        rule: "minimum",
        reason: isolated ? "isolated-practice" : "island-under-minimum",
        practices: [...ps],
        message:
          `${why} with ${fmt(total)} patients, under the ${fmt(band.min)} minimum: ` +
          (islandLabels.size <= 1
            ? `${isolated ? "it forms" : "they form"} one network under a waiver (DES para 3.2 allows one for a natural community in a sparse area).`
            : `they hold ${islandLabels.size} different locks, so each of those networks is waived.`),
      });
    }
  }

  return { groupOf, groups };
}
