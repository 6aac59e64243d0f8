// Use case: allocate a local fund across the practices (or networks) of an area by a method, with an
// optional floor and cap, and save it as a scenario of kind "allocation". The request is parsed and the
// allocation computed before anything is written; saving is one transaction.
import { imdScore } from "../engines/funding/features.ts";
import {
  allocateFund,
  FundingRequestError,
  type Allocation,
  type AllocationUnit,
  type Bound,
} from "../engines/funding/allocation.ts";
import { parseBound, parseMoney, resolveMethod, type MethodChoice } from "../engines/funding/request.ts";
import type { FundingPractice } from "../model/funding.ts";
import { saveScenario, type Json } from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";
import { loadFundingData, practicesInArea, type AreaScope, type FundingData } from "./funding-data.ts";

/** An allocation, its options parsed (`allocateRequestFromFlags` reads them as a planner types them). */
export interface AllocateRequest extends AreaScope {
  synthetic: boolean;
  date?: string;
  /** The fund in whole pence. */
  fundPence: number;
  /** The method and its weights (default: need, with the health-inequalities share of the rules). */
  choice?: MethodChoice;
  floor?: Bound;
  cap?: Bound;
  /** Allocate to practices (default) or to networks (PCNs). */
  by?: "practice" | "network";
  /** Only these PCNs / practices (codes). */
  pcns?: string[];
  practices?: string[];
  exclude?: string[];
  save?: string;
  replace?: boolean;
}

/** The allocation's options as typed at the CLI or sent to the API: money, shares and bounds as text. */
export interface AllocateFlags extends Omit<
  AllocateRequest,
  "fundPence" | "choice" | "floor" | "cap" | "by"
> {
  fund: string;
  method?: string;
  hiShare?: string;
  weights?: string;
  floor?: string;
  cap?: string;
  by?: string;
}

/** Parses the allocation's options (no store access): FundingRequestError naming the option for bad input. */
export function allocateRequestFromFlags(flags: AllocateFlags): AllocateRequest {
  const { fund, method, hiShare, weights, floor, cap, by, ...rest } = flags;
  const unit = by ?? "practice";
  if (unit !== "practice" && unit !== "network")
    throw new FundingRequestError(`--by must be practice or network; found '${unit}'`);
  return {
    ...rest,
    fundPence: parseMoney(fund, "--fund"),
    choice: resolveMethod(method, hiShare, weights),
    ...(floor !== undefined ? { floor: parseBound(floor, "--floor") } : {}),
    ...(cap !== undefined ? { cap: parseBound(cap, "--cap") } : {}),
    by: unit,
  };
}

export interface AllocationReport {
  synthetic: boolean;
  date: string;
  areaLabel: string;
  /** The ICB footprint of the map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
  unitKind: "practice" | "network";
  allocation: Allocation;
  /** How the health-inequalities population was formed. */
  hiBasis: string;
  saved: { name: string; replaced: boolean } | null;
  caveats: string[];
}

export const HI_BASIS =
  "health-inequalities population = registered list × practice IMD score (patient-weighted LSOA score; where only a decile is known, the national mean score of that decile)";

