// Additional Roles Reimbursement Scheme (ARRS) figures by contract year, each with its source.
// See ../shared/docs/domain.md §C2. Add a year here rather than editing code. A figure is marked
// `unverified` when it comes from a secondary source outside the domain notes, is marked [unverified]
// there, or is inferred; the full role table is in the Network Contract DES specification (Annex B), which
// must be checked before any figure here is relied on.
import { RequestError } from "../model/errors.ts";

/** The maximum reimbursable amount of one ARRS role in one contract year (annual, per FTE, incl. on-costs). */
export interface ArrsRoleCap {
  /** Role name, as the PCN workforce files name it (`STAFF_ROLE`) where they have it; see `arrsRoleForStaff`. */
  role: string;
  /** £ per FTE per year, salary plus employer on-costs; null where no published value was found. */
  maxReimbursement: number | null;
  /** £ with outer London weighting (HCAS). */
  londonOuter?: number | null;
  /** £ with inner London weighting (HCAS). */
  londonInner?: number | null;
  /** A cap on the number of this role a PCN may claim for, in words, where the rules set one. */
  capPerPcn?: string | null;
  /** The role's Agenda for Change band in words (`AfC 7–8a`, `up to AfC 5`). */
  band?: string;
  /**
   * `published`: a source gives this role's maximum for the year; `band`: the maximum published that year for
   * another role of the same band; `derived`: the band's maximum scaled from another year (BAND_MAXIMA).
   */
  basis?: "published" | "band" | "derived";
  /** The maximum used is that of a band above the role's (e.g. a band 7 role at band 7–8a): cost is an upper bound. */
  costIsUpperBound?: boolean;
  /** Share of the cost the scheme reimburses (0.5 for mental health practitioners until 2023-24); default 1. */
  reimbursedShare?: number;
  /** For a `band` or `derived` maximum: where the band's maximum comes from (shared by the band's roles). */
  bandSource?: string;
  unverified?: boolean;
  source: string;
}

/** The ARRS figures of one contract year (April to March). */
export interface ArrsYear {
  /** Contract year, e.g. `2024-25`. */
  year: string;
  /** £ per PCN contractor weighted population: the core Additional Roles Reimbursement Sum. */
  ratePerWeightedPatient: number;
  /** £ per weighted patient of the ring-fenced GP ARRS, in the years that have one separately. */
  gpRatePerWeightedPatient: number | null;
  /** The date of the PCN contractor weighted population the sum is computed on (ISO). */
  weightedPopulationDate: string;
  roles: ArrsRoleCap[];
  sources: string[];
  /** True when a year-level figure (rate, GP rate, population date) is unverified or inferred. */
  unverified?: boolean;
}

/** A contract year for which no ARRS figures are configured. */
export class UnknownContractYearError extends RequestError {
  constructor(
    readonly year: string,
    readonly known: readonly string[],
  ) {
    super(
      `No ARRS figures are configured for contract year '${year}': expected one of ${known.join(", ")} (src/config/arrs.ts)`,
      { field: "year" },
    );
    this.name = "UnknownContractYearError";
  }
}

// ── Sources ────────────────────────────────────────────────────────────────────────────────────────────
// None of these figures was read in the Network Contract DES specification (Annex B) itself: each comes from
// a secondary source that quotes it (BMA, LMCs, training hubs, the trade press). A role's maximum is
// `published` when such a source gives it for that role and year; otherwise it is the maximum of the role's
// Agenda for Change band (`band`: another role of the same band has a published figure that year), or a
// band maximum `derived` from another year (see BAND_MAXIMA). Band and derived maxima are marked unverified.

const BMA_2020 = "bma.org.uk primary-care-network-funding (2020-11-26)";
const BMA_2021 =
  "bma.org.uk primary-care-network-funding (updated 2021-05-10), annual reimbursement rates 2021-22";
const GMPCC_2020 =
  "gmprimarycarecareers.org.uk new-roles/clinical-pharmacist: 'From April 2020 … up to the maximum reimbursable amount of £55,670 over 12 months'";
const CD_2022 =
  "chemistanddruggist.co.uk CD136485 (October 2022): clinical pharmacist £59,312 from 2022-10-01 (£57,318 from April 2022)";
const PHARMACIST_2023 =
  "thepharmacist.co.uk 'no-new-funding-for-arrs-pay-increases' (2023): maxima before and after the 2023-07-01 uplift (source: NHS England)";
