// Kysely types for the icsplan store. Every fact table carries `dataset_id`, which points at the
// `dataset` row naming the source publication, its reference date and the file it came from, so the
// same practice can be seen at several dates. Dates are ISO strings (YYYY-MM-DD).
import type { ColumnType, Generated } from "kysely";

type Json = ColumnType<unknown, string, string>;

export interface DatasetTable {
  id: Generated<number>;
  /** Source format id, e.g. `gp-reg-pat-prac-map` (see src/sources/registry.ts). */
  source: string;
  title: string;
  publisher: string;
  file_name: string;
  file_sha256: string;
  /** The date the data describes (extract date, census date, start of a fiscal year…). */
  reference_date: string;
  /** Human label of the period, e.g. `January 2026`, `FY2021-22`. */
  period: string;
  row_count: number;
  imported_at: ColumnType<string, string | undefined, never>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  meta: Json;
}

export interface PracticeTable {
  dataset_id: number;
  practice_code: string;
  name: string;
  postcode: string | null;
  address: string | null;
  region_code: string | null;
  icb_code: string | null;
  sub_icb_code: string | null;
  open_date: string | null;
  close_date: string | null;
  status: string;
  /** ODS role codes, `|`-separated (RO76 = GP practice). */
  roles: string;
  is_gp_practice: boolean;
}

export interface PostcodeLocationTable {
  dataset_id: number;
  /** Normalised: upper case, no spaces. */
  postcode: string;
  postcode_display: string;
  easting: number | null;
  northing: number | null;
  lat: number;
  lon: number;
  quality: number | null;
}

/** Practice → PCN → sub-ICB (or CCG) → ICB (or STP) → region, at the dataset's date. */
export interface OrgMapTable {
  dataset_id: number;
  practice_code: string;
  practice_name: string;
  practice_postcode: string | null;
  pcn_code: string | null;
  pcn_name: string | null;
  sub_icb_code: string | null;
  sub_icb_ons_code: string | null;
  sub_icb_name: string | null;
  icb_code: string | null;
  icb_ons_code: string | null;
  icb_name: string | null;
  region_code: string | null;
  region_ons_code: string | null;
  region_name: string | null;
  supplier: string | null;
}

export interface PracticeListTable {
  dataset_id: number;
  practice_code: string;
  sub_icb_code: string | null;
  sex: string;
  age: string;
  patients: number;
}

export interface OrgAgeSexTable {
  dataset_id: number;
  org_type: string;
  org_code: string;
  ons_code: string | null;
  sex: string;
  age: string;
  patients: number;
}

export interface PracticeLsoaTable {
  dataset_id: number;
  practice_code: string;
  lsoa_code: string;
  patients: number;
}

export interface LsoaImdTable {
  dataset_id: number;
  lsoa_code: string;
  vintage: number;
  edition: number;
  name: string | null;
  lad_code: string | null;
  lad_name: string | null;
  imd_rank: number;
  imd_decile: number;
  imd_score: number | null;
}

export interface LsoaCentroidTable {
  dataset_id: number;
  lsoa_code: string;
  vintage: number;
  name: string | null;
  lat: number;
  lon: number;
}

export interface PracticeImdTable {
  dataset_id: number;
  practice_code: string;
  edition: number;
  imd_score: number;
  imd_decile: number | null;
}

export interface PcnImdTable {
  dataset_id: number;
  pcn_code: string;
  pcn_name: string | null;
  edition: number;
  imd_score: number;
  imd_decile: number | null;
}

export interface PracticeWorkforceTable {
  dataset_id: number;
  practice_code: string;
  /** Fiscal year by its ending calendar year: 2024 = April 2023 – March 2024. */
  fiscal_year: number;
  icb_name: string | null;
  patients: number | null;
  gp_hc: number | null;
  gp_fte: number | null;
  locum_trainee_hc: number | null;
  locum_trainee_fte: number | null;
  senior_partner_hc: number | null;
  senior_partner_fte: number | null;
  partner_provider_hc: number | null;
  partner_provider_fte: number | null;
  nurse_partner_hc: number | null;
  nurse_partner_fte: number | null;
  manager_partner_hc: number | null;
  manager_partner_fte: number | null;
  nurses_hc: number | null;
  nurses_fte: number | null;
  dpc_hc: number | null;
  dpc_fte: number | null;
  admin_hc: number | null;
  admin_fte: number | null;
  admin_manager_fte: number | null;
  admin_reception_fte: number | null;
  admin_telephonist_fte: number | null;
  imd_score: number | null;
  imd_quintile: number | null;
}

export interface PcnWorkforceTable {
  dataset_id: number;
  census_date: string;
  pcn_code: string;
  pcn_name: string | null;
  sub_icb_code: string | null;
  icb_code: string | null;
  region_code: string | null;
  data_source: string | null;
  staff_group: string;
  staff_role: string;
  detailed_role: string | null;
  fte: number;
  unique_id: string | null;
}

