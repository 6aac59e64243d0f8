// Configurations of practices into networks, as the entitlement and allocation engines take them: today's
// map, a CSV of practice_code, network_code[, network_name] (a designed map), or a saved scenario (a design,
// a closure or a merger, read with getScenario and its `configuration`). Each practice carries its list and
// weighted population in that configuration: a practice keeps its weighted ÷ registered ratio (published or
// modelled) applied to its list in the configuration; a merged practice takes the combined ratio of the
// practices it was made from; a practice that gains patients from a closure takes the weighted list the
// closure saved (the movers carry the weighting of the practice they left).
import type { PracticeNetworkRow } from "../engines/networks/assignment.ts";
import { FundingRequestError } from "../engines/funding/allocation.ts";
import type { EntitlementPractice } from "../engines/funding/entitlements.ts";
import { mergedEstimate } from "../engines/funding/weighted-population.ts";
import type { FundingPractice } from "../model/funding.ts";
import type { ScenarioPractice } from "../model/scenario.ts";
import type { ScenarioRecord } from "../store/repositories/scenarios.ts";

export interface FundingConfiguration {
  label: string;
  practices: EntitlementPractice[];
  /** Practices the configuration closes or merges away. */
  closed: string[];
  caveats: string[];
}

const OUTSIDE = new Set(["U", "", "UNALLOCATED"]);

function withoutList(practices: readonly FundingPractice[]): string[] {
  return practices
    .filter((p) => !(p.listSize !== null && p.listSize > 0) || p.weighted === null)
    .map((p) => p.code);
}

function entitlementPractice(
  p: FundingPractice,
  networkCode: string | null,
  networkName: string | null,
  listSize = p.listSize!,
): EntitlementPractice {
  return {
    code: p.code,
    name: p.name,
    networkCode,
    networkName,
    listSize,
    weighted: listSize * p.weighted!.ratio,
    basis: p.weighted!.basis,
    careHomeBeds: p.careHomeBeds ?? null,
  };
}

const skippedNote = (codes: readonly string[]) =>
  codes.length === 0
    ? []
    : [
        `${codes.length} practice${codes.length === 1 ? "" : "s"} without a list size or weighted population ${codes.length === 1 ? "is" : "are"} left out: ${codes.slice(0, 10).join(", ")}${codes.length > 10 ? ", …" : ""}.`,
      ];

/** Today's map. */
export function todayConfiguration(
  practices: readonly FundingPractice[],
  mapPeriod: string,
): FundingConfiguration {
  const skipped = withoutList(practices);
  const skip = new Set(skipped);
  return {
    label: `today (${mapPeriod} map)`,
    practices: practices
      .filter((p) => !skip.has(p.code))
      .map((p) => entitlementPractice(p, p.networkCode, p.networkName)),
    closed: [],
    caveats: skippedNote(skipped),
  };
}

/** A designed map: rows of practice_code, network_code; practices of the area it does not list keep today's network. */
export function configurationFromRows(
  practices: readonly FundingPractice[],
  rows: readonly PracticeNetworkRow[],
  label: string,
): FundingConfiguration {
  const byCode = new Map(practices.map((p) => [p.code.toUpperCase(), p]));
  const assigned = new Map<string, PracticeNetworkRow>();
  const unknown: string[] = [];
  for (const r of rows) {
    const code = r.practiceCode.trim().toUpperCase();
    if (!byCode.has(code)) unknown.push(`${r.practiceCode}${r.where ? ` (${r.where})` : ""}`);
    else if (assigned.has(code))
      throw new FundingRequestError(
        `${label}: practice ${code} is listed twice (${assigned.get(code)!.where ?? ""} and ${r.where ?? ""})`,
      );
    else assigned.set(code, r);
  }
  if (unknown.length > 0)
    throw new FundingRequestError(
      `${label}: ${unknown.length} practice code${unknown.length === 1 ? " is" : "s are"} not in the area: ${unknown.slice(0, 10).join(", ")}`,
    );
  const skipped = withoutList(practices);
  const skip = new Set(skipped);
  const unlisted = practices.filter((p) => !assigned.has(p.code.toUpperCase())).length;
  return {
    label,
    practices: practices
      .filter((p) => !skip.has(p.code))
      .map((p) => {
        const r = assigned.get(p.code.toUpperCase());
        if (!r) return entitlementPractice(p, p.networkCode, p.networkName);
        const code = r.networkCode.trim();
        return OUTSIDE.has(code.toUpperCase())
          ? entitlementPractice(p, null, null)
          : entitlementPractice(p, code, r.networkName ?? code);
      }),
    closed: [],
    caveats: [
      ...skippedNote(skipped),
      ...(unlisted > 0
        ? [`${unlisted} practices of the area are not in ${label} and keep today's network.`]
        : []),
    ],
  };
}