const PHARMACIST_2024 =
  "thepharmacist.co.uk 'pcns-can-claim-more-per-arrs-role…' (2024-25 maxima from 2024-10-01)";
const PHARMACIST_2025 =
  "pharmaceutical-journal.com 'nhs-england-increases-arrs-reimbursement-for-pharmacists' (2025-26)";
const PULSE_DES_2025 =
  "pulsetoday.co.uk 'consultant-nurses-added-to-arrs-in-new-network-contract' (Network Contract DES 2025-26, published March 2025)";
const HUMBERSIDE_2025 =
  "humbersidelmc.org.uk network-contract-des-202526: ARRS GP maximum £105,882 (£82,418 excluding on-costs)";
const SSLMC_2026 =
  "sslmcs.co.uk resources/gp-contract-2026-27/pcn-arrs-2026-27: 2.5% pay assumption in ARRS reimbursement; ARRS pool £1,711m (2025-26) → £1,754m (2026-27); 'the current figures are provisional'";
const MIP_2026 =
  "managementinpractice.com '485m-uplift-to-gp-contract-for-2026-27' and 'salaried-gps-only-covered-in-new-reimbursement-scheme' (2026-05-07)";
const ARJUS_2024 = "arjus.co.uk ARRS ready reckoner 2024-25 (role list and AfC bands)";

/** The band whose maximum a role is reimbursed up to; `GP` is the GP ARRS maximum. */
export type ArrsBand = "3" | "4" | "5" | "6" | "7-8a" | "8a" | "8c" | "GP";

interface BandMaximum {
  amount: number;
  source: string;
  /** Derived from another year's maximum of the band (not published for this year in the sources read). */
  derived?: boolean;
}

const derived = (amount: number, how: string): BandMaximum => ({
  amount,
  derived: true,
  source: `derived: ${how}`,
});

const UPLIFT_2026 = "the 2026-27 pay assumption of 2.5%, provisional (sslmcs.co.uk pcn-arrs-2026-27)";

/**
 * The maximum reimbursable amount (annual, national, salary + employer on-costs) of each band by contract year.
 * A band's maximum not published for a year is derived: the band's maximum in a year that publishes it, scaled
 * by the ratio of a band published in both years (nearest band first, then nearest year).
 * Where a year changed its maxima part-way (1 Oct 2022, 1 Jul 2023, 1 Oct 2024), the later figures are used.
 * 2026-27: 2025-26 × 1.025, the contract's pay assumption (no 2026-27 table was found).
 */
