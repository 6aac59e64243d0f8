// What a closure scenario returns (closure.ts): the closing practices, the receiving practices, patients
// not placed by reason, the PCNs touched and the totals that show conservation.
import type { ChoiceParameters } from "./choice.ts";
import type { PcnEffect } from "./pcn-effects.ts";
import type { DispersalModel } from "./request.ts";

export interface NotPlaced {
  total: number;
  /** No open practice within the distance limit. */
  noPracticeInRange: number;
  /** Every practice within the limit was full. */
  allFull: number;
  /** Neither the patients' LSOA nor the practice site has coordinates. */
  noLocation: number;
}

export interface ClosedPracticeResult {
  code: string;
  name: string;
  pcnCode: string;
  pcnName: string;
  icbCode: string;
  listSize: number;
  listKnown: boolean;
  origins: "lsoa" | "site";
  lsoas: number;
  placed: number;
  notPlaced: NotPlaced;
  weightedList: number | null;
  weightedEstimated: boolean;
  /** Patient-weighted mean distance from home to the new practice, km. */
  meanKm: number | null;
  receivers: { code: string; patients: number }[];
}

export interface ReceiverResult {
  code: string;
  name: string;
  pcnCode: string;
  pcnName: string;
  icbCode: string;
  subIcbCode: string;
  listBefore: number;
  gain: number;
  listAfter: number;
  /** gain ÷ list before. */
  growth: number;
  capacity: number | null;
  meanKm: number;
  gpFte: number | null;
  patientsPerGpFteBefore: number | null;
  patientsPerGpFteAfter: number | null;
  weightedBefore: number | null;
  weightedAfter: number | null;
  weightedEstimated: boolean;
  from: { code: string; patients: number }[];
}

export interface ClosureResult {
  date: string;
  model: DispersalModel;
  maxKm: number;
  cap: string;
  capDescription: string;
  choice: ChoiceParameters | null;
  contractYear: string;
  arrsYear: string | null;
  closed: ClosedPracticeResult[];
  receivers: ReceiverResult[];
  notPlaced: NotPlaced;
  totals: {
    /** Σ lists of the closing practices. */
    toRehome: number;
    placed: number;
    notPlaced: number;
    /** Patients of every practice in the map, before and after (conservation: before = after + not placed). */
    patientsBefore: number;
    patientsAfter: number;
    /** Open practices within the distance of some closing practice's patients. */
    practicesInRange: number;
    receivingPractices: number;
    /** Patient-weighted mean distance from home to the new practice, km. */
    meanKm: number | null;
    /** Patients placed with practices in another ICB than the one they left. */
    placedOutsideIcb: number;
  };
  pcns: PcnEffect[];
  notes: string[];
}
