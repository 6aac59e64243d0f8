// The closure and merger answers of the API as the Scenarios page reads them (POST /api/scenarios/closure
// and /api/scenarios/merger; src/engines/scenarios/closure-result.ts, merger.ts).
import type { Band } from "../bands.ts";

export interface NotPlaced {
  total: number;
  noPracticeInRange: number;
  allFull: number;
  noLocation: number;
}

export interface ClosedPractice {
  code: string;
  name: string;
  pcnCode: string;
  pcnName: string;
  listSize: number;
  listKnown: boolean;
  origins: "lsoa" | "site";
  lsoas: number;
  placed: number;
  notPlaced: NotPlaced;
  meanKm: number | null;
  receivers: { code: string; patients: number }[];
}

export interface Receiver {
  code: string;
  name: string;
  pcnCode: string;
  pcnName: string;
  icbCode: string;
  listBefore: number;
  gain: number;
  listAfter: number;
  growth: number;
  capacity: number | null;
  meanKm: number;
  gpFte: number | null;
  patientsPerGpFteBefore: number | null;
  patientsPerGpFteAfter: number | null;
  from: { code: string; patients: number }[];
}

export interface PcnEffect {
  code: string;
  name: string;
  practicesBefore: number;
  practicesAfter: number;
  listBefore: number;
  listAfter: number;
  bandBefore: Band;
  bandAfter: Band;
  weightedBefore: number | null;
  weightedAfter: number | null;
  arrsBefore: number | null;
  arrsAfter: number | null;
  patientsPerGpFteBefore: number | null;
  patientsPerGpFteAfter: number | null;
}

export interface Site {
  lat: number;
  lon: number;
  approximate?: boolean;
}

interface ScenarioAnswer {
  synthetic: boolean;
  area: string;
  areaName: string;
  map: string;
  lists: string | null;
  catchments: string | null;
  description: string;
  date: string;
  contractYear: string;
  arrsYear: string | null;
  pcns: PcnEffect[];
  notes: string[];
}

export interface ClosureAnswer extends ScenarioAnswer {
  model: "nearest" | "choice";
  maxKm: number;
  cap: string;
  capDescription: string;
  closed: ClosedPractice[];
  receivers: Receiver[];
  notPlaced: NotPlaced;
  totals: {
    toRehome: number;
    placed: number;
    notPlaced: number;
    patientsBefore: number;
    patientsAfter: number;
    practicesInRange: number;
    receivingPractices: number;
    meanKm: number | null;
    placedOutsideIcb: number;
  };
  /** Sites of the closing and receiving practices (code → point). */
  sites: Record<string, Site>;
}

/** A rule a network breaks (src/engines/networks/metrics/context.ts). */
export interface Breach {
  rule: string;
  network: string;
  practices: string[];
  figure: number;
  message: string;
}

export interface MergedMember {
  code: string;
  name: string;
  pcnCode: string;
  pcnName: string;
  listSize: number | null;
  site: { postcode: string | null; lat: number | null; lon: number | null };
}

export interface MergerAnswer extends ScenarioAnswer {
  merged: {
    code: string;
    name: string;
    pcnCode: string;
    pcnName: string;
    members: MergedMember[];
    listSize: number;
    weightedList: number | null;
    workforce: { gpFte: number | null } | null;
    patientsPerGpFte: number | null;
    sites: { postcode: string | null; lat: number | null; lon: number | null; practices: string[] }[];
  };
  networks: {
    added: Breach[];
    resolved: Breach[];
  };
  totals: { patientsBefore: number; patientsAfter: number };
}
