// Measures the figures the synthetic demo ICS is calibrated to, from the real NHS/ONS open data beside the
// repository (../shared/data). Prints one line per figure: name, value, file. The constants in
// src/sources/demo/calibration.ts and the table in docs/demo.md were copied from this output.
//
//   npx tsx scripts/measure-demo-calibration.ts
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCsv } from "../src/sources/csv.ts";
import { describeFile, describeFiles, type Encoding } from "../src/sources/file.ts";
import * as C from "../src/sources/demo/calibration.ts";
import { quantile } from "../src/sources/demo/distributions.ts";
import { generateDemoIcs, PAYMENT_YEARS } from "../src/sources/demo/index.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA = process.env.ICSPLAN_SHARED_DATA ?? resolve(ROOT, "..", "shared", "data");

type Rec = Record<string, string>;

/** Reads a CSV into objects keyed by header (or by 1-based column number when `headerless`). */
async function rows(path: string, options: { encoding?: Encoding; headerless?: boolean } = {}) {
  const full = join(DATA, path);
  if (!existsSync(full)) throw new Error(`missing ${full}`);
  // A published ZIP: its first CSV entry.
  const file = path.endsWith(".zip")
    ? (await describeFiles(full, path)).find((f) => f.entry?.name.toLowerCase().endsWith(".csv"))!
    : await describeFile(full, path);
  const out: Rec[] = [];
  let header: string[] | undefined;
  for await (const { fields } of readCsv(file, { encoding: options.encoding ?? "utf-8" })) {
    if (!header) {
      if (options.headerless) header = fields.map((_, i) => String(i + 1));
      else {
        header = fields.map((f) => f.trim());
        continue;
      }
    }
    const r: Rec = {};
    header.forEach((h, i) => (r[h] = fields[i] ?? ""));
    out.push(r);
  }
  return out;
}

const num = (v: string | undefined) => {
  const n = Number((v ?? "").replace(/,/g, "").trim());
  return Number.isFinite(n) && (v ?? "").trim() !== "" ? n : NaN;
};

/** Quantile with linear interpolation between order statistics (R type 7). */
function q(values: number[], p: number): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
}
const sum = (values: number[]) => values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
const mean = (values: number[]) => sum(values) / values.filter(Number.isFinite).length;
const r = (v: number, d = 3) => Number(v.toFixed(d));

const table: { figure: string; value: string; file: string }[] = [];
function out(figure: string, value: unknown, file: string) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  table.push({ figure, value: text, file });
  console.log(`${figure.padEnd(58)} ${text}    [${file}]`);
}
const spread = (values: number[], d = 3) => ({
  p5: r(q(values, 0.05), d),
  p25: r(q(values, 0.25), d),
  median: r(q(values, 0.5), d),
  p75: r(q(values, 0.75), d),
  p95: r(q(values, 0.95), d),
  n: values.filter(Number.isFinite).length,
});

// ---------------------------------------------------------------------------------------------------
// Registrations: practice, PCN and ICB sizes.
const F_TOTALS = "registrations/gp-reg-pat-prac-all_2025-04.csv";
const F_MAP = "registrations/gp-reg-pat-prac-map_2026-01.csv";
const totals = (await rows(F_TOTALS)).filter((x) => x.SEX === "ALL" && x.AGE === "ALL");
const listOf = new Map(totals.map((x) => [x.CODE!, num(x.NUMBER_OF_PATIENTS)]));
const lists = [...listOf.values()];
out("practice list size (Apr 2025)", { ...spread(lists, 0), mean: r(mean(lists), 0) }, F_TOTALS);
out(
  "practice list size shares",
  {
    under2500: r(lists.filter((v) => v < 2500).length / lists.length),
    under4000: r(lists.filter((v) => v < 4000).length / lists.length),
    over20000: r(lists.filter((v) => v > 20000).length / lists.length),
    over30000: r(lists.filter((v) => v > 30000).length / lists.length),
    p1: r(q(lists, 0.01), 0),
    p99: r(q(lists, 0.99), 0),
    min: Math.min(...lists),
    max: Math.max(...lists),
  },
  F_TOTALS,
);

const map = await rows(F_MAP);
const byIcb = new Map<string, { practices: number; patients: number }>();
const byPcn = new Map<string, { practices: number; patients: number }>();
for (const m of map) {
  const list = listOf.get(m.PRACTICE_CODE!) ?? 0;
  const icb = byIcb.get(m.ICB_CODE!) ?? { practices: 0, patients: 0 };
  icb.practices++;
  icb.patients += list;
  byIcb.set(m.ICB_CODE!, icb);
  if (m.PCN_CODE === "U") continue;
  const pcn = byPcn.get(m.PCN_CODE!) ?? { practices: 0, patients: 0 };
  pcn.practices++;
  pcn.patients += list;
  byPcn.set(m.PCN_CODE!, pcn);
}
const icbs = [...byIcb.values()];
out(
  "ICB size (Jan 2026 map, Apr 2025 lists)",
  {
    icbs: icbs.length,
    practicesMedian: q(
      icbs.map((x) => x.practices),
      0.5,
    ),
    practicesRange: [Math.min(...icbs.map((x) => x.practices)), Math.max(...icbs.map((x) => x.practices))],
    patientsMedian: r(
      q(
        icbs.map((x) => x.patients),
        0.5,
      ),
      0,
    ),
  },
  `${F_MAP} + ${F_TOTALS}`,
);
const pcns = [...byPcn.values()];
const pcnLists = pcns.map((x) => x.patients);
out(
  "PCN list size (Jan 2026 map, Apr 2025 lists, excl. U)",
  {
    pcns: pcns.length,
    under30k: r(pcnLists.filter((v) => v < 30000).length / pcns.length),
    from30to50k: r(pcnLists.filter((v) => v >= 30000 && v <= 50000).length / pcns.length),
    over50k: r(pcnLists.filter((v) => v > 50000).length / pcns.length),
    ...spread(pcnLists, 0),
  },
  `${F_MAP} + ${F_TOTALS}`,
);
out(
  "practices per PCN",
  {
    ...spread(
      pcns.map((x) => x.practices),
      1,
    ),
    mean: r(mean(pcns.map((x) => x.practices)), 2),
  },
  F_MAP,
);
out(
  "unallocated (U) practices share",
  r(map.filter((m) => m.PCN_CODE === "U").length / map.length, 4),
  F_MAP,
);

// National list growth, from the three totals files.
const F_T2021 = "registrations/history/gp-reg-pat-prac-all_2021-01.csv";
const F_T2022 = "registrations/history/gp-reg-pat-prac-all_2022-05.csv";
const total2021 = sum((await rows(F_T2021)).map((x) => num(x.NUMBER_OF_PATIENTS)));
const total2025 = sum(lists);
const years = 2025 + 3 / 12 - (2021 + 0 / 12);
out(
  "national registered list growth per year (Jan 2021 → Apr 2025)",
  { jan2021: total2021, apr2025: total2025, perYear: r(Math.pow(total2025 / total2021, 1 / years) - 1, 4) },
  `${F_T2021} + ${F_TOTALS}`,
);

