// The demo ICS's fixed geography: one region, one ICB, four places (sub-ICB locations) and the settlements
// in them, placed on a plausible box of the English Midlands (about 52.0–52.8 N, 2.6–1.6 W). Codes are chosen
// so they cannot collide with real ones: the 3-character sub-ICB codes Z9A…Z9D (real ones are digits +
// letter, such as 05D; 99A and 99C are real), ICB Q99, region Y99, ONS codes E38999991…, E54999999,
// E40999999, LSOAs X01…, local authorities X06…/X07…/X08…, postcodes in the non-existent area ZZ (never
// ZZ99, which the NHS uses for pseudo-postcodes).

export const SYNTHETIC = "(synthetic)";

export const REGION = { code: "Y99", onsCode: "E40999999", name: "Demo region (synthetic)" } as const;
export const ICB = {
  code: "Q99",
  onsCode: "E54999999",
  name: "Demo ICB (synthetic)",
  /** As HEEC writes ICB names in the workforce file (no "NHS … ICB"). */
  shortName: "Demo (synthetic)",
} as const;

export type PlaceKind = "city" | "industrial" | "towns" | "rural";

export interface Place {
  index: number;
  key: PlaceKind;
  code: string;
  onsCode: string;
  /** As the sub-ICB location is named in the registration map. */
  name: string;
  label: string;
  /** Age tilt of the registered population: < 0 younger than England, > 0 older. */
  ageTilt: number;
  /** Partner FTE change FY2023 → FY2025 in this place (calibration.ts PARTNER_CHANGE_FY23_FY25 spread). */
  partnerChange: number;
}

export const PLACES: readonly Place[] = [
  {
    index: 0,
    key: "city",
    code: "Z9A",
    onsCode: "E38999991",
    label: "Demo City",
    ageTilt: -0.22,
    partnerChange: -0.06,
  },
  {
    index: 1,
    key: "industrial",
    code: "Z9B",
    onsCode: "E38999992",
    label: "Forge Valley",
    ageTilt: -0.05,
    partnerChange: -0.05,
  },
  {
    index: 2,
    key: "towns",
    code: "Z9C",
    onsCode: "E38999993",
    label: "Market Vale",
    ageTilt: 0.08,
    partnerChange: -0.02,
  },
  {
    index: 3,
    key: "rural",
    code: "Z9D",
    onsCode: "E38999994",
    label: "High Moor",
    ageTilt: 0.26,
    partnerChange: 0,
  },
].map((p) => ({ ...p, key: p.key as PlaceKind, name: `${p.label} ${SYNTHETIC} - ${p.code}` }));

export interface LocalAuthority {
  code: string;
  name: string;
}

export const LOCAL_AUTHORITIES: Readonly<Record<string, LocalAuthority>> = {
  city: { code: "X08000001", name: "Demo City (synthetic)" },
  forge: { code: "X06000001", name: "Forge Valley (synthetic)" },
  eastbridge: { code: "X07000001", name: "Eastbridge (synthetic)" },
  mercester: { code: "X07000002", name: "Mercester (synthetic)" },
  moor: { code: "X07000003", name: "High Moor (synthetic)" },
  ludworth: { code: "X07000004", name: "Ludworth Vale (synthetic)" },
};

/** How deprived a settlement tends to be, in standard units (> 0 more deprived than the ICS average). */
export interface DeprivationProfile {
  /** Level at the centre and at the edge of the built-up area, interpolated by distance. */
  centre: number;
  edge: number;
  /** Level of the surrounding villages. */
  hinterland: number;
}

export interface Settlement {
  name: string;
  place: PlaceKind;
  la: keyof typeof LOCAL_AUTHORITIES;
  lat: number;
  lon: number;
  /** Registered patients living in the built-up area and its radius. */
  townPatients: number;
  townRadiusKm: number;
  /** Registered patients in the villages around it, spread out to this radius. */
  hinterlandPatients: number;
  hinterlandRadiusKm: number;
  deprivation: DeprivationProfile;
  /** Cannot join a neighbour's PCN (a remote rural community: the DES size waiver applies). */
  remote?: boolean;
}