export const BAND_MAXIMA: Readonly<Record<string, Partial<Record<ArrsBand, BandMaximum>>>> = {
  "2020-21": {
    "3": { amount: 25_671, source: `trainee nursing associate, reimbursable from 2020-10-01: ${BMA_2020}` },
    "4": { amount: 29_135, source: `nursing associate, reimbursable from 2020-10-01: ${BMA_2020}` },
    "5": derived(35_046, "band 5 2022-23 £38,187 × band 4 2020-21 £29,135 ÷ 2022-23 £31,746"),
    "6": derived(44_321, "band 6 2025-26 £53,319 × band 7–8a 2020-21 £55,670 ÷ 2025-26 £66,972"),
    "7-8a": { amount: 55_670, source: `clinical pharmacist: ${GMPCC_2020}` },
    "8a": derived(61_000, "band 8a 2024-25 £72,141 × band 7–8a 2020-21 £55,670 ÷ 2024-25 £65,838"),
  },
  "2021-22": {
    "3": derived(26_192, "band 3 2020-21 £25,671 × band 4 2021-22 £29,726 ÷ 2020-21 £29,135"),
    "4": { amount: 29_726, source: `care coordinator: ${BMA_2021}` },
    "5": derived(35_757, "band 5 2022-23 £38,187 × band 4 2021-22 £29,726 ÷ 2022-23 £31,746"),
    "6": derived(
      43_978,
      "band 6 2025-26 £53,319 × band 5 2021-22 £35,757 (itself derived) ÷ 2025-26 £43,352",
    ),
    "7-8a": derived(57_226, "band 7–8a 2024-25 £65,838 × band 8a 2021-22 £62,705 ÷ 2024-25 £72,141"),
    "8a": { amount: 62_705, source: `advanced practitioner: ${BMA_2021}` },
  },
  "2022-23": {
    "3": derived(27_972, "band 3 2020-21 £25,671 × band 4 2022-23 £31,746 ÷ 2020-21 £29,135"),
    "4": { amount: 31_746, source: `care coordinator, before the July 2023 uplift: ${PHARMACIST_2023}` },
    "5": {
      amount: 38_187,
      source: `social prescribing link worker and pharmacy technician, before the July 2023 uplift: ${PHARMACIST_2023}`,
    },
    "6": derived(46_967, "band 6 2025-26 £53,319 × band 5 2022-23 £38,187 ÷ 2025-26 £43,352"),
    "7-8a": {
      amount: 59_312,
      source: `clinical pharmacist and first contact physiotherapist from 2022-10-01: ${CD_2022}; ${PHARMACIST_2023}`,
    },
    "8a": derived(64_990, "band 8a 2024-25 £72,141 × band 7–8a 2022-23 £59,312 ÷ 2024-25 £65,838"),
  },
  "2023-24": {
    "3": derived(29_425, "band 3 2020-21 £25,671 × band 4 2023-24 £33,396 ÷ 2020-21 £29,135"),
    "4": { amount: 33_396, source: `care coordinator from 2023-07-01: ${PHARMACIST_2023}` },
    "5": {
      amount: 40_159,
      source: `social prescribing link worker and pharmacy technician from 2023-07-01: ${PHARMACIST_2023}`,
    },
    "6": derived(49_392, "band 6 2025-26 £53,319 × band 5 2023-24 £40,159 ÷ 2025-26 £43,352"),
    "7-8a": {
      amount: 62_340,
      source: `clinical pharmacist and first contact physiotherapist from 2023-07-01: ${PHARMACIST_2023}`,
    },
    "8a": derived(
      68_308,
      "band 8a 2024-25 £72,141 × band 7–8a 2023-24 £62,340 ÷ 2024-25 £65,838 (the 2024-25 figure is a 5.6% rise: £68,315)",
    ),
  },
  "2024-25": {
    "3": derived(31_480, "band 3 2025-26 £32,159 × band 5 2024-25 £42,437 ÷ 2025-26 £43,352"),
    "4": derived(35_290, "band 4 2023-24 £33,396 × band 5 2024-25 £42,437 ÷ 2023-24 £40,159"),
    "5": { amount: 42_437, source: `pharmacy technician (AfC 5): ${PHARMACIST_2024}` },
    "6": derived(52_194, "band 6 2025-26 £53,319 × band 5 2024-25 £42,437 ÷ 2025-26 £43,352"),
    "7-8a": { amount: 65_838, source: `clinical pharmacist (AfC 7–8a): ${PHARMACIST_2024}` },
    "8a": { amount: 72_141, source: `advanced practitioner (AfC 8a): ${PHARMACIST_2024}` },
    GP: {
      amount: 92_462,
      source:
        "GP ARRS from 2024-10-01: max £92,462 per GP, £95,233 London (pulsetoday.co.uk; managementinpractice.com 2024-09-30)",
    },
  },
  "2025-26": {
    "3": { amount: 32_159, source: `band 3 healthcare support worker: ${PULSE_DES_2025}` },
    "4": derived(36_051, "band 4 2023-24 £33,396 × band 5 2025-26 £43,352 ÷ 2023-24 £40,159"),
    "5": {
      amount: 43_352,
      source: `pharmacy technician and band 5 practice nurse: ${PHARMACIST_2025}; ${PULSE_DES_2025}`,
    },
    "6": { amount: 53_319, source: `band 6 experienced practice nurse: ${PULSE_DES_2025}` },
    "7-8a": { amount: 66_972, source: `clinical pharmacist: ${PHARMACIST_2025}` },
    "8a": derived(73_384, "band 8a 2024-25 £72,141 × band 7–8a 2025-26 £66,972 ÷ 2024-25 £65,838"),
    "8c": { amount: 102_683, source: `consultant nurse: ${PULSE_DES_2025}` },
    GP: { amount: 105_882, source: HUMBERSIDE_2025 },
  },
  "2026-27": {
    "3": derived(32_963, `2025-26 £32,159 × 1.025, ${UPLIFT_2026}`),
    "4": derived(36_952, `2025-26 £36,051 × 1.025, ${UPLIFT_2026}`),
    "5": derived(44_436, `2025-26 £43,352 × 1.025, ${UPLIFT_2026}`),
    "6": derived(54_652, `2025-26 £53,319 × 1.025, ${UPLIFT_2026}`),
    "7-8a": derived(68_646, `2025-26 £66,972 × 1.025, ${UPLIFT_2026}`),
    "8a": derived(75_219, `2025-26 £73,384 × 1.025, ${UPLIFT_2026}`),
    "8c": derived(105_250, `2025-26 £102,683 × 1.025, ${UPLIFT_2026}`),
    GP: derived(
      152_900,
      `2026-27 lets ARRS GPs be claimed 'up to a maximum of the top of salaried GP pay range plus employment on costs'; the same definition gives £152,900 (£155,698 London) in the 2026-27 practice-level GP reimbursement scheme (${MIP_2026})`,
    ),
  },
};