// ---------------------------------------------------------------------------------------------------
// Workforce (HEEC, derived from NHS Digital General Practice Workforce).
const F_PTNR = "workforce/heec_practice_workforce_fy2023-2025_partners.csv";
const F_GP = "workforce/heec_practice_workforce_fy2016-2024_gp_admin.csv";
const wf = await rows(F_PTNR);
const fy = (y: number) => wf.filter((x) => num(x.Year) === y);
const partnerFte = (x: Rec) => num(x.TOTAL_GP_SEN_PTNR_FTE) + num(x.TOTAL_GP_PTNR_PROV_FTE);
const partnerHc = (x: Rec) => num(x.TOTAL_GP_SEN_PTNR_HC) + num(x.TOTAL_GP_PTNR_PROV_HC);
const wf25 = fy(2025).filter((x) => num(x.TOTAL_PATIENTS) >= 1000 && num(x.TOTAL_GP_EXTGL_FTE) > 0);
const per10k = (x: Rec, col: string) => (num(x[col]) / num(x.TOTAL_PATIENTS)) * 10000;
out(
  "GP FTE (excl. trainees/locums) per 10,000 patients, FY2025",
  {
    ...spread(wf25.map((x) => per10k(x, "TOTAL_GP_EXTGL_FTE"))),
    national: r(
      (sum(wf25.map((x) => num(x.TOTAL_GP_EXTGL_FTE))) / sum(wf25.map((x) => num(x.TOTAL_PATIENTS)))) * 1e4,
    ),
  },
  F_PTNR,
);
out(
  "patients per GP FTE, FY2025",
  spread(
    wf25.map((x) => num(x.TOTAL_PATIENTS) / num(x.TOTAL_GP_EXTGL_FTE)),
    0,
  ),
  F_PTNR,
);
const share25 = wf25.map((x) => Math.min(1, partnerFte(x) / num(x.TOTAL_GP_EXTGL_FTE)));
out(
  "partner FTE / GP FTE, FY2025",
  {
    national: r(sum(wf25.map(partnerFte)) / sum(wf25.map((x) => num(x.TOTAL_GP_EXTGL_FTE)))),
    ...spread(share25),
    zeroPartners: r(wf25.filter((x) => partnerFte(x) === 0).length / wf25.length),
    allPartners: r(wf25.filter((x) => partnerFte(x) >= num(x.TOTAL_GP_EXTGL_FTE)).length / wf25.length),
  },
  F_PTNR,
);
out(
  "partner detail, FY2025",
  {
    seniorShareOfPartnerFte: r(
      sum(wf25.map((x) => num(x.TOTAL_GP_SEN_PTNR_FTE))) / sum(wf25.map(partnerFte)),
    ),
    practicesWithNursePartner: r(wf25.filter((x) => num(x.TOTAL_N_NURSE_PTNR_HC) > 0).length / wf25.length),
    practicesWithManagerPartner: r(
      wf25.filter((x) => num(x.TOTAL_ADMIN_MANAGE_PTNR_HC) > 0).length / wf25.length,
    ),
    nursePartnerFteMean: r(
      mean(wf25.filter((x) => num(x.TOTAL_N_NURSE_PTNR_HC) > 0).map((x) => num(x.TOTAL_N_NURSE_PTNR_FTE))),
    ),
    managerPartnerFteMean: r(
      mean(
        wf25
          .filter((x) => num(x.TOTAL_ADMIN_MANAGE_PTNR_HC) > 0)
          .map((x) => num(x.TOTAL_ADMIN_MANAGE_PTNR_FTE)),
      ),
    ),
  },
  F_PTNR,
);
const quint = new Map<number, number[]>();
// FY2025 rows carry IMD_quintile = NA, so the cut points come from FY2024.
for (const x of fy(2024)) {
  const k = num(x.IMD_quintile);
  if (!Number.isFinite(k)) continue;
  quint.set(k, [...(quint.get(k) ?? []), num(x.IMD)]);
}
out(
  "HEEC IMD quintile score ranges, FY2024 (1 = least deprived; FY2025 quintile is NA)",
  Object.fromEntries(
    [...quint].sort((a, b) => a[0] - b[0]).map(([k, v]) => [k, [r(Math.min(...v), 1), r(Math.max(...v), 1)]]),
  ),
  F_PTNR,
);
out(
  "GP headcount per FTE, FY2025 (GP, partners)",
  {
    gp: r(sum(wf25.map((x) => num(x.TOTAL_GP_EXTGL_HC))) / sum(wf25.map((x) => num(x.TOTAL_GP_EXTGL_FTE)))),
    partners: r(sum(wf25.map(partnerHc)) / sum(wf25.map(partnerFte))),
    nurses: r(sum(wf25.map((x) => num(x.TOTAL_NURSES_HC))) / sum(wf25.map((x) => num(x.TOTAL_NURSES_FTE)))),
    dpc: r(sum(wf25.map((x) => num(x.TOTAL_DPC_HC))) / sum(wf25.map((x) => num(x.TOTAL_DPC_FTE)))),
    admin: r(sum(wf25.map((x) => num(x.TOTAL_ADMIN_HC))) / sum(wf25.map((x) => num(x.TOTAL_ADMIN_FTE)))),
    locumTrainee: r(
      sum(wf25.map((x) => num(x.TOTAL_LOCUUM_TRN_HC))) / sum(wf25.map((x) => num(x.TOTAL_LOCUUM_TRN_FTE))),
    ),
  },
  F_PTNR,
);
for (const [label, col] of [
  ["nurse FTE per 10k, FY2025", "TOTAL_NURSES_FTE"],
  ["DPC FTE per 10k, FY2025", "TOTAL_DPC_FTE"],
  ["admin FTE per 10k, FY2025", "TOTAL_ADMIN_FTE"],
  ["locum + trainee GP FTE per 10k, FY2025", "TOTAL_LOCUUM_TRN_FTE"],
] as const) {
  out(
    label,
    {
      ...spread(wf25.map((x) => per10k(x, col))),
      national: r((sum(wf25.map((x) => num(x[col]))) / sum(wf25.map((x) => num(x.TOTAL_PATIENTS)))) * 1e4),
    },
    F_PTNR,
  );
}

// Partner change FY2023 → FY2025, nationally and by ICB (practices present in both years).
const p23 = new Map(fy(2023).map((x) => [x["Practice.Code"]!, x]));
const icbChange = new Map<string, { a: number; b: number; ah: number; bh: number }>();
let natA = 0,
  natB = 0,
  natAh = 0,
  natBh = 0,
  lostAll = 0,
  hadAny = 0;