export const SETTLEMENTS: readonly Settlement[] = [
  {
    name: "Demo City",
    place: "city",
    la: "city",
    lat: 52.42,
    lon: -2.02,
    townPatients: 600000,
    townRadiusKm: 7.5,
    hinterlandPatients: 0,
    hinterlandRadiusKm: 7.5,
    deprivation: { centre: 2.0, edge: -0.2, hinterland: -0.5 },
  },
  {
    name: "Forgeton",
    place: "industrial",
    la: "forge",
    lat: 52.64,
    lon: -2.22,
    townPatients: 178000,
    townRadiusKm: 4.5,
    hinterlandPatients: 10000,
    hinterlandRadiusKm: 9,
    deprivation: { centre: 1.5, edge: 0.6, hinterland: 0 },
  },
  {
    name: "Kilnbury",
    place: "industrial",
    la: "forge",
    lat: 52.72,
    lon: -2.02,
    townPatients: 80000,
    townRadiusKm: 3,
    hinterlandPatients: 8000,
    hinterlandRadiusKm: 7,
    deprivation: { centre: 1.2, edge: 0.4, hinterland: -0.2 },
  },
  {
    name: "Pitsworth",
    place: "industrial",
    la: "forge",
    lat: 52.57,
    lon: -2.45,
    townPatients: 48000,
    townRadiusKm: 2.3,
    hinterlandPatients: 8000,
    hinterlandRadiusKm: 6,
    deprivation: { centre: 1.1, edge: 0.5, hinterland: 0 },
  },
  {
    name: "Eastbridge",
    place: "towns",
    la: "eastbridge",
    lat: 52.62,
    lon: -1.78,
    townPatients: 95000,
    townRadiusKm: 3.5,
    hinterlandPatients: 35000,
    hinterlandRadiusKm: 11,
    deprivation: { centre: 0.6, edge: -0.4, hinterland: -0.9 },
  },
  {
    name: "Mercester",
    place: "towns",
    la: "mercester",
    lat: 52.31,
    lon: -1.71,
    townPatients: 72000,
    townRadiusKm: 3,
    hinterlandPatients: 26000,
    hinterlandRadiusKm: 9,
    deprivation: { centre: 0.4, edge: -0.6, hinterland: -1 },
  },
  {
    name: "Thornley Green",
    place: "towns",
    la: "eastbridge",
    lat: 52.76,
    lon: -1.7,
    townPatients: 28000,
    townRadiusKm: 2,
    hinterlandPatients: 20000,
    hinterlandRadiusKm: 7,
    deprivation: { centre: -0.2, edge: -0.7, hinterland: -1 },
  },
  {
    name: "Moorhampton",
    place: "rural",
    la: "moor",
    lat: 52.18,
    lon: -2.3,
    townPatients: 32000,
    townRadiusKm: 2.6,
    hinterlandPatients: 44000,
    hinterlandRadiusKm: 13,
    deprivation: { centre: 0.3, edge: -0.5, hinterland: -0.8 },
  },
  {
    name: "Wethersby",
    place: "rural",
    la: "moor",
    lat: 52.31,
    lon: -2.5,
    townPatients: 18000,
    townRadiusKm: 2,
    hinterlandPatients: 36000,
    hinterlandRadiusKm: 10,
    deprivation: { centre: 0, edge: -0.6, hinterland: -0.7 },
  },
  {
    name: "Calderford",
    place: "rural",
    la: "moor",
    lat: 52.05,
    lon: -2.53,
    townPatients: 10000,
    townRadiusKm: 1.5,
    hinterlandPatients: 14000,
    hinterlandRadiusKm: 9,
    deprivation: { centre: 0.6, edge: 0.2, hinterland: -0.1 },
    remote: true,
  },
  {
    name: "Ludworth",
    place: "rural",
    la: "ludworth",
    lat: 52.12,
    lon: -1.93,
    townPatients: 25000,
    townRadiusKm: 2.4,
    hinterlandPatients: 30000,
    hinterlandRadiusKm: 11,
    deprivation: { centre: 0.1, edge: -0.6, hinterland: -0.9 },
  },
];

export const placeOf = (key: PlaceKind): Place => PLACES.find((p) => p.key === key)!;

