// Evaluates one level of a two-level design (or today's PCNs, for comparison): per unit its list and band,
// contiguity on the practice graph, districts and places spanned, PCNs, spread and localisation; totals with
// coterminosity both ways (a unit inside one district; a district inside one unit) and PCN alignment. Pure.
import { hasSite, projectKm } from "../networks/geo.ts";
import type { Adjacency, Assignment, NetworkInstance } from "../networks/instance.ts";
import {
  localisation,
  type LocalisationSummary,
  type NetworkLocalisation,
} from "../networks/localisation.ts";
import type { PracticeAuthorities } from "./authorities.ts";
import type { Band } from "./options.ts";

export type Level = "pcn" | "neighbourhood" | "area";

export interface UnitEvaluation {
  label: string;
  /** The area a neighbourhood sits in (neighbourhood level only). */
  parent: string | null;
  practices: string[];
  listSize: number;
  band: "under" | "in" | "over" | null;
  contiguous: boolean;
  /** The district holding most of the unit's patients (by practice), its name and that share. */
  mainLa: { code: string; name: string; share: number } | null;
  /** Districts and sub-ICB places its practices are in; today's PCNs it holds practices of. */
  districts: number;
  places: number;
  pcns: number;
  /** Patient-weighted mean km from practice sites to the unit's centre of sites. */
  meanKm: number | null;
  localisation: NetworkLocalisation | null;
}

export interface LevelTotals {
  units: number;
  practices: number;
  patients: number;
  inBand: number | null;
  under: number | null;
  over: number | null;
  notContiguous: number;
  /** Units whose practices are in more than one sub-ICB place. */
  crossingPlaces: number;
  coterminosity: {
    /** Patients at practices whose district is known (the base of the shares below). */
    patientsKnown: number;
    /** Share of those patients at a practice in their unit's main district. */
    inMainLa: number | null;
    /** Units whose practices all lie in one district. */
    unitsInOneLa: number;
    /** Districts with practices in the area, and those whose practices are all in one unit. */
    districts: number;
    districtsWhole: number;
    /** Share of patients at practices in the unit holding most of their district's patients. */
    laKept: number | null;
    /** Where LSOA registrations exist: share of registered patients living in their unit's main district. */
    residentsInMainLa: number | null;
  };
  pcn: {
    /** Today's PCNs, those whose practices are all in one unit, and the share of PCN patients kept in their
     *  PCN's main unit. */
    pcns: number;
    whole: number;
    kept: number | null;
  };
  meanKm: number | null;
  localisation: LocalisationSummary | null;
}

export interface LevelEvaluation {
  level: Level;
  band: Band | null;
  units: UnitEvaluation[];
  totals: LevelTotals;
}

export interface LevelInput {
  level: Level;
  instance: NetworkInstance;
  adjacency: Adjacency;
  authorities: PracticeAuthorities;
  /** Unit index (0 … labels.length − 1) of each practice. */
  assignment: Assignment;
  labels: readonly string[];
  parents?: readonly string[] | undefined;
  band: Band | null;
}

/** True when the practices `ps` are connected in the adjacency (a single practice always is). */
export function connected(adjacency: Adjacency, ps: readonly number[]): boolean {
  if (ps.length <= 1) return true;
  const inside = new Set(ps);
  const seen = new Set([ps[0]!]);
  const queue = [ps[0]!];
  for (let h = 0; h < queue.length; h++) {
    const p = queue[h]!;
    for (let e = adjacency.offsets[p]!; e < adjacency.offsets[p + 1]!; e++) {
      const q = adjacency.neighbours[e]!;
      if (inside.has(q) && !seen.has(q)) {
        seen.add(q);
        queue.push(q);
      }
    }
  }
  return seen.size === ps.length;
}

/** Σ max ÷ Σ total over groups of a tally group → unit → patients. */
function keptShare(tally: Map<number, Map<number, number>>): { kept: number | null; whole: number } {
  let total = 0;
  let kept = 0;
  let whole = 0;
  for (const row of tally.values()) {
    let t = 0;
    let most = 0;
    for (const x of row.values()) {
      t += x;
      most = Math.max(most, x);
    }
    total += t;
    kept += most;
    if (row.size === 1) whole++;
  }
  return { kept: total > 0 ? kept / total : null, whole };
}