for (const x of fy(2025)) {
  const old = p23.get(x["Practice.Code"]!);
  // Practices present in both years with partner figures in both (HEEC writes NA for some).
  if (!old || !Number.isFinite(partnerFte(old) + partnerFte(x) + partnerHc(old) + partnerHc(x))) continue;
  const icb = icbChange.get(x.ICB_NAME!) ?? { a: 0, b: 0, ah: 0, bh: 0 };
  icb.a += partnerFte(old);
  icb.b += partnerFte(x);
  icb.ah += partnerHc(old);
  icb.bh += partnerHc(x);
  icbChange.set(x.ICB_NAME!, icb);
  natA += partnerFte(old);
  natB += partnerFte(x);
  natAh += partnerHc(old);
  natBh += partnerHc(x);
  if (partnerHc(old) > 0) {
    hadAny++;
    if (partnerHc(x) === 0) lostAll++;
  }
}
const icbPct = [...icbChange.values()].map((c) => c.b / c.a - 1);
out(
  "partner FTE change FY2023 → FY2025 (same practices)",
  {
    nationalFte: r(natB / natA - 1, 4),
    nationalHc: r(natBh / natAh - 1, 4),
    byIcb: { min: r(Math.min(...icbPct), 4), ...spread(icbPct, 4), max: r(Math.max(...icbPct), 4) },
    practicesLosingLastPartner: r(lostAll / hadAny, 4),
  },
  F_PTNR,
);
const allFy23 = fy(2023);
const allFy25 = fy(2025);
out(
  "partner HC, all practices, FY2023 → FY2025",
  {
    fy2023: r(sum(allFy23.map(partnerHc)), 0),
    fy2025: r(sum(allFy25.map(partnerHc)), 0),
    change: r(sum(allFy25.map(partnerHc)) / sum(allFy23.map(partnerHc)) - 1, 4),
  },
  F_PTNR,
);

const gpAdmin = await rows(F_GP);
const gpFteYear = (y: number) =>
  sum(gpAdmin.filter((x) => num(x.Year) === y).map((x) => num(x.TOTAL_GP_EXTGL_FTE)));
const series: Record<number, number> = {};
for (let y = 2016; y <= 2024; y++) series[y] = r(gpFteYear(y), 0);
out(
  "GP FTE (excl. trainees/locums) national sum by FY",
  { ...series, change2016to2024: r(series[2024]! / series[2016]! - 1, 4) },
  F_GP,
);
const patYear = (y: number) =>
  sum(gpAdmin.filter((x) => num(x.Year) === y).map((x) => num(x.TOTAL_PATIENTS)));
out(
  "patients per GP FTE, national, FY2016 and FY2024",
  { fy2016: r(patYear(2016) / series[2016]!, 0), fy2024: r(patYear(2024) / series[2024]!, 0) },
  F_GP,
);
const g24 = gpAdmin.filter((x) => num(x.Year) === 2024);
out(
  "admin breakdown share of admin FTE, FY2024",
  {
    manager: r(
      sum(g24.map((x) => num(x.TOTAL_ADMIN_MANAGER_FTE))) / sum(g24.map((x) => num(x.TOTAL_ADMIN_FTE))),
    ),
    reception: r(
      sum(g24.map((x) => num(x.TOTAL_ADMIN_RECEPT_FTE))) / sum(g24.map((x) => num(x.TOTAL_ADMIN_FTE))),
    ),
    telephonist: r(
      sum(g24.map((x) => num(x.TOTAL_ADMIN_TELEPH_FTE))) / sum(g24.map((x) => num(x.TOTAL_ADMIN_FTE))),
    ),
  },
  F_GP,
);
const adminYear = (y: number) =>
  sum(gpAdmin.filter((x) => num(x.Year) === y).map((x) => num(x.TOTAL_ADMIN_FTE)));
out("admin FTE national change FY2016 → FY2024", r(adminYear(2024) / adminYear(2016) - 1, 4), F_GP);
// Same-practice GP FTE change FY2016 → FY2024 (to shape the per-practice trend spread).
const g16 = new Map(gpAdmin.filter((x) => num(x.Year) === 2016).map((x) => [x["Practice.Code"]!, x]));
const pracChange: number[] = [];
for (const x of gpAdmin.filter((y) => num(y.Year) === 2024)) {
  const old = g16.get(x["Practice.Code"]!);
  if (!old || num(old.TOTAL_GP_EXTGL_FTE) < 1 || num(old.TOTAL_PATIENTS) < 1000) continue;
  pracChange.push(
    num(x.TOTAL_GP_EXTGL_FTE) /
      num(x.TOTAL_PATIENTS) /
      (num(old.TOTAL_GP_EXTGL_FTE) / num(old.TOTAL_PATIENTS)) -
      1,
  );
}
out("GP FTE per patient change FY2016 → FY2024, by practice", spread(pracChange, 3), F_GP);

