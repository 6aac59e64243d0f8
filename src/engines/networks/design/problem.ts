// The design problem: an instance, its adjacency and the options, resolved into dense columns the search
// works on. Practices that must stay together (a kept-whole or waived PCN, practices sharing a site, an island
// under the minimum: groups.ts) become one *unit*; the search moves units, never practices. Infeasible parts
// of the request are found here, before the search, and become named relaxations (relaxation.ts, locks.ts).
import { hasSite, projectKm } from "../geo.ts";
import type { Adjacency, NetworkInstance } from "../instance.ts";
import { formGroups, Waiver } from "./groups.ts";
import { analyseLocks } from "./locks.ts";
import { DesignRequestError, type Band, type ResolvedOptions } from "./options.ts";
import { patientPoints, type PatientPoints } from "./points.ts";
import { listCodes, type PendingRelaxation } from "./relaxation.ts";

/** How a unit's network may fall under the minimum: not at all, by the user's waiver, or by a relaxation. */
export { Waiver };

export interface Problem extends PatientPoints {
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
  /** Where each practice's patients live (points.ts): LSOA centroids where catchments exist, else the site. */
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

  const { groupOf, groups } = formGroups({
    instance,
    adjacency,
    band,
    label,
    labels,
    waiver,
    component,
    members,
    kept,
    relaxations,
    notes,
    name,
    sum,
  });

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

  analyseLocks({
    band,
    labelTexts,
    labels,
    unitCount,
    unitLabel,
    unitWaiver,
    unitW,
    unitStart,
    unitPractices,
    unitAdjStart,
    unitAdj,
    relaxations,
    name,
  });

  // Today's network-mates, for disruption.
  const mateLists = Array.from({ length: n }, (_, p) => {
    const c = instance.current[p]!;
    return c < 0 ? [] : members.get(c)!.filter((q) => q !== p);
  });
  const mateStart = new Int32Array(n + 1);
  mateLists.forEach((ms, p) => (mateStart[p + 1] = mateStart[p]! + ms.length));
  const mates = Int32Array.from(mateLists.flat());
  const mateW = Float64Array.from(mateLists, (ms) => sum(ms));

  const { x, y, lat0 } = projectKm(instance.lat, instance.lon);
  const located = Uint8Array.from({ length: n }, (_, p) =>
    hasSite(instance.lat[p]!, instance.lon[p]!) ? 1 : 0,
  );
  for (let p = 0; p < n; p++)
    if (!located[p]) {
      x[p] = 0;
      y[p] = 0;
    }
  const points = patientPoints(instance, x, y, located, lat0);

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
    ...points,
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
