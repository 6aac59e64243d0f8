// The ICS primary care plan: organisations and people of the system, the plan with its sections
// (objectives, actions, measures, risks), the evidence behind every figure, the engagement log, immutable
// versions and the sign-off workflow. Plain types and the fixed vocabularies; the rules live in
// src/engines/plan/.
import { RequestError } from "./errors.ts";

/** The four purposes of an ICS (NHS Providers "Integrating Care", Nov 2020; domain.md C5). */
export const FOUR_AIMS = [
  { id: "health", label: "Improve outcomes in population health and healthcare" },
  { id: "inequalities", label: "Tackle inequalities in outcomes, experience and access" },
  { id: "productivity", label: "Enhance productivity and value for money" },
  { id: "social", label: "Help the NHS support broader social and economic development" },
] as const;
export type AimId = (typeof FOUR_AIMS)[number]["id"];

/** Organisations of the system. The first four come from the loaded data; the others are added by users. */
export const ORGANISATION_KINDS = {
  icb: "Integrated care board",
  place: "Place (sub-ICB location)",
  pcn: "Primary care network",
  practice: "GP practice",
  lmc: "Local medical committee",
  federation: "GP federation",
  "acute-trust": "Acute trust",
  "community-trust": "Community trust",
  "mental-health-trust": "Mental health trust",
  "local-authority": "Local authority",
  hwb: "Health and wellbeing board",
  vcse: "Voluntary, community and social enterprise body",
  healthwatch: "Healthwatch",
  ppg: "Patient participation group",
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;
export const DATA_ORGANISATION_KINDS = ["icb", "place", "pcn", "practice"] as const;

export interface Organisation {
  /** `pcn:U99001` for an organisation of the data, `org:12` for one added by a user. */
  key: string;
  kind: OrganisationKind;
  name: string;
  /** ODS code where it has one. */
  code: string | null;
  /** The ICB the organisation belongs to (or works with). */
  icbCode: string | null;
  /** The organisation it sits within (a practice's PCN, a PCN's place), by key. */
  parentKey: string | null;
  /** A PCN's clinical director, where known (the open data names none; add them as people). */
  clinicalDirector: string | null;
  fromData: boolean;
}

/** Staff groups and other participants, for people and engagement attendance. */
export const STAFF_GROUPS = {
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
} as const satisfies Record<string, { label: string; setting: "primary" | "community" | "other" }>;
export type StaffGroup = keyof typeof STAFF_GROUPS;

export interface Person {
  id: number;
  name: string;
  organisationKey: string | null;
  staffGroup: StaffGroup;
  /** The workflow role the person may act in (null: none). */
  role: PlanRole | null;
}

/**
 * Roles in the plan's workflow. Each sign-off step names the role that may give it; accounts and sessions
 * (issue 12, item 8) will attach these roles to users scoped to an ICB or place.
 */
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

export type ActionStatus = "not-started" | "in-progress" | "done" | "blocked";
export const ACTION_STATUSES: readonly ActionStatus[] = ["not-started", "in-progress", "done", "blocked"];

/** A figure shown in the plan: a value read from an evidence item's summary at `path`. */
export interface FigureRef {
  label: string;
  evidence: string;
  /** Dotted path into the evidence summary, e.g. `patients` or `bands.under`. */
  path: string;
  format: "count" | "decimal" | "percent" | "pounds" | "text";
}

/** A table shown in the plan: rows of an evidence item's summary at `path`, the given columns. */
export interface TableRef {
  title: string;
  evidence: string;
  path: string;
  columns: { key: string; label: string; format: FigureRef["format"] }[];
}

/** A chart: a series of an evidence item's summary, drawn as a line or bars. */
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
  /** The baseline is an evidence item's figure (or a value typed in, with `evidence` null). */
  baseline: { value: number; date: string; evidence: string | null; path: string | null } | null;
  target: { value: number; date: string } | null;
}

export interface PlanAction {
  id: string;
  text: string;
  owner: string | null;
  start: string | null;
  due: string | null;
  status: ActionStatus;
}

export interface Objective {
  id: string;
  text: string;
  aims: AimId[];
  actions: PlanAction[];
  measures: Measure[];
}

export interface PlanRisk {
  id: string;
  text: string;
  /** 1–5, scored by the plan's owners (null until scored). */
  likelihood: number | null;
  /** 1–5 (null until scored). */
  impact: number | null;
  owner: string | null;
  mitigation: string;
  evidence: string | null;
}

