// Evaluates a configuration of networks (today's map or a proposal) on an instance and its graph: a row per
// network (list and band, contiguity, cohesion, sites, places, deprivation mix), totals for the ICB or
// place, and every breach by rule, naming networks and practices. Pseudo-networks of practices outside any
// PCN (assignment.ts) are rows too, but count under coverage, not as networks or in the bands.
import type { PcnContractYear } from "../../config/pcn-contract.ts";
import type { PcnBand } from "../../model/pcn-band.ts";
import { checkAssignment, type NetworkLabel } from "./assignment.ts";
import type { Adjacency, Assignment, NetworkInstance } from "./instance.ts";
import { boundariesMetric, type NetworkPlaces } from "./metrics/boundaries.ts";
import { cohesionMetric, type CohesionOptions, type NetworkCohesion } from "./metrics/cohesion.ts";
import { contiguityMetric, type NetworkContiguity } from "./metrics/contiguity.ts";
import { metricContext, practiceLabel, RULES, type Breach, type RuleId } from "./metrics/context.ts";
import type { DeprivationMix } from "../deprivation/mix.ts";
import { deprivationMetric, type NetworkDeprivation } from "./metrics/deprivation.ts";
import { sitesMetric, type NetworkSites } from "./metrics/sites.ts";
import { sizeMetric, type NetworkSize } from "./metrics/size.ts";
import {
  localisation as localisationOf,
  type LocalisationSummary,
  type NetworkLocalisation,
} from "./localisation.ts";

export interface NetworkEvaluation extends NetworkSize, NetworkContiguity, NetworkPlaces, NetworkSites {
  index: number;
  code: string;
  name: string;
  outsidePcn: boolean;
  /** Practice codes. */
  practices: string[];
  cohesion: NetworkCohesion;
  deprivation: NetworkDeprivation;
  /** Localisation (localisation.ts); null without LSOA registrations. */
  localisation: NetworkLocalisation | null;
}

export interface EvaluationTotals {
  practices: number;
  patients: number;
  /** Networks that are PCNs (pseudo-networks of practices outside any PCN excluded). */
  networks: number;
  bands: Record<PcnBand, number>;
  bandPatients: Record<PcnBand, number>;
  notContiguous: number;
  crossingPlaces: number;
  /** Patient-weighted means over all networks (LSOA basis where available; see `basis`). */
  cohesion: {
    basis: "lsoa" | "practice-site" | "mixed";
    nearestSiteKm: number | null;
    centreKm: number | null;
    patients: number;
  };
  sites: number;
  /** The mix of every practice, on the basis every command uses (src/engines/deprivation/mix.ts). */
  deprivation: DeprivationMix;
  /** Coverage: practices outside any PCN. */
  outsidePcn: { practices: string[]; patients: number };
}

export interface Evaluation {
  scope: string;
  rules: { year: string; minimumList: number; typicalMaximumList: number };
  graph: {
    basis: Adjacency["basis"];
    method: string;
    edges: number;
    /** Practice codes of every piece but the largest, when the graph is in pieces. */
    islands: string[][];
    isolated: string[];
  };
  networks: NetworkEvaluation[];
  totals: EvaluationTotals;
  breaches: Breach[];
  /** The localisation index over PCNs (localisation.ts); null without LSOA registrations. */
  localisation: LocalisationSummary | null;
  /** Breaches by rule id. */
  breachCounts: Partial<Record<RuleId, number>>;
  notes: string[];
}

export type EvaluateOptions = CohesionOptions;

/**
 * Evaluates `assignment` (network index of each practice) with `names` labelling the networks (default
 * N1, N2, …). Empty network indices are skipped.
 * @example evaluate(instance, adjacency, currentAssignment(instance), contractYearOn(date), currentLabels(instance))
 */
