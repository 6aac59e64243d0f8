// British National Grid (OSGB36, EPSG:27700) eastings/northings → WGS84 longitude/latitude. Inverse
// transverse Mercator on the Airy 1830 ellipsoid, then the published OSGB36 → WGS84 Helmert transform
// (EPSG:1314). Good to a few metres, far finer than a postcode centroid; OSTN15 is not needed here.

const AIRY = { a: 6377563.396, b: 6356256.909 };
const GRS80 = { a: 6378137, b: 6356752.314245 };
const F0 = 0.9996012717;
const LAT0 = (49 * Math.PI) / 180;
const LON0 = (-2 * Math.PI) / 180;
const E0 = 400000;
const N0 = -100000;

const SEC = Math.PI / (180 * 3600);
const HELMERT = {
  tx: 446.448,
  ty: -125.157,
  tz: 542.06,
  s: -20.4894e-6,
  rx: 0.1502 * SEC,
  ry: 0.247 * SEC,
  rz: 0.8421 * SEC,
};

/** Inverse transverse Mercator: grid metres → OSGB36 latitude/longitude in radians. */
function gridToOsgb36(easting: number, northing: number): { lat: number; lon: number } {
  const { a, b } = AIRY;
  const e2 = 1 - (b * b) / (a * a);
  const n = (a - b) / (a + b);
  const n2 = n * n;
  const n3 = n2 * n;
  const meridional = (lat: number) =>
    b *
    F0 *
    ((1 + n + (5 / 4) * n2 + (5 / 4) * n3) * (lat - LAT0) -
      (3 * n + 3 * n2 + (21 / 8) * n3) * Math.sin(lat - LAT0) * Math.cos(lat + LAT0) +
      ((15 / 8) * n2 + (15 / 8) * n3) * Math.sin(2 * (lat - LAT0)) * Math.cos(2 * (lat + LAT0)) -
      (35 / 24) * n3 * Math.sin(3 * (lat - LAT0)) * Math.cos(3 * (lat + LAT0)));
  let lat = LAT0;
  let m = 0;
  do {
    lat = (northing - N0 - m) / (a * F0) + lat;
    m = meridional(lat);
  } while (Math.abs(northing - N0 - m) >= 0.00001);
  const sin = Math.sin(lat);
  const cos = Math.cos(lat);
  const nu = (a * F0) / Math.sqrt(1 - e2 * sin * sin);
  const rho = (a * F0 * (1 - e2)) / Math.pow(1 - e2 * sin * sin, 1.5);
  const eta2 = nu / rho - 1;
  const tan = Math.tan(lat);
  const tan2 = tan * tan;
  const tan4 = tan2 * tan2;
  const tan6 = tan4 * tan2;
  const sec = 1 / cos;
  const VII = tan / (2 * rho * nu);
  const VIII = (tan / (24 * rho * nu ** 3)) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2);
  const IX = (tan / (720 * rho * nu ** 5)) * (61 + 90 * tan2 + 45 * tan4);
  const X = sec / nu;
  const XI = (sec / (6 * nu ** 3)) * (nu / rho + 2 * tan2);
  const XII = (sec / (120 * nu ** 5)) * (5 + 28 * tan2 + 24 * tan4);
  const XIIA = (sec / (5040 * nu ** 7)) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan6);
  const dE = easting - E0;
  return {
    lat: lat - VII * dE ** 2 + VIII * dE ** 4 - IX * dE ** 6,
    lon: LON0 + X * dE - XI * dE ** 3 + XII * dE ** 5 - XIIA * dE ** 7,
  };
}

/** Eastings/northings (metres) → WGS84 longitude/latitude in degrees. */
export function bngToWgs84(easting: number, northing: number): { lat: number; lon: number } {
  const osgb = gridToOsgb36(easting, northing);
  // Geodetic → cartesian on Airy 1830.
  const ea2 = 1 - (AIRY.b * AIRY.b) / (AIRY.a * AIRY.a);
  const sinLat = Math.sin(osgb.lat);
  const nu = AIRY.a / Math.sqrt(1 - ea2 * sinLat * sinLat);
  const x1 = nu * Math.cos(osgb.lat) * Math.cos(osgb.lon);
  const y1 = nu * Math.cos(osgb.lat) * Math.sin(osgb.lon);
  const z1 = nu * (1 - ea2) * sinLat;
  // Helmert transform.
  const { tx, ty, tz, s, rx, ry, rz } = HELMERT;
  const x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1;
  const y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1;
  const z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1;
  // Cartesian → geodetic on GRS80/WGS84.
  const eg2 = 1 - (GRS80.b * GRS80.b) / (GRS80.a * GRS80.a);
  const p = Math.sqrt(x2 * x2 + y2 * y2);
  let lat = Math.atan2(z2, p * (1 - eg2));
  for (let i = 0; i < 10; i++) {
    const sin = Math.sin(lat);
    const v = GRS80.a / Math.sqrt(1 - eg2 * sin * sin);
    const next = Math.atan2(z2 + eg2 * v * sin, p);
    if (Math.abs(next - lat) < 1e-12) {
      lat = next;
      break;
    }
    lat = next;
  }
  const lon = Math.atan2(y2, x2);
  return { lat: (lat * 180) / Math.PI, lon: (lon * 180) / Math.PI };
}

/** Whether a pair of numbers looks like British National Grid metres rather than degrees. */
export function looksLikeBng(x: number, y: number): boolean {
  return x >= 0 && x <= 700000 && y >= 0 && y <= 1300000 && (x > 180 || y > 90);
}
