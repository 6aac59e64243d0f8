// The shapes of the API answers the pages read (see /api/openapi.json; src/api/schemas.ts).
import type { Band, BandRule } from "./bands.ts";

export interface Health {
  status: "ok";
  store: string;
  datasets: { real: number; demo: number };
  hint: string | null;
}

export interface Dataset {
  id: number;
  source: string;
  period: string;
  reference_date: string;
  rows: number;
  synthetic: boolean;
  scope: string | null;
  file: string;
}

export interface OrgRef {
  code: string;
  onsCode: string | null;
  name: string;
}

export interface Share {
  value: number | null;
  practices: number;
}

export interface Summary {
  practices: number;
  practicesWithList: number;
  patients: number;
  listSize: { p5: number; median: number; p95: number; mean: number } | null;
  pcns: number;
  bands: Record<Band, number>;
  bandPatients: Record<Band, number>;
  unallocatedPractices: number;
  unallocatedPatients: number;
  gpFtePer10k: Share | null;
  patientsPerGpFte: Share | null;
  partnerShare: Share | null;
  nursesFtePer10k?: Share | null;
  dpcFtePer10k?: Share | null;
  deprivation?: { quintilePatients: number[]; practicesCovered: number; basis: string[] } | null;
}

export interface OverviewPcn {
  code: string;
  name: string;
  subIcb: OrgRef;
  icb: OrgRef;
  practices: number;
  listSize: number;
  practicesWithoutList: number;
  band: Band;
  crossesSubIcb: boolean;
}

export interface SourceRef {
  id: number;
  source: string;
  title: string;
  period: string;
  referenceDate: string;
  synthetic: boolean;
}

export interface Overview {
  synthetic: boolean;
  date: string;
  rules: BandRule & { year: string; sources: string[] };
  scope: { kind: "england" | "icb" | "sub-icb"; icb?: OrgRef; subIcb?: OrgRef; region?: OrgRef };
  summary: Summary;
  subAreas: { area: OrgRef; summary: Summary }[];
  pcns: OverviewPcn[];
  sources: Record<string, SourceRef | null | undefined>;
  caveats: string[];
}

export interface PracticeRow {
  practice_code: string;
  practice_name: string;
  postcode: string | null;
  pcn_code: string;
  pcn_name: string;
  pcn_band: Band | null;
  sub_icb_code: string;
  icb_code: string;
  list_size: number | null;
  weighted_list: number | null;
  gp_fte: number | null;
  partner_fte: number | null;
  patients_per_gp_fte: number | null;
  imd_decile: number | null;
  lat: number | null;
  lon: number | null;
}

export interface SearchMatch extends PracticeRow {
  matched: "code" | "postcode" | "postcode-sector" | "postcode-district" | "name";
}

export interface Listing<R> {
  synthetic: boolean;
  date: string;
  map: string;
  lists: string | null;
  rows: R[];
}
