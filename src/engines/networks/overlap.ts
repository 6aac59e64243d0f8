// Catchment overlap between practices: how much two practices draw their patients from the same LSOAs.
//
//   share_p(l)  = patients of practice p living in LSOA l ÷ p's patients in all (English) LSOAs
//   overlap(p,q) = Σ_l min(share_p(l), share_q(l))            (0 = disjoint catchments, 1 = identical)
//
// It is symmetric and does not depend on list sizes: a small practice inside a big one's catchment overlaps
// it as much as the big one overlaps it. Computed per practice with a sparse accumulator, in
// O(Σ_l k_l²) for k_l practices drawing from LSOA l.
import type { Catchments } from "./instance.ts";

export interface OverlapPair {
  p: number;
  q: number;
  overlap: number;
}

/** Each practice's patients in the catchments (the denominator of its shares). */
export function catchmentTotals(catchments: Catchments, n: number): Float64Array {
  const totals = new Float64Array(n);
  for (let p = 0; p < n; p++)
    for (let e = catchments.offsets[p]!; e < catchments.offsets[p + 1]!; e++)
      totals[p]! += catchments.patients[e]!;
  return totals;
}

/** Every pair p < q with a positive overlap, by p then q. */
export function catchmentOverlaps(catchments: Catchments, n: number): OverlapPair[] {
  const { offsets, lsoa, patients } = catchments;
  const m = catchments.lsoaCodes.length;
  const totals = catchmentTotals(catchments, n);
  // LSOA → (practice, share), in compressed rows.
  const lsoaOffsets = new Int32Array(m + 1);
  for (let e = 0; e < offsets[n]!; e++) lsoaOffsets[lsoa[e]! + 1]!++;
  for (let l = 0; l < m; l++) lsoaOffsets[l + 1]! += lsoaOffsets[l]!;
  const fill = lsoaOffsets.slice(0, m);
  const byLsoaPractice = new Int32Array(offsets[n]!);
  const byLsoaShare = new Float64Array(offsets[n]!);
  for (let p = 0; p < n; p++) {
    for (let e = offsets[p]!; e < offsets[p + 1]!; e++) {
      const at = fill[lsoa[e]!]!++;
      byLsoaPractice[at] = p;
      byLsoaShare[at] = totals[p]! > 0 ? patients[e]! / totals[p]! : 0;
    }
  }
  const acc = new Float64Array(n);
  const seen = new Uint8Array(n);
  const touched: number[] = [];
  const pairs: OverlapPair[] = [];
  for (let p = 0; p < n; p++) {
    for (let e = offsets[p]!; e < offsets[p + 1]!; e++) {
      const l = lsoa[e]!;
      const sp = totals[p]! > 0 ? patients[e]! / totals[p]! : 0;
      for (let f = lsoaOffsets[l]!; f < lsoaOffsets[l + 1]!; f++) {
        const q = byLsoaPractice[f]!;
        if (q <= p) continue;
        if (seen[q] === 0) {
          seen[q] = 1;
          touched.push(q);
        }
        acc[q]! += Math.min(sp, byLsoaShare[f]!);
      }
    }
    touched.sort((a, b) => a - b);
    for (const q of touched) {
      if (acc[q]! > 0) pairs.push({ p, q, overlap: acc[q]! });
      acc[q] = 0;
      seen[q] = 0;
    }
    touched.length = 0;
  }
  return pairs;
}
