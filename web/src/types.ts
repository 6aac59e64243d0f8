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
  /** Patients by IMD quintile on the one basis of every command (LSOA of residence, else practice decile). */
  deprivation?: {
    quintilePatients: number[];
    unknownPatients: number;
    practicesCovered: number;
    basis: "lsoa" | "practice" | "mixed";
    /** The basis in words, as the CLI prints it. */
    description: string;
  } | null;
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
  /** The ICB footprint of the overview's map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint?: string | null;
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

// The workforce and funding answers, as far as the pages read them (src/app/workforce.ts, funding.ts).

export interface AreaRef {
  code: string;
  name: string;
}

export interface WorkforcePeriod {
  fiscalYear: number;
  label: string;
}

export interface WorkforcePoint {
  fiscalYear: number;
  label: string;
  figures: {
    practices: number;
    patients: number;
    staff: { gpFte: number | null; partnerFte: number | null };
    per10k: { gpFte: number | null; partnerFte: number | null };
    patientsPerGpFte: number | null;
    partnerShareFte: number | null;
  };
}

export interface WorkforceSeries {
  area: AreaRef;
  points: WorkforcePoint[];
}

export interface Trends {
  synthetic: boolean;
  periods: WorkforcePeriod[];
  scope: AreaRef | null;
  total: WorkforceSeries;
  areas: WorkforceSeries[];
  caveats: string[];
}

export interface PartnerChange {
  rank: number;
  area: AreaRef;
  from: { practices: number; partnerFte: number | null; partnerShare: number | null };
  to: { practices: number; partnerFte: number | null; partnerShare: number | null };
  fte: { absolute: number | null; fraction: number | null };
  practicesGone: number;
  practicesNew: number;
}

export interface Partners {
  synthetic: boolean;
  from: WorkforcePeriod;
  to: WorkforcePeriod;
  total: PartnerChange;
  rows: PartnerChange[];
  ranked: number;
  caveats: string[];
}

export interface RiskComponent {
  id: string;
  label: string;
  measure: string;
  value: number | null;
  points: number;
  maxPoints: number;
  status: string;
  note: string | null;
}

export interface PracticeRisk {
  rank: number;
  practice: AreaRef;
  pcn: AreaRef | null;
  patients: number | null;
  score: number;
  maxScore: number;
  flagged: boolean;
  known: number;
  components: RiskComponent[];
}

export interface Risk {
  synthetic: boolean;
  period: WorkforcePeriod;
  flagPoints: number;
  practices: PracticeRisk[];
  ranked: number;
  caveats: string[];
}

export interface ArrsPcn {
  pcn: AreaRef;
  practices: number;
  weightedPopulation: number | null;
  entitlement: number | null;
  arrsFte: number;
  costedFte: number;
  uncostedFte: number;
  cost: number;
  headroom: number | null;
  headroomNotComputed: string | null;
  headroomBound: "exact" | "upper" | "lower" | "approximate";
}

export interface Arrs {
  synthetic: boolean;
  censusYear: string;
  census: { period: string };
  pcns: ArrsPcn[];
  total: Omit<ArrsPcn, "pcn">;
  caveats: string[];
}

export interface PracticeProfile {
  synthetic: boolean;
  practice: SearchMatch;
  workforce: { periods: WorkforcePeriod[]; series: WorkforceSeries | null; caveats: string[] };
  payments: {
    years: string[];
    series: {
      group: string;
      points: {
        fiscalYear: string;
        registered: number | null;
        total: number | null;
        perRegistered: number | null;
        perWeighted: number | null;
      }[];
      trend: { from: string; to: string; annualGrowth: number | null } | null;
    }[];
    caveats: string[];
  } | null;
  risk: PracticeRisk | null;
  notes: string[];
}

export interface NetworkEntitlement {
  code: string;
  name: string;
  practices: string[];
  registered: number;
  weighted: number;
  arrs: number;
  total: number;
  items: Record<string, number>;
}

export interface Entitlements {
  synthetic: boolean;
  areaLabel: string;
  year: { year: string; notes: string[] };
  today: {
    networks: NetworkEntitlement[];
    totals: { practice: number; network: number; arrs: number; all: number };
    caveats: string[];
  };
  caveats: string[];
}

export interface AuditQuintile {
  quintile: number;
  label: string;
  practices: number;
  registered: number;
  values: Record<string, number | null>;
}

export interface Audit {
  synthetic: boolean;
  areaLabel: string;
  paymentsYear: string;
  contractYear: string;
  audit: { quintiles: AuditQuintile[]; all: AuditQuintile; concentration: Record<string, number | null> };
  allocation: { notional: boolean; method: string; weights: Record<string, number> };
  caveats: string[];
}