interface RoleDefinition {
  role: string;
  /** The role's band in words, e.g. `AfC 7–8a`, `up to AfC 5`. */
  band: string;
  /** The band whose maximum the role is costed at. */
  costBand: ArrsBand;
  /** First contract year the role is reimbursable (and the last, when it left the scheme). */
  from: string;
  until?: string;
  /** The role's band is below `costBand` (e.g. a band 7 role at the band 7–8a maximum): cost is an upper bound. */
  costIsUpperBound?: boolean;
  /** Share of the cost the ARRS reimbursed, by year (default 1). */
  reimbursedShare?: Readonly<Record<string, number>>;
  capPerPcn?: Readonly<Record<string, string>>;
  note?: string;
}

const BAND_7_NOTE =
  "AfC 7: costed at the band 7–8a maximum (no band 7 maximum was found), so its cost is an upper bound";

/** Every ARRS role, its band and the years it is reimbursable. */
export const ARRS_ROLE_DEFINITIONS: readonly RoleDefinition[] = [
  { role: "Pharmacists", band: "AfC 7–8a", costBand: "7-8a", from: "2020-21" },
  { role: "Pharmacy Technicians", band: "AfC 5", costBand: "5", from: "2020-21" },
  { role: "Social Prescribing Link Workers", band: "up to AfC 5", costBand: "5", from: "2020-21" },
  { role: "Health and Wellbeing Coaches", band: "up to AfC 5", costBand: "5", from: "2020-21" },
  { role: "Care Coordinators", band: "AfC 4", costBand: "4", from: "2020-21" },
  { role: "Physician Associates", band: "AfC 7", costBand: "7-8a", costIsUpperBound: true, from: "2020-21" },
  { role: "Physiotherapists", band: "AfC 7–8a (first contact)", costBand: "7-8a", from: "2020-21" },
  { role: "Dieticians", band: "AfC 7", costBand: "7-8a", costIsUpperBound: true, from: "2020-21" },
  { role: "Podiatrists", band: "AfC 7", costBand: "7-8a", costIsUpperBound: true, from: "2020-21" },
  {
    role: "Occupational Therapists",
    band: "AfC 7",
    costBand: "7-8a",
    costIsUpperBound: true,
    from: "2020-21",
  },
  {
    role: "Nursing Associates",
    band: "AfC 4",
    costBand: "4",
    from: "2020-21",
    note: "reimbursable from 2020-10-01",
  },
  {
    role: "Trainee Nursing Associates",
    band: "AfC 3",
    costBand: "3",
    from: "2020-21",
    note: "reimbursable from 2020-10-01",
  },
  { role: "Paramedics", band: "AfC 7", costBand: "7-8a", costIsUpperBound: true, from: "2021-22" },
  {
    role: "Advanced Practitioners",
    band: "AfC 8a",
    costBand: "8a",
    from: "2021-22",
    capPerPcn: {
      "2021-22": "2 per PCN ≤99,999 patients, 3 if ≥100,000",
      "2022-23": "2 per PCN ≤99,999 patients, 3 if ≥100,000",
      "2023-24": "3 per PCN ≤99,999 patients, 6 if ≥100,000",
      "2024-25": "no cap from 2024-25 (2023-24: 3 per PCN ≤99,999 patients, 6 if ≥100,000)",
    },
    note: "advanced clinical practitioner nurses eligible from 2023-24 (ncltraininghub.org)",
  },
  {
    role: "Adult Mental Health Practitioners",
    band: "AfC 5/6",
    costBand: "6",
    costIsUpperBound: true,
    from: "2021-22",
    reimbursedShare: { "2021-22": 0.5, "2022-23": 0.5, "2023-24": 0.5 },
    capPerPcn: {
      "2021-22": "capped by PCN list size (caps removed 2023-24)",
      "2022-23": "capped by PCN list size (caps removed 2023-24)",
      "2023-24": "no cap (caps removed 2023-24)",
      "2024-25": "no cap; fully ARRS-funded from 2024-25 (was 50:50 with the mental health provider)",
    },
    note: "AfC 5/6: costed at the band 6 maximum (an upper bound); 50% ARRS-funded until 2023-24 (50:50 with the mental health provider; fully funded from 2024-25, keymedicalservices.co.uk)",
  },
  {
    role: "Children and Young People Mental Health Practitioners",
    band: "AfC 7/8a",
    costBand: "7-8a",
    from: "2021-22",
    reimbursedShare: { "2021-22": 0.5, "2022-23": 0.5, "2023-24": 0.5 },
    note: "50% ARRS-funded until 2023-24",
  },
  {
    role: "General Practice Assistants",
    band: "AfC 4",
    costBand: "4",
    from: "2022-23",
    note: "added October 2022",
  },
  {
    role: "Digital and Transformation Leads",
    band: "AfC 8a",
    costBand: "8a",
    from: "2022-23",
    note: "added October 2022",
  },
  {
    role: "Apprentice Physician Associates",
    band: "AfC 5",
    costBand: "5",
    from: "2023-24",
    note: "added 2023-24",
  },
  {
    role: "Enhanced Practice Nurses",
    band: "AfC 7",
    costBand: "7-8a",
    costIsUpperBound: true,
    from: "2024-25",
    capPerPcn: {
      "2024-25": "1 per PCN (2 if the PCN list is over 100,000)",
      "2025-26": "no cap (caps on all roles lifted 2025-26)",
    },
  },
  {
    role: "GP",
    band: "GP ARRS",
    costBand: "GP",
    from: "2024-25",
    note: "GPs within two years of CCT from 2024-10-01; any GP from 2026-27",
  },
  { role: "General Practice Nurses (AfC 5)", band: "AfC 5", costBand: "5", from: "2025-26" },
  { role: "General Practice Nurses (AfC 6)", band: "AfC 6", costBand: "6", from: "2025-26" },
  { role: "Consultant Nurses", band: "AfC 8c", costBand: "8c", from: "2025-26" },
  {
    role: "Healthcare Support Workers (AfC 3)",
    band: "AfC 3",
    costBand: "3",
    from: "2025-26",
    note: "the older PCN workforce files' 'Health Support Workers' (not ARRS before 2025-26) are not mapped to it",
  },
];

