// Synthetic LSOAs (2021 vintage) for the demo ICS: population-weighted centroids placed in each settlement
// and its villages, a registered population per LSOA drawn from the measured distribution, and IMD 2025
// ranks and deciles from a spatially clustered deprivation field (deprived city core and ex-industrial
// towns, affluent villages), mapped onto a real ICS's decile mix.
import {
  ENGLAND_LSOAS_2021,
  LSOA_DECILE_SHARES,
  LSOA_PATIENTS_QUANTILES,
  LSOA_SCORE_BY_RANK_PERCENTILE,
} from "./calibration.ts";
import { fromQuantiles, round } from "./distributions.ts";
import { LOCAL_AUTHORITIES, offsetKm, SETTLEMENTS, SYNTHETIC, type PlaceKind } from "./geography.ts";
import type { Rng } from "./rng.ts";

export interface DemoLsoa {
  index: number;
  code: string;
  name: string;
  lat: number;
  lon: number;
  /** Registered patients living here (the catchment model shares them among practices). */
  patients: number;
  settlement: number;
  place: PlaceKind;
  laCode: string;
  laName: string;
  /** True for the built-up area of a settlement, false for its villages. */
  town: boolean;
  /** The town, or the village, the LSOA lies in. */
  locality: string;
  /** Latent deprivation (higher = more deprived), before ranking. */
  deprivation: number;
  imdRank: number;
  imdDecile: number;
  /** Approximate IMD score (calibration.ts LSOA_SCORE_BY_RANK_PERCENTILE); not written as an LSOA score. */
  imdScore: number;
}

const meanOf = (points: typeof LSOA_PATIENTS_QUANTILES) => {
  let sum = 0;
  const steps = 1000;
  for (let i = 0; i < steps; i++) sum += fromQuantiles(points, (i + 0.5) / steps);
  return sum / steps;
};

const VILLAGE_START = [
  "ASH",
  "BRAD",
  "CHURCH",
  "COLD",
  "FERN",
  "GREAT",
  "HOLM",
  "KINGS",
  "LITTLE",
  "LONG",
  "MARSH",
  "NETHER",
  "OAK",
  "RED",
  "STAN",
  "UPPER",
  "WHIT",
  "WOOL",
  "BARROW",
  "HOLLY",
];
const VILLAGE_END = [
  "BY",
  "COTE",
  "FIELD",
  "FORD",
  "HAM",
  "HURST",
  "LEY",
  "STOKE",
  "THORPE",
  "TON",
  "WELL",
  "WICK",
  "WORTH",
  "STONE",
];

interface Bump {
  lat: number;
  lon: number;
  sigmaKm: number;
  height: number;
}

function bumpField(bumps: readonly Bump[], lat: number, lon: number): number {
  let z = 0;
  for (const b of bumps) {
    const dy = (lat - b.lat) * 111.2;
    const dx = (lon - b.lon) * 67.9;
    z += b.height * Math.exp(-(dx * dx + dy * dy) / (2 * b.sigmaKm * b.sigmaKm));
  }
  return z;
}

/** National rank for the LSOA at within-ICS percentile p (0 = most deprived), following the decile mix. */
function nationalRank(p: number): { rank: number; decile: number } {
  let cum = 0;
  const total = LSOA_DECILE_SHARES.reduce((a, b) => a + b, 0);
  for (let d = 0; d < 10; d++) {
    const share = LSOA_DECILE_SHARES[d]! / total;
    if (p < cum + share || d === 9) {
      const within = Math.min(0.999999, Math.max(0, (p - cum) / share));
      const lo = Math.floor((d * ENGLAND_LSOAS_2021) / 10) + 1;
      const hi = Math.floor(((d + 1) * ENGLAND_LSOAS_2021) / 10);
      return { rank: lo + Math.floor(within * (hi - lo + 1)), decile: d + 1 };
    }
    cum += share;
  }
  throw new Error("unreachable");
}

