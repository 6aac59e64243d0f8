// The two-level design (issue 14 item 2): neighbourhoods (default 30–50k patients) nested in
// multi-neighbourhood areas (default 200–300k), each level contiguous, every practice in one neighbourhood
// and every neighbourhood in one area.
//   Level 1: the network designer (networks/design) with the neighbourhood band, its place term on the
//            practice's local authority district (within its sub-ICB place: a neighbourhood should sit inside
//            one district and one place) weighted by laWeight, and its disruption term (patients moved from
//            today's PCN-mates) weighted by pcnWeight.
//   Level 2: areas of whole neighbourhoods on the contracted graph (areas.ts): districts and PCNs kept whole.
// Both levels (and today's PCNs) are evaluated the same way (evaluate.ts). Pure; deterministic for a seed when
// stopped by iterations. See docs/networks.md "Neighbourhoods: two-level design".
import {
  designNetworks,
  type DesignChanges,
  type DesignResult,
  type ObjectiveBreakdown,
} from "../networks/design/index.ts";
import type { Relaxation } from "../networks/design/relaxation.ts";
import { currentAssignment, currentLabels } from "../networks/assignment.ts";
import { hasSite, projectKm } from "../networks/geo.ts";
import type { Adjacency, NetworkInstance } from "../networks/instance.ts";
import { designAreas, type AreaGraph, type AreaScore } from "./areas.ts";
import type { PracticeAuthorities } from "./authorities.ts";
import { evaluateLevel, type LevelEvaluation } from "./evaluate.ts";
import { resolveNeighbourhoodOptions, type Band, type NeighbourhoodOptions } from "./options.ts";

export interface Neighbourhood {
  label: string;
  area: string;
  /** Practice codes, in code order. */
  practices: string[];
  listSize: number;
  band: "under" | "in" | "over";
  /** Today's PCN this neighbourhood continues (the network designer's one-to-one matching), if any. */
  continues: string | null;
}

export interface Area {
  label: string;
  neighbourhoods: string[];
  practices: number;
  listSize: number;
  band: "under" | "in" | "over";
}

/** An area outside its band, and why. */
export interface AreaBreach {
  area: string;
  rule: "minimum" | "maximum";
  reason: "graph-part-too-small" | "neighbourhood-over-maximum" | "not-resolved";
  listSize: number;
  message: string;
}

