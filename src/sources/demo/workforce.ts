// Practice workforce FY2016–FY2025 in the shape of HEEC's fiscal-year means: GPs (excluding trainees and
// locums) every year; partners, locums/trainees, nurses and direct patient care only for FY2023–FY2025 (as
// in the real files); admin every year, with its manager/reception/telephonist split up to FY2024.
// Patients per GP FTE, partner share and staff per 10,000 patients are drawn from the measured FY2025
// distributions (calibration.ts), correlated with deprivation and rurality; GP FTE per patient drifts back
// to FY2016 by the measured by-practice change; partners fall unevenly by place from FY2023, and a couple of
// small practices lose their last partner (calibration.ts PARTNER_CHANGE_FY23_FY25: 1.34% nationally).
import {
  ADMIN_CHANGE_FY16_FY24,
  ADMIN_FTE_PER_10K,
  ADMIN_SPLIT,
  CONTRACT_SHARES,
  DPC_FTE_PER_10K,
  GP_FTE_CHANGE_FY16_FY24,
  GP_PER_PATIENT_CHANGE_QUANTILES,
  HC_PER_FTE,
  HEEC_IMD_QUINTILE_UPPER,
  LIST_GROWTH_PER_YEAR,
  LOCUM_TRAINEE_FTE_PER_10K,
  MANAGER_PARTNER,
  NURSE_FTE_PER_10K,
  NURSE_PARTNER,
  PARTNER_SHARE_QUANTILES,
  PATIENTS_PER_GP_FTE_QUANTILES,
  PRACTICE_LIST_MEDIAN,
  SENIOR_PARTNER_SHARE,
} from "./calibration.ts";
import { correlatedUniform, fromQuantiles, round } from "./distributions.ts";
import { ICB, placeOf } from "./geography.ts";
import type { DemoPractice } from "./practices.ts";
import { listAt, type PracticeProfile } from "./profiles.ts";
import type { Rng } from "./rng.ts";
import type { PracticeWorkforceRow } from "./rows.ts";

export const WORKFORCE_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;
/** First fiscal year with partner, nurse, DPC and locum detail (the HEEC "partners" file). */
const DETAIL_FROM = 2023;
/** Last fiscal year with the admin breakdown (the HEEC "gp-admin" file). */
const ADMIN_SPLIT_TO = 2024;

/** National list growth over the eight years FY2016 → FY2024. */
const LIST_GROWTH_8Y = Math.pow(1 + LIST_GROWTH_PER_YEAR, 8);
/** Admin FTE per patient change FY2016 → FY2024 implied by the national admin change and list growth (+18%). */
const ADMIN_PER_PATIENT_CHANGE = (1 + ADMIN_CHANGE_FY16_FY24) / LIST_GROWTH_8Y;

/** Share of the quantile scale skipped for non-APMS practices, as APMS practices (3.3%) fill part of the zeros. */
const NO_PARTNER_SHIFT = CONTRACT_SHARES.APMS;

const r1 = (v: number) => round(v, 1);
const rurality = (p: DemoPractice) => (p.village ? 1 : p.place === "rural" ? 0.5 : 0);

/** Mean 0, standard deviation 1 (all zeros when the values do not vary). */
function standardise(values: readonly number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return values.map((v) => (sd > 0 ? (v - mean) / sd : 0));
}
/** Fiscal year (by its ending year) → the decimal year its snapshots centre on (about October). */
const midYear = (fy: number) => fy - 0.25;

function quintile(score: number): number {
  const k = HEEC_IMD_QUINTILE_UPPER.findIndex((upper) => score <= upper);
  return k === -1 ? 5 : k + 1;
}

/** Headcount from FTE: the measured HC/FTE ratio with some spread, never below the FTE, at least 1 if any FTE. */
function headcount(rng: Rng, fte: number, ratio: number): number {
  if (fte <= 0) return 0;
  return r1(Math.max(fte, 1, fte * ratio * Math.exp(0.08 * rng.normal())));
}

