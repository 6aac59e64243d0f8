// Options of the two-level (neighbourhood → area) designer, their defaults and their validation. The bands
// follow the 10 Year Health Plan (July 2025): single-neighbourhood providers of about 50,000 patients and
// multi-neighbourhood providers of about 250,000 (../shared/docs/domain.md F1). See docs/networks.md
// "Neighbourhoods: two-level design".
import { RequestError } from "../../model/errors.ts";
import type { Band } from "../networks/design/options.ts";

export type { Band };

export interface NeighbourhoodOptions {
  /** Neighbourhood size band. Default 30,000–50,000; the maximum may be at most 100,000. */
  band?: Band;
  /** Multi-neighbourhood area size band. Default 200,000–300,000 (about 250,000). */
  areaBand?: Band;
  /** km of cohesion one patient outside their unit's local authority is worth (both levels). Default 1. */
  laWeight?: number;
  /** km of cohesion one patient away from their PCN-mates is worth (both levels). Default 1. */
  pcnWeight?: number;
  /** Seed of both searches. Default 1. */
  seed?: number;
  /** Independent runs of each level's search. Default 4. */
  starts?: number;
  /** Annealing proposals of the neighbourhood level (default: the network designer's). */
  iterations?: number;
  /** Wall-clock cap of the neighbourhood level, seconds (not reproducible). Default none. */
  timeLimitSeconds?: number;
}

export interface ResolvedNeighbourhoodOptions {
  band: Band;
  areaBand: Band;
  laWeight: number;
  pcnWeight: number;
  seed: number;
  starts: number;
  iterations: number | null;
  timeLimitSeconds: number | null;
}

export const DEFAULT_NEIGHBOURHOOD_BAND: Band = { min: 30_000, max: 50_000 };
export const DEFAULT_AREA_BAND: Band = { min: 200_000, max: 300_000 };
/** The largest neighbourhood the designer accepts as a band maximum (issue 14: "configurable up to 100k"). */
export const NEIGHBOURHOOD_MAX_LIMIT = 100_000;

export class NeighbourhoodRequestError extends RequestError {
  override name = "NeighbourhoodRequestError";
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

function checkBand(field: string, band: Band): Band {
  const { min, max } = band;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max <= 0)
    throw new NeighbourhoodRequestError(
      `${field} must be two positive numbers of patients; found ${min}–${max}`,
      {
        field,
      },
    );
  if (min > max)
    throw new NeighbourhoodRequestError(
      `${field} minimum ${fmt(min)} is greater than its maximum ${fmt(max)}`,
      {
        field,
      },
    );
  return { min, max };
}

const weight = (field: string, value: number | undefined) => {
  const v = value ?? 1;
  if (!Number.isFinite(v) || v < 0)
    throw new NeighbourhoodRequestError(`${field} must be a number ≥ 0; found ${v}`, { field });
  return v;
};

/** Applies the defaults and checks every option. */
export function resolveNeighbourhoodOptions(
  options: NeighbourhoodOptions = {},
): ResolvedNeighbourhoodOptions {
  const band = checkBand("band", options.band ?? DEFAULT_NEIGHBOURHOOD_BAND);
  if (band.max > NEIGHBOURHOOD_MAX_LIMIT)
    throw new NeighbourhoodRequestError(
      `band maximum must be at most ${fmt(NEIGHBOURHOOD_MAX_LIMIT)} patients for a neighbourhood; found ${fmt(band.max)}`,
      { field: "band" },
    );
  const areaBand = checkBand("areaBand", options.areaBand ?? DEFAULT_AREA_BAND);
  if (areaBand.max <= band.max)
    throw new NeighbourhoodRequestError(
      `areaBand maximum (${fmt(areaBand.max)}) must be above the neighbourhood maximum (${fmt(band.max)}): an area holds several neighbourhoods`,
      { field: "areaBand" },
    );
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed))
    throw new NeighbourhoodRequestError(`seed must be a whole number; found ${seed}`, { field: "seed" });
  const starts = options.starts ?? 4;
  if (!Number.isInteger(starts) || starts < 1)
    throw new NeighbourhoodRequestError(`starts must be a whole number ≥ 1; found ${starts}`, {
      field: "starts",
    });
  const iterations = options.iterations ?? null;
  if (iterations !== null && (!Number.isInteger(iterations) || iterations < 0))
    throw new NeighbourhoodRequestError(`iterations must be a whole number ≥ 0; found ${iterations}`, {
      field: "iterations",
    });
  const timeLimit = options.timeLimitSeconds ?? null;
  if (timeLimit !== null && !(timeLimit > 0))
    throw new NeighbourhoodRequestError(
      `time limit must be a positive number of seconds; found ${timeLimit}`,
      {
        field: "timeLimitSeconds",
      },
    );
  return {
    band,
    areaBand,
    laWeight: weight("laWeight", options.laWeight),
    pcnWeight: weight("pcnWeight", options.pcnWeight),
    seed,
    starts,
    iterations,
    timeLimitSeconds: timeLimit,
  };
}
