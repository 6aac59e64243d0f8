// Options of the network designer, their documented defaults, and their validation. Band figures default to
// the Network Contract DES rules in config/pcn-contract.ts (30,000 minimum, "typically" 50,000 maximum).
import { RequestError } from "../../../model/errors.ts";
import { contractYearOn, PCN_CONTRACT_YEARS, type PcnContractYear } from "../../../config/pcn-contract.ts";

export interface Band {
  /** Smallest list a network may have unless waived (DES para 3.2). */
  min: number;
  /** Largest list a network should have wherever geography allows. */
  max: number;
}

export interface DesignOptions {
  /** Size band; default the DES band of the contract year in force on `date` (else the newest year). */
  band?: Band;
  /** ISO date whose contract year gives the default band (e.g. the map date). */
  date?: string;
  /** km of cohesion one patient moved away from their network-mates is worth. Default 1. */
  disruptionWeight?: number;
  /** km of cohesion one patient outside their network's main place is worth. Default 1. */
  placeWeight?: number;
  /** Practice code → network label: practices with one label end in one network, with no other label. */
  locks?: Readonly<Record<string, string>>;
  /** Today's PCN codes whose practices must stay together (other practices may join them). */
  keepWhole?: readonly string[];
  /** PCN codes (kept whole) or practice codes whose network may be under the minimum (sparse rural areas). */
  waivers?: readonly string[];
  /** Seed of the random stream; equal seeds give equal designs (when stopped by iterations). Default 1. */
  seed?: number;
  /** Proposals tried by the annealing phase. Default 10,000 + 300 × practices. */
  iterations?: number;
  /** Wall-clock cap in seconds (a safety net: stopping by time is not reproducible). Default none. */
  timeLimitSeconds?: number;
  /** Independent runs (each from its own random stream) whose networks are then recombined. Default 4. */
  starts?: number;
}

export interface ResolvedOptions {
  band: Band;
  disruptionWeight: number;
  placeWeight: number;
  locks: ReadonlyMap<string, string>;
  keepWhole: readonly string[];
  waivers: readonly string[];
  seed: number;
  iterations: number | null;
  timeLimitSeconds: number | null;
  starts: number;
}

/** Independent runs of the heuristic by default (see docs/networks.md "Design: heuristic", step 6). */
export const DEFAULT_STARTS = 4;

/** A request the user can correct (bad band, unknown practice…): the CLI prints its message. */
export class DesignRequestError extends RequestError {
  override name = "DesignRequestError";
}

/** The band of a contract year. */
export const bandOf = (rules: PcnContractYear): Band => ({
  min: rules.minimumList,
  max: rules.typicalMaximumList,
});

/** Checks a band: finite, positive, min ≤ max. */
export function validateBand(band: Band): Band {
  const { min, max } = band;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max <= 0)
    throw new DesignRequestError(`band must be two positive numbers of patients; found ${min}–${max}`);
  if (min > max)
    throw new DesignRequestError(
      `band minimum ${min.toLocaleString("en-GB")} is greater than its maximum ${max.toLocaleString("en-GB")}`,
    );
  return { min, max };
}

/** Parses `30000-50000` or `30k-50k`. */
export function parseBandText(text: string): Band {
  const m = /^\s*(\d+(?:\.\d+)?)(k?)\s*[-–:]\s*(\d+(?:\.\d+)?)(k?)\s*$/i.exec(text);
  if (!m) throw new DesignRequestError(`band must look like 30000-50000 or 30k-50k; found '${text}'`);
  const value = (n: string, k: string) => Number(n) * (k ? 1000 : 1);
  return validateBand({ min: value(m[1]!, m[2]!), max: value(m[3]!, m[4]!) });
}

const weight = (name: string, value: number | undefined, fallback: number) => {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0) throw new DesignRequestError(`${name} must be a number ≥ 0; found ${v}`);
  return v;
};

/** Applies the defaults and checks every option (codes are checked against the instance later). */
export function resolveOptions(options: DesignOptions = {}): ResolvedOptions {
  const rules = options.date
    ? contractYearOn(options.date)
    : PCN_CONTRACT_YEARS[PCN_CONTRACT_YEARS.length - 1]!;
  const band = validateBand(options.band ?? bandOf(rules));
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new DesignRequestError(`seed must be a whole number; found ${seed}`);
  const iterations = options.iterations ?? null;
  if (iterations !== null && (!Number.isInteger(iterations) || iterations < 0))
    throw new DesignRequestError(`iterations must be a whole number ≥ 0; found ${iterations}`);
  const starts = options.starts ?? DEFAULT_STARTS;
  if (!Number.isInteger(starts) || starts < 1)
    throw new DesignRequestError(`starts must be a whole number ≥ 1; found ${starts}`);
  const timeLimit = options.timeLimitSeconds ?? null;
  if (timeLimit !== null && !(timeLimit > 0))
    throw new DesignRequestError(`time limit must be a positive number of seconds; found ${timeLimit}`);
  return {
    band,
    disruptionWeight: weight("disruption weight", options.disruptionWeight, 1),
    placeWeight: weight("place weight", options.placeWeight, 1),
    locks: new Map(Object.entries(options.locks ?? {})),
    keepWhole: [...new Set(options.keepWhole ?? [])],
    waivers: [...new Set(options.waivers ?? [])],
    seed,
    iterations,
    timeLimitSeconds: timeLimit,
    starts,
  };
}
