// Approximate sites for postcodes missing from the coordinates file (terminated or new postcodes, e.g.
// J82114's PO6 3AW): the mean position of the known postcodes of the same postcode sector ("PO6 3"), else of
// the same district ("PO6"). Pure: the caller passes the known postcodes (normally every practice postcode
// of the coordinates file) and says which postcodes it needs. Every approximate site is flagged with its basis
// and how many known postcodes it averages, so outputs can say the site is a centroid, not the practice's own.

export interface PostcodePoint {
  lat: number;
  lon: number;
}

export interface ApproximateSite extends PostcodePoint {
  basis: "sector" | "district";
  /** The sector ("PO6 3") or district ("PO6") whose known postcodes were averaged. */
  area: string;
  /** How many known postcodes the centroid averages. */
  from: number;
}

/** Upper case, no spaces: `po6 3aw` → `PO63AW`. */
export const normalisePostcode = (postcode: string): string => postcode.toUpperCase().replace(/\s+/g, "");

/**
 * The district (outward code) and sector of a UK postcode, or null when it is not shaped like one (the
 * inward code is always a digit and two letters).
 * @example postcodeParts("PO6 3AW") // → { district: "PO6", sector: "PO6 3" }
 */
export function postcodeParts(postcode: string): { district: string; sector: string } | null {
  const p = normalisePostcode(postcode);
  if (!/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(p)) return null;
  const district = p.slice(0, -3);
  return { district, sector: `${district} ${p[p.length - 3]}` };
}

/**
 * Sector (else district) centroids for the `wanted` postcodes that are not among the `known` ones, from the
 * known postcodes' positions. Wanted postcodes that are known, or whose sector and district have no known
 * postcode, or that are not postcodes, are left out of the result.
 * @example approximateSites(["PO6 3AW"], knownPractices) // → Map { "PO63AW" → { basis: "sector", area: "PO6 3", from: 6, lat, lon } }
 */
export function approximateSites(
  wanted: Iterable<string>,
  known: Iterable<readonly [string, PostcodePoint]>,
): Map<string, ApproximateSite> {
  const knownSet = new Set<string>();
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  const add = (key: string, p: PostcodePoint) => {
    const s = sums.get(key);
    if (s) {
      s.lat += p.lat;
      s.lon += p.lon;
      s.n++;
    } else sums.set(key, { lat: p.lat, lon: p.lon, n: 1 });
  };
  for (const [postcode, point] of known) {
    const p = normalisePostcode(postcode);
    if (knownSet.has(p) || !Number.isFinite(point.lat) || !Number.isFinite(point.lon)) continue;
    knownSet.add(p);
    const parts = postcodeParts(p);
    if (!parts) continue;
    add(`s|${parts.sector}`, point);
    add(`d|${parts.district}`, point);
  }
  const out = new Map<string, ApproximateSite>();
  for (const postcode of wanted) {
    const p = normalisePostcode(postcode);
    if (knownSet.has(p) || out.has(p)) continue;
    const parts = postcodeParts(p);
    if (!parts) continue;
    const sector = sums.get(`s|${parts.sector}`);
    const district = sums.get(`d|${parts.district}`);
    const [basis, area, s] = sector
      ? (["sector", parts.sector, sector] as const)
      : district
        ? (["district", parts.district, district] as const)
        : ([null, null, null] as const);
    if (!basis) continue;
    out.set(p, { lat: s.lat / s.n, lon: s.lon / s.n, basis, area, from: s.n });
  }
  return out;
}