export interface PcnTable {
  dataset_id: number;
  pcn_code: string;
  name: string;
  sub_icb_code: string | null;
  sub_icb_name: string | null;
  open_date: string | null;
  close_date: string | null;
  postcode: string | null;
}

export interface PcnMembershipTable {
  dataset_id: number;
  practice_code: string;
  pcn_code: string;
  practice_sub_icb_code: string | null;
  pcn_sub_icb_code: string | null;
  start_date: string | null;
  end_date: string | null;
}

export interface PaymentTable {
  dataset_id: number;
  /** e.g. `2021-22`. */
  fiscal_year: string;
  practice_code: string;
  practice_name: string | null;
  postcode: string | null;
  commissioner_code: string | null;
  pcn_code: string | null;
  contract_type: string | null;
  dispensing: string | null;
  rurality: string | null;
  registered_patients: number | null;
  weighted_patients: number | null;
  global_sum: number | null;
  qof_total: number | null;
  total_payments: number | null;
  total_minus_deductions: number | null;
  /** Every monetary column of the row, keyed by its published name. */
  lines: Json;
}

export interface QofPrevalenceTable {
  dataset_id: number;
  practice_code: string;
  group_code: string;
  register: number;
  list_type: string;
  list_size: number;
}

export interface QofIndicatorTable {
  dataset_id: number;
  indicator_code: string;
  point_value: number | null;
  group_code: string;
  group_description: string | null;
  domain_code: string | null;
  domain_description: string | null;
  list_type: string | null;
}

export interface QofPracticeTable {
  dataset_id: number;
  practice_code: string;
  revised_maximum_points: number;
}

export interface BoundaryTable {
  dataset_id: number;
  /** `region`, `icb`, `sub-icb`, `lsoa11`, `pcn`. */
  level: string;
  code: string;
  name: string | null;
  centroid_lat: number | null;
  centroid_lon: number | null;
  geometry: Json;
}

export interface LsoaPcnLookupTable {
  dataset_id: number;
  lsoa_code: string;
  pcn_code: string;
  pcn_name: string | null;
}

export interface SubIcbChangeTable {
  dataset_id: number;
  sub_icb_code: string;
  name_before: string;
  name_after: string;
  new_icb_name: string | null;
}

export interface LsoaReallocationTable {
  dataset_id: number;
  lsoa_code: string;
  lsoa_name: string | null;
  from_sub_icb_code: string | null;
  from_icb_code: string | null;
  to_sub_icb_code: string | null;
  to_icb_code: string | null;
  to_icb_name: string | null;
  lad_code: string | null;
}

/** LSOA 2021 → sub-ICB location → ICB (ONS lookup; the codes of the lookup's date). */
export interface LsoaNhsAreaTable {
  dataset_id: number;
  lsoa_code: string;
  lsoa_name: string | null;
  sub_icb_ons_code: string;
  /** ODS code of the sub-ICB location (e.g. `05D`). */
  sub_icb_code: string | null;
  sub_icb_name: string | null;
  icb_ons_code: string;
  /** ODS code of the ICB (e.g. `QNC`). */
  icb_code: string | null;
  icb_name: string | null;
}

/** LSOA 2021 → electoral ward → local authority district (ONS best-fit lookup). */
export interface LsoaLocalAuthorityTable {
  dataset_id: number;
  lsoa_code: string;
  lsoa_name: string | null;
  ward_code: string | null;
  ward_name: string | null;
  lad_code: string;
  lad_name: string | null;
}

/** LSOA 2011 ↔ LSOA 2021, one row per pair, with the ONS change code (U, S, M or X). */
export interface LsoaVintageLinkTable {
  dataset_id: number;
  lsoa11_code: string;
  lsoa21_code: string;
  /** U unchanged, S split, M merged, X irregular. */
  change: string;
  lad_code: string | null;
  lad_name: string | null;
}

export interface ScenarioTable {
  id: Generated<number>;
  name: string;
  /** network-design, closure, merger or allocation. */
  kind: string;
  synthetic: boolean;
  /** ICB or sub-ICB code the scenario covers. */
  area: string;
  /** Date of the PCN map the scenario starts from. */
  map_date: string;
  created_at: ColumnType<string, string | undefined, never>;
  description: string;
  request: Json;
  result: Json;
  configuration: ColumnType<unknown, string | null, string | null>;
}

export interface DerivedCacheTable {
  key: string;
  /** Fingerprint of what the value was computed from. */
  inputs: string;
  /** The value as JSON text. */
  value: string;
  created_at: ColumnType<string, string | undefined, never>;
}

export interface PlanOrganisationTable {
  id: Generated<number>;
  kind: string;
  name: string;
  code: string | null;
  icb_code: string | null;
  parent_key: string | null;
  created_at: ColumnType<string, string | undefined, never>;
}

