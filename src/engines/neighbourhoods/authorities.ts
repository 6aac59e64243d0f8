// The local authority (district) of each practice, for the coterminosity term and its evaluation. Where LSOA
// registrations cover a practice, its authority is the one most of its registered patients live in (their
// LSOAs' districts); otherwise the district of the LSOA whose population-weighted centroid is nearest its
// site (a practice's site in its LSOA, approximated by the nearest centroid). Each practice names its basis.
import { haversineKm, hasSite } from "../networks/geo.ts";
import type { NetworkInstance } from "../networks/instance.ts";

export type AuthorityBasis = "registrations" | "site" | "none";

export interface LsoaAuthority {
  lsoaCode: string;
  ladCode: string;
  ladName: string | null;
  /** Population-weighted centroid, when known. */
  lat: number | null;
  lon: number | null;
}

export interface PracticeAuthorities {
  /** District codes and names, sorted by code. */
  codes: string[];
  names: string[];
  /** District index of each practice, −1 when unknown. */
  of: Int32Array;
  basis: AuthorityBasis[];
  /** District index of each catchment LSOA (instance.catchments.lsoaCodes), −1 unknown; null without catchments. */
  lsoa: Int32Array | null;
  counts: Record<AuthorityBasis, number>;
}

/** No district known for any practice (no LSOA → district lookup in the store). */
export function noAuthorities(instance: NetworkInstance): PracticeAuthorities {
  const n = instance.practiceCodes.length;
  return {
    codes: [],
    names: [],
    of: new Int32Array(n).fill(-1),
    basis: new Array<AuthorityBasis>(n).fill("none"),
    lsoa: null,
    counts: { registrations: 0, site: 0, none: n },
  };
}

/**
 * The district of every practice of the instance from LSOA → district rows (with centroids for the
 * site fallback). LSOAs without a district in `rows` count for no district.
 * @example practiceAuthorities(instance, [{ lsoaCode: "E01000001", ladCode: "E09000001", ladName: "City of London", lat: 51.5, lon: -0.09 }])
 */
export function practiceAuthorities(
  instance: NetworkInstance,
  rows: readonly LsoaAuthority[],
): PracticeAuthorities {
  const n = instance.practiceCodes.length;
  const names = new Map<string, string | null>();
  for (const r of rows)
    if (!names.has(r.ladCode) || names.get(r.ladCode) === null) names.set(r.ladCode, r.ladName);
  const codes = [...names.keys()].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  const byLsoa = new Map(rows.map((r) => [r.lsoaCode, index.get(r.ladCode)!]));
  const of = new Int32Array(n).fill(-1);
  const basis = new Array<AuthorityBasis>(n).fill("none");
  const c = instance.catchments;
  const lsoa = c ? Int32Array.from(c.lsoaCodes, (code) => byLsoa.get(code) ?? -1) : null;
  if (c && lsoa)
    for (let p = 0; p < n; p++) {
      const tally = new Map<number, number>();
      for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++) {
        const a = lsoa[c.lsoa[e]!]!;
        if (a >= 0) tally.set(a, (tally.get(a) ?? 0) + c.patients[e]!);
      }
      let best = -1;
      let most = 0;
      for (const [a, w] of tally)
        if (w > most || (w === most && a < best)) {
          best = a;
          most = w;
        }
      if (best >= 0) {
        of[p] = best;
        basis[p] = "registrations";
      }
    }
  const points = rows.filter((r) => r.lat !== null && r.lon !== null);
  for (let p = 0; p < n; p++) {
    if (of[p]! >= 0 || !hasSite(instance.lat[p]!, instance.lon[p]!)) continue;
    let best = -1;
    let near = Infinity;
    for (const r of points) {
      const d = haversineKm(instance.lat[p]!, instance.lon[p]!, r.lat!, r.lon!);
      if (d < near) {
        near = d;
        best = index.get(r.ladCode)!;
      }
    }
    if (best >= 0) {
      of[p] = best;
      basis[p] = "site";
    }
  }
  const counts = { registrations: 0, site: 0, none: 0 };
  for (const b of basis) counts[b]++;
  return { codes, names: codes.map((code) => names.get(code) ?? code), of, basis, lsoa, counts };
}
