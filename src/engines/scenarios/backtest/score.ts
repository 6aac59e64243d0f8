// How far a model's predicted gains are from the observed ones, practice by practice, over the
// neighbourhood of an interval's closures (continuing practices within the distance limit of at least one
// evaluated closure), all closures of the interval dispersed together:
// - mae: mean |predicted − observed| gain per neighbourhood practice (patients);
// - maeZero: the same for a prediction of no gain anywhere (what background noise alone gives);
// - located: Σ min(predicted, max(observed, 0)) ÷ Σ predicted, the share of predicted patients placed at
//   practices that did gain at least that many.
import type { Flows } from "../dispersal.ts";
import type { IntervalProblem } from "./problem.ts";

export interface Score {
  neighbourhood: number;
  predictedPatients: number;
  observedGain: number;
  sumAbsError: number;
  sumAbsZero: number;
  matched: number;
  mae: number;
  maeZero: number;
  located: number;
}

function finish(s: Omit<Score, "mae" | "maeZero" | "located">): Score {
  return {
    ...s,
    mae: s.neighbourhood > 0 ? s.sumAbsError / s.neighbourhood : 0,
    maeZero: s.neighbourhood > 0 ? s.sumAbsZero / s.neighbourhood : 0,
    located: s.predictedPatients > 0 ? s.matched / s.predictedPatients : 0,
  };
}

export function scoreFlows(ip: IntervalProblem, flows: Flows): Score {
  const { pairs, receivers } = ip;
  const nR = receivers.length;
  const predicted = new Float64Array(nR);
  const inRange = new Uint8Array(nR);
  for (let e = 0; e < pairs.receiver.length; e++) {
    predicted[pairs.receiver[e]!]! += flows.amount[e]!;
    inRange[pairs.receiver[e]!] = 1;
  }
  const s = {
    neighbourhood: 0,
    predictedPatients: 0,
    observedGain: 0,
    sumAbsError: 0,
    sumAbsZero: 0,
    matched: 0,
  };
  for (let r = 0; r < nR; r++) {
    if (!inRange[r]) continue;
    const o = ip.interval.observed[receivers[r]!]!;
    const p = predicted[r]!;
    s.neighbourhood++;
    s.sumAbsError += Math.abs(p - o);
    s.sumAbsZero += Math.abs(o);
    s.matched += Math.min(p, Math.max(o, 0));
    s.predictedPatients += p;
    s.observedGain += o;
  }
  return finish(s);
}

/** Scores pooled over intervals (sums, then ratios). */
export function poolScores(scores: readonly Score[]): Score {
  const sum = (k: keyof Score) => scores.reduce((a, s) => a + s[k], 0);
  return finish({
    neighbourhood: sum("neighbourhood"),
    predictedPatients: sum("predictedPatients"),
    observedGain: sum("observedGain"),
    sumAbsError: sum("sumAbsError"),
    sumAbsZero: sum("sumAbsZero"),
    matched: sum("matched"),
  });
}