/** The evaluation of one level. */
export function evaluateLevel(input: LevelInput): LevelEvaluation {
  const { instance, adjacency, authorities, assignment, labels, band } = input;
  const n = instance.practiceCodes.length;
  const k = labels.length;
  if (assignment.length !== n)
    throw new RangeError(`assignment has ${assignment.length} entries for ${n} practices`);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let p = 0; p < n; p++) {
    const u = assignment[p]!;
    if (!(u >= 0 && u < k))
      throw new RangeError(`practice ${instance.practiceCodes[p]} has unit ${u} of ${k}`);
    members[u]!.push(p);
  }
  const { x, y } = projectKm(instance.lat, instance.lon);
  const w = instance.listSize;
  const local = localisation(instance, assignment);
  const laTally = new Map<number, Map<number, number>>();
  const pcnTally = new Map<number, Map<number, number>>();
  const add = (t: Map<number, Map<number, number>>, key: number, u: number, v: number) => {
    if (!t.has(key)) t.set(key, new Map());
    const row = t.get(key)!;
    row.set(u, (row.get(u) ?? 0) + v);
  };
  let patientsKnown = 0;
  let inMain = 0;
  let unitsInOneLa = 0;
  let kmSum = 0;
  let kmW = 0;
  const mainLaOf = new Int32Array(k).fill(-1);
  const units: UnitEvaluation[] = members.map((ps, u) => {
    let W = 0;
    const byLa = new Map<number, number>();
    const places = new Set<number>();
    const pcns = new Set<number>();
    let sw = 0;
    let sx = 0;
    let sy = 0;
    for (const p of ps) {
      W += w[p]!;
      const la = authorities.of[p]!;
      if (la >= 0) {
        byLa.set(la, (byLa.get(la) ?? 0) + w[p]!);
        add(laTally, la, u, w[p]!);
      }
      places.add(instance.place[p]!);
      const c = instance.current[p]!;
      if (c >= 0) {
        pcns.add(c);
        add(pcnTally, c, u, w[p]!);
      }
      if (hasSite(instance.lat[p]!, instance.lon[p]!)) {
        sw += w[p]!;
        sx += w[p]! * x[p]!;
        sy += w[p]! * y[p]!;
      }
    }
    let main = -1;
    let mainW = 0;
    let known = 0;
    for (const [la, v] of [...byLa].sort((a, b) => a[0] - b[0])) {
      known += v;
      if (v > mainW) {
        main = la;
        mainW = v;
      }
    }
    mainLaOf[u] = main;
    patientsKnown += known;
    inMain += mainW;
    if (byLa.size === 1) unitsInOneLa++;
    let km = 0;
    if (sw > 0)
      for (const p of ps)
        if (hasSite(instance.lat[p]!, instance.lon[p]!))
          km += w[p]! * Math.hypot(x[p]! - sx / sw, y[p]! - sy / sw);
    kmSum += km;
    kmW += sw;
    return {
      label: labels[u]!,
      parent: input.parents?.[u] ?? null,
      practices: ps.map((p) => instance.practiceCodes[p]!),
      listSize: W,
      band: band === null ? null : W < band.min ? "under" : W > band.max ? "over" : "in",
      contiguous: connected(adjacency, ps),
      mainLa:
        main >= 0
          ? { code: authorities.codes[main]!, name: authorities.names[main]!, share: W > 0 ? mainW / W : 0 }
          : null,
      districts: byLa.size,
      places: places.size,
      pcns: pcns.size,
      meanKm: sw > 0 ? km / sw : null,
      localisation: local?.networks[u] ?? null,
    };
  });
  // Residents: registered patients (LSOA rows) living in their unit's main district.
  let residentsInMainLa: number | null = null;
  const c = instance.catchments;
  if (c && authorities.lsoa) {
    let all = 0;
    let inside = 0;
    for (let p = 0; p < n; p++)
      for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++) {
        const la = authorities.lsoa[c.lsoa[e]!]!;
        if (la < 0) continue;
        all += c.patients[e]!;
        if (la === mainLaOf[assignment[p]!]) inside += c.patients[e]!;
      }
    residentsInMainLa = all > 0 ? inside / all : null;
  }
  const la = keptShare(laTally);
  const pcn = keptShare(pcnTally);
  let patients = 0;
  for (const v of w) patients += v;
  const count = (b: "in" | "under" | "over") =>
    band === null ? null : units.filter((u) => u.band === b).length;
  return {
    level: input.level,
    band,
    units,
    totals: {
      units: k,
      practices: n,
      patients,
      inBand: count("in"),
      under: count("under"),
      over: count("over"),
      notContiguous: units.filter((u) => !u.contiguous).length,
      crossingPlaces: units.filter((u) => u.places > 1).length,
      coterminosity: {
        patientsKnown,
        inMainLa: patientsKnown > 0 ? inMain / patientsKnown : null,
        unitsInOneLa,
        districts: laTally.size,
        districtsWhole: la.whole,
        laKept: la.kept,
        residentsInMainLa,
      },
      pcn: { pcns: pcnTally.size, whole: pcn.whole, kept: pcn.kept },
      meanKm: kmW > 0 ? kmSum / kmW : null,
      localisation: local?.summary ?? null,
    },
  };
}
