// The local authorities of an area, from its LSOAs: each local authority district with the number of the
// area's LSOAs in it, the share of the area's LSOAs that is, whether the area holds all of the district's
// LSOAs (coterminous) or only part, and the share of its LSOAs in the most deprived IMD quintile.

export interface AreaLsoa {
  lsoaCode: string;
  ladCode: string | null;
  ladName: string | null;
  imdDecile: number | null;
}

export interface LocalAuthoritySummary {
  ladCode: string;
  ladName: string;
  /** The area's LSOAs in the district. */
  lsoas: number;
  /** Of the area's LSOAs. */
  shareOfArea: number;
  /** The district's LSOAs in England, when known: lsoas < districtLsoas means the area holds part of it. */
  districtLsoas: number | null;
  /** Share of the area's LSOAs in the district that are in IMD deciles 1–2 (null with no IMD). */
  mostDeprivedShare: number | null;
}

/**
 * Summarises an area's LSOAs by local authority district, largest first.
 * @param districtSizes LSOAs per district in the whole lookup, to tell whole districts from parts.
 * @example summariseLocalAuthorities([{ lsoaCode: "E01", ladCode: "E06000021", ladName: "Stoke-on-Trent",
 *   imdDecile: 1 }]) // → [{ ladCode: "E06000021", lsoas: 1, shareOfArea: 1, mostDeprivedShare: 1, … }]
 */
export function summariseLocalAuthorities(
  lsoas: readonly AreaLsoa[],
  districtSizes: ReadonlyMap<string, number> = new Map(),
): LocalAuthoritySummary[] {
  const by = new Map<string, { name: string; n: number; withImd: number; deprived: number }>();
  for (const l of lsoas) {
    if (!l.ladCode) continue;
    const a = by.get(l.ladCode) ?? { name: l.ladName ?? l.ladCode, n: 0, withImd: 0, deprived: 0 };
    a.n++;
    if (l.imdDecile !== null) {
      a.withImd++;
      if (l.imdDecile <= 2) a.deprived++;
    }
    by.set(l.ladCode, a);
  }
  const total = [...by.values()].reduce((s, a) => s + a.n, 0);
  return [...by]
    .map(([ladCode, a]) => ({
      ladCode,
      ladName: a.name,
      lsoas: a.n,
      shareOfArea: total > 0 ? a.n / total : 0,
      districtLsoas: districtSizes.get(ladCode) ?? null,
      mostDeprivedShare: a.withImd > 0 ? a.deprived / a.withImd : null,
    }))
    .sort((x, y) => y.lsoas - x.lsoas || x.ladName.localeCompare(y.ladName));
}
