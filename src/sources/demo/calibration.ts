// The figures the synthetic demo ICS is calibrated to. Every measured constant names the file it came from
// (under ../shared/data) and the value `npx tsx scripts/measure-demo-calibration.ts` printed; docs/demo.md
// holds the full table. Constants that are not measured say so ([assumption] or [unverified]).

/** Points of an inverse cumulative distribution: [probability, value], probabilities ascending. */
export type QuantilePoints = readonly (readonly [number, number])[];

// --- Registrations ---------------------------------------------------------------------------------

/**
 * Practice list size, Apr 2025 (registrations/gp-reg-pat-prac-all_2025-04.csv, 6,239 practices):
 * p1 554, p5 2,946, p25 5,826, median 8,748, p75 12,693, p95 21,688, p99 37,342; mean 10,221.
 * The p0 and p100 end points are [assumption]s (the real minimum is 1 and maximum 100,329).
 */
export const PRACTICE_LIST_QUANTILES: QuantilePoints = [
  [0, 1200],
  [0.01, 1500],
  [0.05, 2946],
  [0.25, 5826],
  [0.5, 8748],
  [0.75, 12693],
  [0.95, 21688],
  [0.99, 37342],
  [1, 45000],
];
/** Median practice list, Apr 2025 (gp-reg-pat-prac-all_2025-04.csv): 8,748. */
export const PRACTICE_LIST_MEDIAN = 8748;
/** Mean practice list, Apr 2025 (gp-reg-pat-prac-all_2025-04.csv): 10,221. */
export const PRACTICE_LIST_MEAN = 10221;
/** Share of practices under 4,000 patients, Apr 2025 (gp-reg-pat-prac-all_2025-04.csv): 0.109. */
export const PRACTICE_SHARE_UNDER_4000 = 0.109;
/** Share of practices over 30,000 patients, Apr 2025 (gp-reg-pat-prac-all_2025-04.csv): 0.019. */
export const PRACTICE_SHARE_OVER_30000 = 0.019;

/** Median ICB, Jan 2026 map with Apr 2025 lists (gp-reg-pat-prac-map_2026-01.csv): 128 practices. */
export const ICB_MEDIAN_PRACTICES = 128;
/** Median ICB registered patients (same files): 1,287,574. */
export const ICB_MEDIAN_PATIENTS = 1287574;

/**
 * PCN list size, Jan 2026 map with Apr 2025 lists, excluding `U` (1,298 PCNs): p5 26,932, p25 36,018,
 * median 45,101, p75 56,081, p95 84,952. End points p0/p100 are [assumption]s.
 */
export const PCN_LIST_QUANTILES: QuantilePoints = [
  [0, 18000],
  [0.05, 26932],
  [0.25, 36018],
  [0.5, 45101],
  [0.75, 56081],
  [0.95, 84952],
  [1, 100000],
];
/** PCN band shares (same files): under 30k 0.096, 30–50k 0.524, over 50k 0.381. */
export const PCN_BAND_SHARES = { under30k: 0.096, from30to50k: 0.524, over50k: 0.381 } as const;
/** Median PCN list (same files): 45,101. */
export const PCN_LIST_MEDIAN = 45101;
/** Practices per PCN (gp-reg-pat-prac-map_2026-01.csv): median 4, mean 4.71, p5 1, p95 9. */
export const PRACTICES_PER_PCN_MEDIAN = 4;
/** Share of practices with PCN code `U` (gp-reg-pat-prac-map_2026-01.csv): 59 of 6,171 = 0.0096. */
export const UNALLOCATED_SHARE = 0.0096;

/**
 * National registered-list growth per year, Jan 2021 (60,606,345; history/gp-reg-pat-prac-all_2021-01.csv)
 * → Apr 2025 (63,769,849; gp-reg-pat-prac-all_2025-04.csv): 1.2% a year.
 */
export const LIST_GROWTH_PER_YEAR = 0.012;

/**
 * England registered patients by 5-year band and sex, as shares of all persons, Aug 2026
 * (registrations/2026-08/gp-reg-pat-prac-sing-age-regions_2026-08.csv.gz, the 7 regions summed).
 * Bands 0–4 … 80–84, 85+.
 */
