// The periods of the practice workforce series: one dataset per fiscal year. Where two datasets cover the
// same year (HEEC's FY2016–FY2024 "gp-admin" file and its FY2023–FY2025 "partners" file overlap in
// FY2023 and FY2024), the newer dataset is used, so that each year's figures (GPs, partners, nurses…) come
// from one file; the overlap is reported with both totals so the splice can be judged.
import type { DatasetRef } from "../../model/picture.ts";
import { fiscalYearLabel, type PracticeYear, type WorkforceHistory } from "../../model/workforce.ts";

export interface WorkforcePeriod {
  /** Fiscal year by its ending calendar year (2025 = April 2024 – March 2025). */
  fiscalYear: number;
  /** `FY2024-25`. */
  label: string;
  dataset: DatasetRef;
  variant: string;
  /** Practices with a row in the year. */
  practices: number;
  /** The year has partner detail (senior partners, partner/providers). */
  hasPartners: boolean;
  /** The year has nurse, direct patient care and locum/trainee detail. */
  hasStaffGroups: boolean;
}

export interface ChosenPeriods {
  periods: WorkforcePeriod[];
  /** The rows of the chosen dataset of each year. */
  rows: PracticeYear[];
  /** One note per year covered by more than one dataset. */
  overlaps: string[];
}

const newer = (a: DatasetRef, b: DatasetRef) =>
  a.referenceDate > b.referenceDate || (a.referenceDate === b.referenceDate && a.id > b.id);

/** Chooses one dataset per fiscal year (the newest that covers it) and keeps its rows. */
export function choosePeriods(history: Pick<WorkforceHistory, "datasets" | "rows">): ChosenPeriods {
  const chosen = new Map<number, WorkforceHistory["datasets"][number]>();
  for (const d of history.datasets) {
    for (const fy of d.fiscalYears) {
      const current = chosen.get(fy);
      if (!current || newer(d.ref, current.ref)) chosen.set(fy, d);
    }
  }
  const rows: PracticeYear[] = [];
  const stats = new Map<string, { practices: number; gpFte: number; partners: boolean; groups: boolean }>();
  for (const r of history.rows) {
    const key = `${r.datasetId}|${r.fiscalYear}`;
    let s = stats.get(key);
    if (!s) stats.set(key, (s = { practices: 0, gpFte: 0, partners: false, groups: false }));
    s.practices++;
    s.gpFte += r.gpFte ?? 0;
    if (r.partnerFte !== null) s.partners = true;
    if (r.nursesFte !== null || r.dpcFte !== null) s.groups = true;
    if (chosen.get(r.fiscalYear)?.ref.id === r.datasetId) rows.push(r);
  }
  const years = [...chosen.keys()].sort((a, b) => a - b);
  const periods = years.map((fy) => {
    const d = chosen.get(fy)!;
    const s = stats.get(`${d.ref.id}|${fy}`);
    return {
      fiscalYear: fy,
      label: fiscalYearLabel(fy),
      dataset: d.ref,
      variant: d.variant,
      practices: s?.practices ?? 0,
      hasPartners: s?.partners ?? false,
      hasStaffGroups: s?.groups ?? false,
    };
  });
  const overlaps: string[] = [];
  const fmt = (n: number) =>
    n.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  for (const fy of years) {
    const used = chosen.get(fy)!;
    const others = history.datasets.filter((d) => d !== used && d.fiscalYears.includes(fy));
    if (others.length === 0) continue;
    const u = stats.get(`${used.ref.id}|${fy}`)!;
    const alt = others.map((o) => {
      const s = stats.get(`${o.ref.id}|${fy}`)!;
      return `${o.ref.period} ${o.variant ? `(${o.variant}) ` : ""}file gives ${fmt(s.gpFte)} over ${s.practices.toLocaleString("en-GB")}`;
    });
    overlaps.push(
      `${fiscalYearLabel(fy)} is in more than one workforce file: the ${used.ref.period} ` +
        `${used.variant ? `(${used.variant}) ` : ""}file is used (GP FTE ${fmt(u.gpFte)} over ` +
        `${u.practices.toLocaleString("en-GB")} practices); the ${alt.join("; the ")}.`,
    );
  }
  return { periods, rows, overlaps };
}
