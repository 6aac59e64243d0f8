// The synthetic demo ICS: a pure, deterministic generator (no I/O, no clock, no Math.random). The same seed
// gives byte-identical output. Everything it makes is fictional and labelled so: ICB "Demo ICB (synthetic)",
// practice codes Z9…, PCN codes U990…, LSOAs X01…, postcodes ZZ…; the loader (src/app/load-demo.ts) flags
// every dataset synthetic. Figures are calibrated to the real open data (calibration.ts, docs/demo.md).
import { AGE_BANDS, ageSexCounts, ageSexWeights } from "./age-sex.ts";
import { generatePcnWorkforce } from "./arrs.ts";
import { generateCatchments } from "./catchments.ts";
import { ICB, PLACES, placeOf, REGION, toBng } from "./geography.ts";
import { generateLsoas } from "./lsoas.ts";
import { generateNetworks } from "./networks.ts";
import { generatePayments, weightedRatios } from "./payments.ts";
import { generatePractices } from "./practices.ts";
import { practiceProfiles } from "./profiles.ts";
import { streamFor } from "./rng.ts";
import type {
  LsoaCentroidRow,
  LsoaImdRow,
  OrgMapRow,
  PaymentRow,
  PcnMembershipRow,
  PcnRow,
  PcnWorkforceRow,
  PostcodeLocationRow,
  PracticeListRow,
  PracticeLsoaRow,
  PracticeRow,
  PracticeWorkforceRow,
} from "./rows.ts";
import { generateWorkforce } from "./workforce.ts";

export { AGE_BANDS } from "./age-sex.ts";
export { ARRS_CENSUS_DATE } from "./arrs.ts";
export { GLOBAL_SUM_PER_WEIGHTED, PAYMENT_YEARS } from "./calibration.ts";
export { ICB as DEMO_ICB, PLACES as DEMO_PLACES, REGION as DEMO_REGION } from "./geography.ts";
export type * from "./rows.ts";

export const DEFAULT_SEED = 2026;

export interface DemoSummaryFigures {
  seed: number;
  practices: number;
  patients: number;
  lsoas: number;
  pcns: number;
  unallocatedPractices: number;
  places: { code: string; name: string; practices: number; patients: number }[];
  /** Practices that lose their last GP partner between FY2023 and FY2025. */
  practicesLosingLastPartner: string[];
}

/** The demo as rows for the store's tables (no `dataset_id`), grouped as the loader writes them. */
export interface DemoIcs {
  summary: DemoSummaryFigures;
  practice: PracticeRow[];
  postcodeLocation: PostcodeLocationRow[];
  orgMap: OrgMapRow[];
  /** Totals (sex ALL, age ALL) and 5-year bands by sex. */
  practiceList: PracticeListRow[];
  practiceLsoa: PracticeLsoaRow[];
  lsoaImd: LsoaImdRow[];
  lsoaCentroid: LsoaCentroidRow[];
  practiceWorkforce: PracticeWorkforceRow[];
  /** By fiscal year (`2019-20` …), one dataset each. */
  payments: Record<string, PaymentRow[]>;
  pcnWorkforce: PcnWorkforceRow[];
  pcn: PcnRow[];
  pcnMembership: PcnMembershipRow[];
}

const SUPPLIERS = ["EMIS", "TPP"] as const;

/**
 * Generates the synthetic demo ICS for a seed.
 * @example generateDemoIcs().summary.practices // about 140
 */
