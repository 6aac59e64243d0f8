// The shapes of the plan routes' answers (src/api/plan-routes.ts; /api/openapi.json) and the plan's fixed
// vocabularies as the pages show them. The web reaches icsplan through the HTTP API only, so the
// vocabularies are repeated here; test/web/plan-logic.test.ts checks they equal src/model/plan.ts.

export const PLAN_STATES = [
  "draft",
  "in-lmc-review",
  "lmc-co-signed",
  "cd-forum-endorsed",
  "hwb-statement-recorded",
  "icb-approved",
] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const STATE_LABELS: Record<PlanState, string> = {
  draft: "Draft",
  "in-lmc-review": "In LMC review",
  "lmc-co-signed": "Co-signed by the LMC",
  "cd-forum-endorsed": "Endorsed by the PCN clinical directors' forum",
  "hwb-statement-recorded": "Health and Wellbeing Board statement recorded",
  "icb-approved": "Approved by the ICB board",
};

export const PLAN_ROLES = {
  "icb-planner": "ICB planner (edits the plan, submits it for review, records the HWB statement)",
  "lmc-officer": "LMC officer (reviews, co-signs or returns the plan)",
  "pcn-clinical-director": "PCN clinical director (endorses for the clinical directors' forum)",
  "hwb-chair": "Health and Wellbeing Board chair or officer (gives the board's statement)",
  "icb-board": "ICB board secretary (records the board's approval)",
  "practice-manager": "Practice manager (reads and comments)",
  viewer: "Viewer (reads)",
} as const;
export type PlanRole = keyof typeof PLAN_ROLES;

export const FOUR_AIMS = [
  { id: "health", label: "Improve outcomes in population health and healthcare" },
  { id: "inequalities", label: "Tackle inequalities in outcomes, experience and access" },
  { id: "productivity", label: "Enhance productivity and value for money" },
  { id: "social", label: "Help the NHS support broader social and economic development" },
] as const;
export type AimId = (typeof FOUR_AIMS)[number]["id"];

export type Setting = "primary" | "community" | "other";
export const STAFF_GROUPS: Record<string, { label: string; setting: Setting }> = {
  "gp-partner": { label: "GP partner", setting: "primary" },
  "salaried-gp": { label: "Salaried GP", setting: "primary" },
  "locum-gp": { label: "Locum GP", setting: "primary" },
  "gp-trainee": { label: "GP trainee", setting: "primary" },
  "practice-nurse": { label: "Practice nurse", setting: "primary" },
  "practice-manager": { label: "Practice manager", setting: "primary" },
  "admin-reception": { label: "Administrative and reception staff", setting: "primary" },
  "clinical-pharmacist": { label: "Clinical pharmacist (ARRS)", setting: "primary" },
  "pharmacy-technician": { label: "Pharmacy technician (ARRS)", setting: "primary" },
  "first-contact-physio": { label: "First contact physiotherapist (ARRS)", setting: "primary" },
  paramedic: { label: "Paramedic (ARRS)", setting: "primary" },
  "physician-associate": { label: "Physician associate (ARRS)", setting: "primary" },
  "social-prescriber": { label: "Social prescribing link worker (ARRS)", setting: "primary" },
  "care-coordinator": { label: "Care coordinator (ARRS)", setting: "primary" },
  "health-wellbeing-coach": { label: "Health and wellbeing coach (ARRS)", setting: "primary" },
  "mental-health-practitioner": { label: "Mental health practitioner (ARRS)", setting: "primary" },
  "pcn-clinical-director": { label: "PCN clinical director", setting: "primary" },
  "community-nurse": { label: "Community / district nurse", setting: "community" },
  "community-therapist": { label: "Community therapist", setting: "community" },
  "health-visitor": { label: "Health visitor", setting: "community" },
  "community-pharmacist": { label: "Community pharmacist", setting: "community" },
  "social-worker": { label: "Social worker", setting: "community" },
  "community-mental-health": { label: "Community mental health staff", setting: "community" },
  "lmc-officer": { label: "LMC officer", setting: "other" },
  "icb-staff": { label: "ICB staff", setting: "other" },
  "local-authority-officer": { label: "Local authority officer", setting: "other" },
  "vcse-worker": { label: "VCSE worker", setting: "other" },
  "patient-representative": { label: "Patient representative", setting: "other" },
};

export const ENGAGEMENT_KINDS = [
  "meeting",
  "workshop",
  "survey",
  "consultation",
  "written-response",
] as const;
export const ACTION_STATUSES = ["not-started", "in-progress", "done", "blocked"] as const;

export type ValueFormat = "count" | "decimal" | "percent" | "pounds" | "text";

