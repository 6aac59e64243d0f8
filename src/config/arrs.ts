// Additional Roles Reimbursement Scheme (ARRS) figures by contract year, each with its source.
// See ../shared/docs/domain.md §C2. Add a year here rather than editing code. A figure is marked
// `unverified` when it comes from a secondary source outside the domain notes, is marked [unverified]
// there, or is inferred; the full role table is in the Network Contract DES specification (Annex B), which
// must be checked before any figure here is relied on.

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
export class UnknownContractYearError extends Error {
  constructor(
    readonly year: string,
    readonly known: readonly string[],
  ) {
    super(
      `No ARRS figures are configured for contract year '${year}': expected one of ${known.join(", ")} (src/config/arrs.ts)`,
    );
    this.name = "UnknownContractYearError";
  }
}

const ARJUS_ROLES_2024 =
  "arjus.co.uk ARRS ready reckoner 2024/25 (role list and AfC bands); maximum not found in the sources read";
const PHARMACIST_2024 =
  "thepharmacist.co.uk 'pcns-can-claim-more-per-arrs-role…' (2024/25 maxima from 1 Oct 2024)";
const PHARMACIST_2025 =
  "pharmaceutical-journal.com 'nhs-england-increases-arrs-reimbursement-for-pharmacists' (2025/26)";
const PULSE_DES_2025 =
  "pulsetoday.co.uk 'consultant-nurses-added-to-arrs-in-new-network-contract' (Network Contract DES 2025/26, published March 2025)";

/** 2024/25 roles (arjus list, domain notes §C2) with the maxima from 1 October 2024 where published. */
const ROLES_2024_25: ArrsRoleCap[] = [
  {
    role: "GP",
    maxReimbursement: 92_462,
    londonOuter: 95_233,
    londonInner: 95_233,
    unverified: true,
    source:
      "GP ARRS from 1 Oct 2024: max £92,462 per GP, £95,233 London (inner/outer not distinguished in the source) (pulsetoday.co.uk; managementinpractice.com 30 Sep 2024)",
  },
  {
    role: "Pharmacists",
    maxReimbursement: 65_838,
    londonOuter: 73_189,
    londonInner: 76_313,
    source: `Clinical pharmacist (AfC 7–8a): ${PHARMACIST_2024}`,
  },
  {
    role: "Pharmacy Technicians",
    maxReimbursement: 42_437,
    londonOuter: 48_991,
    londonInner: 51_176,
    source: `Pharmacy technician (AfC 5): ${PHARMACIST_2024}`,
  },
  {
    role: "Physiotherapists",
    maxReimbursement: 65_838,
    unverified: true,
    source:
      "First contact physiotherapist (AfC 7–8a): assumed equal to the clinical pharmacist maximum (same band) — domain notes §C2 [unverified]",
  },
  {
    role: "Advanced Practitioners",
    maxReimbursement: 72_141,
    londonOuter: 79_492,
    londonInner: 82_616,
    capPerPcn: "no cap from 2024/25 (2023/24: 3 per PCN ≤99,999 patients, 6 if ≥100,000)",
    source: `Advanced practitioner (AfC 8a): ${PHARMACIST_2024}; cap removed 2024/25 (ncltraininghub.org; keymedicalservices.co.uk)`,
  },
  { role: "Social Prescribing Link Workers", maxReimbursement: null, source: `AfC ≤5: ${ARJUS_ROLES_2024}` },
  { role: "Health and Wellbeing Coaches", maxReimbursement: null, source: `AfC ≤5: ${ARJUS_ROLES_2024}` },
  { role: "Care Coordinators", maxReimbursement: null, source: `AfC 4: ${ARJUS_ROLES_2024}` },
  { role: "Physician Associates", maxReimbursement: null, source: `AfC 7: ${ARJUS_ROLES_2024}` },
  {
    role: "Apprentice Physician Associates",
    maxReimbursement: null,
    source: `AfC 5 (added 2023/24): ${ARJUS_ROLES_2024}`,
  },
  { role: "Dieticians", maxReimbursement: null, source: `AfC 7: ${ARJUS_ROLES_2024}` },
  { role: "Podiatrists", maxReimbursement: null, source: `AfC 7: ${ARJUS_ROLES_2024}` },
  { role: "Occupational Therapists", maxReimbursement: null, source: `AfC 7: ${ARJUS_ROLES_2024}` },
  { role: "Trainee Nursing Associates", maxReimbursement: null, source: `AfC 3: ${ARJUS_ROLES_2024}` },
  { role: "Nursing Associates", maxReimbursement: null, source: `AfC 4: ${ARJUS_ROLES_2024}` },
  { role: "Paramedics", maxReimbursement: null, source: `AfC 7: ${ARJUS_ROLES_2024}` },
  { role: "General Practice Assistants", maxReimbursement: null, source: `AfC 4: ${ARJUS_ROLES_2024}` },
  { role: "Digital and Transformation Leads", maxReimbursement: null, source: `AfC 8a: ${ARJUS_ROLES_2024}` },
  {
    role: "Enhanced Practice Nurses",
    maxReimbursement: null,
    capPerPcn: "1 per PCN (2 if the PCN list is over 100,000)",
    source: `AfC 7: ${ARJUS_ROLES_2024}; cap: ncltraininghub.org, keymedicalservices.co.uk`,
  },
  {
    role: "Adult Mental Health Practitioners",
    maxReimbursement: null,
    capPerPcn: "no cap (caps removed 2023/24; fully ARRS-funded)",
    source: `AfC 5/6: ${ARJUS_ROLES_2024}; caps: ncltraininghub.org`,
  },
  {
    role: "Children and Young People Mental Health Practitioners",
    maxReimbursement: null,
    capPerPcn: "no cap (caps removed 2023/24)",
    source: `AfC 7/8a: ${ARJUS_ROLES_2024}; caps: ncltraininghub.org`,
  },
];