// ---------------------------------------------------------------------------------------------------
// Payments 2021-22 (and the two earlier years' global sum per weighted patient).
const F_PAY = "payments/nhs-payments-gp_2021-22.csv";
const pay = await rows(F_PAY);
const reg = (x: Rec) => num(x["Number of Registered Patients (Last Known Figure)"]);
const wtd = (x: Rec) => num(x["Number of Weighted Patients (Last Known Figure)"]);
const pay1k = pay.filter((x) => reg(x) >= 1000 && wtd(x) > 0);
out("weighted / registered ratio, 2021-22", spread(pay1k.map((x) => wtd(x) / reg(x))), F_PAY);
for (const [file, label] of [
  ["payments/history/nhs-payments-gp_2019-20.csv", "2019-20"],
  ["payments/history/nhs-payments-gp_2020-21.csv", "2020-21"],
  [F_PAY, "2021-22"],
] as const) {
  const p = (file === F_PAY ? pay : await rows(file)).filter((x) => reg(x) >= 1000 && wtd(x) > 0);
  const gms = p.filter((x) => (x["Contract Type"] ?? "").trim() === "GMS" && num(x["Global Sum"]) > 0);
  const gsw = gms.map((x) => num(x["Global Sum"]) / wtd(x));
  out(
    `global sum per weighted patient, GMS practices, ${label}`,
    {
      median: r(q(gsw, 0.5), 2),
      p25: r(q(gsw, 0.25), 2),
      p75: r(q(gsw, 0.75), 2),
      nationalGms: r(sum(gms.map((x) => num(x["Global Sum"]))) / sum(gms.map(wtd)), 2),
      gmsPractices: gms.length,
    },
    file,
  );
}
const perReg = (col: string) => pay1k.map((x) => num(x[col]) / reg(x));
out("QOF £ per registered patient, 2021-22", spread(perReg("Total QOF Payments"), 2), F_PAY);
out(
  "total NHS payments £ per registered patient, 2021-22",
  spread(perReg("Total NHS Payments to General Practice"), 2),
  F_PAY,
);
out(
  "deductions / total payments, 2021-22",
  r(
    sum(pay1k.map((x) => num(x["Deductions for Pensions, Levies and Prescription Charge Income"]))) /
      sum(pay1k.map((x) => num(x["Total NHS Payments to General Practice"]))),
  ),
  F_PAY,
);
const contract = new Map<string, number>();
for (const x of pay1k) contract.set(x["Contract Type"]!, (contract.get(x["Contract Type"]!) ?? 0) + 1);
out(
  "contract type shares, 2021-22",
  Object.fromEntries([...contract].map(([k, v]) => [k, r(v / pay1k.length)])),
  F_PAY,
);
out(
  "dispensing practice share, 2021-22",
  r(
    pay1k.filter((x) => (x["Dispensing Practice"] ?? "").trim().toLowerCase() === "yes").length /
      pay1k.length,
  ),
  F_PAY,
);
for (const col of [
  "Premises Payments",
  "Total Local Incentive Schemes",
  "Influenza and Pneumococcal Immunisations",
  "Childhood Vaccination and Immunisation Scheme",
  "Balance of PMS Expenditure",
  "MPIG Correction factor",
  "Learning Disabilities",
  "Minor Surgery",
  "Meningitis",
  "Pertussis",
  "Rotavirus and Shingles Immunisation",
  "Appraisal Costs",
  "PCO Admin Other",
  "Non DES Item Pneumococcal Vaccine, Childhood Immunisation Main Programme",
  "PCN Leadership",
  "PCN Support",
  "PCN Extended Hours Access",
  "PCN Workforce",
  "PCN Investment and impact Fund",
  "PCN Care Home Premium",
  "Covid Immunisation",
  "Covid Support and Expansion",
  "Long Covid",
  "winter Access Fund",
  "Seniority",
  "PCN Participation",
  "Other Payments",
  "Information Management and Technology",
  "Dispensing Fee Payments",
  "Prescribing Fee Payments",
  "Reimbursement of Drugs",
]) {
  const key = Object.keys(pay1k[0]!).find((k) => k.trim() === col) ?? col;
  out(
    `${col} £ per registered patient (national), 2021-22`,
    r(sum(pay1k.map((x) => num(x[key]))) / sum(pay1k.map(reg)), 2),
    F_PAY,
  );
}
const disp = pay1k.filter((x) => (x["Dispensing Practice"] ?? "").trim().toLowerCase() === "yes");
const nonDisp = pay1k.filter((x) => (x["Dispensing Practice"] ?? "").trim().toLowerCase() !== "yes");
out(
  "dispensing vs other practices, £ per registered patient (median), 2021-22",
  {
    dispensingFee: r(
      q(
        disp.map((x) => num(x["Dispensing Fee Payments"]) / reg(x)),
        0.5,
      ),
      2,
    ),
    drugsDispensing: r(
      q(
        disp.map((x) => num(x["Reimbursement of Drugs"]) / reg(x)),
        0.5,
      ),
      2,
    ),
    drugsOther: r(
      q(
        nonDisp.map((x) => num(x["Reimbursement of Drugs"]) / reg(x)),
        0.5,
      ),
      2,
    ),
    prescribingFeeOther: r(
      q(
        nonDisp.map((x) => num(x["Prescribing Fee Payments"]) / reg(x)),
        0.5,
      ),
      2,
    ),
  },
  F_PAY,
);
const payees = pay1k.filter((x) => num(x["PCN Workforce"]) > 0);
out(
  "practices receiving PCN lines (nominated payees), 2021-22",
  {
    share: r(payees.length / pay1k.length),
    pcnWorkforcePerPcnListGuess: "see PCN Workforce per registered above",
  },
  F_PAY,
);
const rur = new Map<string, number>();
for (const x of pay1k) rur.set(x["Practice Rurality"]!, (rur.get(x["Practice Rurality"]!) ?? 0) + 1);
out("practice rurality labels, 2021-22", Object.fromEntries(rur), F_PAY);

// ---------------------------------------------------------------------------------------------------
// PCN (ARRS) workforce, Sep 2022, against PCN lists from the Jan 2022 map and May 2022 totals.
const F_ARRS = "workforce/pcn_individual_level/pcn-workforce-individual-level_2022-09.csv";
const F_MAP22 = "registrations/history/gp-reg-pat-prac-map_2022-01.csv";
const arrs = await rows(F_ARRS, { encoding: "windows-1252" });
const list22 = new Map(
  (await rows(F_T2022)).filter((x) => x.SEX === "ALL").map((x) => [x.CODE!, num(x.NUMBER_OF_PATIENTS)]),
);
const pcnList22 = new Map<string, number>();
for (const m of await rows(F_MAP22)) {
  if (m.PCN_CODE === "U") continue;
  pcnList22.set(m.PCN_CODE!, (pcnList22.get(m.PCN_CODE!) ?? 0) + (list22.get(m.PRACTICE_CODE!) ?? 0));
}
const dpc = arrs.filter((x) => x.STAFF_GROUP === "Other Direct Patient Care staff");
const pcnFte = new Map<string, number>();
for (const x of dpc) pcnFte.set(x.PCN_CODE!, (pcnFte.get(x.PCN_CODE!) ?? 0) + num(x.FTE));
const pcnRates: number[] = [];
let fteMatched = 0,
  listMatched = 0;
for (const [code, list] of pcnList22) {
  const fte = pcnFte.get(code) ?? 0;
  if (list < 5000) continue;
  pcnRates.push((fte / list) * 1e4);
  fteMatched += fte;
  listMatched += list;
}
out(
  "ARRS (direct patient care) FTE per 10k patients by PCN, Sep 2022",
  {
    ...spread(pcnRates, 2),
    national: r((fteMatched / listMatched) * 1e4, 2),
    pcnsWithNone: r(pcnRates.filter((v) => v === 0).length / pcnRates.length, 3),
    reportingOnly: spread(
      pcnRates.filter((v) => v > 0),
      2,
    ),
    totalDpcFte: r(sum(dpc.map((x) => num(x.FTE))), 0),
    pcnsReporting: pcnFte.size,
  },
  `${F_ARRS} + ${F_MAP22} + ${F_T2022}`,
);
const roleFte = new Map<string, number>();
for (const x of dpc) roleFte.set(x.STAFF_ROLE!, (roleFte.get(x.STAFF_ROLE!) ?? 0) + num(x.FTE));
const dpcTotal = sum([...roleFte.values()]);
out(
  "ARRS role mix (share of DPC FTE), Sep 2022",
  Object.fromEntries([...roleFte].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, r(v / dpcTotal, 4)])),
  F_ARRS,
);
const roleRecords = new Map<string, { n: number; fte: number }>();
for (const x of dpc) {
  const e = roleRecords.get(x.STAFF_ROLE!) ?? { n: 0, fte: 0 };
  e.n++;
  e.fte += num(x.FTE);
  roleRecords.set(x.STAFF_ROLE!, e);
}
out(
  "mean FTE per ARRS record by role, Sep 2022",
  Object.fromEntries([...roleRecords].map(([k, v]) => [k, r(v.fte / v.n, 2)])),
  F_ARRS,
);
out(
  "contracted-services share of DPC FTE, Sep 2022",
  r(sum(dpc.filter((x) => x.Data_source === "NWRS contracted services").map((x) => num(x.FTE))) / dpcTotal),
  F_ARRS,
);
const other = arrs.filter((x) => x.STAFF_GROUP !== "Other Direct Patient Care staff");
const otherRole = new Map<string, number>();
for (const x of other) otherRole.set(x.STAFF_ROLE!, (otherRole.get(x.STAFF_ROLE!) ?? 0) + num(x.FTE));
out(
  "non-DPC PCN FTE per PCN reporting (directors, managers, admin), Sep 2022",
  Object.fromEntries([...otherRole].map(([k, v]) => [k, r(v / pcnFte.size, 3)])),
  F_ARRS,
);
const F_ARRS20 = "workforce/pcn_individual_level/pcn-workforce-individual-level_2020-09.csv";
const arrs20 = (await rows(F_ARRS20, { encoding: "windows-1252" })).filter(
  (x) => x.STAFF_GROUP === "Other Direct Patient Care staff",
);
out(
  "DPC FTE growth Sep 2020 → Sep 2022 (national)",
  { sep2020: r(sum(arrs20.map((x) => num(x.FTE))), 0), sep2022: r(dpcTotal, 0) },
  `${F_ARRS20} + ${F_ARRS}`,
);

