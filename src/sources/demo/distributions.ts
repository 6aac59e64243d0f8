// Small numeric helpers for the demo generator: drawing from measured quantiles, the normal CDF (for
// correlated draws), whole-number allocation that keeps totals exact, and rounding.
import type { QuantilePoints } from "./calibration.ts";
import type { Rng } from "./rng.ts";

/** Inverse CDF through the points, linear between them: u = 0.5 gives the median. */
export function fromQuantiles(points: QuantilePoints, u: number): number {
  const p = Math.min(1, Math.max(0, u));
  for (let i = 1; i < points.length; i++) {
    const [p1, v1] = points[i]!;
    const [p0, v0] = points[i - 1]!;
    if (p <= p1) return p1 === p0 ? v1 : v0 + ((p - p0) / (p1 - p0)) * (v1 - v0);
  }
  return points[points.length - 1]![1];
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * A uniform draw correlated with a standard-normal driver: u = Φ(ρ·driver + √(1−ρ²)·ε). With ρ = 0 it is
 * an ordinary uniform; with ρ > 0, practices with a high driver tend to draw high quantiles.
 */
export function correlatedUniform(rng: Rng, driver: number, rho: number): number {
  return normalCdf(rho * driver + Math.sqrt(1 - rho * rho) * rng.normal());
}

/** Splits a whole-number total in proportion to weights (largest remainder): the parts sum to `total` exactly. */
export function allocate(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || weights.length === 0) return weights.map(() => 0);
  if (!(sum > 0)) throw new Error("allocate: weights must have a positive sum");
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]! += 1;
  return parts;
}

/**
 * Whole-number counts from expected values that sum to `total`: each count is the floor of its expectation
 * plus one more with probability equal to the fractional part (systematic sampling). The counts sum to
 * `total` exactly, and small expectations become occasional ones, giving catchments their long thin tail.
 */
export function sampleCounts(expected: readonly number[], total: number, rng: Rng): number[] {
  const sum = expected.reduce((a, b) => a + b, 0);
  const scaled = expected.map((e) => (sum > 0 ? (e / sum) * total : 0));
  const counts = scaled.map(Math.floor);
  const left = total - counts.reduce((a, b) => a + b, 0);
  if (left <= 0) return counts;
  const fractions = scaled.map((s, i) => s - counts[i]!);
  const fracSum = fractions.reduce((a, b) => a + b, 0);
  const step = fracSum / left;
  let target = rng.next() * step;
  let acc = 0;
  let given = 0;
  for (let i = 0; i < fractions.length && given < left; i++) {
    acc += fractions[i]!;
    while (acc > target && given < left) {
      counts[i]! += 1;
      given++;
      target += step;
    }
  }
  // Rounding can leave the last unit unplaced: give it to the largest fraction.
  for (; given < left; given++) {
    let best = 0;
    for (let i = 1; i < fractions.length; i++) if (fractions[i]! > fractions[best]!) best = i;
    counts[best]! += 1;
    fractions[best] = -1;
  }
  return counts;
}

export const round = (value: number, places = 0): number => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

/** Quantile of a sample (linear interpolation between order statistics). */
export function quantile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}
