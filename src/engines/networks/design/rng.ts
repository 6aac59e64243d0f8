// The designer's seeded random numbers: sfc32 (Small Fast Counting, PractRand) seeded through splitmix32,
// passed explicitly to every proposal (never Math.random), so a design is a pure function of its seed.
// Engines may not import sources/, so this is a small copy of the generator in sources/demo/rng.ts.

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
  let s = seed >>> 0;
  const mix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next32();
  const next = () => next32() / 4294967296;
  return { next, below: (n) => Math.floor(next() * n) };
}
