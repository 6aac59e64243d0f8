// Synthetic practices: how many each settlement has, where they are, their list sizes (drawn from the
// measured national distribution, smaller in villages, with a few single-handed practices and a few
// super-practices), open dates, contract types, dispensing status and age tilt. List sizes sum to the
// registered population of the LSOAs, so the catchment model can share every patient out exactly.
import { CONTRACT_SHARES, LIST_GROWTH_PER_YEAR, PRACTICE_LIST_QUANTILES } from "./calibration.ts";
import { allocate, fromQuantiles, round } from "./distributions.ts";
import {
  distanceKm,
  offsetKm,
  placeOf,
  SETTLEMENTS,
  syntheticPostcode,
  type PlaceKind,
} from "./geography.ts";
import type { DemoLsoa } from "./lsoas.ts";
import { NameBank } from "./names.ts";
import type { Rng } from "./rng.ts";
import { kernelWeight } from "./catchments.ts";

export type ContractType = "GMS" | "PMS" | "APMS";
export type PracticeRole = "standard" | "super" | "single-handed" | "student" | "new";

export interface DemoPractice {
  index: number;
  code: string;
  name: string;
  address: string;
  settlement: number;
  place: PlaceKind;
  /** In a village (rural) rather than a town's built-up area. */
  village: boolean;
  lat: number;
  lon: number;
  postcode: string;
  /** Registered patients, April 2025. */
  list: number;
  openDate: string;
  contract: ContractType;
  dispensing: boolean;
  role: PracticeRole;
  /** Annual list growth used to date the list backwards. */
  growth: number;
  /** Age tilt of the list (age-sex.ts). */
  ageTilt: number;
  students: number;
}

interface Draft {
  settlement: number;
  village: boolean;
  size: number;
  role: PracticeRole;
}

/** List-size draws for one area, until they cover its patients; `scale` shrinks village practices. */
function drawSizes(
  rng: Rng,
  patients: number,
  scale: number,
  forced: { size: number; role: PracticeRole }[],
) {
  const sizes = [...forced];
  let sum = sizes.reduce((a, s) => a + s.size, 0);
  while (sum < patients) {
    const size = fromQuantiles(PRACTICE_LIST_QUANTILES, rng.uniform(0.02, 0.985)) * scale;
    if (sum + size / 2 > patients && sizes.length > 0) break;
    sizes.push({ size, role: "standard" });
    sum += size;
  }
  return sizes;
}

const monthDate = (y: number, m: number) => `${y}-${String(m).padStart(2, "0")}-01`;