export const ENGLAND_AGE_SHARES = {
  MALE: [
    0.0233, 0.0271, 0.0304, 0.031, 0.0304, 0.0347, 0.0368, 0.0378, 0.0353, 0.0325, 0.0307, 0.0321, 0.0307,
    0.0254, 0.0202, 0.0186, 0.0123, 0.0095,
  ],
  FEMALE: [
    0.0221, 0.0258, 0.0289, 0.0296, 0.03, 0.0342, 0.0362, 0.037, 0.0343, 0.0311, 0.0296, 0.0317, 0.0309,
    0.0263, 0.022, 0.0213, 0.0151, 0.015,
  ],
} as const;
/** Share aged 65+ across the 106 sub-ICB locations, Aug 2026 (same file): p5 0.126, median 0.199, p95 0.265. */
export const SHARE_65_PLUS = { p5: 0.126, median: 0.199, p95: 0.265 } as const;
/**
 * Share aged 65+ across practices with at least 1,000 patients (6,096), July 2026
 * (registrations/2026-07/gp-reg-pat-prac-quin-age_2026-07.zip, the practices' 5-year bands): p5 0.072,
 * p25 0.133, median 0.187, p75 0.237, p95 0.313 — far wider than across places.
 */
export const PRACTICE_SHARE_65_PLUS = {
  p5: 0.072,
  p25: 0.133,
  median: 0.187,
  p75: 0.237,
  p95: 0.313,
} as const;

// --- LSOA catchments (Staffordshire & Stoke-on-Trent subset, Oct 2025) -----------------------------
// registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv

/** LSOAs per practice (141 practices): p25 69, median 105, p75 148. */
export const LSOAS_PER_PRACTICE = { p25: 69, median: 105, p75: 148 } as const;
/** Share of a practice's patients in its top 10 LSOAs: p25 0.548, median 0.703, p75 0.838. */
export const TOP10_LSOA_SHARE = { p25: 0.548, median: 0.703, p75: 0.838 } as const;
/** Share of a practice's LSOA rows with fewer than 5 patients: median 0.542. */
export const SMALL_LSOA_ROW_SHARE = 0.542;
/**
 * Registered patients per LSOA, LSOAs in the Staffordshire + Stoke LADs (696 LSOAs; QNC practices only,
 * so a lower bound): p5 1,142, p25 1,442, median 1,613, p75 1,852, p95 2,599. End points [assumption].
 */
export const LSOA_PATIENTS_QUANTILES: QuantilePoints = [
  [0, 950],
  [0.05, 1142],
  [0.25, 1442],
  [0.5, 1613],
  [0.75, 1852],
  [0.95, 2599],
  [1, 3200],
];
/**
 * Patient → practice distance (km), patient-weighted, with LSOA11 population-weighted centroids for LSOA21
 * codes unchanged since 2011 (96.5% of patients located; + boundaries/lsoa11_population_weighted_centroids.csv
 * + practices/practice_postcode_coordinates_codepoint_2025-10.csv): p25 0.67, median 1.31, p75 2.66, p90 4.58;
 * 65.9% within 2 km, 92.0% within 5 km.
 */
export const PATIENT_DISTANCE_KM = { p25: 0.67, median: 1.31, p75: 2.66, p90: 4.58 } as const;
/**
 * IMD 2025 decile shares of the 696 Staffordshire + Stoke LSOAs (deprivation/iod2025_imd_rank_decile_lsoa21.csv):
 * one real ICS's mix, used as the demo ICS's LSOA decile mix (decile 1 = most deprived).
 */
export const LSOA_DECILE_SHARES = [
  0.089, 0.106, 0.085, 0.08, 0.078, 0.134, 0.105, 0.115, 0.121, 0.088,
] as const;
/** LSOAs in England, IoD2025 (deprivation/iod2025_imd_rank_decile_lsoa21.csv): 33,755. */
export const ENGLAND_LSOAS_2021 = 33755;
/**
 * IMD score by national LSOA rank percentile (0 = most deprived). [assumption]: LSOA-level scores are not in
 * shared/data (README: File 5/7 too large); these approximate the IMD 2019 score deciles. Used only to give
 * practices an IMD score (workforce `imd_score`), calibrated below.
 */
