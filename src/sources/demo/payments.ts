// NHS Payments to General Practice, FY2019-20 … FY2024-25, one set of rows per year like the published
// files. Registered patients follow each list back in time; weighted patients apply a Carr-Hill-like index
// (older and more deprived lists weigh more, rural ones a little more); the global sum is weighted patients ×
// the year's rate (calibration.ts GLOBAL_SUM_PER_WEIGHTED) for GMS and APMS practices, while PMS practices are
// paid the same sum as "Balance of PMS Expenditure" with a global sum of 0, as in the real files. QOF and the
// other lines are per-patient amounts measured from 2021-22, moved by a yearly index. PCN lines are paid to
// each network's nominated practice.
import {
  DEDUCTIONS_SHARE,
  DISPENSING_LINES,
  GLOBAL_SUM_PER_WEIGHTED,
  LINES_PER_REGISTERED_2021_22 as L,
  OTHER_PAYMENTS_INDEX,
  PAYMENT_YEARS,
  QOF_PER_REGISTERED,
} from "./calibration.ts";
import { correlatedUniform, fromQuantiles, round } from "./distributions.ts";
import { placeOf } from "./geography.ts";
import { pcnOn, type DemoNetworks } from "./networks.ts";
import type { DemoPractice } from "./practices.ts";
import { listAt, type PracticeProfile } from "./profiles.ts";
import type { Rng } from "./rng.ts";
import type { PaymentRow } from "./rows.ts";

/**
 * Relative cost of a patient by 5-year band (0_4 … 85+), male then female. [assumption] An illustrative
 * consultation-cost curve, not the Carr-Hill coefficients (not in shared/data); with the needs, rurality
 * and turnover factors below it gives weighted/registered ratios with the measured spread.
 */
const COST_CURVE = {
  MALE: [1.3, 0.55, 0.5, 0.55, 0.55, 0.6, 0.65, 0.7, 0.75, 0.85, 0.95, 1.05, 1.2, 1.4, 1.65, 1.95, 2.2, 2.4],
  FEMALE: [
    1.25, 0.55, 0.55, 0.9, 1.1, 1.15, 1.15, 1.05, 1.0, 1.05, 1.1, 1.15, 1.25, 1.45, 1.7, 2.0, 2.3, 2.6,
  ],
};
/** [assumption] Needs index per standard deviation of practice deprivation. */
const NEEDS_PER_SD = 0.07;
/** [assumption] ARRS reimbursement (the "PCN Workforce" line) by year relative to 2021-22, as the scheme grew. */
const ARRS_SPEND_INDEX: Readonly<Record<string, number>> = {
  "2020-21": 0.4,
  "2021-22": 1,
  "2022-23": 1.6,
  "2023-24": 2.2,
  "2024-25": 2.6,
};
/** [assumption] Covid lines of 2020-21, £ per registered patient (2021-22 values are measured). */
const COVID_2020_21 = { immunisation: 4.5, support: 2.4 };

const costIndex = (weights: readonly number[]) => {
  const curve = [...COST_CURVE.MALE, ...COST_CURVE.FEMALE];
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.reduce((a, w, i) => a + w * curve[i]!, 0) / total;
};

/** Carr-Hill-like weighted/registered ratio of each practice (before the small year-to-year drift). */
export function weightedRatios(
  rng: Rng,
  practices: readonly DemoPractice[],
  profiles: readonly PracticeProfile[],
  englandWeights: readonly number[],
): number[] {
  const england = costIndex(englandWeights);
  return practices.map((p, i) => {
    const profile = profiles[i]!;
    const age = costIndex(profile.ageWeights) / england;
    const needs = 1 + NEEDS_PER_SD * Math.max(-2, Math.min(2.5, profile.deprivationZ));
    const rurality = p.village ? 1.04 : p.place === "rural" ? 1.01 : 1;
    const turnover = p.role === "student" ? 1.06 : p.role === "new" ? 1.04 : p.place === "city" ? 1.01 : 1;
    const mff = 1 + 0.012 * rng.normal();
    return age * needs * rurality * turnover * mff * (1 + 0.02 * rng.normal());
  });
}

const money = (v: number) => round(v, 2);

