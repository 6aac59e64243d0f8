// The workforce figures of a group of practices in one period: staff totals (FTE and headcount), patients,
// ratios per 10,000 registered (and weighted) patients and the partner share. A total sums the practices
// that report the figure; a ratio uses only the practices that report both its numerator and its
// denominator, as the overview does (src/engines/overview/area.ts), so gaps never read as zeros.
import type { PracticeYear } from "../../model/workforce.ts";

export const STAFF_FIELDS = [
  "gpFte",
  "gpHc",
  "partnerFte",
  "partnerHc",
  "locumTraineeFte",
  "locumTraineeHc",
  "nursesFte",
  "nursesHc",
  "dpcFte",
  "dpcHc",
  "adminFte",
  "adminHc",
] as const;
export type StaffField = (typeof STAFF_FIELDS)[number];

/** The staff groups given per 10,000 patients. */
export const PER_10K_FIELDS = [
  "gpFte",
  "partnerFte",
  "locumTraineeFte",
  "nursesFte",
  "dpcFte",
  "adminFte",
] as const;
export type Per10kField = (typeof PER_10K_FIELDS)[number];

export interface PeriodFigures {
  /** Practices with a row in the period. */
  practices: number;
  /** Registered patients recorded in the workforce file (practices that report them). */
  patients: number;
  /** Carr-Hill weighted patients of the payments year matching the period (null when none is loaded). */
  weightedPatients: number | null;
  /** Staff totals; null when no practice of the group reports the field. */
  staff: Record<StaffField, number | null>;
  /** GPs other than partners (salaried, retainers and other GPs): GP FTE − partner FTE where both known. */
  salariedOtherFte: number | null;
  /** Staff FTE per 10,000 registered patients. */
  per10k: Record<Per10kField, number | null>;
  /** GP FTE per 10,000 weighted patients. */
  gpFtePer10kWeighted: number | null;
  patientsPerGpFte: number | null;
  /** Partner FTE ÷ GP FTE (GPs excluding trainees and locums). */
  partnerShareFte: number | null;
  partnerShareHc: number | null;
}

/** Numerator and denominator sums over the practices that report both. */
class Ratio {
  num = 0;
  den = 0;
  n = 0;
  add(a: number | null, b: number | null): void {
    if (a === null || b === null) return;
    this.num += a;
    this.den += b;
    this.n++;
  }
  value(scale = 1): number | null {
    return this.n > 0 && this.den > 0 ? (scale * this.num) / this.den : null;
  }
}

/** Accumulates practice rows of one group and period. */
export class FiguresAccumulator {
  private practices = 0;
  private patients = 0;
  private weighted = 0;
  private weightedSeen = false;
  private readonly staff = new Float64Array(STAFF_FIELDS.length);
  private readonly staffSeen = new Uint8Array(STAFF_FIELDS.length);
  private readonly salaried = new Ratio();
  private readonly per10k = PER_10K_FIELDS.map(() => new Ratio());
  private readonly weightedGp = new Ratio();
  private readonly perGp = new Ratio();
  private readonly shareFte = new Ratio();
  private readonly shareHc = new Ratio();

  add(row: PracticeYear, weighted: number | null): void {
    this.practices++;
    if (row.patients !== null) this.patients += row.patients;
    if (weighted !== null) {
      this.weighted += weighted;
      this.weightedSeen = true;
    }
    for (let i = 0; i < STAFF_FIELDS.length; i++) {
      const v = row[STAFF_FIELDS[i]!];
      if (v === null) continue;
      this.staff[i]! += v;
      this.staffSeen[i] = 1;
    }
    if (row.gpFte !== null && row.partnerFte !== null) this.salaried.add(row.gpFte - row.partnerFte, 1);
    for (let i = 0; i < PER_10K_FIELDS.length; i++)
      this.per10k[i]!.add(row[PER_10K_FIELDS[i]!], row.patients);
    this.weightedGp.add(row.gpFte, weighted);
    this.perGp.add(row.patients, row.gpFte);
    this.shareFte.add(row.partnerFte, row.partnerFte === null ? null : row.gpFte);
    this.shareHc.add(row.partnerHc, row.partnerHc === null ? null : row.gpHc);
  }

  result(): PeriodFigures {
    const staff = Object.fromEntries(
      STAFF_FIELDS.map((f, i) => [f, this.staffSeen[i] ? this.staff[i]! : null]),
    ) as Record<StaffField, number | null>;
    const per10k = Object.fromEntries(
      PER_10K_FIELDS.map((f, i) => [f, this.per10k[i]!.value(10_000)]),
    ) as Record<Per10kField, number | null>;
    return {
      practices: this.practices,
      patients: this.patients,
      weightedPatients: this.weightedSeen ? this.weighted : null,
      staff,
      salariedOtherFte: this.salaried.n > 0 ? this.salaried.num : null,
      per10k,
      gpFtePer10kWeighted: this.weightedGp.value(10_000),
      patientsPerGpFte: this.perGp.value(),
      partnerShareFte: this.shareFte.value(),
      partnerShareHc: this.shareHc.value(),
    };
  }
}

/** Change between two values: absolute and as a fraction of the first (null when either is unknown). */
export interface Change {
  from: number | null;
  to: number | null;
  absolute: number | null;
  /** (to − from) ÷ from; null when from is 0 or unknown. */
  fraction: number | null;
}

export function change(from: number | null, to: number | null): Change {
  const absolute = from === null || to === null ? null : to - from;
  return { from, to, absolute, fraction: absolute === null || !from ? null : absolute / from };
}