interface PublishedMaximum {
  amount: number;
  londonOuter?: number;
  londonInner?: number;
  unverified?: boolean;
  source: string;
}

/** Figures a source gives for one role in one year (otherwise the role takes its band's maximum). */
const PUBLISHED: Readonly<Record<string, Readonly<Record<string, PublishedMaximum>>>> = {
  "2020-21": {
    Pharmacists: { amount: 55_670, source: GMPCC_2020 },
    "Nursing Associates": {
      amount: 29_135,
      unverified: true,
      source: `${BMA_2020}: reimbursable from 2020-10-01`,
    },
    "Trainee Nursing Associates": {
      amount: 25_671,
      unverified: true,
      source: `${BMA_2020}: reimbursable from 2020-10-01`,
    },
  },
  "2021-22": {
    "Advanced Practitioners": { amount: 62_705, source: BMA_2021 },
    "Care Coordinators": { amount: 29_726, source: BMA_2021 },
  },
  "2022-23": {
    Pharmacists: { amount: 59_312, source: CD_2022 },
    Physiotherapists: { amount: 59_312, source: PHARMACIST_2023 },
    "Care Coordinators": { amount: 31_746, source: PHARMACIST_2023 },
    "Social Prescribing Link Workers": { amount: 38_187, source: PHARMACIST_2023 },
    "Pharmacy Technicians": { amount: 38_187, source: PHARMACIST_2023 },
  },
  "2023-24": {
    Pharmacists: { amount: 62_340, source: PHARMACIST_2023 },
    Physiotherapists: { amount: 62_340, source: PHARMACIST_2023 },
    "Care Coordinators": { amount: 33_396, source: PHARMACIST_2023 },
    "Social Prescribing Link Workers": { amount: 40_159, source: PHARMACIST_2023 },
    "Pharmacy Technicians": { amount: 40_159, source: PHARMACIST_2023 },
  },
  "2024-25": {
    GP: {
      amount: 92_462,
      londonOuter: 95_233,
      londonInner: 95_233,
      unverified: true,
      source:
        "GP ARRS from 2024-10-01: max £92,462 per GP, £95,233 London (inner/outer not distinguished in the source) (pulsetoday.co.uk; managementinpractice.com 2024-09-30)",
    },
    Pharmacists: {
      amount: 65_838,
      londonOuter: 73_189,
      londonInner: 76_313,
      source: `Clinical pharmacist (AfC 7–8a): ${PHARMACIST_2024}`,
    },
    "Pharmacy Technicians": {
      amount: 42_437,
      londonOuter: 48_991,
      londonInner: 51_176,
      source: `Pharmacy technician (AfC 5): ${PHARMACIST_2024}`,
    },
    Physiotherapists: {
      amount: 65_838,
      unverified: true,
      source:
        "First contact physiotherapist (AfC 7–8a): assumed equal to the clinical pharmacist maximum (same band) — domain notes §C2 [unverified]",
    },
    "Advanced Practitioners": {
      amount: 72_141,
      londonOuter: 79_492,
      londonInner: 82_616,
      source: `Advanced practitioner (AfC 8a): ${PHARMACIST_2024}; cap removed 2024-25 (ncltraininghub.org; keymedicalservices.co.uk)`,
    },
  },
  "2025-26": {
    Pharmacists: {
      amount: 66_972,
      londonOuter: 74_392,
      londonInner: 77_545,
      source: `Clinical pharmacist: ${PHARMACIST_2025}`,
    },
    "Pharmacy Technicians": {
      amount: 43_352,
      londonOuter: 49_967,
      londonInner: 52_172,
      source: `Pharmacy technician: ${PHARMACIST_2025}`,
    },
    "General Practice Nurses (AfC 5)": {
      amount: 43_352,
      source: `General practice nurse new to general practice, band 5 (added to the ARRS 2025-26): ${PULSE_DES_2025}`,
    },
    "General Practice Nurses (AfC 6)": {
      amount: 53_319,
      source: `Experienced general practice nurse, band 6 (added to the ARRS 2025-26): ${PULSE_DES_2025}`,
    },
    "Consultant Nurses": {
      amount: 102_683,
      source: `Consultant nurse in primary care (added to the ARRS 2025-26): ${PULSE_DES_2025}`,
    },
    "Healthcare Support Workers (AfC 3)": {
      amount: 32_159,
      source: `Band 3 healthcare support worker (added to the ARRS 2025-26): ${PULSE_DES_2025}`,
    },
    GP: { amount: 105_882, source: `${HUMBERSIDE_2025}; domain notes §F2 (£82,418 salary)` },
  },
};