export const LSOA_SCORE_BY_RANK_PERCENTILE: QuantilePoints = [
  [0, 88],
  [0.1, 45],
  [0.2, 34],
  [0.3, 27],
  [0.4, 22],
  [0.5, 17.5],
  [0.6, 14],
  [0.7, 11],
  [0.8, 8.5],
  [0.9, 6],
  [1, 0.8],
];
/** Practice IMD 2019 score (deprivation/practice_imd2019_score_swahsn_2023-01.csv): p5 8.4, median 21.4, p95 46.1. */
export const PRACTICE_IMD_SCORE = { p5: 8.4, median: 21.4, p95: 46.1 } as const;
/** HEEC practice IMD quintile upper bounds, FY2024 (1 = least deprived; workforce/…fy2023-2025_partners.csv). */
export const HEEC_IMD_QUINTILE_UPPER = [12.8, 18.2, 24.6, 32.9] as const;

// --- Workforce (HEEC fiscal-year means of NHS Digital General Practice Workforce) -------------------
// workforce/heec_practice_workforce_fy2023-2025_partners.csv, FY2025, practices with ≥ 1,000 patients and GP FTE > 0

/** Patients per GP FTE (excl. trainees/locums), FY2025: p5 1,380, p25 1,866, median 2,341, p75 3,163, p95 6,181. */
export const PATIENTS_PER_GP_FTE_QUANTILES: QuantilePoints = [
  [0, 1000],
  [0.05, 1380],
  [0.25, 1866],
  [0.5, 2341],
  [0.75, 3163],
  [0.95, 6181],
  [1, 9000],
];
/** Median patients per GP FTE, FY2025: 2,341. */
export const PATIENTS_PER_GP_FTE_MEDIAN = 2341;
/** GP FTE per 10,000 patients, FY2025: median 4.272 (IQR 3.161–5.358), national 4.271. */
export const GP_FTE_PER_10K = { p25: 3.161, median: 4.272, p75: 5.358 } as const;
/**
 * Partner (senior + partner/provider) FTE ÷ GP FTE, FY2025: national 0.585; by practice p25 0.443, median
 * 0.639, p75 0.867, p95 1; 6.5% of practices have no partner, 18.5% are all partners.
 */
export const PARTNER_SHARE_QUANTILES: QuantilePoints = [
  [0, 0],
  [0.065, 0],
  [0.066, 0.12],
  [0.25, 0.443],
  [0.5, 0.639],
  [0.75, 0.867],
  [0.815, 1],
  [1, 1],
];
/** National partner FTE share of GP FTE, FY2025: 0.585. */
export const PARTNER_SHARE_NATIONAL = 0.585;
/** Senior partners' share of partner FTE, FY2025: 0.185. */
export const SENIOR_PARTNER_SHARE = 0.185;
/** Practices with a nurse partner, FY2025: 0.012 (mean 0.853 FTE); with a management partner: 0.063 (0.913 FTE). */
export const NURSE_PARTNER = { share: 0.012, fte: 0.853 } as const;
export const MANAGER_PARTNER = { share: 0.063, fte: 0.913 } as const;
/** Headcount per FTE, FY2025 national sums: GP 1.398, partners 1.201, nurses 1.424, DPC 1.366, admin 1.378, locum/trainee 1.111. */
export const HC_PER_FTE = {
  gp: 1.398,
  partner: 1.201,
  nurses: 1.424,
  dpc: 1.366,
  admin: 1.378,
  locumTrainee: 1.111,
} as const;
/** Nurse FTE per 10k, FY2025: p5 0.725, p25 1.512, median 2.299, p75 3.382, p95 5.458 (national 2.603). */
export const NURSE_FTE_PER_10K: QuantilePoints = [
  [0, 0.3],
  [0.05, 0.725],
  [0.25, 1.512],
  [0.5, 2.299],
  [0.75, 3.382],
  [0.95, 5.458],
  [1, 7.5],
];
/** DPC FTE per 10k, FY2025: p5 0, p25 1.012, median 1.966, p75 3.456, p95 7.349 (national 2.683). */
export const DPC_FTE_PER_10K: QuantilePoints = [
  [0, 0],
  [0.05, 0],
  [0.25, 1.012],
  [0.5, 1.966],
  [0.75, 3.456],
  [0.95, 7.349],
  [1, 10],
];
/** Admin FTE per 10k, FY2025: p5 6.197, p25 9.336, median 11.689, p75 14.194, p95 19.106 (national 11.93). */
export const ADMIN_FTE_PER_10K: QuantilePoints = [
  [0, 4],
  [0.05, 6.197],
  [0.25, 9.336],
  [0.5, 11.689],
  [0.75, 14.194],
  [0.95, 19.106],
  [1, 25],
];
/** Locum + trainee GP FTE per 10k, FY2025: p25 0, median 1.071, p75 2.272, p95 4.651 (national 1.52). */
export const LOCUM_TRAINEE_FTE_PER_10K: QuantilePoints = [
  [0, 0],
  [0.25, 0],
  [0.5, 1.071],
  [0.75, 2.272],
  [0.95, 4.651],
  [1, 7],
];
/**
 * Admin FTE split, FY2024 (workforce/heec_practice_workforce_fy2016-2024_gp_admin.csv): manager 0.139,
 * reception 0.540, telephonist 0.008.
 */
