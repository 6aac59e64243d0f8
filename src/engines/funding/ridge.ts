// Ridge regression on standardised features, solved by Cholesky decomposition of the normal equations
// (X'X/n + λI) β = X'y/n. With a few dozen features and thousands of practices this takes milliseconds;
// the small penalty keeps collinear inputs (age shares that nearly sum to one, area dummies) solvable.

export interface RidgeModel {
  /** Column means and standard deviations used to standardise. */
  means: number[];
  sds: number[];
  /** Coefficients on the standardised columns. */
  beta: number[];
  /** Mean of y (the intercept on standardised columns). */
  intercept: number;
}

/** Solves A x = b for a symmetric positive definite A (row-major, n × n) by Cholesky decomposition. */
export function choleskySolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`matrix is not positive definite (pivot ${i}: ${s})`);
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * z[k]!;
    z[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/**
 * Fits y ≈ intercept + Σ β_j (x_j − mean_j) / sd_j with penalty λ on β (columns with no variance get β = 0).
 * @example fitRidge([[1], [2], [3]], [2, 4, 6], 0).beta[0] // ≈ 1.633 (= 2 × sd of x)
 */
export function fitRidge(rows: readonly number[][], y: readonly number[], lambda: number): RidgeModel {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const x = new Float64Array(n * p);
  rows.forEach((r, i) => x.set(r, i * p));
  return fitRidgeFlat(x, n, p, Float64Array.from(y), lambda);
}

/** fitRidge on a row-major n × p matrix (no per-row arrays: the national fit has 6,000 rows × 80 columns). */
export function fitRidgeFlat(
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  lambda: number,
): RidgeModel {
  if (n === 0) throw new RangeError("no rows to fit");
  const means = new Array<number>(p).fill(0);
  const sds = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) means[j]! += x[i * p + j]!;
  for (let j = 0; j < p; j++) means[j]! /= n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      const d = x[i * p + j]! - means[j]!;
      sds[j]! += d * d;
    }
  for (let j = 0; j < p; j++) sds[j] = Math.sqrt(sds[j]! / n) || 1;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i]!;
  yMean /= n;

  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const z = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const base = i * p;
    for (let j = 0; j < p; j++) z[j] = (x[base + j]! - means[j]!) / sds[j]!;
    const dy = y[i]! - yMean;
    for (let j = 0; j < p; j++) {
      const zj = z[j]!;
      if (zj === 0) continue;
      xty[j]! += zj * dy;
      const row = j * p;
      for (let k = 0; k <= j; k++) xtx[row + k]! += zj * z[k]!;
    }
  }
  const a: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) a[j]![k] = a[k]![j] = xtx[j * p + k]! / n;
    a[j]![j]! += lambda;
  }
  const beta =
    p === 0
      ? []
      : choleskySolve(
          a,
          Array.from(xty, (v) => v / n),
        );
  return { means, sds, beta, intercept: yMean };
}

export function predictRidge(model: RidgeModel, x: readonly number[]): number {
  let v = model.intercept;
  for (let j = 0; j < model.beta.length; j++)
    v += (model.beta[j]! * (x[j]! - model.means[j]!)) / model.sds[j]!;
  return v;
}
