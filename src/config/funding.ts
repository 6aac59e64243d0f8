// GP practice and PCN funding rates by contract year, each with its source: the Global Sum per weighted
// patient, the out-of-hours opt-out deduction, the Network Participation Payment and the Network Contract DES
// entitlements of PCNs (core funding, clinical director, leadership and management, extended hours,
// enhanced access, capacity and access support, care home premium). ARRS sums are in ./arrs.ts. See
// ../shared/docs/domain.md §C1–C4. Add a year here rather than editing code.
//
// A figure is `unverified` when it was not checked against the primary text (the Statement of Financial
// Entitlements or the Network Contract DES specification). The Global Sum rates of 2014-15 to 2021-22 are
// additionally checked against the NHS Payments files: the median Global Sum ÷ weighted patients of GMS
// practices is within 1% of rate × (1 − out-of-hours deduction) in every year (test/engines/funding/).
import { RequestError } from "../model/errors.ts";
import { contractYearOf } from "./contract-year.ts";

/** What a rate multiplies. */
export type FundingBasis = "registered" | "weighted" | "adjusted" | "beds";
/** Who is paid: the practice, or the PCN's nominated payee. */
export type FundingLevel = "practice" | "network";

export type FundingItemId =
  | "global-sum"
  | "network-participation"
  | "pcn-core"
  | "pcn-core-adjusted"
  | "pcn-core-uplift"
  | "clinical-director"
  | "leadership-management"
  | "extended-hours"
  | "enhanced-access"
  | "pcn-support"
  | "capacity-access"
  | "care-home-premium";

export interface FundingRate {
  item: FundingItemId;
  label: string;
  level: FundingLevel;
  basis: FundingBasis;
  /** £ per unit of the basis for a full year. */
  annualRate: number;
  /** Months of the contract year the item is paid for (12 unless it started or ended during the year). */
  months: number;
  source: string;
  unverified?: boolean;
  note?: string;
}

export interface FundingYear {
  /** Contract year, e.g. `2024-25`. */
  year: string;
  /** Global Sum £ per weighted patient (the rate in force at the end of the year, after any uplift). */
  globalSum: FundingRate;
  /** Share of the Global Sum deducted from practices that opted out of out-of-hours care (almost all). */
  outOfHoursDeduction: { share: number; source: string; unverified?: boolean };
  /** Entitlements other than the Global Sum (Network Participation Payment, Network Contract DES). */
  items: FundingRate[];
  /** False when some of the year's PCN entitlements are not configured (see `notes`). */
  complete: boolean;
  notes: string[];
}

/** A contract year for which no funding figures are configured. */
export class UnknownFundingYearError extends RequestError {
  constructor(
    readonly year: string,
    readonly known: readonly string[],
  ) {
    super(
      `no funding figures are configured for contract year '${year}': expected one of ${known.join(", ")} (src/config/funding.ts)`,
      { field: "year" },
    );
    this.name = "UnknownFundingYearError";
  }
}

const OOH = {
  share: 0.0475,
  source:
    "4.75% out-of-hours opt-out deduction from the Global Sum (liverpoolchamber.org.uk, November 2023; sslmcs.co.uk GP contract 2025-26: 'OOHs deduction, which remains at 4.75%')",
};

const PAYMENTS_CHECK =
  "consistent within 1% with the NHS Payments file of the year (median Global Sum ÷ weighted patients of GMS practices ÷ (1 − 4.75%))";
const RECALLED = "recalled from the year's GP contract agreement; not found in the sources read";

function globalSum(rate: number, source: string, unverified = true): FundingRate {
  return {
    item: "global-sum",
    label: "Global Sum",
    level: "practice",
    basis: "weighted",
    annualRate: rate,
    months: 12,
    source,
    ...(unverified ? { unverified } : {}),
  };
}

const rate = (
  item: FundingItemId,
  label: string,
  level: FundingLevel,
  basis: FundingBasis,
  annualRate: number,
  source: string,
  extra: Partial<Pick<FundingRate, "months" | "unverified" | "note">> = {},
): FundingRate => ({ item, label, level, basis, annualRate, months: 12, source, ...extra });

