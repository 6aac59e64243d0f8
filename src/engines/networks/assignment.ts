// Configurations of networks as assignments (practice index → network index) with a label per network.
//
// Today's map (`currentAssignment`): networks 0 … m − 1 are the instance's PCNs (`instance.networkCodes`);
// each practice outside any PCN (`U`) becomes a network of its own, m, m + 1, … in practice order, labelled
// `U:<practice code>` and flagged `outsidePcn`. Evaluation counts those pseudo-networks under coverage (the
// practices outside any PCN), never as PCNs or in the size bands, so every practice is still in exactly one
// network and contiguity, cohesion and comparison treat them like any other. A proposal read from a file
// does the same with the network code `U`.
import { RequestError } from "../../model/errors.ts";
import type { Assignment, NetworkInstance } from "./instance.ts";

export interface NetworkLabel {
  code: string;
  name: string;
  /** A pseudo-network holding one practice that is outside any PCN (code `U` in the map). */
  outsidePcn: boolean;
}

export interface LabelledAssignment {
  assignment: Assignment;
  labels: NetworkLabel[];
}

export const OUTSIDE_PCN_CODE = "U";

/** Today's map: network index of every practice (practices outside any PCN get a network each). */
export function currentAssignment(instance: NetworkInstance): Assignment {
  const m = instance.networkCodes.length;
  const assignment = new Int32Array(instance.practiceCodes.length);
  let next = m;
  instance.current.forEach((c, p) => {
    assignment[p] = c >= 0 ? c : next++;
  });
  return assignment;
}

/** Labels of today's map, matching currentAssignment. */
export function currentLabels(instance: NetworkInstance): NetworkLabel[] {
  const labels: NetworkLabel[] = instance.networkCodes.map((code, i) => ({
    code,
    name: instance.networkNames[i]!,
    outsidePcn: false,
  }));
  instance.current.forEach((c, p) => {
    if (c < 0)
      labels.push({
        code: `${OUTSIDE_PCN_CODE}:${instance.practiceCodes[p]}`,
        name: `Outside any PCN: ${instance.practiceNames[p]}`,
        outsidePcn: true,
      });
  });
  return labels;
}

export function currentMap(instance: NetworkInstance): LabelledAssignment {
  return { assignment: currentAssignment(instance), labels: currentLabels(instance) };
}

/** Number of networks an assignment uses (1 + the largest index). */
export function networkCount(assignment: Assignment): number {
  let k = 0;
  for (const a of assignment) if (a + 1 > k) k = a + 1;
  return k;
}

/** Practices of each network, ascending. */
export function networkMembers(assignment: Assignment, k = networkCount(assignment)): number[][] {
  const members: number[][] = Array.from({ length: k }, () => []);
  assignment.forEach((a, p) => members[a]!.push(p));
  return members;
}

/** Labels `N1`, `N2`, … for an assignment without names. */
export function defaultLabels(k: number): NetworkLabel[] {
  return Array.from({ length: k }, (_, i) => ({
    code: `N${i + 1}`,
    name: `Network ${i + 1}`,
    outsidePcn: false,
  }));
}

export class AssignmentError extends RequestError {
  override name = "AssignmentError";
}

/** Checks that an assignment covers the instance with indices 0 … labels − 1. */
export function checkAssignment(
  instance: NetworkInstance,
  assignment: Assignment,
  labels?: readonly NetworkLabel[],
): void {
  const n = instance.practiceCodes.length;
  if (assignment.length !== n)
    throw new AssignmentError(
      `the assignment has ${assignment.length} practices; ${instance.scope} has ${n}`,
    );
  const bad = [...assignment.keys()].filter((p) => assignment[p]! < 0 || !Number.isInteger(assignment[p]!));
  if (bad.length > 0)
    throw new AssignmentError(
      `practices without a network: ${bad
        .slice(0, 20)
        .map((p) => instance.practiceCodes[p])
        .join(", ")}`,
    );
  if (labels && networkCount(assignment) > labels.length)
    throw new AssignmentError(
      `the assignment uses ${networkCount(assignment)} networks but has ${labels.length} labels`,
    );
}

export interface PracticeNetworkRow {
  practiceCode: string;
  networkCode: string;
  networkName?: string;
  /** Where the row came from (e.g. `line 4`), for messages. */
  where?: string;
}

/**
 * A configuration from practice → network rows (e.g. a CSV). Every practice of the instance must appear
 * exactly once and no other practice may appear; the error names the offending practices. Network code
 * `U` puts a practice outside any PCN (a pseudo-network of its own). Networks are indexed in code order.
 */
export function assignmentFromRows(
  instance: NetworkInstance,
  rows: readonly PracticeNetworkRow[],
): LabelledAssignment {
  const index = new Map<string, number>();
  instance.practiceCodes.forEach((c, p) => index.set(c.toUpperCase(), p));
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const blank: string[] = [];
  const seen = new Map<number, PracticeNetworkRow>();
  for (const r of rows) {
    const p = index.get(r.practiceCode.trim().toUpperCase());
    if (p === undefined) unknown.push(`${r.practiceCode}${r.where ? ` (${r.where})` : ""}`);
    else if (seen.has(p)) duplicate.push(`${r.practiceCode}${r.where ? ` (${r.where})` : ""}`);
    else if (r.networkCode.trim() === "") blank.push(`${r.practiceCode}${r.where ? ` (${r.where})` : ""}`);
    else seen.set(p, r);
  }
  const missing = instance.practiceCodes.filter((_, p) => !seen.has(p));
  const problems: string[] = [];
  const list = (codes: string[]) =>
    `${codes.slice(0, 30).join(", ")}${codes.length > 30 ? `, … (${codes.length})` : ""}`;
  if (unknown.length > 0)
    problems.push(`${unknown.length} practice(s) not in ${instance.scope}: ${list(unknown)}`);
  if (duplicate.length > 0) problems.push(`${duplicate.length} practice(s) listed twice: ${list(duplicate)}`);
  if (blank.length > 0) problems.push(`${blank.length} practice(s) with no network code: ${list(blank)}`);
  if (missing.length > 0)
    problems.push(`${missing.length} practice(s) of ${instance.scope} missing: ${list(missing)}`);
  if (problems.length > 0) throw new AssignmentError(problems.join("; "));

  const known = new Map(instance.networkCodes.map((c, i) => [c, instance.networkNames[i]!]));
  const codes = [...new Set([...seen.values()].map((r) => r.networkCode.trim()))]
    .filter((c) => c.toUpperCase() !== OUTSIDE_PCN_CODE)
    .sort();
  const labels: NetworkLabel[] = codes.map((code) => {
    const named = [...seen.values()].find((r) => r.networkCode.trim() === code && r.networkName?.trim());
    return { code, name: named?.networkName?.trim() ?? known.get(code) ?? code, outsidePcn: false };
  });
  const byCode = new Map(codes.map((c, i) => [c, i]));
  const assignment = new Int32Array(instance.practiceCodes.length);
  for (let p = 0; p < assignment.length; p++) {
    const code = seen.get(p)!.networkCode.trim();
    if (code.toUpperCase() === OUTSIDE_PCN_CODE) {
      assignment[p] = labels.length;
      labels.push({
        code: `${OUTSIDE_PCN_CODE}:${instance.practiceCodes[p]}`,
        name: `Outside any PCN: ${instance.practiceNames[p]}`,
        outsidePcn: true,
      });
    } else assignment[p] = byCode.get(code)!;
  }
  return { assignment, labels };
}