const YEAR_ORDER = Object.keys(BAND_MAXIMA);

/** The roles of a contract year with their maxima: published, else the role's band maximum. */
function rolesOf(year: string): ArrsRoleCap[] {
  const at = YEAR_ORDER.indexOf(year);
  const bands = BAND_MAXIMA[year] ?? {};
  return ARRS_ROLE_DEFINITIONS.filter(
    (d) => YEAR_ORDER.indexOf(d.from) <= at && (d.until === undefined || at <= YEAR_ORDER.indexOf(d.until)),
  ).map((d) => {
    // The newest cap text on or before the year.
    const capYear = Object.keys(d.capPerPcn ?? {})
      .filter((y) => y <= year)
      .sort()
      .at(-1);
    const capPerPcn = capYear ? d.capPerPcn![capYear]! : null;
    const reimbursedShare = d.reimbursedShare?.[year] ?? 1;
    const published = PUBLISHED[year]?.[d.role];
    const note = d.note ? `; ${d.note}` : "";
    if (published)
      return {
        role: d.role,
        maxReimbursement: published.amount,
        londonOuter: published.londonOuter ?? null,
        londonInner: published.londonInner ?? null,
        capPerPcn,
        band: d.band,
        basis: "published" as const,
        reimbursedShare,
        ...(published.unverified ? { unverified: true } : {}),
        source: `${published.source}${note}`,
      };
    const band = bands[d.costBand];
    if (!band)
      return {
        role: d.role,
        maxReimbursement: null,
        capPerPcn,
        band: d.band,
        reimbursedShare,
        source: `${d.band}: no maximum found for ${year}${note}`,
      };
    return {
      role: d.role,
      maxReimbursement: band.amount,
      capPerPcn,
      band: d.band,
      basis: band.derived ? ("derived" as const) : ("band" as const),
      reimbursedShare,
      ...(d.costIsUpperBound ? { costIsUpperBound: true } : {}),
      unverified: true,
      bandSource: `the band ${d.costBand} maximum of ${year}, ${band.derived ? "" : "published for another role: "}${band.source}`,
      source:
        `${d.costIsUpperBound && d.costBand === "7-8a" ? BAND_7_NOTE : d.band}: the band ${d.costBand} maximum of ${year}, ` +
        `${band.derived ? "" : "published for another role: "}${band.source}${note}`,
    };
  });
}