// ---------------------------------------------------------------------------------------------------
// Deprivation: practice IMD deciles (SW AHSN).
const F_PIMD = "deprivation/practice_imd2019_score_swahsn_2023-01.csv";
const pimd = await rows(F_PIMD);
const deciles = Array.from({ length: 10 }, (_, i) =>
  r(pimd.filter((x) => num(x.imd_decile) === i + 1).length / pimd.length),
);
out("practice IMD 2019 decile shares (1 = most deprived)", deciles, F_PIMD);
out(
  "practice IMD 2019 score",
  spread(
    pimd.map((x) => num(x.imd_score)),
    1,
  ),
  F_PIMD,
);

// ---------------------------------------------------------------------------------------------------
// LSOA catchments: Staffordshire & Stoke-on-Trent subset (Oct 2025).
const F_LSOA =
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv";
const F_IMD25 = "deprivation/iod2025_imd_rank_decile_lsoa21.csv";
const F_CENT = "boundaries/lsoa11_population_weighted_centroids.csv";
const F_PC = "practices/practice_postcode_coordinates_codepoint_2025-10.csv";
const F_MAP2510 = "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-map_2025-10.csv";
const lsoaRows = (await rows(F_LSOA)).filter((x) => /^E01\d{6}$/.test(x.LSOA_CODE!));
const byPractice = new Map<string, number[]>();
const lsoaTotal = new Map<string, number>();
for (const x of lsoaRows) {
  const n = num(x.NUMBER_OF_PATIENTS);
  const arr = byPractice.get(x.PRACTICE_CODE!) ?? [];
  arr.push(n);
  byPractice.set(x.PRACTICE_CODE!, arr);
  lsoaTotal.set(x.LSOA_CODE!, (lsoaTotal.get(x.LSOA_CODE!) ?? 0) + n);
}
const practiceShapes = [...byPractice.values()].map((arr) => {
  const s = [...arr].sort((a, b) => b - a);
  const total = sum(s);
  const cum = (k: number) => sum(s.slice(0, k)) / total;
  return {
    lsoas: s.length,
    top1: cum(1),
    top10: cum(10),
    top30: cum(30),
    under5: arr.filter((v) => v < 5).length / arr.length,
    total,
  };
});
out(
  "LSOAs per practice (Staffs)",
  spread(
    practiceShapes.map((p) => p.lsoas),
    0,
  ),
  F_LSOA,
);
out("share of a practice's patients in its top LSOA", spread(practiceShapes.map((p) => p.top1)), F_LSOA);
out("share of a practice's patients in its top 10 LSOAs", spread(practiceShapes.map((p) => p.top10)), F_LSOA);
out("share of a practice's patients in its top 30 LSOAs", spread(practiceShapes.map((p) => p.top30)), F_LSOA);
out("share of a practice's LSOA rows with < 5 patients", spread(practiceShapes.map((p) => p.under5)), F_LSOA);
const imd25 = await rows(F_IMD25);
const ladOf = new Map(imd25.map((x) => [x.lsoa21_code!, x.lad24_name!]));
const STAFFS = new Set([
  "Stoke-on-Trent",
  "Cannock Chase",
  "East Staffordshire",
  "Lichfield",
  "Newcastle-under-Lyme",
  "South Staffordshire",
  "Stafford",
  "Staffordshire Moorlands",
  "Tamworth",
]);
const inStaffs = [...lsoaTotal].filter(([code]) => STAFFS.has(ladOf.get(code) ?? ""));
out(
  "registered patients per LSOA, LSOAs in Staffordshire + Stoke LADs (QNC practices only: a lower bound)",
  {
    ...spread(
      inStaffs.map(([, n]) => n),
      0,
    ),
    lsoas: inStaffs.length,
  },
  `${F_LSOA} + ${F_IMD25}`,
);
const practicesPerLsoa = new Map<string, number>();
for (const x of lsoaRows) {
  if (num(x.NUMBER_OF_PATIENTS) >= 5)
    practicesPerLsoa.set(x.LSOA_CODE!, (practicesPerLsoa.get(x.LSOA_CODE!) ?? 0) + 1);
}
out(
  "practices with ≥ 5 patients per Staffs LSOA",
  spread(
    inStaffs.map(([code]) => practicesPerLsoa.get(code) ?? 0),
    0,
  ),
  F_LSOA,
);
// Patient-to-practice distance: LSOA21 codes that are unchanged from 2011 take the LSOA11 centroid.
const cent = new Map((await rows(F_CENT)).map((x) => [x.lsoa11cd!, [num(x.Y), num(x.X)] as const]));
const pcLoc = new Map(
  (await rows(F_PC)).map((x) => [
    x.postcode!.replace(/\s/g, ""),
    [num(x.latitude), num(x.longitude)] as const,
  ]),
);
const pracPc = new Map(
  (await rows(F_MAP2510)).map((x) => [x.PRACTICE_CODE!, x.PRACTICE_POSTCODE!.replace(/\s/g, "")]),
);
const km = (a: readonly [number, number], b: readonly [number, number]) => {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad * Math.cos(((a[0] + b[0]) / 2) * rad);
  return 6371 * Math.sqrt(dLat * dLat + dLon * dLon);
};
const dist: { d: number; n: number }[] = [];
let located = 0,
  all = 0;
for (const x of lsoaRows) {
  const n = num(x.NUMBER_OF_PATIENTS);
  all += n;
  const c = cent.get(x.LSOA_CODE!);
  const p = pcLoc.get(pracPc.get(x.PRACTICE_CODE!) ?? "");
  if (!c || !p) continue;
  located += n;
  dist.push({ d: km(p, c), n });
}
dist.sort((a, b) => a.d - b.d);
const weightedQ = (p: number) => {
  const target = p * located;
  let acc = 0;
  for (const x of dist) {
    acc += x.n;
    if (acc >= target) return x.d;
  }
  return NaN;
};
const within = (k: number) => sum(dist.filter((x) => x.d <= k).map((x) => x.n)) / located;
out(
  "patient → practice distance, km (Staffs; LSOA11 centroid for unchanged LSOA21 codes)",
  {
    located: r(located / all),
    p25: r(weightedQ(0.25), 2),
    median: r(weightedQ(0.5), 2),
    p75: r(weightedQ(0.75), 2),
    p90: r(weightedQ(0.9), 2),
    p95: r(weightedQ(0.95), 2),
    within2km: r(within(2)),
    within5km: r(within(5)),
  },
  `${F_LSOA} + ${F_CENT} + ${F_PC}`,
);
const staffsDeciles = Array.from({ length: 10 }, (_, i) =>
  r(
    inStaffs.filter(([code]) => num(imd25.find((x) => x.lsoa21_code === code)?.imd2025_decile) === i + 1)
      .length / inStaffs.length,
  ),
);
out("IMD 2025 decile shares of Staffs + Stoke LSOAs", staffsDeciles, F_IMD25);