export function generatePractices(rng: Rng, lsoas: readonly DemoLsoa[]): DemoPractice[] {
  const drafts: Draft[] = [];
  SETTLEMENTS.forEach((s, settlement) => {
    const mine = lsoas.filter((l) => l.settlement === settlement);
    const townPatients = mine.filter((l) => l.town).reduce((a, l) => a + l.patients, 0);
    const villagePatients = mine.filter((l) => !l.town).reduce((a, l) => a + l.patients, 0);
    const forced: { size: number; role: PracticeRole }[] = [];
    const villageForced: { size: number; role: PracticeRole }[] = [];
    if (s.place === "city") {
      forced.push({ size: rng.uniform(42000, 56000), role: "super" });
      forced.push({ size: rng.uniform(16000, 24000), role: "student" });
      forced.push({ size: rng.uniform(1800, 2600), role: "single-handed" });
      forced.push({ size: rng.uniform(2200, 3200), role: "single-handed" });
    }
    if (s.name === "Forgeton") forced.push({ size: rng.uniform(2000, 3000), role: "single-handed" });
    if (s.name === "Eastbridge") forced.push({ size: rng.uniform(30000, 37000), role: "super" });
    if (s.name === "Mercester") forced.push({ size: rng.uniform(5000, 8000), role: "new" });
    if (s.name === "Moorhampton" || s.name === "Calderford")
      villageForced.push({ size: rng.uniform(1500, 2600), role: "single-handed" });
    for (const d of drawSizes(rng, townPatients, s.place === "rural" ? 0.95 : 1.12, forced))
      drafts.push({ settlement, village: false, ...d });
    if (villagePatients > 0) {
      for (const d of drawSizes(rng, villagePatients, 0.7, villageForced))
        drafts.push({ settlement, village: true, ...d });
    }
  });

  // Sites first: an LSOA of the area, weighted by patients; big practices lean to the centre.
  const sites = new Map<number, { lat: number; lon: number; postcode: string }[]>();
  const postcodeCount = new Map<number, number>();
  const placed = drafts.map((d) => {
    const s = SETTLEMENTS[d.settlement]!;
    const candidates = lsoas.filter((l) => l.settlement === d.settlement && l.town === !d.village);
    const central = d.role === "super" || d.role === "student" ? 3 : 0.6;
    const weights = candidates.map(
      (l) => l.patients * Math.exp((-central * distanceKm(l, s)) / Math.max(1, s.townRadiusKm)),
    );
    let pickAt = rng.next() * weights.reduce((a, b) => a + b, 0);
    let home = candidates[0]!;
    for (let k = 0; k < candidates.length; k++) {
      pickAt -= weights[k]!;
      if (pickAt <= 0) {
        home = candidates[k]!;
        break;
      }
    }
    const shared = sites.get(d.settlement) ?? [];
    let site: { lat: number; lon: number; postcode: string };
    if (!d.village && shared.length > 0 && d.role === "standard" && rng.chance(0.07)) {
      site = rng.pick(shared); // two practices in one health centre share a postcode
    } else {
      const at = offsetKm(home.lat, home.lon, rng.normal() * 0.15, rng.normal() * 0.15);
      const n = postcodeCount.get(d.settlement) ?? 0;
      postcodeCount.set(d.settlement, n + 1);
      site = { lat: round(at.lat, 6), lon: round(at.lon, 6), postcode: syntheticPostcode(d.settlement, n) };
      shared.push(site);
      sites.set(d.settlement, shared);
    }
    return { home, site, place: s.place, village: d.village, lat: site.lat, lon: site.lon };
  });

  // Each site's natural share of patients if all practices were equally attractive (a Huff model).
  const natural = new Array<number>(drafts.length).fill(0);
  for (const l of lsoas) {
    const k = placed.map((p) => kernelWeight(p, l));
    const sum = k.reduce((a, b) => a + b, 0);
    k.forEach((w, i) => (natural[i]! += (l.patients * w) / sum));
  }
  // Within each area, the larger drawn lists go to the sites with more patients around them (rank matching
  // with some noise), so the drawn list-size distribution is kept but patients need not travel far.
  for (const key of new Set(drafts.map((d) => `${d.settlement}|${d.village}`))) {
    const idx = drafts
      .map((d, i) => (`${d.settlement}|${d.village}` === key && d.role === "standard" ? i : -1))
      .filter((i) => i >= 0);
    const sizes = idx.map((i) => drafts[i]!.size).sort((a, b) => b - a);
    const noisy = new Map(idx.map((i) => [i, natural[i]! * Math.exp(0.35 * rng.normal())]));
    const bySite = [...idx].sort((a, b) => noisy.get(b)! - noisy.get(a)! || a - b);
    bySite.forEach((i, k) => (drafts[i]!.size = sizes[k]!));
  }

  // Lists sum to the patients of each settlement exactly.
  const lists: number[] = new Array(drafts.length).fill(0);
  SETTLEMENTS.forEach((_, settlement) => {
    const idx = drafts.map((d, i) => (d.settlement === settlement ? i : -1)).filter((i) => i >= 0);
    const total = lsoas.filter((l) => l.settlement === settlement).reduce((a, l) => a + l.patients, 0);
    allocate(
      idx.map((i) => drafts[i]!.size),
      total,
    ).forEach((n, k) => (lists[idx[k]!] = n));
  });

  const names = new NameBank(rng);
  return drafts.map((d, index) => {
    const s = SETTLEMENTS[d.settlement]!;
    const place = placeOf(s.place);
    const { home, site } = placed[index]!;
    const name = d.role === "student" ? "UNIVERSITY HEALTH CENTRE" : names.practice(home.locality);
    const openDate =
      d.role === "new"
        ? "2019-10-01"
        : rng.chance(0.7)
          ? "1974-04-01"
          : monthDate(rng.int(1975, 2012), rng.int(1, 12));
    const deprived = home.deprivation;
    let contract: ContractType;
    if (d.role === "new" || d.role === "student") contract = "APMS";
    else if (s.place !== "rural" && deprived > 1 && rng.chance(0.06)) contract = "APMS";
    else {
      const pms = CONTRACT_SHARES.PMS * (s.place === "city" ? 1.5 : s.place === "industrial" ? 1.1 : 0.55);
      contract = rng.chance(pms) ? "PMS" : "GMS";
    }
    const dispensing =
      d.village && (s.place === "rural" ? rng.chance(0.8) : rng.chance(0.45)) && d.role !== "new";
    const ageTilt =
      place.ageTilt +
      (d.village ? 0.08 : 0) -
      0.06 * deprived +
      0.08 * rng.normal() -
      (d.role === "new" ? 0.25 : 0);
    return {
      index,
      code: `Z9${String(index + 1).padStart(4, "0")}`,
      name,
      address: `${rng.int(1, 180)} ${names.street()}, ${home.locality.toUpperCase()}, SYNTHETIC DEMO ICS`,
      settlement: d.settlement,
      place: s.place,
      village: d.village,
      lat: site.lat,
      lon: site.lon,
      postcode: site.postcode,
      list: lists[index]!,
      openDate,
      contract,
      dispensing,
      role: d.role,
      growth: round(d.role === "new" ? 0.09 : LIST_GROWTH_PER_YEAR + 0.012 * rng.normal(), 4),
      ageTilt: round(d.role === "student" ? -0.6 : ageTilt, 4),
      students: d.role === "student" ? 1 : 0,
    };
  });
}