export function generatePayments(
  rng: Rng,
  practices: readonly DemoPractice[],
  profiles: readonly PracticeProfile[],
  ratios: readonly number[],
  networks: DemoNetworks,
): Record<string, PaymentRow[]> {
  // Per-practice levels, fixed across years.
  const levels = practices.map((p, i) => {
    const profile = profiles[i]!;
    const spread = (sd: number) => Math.exp(sd * rng.normal() - (sd * sd) / 2);
    return {
      qof: fromQuantiles(
        QOF_PER_REGISTERED,
        correlatedUniform(rng, (profile.share65 - 0.19) * 10 - 0.4 * profile.deprivationZ, 0.4),
      ),
      premises: L["Premises Payments"] * spread(0.45),
      lis:
        L["Total Local Incentive Schemes"] *
        { city: 1.2, industrial: 1, towns: 0.8, rural: 0.7 }[p.place] *
        spread(0.3),
      other: L["Other Payments"] * spread(0.5),
      pcoAdmin: L["PCO Admin Other"] * spread(0.8),
      minorSurgery: L["Minor Surgery"] * spread(0.6),
      premium: p.contract === "PMS" ? 0.02 + 0.03 * rng.normal() : 0,
      apms: p.contract === "APMS" ? 1 + 0.08 * rng.normal() : 1,
      drift: 0.004 * rng.normal(),
      seniority: rng.chance(0.6) ? 0.9 * spread(0.5) : 0,
    };
  });

  const out: Record<string, PaymentRow[]> = {};
  PAYMENT_YEARS.forEach((fy, y) => {
    const start = Number(fy.slice(0, 4));
    const index = OTHER_PAYMENTS_INDEX[fy]!;
    const rate = GLOBAL_SUM_PER_WEIGHTED[fy]!;
    const pcnLines = start >= 2020;
    const onDate = `${start + 1}-01-01`;
    // "Last known figure": the list at 1 January of the fiscal year.
    const registeredAt = (p: DemoPractice) => round(listAt(p, start + 1), 2);
    // PCN lists this year, for the network lines paid to each payee.
    const pcnList = new Map<string, number>();
    practices.forEach((p, i) => {
      const code = pcnOn(networks, i, onDate);
      if (code !== "U") pcnList.set(code, (pcnList.get(code) ?? 0) + registeredAt(p));
    });
    const payeeOf = new Map<string, number>();
    for (const pcn of [...networks.pcns, ...networks.closed]) {
      if (pcn.openDate <= onDate && (pcn.closeDate === null || pcn.closeDate >= onDate))
        payeeOf.set(pcn.code, pcn.payee);
    }
    const rows: PaymentRow[] = [];
    practices.forEach((p, i) => {
      if (p.openDate > `${start + 1}-03-31`) return;
      const registered = registeredAt(p);
      if (registered <= 0) return;
      const lv = levels[i]!;
      const profile = profiles[i]!;
      const weighted = money(registered * ratios[i]! * (1 + lv.drift * (y - 2)));
      const pcn = pcnOn(networks, i, onDate);
      const perReg = (amount: number) => money(registered * amount * index);
      const sum = weighted * rate;
      const lines: Record<string, number> = {};
      lines["Global Sum"] = p.contract === "PMS" ? 0 : money(sum * lv.apms);
      lines["MPIG Correction factor"] = 0;
      lines["Balance of PMS Expenditure"] = p.contract === "PMS" ? money(sum * (1 + lv.premium)) : 0;
      lines["Total QOF Payments"] = perReg(lv.qof);
      lines["Childhood Vaccination and Immunisation Scheme"] = perReg(
        L["Childhood Vaccination and Immunisation Scheme"] * (1.4 - profile.share65 * 2),
      );
      lines["Influenza and Pneumococcal Immunisations"] = perReg(
        L["Influenza and Pneumococcal Immunisations"] *
          (profile.share65 / 0.186) *
          (start === 2020 || start === 2021 ? 1.2 : 1),
      );
      lines["Learning Disabilities"] = perReg(L["Learning Disabilities"] * (1 + 0.2 * profile.deprivationZ));
      lines["Meningitis"] = perReg(L.Meningitis);
      lines["Minor Surgery"] = perReg(lv.minorSurgery);
      lines["Pertussis"] = perReg(L.Pertussis);
      lines["Rotavirus and Shingles Immunisation"] = perReg(L["Rotavirus and Shingles Immunisation"]);
      lines["Total Local Incentive Schemes"] = perReg(lv.lis);
      lines["Premises Payments"] = perReg(lv.premises);
      lines["Seniority"] = start === 2019 ? perReg(lv.seniority) : 0;
      lines["Appraisal Costs"] = perReg(L["Appraisal Costs"]);
      lines["PCO Admin Other"] = perReg(lv.pcoAdmin);
      lines["Non DES Item Pneumococcal Vaccine, Childhood Immunisation Main Programme"] = perReg(
        L["Non DES Item Pneumococcal Vaccine, Childhood Immunisation Main Programme"],
      );
      lines["PCN Participation"] = pcn === "U" ? 0 : perReg(L["PCN Participation"]);
      lines["Prescribing Fee Payments"] = p.dispensing ? 0 : perReg(DISPENSING_LINES.prescribingFeeOther);
      lines["Dispensing Fee Payments"] = p.dispensing ? perReg(DISPENSING_LINES.dispensingFee) : 0;
      lines["Reimbursement of Drugs"] = perReg(
        p.dispensing ? DISPENSING_LINES.drugsDispensing : DISPENSING_LINES.drugsOther,
      );
      lines["Other Payments"] = perReg(lv.other);
      const total = money(Object.values(lines).reduce((a, b) => a + b, 0));
      lines["Total NHS Payments to General Practice"] = total;
      const deductions = money(DEDUCTIONS_SHARE * total * Math.exp(0.12 * rng.normal()));
      lines["Deductions for Pensions, Levies and Prescription Charge Income"] = deductions;
      lines["Total NHS Payments to General Practice Minus Deductions"] = money(total + deductions);
      if (pcnLines) {
        const isPayee = pcn !== "U" && payeeOf.get(pcn) === i;
        const list = isPayee ? (pcnList.get(pcn) ?? 0) : 0;
        const network = (name: keyof typeof L, factor = 1) => money(list * L[name] * index * factor);
        const pcnPaid: Record<string, number> = {
          "PCN Leadership": network("PCN Leadership"),
          "PCN Support": network("PCN Support"),
          "PCN Extended Hours Access": network("PCN Extended Hours Access"),
          "PCN Workforce": network("PCN Workforce", ARRS_SPEND_INDEX[fy]!),
          "PCN Investment and impact Fund": network("PCN Investment and impact Fund"),
          "PCN Care Home Premium": network("PCN Care Home Premium"),
        };
        Object.assign(lines, pcnPaid);
        lines["Total NHS Payments including PCN Workforce, Leadership and Support"] = money(
          total + Object.values(pcnPaid).reduce((a, b) => a + b, 0),
        );
      }
      if (start === 2020 || start === 2021) {
        const covid: Record<string, number> =
          start === 2020
            ? {
                "Covid Immunisation": perReg(COVID_2020_21.immunisation),
                "Covid Support and Expansion": perReg(COVID_2020_21.support),
              }
            : {
                "Covid Immunisation": perReg(L["Covid Immunisation"]),
                "Covid Support and Expansion": perReg(L["Covid Support and Expansion"]),
                "Long Covid": perReg(L["Long Covid"]),
                "winter Access Fund": perReg(L["winter Access Fund"]),
              };
        Object.assign(lines, covid);
        lines[
          "Total NHS Payments to General Practice including covid vaccination, covid support and long covid payments"
        ] = money(total + Object.values(covid).reduce((a, b) => a + b, 0));
      }
      lines["Average payments per registered patient"] = money(total / registered);
      lines["Average payments per weighted patient"] = money(total / weighted);
      rows.push({
        fiscal_year: fy,
        practice_code: p.code,
        practice_name: p.name,
        postcode: p.postcode,
        commissioner_code: placeOf(p.place).code,
        pcn_code: pcn === "U" ? null : pcn,
        contract_type: p.contract,
        dispensing: p.dispensing ? "Yes" : "No",
        rurality: p.village ? "Rural" : "Urban",
        registered_patients: registered,
        weighted_patients: weighted,
        global_sum: lines["Global Sum"]!,
        qof_total: lines["Total QOF Payments"]!,
        total_payments: total,
        total_minus_deductions: lines["Total NHS Payments to General Practice Minus Deductions"]!,
        lines,
      });
    });
    out[fy] = rows;
  });
  return out;
}