// ---------------------------------------------------------------------------------------------------
// Age and sex: England (the 7 commissioning regions summed), Aug 2026, and the spread across sub-ICBs.
const F_AGE = "registrations/2026-08/gp-reg-pat-prac-sing-age-regions_2026-08.csv.gz";
const BANDS = [
  "0-4",
  "5-9",
  "10-14",
  "15-19",
  "20-24",
  "25-29",
  "30-34",
  "35-39",
  "40-44",
  "45-49",
  "50-54",
  "55-59",
  "60-64",
  "65-69",
  "70-74",
  "75-79",
  "80-84",
  "85+",
];
const bandOf = (age: string) => {
  const a = age === "95+" ? 95 : Number(age);
  return BANDS[Math.min(17, Math.floor(a / 5))]!;
};
const age = await rows(F_AGE);
const eng = new Map<string, number>();
const subIcb = new Map<string, { total: number; over65: number; under20: number }>();
let engTotal = 0;
for (const x of age) {
  if (x.SEX === "ALL" || x.AGE === "ALL") continue;
  const n = num(x.NUMBER_OF_PATIENTS);
  if (x.ORG_TYPE === "Comm Region") {
    const key = `${x.SEX}|${bandOf(x.AGE!)}`;
    eng.set(key, (eng.get(key) ?? 0) + n);
    engTotal += n;
  } else if (x.ORG_TYPE === "SUB_ICB_LOCATION_CODE") {
    const s = subIcb.get(x.ORG_CODE!) ?? { total: 0, over65: 0, under20: 0 };
    const a = x.AGE === "95+" ? 95 : Number(x.AGE);
    s.total += n;
    if (a >= 65) s.over65 += n;
    if (a < 20) s.under20 += n;
    subIcb.set(x.ORG_CODE!, s);
  }
}
for (const sex of ["MALE", "FEMALE"]) {
  out(
    `England age-band shares, ${sex} (of all persons)`,
    BANDS.map((b) => r((eng.get(`${sex}|${b}`) ?? 0) / engTotal, 4)),
    F_AGE,
  );
}
const sub = [...subIcb.values()];
out(
  "share aged 65+ across sub-ICB locations",
  {
    ...spread(
      sub.map((s) => s.over65 / s.total),
      3,
    ),
    min: r(Math.min(...sub.map((s) => s.over65 / s.total))),
    max: r(Math.max(...sub.map((s) => s.over65 / s.total))),
  },
  F_AGE,
);
out(
  "share aged 0-19 across sub-ICB locations",
  spread(
    sub.map((s) => s.under20 / s.total),
    3,
  ),
  F_AGE,
);

// Practice-level age structure: the July 2026 5-year bands of every practice.
const F_QUIN = "registrations/2026-07/gp-reg-pat-prac-quin-age_2026-07.zip";
const quin = new Map<string, { total: number; over65: number }>();
for (const x of await rows(F_QUIN)) {
  if (x.ORG_TYPE !== "GP" || x.SEX === "ALL" || x.AGE_GROUP_5 === "ALL") continue;
  const q = quin.get(x.ORG_CODE!) ?? { total: 0, over65: 0 };
  const n = num(x.NUMBER_OF_PATIENTS);
  q.total += n;
  if (Number(x.AGE_GROUP_5!.split(/[_+]/)[0]) >= 65) q.over65 += n;
  quin.set(x.ORG_CODE!, q);
}
const practiceOld = [...quin.values()].filter((q) => q.total >= 1000).map((q) => q.over65 / q.total);
out(
  `share aged 65+ across practices of 1,000+ patients (${practiceOld.length})`,
  {
    p5: r(quantile(practiceOld, 0.05)),
    p25: r(quantile(practiceOld, 0.25)),
    median: r(quantile(practiceOld, 0.5)),
    p75: r(quantile(practiceOld, 0.75)),
    p95: r(quantile(practiceOld, 0.95)),
  },
  F_QUIN,
);

// ---------------------------------------------------------------------------------------------------
// ePCN: when current memberships started.
const F_MEM = "other/epcn/epcn_2024-10_pcn_core_partner_details.csv";
const mem = (await rows(F_MEM)).filter((x) => !(x["Practice to PCN Relationship End Date"] ?? "").trim());
const starts = new Map<string, number>();
for (const x of mem) {
  const y = (x["Practice to PCN Relationship Start Date"] ?? "").slice(0, 6);
  starts.set(y, (starts.get(y) ?? 0) + 1);
}
out(
  "current ePCN membership start months (top 6, share)",
  Object.fromEntries(
    [...starts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => [k, r(v / mem.length)]),
  ),
  F_MEM,
);