export function evaluate(
  instance: NetworkInstance,
  adjacency: Adjacency,
  assignment: Assignment,
  rules: PcnContractYear,
  names?: readonly NetworkLabel[],
  options: EvaluateOptions = {},
): Evaluation {
  checkAssignment(instance, assignment, names);
  const ctx = metricContext(instance, adjacency, assignment, rules, names);
  const size = sizeMetric(ctx);
  const contiguity = contiguityMetric(ctx);
  const cohesion = cohesionMetric(ctx, options);
  const sites = sitesMetric(ctx);
  const places = boundariesMetric(ctx);
  const deprivation = deprivationMetric(ctx);
  const local = localisationOf(instance, assignment, (i) => !ctx.labels[i]!.outsidePcn);

  const networks: NetworkEvaluation[] = [];
  ctx.members.forEach((members, i) => {
    if (members.length === 0) return;
    const label = ctx.labels[i]!;
    networks.push({
      index: i,
      code: label.code,
      name: label.name,
      outsidePcn: label.outsidePcn,
      practices: members.map((p) => instance.practiceCodes[p]!),
      ...size.networks[i]!,
      ...contiguity.networks[i]!,
      ...places.networks[i]!,
      ...sites.networks[i]!,
      cohesion: cohesion.networks[i]!,
      deprivation: deprivation.networks[i]!,
      localisation: local?.networks[i] ?? null,
    });
  });

  const coverage: Breach[] = [];
  const codeIndex = new Map(instance.practiceCodes.map((c, p) => [c, p]));
  for (const net of networks.filter((n) => n.outsidePcn))
    coverage.push({
      rule: "coverage.outside-pcn",
      network: net.code,
      practices: net.practices,
      figure: net.listSize,
      message: `${net.practices.map((c) => practiceLabel(instance, codeIndex.get(c)!)).join(", ")} is outside any PCN (${Math.round(net.listSize).toLocaleString("en-GB")} patients)`,
    });
  const breaches = [
    ...size.breaches,
    ...contiguity.breaches,
    ...cohesion.breaches,
    ...sites.breaches,
    ...places.breaches,
    ...coverage,
  ];
  const breachCounts: Partial<Record<RuleId, number>> = {};
  for (const b of breaches) breachCounts[b.rule as RuleId] = (breachCounts[b.rule as RuleId] ?? 0) + 1;

  const pcns = networks.filter((n) => !n.outsidePcn);
  const bands: Record<PcnBand, number> = { under: 0, in: 0, over: 0 };
  const bandPatients: Record<PcnBand, number> = { under: 0, in: 0, over: 0 };
  for (const n of pcns) {
    bands[n.band]++;
    bandPatients[n.band] += n.listSize;
  }
  let nearestSum = 0;
  let nearestW = 0;
  let centreSum = 0;
  let centreW = 0;
  const bases = new Set<string>();
  for (const n of networks) {
    const c = n.cohesion;
    if (c.patients > 0) bases.add(c.basis);
    if (c.nearestSiteKm !== null) {
      nearestSum += c.nearestSiteKm * c.patients;
      nearestW += c.patients;
    }
    if (c.centreKm !== null) {
      centreSum += c.centreKm * c.patients;
      centreW += c.patients;
    }
  }
  let patients = 0;
  for (const v of instance.listSize) patients += v;
  const outside = networks.filter((n) => n.outsidePcn);
  const codes = instance.practiceCodes;
  const [, ...islands] = adjacency.components;
  return {
    scope: instance.scope,
    rules: { year: rules.year, minimumList: rules.minimumList, typicalMaximumList: rules.typicalMaximumList },
    graph: {
      basis: adjacency.basis,
      method: adjacency.method,
      edges: adjacency.neighbours.length / 2,
      islands: islands.map((c) => c.map((p) => codes[p]!)),
      isolated: adjacency.isolated.map((p) => codes[p]!),
    },
    networks,
    totals: {
      practices: codes.length,
      patients,
      networks: pcns.length,
      bands,
      bandPatients,
      notContiguous: networks.filter((n) => !n.contiguous).length,
      crossingPlaces: networks.filter((n) => n.crossesPlace).length,
      cohesion: {
        basis:
          bases.size === 1
            ? ([...bases][0] as "lsoa" | "practice-site")
            : bases.size > 1
              ? "mixed"
              : "practice-site",
        nearestSiteKm: nearestW > 0 ? nearestSum / nearestW : null,
        centreKm: centreW > 0 ? centreSum / centreW : null,
        patients: centreW,
      },
      sites: new Set(
        [...codes.keys()].map((p) =>
          Number.isFinite(instance.lat[p]!) ? `${instance.lat[p]},${instance.lon[p]}` : `practice:${p}`,
        ),
      ).size,
      deprivation: deprivation.total,
      outsidePcn: {
        practices: outside.flatMap((n) => n.practices),
        patients: outside.reduce((a, n) => a + n.listSize, 0),
      },
    },
    breaches,
    localisation: local?.summary ?? null,
    breachCounts,
    notes: [...(instance.notes ?? [])],
  };
}

/** Descriptions of the breach rules, for reports. */
export const BREACH_RULES: Readonly<Record<RuleId, string>> = RULES;
