// The areas practices are counted in for workforce figures: England, an ICB, a place (sub-ICB location), a
// PCN or the practice itself, always in the geography of the reference map (see AreaAssignment), so a series
// compares like with like across years. Also resolves the --icb and --pcn of a request.
import { UnknownAreaError } from "../../model/errors.ts";
import type { PracticeSet } from "../../model/footprint.ts";
import type { OrgRef } from "../../model/organisation.ts";
import type { AreaAssignment, WorkforceHistory } from "../../model/workforce.ts";
import { findIcb } from "../overview/overview.ts";
import { WorkforceRequestError } from "./errors.ts";

export type WorkforceLevel = "icb" | "sub-icb" | "pcn" | "practice";
export const WORKFORCE_LEVELS: readonly WorkforceLevel[] = ["icb", "sub-icb", "pcn", "practice"];

export const ENGLAND: OrgRef = { code: "ENG", onsCode: "E92000001", name: "England" };

export function parseLevel(text: string, flag = "--by"): WorkforceLevel {
  const t = text.trim().toLowerCase();
  if ((WORKFORCE_LEVELS as readonly string[]).includes(t)) return t as WorkforceLevel;
  throw new WorkforceRequestError(`${flag} must be one of ${WORKFORCE_LEVELS.join(", ")}; found '${text}'`);
}

/** Practice code → name in the reference map (practices since closed have none). */
export function practiceNames(history: WorkforceHistory): Map<string, string> {
  return new Map(history.picture.practices.map((p) => [p.code, p.name]));
}

/** The area of a practice at a level, or null when it cannot be placed at that level. */
export function areaAt(
  level: WorkforceLevel,
  practiceCode: string,
  assignment: AreaAssignment | undefined,
  names: ReadonlyMap<string, string>,
): OrgRef | null {
  if (level === "practice") {
    return { code: practiceCode, onsCode: null, name: names.get(practiceCode) ?? "(not in the map)" };
  }
  if (!assignment) return null;
  if (level === "icb") return assignment.icb;
  if (level === "sub-icb") return assignment.subIcb;
  return assignment.pcn;
}

/**
 * The ICB of a request (ODS or ONS code, or a unique part of its name); throws naming the known codes. With
 * no --icb, a map holding a single ICB (the demo) is that ICB; otherwise null (England).
 */
export function resolveIcb(history: WorkforceHistory, query: string | undefined): OrgRef | null {
  if (query === undefined) {
    const icbs = new Map(history.picture.practices.map((p) => [p.icb.code, p.icb]));
    return icbs.size === 1 ? [...icbs.values()][0]! : null;
  }
  try {
    return findIcb(history.picture.practices, query);
  } catch (error) {
    if (error instanceof UnknownAreaError)
      throw new WorkforceRequestError(`--icb: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The PCN of a request, by ODS code, in the reference map (and in the ICB when one is given). */
export function resolvePcn(
  history: WorkforceHistory,
  code: string | undefined,
  icb: OrgRef | null,
): OrgRef | null {
  if (code === undefined) return null;
  const q = code.trim().toUpperCase();
  const inScope = history.picture.practices.filter((p) => !icb || p.icb.code === icb.code);
  const found = inScope.find((p) => p.pcnCode.toUpperCase() === q);
  if (found) return { code: found.pcnCode, onsCode: null, name: found.pcnName };
  const anywhere = history.picture.practices.find((p) => p.pcnCode.toUpperCase() === q);
  if (anywhere && icb) {
    throw new WorkforceRequestError(
      `--pcn '${code}' is in ${anywhere.icb.code} (${anywhere.icb.name}), not in --icb ${icb.code}`,
    );
  }
  const known = [...new Set(inScope.map((p) => p.pcnCode))].sort();
  throw new WorkforceRequestError(
    `--pcn '${code}' is not a PCN in the ${history.picture.sources.map.period} map` +
      `${icb ? ` of ${icb.code}` : ""}; expected a PCN code such as ${known.slice(0, 8).join(", ")}` +
      `${known.length > 8 ? `, … (${known.length} PCNs)` : ""}`,
  );
}

/**
 * The history with a practice set (a union of places, a set of local authorities) standing as one ICB:
 * its practices' ICB in the reference map (and their area assignment) is the set, coded `set.code`, so
 * every figure by ICB, PCN or practice is read for the set with `icb: set.code`. Practices outside the set,
 * and practices of earlier years not in the reference map, keep their own areas.
 * @example withinPracticeSet(history, { code: "70F+97R", name: "Union of 2 places", practiceCodes: […] })
 */
export function withinPracticeSet(history: WorkforceHistory, set: PracticeSet): WorkforceHistory {
  const inSet = new Set(set.practiceCodes);
  const icb: OrgRef = { code: set.code, onsCode: null, name: set.name };
  const areas = new Map(history.areas);
  for (const code of inSet) {
    const a = areas.get(code);
    if (a) areas.set(code, { ...a, icb });
  }
  return {
    ...history,
    picture: {
      ...history.picture,
      practices: history.picture.practices.map((p) => (inSet.has(p.code) ? { ...p, icb } : p)),
    },
    areas,
  };
}
