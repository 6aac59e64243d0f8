// Largest-remainder apportionment (Hamilton's method): whole numbers that sum exactly to a total and are as
// close as possible to shares proportional to the weights. Scenarios use it wherever patients are split,
// so that patients before = patients after + patients not placed holds in whole patients.

/**
 * Splits `total` (a whole number ≥ 0) in proportion to `weights` (≥ 0). Ties in the remainders go to the
 * earlier index, so the result is deterministic. All-zero weights give everything to no one: an error.
 * @example largestRemainder(10, [1, 1, 1]) // → [4, 3, 3]
 */
export function largestRemainder(total: number, weights: ArrayLike<number>): Int32Array {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`largestRemainder: total must be a whole number ≥ 0; found ${total}`);
  const n = weights.length;
  const out = new Int32Array(n);
  if (total === 0) return out;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w))
      throw new RangeError(`largestRemainder: weight ${i} must be a finite number ≥ 0; found ${w}`);
    sum += w;
  }
  if (sum <= 0) throw new RangeError("largestRemainder: every weight is 0, so nothing can be apportioned");
  const remainder = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = (total * weights[i]!) / sum;
    const whole = Math.floor(exact + 1e-9);
    out[i] = whole;
    remainder[i] = exact - whole;
    given += whole;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => remainder[b]! - remainder[a]! || a - b);
  for (let k = 0; given < total; k = (k + 1) % n) {
    const i = order[k]!;
    if (weights[i]! > 0) {
      out[i]!++;
      given++;
    }
  }
  return out;
}