export interface PlanPersonTable {
  id: Generated<number>;
  name: string;
  organisation_key: string | null;
  staff_group: string;
  role: string | null;
  created_at: ColumnType<string, string | undefined, never>;
}

export interface PlanTable {
  id: Generated<number>;
  name: string;
  state: string;
  revision: ColumnType<number, number | undefined, number>;
  content: Json;
  created_at: ColumnType<string, string | undefined, never>;
  updated_at: ColumnType<string, string | undefined, string>;
}

export interface PlanEvidenceTable {
  plan_id: number;
  key: string;
  title: string;
  use_case: string;
  request: Json;
  summary: Json;
  datasets: Json;
  unavailable: string | null;
  created_at: ColumnType<string, string | undefined, string>;
}

export interface PlanEngagementTable {
  id: Generated<number>;
  plan_id: number;
  date: string;
  kind: string;
  forum: string;
  organisations: Json;
  attendees: Json;
  settings: Json;
  asked: string;
  heard: string;
  changes: Json;
  created_at: ColumnType<string, string | undefined, never>;
}

export interface PlanVersionTable {
  plan_id: number;
  number: number;
  revision: number;
  created_by: string;
  note: string;
  snapshot: Json;
  created_at: ColumnType<string, string | undefined, never>;
}

export interface PlanCommentTable {
  id: Generated<number>;
  plan_id: number;
  section: string;
  by_name: string;
  role: string;
  text: string;
  revision: number;
  at: ColumnType<string, string | undefined, never>;
}

export interface PlanSectionEditTable {
  id: Generated<number>;
  plan_id: number;
  section: string;
  change: string;
  by_name: string;
  revision: number;
  at: ColumnType<string, string | undefined, never>;
}

export interface PlanSignoffTable {
  id: Generated<number>;
  plan_id: number;
  step: string;
  version: number;
  by_name: string;
  role: string;
  organisation: string | null;
  note: string;
  from_state: string;
  to_state: string;
  at: ColumnType<string, string | undefined, never>;
}

/** A user: name, display name, scrypt password hash, role grants (JSON [{ role, scope }]). */
export interface AppUserTable {
  id: Generated<number>;
  name: string;
  display_name: string;
  password_hash: string;
  grants: Json;
  created_at: ColumnType<string, string | undefined, never>;
  updated_at: ColumnType<string, string | undefined, string>;
}

/** A session: the SHA-256 of its token (never the token), its CSRF token and expiry. */
export interface AppSessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: ColumnType<string, string | undefined, never>;
  expires_at: string;
}

/** A failed login, keyed by user name and address (the rate limit). */
export interface LoginFailureTable {
  id: Generated<number>;
  key: string;
  at: ColumnType<string, string | undefined, never>;
}

/** The append-only audit log: who, when, what, on what, before and after (a trigger refuses changes). */
export interface AuditLogTable {
  id: Generated<number>;
  at: ColumnType<string, string | undefined, never>;
  actor: string;
  action: string;
  target: string;
  route: string | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
}

export interface Database {
  dataset: DatasetTable;
  practice: PracticeTable;
  postcode_location: PostcodeLocationTable;
  org_map: OrgMapTable;
  practice_list: PracticeListTable;
  org_age_sex: OrgAgeSexTable;
  practice_lsoa: PracticeLsoaTable;
  lsoa_imd: LsoaImdTable;
  lsoa_centroid: LsoaCentroidTable;
  practice_imd: PracticeImdTable;
  pcn_imd: PcnImdTable;
  practice_workforce: PracticeWorkforceTable;
  pcn_workforce: PcnWorkforceTable;
  pcn: PcnTable;
  pcn_membership: PcnMembershipTable;
  payment: PaymentTable;
  qof_prevalence: QofPrevalenceTable;
  qof_indicator: QofIndicatorTable;
  qof_practice: QofPracticeTable;
  boundary: BoundaryTable;
  lsoa_pcn_lookup: LsoaPcnLookupTable;
  sub_icb_change: SubIcbChangeTable;
  lsoa_reallocation: LsoaReallocationTable;
  lsoa_nhs_area: LsoaNhsAreaTable;
  lsoa_local_authority: LsoaLocalAuthorityTable;
  lsoa_vintage_link: LsoaVintageLinkTable;
  scenario: ScenarioTable;
  derived_cache: DerivedCacheTable;
  plan_organisation: PlanOrganisationTable;
  plan_person: PlanPersonTable;
  plan: PlanTable;
  plan_evidence: PlanEvidenceTable;
  plan_engagement: PlanEngagementTable;
  plan_version: PlanVersionTable;
  plan_comment: PlanCommentTable;
  plan_signoff: PlanSignoffTable;
  plan_section_edit: PlanSectionEditTable;
  app_user: AppUserTable;
  app_session: AppSessionTable;
  login_failure: LoginFailureTable;
  audit_log: AuditLogTable;
}

export type TableName = keyof Database;
