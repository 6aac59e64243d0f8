// The dispersal problem of one backtest interval: the evaluated closures of snapshot A as origins (all
// their patients at the practice site: there are no LSOA registrations for past snapshots), the continuing
// practices as receivers (attractiveness and capacity from their A lists), within the distance limit.
// Predictions of either model are scored against the observed gains (score.ts).
import type { CapacityCap } from "../capacity.ts";
import { practiceCapacity } from "../capacity.ts";
import { patientChoice, type ChoiceParameters } from "../choice.ts";
import { candidatePairs, type CandidatePairs, type DispersalProblem, type Flows } from "../dispersal.ts";
import { ScenarioRequestError } from "../errors.ts";
import { nearestWithCapacity } from "../nearest.ts";
import type { ClosureEvent, Interval } from "./interval.ts";

export interface IntervalProblem {
  interval: Interval;
  /** The closures evaluated (not excluded), in A order: origin o is evaluated[o]. */
  evaluated: ClosureEvent[];
  /** Receiver r is continuing[receivers[r]] of the interval. */
  receivers: number[];
  problem: DispersalProblem;
  pairs: CandidatePairs;
}

export type BacktestModel = { kind: "nearest" } | { kind: "choice"; params: ChoiceParameters };

/** `null` cap: no limit on what a practice can take. Per-GP-FTE caps need workforce of past dates: refused. */
export function intervalProblem(
  interval: Interval,
  options: { maxKm: number; cap: CapacityCap | null },
): IntervalProblem {
  if (options.cap?.kind === "per-gp-fte")
    throw new ScenarioRequestError(
      "the backtest cannot use a per-GP-FTE cap: there is no GP FTE for past list snapshots; use growth:<percent>% or growth:<patients>",
    );
  const { from } = interval;
  const evaluated = interval.closures.filter((c) => c.excluded === null);
  const receivers = interval.continuing
    .map((_, k) => k)
    .filter(
      (k) =>
        Number.isFinite(from.lat[interval.continuing[k]!.a]!) &&
        Number.isFinite(from.lon[interval.continuing[k]!.a]!),
    );
  const listOf = (r: number) => from.patients[interval.continuing[receivers[r]!]!.a]!;
  const problem: DispersalProblem = {
    origins: {
      patients: Float64Array.from(evaluated, (c) => c.patients),
      lat: Float64Array.from(evaluated, (c) => c.lat),
      lon: Float64Array.from(evaluated, (c) => c.lon),
    },
    receivers: {
      lat: Float64Array.from(receivers, (k) => from.lat[interval.continuing[k]!.a]!),
      lon: Float64Array.from(receivers, (k) => from.lon[interval.continuing[k]!.a]!),
      attractiveness: Float64Array.from(receivers, (_, r) => listOf(r)),
      capacity: Float64Array.from(receivers, (_, r) =>
        options.cap === null
          ? Number.POSITIVE_INFINITY
          : (practiceCapacity(options.cap, listOf(r), null) ?? 0),
      ),
    },
    maxKm: options.maxKm,
  };
  return { interval, evaluated, receivers, problem, pairs: candidatePairs(problem) };
}

/** Fractional flows of a model on the interval (the backtest compares expected gains, not whole patients). */
export function predict(ip: IntervalProblem, model: BacktestModel): Flows {
  return model.kind === "nearest"
    ? nearestWithCapacity(ip.problem, ip.pairs)
    : patientChoice(ip.problem, ip.pairs, model.params);
}