export const ADMIN_SPLIT = { manager: 0.139, reception: 0.54, telephonist: 0.008 } as const;
/**
 * Partner FTE change FY2023 → FY2025, same practices (…fy2023-2025_partners.csv): national −3.08% (HC −2.49%);
 * by ICB min −8.59%, p5 −6.83%, median −3.05%, p95 −0.27%, max +2.12%; 1.34% of practices with a partner in
 * FY2023 had none in FY2025.
 */
export const PARTNER_CHANGE_FY23_FY25 = {
  national: -0.0308,
  icbMin: -0.0859,
  icbP5: -0.0683,
  icbMedian: -0.0305,
  icbP95: -0.0027,
  icbMax: 0.0212,
  lostLastPartner: 0.0134,
} as const;
/**
 * GP FTE (excl. trainees/locums) national sum, FY2016 27,372 → FY2024 26,561: −2.96%
 * (workforce/heec_practice_workforce_fy2016-2024_gp_admin.csv). Patients per GP FTE 2,079 → 2,368.
 */
export const GP_FTE_CHANGE_FY16_FY24 = -0.0296;
/**
 * GP FTE per patient change FY2016 → FY2024 by practice (same file, 5,696 practices): p5 −0.638, p25 −0.341,
 * median −0.155, p75 +0.039, p95 +0.479.
 */
export const GP_PER_PATIENT_CHANGE_QUANTILES: QuantilePoints = [
  [0, -0.7],
  [0.05, -0.638],
  [0.25, -0.341],
  [0.5, -0.155],
  [0.75, 0.039],
  [0.95, 0.479],
  [1, 0.8],
];
/** Admin FTE national change FY2016 → FY2024 (same file): +30.72%. */
export const ADMIN_CHANGE_FY16_FY24 = 0.3072;

// --- Payments ----------------------------------------------------------------------------------------

/** Weighted ÷ registered patients, 2021-22 (payments/nhs-payments-gp_2021-22.csv, ≥ 1,000 patients): p5 0.854, p25 0.939, median 1.004, p75 1.076, p95 1.187. */
export const WEIGHTED_RATIO = { p5: 0.854, p25: 0.939, median: 1.004, p75: 1.076, p95: 1.187 } as const;

/**
 * Global sum £ per weighted patient by fiscal year, as used by the demo.
 * - 2019-20 85.85, 2020-21 89.29, 2021-22 92.36: measured, median Global Sum ÷ weighted patients over GMS
 *   practices (payments/history/nhs-payments-gp_2019-20.csv, …_2020-21.csv, payments/nhs-payments-gp_2021-22.csv).
 *   Below the contract rate because the weighted list is the last known figure while the year's payments
 *   follow quarterly lists.
 * - 2024-25 112.50: ../shared/docs/domain.md C3 (SFE 2024; PQ answer) — the contract rate.
 * - 2022-23 98.64 and 2023-24 105.34: [unverified] geometric interpolation between 2021-22 and 2024-25 (the
 *   2022-23 payments file is held out for evaluation and was not read).
 */