/** The ARRS figures of every configured contract year, oldest first. */
export const ARRS_YEARS: readonly ArrsYear[] = [
  {
    year: "2020-21",
    ratePerWeightedPatient: 7.131,
    gpRatePerWeightedPatient: null,
    weightedPopulationDate: "2020-01-01",
    unverified: true,
    roles: rolesOf("2020-21"),
    sources: [
      "ARRS £7.131 per weighted patient 2020-21 (lentells.co.uk, domain notes §C1); £430m nationally (pulse-intelligence.co.uk ARRS 2021-22 explained)",
      "Weighted population date 2020-01-01 inferred from the later years' rule (1 January of the year the contract year starts) [unverified]",
    ],
  },
  {
    year: "2021-22",
    ratePerWeightedPatient: 12.372,
    gpRatePerWeightedPatient: null,
    weightedPopulationDate: "2021-01-01",
    unverified: true,
    roles: rolesOf("2021-22"),
    sources: [
      "Rate derived [unverified]: £7.131 (2020-21) × £746m ÷ £430m, the national maxima of 2021-22 and 2020-21 (pulse-intelligence.co.uk 'the-additional-roles-reimbursement-scheme-for-2021-22-explained'); no 2021-22 rate per weighted patient was found",
      "Inner and outer London weighting added to the maxima from 2021-22 (bma.org.uk); not applied here",
    ],
  },
  {
    year: "2022-23",
    ratePerWeightedPatient: 16.915,
    gpRatePerWeightedPatient: null,
    weightedPopulationDate: "2022-01-01",
    unverified: true,
    roles: rolesOf("2022-23"),
    sources: [
      "Rate derived [unverified]: £7.131 (2020-21) × £1,020m ÷ £430m, 'the maximum ARRS fund for 2022/23 stood at around £1.02bn' (managementinpractice.com 2023-02-08); no 2022-23 rate per weighted patient was found",
      "Role maxima are those from 2022-10-01 (April–September 2022 were lower: clinical pharmacist £57,318)",
    ],
  },
  {
    year: "2023-24",
    ratePerWeightedPatient: 22.671,
    gpRatePerWeightedPatient: null,
    weightedPopulationDate: "2023-01-01",
    roles: rolesOf("2023-24"),
    sources: [
      "£22.671 × PCN contractor weighted population (pulsetoday.co.uk 'pcn-funding-remains-flat-for-2024-25': 'from £22.671 … to £22.894')",
      "Role maxima are those from 2023-07-01 (thepharmacist.co.uk); the sum was not raised with them",
    ],
  },
  {
    year: "2024-25",
    ratePerWeightedPatient: 22.894,
    gpRatePerWeightedPatient: 1.303,
    weightedPopulationDate: "2024-01-01",
    roles: rolesOf("2024-25"),
    sources: [
      "£22.894 × PCN contractor weighted population at 2024-01-01, not raised when maxima rose in October (pulsetoday.co.uk; managementinpractice.com 2024-09-30; doncasterlmc.co.uk/additional-roles-reimbursement-scheme-arrs)",
      "GP ARRS from 2024-10-01: £1.303 × weighted population, £82m nationally (same sources)",
      "Role maxima are those from 2024-10-01; April–September 2024 maxima were lower (not configured)",
      `Role list and bands: ${ARJUS_2024}`,
    ],
  },
  {
    year: "2025-26",
    ratePerWeightedPatient: 26.631,
    gpRatePerWeightedPatient: null,
    weightedPopulationDate: "2025-01-01",
    roles: rolesOf("2025-26"),
    sources: [
      `£26.631 × PCN contractor weighted population at 2025-01-01, GPs included in the one sum (${PULSE_DES_2025}; the Network Contract DES specification 2025-26 §10.5.4 as quoted by ncltraininghub.org additional-reimbursement-scheme)`,
      "GP is a claimable role within the single sum in 2025-26 (same source); no separate GP rate is configured",
    ],
  },
  {
    year: "2026-27",
    ratePerWeightedPatient: 27.3,
    gpRatePerWeightedPatient: null,
    weightedPopulationDate: "2026-01-01",
    unverified: true,
    roles: rolesOf("2026-27"),
    sources: [
      `Rate derived [unverified]: £26.631 (2025-26) × £1,754m ÷ £1,711m, the ARRS pools of the two years (${SSLMC_2026}); the 2026-27 DES rate per weighted patient was not found`,
      `Maxima: 2025-26 × 1.025, the 2026-27 pay assumption; any GP claimable up to the top of the salaried range plus on-costs (${MIP_2026})`,
      "Weighted population date 2026-01-01 by the rule of the earlier years [unverified]",
    ],
  },
];

