// The design problem: an instance, its adjacency and the options, resolved into dense columns the search
// works on. Practices that must stay together (a kept-whole PCN, a waived PCN, an island under the minimum)
// become one *unit*; the search moves units, never practices. Infeasible parts of the request are found here,
// before the search, and become named relaxations (relaxation.ts).
import { hasSite, projectKm } from "../geo.ts";
import type { Adjacency, NetworkInstance } from "../instance.ts";
import { DesignRequestError, type Band, type ResolvedOptions } from "./options.ts";
import { fmt, listCodes, type PendingRelaxation } from "./relaxation.ts";

/** How a unit's network may fall under the minimum: not at all, by the user's waiver, or by a relaxation. */
export const Waiver = { None: 0, User: 1, Relaxed: 2 } as const;

export interface Problem {
  scope: string;
  practiceCodes: readonly string[];
  n: number;
  adjacency: Adjacency;
  /** Today's network of each practice (instance.current: −1 outside any PCN), and its codes. */
  current: Int32Array;
  networkCodes: readonly string[];
  /** List size of each practice. */
  w: Float64Array;
  /** Site in km on a local plane; `located` is 0 where the site is unknown. */
  x: Float64Array;
  y: Float64Array;
  located: Uint8Array;
  place: Int32Array;
  placeCount: number;
  band: Band;
  disruptionWeight: number;
  placeWeight: number;
  /** Units in compressed rows: unit u holds practices unitPractices[unitStart[u] … unitStart[u+1]−1]. */
  unitCount: number;
  unitOf: Int32Array;
  unitStart: Int32Array;
  unitPractices: Int32Array;
  unitW: Float64Array;
  /** Lock label index of a unit, −1 when unlocked; `labels` holds the label texts. */
  unitLabel: Int32Array;
  labels: string[];
  unitWaiver: Uint8Array;
  /** Patient-weighted centre of each unit's sites (km), for drawing spanning trees. */
  unitX: Float64Array;
  unitY: Float64Array;
  /** Unit adjacency in compressed rows, and the unit each entry starts from. */
  unitAdjStart: Int32Array;
  unitAdj: Int32Array;
  unitAdjFrom: Int32Array;
  /** Graph component of each unit, and each component's list total. */
  unitComponent: Int32Array;
  componentW: Float64Array;
  /** Today's network-mates of each practice (same current PCN, itself excluded), and their list total. */
  mateStart: Int32Array;
  mates: Int32Array;
  mateW: Float64Array;
  relaxations: PendingRelaxation[];
  notes: string[];
}

const codeIndex = (codes: readonly string[]) => {
  const m = new Map<string, number>();
  codes.forEach((c, i) => m.set(c.toUpperCase(), i));
  return m;
};

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

interface Group {
  practices: number[];
  what: string;
}

/**
 * Resolves options against an instance: checks every code, forms units, and finds what must be relaxed.
 * Throws DesignRequestError for codes that are not in the instance.
 */