export interface FigureRef {
  label: string;
  evidence: string;
  path: string;
  format: ValueFormat;
}
export interface TableRef {
  title: string;
  evidence: string;
  path: string;
  columns: { key: string; label: string; format: ValueFormat }[];
}
export interface ChartRef {
  title: string;
  evidence: string;
  path: string;
  x: string;
  y: string;
  kind: "line" | "bar";
  yLabel: string;
}
export interface Measure {
  id: string;
  name: string;
  unit: string;
  baseline: { value: number; date: string; evidence: string | null; path: string | null } | null;
  target: { value: number; date: string } | null;
}
export interface PlanAction {
  id: string;
  text: string;
  owner: string | null;
  start: string | null;
  due: string | null;
  status: string;
}
export interface Objective {
  id: string;
  text: string;
  aims: string[];
  actions: PlanAction[];
  measures: Measure[];
}
export interface PlanRisk {
  id: string;
  text: string;
  likelihood: number | null;
  impact: number | null;
  owner: string | null;
  mitigation: string;
  evidence: string | null;
}
export interface PlanSection {
  id: string;
  title: string;
  narrative: string[];
  figures: FigureRef[];
  tables: TableRef[];
  charts: ChartRef[];
  objectives: Objective[];
  risks: PlanRisk[];
}
export interface PlanArea {
  kind: "icb" | "sub-icb" | "places" | "local-authorities";
  code: string;
  name: string;
  codes?: string[];
  footprintDate?: string;
  footprint?: string;
  mapDate?: string;
  icbCodes?: string[];
}
export interface PlanContent {
  title: string;
  area: PlanArea;
  synthetic: boolean;
  sro: string | null;
  ehia: { date: string; summary: string } | null;
  hwbStatement: { date: string; board: string; text: string } | null;
  sections: PlanSection[];
}
export interface Plan {
  id: number;
  name: string;
  state: PlanState;
  revision: number;
  content: PlanContent;
  createdAt: string;
  updatedAt: string;
}
export interface PlanSummary {
  name: string;
  title: string;
  area: PlanArea;
  synthetic: boolean;
  state: PlanState;
  stateLabel: string;
  revision: number;
  updatedAt: string;
}
export interface EvidenceDataset {
  id: number;
  source: string;
  period: string;
  referenceDate: string;
  sha256: string;
}
export interface EvidenceItem {
  key: string;
  title: string;
  useCase: string;
  request: Record<string, unknown>;
  summary: Record<string, unknown>;
  datasets: EvidenceDataset[];
  createdAt: string;
  unavailable?: string;
}
export interface EvidenceFreshness {
  key: string;
  title: string;
  createdAt: string;
  fresh: boolean;
  unavailable: string | null;
  changes: string[];
}
export interface EngagementRecord {
  id: number;
  date: string;
  kind: string;
  forum: string;
  organisations: string[];
  attendees: Record<string, number>;
  settings: string[];
  asked: string;
  heard: string;
  changes: { section: string; weDid: string }[];
}
export interface EngagementSummary {
  records: number;
  attendees: number;
  byStaffGroup: { group: string; label: string; setting: string; attendees: number; records: number }[];
  bySetting: { primary: number; community: number; other: number };
  recordsBySetting: { primary: number; community: number };
  byKind: Record<string, number>;
  organisations: string[];
  shaped: { section: string; changes: { date: string; forum: string; weDid: string }[] }[];
}
export interface SignOff {
  step: string;
  version: number;
  by: string;
  role: string;
  organisation: string | null;
  at: string;
  note: string;
  from: PlanState;
  to: PlanState;
}
export interface PlanVersionInfo {
  number: number;
  revision: number;
  createdAt: string;
  createdBy: string;
  note: string;
}
export interface PlanComment {
  id: number;
  section: string;
  by: string;
  role: string;
  text: string;
  revision: number;
  at: string;
}
export interface ComplianceFinding {
  id: string;
  title: string;
  source: string;
  met: boolean;
  detail: string;
}
export interface Organisation {
  key: string;
  kind: string;
  name: string;
  code: string | null;
  icbCode: string | null;
  parentKey: string | null;
  clinicalDirector: string | null;
  fromData: boolean;
}
export interface NextStep {
  step: string;
  label: string;
  roles: string[];
}
/** A section as an editor reads it: the token an edit names, and who last edited it. */
export interface SectionState {
  id: string;
  title: string;
  token: string;
  lastEdit: { section: string; change: string; by: string; revision: number; at: string } | null;
}

export interface PlanView {
  plan: Plan;
  sections: SectionState[];
  comments: PlanComment[];
  stateLabel: string;
  evidence: EvidenceItem[];
  freshness: EvidenceFreshness[];
  engagement: EngagementRecord[];
  engagementSummary: EngagementSummary;
  signOffs: SignOff[];
  versions: PlanVersionInfo[];
  compliance: ComplianceFinding[];
  organisations: Organisation[];
  nextSteps: NextStep[];
}
export interface DifferenceLine {
  where: string;
  change: "added" | "removed" | "changed";
  text: string;
}