const NPP = "Network Participation Payment";
const NPP_BMA =
  "bma.org.uk primary-care-network-funding: 'network participation payment (£1.76 per patient)'";
const npp = (source: string, extra: Partial<FundingRate> = {}) =>
  rate("network-participation", NPP, "practice", "weighted", 1.761, source, extra);

const CHP = "Care Home Premium";
const BMA_2022 =
  "bma.org.uk primary-care-network-funding (summary of PCN DES financial entitlements, updated 2022-10-05)";
const PCC_2023 = "pcc-cic.org.uk 2023-24 Network Contract DES payments (published 2023-03-30)";
const PULSE_DES_2025 =
  "pulsetoday.co.uk 'consultant-nurses-added-to-arrs-in-new-network-contract' (Network Contract DES 2025-26, March 2025)";
const GP_CONTRACT_2026 =
  "england.nhs.uk/long-read/changes-to-the-gp-contract-in-2026-27 (2026-02-24), via domain.md §F2";
const DONCASTER_2024 =
  "doncasterlmc.co.uk/primary-care-networks (Core PCN Funding, Enhanced Access, Care Home Premium 2024-25); pulsetoday.co.uk 'pcn-funding-remains-flat-for-2024-25'";

/** Pre-PCN years: the Global Sum only. */
const preNetwork = (year: string, gs: number, note: string): FundingYear => ({
  year,
  globalSum: globalSum(gs, `${note}; ${PAYMENTS_CHECK}`),
  outOfHoursDeduction: OOH,
  items: [],
  complete: true,
  notes: ["PCNs began on 2019-07-01: no network entitlements before 2019-20."],
});

