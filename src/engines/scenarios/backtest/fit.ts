// Fitting the patient-choice model's distance decay β and attractiveness exponent α on real closures: a
// grid search minimising the mean absolute error of gains (score.ts) pooled over the intervals, and a
// cross-check that fits on each interval alone and scores the other with those parameters (out of sample,
// a later period), beside the best any grid point reaches there.
import type { ChoiceParameters } from "../choice.ts";
import { predict, type IntervalProblem } from "./problem.ts";
import { poolScores, scoreFlows, type Score } from "./score.ts";

export const DECAY_GRID: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 5];
export const EXPONENT_GRID: readonly number[] = [0, 0.5, 1, 1.5];

export interface GridPoint {
  params: ChoiceParameters;
  /** MAE of each interval, then pooled. */
  mae: number[];
  pooledMae: number;
  pooledLocated: number;
}

export interface CrossCheck {
  fitOn: string;
  testOn: string;
  params: ChoiceParameters;
  /** MAE on the test interval with the parameters fitted on the other. */
  testMae: number;
  /** The best MAE any grid point reaches on the test interval, and the pooled fit's. */
  bestTestMae: number;
  pooledFitTestMae: number;
}

export interface FitResult {
  grid: GridPoint[];
  best: ChoiceParameters;
  bestMae: number;
  crossChecks: CrossCheck[];
}

const argmin = (points: readonly GridPoint[], value: (p: GridPoint) => number): GridPoint =>
  points.reduce((best, p) => (value(p) < value(best) - 1e-9 ? p : best));

/** Grid search over β × α; ties go to the smaller β, then the smaller α (grid order). */
export function fitChoice(
  problems: readonly IntervalProblem[],
  labels: readonly string[],
  grid: { decay?: readonly number[]; exponent?: readonly number[] } = {},
): FitResult {
  const points: GridPoint[] = [];
  for (const attractivenessExponent of grid.exponent ?? EXPONENT_GRID)
    for (const decayPerKm of grid.decay ?? DECAY_GRID) {
      const params = { decayPerKm, attractivenessExponent };
      const scores: Score[] = problems.map((ip) => scoreFlows(ip, predict(ip, { kind: "choice", params })));
      const pooled = poolScores(scores);
      points.push({
        params,
        mae: scores.map((s) => s.mae),
        pooledMae: pooled.mae,
        pooledLocated: pooled.located,
      });
    }
  const best = argmin(points, (p) => p.pooledMae);
  const crossChecks: CrossCheck[] = [];
  if (problems.length > 1)
    for (let fit = 0; fit < problems.length; fit++)
      for (let test = 0; test < problems.length; test++) {
        if (fit === test) continue;
        const onFit = argmin(points, (p) => p.mae[fit]!);
        crossChecks.push({
          fitOn: labels[fit]!,
          testOn: labels[test]!,
          params: onFit.params,
          testMae: onFit.mae[test]!,
          bestTestMae: argmin(points, (p) => p.mae[test]!).mae[test]!,
          pooledFitTestMae: best.mae[test]!,
        });
      }
  return { grid: points, best: best.params, bestMae: best.pooledMae, crossChecks };
}