export function generateLsoas(rng: Rng): DemoLsoa[] {
  const mean = meanOf(LSOA_PATIENTS_QUANTILES);
  const drafts: Omit<DemoLsoa, "index" | "code" | "name" | "imdRank" | "imdDecile" | "imdScore">[] = [];

  // Local pockets of deprivation and affluence across the whole box, so neighbours resemble each other.
  const bumps: Bump[] = [];
  for (let i = 0; i < 45; i++) {
    bumps.push({
      lat: rng.uniform(51.98, 52.85),
      lon: rng.uniform(-2.65, -1.55),
      sigmaKm: rng.uniform(1.5, 5),
      height: rng.normal() * 0.55,
    });
  }
  const city = SETTLEMENTS[0]!;
  // Two deprived outer estates and a leafy south-western quarter in the city.
  for (let i = 0; i < 2; i++) {
    const angle = rng.uniform(0, 2 * Math.PI);
    const r = city.townRadiusKm * rng.uniform(0.6, 0.85);
    const at = offsetKm(city.lat, city.lon, r * Math.cos(angle), r * Math.sin(angle));
    bumps.push({ ...at, sigmaKm: 1.1, height: 1.8 });
  }
  const leafy = offsetKm(city.lat, city.lon, -0.55 * city.townRadiusKm, -0.55 * city.townRadiusKm);
  bumps.push({ ...leafy, sigmaKm: 2.8, height: -1.4 });

  const villageNames = new Set<string>();
  const villageName = () => {
    for (;;) {
      const name = `${rng.pick(VILLAGE_START)}${rng.pick(VILLAGE_END)}`;
      const shown = name.charAt(0) + name.slice(1).toLowerCase();
      if (!villageNames.has(shown)) {
        villageNames.add(shown);
        return shown;
      }
    }
  };
  SETTLEMENTS.forEach((s, settlement) => {
    const la = LOCAL_AUTHORITIES[s.la]!;
    const base = {
      settlement,
      place: s.place,
      laCode: la.code,
      laName: la.name,
    };
    const townCount = Math.max(1, Math.round(s.townPatients / mean));
    for (let i = 0; i < townCount; i++) {
      const r = s.townRadiusKm * Math.pow(rng.next(), 0.62);
      const angle = rng.uniform(0, 2 * Math.PI);
      const at = offsetKm(s.lat, s.lon, r * Math.cos(angle), r * Math.sin(angle));
      const level = s.deprivation.centre + (s.deprivation.edge - s.deprivation.centre) * (r / s.townRadiusKm);
      drafts.push({
        ...base,
        ...at,
        patients: Math.round(fromQuantiles(LSOA_PATIENTS_QUANTILES, rng.next())),
        town: true,
        locality: s.name,
        deprivation: level + bumpField(bumps, at.lat, at.lon) + 0.45 * rng.normal(),
      });
    }
    // Villages of one to three LSOAs scattered between the town edge and the hinterland radius.
    let villageLsoas = Math.round(s.hinterlandPatients / mean);
    while (villageLsoas > 0) {
      const size = Math.min(villageLsoas, rng.pick([1, 1, 1, 2, 2, 3]));
      villageLsoas -= size;
      const r0 = s.townRadiusKm * 1.15;
      const r = Math.sqrt(rng.uniform(r0 * r0, s.hinterlandRadiusKm * s.hinterlandRadiusKm));
      const angle = rng.uniform(0, 2 * Math.PI);
      const centre = offsetKm(s.lat, s.lon, r * Math.cos(angle), r * Math.sin(angle));
      const villageLevel = s.deprivation.hinterland + 0.3 * rng.normal();
      const locality = villageName();
      for (let k = 0; k < size; k++) {
        const at = offsetKm(centre.lat, centre.lon, rng.normal() * 0.5, rng.normal() * 0.5);
        drafts.push({
          ...base,
          ...at,
          patients: Math.round(fromQuantiles(LSOA_PATIENTS_QUANTILES, rng.next())),
          town: false,
          locality,
          deprivation: villageLevel + bumpField(bumps, at.lat, at.lon) + 0.3 * rng.normal(),
        });
      }
    }
  });

  // Rank within the ICS (most deprived first), then map onto national ranks with the measured decile mix.
  const order = drafts.map((d, i) => [d.deprivation, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const ranks = new Array<{ rank: number; decile: number }>(drafts.length);
  const used = new Set<number>();
  order.forEach(([, i], k) => {
    const r = nationalRank((k + 0.5) / drafts.length);
    // Ranks are unique: on a clash try rank + 1, rank − 1, rank + 2, …
    let rank = r.rank;
    for (let k = 1; used.has(rank) || rank < 1 || rank > ENGLAND_LSOAS_2021; k++) {
      rank = r.rank + (k % 2 === 1 ? (k + 1) / 2 : -k / 2);
    }
    used.add(rank);
    ranks[i] = { rank, decile: Math.min(10, Math.ceil((rank * 10) / ENGLAND_LSOAS_2021)) };
  });

  const perLa = new Map<string, number>();
  return drafts.map((d, index) => {
    const n = perLa.get(d.laCode) ?? 0;
    perLa.set(d.laCode, n + 1);
    const laShort = d.laName.replace(` ${SYNTHETIC}`, "");
    const { rank, decile } = ranks[index]!;
    return {
      ...d,
      index,
      lat: round(d.lat, 6),
      lon: round(d.lon, 6),
      deprivation: round(d.deprivation, 4),
      code: `X01${String(index + 1).padStart(6, "0")}`,
      name: `${laShort} ${String(Math.floor(n / 5) + 1).padStart(3, "0")}${"ABCDE"[n % 5]}`,
      imdRank: rank,
      imdDecile: decile,
      imdScore: round(fromQuantiles(LSOA_SCORE_BY_RANK_PERCENTILE, (rank - 0.5) / ENGLAND_LSOAS_2021), 2),
    };
  });
}
