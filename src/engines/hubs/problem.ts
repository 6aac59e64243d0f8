// Community specialist hubs: the problem the engines solve. Demand points (LSOA centroids, or practice sites
// where LSOA registrations are missing) carry a need weight (patients 65+, people on the QOF diabetes
// register, all registered patients, or a user weight) and an IMD quintile; candidate sites are practice
// sites (or sites the user lists). Distances are great-circle (haversine) km between the points: straight
// lines, not travel times.
import { RequestError } from "../../model/errors.ts";
import { haversineKm } from "../networks/geo.ts";

export interface HubDemand {
  /** LSOA codes, or practice codes where demand is by practice site. */
  codes: readonly string[];
  lat: Float64Array;
  lon: Float64Array;
  /** Need weight of each point (≥ 0), e.g. patients 65+. */
  weight: Float64Array;
  /** IMD quintile of each point (1 = most deprived), 0 when unknown. */
  quintile: Int8Array;
}

export interface HubCandidate {
  /** Site code (a practice's ODS code, or the user's). */
  code: string;
  name: string;
  lat: number;
  lon: number;
  /** Practices at the same site (same coordinates), merged into this candidate; the code is the first. */
  practices?: string[];
}

export interface HubProblem {
  demand: HubDemand;
  candidates: readonly HubCandidate[];
  /** Demand × candidate distances, km, row-major (demand i, candidate j at i × m + j). */
  distance: Float64Array;
}

export type HubObjective = "p-median" | "covering";

/** Thrown for a problem the engines cannot solve as asked (k out of range, no demand, no site). */
export class HubRequestError extends RequestError {
  override name = "HubRequestError";
  constructor(message: string, field: string, kind: "invalid" | "unprocessable" = "invalid") {
    super(message, { field, kind });
  }
}

/** Builds the problem: the haversine distance of every demand point to every candidate site. */
export function hubProblem(demand: HubDemand, candidates: readonly HubCandidate[]): HubProblem {
  const n = demand.codes.length;
  const m = candidates.length;
  const distance = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++)
      distance[i * m + j] = haversineKm(
        demand.lat[i]!,
        demand.lon[i]!,
        candidates[j]!.lat,
        candidates[j]!.lon,
      );
  return { demand, candidates, distance };
}

/**
 * Merges candidates at identical coordinates (practices sharing a building or postcode) into one site: opening
 * either is the same hub, so the model need not choose between them. Keeps the first's code and name.
 */
export function mergeColocated(candidates: readonly HubCandidate[]): HubCandidate[] {
  const byPlace = new Map<string, HubCandidate>();
  for (const c of candidates) {
    const key = `${c.lat.toFixed(6)},${c.lon.toFixed(6)}`;
    const had = byPlace.get(key);
    if (had) had.practices = [...(had.practices ?? [had.code]), ...(c.practices ?? [c.code])];
    else byPlace.set(key, { ...c, practices: [...(c.practices ?? [c.code])] });
  }
  return [...byPlace.values()];
}
