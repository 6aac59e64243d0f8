// Outliers that would distort per-head figures: practice-years whose NHS payments per registered patient are
// far above England's median of that year (M83126 in FY2020-21: £10.4m on a list of 6,893, £1,514 a head, of
// which £9.4m is one "General Practice Forward View" line), and practices whose patients per GP FTE are not
// plausible as a workforce figure (M83067: 41,572, faithful to the file). They are flagged as caveats; the
// audit and history can leave them out (`--exclude-outliers`). Thresholds are icsplan's, documented in
// docs/funding.md, not NHS rules.
import type { PaymentYear } from "../../model/funding.ts";

/** A practice-year is a payments outlier above this multiple of England's median payments per registered patient. */
export const PAYMENTS_PER_HEAD_MULTIPLE = 3;
/**
 * A practice's GP workforce is implausible above this many registered patients per GP FTE (GPs excluding
 * trainees and locums): about 4.3 × England's 2,338 in FY2024-25, far beyond any practice the files show as
 * fully staffed; such figures come from a record that misses most of the practice's GPs.
 */
export const PATIENTS_PER_GP_FTE_MAX = 10_000;

export interface PaymentOutlier {
  practiceCode: string;
  fiscalYear: string;
  registered: number;
  total: number;
  perHead: number;
  /** England's median payments per registered patient that year (practices with a list and a total). */
  median: number;
  /** perHead ÷ median. */
  multiple: number;
}

export interface WorkforceOutlier {
  practiceCode: string;
  listSize: number;
  gpFte: number;
  patientsPerGpFte: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Practice-years paid more than `multiple` × the year's median per registered patient. The median is over
 * every practice of the year given (pass all of England's rows, not one area's), largest multiple first.
 */
export function paymentOutliers(
  years: readonly PaymentYear[],
  multiple = PAYMENTS_PER_HEAD_MULTIPLE,
): PaymentOutlier[] {
  const out: PaymentOutlier[] = [];
  for (const y of years) {
    const rows = y.records.filter((r) => r.total !== null && r.registered !== null && r.registered > 0);
    const m = median(rows.map((r) => r.total! / r.registered!));
    if (m === null || m <= 0) continue;
    for (const r of rows) {
      const perHead = r.total! / r.registered!;
      if (perHead > multiple * m)
        out.push({
          practiceCode: r.practiceCode,
          fiscalYear: y.fiscalYear,
          registered: r.registered!,
          total: r.total!,
          perHead,
          median: m,
          multiple: perHead / m,
        });
    }
  }
  return out.sort((a, b) => b.multiple - a.multiple || a.practiceCode.localeCompare(b.practiceCode));
}

/** The payment years without the outlier practice-years. */
export function withoutPaymentOutliers(
  years: readonly PaymentYear[],
  outliers: readonly PaymentOutlier[],
): PaymentYear[] {
  const drop = new Set(outliers.map((o) => `${o.fiscalYear}|${o.practiceCode}`));
  return years.map((y) => ({
    fiscalYear: y.fiscalYear,
    records: y.records.filter((r) => !drop.has(`${y.fiscalYear}|${r.practiceCode}`)),
  }));
}

/** Practices with more than `max` registered patients per GP FTE, highest first. */
export function workforceOutliers(
  practices: readonly { code: string; listSize: number | null; gpFte: number | null }[],
  max = PATIENTS_PER_GP_FTE_MAX,
): WorkforceOutlier[] {
  return practices
    .filter((p) => p.listSize !== null && p.gpFte !== null && p.gpFte > 0 && p.listSize / p.gpFte > max)
    .map((p) => ({
      practiceCode: p.code,
      listSize: p.listSize!,
      gpFte: p.gpFte!,
      patientsPerGpFte: p.listSize! / p.gpFte!,
    }))
    .sort((a, b) => b.patientsPerGpFte - a.patientsPerGpFte || a.practiceCode.localeCompare(b.practiceCode));
}

const gbp = (v: number) => `£${Math.round(v).toLocaleString("en-GB")}`;

/** One caveat line per outlier (at most `limit`, then a count), naming the threshold and the option. */
export function outlierCaveats(
  payments: readonly PaymentOutlier[],
  workforce: readonly WorkforceOutlier[],
  excluded: boolean,
  nameOf: (code: string) => string | null = () => null,
  limit = 10,
): string[] {
  const out: string[] = [];
  const label = (code: string) => {
    const n = nameOf(code);
    return n ? `${code} (${n})` : code;
  };
  const action = excluded
    ? "left out of per-head figures (--exclude-outliers)"
    : "included; pass --exclude-outliers to leave them out";
  if (payments.length > 0) {
    out.push(
      `Outliers: ${payments.length} practice-year(s) paid more than ${PAYMENTS_PER_HEAD_MULTIPLE} × England's median per registered patient, ${action}:`,
    );
    for (const o of payments.slice(0, limit))
      out.push(
        `${label(o.practiceCode)} ${o.fiscalYear}: ${gbp(o.total)} on a list of ${Math.round(o.registered).toLocaleString("en-GB")} = ` +
          `${gbp(o.perHead)} a head, ${o.multiple.toFixed(1)} × the median ${gbp(o.median)}`,
      );
    if (payments.length > limit) out.push(`… and ${payments.length - limit} more (see --format json)`);
  }
  if (workforce.length > 0) {
    out.push(
      `Implausible workforce: ${workforce.length} practice(s) with more than ${PATIENTS_PER_GP_FTE_MAX.toLocaleString("en-GB")} patients per GP FTE, ${excluded ? "left out of the GP FTE measure (--exclude-outliers)" : "included; pass --exclude-outliers to leave them out of the GP FTE measure"}:`,
    );
    for (const o of workforce.slice(0, limit))
      out.push(
        `${label(o.practiceCode)}: ${Math.round(o.listSize).toLocaleString("en-GB")} patients, ${o.gpFte.toFixed(2)} GP FTE = ` +
          `${Math.round(o.patientsPerGpFte).toLocaleString("en-GB")} per GP FTE`,
      );
    if (workforce.length > limit) out.push(`… and ${workforce.length - limit} more (see --format json)`);
  }
  return out;
}