/** The ARRS figures of every configured contract year, oldest first. */
export const ARRS_YEARS: readonly ArrsYear[] = [
  {
    year: "2020-21",
    ratePerWeightedPatient: 7.131,
    gpRatePerWeightedPatient: null,
    weightedPopulationDate: "2020-01-01",
    unverified: true,
    roles: [
      {
        role: "Nursing Associates",
        maxReimbursement: 29_135,
        unverified: true,
        source: "bma.org.uk primary-care-network-funding (26 Nov 2020): reimbursable from 1 Oct 2020",
      },
      {
        role: "Trainee Nursing Associates",
        maxReimbursement: 25_671,
        unverified: true,
        source: "bma.org.uk primary-care-network-funding (26 Nov 2020): reimbursable from 1 Oct 2020",
      },
    ],
    sources: [
      "ARRS £7.131 per weighted patient 2020/21 (lentells.co.uk, domain notes §C1)",
      "Weighted population date 1 January 2020 inferred from the later years' rule (1 January of the year the contract year starts) [unverified]",
    ],
  },
  {
    year: "2024-25",
    ratePerWeightedPatient: 22.894,
    gpRatePerWeightedPatient: 1.303,
    weightedPopulationDate: "2024-01-01",
    roles: ROLES_2024_25,
    sources: [
      "£22.894 × PCN contractor weighted population at 1 January 2024, not raised when maxima rose in October (pulsetoday.co.uk; managementinpractice.com 30 Sep 2024; doncasterlmc.co.uk/additional-roles-reimbursement-scheme-arrs)",
      "GP ARRS from 1 Oct 2024: £1.303 × weighted population, £82m nationally (same sources)",
      "Role maxima are those from 1 Oct 2024; April–September 2024 maxima were lower (not configured)",
    ],
  },
  {
    year: "2025-26",
    ratePerWeightedPatient: 26.631,
    gpRatePerWeightedPatient: null,
    weightedPopulationDate: "2025-01-01",
    roles: [
      {
        role: "Pharmacists",
        maxReimbursement: 66_972,
        londonOuter: 74_392,
        londonInner: 77_545,
        source: `Clinical pharmacist: ${PHARMACIST_2025}`,
      },
      {
        role: "Pharmacy Technicians",
        maxReimbursement: 43_352,
        londonOuter: 49_967,
        londonInner: 52_172,
        source: `Pharmacy technician: ${PHARMACIST_2025}`,
      },
      {
        role: "General Practice Nurses (AfC 5)",
        maxReimbursement: 43_352,
        source: `General practice nurse new to general practice, band 5 (added to the ARRS 2025/26): ${PULSE_DES_2025}`,
      },
      {
        role: "General Practice Nurses (AfC 6)",
        maxReimbursement: 53_319,
        source: `Experienced general practice nurse, band 6 (added to the ARRS 2025/26): ${PULSE_DES_2025}`,
      },
      {
        role: "Consultant Nurses",
        maxReimbursement: 102_683,
        source: `Consultant nurse in primary care (added to the ARRS 2025/26): ${PULSE_DES_2025}`,
      },
      {
        role: "Healthcare Support Workers (AfC 3)",
        maxReimbursement: 32_159,
        source: `Band 3 healthcare support worker (added to the ARRS 2025/26): ${PULSE_DES_2025}. The PCN workforce files' 'Health Support Workers' (not ARRS before 2025/26) are not mapped to it`,
      },
    ],
    sources: [
      `£26.631 × PCN contractor weighted population at 1 January 2025, GPs included in the one sum (${PULSE_DES_2025}; the Network Contract DES specification 2025/26 §10.5.4 as quoted by ncltraininghub.org additional-reimbursement-scheme)`,
      "GP is a claimable role within the single sum in 2025/26 (same source); no separate GP rate is configured",
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
};

/** Every ARRS role name configured in any year. */
const ARRS_ROLE_NAMES = new Set(ARRS_YEARS.flatMap((y) => y.roles.map((r) => r.role)));

/** The ARRS role of a PCN workforce record, or null when it is not an ARRS role. */
export function arrsRoleForStaff(staffRole: string, detailedRole?: string | null): string | null {
  const byDetail = detailedRole ? PCN_FILE_ROLE_TO_ARRS[detailedRole] : undefined;
  const role = byDetail ?? PCN_FILE_ROLE_TO_ARRS[staffRole] ?? staffRole;
  return ARRS_ROLE_NAMES.has(role) ? role : null;
}