/** Allocation units of the chosen practices: one per practice, or one per network (outside-PCN practices alone). */
export function allocationUnits(
  practices: readonly FundingPractice[],
  by: "practice" | "network",
): { units: AllocationUnit[]; caveats: string[] } {
  const caveats: string[] = [];
  const known = practices.filter((p) => imdScore(p.deprivation) !== null && (p.listSize ?? 0) > 0);
  const list = known.reduce((a, p) => a + p.listSize!, 0);
  const meanScore =
    list > 0 ? known.reduce((a, p) => a + p.listSize! * imdScore(p.deprivation)!, 0) / list : null;
  const imputed = practices.filter((p) => imdScore(p.deprivation) === null);
  if (imputed.length > 0 && meanScore !== null)
    caveats.push(
      `${imputed.length} practice${imputed.length === 1 ? " has" : "s have"} no deprivation figure; the area's list-weighted mean IMD score (${meanScore.toFixed(2)}) is used: ${imputed
        .map((p) => p.code)
        .slice(0, 10)
        .join(", ")}`,
    );
  const practiceUnit = (p: FundingPractice): AllocationUnit => {
    const score = imdScore(p.deprivation) ?? meanScore;
    return {
      code: p.code,
      name: p.name,
      registered: p.listSize,
      weighted: p.weighted?.weighted ?? null,
      hiPopulation: p.listSize !== null && score !== null ? p.listSize * score : null,
      practices: [p.code],
      notes: [
        ...(imdScore(p.deprivation) === null ? ["IMD imputed (area mean)"] : []),
        ...(p.weighted?.basis === "model" ? ["weighted population modelled"] : []),
      ],
    };
  };
  if (by === "practice") return { units: practices.map(practiceUnit), caveats };
  const groups = new Map<string, AllocationUnit>();
  for (const p of practices) {
    const u = practiceUnit(p);
    const key = p.networkCode ?? `U:${p.code}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, {
        ...u,
        code: key,
        name: p.networkCode === null ? `Outside any PCN: ${p.name}` : (p.networkName ?? key),
      });
      continue;
    }
    const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
    g.registered = add(g.registered, u.registered);
    g.weighted = add(g.weighted, u.weighted);
    g.hiPopulation = add(g.hiPopulation, u.hiPopulation);
    g.practices.push(p.code);
    g.notes = [...new Set([...(g.notes ?? []), ...(u.notes ?? [])])];
  }
  const units = [...groups.values()].sort(
    (a, b) =>
      Number(a.code.startsWith("U:")) - Number(b.code.startsWith("U:")) || a.code.localeCompare(b.code),
  );
  return { units, caveats };
}

/** The practices a request chooses: the area, then --pcn / --practice, then --exclude. */
function choose(
  data: FundingData,
  r: AllocateRequest,
): { practices: FundingPractice[]; label: string; area: string } {
  const { practices: inArea, label, area } = practicesInArea(data, r);
  let chosen = inArea;
  const check = (codes: string[], flag: string, known: Set<string>) => {
    const unknown = codes.filter((c) => !known.has(c.toUpperCase()));
    if (unknown.length > 0)
      throw new FundingRequestError(
        `${flag} ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not in ${label}`,
      );
  };
  const pcns = r.pcns ?? [];
  const picked = r.practices ?? [];
  if (pcns.length > 0 || picked.length > 0) {
    check(pcns, "--pcn", new Set(inArea.map((p) => (p.networkCode ?? "U").toUpperCase())));
    check(picked, "--practice", new Set(inArea.map((p) => p.code.toUpperCase())));
    const pcnSet = new Set(pcns.map((c) => c.toUpperCase()));
    const practiceSet = new Set(picked.map((c) => c.toUpperCase()));
    chosen = inArea.filter(
      (p) => pcnSet.has((p.networkCode ?? "U").toUpperCase()) || practiceSet.has(p.code.toUpperCase()),
    );
  }
  if (r.exclude && r.exclude.length > 0) {
    check(r.exclude, "--exclude", new Set(inArea.map((p) => p.code.toUpperCase())));
    const set = new Set(r.exclude.map((c) => c.toUpperCase()));
    chosen = chosen.filter((p) => !set.has(p.code.toUpperCase()));
  }
  return { practices: chosen, label, area: area?.code ?? (data.picture.synthetic ? "demo" : "England") };
}

export async function allocateReport(store: Store, request: AllocateRequest): Promise<AllocationReport> {
  const choice = request.choice ?? resolveMethod(undefined);
  const by = request.by ?? "practice";
  const data = await loadFundingData(store, { synthetic: request.synthetic, date: request.date });
  const { practices, label, area } = choose(data, request);
  const { units, caveats } = allocationUnits(practices, by);
  const allocation = allocateFund(units, {
    fundPence: request.fundPence,
    method: choice.method,
    weights: choice.weights,
    ...(request.floor ? { floor: request.floor } : {}),
    ...(request.cap ? { cap: request.cap } : {}),
  });
  let saved: AllocationReport["saved"] = null;
  if (request.save !== undefined) {
    const record = await saveScenario(
      store.db,
      {
        name: request.save,
        kind: "allocation",
        synthetic: data.picture.synthetic,
        area,
        mapDate: data.picture.date,
        description: `${choice.method} allocation of £${(request.fundPence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2 })} across ${units.length} ${by === "practice" ? "practices" : "networks"} of ${label}`,
        request: JSON.parse(JSON.stringify({ ...request, synthetic: undefined })) as Json,
        result: JSON.parse(
          JSON.stringify({
            fundPence: allocation.request.fundPence,
            weights: allocation.request.weights,
            floor: allocation.request.floor ?? null,
            cap: allocation.request.cap ?? null,
            lines: allocation.lines.map((l) => ({
              code: l.code,
              name: l.name,
              practices: l.practices,
              registered: l.registered,
              weighted: l.weighted,
              needShare: l.needShare,
              bound: l.bound,
              pence: l.pence,
            })),
          }),
        ) as Json,
        configuration: null,
      },
      { replace: request.replace ?? false },
    );
    saved = { name: record.name, replaced: request.replace ?? false };
  }
  return {
    synthetic: data.picture.synthetic,
    date: data.picture.date,
    areaLabel: label,
    footprint: data.footprint,
    unitKind: by,
    allocation,
    hiBasis: HI_BASIS,
    saved,
    caveats: [...data.caveats, ...caveats],
  };
}