export function generateDemoIcs(seed: number = DEFAULT_SEED): DemoIcs {
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`demo seed must be a whole number ≥ 0; found ${seed}`);
  const lsoas = generateLsoas(streamFor(seed, "lsoas"));
  const practices = generatePractices(streamFor(seed, "practices"), lsoas);
  const catchments = generateCatchments(streamFor(seed, "catchments"), practices, lsoas);
  const profiles = practiceProfiles(practices, lsoas, catchments);
  const networks = generateNetworks(streamFor(seed, "networks"), practices);
  const workforce = generateWorkforce(streamFor(seed, "workforce"), practices, profiles);
  const ratios = weightedRatios(streamFor(seed, "weighted"), practices, profiles, ageSexWeights(0));
  const payments = generatePayments(streamFor(seed, "payments"), practices, profiles, ratios, networks);
  const pcnWorkforce = generatePcnWorkforce(streamFor(seed, "arrs"), practices, profiles, networks);
  const misc = streamFor(seed, "misc");

  const pcnByCode = new Map([...networks.pcns, ...networks.closed].map((p) => [p.code, p]));
  const practice: PracticeRow[] = practices.map((p) => ({
    practice_code: p.code,
    name: p.name,
    postcode: p.postcode,
    address: p.address,
    region_code: REGION.code,
    icb_code: ICB.code,
    sub_icb_code: placeOf(p.place).code,
    open_date: p.openDate,
    close_date: null,
    status: "ACTIVE",
    roles: "RO76",
    is_gp_practice: true,
  }));

  const seen = new Set<string>();
  const postcodeLocation: PostcodeLocationRow[] = [];
  for (const p of practices) {
    const key = p.postcode.replace(/\s+/g, "");
    if (seen.has(key)) continue;
    seen.add(key);
    postcodeLocation.push({
      postcode: key,
      postcode_display: p.postcode,
      ...toBng(p.lat, p.lon),
      lat: p.lat,
      lon: p.lon,
      quality: 10,
    });
  }

  const orgMap: OrgMapRow[] = practices.map((p, i) => {
    const place = placeOf(p.place);
    const code = networks.pcnOf[i]!;
    return {
      practice_code: p.code,
      practice_name: p.name,
      practice_postcode: p.postcode,
      pcn_code: code,
      pcn_name: code === "U" ? "Unallocated" : pcnByCode.get(code)!.name,
      sub_icb_code: place.code,
      sub_icb_ons_code: place.onsCode,
      sub_icb_name: place.name,
      icb_code: ICB.code,
      icb_ons_code: ICB.onsCode,
      icb_name: ICB.name,
      region_code: REGION.code,
      region_ons_code: REGION.onsCode,
      region_name: REGION.name,
      supplier: misc.chance(0.55) ? SUPPLIERS[0] : SUPPLIERS[1],
    };
  });

  const practiceList: PracticeListRow[] = [];
  practices.forEach((p, i) => {
    const sub = placeOf(p.place).code;
    practiceList.push({ practice_code: p.code, sub_icb_code: sub, sex: "ALL", age: "ALL", patients: p.list });
    for (const c of ageSexCounts(p.list, profiles[i]!.ageWeights))
      practiceList.push({
        practice_code: p.code,
        sub_icb_code: sub,
        sex: c.sex,
        age: c.age,
        patients: c.patients,
      });
  });

  const practiceLsoa: PracticeLsoaRow[] = catchments.map((r) => ({
    practice_code: practices[r.practice]!.code,
    lsoa_code: lsoas[r.lsoa]!.code,
    patients: r.patients,
  }));

  const lsoaImd: LsoaImdRow[] = lsoas.map((l) => ({
    lsoa_code: l.code,
    vintage: 2021,
    edition: 2025,
    name: l.name,
    lad_code: l.laCode,
    lad_name: l.laName,
    imd_rank: l.imdRank,
    imd_decile: l.imdDecile,
    imd_score: null,
  }));
  const lsoaCentroid: LsoaCentroidRow[] = lsoas.map((l) => ({
    lsoa_code: l.code,
    vintage: 2021,
    name: l.name,
    lat: l.lat,
    lon: l.lon,
  }));

  const pcn: PcnRow[] = [...networks.pcns, ...networks.closed].map((n) => {
    const place = placeOf(n.place);
    return {
      pcn_code: n.code,
      name: n.name,
      sub_icb_code: place.code,
      sub_icb_name: place.name,
      open_date: n.openDate,
      close_date: n.closeDate,
      postcode: practices[n.payee]!.postcode,
    };
  });
  const pcnMembership: PcnMembershipRow[] = networks.memberships.map((m) => {
    const place = placeOf(practices[m.practice]!.place).code;
    return {
      practice_code: practices[m.practice]!.code,
      pcn_code: m.pcn,
      practice_sub_icb_code: place,
      pcn_sub_icb_code: placeOf(pcnByCode.get(m.pcn)!.place).code,
      start_date: m.start,
      end_date: m.end,
    };
  });

  const summary: DemoSummaryFigures = {
    seed,
    practices: practices.length,
    patients: practices.reduce((a, p) => a + p.list, 0),
    lsoas: lsoas.length,
    pcns: networks.pcns.length,
    unallocatedPractices: networks.pcnOf.filter((c) => c === "U").length,
    places: PLACES.map((place) => {
      const mine = practices.filter((p) => p.place === place.key);
      return {
        code: place.code,
        name: place.name,
        practices: mine.length,
        patients: mine.reduce((a, p) => a + p.list, 0),
      };
    }),
    practicesLosingLastPartner: workforce.losingLastPartner.map((i) => practices[i]!.code),
  };

  return {
    summary,
    practice,
    postcodeLocation,
    orgMap,
    practiceList,
    practiceLsoa,
    lsoaImd,
    lsoaCentroid,
    practiceWorkforce: workforce.rows,
    payments,
    pcnWorkforce,
    pcn,
    pcnMembership,
  };
}

/** Number of 5-year bands per sex in the demo's age-sex rows. */
export const DEMO_AGE_BANDS = AGE_BANDS.length;