export function buildProblem(
  instance: NetworkInstance,
  adjacency: Adjacency,
  options: ResolvedOptions,
): Problem {
  const n = instance.practiceCodes.length;
  if (adjacency.offsets.length !== n + 1)
    throw new DesignRequestError(
      `the adjacency has ${adjacency.offsets.length - 1} practices, the instance ${n}`,
    );
  const { band } = options;
  const codes = instance.practiceCodes;
  const byCode = codeIndex(codes);
  const byNetwork = codeIndex(instance.networkCodes);
  const relaxations: PendingRelaxation[] = [];
  const notes: string[] = [];
  const w = Float64Array.from(instance.listSize);
  const name = (ps: readonly number[]) => listCodes(ps.map((p) => codes[p]!));
  const sum = (ps: Iterable<number>) => {
    let s = 0;
    for (const p of ps) s += w[p]!;
    return s;
  };

  // Locks: practice → label index (labels in sorted order).
  const label = new Int32Array(n).fill(-1);
  const labelTexts = [...new Set(options.locks.values())].sort();
  for (const [code, text] of options.locks) {
    const p = byCode.get(code.trim().toUpperCase());
    if (p === undefined) throw new DesignRequestError(`lock: practice '${code}' is not in ${instance.scope}`);
    if (text.trim() === "")
      throw new DesignRequestError(`lock: practice '${code}' has an empty network label`);
    label[p] = labelTexts.indexOf(text);
  }
  const labels = [...labelTexts];

  // Kept-whole and waived PCNs; waived practices.
  const members = new Map<number, number[]>();
  for (let p = 0; p < n; p++) {
    const c = instance.current[p]!;
    if (c < 0) continue;
    if (!members.has(c)) members.set(c, []);
    members.get(c)!.push(p);
  }
  const waiver = new Uint8Array(n);
  const kept = new Map<number, string>();
  for (const code of options.keepWhole) {
    const c = byNetwork.get(code.trim().toUpperCase());
    if (c === undefined || !members.has(c))
      throw new DesignRequestError(`keep whole: '${code}' is not a PCN in ${instance.scope}`);
    kept.set(c, "kept whole");
  }
  for (const code of options.waivers) {
    const c = byNetwork.get(code.trim().toUpperCase());
    if (c !== undefined && members.has(c)) {
      kept.set(c, kept.has(c) ? "kept whole and waived" : "waived");
      for (const p of members.get(c)!) waiver[p] = Waiver.User;
      continue;
    }
    const p = byCode.get(code.trim().toUpperCase());
    if (p === undefined)
      throw new DesignRequestError(`waiver: '${code}' is neither a PCN nor a practice in ${instance.scope}`);
    waiver[p] = Waiver.User;
  }

  // Graph components of practices.
  const component = new Int32Array(n).fill(-1);
  adjacency.components.forEach((ps, i) => ps.forEach((p) => (component[p] = i)));
  for (let p = 0; p < n; p++)
    if (component[p] === -1)
      throw new DesignRequestError(`practice ${codes[p]} is in no adjacency component`);

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

  // Units: groups first (merging any overlap), then singletons, ordered by their first practice.
  const unitOfGroup = new Map<number, number>();
  const unitLists: number[][] = [];
  const unitOf = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) {
    if (unitOf[p] !== -1) continue;
    const g = groupOf[p]!;
    if (g === -1) {
      unitOf[p] = unitLists.length;
      unitLists.push([p]);
      continue;
    }
    if (!unitOfGroup.has(g)) {
      unitOfGroup.set(g, unitLists.length);
      unitLists.push([]);
    }
    const u = unitOfGroup.get(g)!;
    for (const q of groups[g]!.practices) {
      if (unitOf[q] !== -1) continue;
      unitOf[q] = u;
      unitLists[u]!.push(q);
    }
  }
  const unitCount = unitLists.length;
  const unitStart = new Int32Array(unitCount + 1);
  unitLists.forEach((ps, u) => (unitStart[u + 1] = unitStart[u]! + ps.length));
  const unitPractices = Int32Array.from(unitLists.flatMap((ps) => [...ps].sort((a, b) => a - b)));
  const unitW = Float64Array.from(unitLists, (ps) => sum(ps));
  const unitLabel = Int32Array.from(unitLists, (ps) => Math.max(-1, ...ps.map((p) => label[p]!)));
  const unitWaiver = Uint8Array.from(unitLists, (ps) =>
    ps.some((p) => waiver[p] === Waiver.User)
      ? Waiver.User
      : ps.some((p) => waiver[p] === Waiver.Relaxed)
        ? Waiver.Relaxed
        : Waiver.None,
  );
  const unitComponent = Int32Array.from(unitLists, (ps) => component[ps[0]!]!);
  const componentW = Float64Array.from(adjacency.components, (ps) => sum(ps));

  // Unit adjacency.
  const neighbourSets = unitLists.map(() => new Set<number>());
  for (let p = 0; p < n; p++)
    for (let e = adjacency.offsets[p]!; e < adjacency.offsets[p + 1]!; e++) {
      const a = unitOf[p]!;
      const b = unitOf[adjacency.neighbours[e]!]!;
      if (a !== b) neighbourSets[a]!.add(b);
    }
  const unitAdjStart = new Int32Array(unitCount + 1);
  neighbourSets.forEach((s, u) => (unitAdjStart[u + 1] = unitAdjStart[u]! + s.size));
  const unitAdj = Int32Array.from(neighbourSets.flatMap((s) => [...s].sort((a, b) => a - b)));
  const unitAdjFrom = new Int32Array(unitAdj.length);
  for (let u = 0; u < unitCount; u++) unitAdjFrom.fill(u, unitAdjStart[u]!, unitAdjStart[u + 1]!);

  // Locks: each label's units must be joinable through units free of other labels, and reach the minimum.
  for (let l = 0; l < labelTexts.length; l++) {
    const own: number[] = [];
    for (let u = 0; u < unitCount; u++) if (unitLabel[u] === l) own.push(u);
    if (own.length === 0) continue;
    const seen = new Map<number, number>();
    const regions: { units: number[]; weight: number }[] = [];
    for (const start of own) {
      if (seen.has(start)) continue;
      const region = [start];
      seen.set(start, regions.length);
      for (let h = 0; h < region.length; h++) {
        const u = region[h]!;
        for (let e = unitAdjStart[u]!; e < unitAdjStart[u + 1]!; e++) {
          const v = unitAdj[e]!;
          if (seen.has(v) || (unitLabel[v] !== -1 && unitLabel[v] !== l)) continue;
          seen.set(v, regions.length);
          region.push(v);
        }
      }
      regions.push({ units: region, weight: region.reduce((s, u) => s + unitW[u]!, 0) });
    }
    const practicesOf = (us: readonly number[]) =>
      us.flatMap((u) => [...unitPractices.subarray(unitStart[u], unitStart[u + 1])]);
    const parts = regions.map((r) => own.filter((u) => r.units.includes(u)));
    if (parts.length > 1) {
      relaxations.push({
        rule: "lock",
        reason: "lock-disconnected",
        practices: practicesOf(own),
        message: `Practices locked to ${labelTexts[l]} cannot form one contiguous network (other locks or gaps in the graph separate them): ${parts.map((us) => name(practicesOf(us))).join(" | ")}; each part forms its own network (${parts.map((_, i) => (i === 0 ? labelTexts[l] : `${labelTexts[l]}-${i + 1}`)).join(", ")}).`,
      });
      parts.slice(1).forEach((us, i) => {
        const text = `${labelTexts[l]}-${i + 2}`;
        for (const u of us) unitLabel[u] = labels.length;
        labels.push(text);
      });
    }
    regions.forEach((r, i) => {
      if (r.weight >= band.min) return;
      const us = parts[i]!;
      if (us.some((u) => unitWaiver[u] !== Waiver.None)) return;
      for (const u of us) unitWaiver[u] = Waiver.Relaxed;
      relaxations.push({
        rule: "minimum",
        reason: "lock-area-under-minimum",
        practices: practicesOf(us),
        message: `Practices ${name(practicesOf(us))} are locked to ${labels[unitLabel[us[0]!]!]}, whose network can reach at most ${fmt(r.weight)} patients without crossing other locks or the edge of the graph, under the ${fmt(band.min)} minimum: that network is waived.`,
      });
    });
  }

  // Today's network-mates, for disruption.
  const mateLists = Array.from({ length: n }, (_, p) => {
    const c = instance.current[p]!;
    return c < 0 ? [] : members.get(c)!.filter((q) => q !== p);
  });
  const mateStart = new Int32Array(n + 1);
  mateLists.forEach((ms, p) => (mateStart[p + 1] = mateStart[p]! + ms.length));
  const mates = Int32Array.from(mateLists.flat());
  const mateW = Float64Array.from(mateLists, (ms) => sum(ms));

  const { x, y } = projectKm(instance.lat, instance.lon);
  const located = Uint8Array.from({ length: n }, (_, p) =>
    hasSite(instance.lat[p]!, instance.lon[p]!) ? 1 : 0,
  );
  for (let p = 0; p < n; p++)
    if (!located[p]) {
      x[p] = 0;
      y[p] = 0;
    }

  const unitX = new Float64Array(unitCount);
  const unitY = new Float64Array(unitCount);
  unitLists.forEach((ps, u) => {
    let sw = 0;
    for (const p of ps) {
      if (!located[p]) continue;
      const wp = Math.max(w[p]!, 1);
      sw += wp;
      unitX[u]! += wp * x[p]!;
      unitY[u]! += wp * y[p]!;
    }
    if (sw > 0) {
      unitX[u]! /= sw;
      unitY[u]! /= sw;
    }
  });

  return {
    scope: instance.scope,
    practiceCodes: codes,
    n,
    adjacency,
    current: instance.current,
    networkCodes: instance.networkCodes,
    w,
    x,
    y,
    located,
    place: instance.place,
    placeCount: instance.placeCodes.length,
    band,
    disruptionWeight: options.disruptionWeight,
    placeWeight: options.placeWeight,
    unitCount,
    unitOf,
    unitStart,
    unitPractices,
    unitW,
    unitLabel,
    labels,
    unitWaiver,
    unitX,
    unitY,
    unitAdjStart,
    unitAdj,
    unitAdjFrom,
    unitComponent,
    componentW,
    mateStart,
    mates,
    mateW,
    relaxations,
    notes,
  };
}

/** The practices of unit u. */
export const unitMembers = (pb: Problem, u: number): Int32Array =>
  pb.unitPractices.subarray(pb.unitStart[u], pb.unitStart[u + 1]);