export const GLOBAL_SUM_PER_WEIGHTED: Readonly<Record<string, number>> = {
  "2019-20": 85.85,
  "2020-21": 89.29,
  "2021-22": 92.36,
  "2022-23": 98.64,
  "2023-24": 105.34,
  "2024-25": 112.5,
};
/** Fiscal years of the demo payments datasets (like the real one-file-per-year publication). */
export const PAYMENT_YEARS = ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"] as const;
/**
 * Index of payments other than the global sum, 2021-22 = 1. [unverified]: from the QOF point value (2021-22
 * £201.16 [unverified], 2024-25 £220.62 per domain.md C3), applied to QOF and the other lines alike.
 */
export const OTHER_PAYMENTS_INDEX: Readonly<Record<string, number>> = {
  "2019-20": 0.94,
  "2020-21": 0.97,
  "2021-22": 1,
  "2022-23": 1.032,
  "2023-24": 1.061,
  "2024-25": 1.097,
};
/** QOF £ per registered patient, 2021-22 (payments/nhs-payments-gp_2021-22.csv): p5 7.59, median 13.10, p95 17.53. */
export const QOF_PER_REGISTERED: QuantilePoints = [
  [0, 4],
  [0.05, 7.59],
  [0.25, 11.01],
  [0.5, 13.1],
  [0.75, 14.91],
  [0.95, 17.53],
  [1, 21],
];
/** Total NHS payments £ per registered patient, 2021-22 (same file): p25 136.35, median 152.59, p75 173.89. */
export const TOTAL_PER_REGISTERED = { p25: 136.35, median: 152.59, p75: 173.89 } as const;
/** Deductions (pensions, levies, prescription charges) ÷ total payments, 2021-22 (same file): −0.079. */
export const DEDUCTIONS_SHARE = -0.079;
/** Contract types, 2021-22 (same file): GMS 0.717, PMS 0.25, APMS 0.033. */
export const CONTRACT_SHARES = { GMS: 0.717, PMS: 0.25, APMS: 0.033 } as const;
/** Dispensing practices, 2021-22 (same file): 0.145. */
export const DISPENSING_SHARE = 0.145;
/**
 * Other payment lines, national £ per registered patient, 2021-22 (same file). PCN lines are paid to one
 * nominated practice per PCN (19.2% of practices receive them); dispensing lines are medians over
 * dispensing practices (fee 18.22, drugs 50.90) and others (drugs 3.13, prescribing fee 0.51).
 */
export const LINES_PER_REGISTERED_2021_22 = {
  "Childhood Vaccination and Immunisation Scheme": 0.44,
  "Influenza and Pneumococcal Immunisations": 2.12,
  "Learning Disabilities": 0.55,
  "Minor Surgery": 0.73,
  Meningitis: 0.27,
  Pertussis: 0.04,
  "Rotavirus and Shingles Immunisation": 0.23,
  "Total Local Incentive Schemes": 9.71,
  "Premises Payments": 13.18,
  "Appraisal Costs": 0.04,
  "PCO Admin Other": 1.33,
  "Non DES Item Pneumococcal Vaccine, Childhood Immunisation Main Programme": 0.2,
  "PCN Participation": 1.71,
  "Other Payments": 7.63,
  "PCN Leadership": 1.18,
  "PCN Support": 1.41,
  "PCN Extended Hours Access": 1.07,
  "PCN Workforce": 5.36,
  "PCN Investment and impact Fund": 0.51,
  "PCN Care Home Premium": 0.59,
  "Covid Immunisation": 12.44,
  "Covid Support and Expansion": 0.28,
  "Long Covid": 0.32,
  "winter Access Fund": 0.53,
} as const;
export const DISPENSING_LINES = {
  dispensingFee: 18.22,
  drugsDispensing: 50.9,
  drugsOther: 3.13,
  prescribingFeeOther: 0.51,
} as const;

// --- PCN (ARRS) workforce, Sep 2022 ---------------------------------------------------------------
// workforce/pcn_individual_level/pcn-workforce-individual-level_2022-09.csv against PCN lists from
// registrations/history/gp-reg-pat-prac-map_2022-01.csv + gp-reg-pat-prac-all_2022-05.csv