export function generateWorkforce(
  rng: Rng,
  practices: readonly DemoPractice[],
  profiles: readonly PracticeProfile[],
): { rows: PracticeWorkforceRow[]; losingLastPartner: number[] } {
  const rows: PracticeWorkforceRow[] = [];
  // A couple of small practices in the city or the ex-industrial towns with one partner lose that partner.
  const candidates = practices.filter(
    (p) => (p.place === "city" || p.place === "industrial") && p.list < 6000 && p.contract !== "APMS",
  );
  const losing = new Set(
    rng
      .shuffle(candidates)
      .slice(0, 2)
      .map((p) => p.index),
  );

  // What tilts each practice's draws, standardised across the demo so that the demo's own distributions
  // match the measured ones while deprived, rural, small or dispensing practices sit where they tend to.
  const drivers = {
    ppf: standardise(practices.map((p, i) => 0.6 * profiles[i]!.deprivationZ - 0.6 * rurality(p))),
    partners: standardise(
      practices.map(
        (p, i) =>
          -0.4 * profiles[i]!.deprivationZ +
          0.4 * rurality(p) -
          (p.place === "city" ? 0.2 : 0) -
          0.5 * Math.log(p.list / PRACTICE_LIST_MEDIAN),
      ),
    ),
    locum: standardise(practices.map((p) => (p.list > 9000 ? 1 : 0))),
    nurses: standardise(profiles.map((f) => f.share65)),
    dpc: standardise(practices.map((p) => (p.dispensing ? 1 : 0))),
    admin: standardise(practices.map((p) => (p.dispensing ? 0.8 : 0) + (p.list < 5000 ? 0.6 : 0))),
  };

  const params = practices.map((p, i) => {
    const place = placeOf(p.place);
    // FY2025 levels.
    const ppf = fromQuantiles(
      PATIENTS_PER_GP_FTE_QUANTILES,
      Math.min(0.97, Math.max(0.03, correlatedUniform(rng, drivers.ppf[i]!, 0.35))),
    );
    const gpPerPatient25 = 1 / ppf;
    // APMS practices have no partners; the other practices make up the rest of the measured 6.5% with none.
    // Fewer partners in deprived areas and in big practices (more salaried GPs), more in rural ones.
    const u = correlatedUniform(rng, drivers.partners[i]!, 0.35);
    let partnerShare = fromQuantiles(PARTNER_SHARE_QUANTILES, NO_PARTNER_SHIFT + (1 - NO_PARTNER_SHIFT) * u);
    if (p.contract === "APMS") partnerShare = 0;
    else if (p.role === "single-handed" || losing.has(i)) partnerShare = Math.max(partnerShare, 0.6);
    const change = Math.min(0.3, Math.max(-0.5, place.partnerChange + 0.07 * rng.normal()));
    // GP FTE per patient in FY2016 relative to FY2025, before the common calibration factor.
    const gpBack = 1 / (1 + fromQuantiles(GP_PER_PATIENT_CHANGE_QUANTILES, rng.uniform(0.1, 0.9)));
    const per10k = (points: typeof NURSE_FTE_PER_10K, driver: number) =>
      fromQuantiles(points, correlatedUniform(rng, driver, 0.5));
    const locum10k = per10k(LOCUM_TRAINEE_FTE_PER_10K, drivers.locum[i]!);
    const nurse10k = per10k(NURSE_FTE_PER_10K, drivers.nurses[i]!);
    const dpc10k = per10k(DPC_FTE_PER_10K, drivers.dpc[i]!);
    const admin10k = per10k(ADMIN_FTE_PER_10K, drivers.admin[i]!);
    const senior = Math.min(1, Math.max(0, SENIOR_PARTNER_SHARE + 0.15 * rng.normal()));
    const nursePartner = rng.chance(NURSE_PARTNER.share) ? NURSE_PARTNER.fte : 0;
    const managerPartner = rng.chance(MANAGER_PARTNER.share) ? MANAGER_PARTNER.fte : 0;
    const adminSplit = {
      manager: ADMIN_SPLIT.manager * Math.exp(0.2 * rng.normal()),
      reception: ADMIN_SPLIT.reception * Math.exp(0.1 * rng.normal()),
      telephonist: rng.chance(0.1) ? ADMIN_SPLIT.telephonist * 10 : 0,
    };
    return {
      gpPerPatient25,
      partnerShare,
      change,
      gpBack,
      locum10k,
      nurse10k,
      dpc10k,
      admin10k,
      senior,
      nursePartner,
      managerPartner,
      adminSplit,
    };
  });

  // One factor on every practice's FY2016 level so the demo's total GP FTE moves as the national total did.
  const gpTotal = (fy: number, k: number) =>
    practices.reduce((a, p, i) => {
      const q = params[i]!;
      return a + listAt(p, midYear(fy)) * q.gpPerPatient25 * Math.pow(k * q.gpBack, (2025 - fy) / 9);
    }, 0);
  let lo = 0.2;
  let hi = 5;
  for (let it = 0; it < 60; it++) {
    const k = Math.sqrt(lo * hi);
    // A larger factor raises FY2016 more than FY2024, so the change falls as k grows.
    if (gpTotal(2024, k) / gpTotal(2016, k) - 1 > GP_FTE_CHANGE_FY16_FY24) lo = k;
    else hi = k;
  }
  const gpFactor = Math.sqrt(lo * hi);

  practices.forEach((p, i) => {
    const profile = profiles[i]!;
    const { gpPerPatient25, partnerShare, change, gpBack, locum10k, nurse10k, dpc10k, admin10k } = params[i]!;
    const { senior, nursePartner, managerPartner, adminSplit } = params[i]!;
    for (const fy of WORKFORCE_YEARS) {
      const patients = listAt(p, midYear(fy));
      // HEEC has no row for a practice before its first snapshot (September of the year before).
      if (patients <= 0 || p.openDate > `${fy - 1}-09-30`) continue;
      const detail = fy >= DETAIL_FROM;
      const gpPerPatient =
        gpPerPatient25 *
        Math.pow(gpFactor * gpBack, (2025 - fy) / 9) *
        (fy === 2025 ? 1 : Math.exp(0.03 * rng.normal()));
      let gpFte = r1(Math.max(0.5, patients * gpPerPatient));
      let partnerFte = 0;
      if (detail) {
        // Partners follow their own path: the FY2025 number moved back by the practice's FY2023→FY2025 change.
        const partners25 = partnerShare * gpPerPatient25 * listAt(p, midYear(2025));
        partnerFte = partners25 / Math.pow(1 + change, (2025 - fy) / 2);
        if (losing.has(i)) partnerFte = fy === 2023 ? Math.max(1, partnerFte) : fy === 2024 ? 0.5 : 0;
        partnerFte = r1(partnerFte > 0 ? Math.max(0.5, partnerFte) : 0);
        // Partners are GPs: where the partners outnumber the modelled GPs, the practice has more GPs.
        gpFte = Math.max(gpFte, partnerFte);
      }
      const seniorFte = r1(partnerFte * senior);
      const providerFte = r1(partnerFte - seniorFte);
      const adminPerPatient = (admin10k / 1e4) * Math.pow(ADMIN_PER_PATIENT_CHANGE, (fy - 2025) / 8);
      const adminFte = r1(patients * adminPerPatient * (fy === 2025 ? 1 : Math.exp(0.04 * rng.normal())));
      const dpcFte = r1((patients * dpc10k * Math.pow(1.06, fy - 2025)) / 1e4);
      const nursesFte = r1((patients * nurse10k) / 1e4);
      const locumFte = r1((patients * locum10k) / 1e4);
      const splitYear = fy <= ADMIN_SPLIT_TO;
      rows.push({
        practice_code: p.code,
        fiscal_year: fy,
        icb_name: detail ? ICB.shortName : null,
        patients: r1(patients),
        gp_hc: headcount(rng, gpFte, HC_PER_FTE.gp),
        gp_fte: gpFte,
        locum_trainee_hc: detail
          ? locumFte > 0
            ? headcount(rng, locumFte, HC_PER_FTE.locumTrainee)
            : 0
          : null,
        locum_trainee_fte: detail ? locumFte : null,
        senior_partner_hc: detail ? (seniorFte > 0 ? headcount(rng, seniorFte, 1) : 0) : null,
        senior_partner_fte: detail ? seniorFte : null,
        partner_provider_hc: detail
          ? providerFte > 0
            ? headcount(rng, providerFte, HC_PER_FTE.partner)
            : 0
          : null,
        partner_provider_fte: detail ? providerFte : null,
        nurse_partner_hc: detail ? (nursePartner > 0 ? 1 : 0) : null,
        nurse_partner_fte: detail ? nursePartner : null,
        manager_partner_hc: detail ? (managerPartner > 0 ? 1 : 0) : null,
        manager_partner_fte: detail ? managerPartner : null,
        nurses_hc: detail ? headcount(rng, nursesFte, HC_PER_FTE.nurses) : null,
        nurses_fte: detail ? nursesFte : null,
        dpc_hc: detail ? headcount(rng, dpcFte, HC_PER_FTE.dpc) : null,
        dpc_fte: detail ? dpcFte : null,
        admin_hc: detail ? headcount(rng, adminFte, HC_PER_FTE.admin) : null,
        admin_fte: adminFte,
        admin_manager_fte: splitYear ? r1(adminFte * adminSplit.manager) : null,
        admin_reception_fte: splitYear ? r1(adminFte * adminSplit.reception) : null,
        admin_telephonist_fte: splitYear ? r1(adminFte * adminSplit.telephonist) : null,
        imd_score: profile.imdScore,
        imd_quintile: fy <= 2024 ? quintile(profile.imdScore) : null,
      });
    }
  });
  return { rows, losingLastPartner: [...losing].sort((a, b) => a - b) };
}
