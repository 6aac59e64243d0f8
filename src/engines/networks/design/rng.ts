// The designer's seeded random numbers: sfc32 (Small Fast Counting, PractRand) seeded through splitmix32,
// passed explicitly to every proposal (never Math.random), so a design is a pure function of its seed.
// The generator is the shared one in model/random.ts (also behind the demo's streams).
import { sfc32Uniform } from "../../../model/random.ts";

export interface DesignRng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [0, n). */
  below(n: number): number;
}

/**
 * A seeded generator; equal seeds give equal streams.
 * @example const rng = createDesignRng(1); rng.below(10) // → the same digit on every run
 */
export function createDesignRng(seed: number): DesignRng {
  const next = sfc32Uniform(seed);
  return { next, below: (n) => Math.floor(next() * n) };
}