// --- Coordinates -------------------------------------------------------------------------------------

const KM_PER_DEG_LAT = 111.2;
const kmPerDegLon = (lat: number) => KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);

/** A point `dx` km east and `dy` km north of (lat, lon). */
export function offsetKm(lat: number, lon: number, dx: number, dy: number): { lat: number; lon: number } {
  return { lat: lat + dy / KM_PER_DEG_LAT, lon: lon + dx / kmPerDegLon(lat) };
}

/** Equirectangular distance in km (ample for a 100 km box). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dy = (b.lat - a.lat) * KM_PER_DEG_LAT;
  const dx = (b.lon - a.lon) * kmPerDegLon((a.lat + b.lat) / 2);
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * WGS84 latitude/longitude → British National Grid easting/northing by the transverse Mercator projection on
 * the Airy 1830 ellipsoid, without the OSGB36 datum shift: within about 120 m of the true grid reference,
 * which is enough for synthetic sites (the OS Code-Point file gives whole metres).
 */
export function toBng(lat: number, lon: number): { easting: number; northing: number } {
  const a = 6377563.396;
  const b = 6356256.909;
  const f0 = 0.9996012717;
  const lat0 = (49 * Math.PI) / 180;
  const lon0 = (-2 * Math.PI) / 180;
  const n0 = -100000;
  const e0 = 400000;
  const e2 = 1 - (b * b) / (a * a);
  const n = (a - b) / (a + b);
  const phi = (lat * Math.PI) / 180;
  const lam = (lon * Math.PI) / 180;
  const sin = Math.sin(phi);
  const cos = Math.cos(phi);
  const tan = Math.tan(phi);
  const nu = (a * f0) / Math.sqrt(1 - e2 * sin * sin);
  const rho = (a * f0 * (1 - e2)) / Math.pow(1 - e2 * sin * sin, 1.5);
  const eta2 = nu / rho - 1;
  const dPhi = phi - lat0;
  const sPhi = phi + lat0;
  const m =
    b *
    f0 *
    ((1 + n + (5 / 4) * n * n + (5 / 4) * n ** 3) * dPhi -
      (3 * n + 3 * n * n + (21 / 8) * n ** 3) * Math.sin(dPhi) * Math.cos(sPhi) +
      ((15 / 8) * n * n + (15 / 8) * n ** 3) * Math.sin(2 * dPhi) * Math.cos(2 * sPhi) -
      (35 / 24) * n ** 3 * Math.sin(3 * dPhi) * Math.cos(3 * sPhi));
  const i = m + n0;
  const ii = (nu / 2) * sin * cos;
  const iii = (nu / 24) * sin * cos ** 3 * (5 - tan * tan + 9 * eta2);
  const iiia = (nu / 720) * sin * cos ** 5 * (61 - 58 * tan * tan + tan ** 4);
  const iv = nu * cos;
  const v = (nu / 6) * cos ** 3 * (nu / rho - tan * tan);
  const vi = (nu / 120) * cos ** 5 * (5 - 18 * tan * tan + tan ** 4 + 14 * eta2 - 58 * tan * tan * eta2);
  const dl = lam - lon0;
  return {
    easting: Math.round(e0 + iv * dl + v * dl ** 3 + vi * dl ** 5),
    northing: Math.round(i + ii * dl * dl + iii * dl ** 4 + iiia * dl ** 6),
  };
}

// --- Postcodes -----------------------------------------------------------------------------------------

const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

/**
 * The n-th synthetic postcode of a settlement: outward `ZZ<k>` (k = settlement number + 1, so never ZZ99),
 * inward digit + two letters, e.g. `ZZ3 4HT`. Distinct for distinct (settlement, n).
 */
export function syntheticPostcode(settlementIndex: number, n: number): string {
  const letters = INWARD_LETTERS.length;
  const k = (n * 37 + 11) % (10 * letters * letters);
  const digit = Math.floor(k / (letters * letters));
  const rest = k % (letters * letters);
  return `ZZ${settlementIndex + 1} ${digit}${INWARD_LETTERS[Math.floor(rest / letters)]}${INWARD_LETTERS[rest % letters]}`;
}