/**
 * Direct patient care (ARRS) FTE per 10,000 patients by PCN, Sep 2022: all PCNs p25 1.20, median 2.15,
 * p75 2.98 (13.6% report none; national 2.06); PCNs that report: p5 0.65, p25 1.65, median 2.38, p75 3.11,
 * p95 4.14. The demo draws from the reporting PCNs (by Sep 2025 every PCN employs ARRS staff), at Sep 2022
 * levels: [unverified] ARRS staffing grew after 2022, but no later individual-level file is in shared/data.
 */
export const ARRS_FTE_PER_10K: QuantilePoints = [
  [0, 0.3],
  [0.05, 0.65],
  [0.25, 1.65],
  [0.5, 2.38],
  [0.75, 3.11],
  [0.95, 4.14],
  [1, 5.5],
];
/** Median ARRS FTE per 10k over all PCNs, Sep 2022: 2.15. */
export const ARRS_FTE_PER_10K_MEDIAN_ALL = 2.15;
/**
 * Role mix, share of direct patient care FTE by STAFF_ROLE, Sep 2022 (12,721 FTE), with the measured mean FTE per
 * record. Roles under 0.5% are folded into "Other Direct Patient Care".
 */
export const ARRS_ROLE_MIX: readonly { role: string; detailed: string; share: number; fte: number }[] = [
  { role: "Pharmacists", detailed: "Pharmacist", share: 0.269, fte: 0.88 },
  {
    role: "Social Prescribing Link Workers",
    detailed: "Social Prescribing Link Worker",
    share: 0.1609,
    fte: 0.91,
  },
  { role: "Care Coordinators", detailed: "Care Coordinator", share: 0.1489, fte: 0.83 },
  { role: "Pharmacy Technicians", detailed: "Pharmacy Technician", share: 0.0824, fte: 0.89 },
  { role: "Physiotherapists", detailed: "Physiotherapist", share: 0.0764, fte: 0.81 },
  { role: "Physician Associates", detailed: "Physician Associate", share: 0.0517, fte: 0.94 },
  { role: "Health and Wellbeing Coaches", detailed: "Health and Wellbeing Coach", share: 0.0454, fte: 0.91 },
  { role: "Paramedics", detailed: "Paramedic", share: 0.0447, fte: 0.88 },
  {
    role: "Other Direct Patient Care",
    detailed: "Other",
    share: 0.0256 + 0.0046 + 0.0023 + 0.0016,
    fte: 0.85,
  },
  {
    role: "Advanced Pharmacist Practitioners",
    detailed: "Advanced Pharmacist Practitioner",
    share: 0.0206,
    fte: 0.86,
  },
  { role: "Trainee Nursing Associates", detailed: "Trainee Nursing Associate", share: 0.0197, fte: 0.98 },
  { role: "Therapists", detailed: "Therapist- Occupational Therapist", share: 0.0131, fte: 0.89 },
  { role: "Nursing Associates", detailed: "Nursing Associate", share: 0.012, fte: 0.94 },
  {
    role: "Advanced Paramedic Practitioners",
    detailed: "Advanced Paramedic Practitioner",
    share: 0.0101,
    fte: 0.89,
  },
  { role: "Dieticians", detailed: "Dietician", share: 0.0061, fte: 0.8 },
];
/**
 * [assumption] Mental health practitioners: an ARRS role from 2021 (domain.md C2) that the Sep 2022 file does
 * not name separately. The demo gives them this share of ARRS FTE, taken proportionally from the roles above.
 */
export const ARRS_MENTAL_HEALTH_SHARE = 0.03;
/** Contracted-services share of direct patient care FTE, Sep 2022: 0.186. */
export const ARRS_CONTRACTED_SHARE = 0.186;
/**
 * Non-clinical PCN staff, FTE per reporting PCN, Sep 2022: clinical director (GP) 0.178, managers 0.397,
 * other admin 0.681, clinical director (nurse) 0.023.
 */
export const PCN_SUPPORT_FTE = { clinicalDirector: 0.178, managers: 0.397, admin: 0.681 } as const;

// --- ePCN --------------------------------------------------------------------------------------------

/** Start month of current ePCN memberships (other/epcn/epcn_2024-10_pcn_core_partner_details.csv): Oct 2019 0.876. */
export const MEMBERSHIP_START_OCT_2019_SHARE = 0.876;