export const SECTION_IDS = [
  "population",
  "networks",
  "workforce",
  "additional-roles",
  "neighbourhoods",
  "resilience",
  "funding",
  "aims",
  "partners",
  "risks",
  "engagement",
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface PlanSection {
  id: SectionId;
  title: string;
  narrative: string[];
  figures: FigureRef[];
  tables: TableRef[];
  charts: ChartRef[];
  objectives: Objective[];
  risks: PlanRisk[];
}

/**
 * What a plan is for: one ICB or place, a union of places or a set of local authorities (the practices whose
 * site is in them), in the footprint of a date ("as it was") or the newest map. `code` is the ICB's or
 * place's ODS code, else the set's (`70F+97R`, `E06000043+E07000223`); plans made before footprints have
 * neither `codes` nor `footprint`.
 */
export interface PlanArea {
  kind: "icb" | "sub-icb" | "places" | "local-authorities";
  code: string;
  name: string;
  /** The places' or local authorities' codes (a union or a set). */
  codes?: string[];
  /** The footprint date asked for (`--footprint`); absent: the newest map. */
  footprintDate?: string;
  /** The ICB footprint the plan's figures are read in, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint?: string;
  /** The date of that footprint's map, when a footprint date was asked for (the pictures are of it). */
  mapDate?: string;
  /** The ICBs the area's practices are in (one for an ICB or place; a union may cross ICBs). */
  icbCodes?: string[];
}

/** The editable document of a plan. */
export interface PlanContent {
  title: string;
  area: PlanArea;
  synthetic: boolean;
  /** The named senior responsible owner. */
  sro: string | null;
  /** The equality and health inequalities impact assessment. */
  ehia: { date: string; summary: string } | null;
  /** The Health and Wellbeing Board's statement (Joint Forward Plan duty). */
  hwbStatement: { date: string; board: string; text: string } | null;
  sections: PlanSection[];
}

/** A dataset an evidence item was made from, with its file's fingerprint. */
export interface EvidenceDataset {
  id: number;
  source: string;
  period: string;
  referenceDate: string;
  sha256: string;
}

/** Every figure, table and chart of the plan comes from one: the use case, its request, what it said. */
export interface EvidenceItem {
  key: string;
  title: string;
  useCase: string;
  request: Record<string, unknown>;
  /** The figures the plan shows, copied from the use case's result. */
  summary: Record<string, unknown>;
  datasets: EvidenceDataset[];
  createdAt: string;
  /** Why the use case gave no result (no such data loaded), when it gave none. */
  unavailable?: string;
}

export type EngagementKind = "meeting" | "workshop" | "survey" | "consultation" | "written-response";
export const ENGAGEMENT_KINDS: readonly EngagementKind[] = [
  "meeting",
  "workshop",
  "survey",
  "consultation",
  "written-response",
];
export type CareSetting = "primary" | "community";

export interface EngagementRecord {
  id: number;
  date: string;
  kind: EngagementKind;
  forum: string;
  /** Organisation keys. */
  organisations: string[];
  attendees: Partial<Record<StaffGroup, number>>;
  settings: CareSetting[];
  asked: string;
  heard: string;
  /** "You said, we did": the sections the engagement changed, and how. */
  changes: { section: SectionId; weDid: string }[];
}

export interface Plan {
  id: number;
  name: string;
  state: PlanState;
  /** Raised by every edit: an edit must name the revision it started from. */
  revision: number;
  content: PlanContent;
  createdAt: string;
  updatedAt: string;
}

/** An immutable snapshot: the content and evidence as they stood. */
export interface PlanVersion {
  number: number;
  revision: number;
  createdAt: string;
  createdBy: string;
  note: string;
  content: PlanContent;
  evidence: EvidenceItem[];
}

export const WORKFLOW_STEPS = [
  "submit-for-lmc-review",
  "lmc-return",
  "lmc-co-sign",
  "cd-forum-endorse",
  "hwb-statement",
  "icb-approve",
] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];

export interface SignOff {
  step: WorkflowStep;
  version: number;
  by: string;
  role: PlanRole;
  organisation: string | null;
  at: string;
  note: string;
  from: PlanState;
  to: PlanState;
}

/** A comment on a section, by anyone with a role (LMC officers and clinical directors comment in review). */
export interface PlanComment {
  id: number;
  section: SectionId;
  by: string;
  role: PlanRole;
  text: string;
  /** The plan's revision the comment was made on. */
  revision: number;
  at: string;
}

/** A step by a role that may not give it (HTTP 403; nothing changes). */
export class PlanForbiddenError extends RequestError {
  override name = "PlanForbiddenError";
  readonly status = 403;
  constructor(message: string) {
    super(message, { kind: "unprocessable", field: "role" });
  }
}

export class PlanRequestError extends RequestError {
  override name = "PlanRequestError";
}