/** Every configured contract year, oldest first. */
export const FUNDING_YEARS: readonly FundingYear[] = [
  preNetwork(
    "2014-15",
    73.56,
    `GMS contract 2014-15 [${RECALLED}]; ../shared/docs/domain.md §C3 gives £75.56, which the 2014-15 payments file contradicts (its median implies ≈ £73.6)`,
  ),
  preNetwork("2015-16", 75.77, `GMS contract 2015-16 [${RECALLED}]`),
  preNetwork("2016-17", 80.59, `GMS contract 2016-17 [${RECALLED}]`),
  preNetwork("2017-18", 85.35, `GMS contract 2017-18 [${RECALLED}]`),
  preNetwork("2018-19", 88.96, `GMS contract 2018-19 after the pay uplift [${RECALLED}]`),
  {
    year: "2019-20",
    globalSum: globalSum(89.88, `GMS contract 2019-20 [${RECALLED}]; ${PAYMENTS_CHECK}`),
    outOfHoursDeduction: OOH,
    items: [
      npp(
        `${NPP_BMA}; £1.761 per weighted patient [${RECALLED}]; the 2019-20 payments file pays a median £1.73 per weighted patient, i.e. a full year`,
        { unverified: true },
      ),
      rate(
        "pcn-core",
        "Core PCN funding",
        "network",
        "registered",
        1.5,
        `Network Contract DES 2019-20 [${RECALLED}]`,
        {
          months: 9,
          unverified: true,
          note: "from 2019-07-01",
        },
      ),
      rate(
        "clinical-director",
        "Clinical Director",
        "network",
        "registered",
        0.514,
        `0.25 WTE per 50,000 patients (domain.md §C1; bw-medical.co.uk) — £0.514 per patient [${RECALLED}]`,
        { months: 9, unverified: true, note: "from 2019-07-01" },
      ),
      rate(
        "extended-hours",
        "Extended hours access",
        "network",
        "registered",
        1.099,
        `Network Contract DES 2019-20 [${RECALLED}]`,
        {
          months: 9,
          unverified: true,
          note: "from 2019-07-01",
        },
      ),
    ],
    complete: true,
    notes: [
      "ARRS 2019-20 reimbursed 70% of two roles' salaries, not a sum per weighted patient (not configured).",
    ],
  },
  {
    year: "2020-21",
    globalSum: globalSum(93.46, `GMS contract 2020-21 [${RECALLED}]; ${PAYMENTS_CHECK}`),
    outOfHoursDeduction: OOH,
    items: [
      npp(`${NPP_BMA} [per weighted patient: ${RECALLED}]`, { unverified: true }),
      rate(
        "pcn-core",
        "Core PCN funding",
        "network",
        "registered",
        1.5,
        "lentells.co.uk via domain.md §C1 (2020-21 core £1.50)",
      ),
      rate(
        "clinical-director",
        "Clinical Director",
        "network",
        "registered",
        0.722,
        "lentells.co.uk via domain.md §C1 (2020-21 CD £0.722)",
      ),
      rate(
        "extended-hours",
        "Extended hours access",
        "network",
        "registered",
        1.45,
        "lentells.co.uk via domain.md §C1 (2020-21 extended hours £1.45)",
      ),
      rate(
        "pcn-support",
        "PCN support payment",
        "network",
        "weighted",
        0.54,
        "bma.org.uk 2021-22 summary via domain.md §C1: £0.27 per weighted patient for April–September 2020",
        { months: 6, unverified: true, note: "£0.27 for the six months, stored as £0.54 a year × 6/12" },
      ),
    ],
    complete: true,
    notes: [],
  },
  {
    year: "2021-22",
    globalSum: globalSum(96.78, `GMS contract 2021-22 [${RECALLED}]; ${PAYMENTS_CHECK}`),
    outOfHoursDeduction: OOH,
    items: [
      npp(`${NPP_BMA} [per weighted patient: ${RECALLED}]`, { unverified: true }),
      rate(
        "pcn-core",
        "Core PCN funding",
        "network",
        "registered",
        1.5,
        `${BMA_2022}: £1.50 per registered patient (assumed unchanged from 2020-21)`,
        {
          unverified: true,
        },
      ),
      rate(
        "clinical-director",
        "Clinical Director",
        "network",
        "registered",
        0.736,
        `Network Contract DES 2021-22 [${RECALLED}]`,
        {
          unverified: true,
        },
      ),
      rate(
        "extended-hours",
        "Extended hours access",
        "network",
        "registered",
        1.45,
        "2020-21 rate (domain.md §C1), assumed unchanged",
        {
          unverified: true,
        },
      ),
      rate(
        "care-home-premium",
        CHP,
        "network",
        "beds",
        120,
        "bma.org.uk 2021-22 summary via domain.md §C1: £120 per bed per year from April 2021",
      ),
    ],
    complete: true,
    notes: [],
  },
  {
    year: "2022-23",
    globalSum: globalSum(
      99.7,
      "england.nhs.uk 'implementing-the-2023-24-gp-contract-changes…' §6.1: 'Global sum payment per weighted patient increases from £99.70 to £102.28' (2022-23 → 2023-24 before the mid-year uplift)",
      false,
    ),
    outOfHoursDeduction: OOH,
    items: [
      npp(`${NPP_BMA} [per weighted patient: ${RECALLED}]`, { unverified: true }),
      rate(
        "pcn-core",
        "Core PCN funding",
        "network",
        "registered",
        1.5,
        `${BMA_2022}: £1.50 per registered patient`,
      ),
      rate(
        "clinical-director",
        "Clinical Director",
        "network",
        "registered",
        0.729,
        `${BMA_2022}: £0.729 per registered patient`,
      ),
      rate(
        "leadership-management",
        "PCN leadership and management",
        "network",
        "adjusted",
        0.68,
        `${BMA_2022}: £0.68 × PCN adjusted population`,
      ),
      rate(
        "extended-hours",
        "Extended hours access",
        "network",
        "registered",
        1.45,
        "2020-21 rate (domain.md §C1), assumed unchanged until enhanced access began",
        {
          months: 6,
          unverified: true,
          note: "April–September 2022",
        },
      ),
      rate(
        "enhanced-access",
        "Enhanced access",
        "network",
        "adjusted",
        7.578,
        `${BMA_2022}: extended access £7.578 per patient`,
        {
          months: 6,
          unverified: true,
          note: "from 2022-10-01; basis (adjusted population) as in 2023-24",
        },
      ),
      rate(
        "capacity-access",
        "Capacity and access support",
        "network",
        "adjusted",
        2.765,
        `${BMA_2022}: £2.765 × adjusted population, paid monthly through the 2022-23 winter`,
        { note: "the amount for the year" },
      ),
      rate("care-home-premium", CHP, "network", "beds", 120, `${BMA_2022}: £120 per bed per year`),
    ],
    complete: true,
    notes: [
      "The capacity and access incentive payment (£1.185 per registered patient) depends on achievement and is not an entitlement.",
    ],
  },
  {
    year: "2023-24",
    globalSum: globalSum(
      104.73,
      "pulsetoday.co.uk 'global-sum-increased-to-104-73-per-patient…' (SFE amendment: £102.28 → £104.73 after the 6% staff uplift)",
      false,
    ),
    outOfHoursDeduction: OOH,
    items: [
      npp(`${NPP_BMA} [per weighted patient: ${RECALLED}]`, { unverified: true }),
      rate(
        "pcn-core",
        "Core PCN funding",
        "network",
        "registered",
        1.5,
        `${PCC_2023}: £1.50 per registered patient`,
      ),
      rate(
        "clinical-director",
        "Clinical Director",
        "network",
        "registered",
        0.729,
        `${PCC_2023}: £0.729 per registered patient`,
      ),
      rate(
        "leadership-management",
        "PCN leadership and management",
        "network",
        "adjusted",
        0.684,
        `${PCC_2023}: £0.684 × adjusted population`,
      ),
      rate(
        "enhanced-access",
        "Enhanced access",
        "network",
        "adjusted",
        7.578,
        `${PCC_2023}: £7.578 × adjusted population`,
      ),
      rate(
        "capacity-access",
        "Capacity and access support",
        "network",
        "adjusted",
        2.765,
        `${PCC_2023}: £2.765 × adjusted population (pulsetoday.co.uk gives £2.795 for all capacity and access payments)`,
      ),
      rate("care-home-premium", CHP, "network", "beds", 120, `${PCC_2023}: £120 per bed per year`),
    ],
    complete: true,
    notes: [],
  },
  {
    year: "2024-25",
    globalSum: globalSum(
      112.5,
      "domain.md §C3: £112.50 per weighted patient after the 6% DDRB uplift (SFE 2024; PQ answer parallelparliament.co.uk/question/23079); £107.57 before it",
      false,
    ),
    outOfHoursDeduction: OOH,
    items: [
      npp(
        "support.primarycareit.co.uk 'qof-2024-25-overview': £0.147 per weighted patient a month (£1.76 a year)",
      ),
      rate(
        "pcn-core",
        "Core PCN funding (registered part)",
        "network",
        "registered",
        2.218,
        `${DONCASTER_2024}: £2.218 × registered list at 2024-01-01`,
      ),
      rate(
        "pcn-core-adjusted",
        "Core PCN funding (adjusted part)",
        "network",
        "adjusted",
        0.698,
        `${DONCASTER_2024}: £0.698 × adjusted population (core, clinical director and leadership payments combined)`,
      ),
      rate(
        "pcn-core-uplift",
        "Core PCN funding uplift",
        "network",
        "registered",
        0.051,
        "domain.md §C1: core PCN funding £2.916 uplifted to £2.967 per patient; the split of the £0.051 between registered and adjusted population is not in the sources read",
        { unverified: true, note: "applied to the registered list" },
      ),
      rate(
        "enhanced-access",
        "Enhanced access",
        "network",
        "adjusted",
        7.975,
        `${DONCASTER_2024}: £7.674 × adjusted population, uplifted to £7.975 (domain.md §C1)`,
      ),
      rate(
        "capacity-access",
        "Capacity and access payments",
        "network",
        "adjusted",
        3.248,
        "pulsetoday.co.uk 'pcn-funding-remains-flat-for-2024-25': £3.248 (from £2.795 in 2023-24, after the IIF reallocation)",
        { unverified: true, note: "maximum: the improvement part is paid on achievement" },
      ),
      rate(
        "care-home-premium",
        CHP,
        "network",
        "beds",
        127.2,
        `${DONCASTER_2024}: £120 per bed, uplifted to £127.20 (domain.md §C1)`,
      ),
    ],
    complete: true,
    notes: [],
  },
  {
    year: "2025-26",
    globalSum: globalSum(
      121.79,
      "bma.org.uk gp-contract-changes-england-202526: 'The Global Sum payment per weighted patient will be £121.79' (+£9.29, 8.26%)",
      false,
    ),
    outOfHoursDeduction: {
      ...OOH,
      source: `${OOH.source}; england.nhs.uk 'implementing-the-2025-26-gp-contract-changes…' §6.2: 'GMS OOH deduction remains at 4.75% in 2025-26, equating to £5.78'`,
    },
    items: [
      npp(
        "2024-25 rate (support.primarycareit.co.uk 'qof-2024-25-overview'), assumed unchanged: no 2025-26 figure was found in the sources read",
        { unverified: true },
      ),
      rate(
        "pcn-core",
        "Core PCN funding (registered part)",
        "network",
        "registered",
        2.266,
        `${PULSE_DES_2025}: £2.266 × PCN registered list at 2025-01-01 (core £2.999 in all)`,
      ),
      rate(
        "pcn-core-adjusted",
        "Core PCN funding (adjusted part)",
        "network",
        "adjusted",
        0.733,
        `${PULSE_DES_2025}: £0.733 × PCN adjusted population at 2025-01-01`,
      ),
      rate(
        "enhanced-access",
        "Enhanced access",
        "network",
        "adjusted",
        8.427,
        `${PULSE_DES_2025}: £8.427 × PCN adjusted population (from £7.975)`,
      ),
      rate(
        "capacity-access",
        "Capacity and access support",
        "network",
        "adjusted",
        3.208,
        `${PULSE_DES_2025}: capacity and access support payment £3.208 × adjusted population, unconditional`,
      ),
      rate(
        "care-home-premium",
        CHP,
        "network",
        "beds",
        130.253,
        `${PULSE_DES_2025}: £130.253 per bed (from £127.20)`,
      ),
    ],
    complete: true,
    notes: [
      "The capacity and access improvement payment (£1.375 × adjusted population) is paid on achievement and is not an entitlement.",
    ],
  },
  {
    // 2026/27 (published 24 Feb 2026, imposed without agreement; domain.md §F2). The PCN capacity and access
    // payment leaves the Network Contract DES: its £292m funds a practice-level GP reimbursement scheme, which
    // pays claims for GPs employed, not an entitlement per patient, so no item is configured for it. No
    // 2026/27 DES rate table was found: the PCN rates are 2025/26's, carried over and marked unverified.
    year: "2026-27",
    globalSum: globalSum(
      130.07,
      "medicinesteam.co.uk 'gp-contract-a-real-world-breakdown-of-pay-and-pressures': 'The Global Sum is £130.07 per weighted patient' 2026-27, advice and guidance folded in (a secondary source only)",
    ),
    outOfHoursDeduction: { ...OOH, unverified: true, source: `${OOH.source}; assumed unchanged in 2026-27` },
    items: [
      npp("2024-25 rate, assumed unchanged: no 2026-27 figure was found in the sources read", {
        unverified: true,
      }),
      rate(
        "pcn-core",
        "Core PCN funding (registered part)",
        "network",
        "registered",
        2.266,
        `2025-26 rate carried over (${PULSE_DES_2025}); no 2026-27 figure found`,
        { unverified: true },
      ),
      rate(
        "pcn-core-adjusted",
        "Core PCN funding (adjusted part)",
        "network",
        "adjusted",
        0.733,
        `2025-26 rate carried over (${PULSE_DES_2025}); no 2026-27 figure found`,
        { unverified: true },
      ),
      rate(
        "enhanced-access",
        "Enhanced access",
        "network",
        "adjusted",
        8.427,
        `2025-26 rate carried over (${PULSE_DES_2025}); no 2026-27 figure found`,
        { unverified: true },
      ),
      rate(
        "care-home-premium",
        CHP,
        "network",
        "beds",
        130.253,
        `2025-26 rate carried over (${PULSE_DES_2025}); no 2026-27 figure found`,
        { unverified: true },
      ),
    ],
    // Every entitlement of the year has a rate (some unverified); the capacity and access payment is no
    // longer a DES entitlement.
    complete: true,
    notes: [
      `The PCN capacity and access payment left the Network Contract DES in 2026-27: its £292m funds a practice-level GP reimbursement scheme (claims for GPs employed, up to the top of the salaried GP range plus on-costs, £152,900 or £155,698 in London; not an entitlement per patient, so not computed). Sources: ${GP_CONTRACT_2026}; managementinpractice.com 'salaried-gps-only-covered-in-new-reimbursement-scheme' (2026-05-07).`,
      "ARRS 2026-27: experienced GPs are reimbursable (up to the top of the salaried range plus on-costs); domain.md §F2 reports the overall ARRS budget unchanged, while sslmcs.co.uk gives a £1,711m → £1,754m pool (provisional): src/config/arrs.ts follows the latter, unverified.",
      "The 2026-27 contract total is £13,863m (+£485m); the Network Contract DES rates per patient were not found and are 2025-26's (unverified).",
    ],
  },
];