export interface TwoLevelDesign {
  scope: string;
  seed: number;
  band: Band;
  areaBand: Band;
  weights: { la: number; pcn: number };
  /** How each practice's district was found, and how many districts the area's practices lie in. */
  authorities: { registrations: number; site: number; none: number; districts: number };
  neighbourhoods: Neighbourhood[];
  areas: Area[];
  /** Neighbourhood index of each practice (instance order), and area index of each neighbourhood. */
  neighbourhoodOf: Int32Array;
  areaOf: Int32Array;
  evaluation: { pcn: LevelEvaluation; neighbourhood: LevelEvaluation; area: LevelEvaluation };
  /** Practices and patients moved from today's PCN-mates (as `networks design` counts them). */
  changes: DesignChanges;
  relaxations: { neighbourhood: Relaxation[]; area: AreaBreach[] };
  objective: { neighbourhood: ObjectiveBreakdown; area: AreaScore };
  notes: string[];
  iterations: { neighbourhood: number; area: number };
  seconds: { neighbourhood: number; area: number; total: number };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

/** `ICB QNC` → `QNC`, `place 05D` → `05D`. */
export const scopeCode = (scope: string) => scope.replace(/^\S+\s+/, "").replace(/\s+/g, "");

/** The instance with each practice's place replaced by its (place, district) pair: the designer's place term
 *  then counts patients outside their neighbourhood's main district within its main place. */
function districtPlaces(instance: NetworkInstance, authorities: PracticeAuthorities): NetworkInstance {
  const keys = new Map<string, number>();
  const codes: string[] = [];
  const names: string[] = [];
  const place = Int32Array.from(instance.place, (pl, p) => {
    const la = authorities.of[p]!;
    const key = `${pl}|${la}`;
    if (!keys.has(key)) {
      keys.set(key, codes.length);
      codes.push(`${instance.placeCodes[pl]}|${la >= 0 ? authorities.codes[la] : "?"}`);
      names.push(`${instance.placeNames[pl]} / ${la >= 0 ? authorities.names[la] : "district unknown"}`);
    }
    return keys.get(key)!;
  });
  return { ...instance, place, placeCodes: codes, placeNames: names };
}

/** The contracted graph of a neighbourhood assignment. */
function contract(
  instance: NetworkInstance,
  adjacency: Adjacency,
  authorities: PracticeAuthorities,
  neighbourhoodOf: Int32Array,
  k: number,
): AreaGraph {
  const n = instance.practiceCodes.length;
  const w = new Float64Array(k);
  for (let p = 0; p < n; p++) w[neighbourhoodOf[p]!]! += instance.listSize[p]!;
  const sets = Array.from({ length: k }, () => new Set<number>());
  for (let p = 0; p < n; p++)
    for (let e = adjacency.offsets[p]!; e < adjacency.offsets[p + 1]!; e++) {
      const a = neighbourhoodOf[p]!;
      const b = neighbourhoodOf[adjacency.neighbours[e]!]!;
      if (a !== b) {
        sets[a]!.add(b);
        sets[b]!.add(a);
      }
    }
  const adjStart = new Int32Array(k + 1);
  sets.forEach((s, v) => (adjStart[v + 1] = adjStart[v]! + s.size));
  const adj = Int32Array.from(sets.flatMap((s) => [...s].sort((a, b) => a - b)));
  const { x, y } = projectKm(instance.lat, instance.lon);
  const located = Uint8Array.from({ length: n }, (_, p) =>
    hasSite(instance.lat[p]!, instance.lon[p]!) ? 1 : 0,
  );
  return {
    w,
    adjStart,
    adj,
    practiceNode: neighbourhoodOf,
    practiceW: Float64Array.from(instance.listSize),
    x,
    y,
    located,
    la: authorities.of,
    laCount: authorities.codes.length,
    pcn: instance.current,
    pcnCount: instance.networkCodes.length,
  };
}

/** Why each area outside the band is there. */
function areaBreaches(g: AreaGraph, areaOf: Int32Array, labels: readonly string[], band: Band): AreaBreach[] {
  const k = g.w.length;
  const m = labels.length;
  const W = new Float64Array(m);
  for (let v = 0; v < k; v++) W[areaOf[v]!]! += g.w[v]!;
  // Graph part (component of the contracted graph) of each node, and its total.
  const part = new Int32Array(k).fill(-1);
  const partW: number[] = [];
  for (let s = 0; s < k; s++) {
    if (part[s]! >= 0) continue;
    const id = partW.length;
    let total = 0;
    const queue = [s];
    part[s] = id;
    for (let h = 0; h < queue.length; h++) {
      const v = queue[h]!;
      total += g.w[v]!;
      for (let e = g.adjStart[v]!; e < g.adjStart[v + 1]!; e++)
        if (part[g.adj[e]!]! < 0) {
          part[g.adj[e]!] = id;
          queue.push(g.adj[e]!);
        }
    }
    partW.push(total);
  }
  const out: AreaBreach[] = [];
  for (let a = 0; a < m; a++) {
    const nodes = [...areaOf.keys()].filter((v) => areaOf[v] === a);
    const T = partW[part[nodes[0]!]!]!;
    if (W[a]! < band.min) {
      const small = T < band.min;
      out.push({
        area: labels[a]!,
        rule: "minimum",
        reason: small ? "graph-part-too-small" : "not-resolved",
        listSize: W[a]!,
        message: small
          ? `Area ${labels[a]} has ${fmt(W[a]!)} patients, under the ${fmt(band.min)} minimum: its part of the adjacency graph has only ${fmt(T)} patients.`
          : `Area ${labels[a]} has ${fmt(W[a]!)} patients, under the ${fmt(band.min)} minimum: no contiguous grouping of whole neighbourhoods within the band was found for it.`,
      });
    } else if (W[a]! > band.max) {
      const big = nodes.find((v) => g.w[v]! > band.max);
      const cannot = Math.floor(T / band.min) < Math.ceil(T / band.max);
      out.push({
        area: labels[a]!,
        rule: "maximum",
        reason:
          big !== undefined ? "neighbourhood-over-maximum" : cannot ? "graph-part-too-small" : "not-resolved",
        listSize: W[a]!,
        message:
          big !== undefined
            ? `Area ${labels[a]} has ${fmt(W[a]!)} patients, over the ${fmt(band.max)} maximum: one of its neighbourhoods alone has ${fmt(g.w[big]!)}.`
            : cannot
              ? `Area ${labels[a]} has ${fmt(W[a]!)} patients, over the ${fmt(band.max)} maximum: its part of the adjacency graph has ${fmt(T)} patients, which no number of areas of ${fmt(band.min)}–${fmt(band.max)} can divide.`
              : `Area ${labels[a]} has ${fmt(W[a]!)} patients, over the ${fmt(band.max)} maximum: no contiguous grouping of whole neighbourhoods within the band was found (the neighbourhoods' sizes and geography may prevent one).`,
      });
    }
  }
  return out;
}

const bandOf = (band: Band, W: number) => (W < band.min ? "under" : W > band.max ? "over" : "in");

/**
 * Designs neighbourhoods and the areas they nest in for the practices of an instance.
 * @example designNeighbourhoods(instance, adjacency, practiceAuthorities(instance, rows), { seed: 1 })
 */
export function designNeighbourhoods(
  instance: NetworkInstance,
  adjacency: Adjacency,
  authorities: PracticeAuthorities,
  options: NeighbourhoodOptions = {},
): TwoLevelDesign {
  const started = performance.now();
  const opts = resolveNeighbourhoodOptions(options);
  const notes: string[] = [];
  if (authorities.codes.length === 0)
    notes.push(
      "No LSOA → local authority lookup is loaded: the district term is off (import the ONS LSOA → ward → LAD lookup or the IoD 2025 LSOA file).",
    );
  else if (authorities.counts.none > 0)
    notes.push(
      `${authorities.counts.none} practice${authorities.counts.none === 1 ? " has" : "s have"} no known district (no site and no LSOA registrations); they count for no district.`,
    );

  // Level 1: neighbourhoods.
  const l1: DesignResult = designNetworks(districtPlaces(instance, authorities), adjacency, {
    band: opts.band,
    disruptionWeight: opts.pcnWeight,
    placeWeight: opts.laWeight,
    seed: opts.seed,
    starts: opts.starts,
    ...(opts.iterations !== null ? { iterations: opts.iterations } : {}),
    ...(opts.timeLimitSeconds !== null ? { timeLimitSeconds: opts.timeLimitSeconds } : {}),
  });
  const level1Done = performance.now();
  const k = l1.networks.length;

  // Level 2: areas of whole neighbourhoods.
  const graph = contract(instance, adjacency, authorities, l1.assignment, k);
  const areas = designAreas(graph, {
    band: opts.areaBand,
    laWeight: opts.laWeight,
    pcnWeight: opts.pcnWeight,
    seed: opts.seed,
    starts: opts.starts,
  });
  const level2Done = performance.now();

  // Labels: areas in order of their first practice code, neighbourhoods within each likewise.
  const firstCode = (ps: readonly string[]) => [...ps].sort()[0] ?? "";
  const nbhFirst = l1.networks.map((net) => firstCode(net.practices));
  const areaNodes: number[][] = Array.from({ length: areas.areas }, () => []);
  areas.areaOf.forEach((a, v) => areaNodes[a]!.push(v));
  const areaOrder = [...areaNodes.keys()].sort((a, b) =>
    firstCode(areaNodes[a]!.map((v) => nbhFirst[v]!)).localeCompare(
      firstCode(areaNodes[b]!.map((v) => nbhFirst[v]!)),
    ),
  );
  const prefix = scopeCode(instance.scope);
  const areaLabel = new Array<string>(areas.areas);
  const nbhLabel = new Array<string>(k);
  const nbhOrder: number[] = [];
  areaOrder.forEach((a, i) => {
    areaLabel[a] = `${prefix}-A${i + 1}`;
    const nodes = [...areaNodes[a]!].sort((u, v) => nbhFirst[u]!.localeCompare(nbhFirst[v]!));
    nodes.forEach((v, j) => {
      nbhLabel[v] = `${areaLabel[a]}-N${j + 1}`;
      nbhOrder.push(v);
    });
  });
  // Renumber neighbourhoods in label order (area by area).
  const newIndex = new Int32Array(k);
  nbhOrder.forEach((v, i) => (newIndex[v] = i));
  const neighbourhoodOf = Int32Array.from(l1.assignment, (v) => newIndex[v]!);
  const areaIndex = new Int32Array(areas.areas);
  areaOrder.forEach((a, i) => (areaIndex[a] = i));
  const areaOf = Int32Array.from(nbhOrder, (v) => areaIndex[areas.areaOf[v]!]!);
  const nbhLabels = nbhOrder.map((v) => nbhLabel[v]!);
  const areaLabels = areaOrder.map((a) => areaLabel[a]!);

  const neighbourhoods: Neighbourhood[] = nbhOrder.map((v, i) => {
    const net = l1.networks[v]!;
    return {
      label: nbhLabels[i]!,
      area: areaLabels[areaOf[i]!]!,
      practices: net.practices,
      listSize: net.listSize,
      band: bandOf(opts.band, net.listSize),
      continues: instance.networkCodes.includes(net.label) ? net.label : null,
    };
  });
  const areaList: Area[] = areaLabels.map((label, a) => {
    const mine = neighbourhoods.filter((_, i) => areaOf[i] === a);
    const W = mine.reduce((s, x) => s + x.listSize, 0);
    return {
      label,
      neighbourhoods: mine.map((x) => x.label),
      practices: mine.reduce((s, x) => s + x.practices.length, 0),
      listSize: W,
      band: bandOf(opts.areaBand, W),
    };
  });
  // The designer's relaxations name its own labels: name the neighbourhoods instead.
  const rename = new Map(nbhOrder.map((v, i) => [l1.networks[v]!.label, nbhLabels[i]!]));
  const relaxations = l1.relaxations.map((r) => ({
    ...r,
    network: r.network === null ? null : (rename.get(r.network) ?? r.network),
    message: r.message.replace(/\b(Network |network )(\S+?)(?=[ ,)])/g, (all, word: string, label: string) =>
      rename.has(label)
        ? `${word === "Network " ? "Neighbourhood " : "neighbourhood "}${rename.get(label)}`
        : all,
    ),
  }));