/**
 * A scenario practice's weighted population. Where the scenario changed its list (a closure's receivers) and
 * saved the weighted list it computed, that list stands: patients who move carry the weighting of the practice
 * they leave, as the closure engine computes it. Otherwise the practice's own (or merged) ratio × its list.
 */
function scenarioWeighted(
  s: ScenarioPractice,
  own: FundingPractice | undefined,
  ratio: number,
  merged: boolean,
): number {
  const listChanged = own !== undefined && own.listSize !== null && own.listSize !== s.listSize;
  if (!merged && listChanged && s.weightedList !== null && s.weightedList > 0) return s.weightedList;
  return s.listSize * ratio;
}

/** A saved scenario's configuration: every open practice of its area afterwards. */
export function configurationFromScenario(
  practices: readonly FundingPractice[],
  record: ScenarioRecord,
  synthetic: boolean,
): FundingConfiguration {
  const c = record.configuration;
  if (!c)
    throw new FundingRequestError(
      `scenario '${record.name}' (${record.kind}) has no practice → network configuration, so it has no entitlements`,
    );
  if (record.synthetic !== synthetic)
    throw new FundingRequestError(
      `scenario '${record.name}' was made on the ${record.synthetic ? "synthetic demo: add --demo" : "real data: drop --demo"}`,
    );
  const byCode = new Map(practices.map((p) => [p.code, p]));
  const caveats: string[] = [];
  const out: EntitlementPractice[] = [];
  for (const s of c.practices) {
    if (!(s.listSize > 0)) {
      caveats.push(`${s.practiceCode} has no patients in scenario '${record.name}' and is left out.`);
      continue;
    }
    const own = byCode.get(s.practiceCode);
    const parts = (s.mergedFrom ?? [])
      .map((code) => byCode.get(code))
      .filter((p): p is FundingPractice => p !== undefined && p.weighted !== null && (p.listSize ?? 0) > 0);
    const merged = s.mergedFrom && s.mergedFrom.length > 0;
    const estimate = merged
      ? mergedEstimate(
          parts.map((p) => ({ ...p.weighted!, weighted: p.listSize! * p.weighted!.ratio })),
          s.listSize,
        )
      : (own?.weighted ?? null);
    if (!estimate)
      throw new FundingRequestError(
        `scenario '${record.name}': practice ${s.practiceCode} is not in the loaded ${record.synthetic ? "demo" : "map"} with a weighted population${merged ? ` (nor are the practices it merges: ${s.mergedFrom!.join(", ")})` : ""}`,
      );
    out.push({
      code: s.practiceCode,
      name: own?.name ?? `${s.practiceCode} (merged)`,
      networkCode: s.networkCode === null || OUTSIDE.has(s.networkCode.toUpperCase()) ? null : s.networkCode,
      networkName: s.networkName,
      listSize: s.listSize,
      weighted: scenarioWeighted(s, own, estimate.ratio, Boolean(merged)),
      basis: estimate.basis,
      // A merged practice carries its members' beds; a closed practice's beds are not re-aligned.
      careHomeBeds: merged
        ? parts.some((p) => p.careHomeBeds != null)
          ? parts.reduce((a, p) => a + (p.careHomeBeds ?? 0), 0)
          : null
        : (own?.careHomeBeds ?? null),
    });
  }
  const mergedAway = new Set(c.practices.flatMap((s) => s.mergedFrom ?? []));
  const lostBeds = c.closed
    .filter((code) => !mergedAway.has(code))
    .reduce((a, code) => a + (byCode.get(code)?.careHomeBeds ?? 0), 0);
  if (lostBeds >= 0.5)
    caveats.push(
      `The ${Math.round(lostBeds)} care home beds of the closed practices are not re-aligned to another practice, so their care home premium drops out.`,
    );
  return {
    label: `scenario '${record.name}' (${record.kind})`,
    practices: out,
    closed: [...c.closed],
    caveats,
  };
}
