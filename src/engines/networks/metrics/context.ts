// What every network metric works from: the instance, its graph, an assignment with network labels and
// the contract rules; and what each returns besides its figures: named breaches.
import type { PcnContractYear } from "../../../config/pcn-contract.ts";
import { defaultLabels, networkCount, networkMembers, type NetworkLabel } from "../assignment.ts";
import type { Adjacency, Assignment, NetworkInstance } from "../instance.ts";

/** A rule a network breaks, naming the network, the practices concerned and the figure. */
export interface Breach {
  /** Rule id, e.g. `size.under-minimum` (see RULES). */
  rule: string;
  /** Network code. */
  network: string;
  /** Practice codes concerned. */
  practices: string[];
  /** The measured figure (patients, km, number of pieces or places…). */
  figure: number;
  message: string;
}

export const RULES = {
  "size.under-minimum":
    "registered list under the contract minimum (30,000; waivable for sparse rural areas)",
  "size.over-maximum": "registered list over the typical maximum (50,000)",
  "contiguity.split": "the network's practices are not connected in the adjacency graph",
  "graph.isolated": "the practice has no neighbour in the adjacency graph",
  "cohesion.far-practice": "a practice site far from its network's patient centre",
  "sites.co-located-split": "practices sharing a site are in different networks",
  "boundary.crosses-place": "the network's practices are in more than one place (sub-ICB location)",
  "coverage.outside-pcn": "the practice is outside any PCN",
} as const;

export type RuleId = keyof typeof RULES;

/** A practice as breach messages name it: its code and name (e.g. "M83010 GORDON STREET SURGERY"). */
export const practiceLabel = (instance: NetworkInstance, p: number): string =>
  instance.practiceNames[p]
    ? `${instance.practiceCodes[p]} ${instance.practiceNames[p]}`
    : instance.practiceCodes[p]!;

export interface MetricContext {
  instance: NetworkInstance;
  adjacency: Adjacency;
  assignment: Assignment;
  labels: readonly NetworkLabel[];
  /** Practices of each network (index = network index). */
  members: number[][];
  rules: PcnContractYear;
}

export function metricContext(
  instance: NetworkInstance,
  adjacency: Adjacency,
  assignment: Assignment,
  rules: PcnContractYear,
  labels?: readonly NetworkLabel[],
): MetricContext {
  const k = Math.max(networkCount(assignment), labels?.length ?? 0);
  return {
    instance,
    adjacency,
    assignment,
    labels: labels ?? defaultLabels(k),
    members: networkMembers(assignment, k),
    rules,
  };
}

export const codesOf = (instance: NetworkInstance, practices: readonly number[]): string[] =>
  practices.map((p) => instance.practiceCodes[p]!);

export const km1 = (x: number) => `${x.toFixed(1)} km`;
export const count = (x: number) => Math.round(x).toLocaleString("en-GB");