  const practiceArea = Int32Array.from(neighbourhoodOf, (i) => areaOf[i]!);
  const common = { instance, adjacency, authorities };
  const today = currentAssignment(instance);
  const evaluation = {
    pcn: evaluateLevel({
      ...common,
      level: "pcn",
      assignment: today,
      labels: currentLabels(instance).map((l) => l.code),
      band: null,
    }),
    neighbourhood: evaluateLevel({
      ...common,
      level: "neighbourhood",
      assignment: neighbourhoodOf,
      labels: nbhLabels,
      parents: neighbourhoods.map((x) => x.area),
      band: opts.band,
    }),
    area: evaluateLevel({
      ...common,
      level: "area",
      assignment: practiceArea,
      labels: areaLabels,
      band: opts.areaBand,
    }),
  };
  const end = performance.now();
  return {
    scope: instance.scope,
    seed: opts.seed,
    band: opts.band,
    areaBand: opts.areaBand,
    weights: { la: opts.laWeight, pcn: opts.pcnWeight },
    authorities: { ...authorities.counts, districts: evaluation.area.totals.coterminosity.districts },
    neighbourhoods,
    areas: areaList,
    neighbourhoodOf,
    areaOf,
    evaluation,
    changes: l1.changes,
    relaxations: {
      neighbourhood: relaxations,
      area: areaBreaches(
        graph,
        Int32Array.from(areas.areaOf, (a) => areaIndex[a]!),
        areaLabels,
        opts.areaBand,
      ),
    },
    objective: { neighbourhood: l1.objective, area: areas.score },
    notes: [...notes, ...l1.notes],
    iterations: { neighbourhood: l1.iterations, area: areas.iterations },
    seconds: {
      neighbourhood: (level1Done - started) / 1000,
      area: (level2Done - level1Done) / 1000,
      total: (end - started) / 1000,
    },
  };
}