// ---------------------------------------------------------------------------------------------------
// The demo's own values for the same figures (seed 2026 unless --seed N), beside the calibration targets.
const seedArg = process.argv.indexOf("--seed");
const demoSeed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 2026;
const demo = generateDemoIcs(demoSeed);
const compare: { figure: string; measured: string; demo: string }[] = [];
const cmp = (figure: string, measured: unknown, demoValue: unknown) => {
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  compare.push({ figure, measured: show(measured), demo: show(demoValue) });
};
const dLists = demo.practiceList.filter((x) => x.sex === "ALL").map((x) => x.patients);
const dListOf = new Map(
  demo.practiceList.filter((x) => x.sex === "ALL").map((x) => [x.practice_code, x.patients]),
);
const q5 = (v: number[], d = 0) => [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => r(q(v, p), d)).join(" / ");
cmp("practice list p5 / p25 / median / p75 / p95", "2,946 / 5,826 / 8,748 / 12,693 / 21,688", q5(dLists));
cmp("practice list mean", C.PRACTICE_LIST_MEAN, r(mean(dLists), 0));
cmp(
  "practices under 4,000 / over 30,000",
  `${C.PRACTICE_SHARE_UNDER_4000} / ${C.PRACTICE_SHARE_OVER_30000}`,
  `${r(dLists.filter((v) => v < 4000).length / dLists.length)} / ${r(dLists.filter((v) => v > 30000).length / dLists.length)}`,
);
cmp(
  "ICB practices / patients (median ICB)",
  `${C.ICB_MEDIAN_PRACTICES} / ${C.ICB_MEDIAN_PATIENTS}`,
  `${demo.summary.practices} / ${demo.summary.patients}`,
);
const dPcn = new Map<string, { list: number; n: number }>();
for (const m of demo.orgMap) {
  if (m.pcn_code === "U") continue;
  const e = dPcn.get(m.pcn_code!) ?? { list: 0, n: 0 };
  e.list += dListOf.get(m.practice_code)!;
  e.n++;
  dPcn.set(m.pcn_code!, e);
}
const dPcnLists = [...dPcn.values()].map((x) => x.list);
cmp(
  "PCN bands under 30k / 30–50k / over 50k",
  `${C.PCN_BAND_SHARES.under30k} / ${C.PCN_BAND_SHARES.from30to50k} / ${C.PCN_BAND_SHARES.over50k}`,
  `${r(dPcnLists.filter((v) => v < 30000).length / dPcnLists.length)} / ${r(dPcnLists.filter((v) => v >= 30000 && v <= 50000).length / dPcnLists.length)} / ${r(dPcnLists.filter((v) => v > 50000).length / dPcnLists.length)}`,
);
cmp("PCN list median", C.PCN_LIST_MEDIAN, r(q(dPcnLists, 0.5), 0));
cmp(
  "practices per PCN median",
  C.PRACTICES_PER_PCN_MEDIAN,
  q(
    [...dPcn.values()].map((x) => x.n),
    0.5,
  ),
);
cmp(
  "unallocated practices share",
  C.UNALLOCATED_SHARE,
  r(demo.summary.unallocatedPractices / demo.summary.practices, 4),
);
const d25 = demo.practiceWorkforce.filter((w) => w.fiscal_year === 2025);
const dPf = (w: (typeof d25)[number]) => (w.senior_partner_fte ?? 0) + (w.partner_provider_fte ?? 0);
cmp(
  "GP FTE per 10k p25 / median / p75 (FY2025)",
  `${C.GP_FTE_PER_10K.p25} / ${C.GP_FTE_PER_10K.median} / ${C.GP_FTE_PER_10K.p75}`,
  [0.25, 0.5, 0.75]
    .map((p) =>
      r(
        q(
          d25.map((w) => (w.gp_fte! / w.patients!) * 1e4),
          p,
        ),
        2,
      ),
    )
    .join(" / "),
);
cmp(
  "patients per GP FTE p25 / median / p75 (FY2025)",
  "1,866 / 2,341 / 3,163",
  [0.25, 0.5, 0.75]
    .map((p) =>
      r(
        q(
          d25.map((w) => w.patients! / w.gp_fte!),
          p,
        ),
        0,
      ),
    )
    .join(" / "),
);
cmp(
  "partner share of GP FTE: national; p25 / median / p75",
  `${C.PARTNER_SHARE_NATIONAL}; 0.443 / 0.639 / 0.867`,
  `${r(sum(d25.map(dPf)) / sum(d25.map((w) => w.gp_fte!)))}; ${[0.25, 0.5, 0.75]
    .map((p) =>
      r(
        q(
          d25.map((w) => dPf(w) / w.gp_fte!),
          p,
        ),
      ),
    )
    .join(" / ")}`,
);
cmp("practices with no partner (FY2025)", 0.065, r(d25.filter((w) => dPf(w) === 0).length / d25.length));
const d23 = new Map(
  demo.practiceWorkforce.filter((w) => w.fiscal_year === 2023).map((w) => [w.practice_code, dPf(w)]),
);
const placeOfPractice = new Map(demo.practice.map((p) => [p.practice_code, p.sub_icb_code!]));
const byPlace = new Map<string, { a: number; b: number }>();
for (const w of d25) {
  const e = byPlace.get(placeOfPractice.get(w.practice_code)!) ?? { a: 0, b: 0 };
  e.a += d23.get(w.practice_code) ?? 0;
  e.b += dPf(w);
  byPlace.set(placeOfPractice.get(w.practice_code)!, e);
}
cmp(
  "partner FTE change FY2023 → FY2025: total; by ICB (real) / by place (demo)",
  `${C.PARTNER_CHANGE_FY23_FY25.national}; ${C.PARTNER_CHANGE_FY23_FY25.icbMin} … ${C.PARTNER_CHANGE_FY23_FY25.icbMax}`,
  `${r(sum(d25.map(dPf)) / sum([...d23.values()]) - 1, 4)}; ${[...byPlace].map(([k, v]) => `${k} ${r(v.b / v.a - 1, 4)}`).join(", ")}`,
);
cmp(
  "practices losing their last partner FY2023 → FY2025",
  C.PARTNER_CHANGE_FY23_FY25.lostLastPartner,
  r(demo.summary.practicesLosingLastPartner.length / demo.summary.practices, 4),
);
const dYear = (y: number) => demo.practiceWorkforce.filter((w) => w.fiscal_year === y);
cmp(
  "GP FTE change FY2016 → FY2024",
  C.GP_FTE_CHANGE_FY16_FY24,
  r(sum(dYear(2024).map((w) => w.gp_fte!)) / sum(dYear(2016).map((w) => w.gp_fte!)) - 1, 4),
);
cmp(
  "admin FTE change FY2016 → FY2024",
  C.ADMIN_CHANGE_FY16_FY24,
  r(sum(dYear(2024).map((w) => w.admin_fte!)) / sum(dYear(2016).map((w) => w.admin_fte!)) - 1, 4),
);
for (const [label, key, target] of [
  ["nurse FTE per 10k median", "nurses_fte", 2.299],
  ["DPC FTE per 10k median", "dpc_fte", 1.966],
  ["admin FTE per 10k median", "admin_fte", 11.689],
  ["locum + trainee FTE per 10k median", "locum_trainee_fte", 1.071],
] as const) {
  cmp(
    label,
    target,
    r(
      q(
        d25.map((w) => ((w[key] as number) / w.patients!) * 1e4),
        0.5,
      ),
      3,
    ),
  );
}
const d2122 = demo.payments["2021-22"]!;
cmp(
  "weighted / registered p5 / median / p95 (2021-22)",
  `${C.WEIGHTED_RATIO.p5} / ${C.WEIGHTED_RATIO.median} / ${C.WEIGHTED_RATIO.p95}`,
  [0.05, 0.5, 0.95]
    .map((p) =>
      r(
        q(
          d2122.map((x) => x.weighted_patients! / x.registered_patients!),
          p,
        ),
      ),
    )
    .join(" / "),
);
for (const fy of PAYMENT_YEARS) {
  const gms = demo.payments[fy]!.filter((x) => x.contract_type === "GMS");
  cmp(
    `global sum per weighted patient, GMS median, ${fy}`,
    C.GLOBAL_SUM_PER_WEIGHTED[fy],
    r(
      q(
        gms.map((x) => x.global_sum! / x.weighted_patients!),
        0.5,
      ),
      2,
    ),
  );
}
cmp(
  "QOF £ per registered patient median (2021-22)",
  13.1,
  r(
    q(
      d2122.map((x) => x.qof_total! / x.registered_patients!),
      0.5,
    ),
    2,
  ),
);
cmp(
  "total payments £ per registered patient p25 / median / p75 (2021-22)",
  `${C.TOTAL_PER_REGISTERED.p25} / ${C.TOTAL_PER_REGISTERED.median} / ${C.TOTAL_PER_REGISTERED.p75}`,
  [0.25, 0.5, 0.75]
    .map((p) =>
      r(
        q(
          d2122.map((x) => x.total_payments! / x.registered_patients!),
          p,
        ),
        2,
      ),
    )
    .join(" / "),
);
cmp(
  "contract GMS / PMS / APMS",
  `${C.CONTRACT_SHARES.GMS} / ${C.CONTRACT_SHARES.PMS} / ${C.CONTRACT_SHARES.APMS}`,
  ["GMS", "PMS", "APMS"]
    .map((c) => r(d2122.filter((x) => x.contract_type === c).length / d2122.length))
    .join(" / "),
);
cmp(
  "dispensing practices",
  C.DISPENSING_SHARE,
  r(d2122.filter((x) => x.dispensing === "Yes").length / d2122.length),
);
const dDpc = demo.pcnWorkforce.filter((x) => x.staff_group === "Other Direct Patient Care staff");
const dArrs = new Map<string, number>();
for (const x of dDpc) dArrs.set(x.pcn_code, (dArrs.get(x.pcn_code) ?? 0) + x.fte);
const dRates = [...dPcn].map(([code, v]) => ((dArrs.get(code) ?? 0) / v.list) * 1e4);
cmp(
  "ARRS FTE per 10k by PCN p25 / median / p75 (reporting PCNs)",
  "1.65 / 2.38 / 3.11",
  [0.25, 0.5, 0.75].map((p) => r(q(dRates, p), 2)).join(" / "),
);
const dRole = new Map<string, number>();
for (const x of dDpc) dRole.set(x.staff_role, (dRole.get(x.staff_role) ?? 0) + x.fte);
const dTot = sum([...dRole.values()]);
cmp(
  "ARRS role mix: pharmacists / SPLW / care coordinators / pharmacy technicians",
  "0.269 / 0.161 / 0.149 / 0.082",
  ["Pharmacists", "Social Prescribing Link Workers", "Care Coordinators", "Pharmacy Technicians"]
    .map((k) => r((dRole.get(k) ?? 0) / dTot))
    .join(" / "),
);
cmp(
  "ARRS contracted-services share",
  C.ARRS_CONTRACTED_SHARE,
  r(sum(dDpc.filter((x) => x.data_source === "NWRS contracted services").map((x) => x.fte)) / dTot),
);
cmp(
  "LSOA IMD decile shares (Staffs + Stoke LSOAs → demo LSOAs)",
  C.LSOA_DECILE_SHARES,
  Array.from({ length: 10 }, (_, i) =>
    r(demo.lsoaImd.filter((l) => l.imd_decile === i + 1).length / demo.lsoaImd.length),
  ),
);
const dByPractice = new Map<string, number[]>();
for (const x of demo.practiceLsoa)
  dByPractice.set(x.practice_code, [...(dByPractice.get(x.practice_code) ?? []), x.patients]);