/** The ARRS figures of a contract year, e.g. `arrsYear("2024-25")`; throws `UnknownContractYearError`. */
export function arrsYear(year: string): ArrsYear {
  const found = ARRS_YEARS.find((y) => y.year === year);
  if (!found)
    throw new UnknownContractYearError(
      year,
      ARRS_YEARS.map((y) => y.year),
    );
  return found;
}

/**
 * A PCN's ARRS entitlement in £: weighted population × (core rate + GP ARRS rate where the year has one).
 * Example: `arrsEntitlement(50_000, "2024-25")` = 50,000 × (22.894 + 1.303) = £1,209,850.
 */
export function arrsEntitlement(weightedPopulation: number, year: string): number {
  const y = arrsYear(year);
  return weightedPopulation * (y.ratePerWeightedPatient + (y.gpRatePerWeightedPatient ?? 0));
}

/**
 * PCN workforce `STAFF_ROLE` (and, for therapists, `DETAILED_STAFF_ROLE`) values whose ARRS role has another
 * name. Roles not listed here keep their file name; roles absent from every ARRS year (directors, managers,
 * admin, health support workers, other direct patient care) are not ARRS roles.
 */
export const PCN_FILE_ROLE_TO_ARRS: Readonly<Record<string, string>> = {
  "Advanced Pharmacist Practitioners": "Advanced Practitioners",
  "Advanced Paramedic Practitioners": "Advanced Practitioners",
  "Advanced Physiotherapist Practitioners": "Advanced Practitioners",
  "Advanced Occupational Therapist Practitioners": "Advanced Practitioners",
  "Advanced Dietician Practitioners": "Advanced Practitioners",
  "Advanced Podiatrist Practitioners": "Advanced Practitioners",
  "Therapist- Occupational Therapist": "Occupational Therapists",
  // Later PCN workforce files (and the demo) name one mental health role; the ARRS splits adult and CYP
  // practitioners. Counted as adult practitioners (the larger group) — an assumption, not a published rule.
  "Mental Health Practitioners": "Adult Mental Health Practitioners",
  // The June 2026 census: GPs salaried by the PCN are taken to be ARRS GPs (the DES's only PCN-level GP
  // funding; an assumption), advanced nurse practitioners count as advanced practitioners (eligible from
  // 2023/24), and healthcare support workers as the band 3 role added in 2025/26. Any role whose name ends in
  // "(Mental Health Practitioners)" is an ARRS mental health practitioner (see arrsRoleForStaff).
  "Salaried By PCN": "GP",
  "Advanced Nurse Practitioners": "Advanced Practitioners",
  "Healthcare Support Workers": "Healthcare Support Workers (AfC 3)",
};

/** Every ARRS role name configured in any year. */
const ARRS_ROLE_NAMES = new Set(ARRS_YEARS.flatMap((y) => y.roles.map((r) => r.role)));

const MENTAL_HEALTH_SUFFIX = /\(Mental Health Practitioners\)\s*$/;

/**
 * The ARRS role of a PCN workforce record, or null when it is not an ARRS role. With `year`, only roles
 * reimbursable in that contract year count (a healthcare support worker of 2022 is not an ARRS role).
 */
export function arrsRoleForStaff(
  staffRole: string,
  detailedRole?: string | null,
  year?: string,
): string | null {
  const byDetail = detailedRole ? PCN_FILE_ROLE_TO_ARRS[detailedRole] : undefined;
  const role =
    byDetail ??
    PCN_FILE_ROLE_TO_ARRS[staffRole] ??
    (MENTAL_HEALTH_SUFFIX.test(staffRole) ? "Adult Mental Health Practitioners" : staffRole);
  if (!ARRS_ROLE_NAMES.has(role)) return null;
  if (year === undefined) return role;
  const y = ARRS_YEARS.find((a) => a.year === year);
  return y && y.roles.some((r) => r.role === role) ? role : null;
}
