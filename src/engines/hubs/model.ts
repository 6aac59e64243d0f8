// The hub-location MIPs as column-major (CSC) arrays for HiGHS. Variables 0…m−1 are the sites (binary y_j,
// open or not); the rest are continuous.
//
// p-median is solved by Benders decomposition (benders.ts), whose master is built there.
//
// Maximal covering (Church and ReVelle 1974; maximise the weight within R km of an open site):
//   max Σ_i w_i z_i  s.t. z_i ≤ Σ_{j: d_ij ≤ R} y_j;  0 ≤ z_i ≤ 1;  Σ_j y_j = k.
import type { HubProblem } from "./problem.ts";

/** A MIP in HiGHS's structured form (typed arrays, CSC matrix); `maximize` picks the sense. */
export interface MipData {
  numCols: number;
  numRows: number;
  maximize: boolean;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** 1 for the site binaries, 0 for the rest. */
  integrality: Int32Array;
}

/** For each demand point, its sites by increasing distance (ties by site index). */
export function siteOrder(problem: HubProblem): Int32Array[] {
  const m = problem.candidates.length;
  const out: Int32Array[] = [];
  for (let i = 0; i < problem.demand.codes.length; i++) {
    const row = problem.distance.subarray(i * m, (i + 1) * m);
    out.push(Int32Array.from({ length: m }, (_, j) => j).sort((a, b) => row[a]! - row[b]! || a - b));
  }
  return out;
}

interface Builder {
  cost: number[];
  lower: number[];
  upper: number[];
  integer: number[];
  starts: number[];
  indices: number[];
  values: number[];
}

const newBuilder = (): Builder => ({
  cost: [],
  lower: [],
  upper: [],
  integer: [],
  starts: [0],
  indices: [],
  values: [],
});

function addColumn(
  b: Builder,
  cost: number,
  upper: number,
  integer: boolean,
  rows: number[],
  vals: number[],
) {
  b.cost.push(cost);
  b.lower.push(0);
  b.upper.push(upper);
  b.integer.push(integer ? 1 : 0);
  for (let r = 0; r < rows.length; r++) {
    b.indices.push(rows[r]!);
    b.values.push(vals[r]!);
  }
  b.starts.push(b.indices.length);
}

function finish(b: Builder, rowLower: number[], rowUpper: number[], maximize: boolean): MipData {
  return {
    numCols: b.cost.length,
    numRows: rowLower.length,
    maximize,
    colCost: Float64Array.from(b.cost),
    colLower: Float64Array.from(b.lower),
    colUpper: Float64Array.from(b.upper),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    starts: Int32Array.from(b.starts),
    indices: Int32Array.from(b.indices),
    values: Float64Array.from(b.values),
    integrality: Int32Array.from(b.integer),
  };
}

/** The maximal covering model: k sites maximising the weight within `withinKm` of an open site. */
export function coveringModel(problem: HubProblem, k: number, withinKm: number): MipData {
  const m = problem.candidates.length;
  const n = problem.demand.codes.length;
  const w = problem.demand.weight;
  const rowLower: number[] = [k];
  const rowUpper: number[] = [k];
  const siteRows: number[][] = Array.from({ length: m }, () => [0]);
  const pointRow: number[] = [];
  for (let i = 0; i < n; i++) {
    pointRow.push(-1);
    if (!(w[i]! > 0)) continue;
    let any = false;
    for (let j = 0; j < m; j++) if (problem.distance[i * m + j]! <= withinKm) any = true;
    if (!any) continue;
    pointRow[i] = rowLower.length;
    rowLower.push(-Infinity);
    rowUpper.push(0);
    for (let j = 0; j < m; j++) if (problem.distance[i * m + j]! <= withinKm) siteRows[j]!.push(pointRow[i]!);
  }
  const b = newBuilder();
  for (let j = 0; j < m; j++) {
    const rows = siteRows[j]!;
    addColumn(
      b,
      0,
      1,
      true,
      rows,
      rows.map((r) => (r === 0 ? 1 : -1)),
    );
  }
  for (let i = 0; i < n; i++) if (pointRow[i]! >= 0) addColumn(b, w[i]!, 1, false, [pointRow[i]!], [1]);
  return finish(b, rowLower, rowUpper, true);
}