const dShapes = [...dByPractice.values()].map((arr) => {
  const s2 = [...arr].sort((a, b) => b - a);
  const t = sum(s2);
  return {
    n: s2.length,
    top10: sum(s2.slice(0, 10)) / t,
    small: arr.filter((v) => v < 5).length / arr.length,
  };
});
cmp(
  "LSOAs per practice p25 / median / p75",
  `${C.LSOAS_PER_PRACTICE.p25} / ${C.LSOAS_PER_PRACTICE.median} / ${C.LSOAS_PER_PRACTICE.p75}`,
  [0.25, 0.5, 0.75]
    .map((p) =>
      r(
        q(
          dShapes.map((x) => x.n),
          p,
        ),
        0,
      ),
    )
    .join(" / "),
);
cmp(
  "share in top 10 LSOAs p25 / median / p75",
  `${C.TOP10_LSOA_SHARE.p25} / ${C.TOP10_LSOA_SHARE.median} / ${C.TOP10_LSOA_SHARE.p75}`,
  [0.25, 0.5, 0.75]
    .map((p) =>
      r(
        q(
          dShapes.map((x) => x.top10),
          p,
        ),
      ),
    )
    .join(" / "),
);
cmp(
  "share of LSOA rows under 5 patients (median)",
  C.SMALL_LSOA_ROW_SHARE,
  r(
    q(
      dShapes.map((x) => x.small),
      0.5,
    ),
  ),
);
const dLsoaTot = new Map<string, number>();
for (const x of demo.practiceLsoa) dLsoaTot.set(x.lsoa_code, (dLsoaTot.get(x.lsoa_code) ?? 0) + x.patients);
cmp(
  "registered patients per LSOA p5 / median / p95",
  "1,142 / 1,613 / 2,599",
  [0.05, 0.5, 0.95].map((p) => r(q([...dLsoaTot.values()], p), 0)).join(" / "),
);
const dCent = new Map(demo.lsoaCentroid.map((l) => [l.lsoa_code, [l.lat, l.lon] as const]));
const dSite = new Map(
  demo.practice.map((p) => {
    const loc = demo.postcodeLocation.find((x) => x.postcode === p.postcode!.replace(/\s/g, ""))!;
    return [p.practice_code, [loc.lat, loc.lon] as const];
  }),
);
const dDist = demo.practiceLsoa
  .map((x) => ({ d: km(dSite.get(x.practice_code)!, dCent.get(x.lsoa_code)!), n: x.patients }))
  .sort((a, b) => a.d - b.d);
const dN = sum(dDist.map((x) => x.n));
const dWq = (p: number) => {
  let acc = 0;
  for (const x of dDist) if ((acc += x.n) >= p * dN) return r(x.d, 2);
  return NaN;
};
cmp(
  "patient → practice km p25 / median / p75 / p90",
  `${C.PATIENT_DISTANCE_KM.p25} / ${C.PATIENT_DISTANCE_KM.median} / ${C.PATIENT_DISTANCE_KM.p75} / ${C.PATIENT_DISTANCE_KM.p90}`,
  [0.25, 0.5, 0.75, 0.9].map(dWq).join(" / "),
);
const dAge = new Map<string, { all: number; old: number }>();
for (const x of demo.practiceList) {
  if (x.sex === "ALL") continue;
  const e = dAge.get(x.sub_icb_code!) ?? { all: 0, old: 0 };
  e.all += x.patients;
  if (["65_69", "70_74", "75_79", "80_84", "85+"].includes(x.age)) e.old += x.patients;
  dAge.set(x.sub_icb_code!, e);
}
cmp(
  "share aged 65+: sub-ICB p5 / median / p95 (real); by place (demo)",
  `${C.SHARE_65_PLUS.p5} / ${C.SHARE_65_PLUS.median} / ${C.SHARE_65_PLUS.p95}`,
  [...dAge].map(([k, v]) => `${k} ${r(v.old / v.all)}`).join(", "),
);

console.log(`\nDemo (seed ${demoSeed}) against the calibration targets:`);
for (const c of compare) console.log(`${c.figure.padEnd(70)} ${c.measured.padEnd(34)} ${c.demo}`);

if (process.argv.includes("--markdown")) {
  console.log("\n| figure | value | file |\n|---|---|---|");
  for (const t of table) console.log(`| ${t.figure} | \`${t.value}\` | \`${t.file}\` |`);
  console.log(`\n| figure | measured | demo (seed ${demoSeed}) |\n|---|---|---|`);
  for (const c of compare) console.log(`| ${c.figure} | ${c.measured} | ${c.demo} |`);
}
