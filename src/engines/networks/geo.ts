// Distances on the Earth for network metrics and the adjacency graph: great-circle (haversine) distance in
// km, and a local equirectangular projection to km for planar work (Delaunay triangulation, centroids). At
// the scale of an ICB (≤ 200 km) the projection's distortion is well under 1%.

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance between two points given in degrees, km. NaN when a coordinate is NaN. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Projects points to km on a plane tangent at their mean latitude (x east, y north). */
export function projectKm(
  lat: ArrayLike<number>,
  lon: ArrayLike<number>,
): { x: Float64Array; y: Float64Array; lat0: number } {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < lat.length; i++) {
    if (Number.isFinite(lat[i]!)) {
      sum += lat[i]!;
      n++;
    }
  }
  const lat0 = n > 0 ? sum / n : 0;
  const kx = EARTH_RADIUS_KM * RAD * Math.cos(lat0 * RAD);
  const ky = EARTH_RADIUS_KM * RAD;
  const x = new Float64Array(lat.length);
  const y = new Float64Array(lat.length);
  for (let i = 0; i < lat.length; i++) {
    x[i] = lon[i]! * kx;
    y[i] = lat[i]! * ky;
  }
  return { x, y, lat0 };
}

/** True when both coordinates are known. */
export const hasSite = (lat: number, lon: number): boolean => Number.isFinite(lat) && Number.isFinite(lon);

/** Points in radians with the cosine of their latitude, for many haversine distances. */
export interface RadianPoints {
  lat: Float64Array;
  lon: Float64Array;
  cosLat: Float64Array;
}

export function radianPoints(lat: ArrayLike<number>, lon: ArrayLike<number>): RadianPoints {
  const n = lat.length;
  const out = { lat: new Float64Array(n), lon: new Float64Array(n), cosLat: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    out.lat[i] = lat[i]! * RAD;
    out.lon[i] = lon[i]! * RAD;
    out.cosLat[i] = Math.cos(out.lat[i]!);
  }
  return out;
}

/** The haversine term between a[i] and b[j]: monotone in distance; kmFromHaversine turns it into km. */
export function haversineTerm(a: RadianPoints, i: number, b: RadianPoints, j: number): number {
  const sLat = Math.sin((b.lat[j]! - a.lat[i]!) / 2);
  const sLon = Math.sin((b.lon[j]! - a.lon[i]!) / 2);
  return sLat * sLat + a.cosLat[i]! * b.cosLat[j]! * sLon * sLon;
}

export const kmFromHaversine = (term: number): number =>
  2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(term)));