/** The funding figures of a contract year; throws `UnknownFundingYearError` naming the known years. */
export function fundingYear(year: string): FundingYear {
  const found = FUNDING_YEARS.find((y) => y.year === year);
  if (!found)
    throw new UnknownFundingYearError(
      year,
      FUNDING_YEARS.map((y) => y.year),
    );
  return found;
}

/** The default contract year on a date, and how it was chosen. */
export interface DefaultFundingYear {
  year: FundingYear;
  /** The contract year the date falls in (April to March). */
  dateYear: string;
  /** `date`: the date's own year; `fallback`: that year is not configured (or not in full), so the nearest earlier one that is. */
  basis: "date" | "fallback";
}

/**
 * The default contract year of the funding commands on an ISO date: the year the date falls in (contract years
 * run April to March), else the newest year before it configured in full (else the oldest configured).
 * @example defaultFundingYear("2026-12-02").year.year === "2026-27"
 */
export function defaultFundingYear(isoDate: string): DefaultFundingYear {
  const dateYear = contractYearOf(isoDate);
  const own = FUNDING_YEARS.find((y) => y.year === dateYear && y.complete);
  if (own) return { year: own, dateYear, basis: "date" };
  const before = [...FUNDING_YEARS].reverse().find((y) => y.year < dateYear && y.complete);
  return { year: before ?? FUNDING_YEARS[0]!, dateYear, basis: "fallback" };
}

/**
 * Need weighting of a local fund. The health-inequalities share follows NHS England's primary medical care
 * target allocation: 85% need-weighted population + 15% health-inequalities (avoidable mortality) weighted
 * population (domain.md §C4, derived from NHSE's place-tool data). icsplan has no avoidable-mortality data,
 * so its health-inequalities population is the registered list × the practice's IMD score (the
 * patient-weighted LSOA score); see docs/funding.md.
 */
export const NEED_WEIGHTING = {
  hiShare: 0.15,
  source:
    "NHS England primary medical care target allocation: 85% need + 15% health-inequalities weighted population (domain.md §C4)",
  /**
   * Mean practice IMD 2019 score by national decile (1 = most deprived), used where a practice has a decile
   * but no score (LSOA-derived deprivation, the demo). Measured from
   * deprivation/practice_imd2019_score_swahsn_2023-01.csv (6,437 practices).
   */
  meanScoreByDecile: [47.16, 36.1, 30.6, 26.56, 23.04, 19.84, 16.76, 14.05, 11.48, 8.16] as const,
  meanScoreByDecileSource:
    "mean imd_score by imd_decile over the 6,437 practices of deprivation/practice_imd2019_score_swahsn_2023-01.csv (SW AHSN)",
} as const;
