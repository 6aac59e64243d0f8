// The initial schema. Every fact table carries `dataset_id`, without a foreign key: a per-row FK check
// made bulk COPY about three times slower. Removing a dataset goes through deleteDatasets()
// (src/store/datasets.ts), which clears every fact table. Large fact tables have no composite primary key
// either (it triples COPY time); importers check uniqueness in memory before writing.
import { sql, type Kysely } from "kysely";

const ddl = `
CREATE TABLE dataset (
  id serial PRIMARY KEY,
  source text NOT NULL,
  title text NOT NULL,
  publisher text NOT NULL,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  reference_date date NOT NULL,
  period text NOT NULL,
  row_count integer NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  synthetic boolean NOT NULL DEFAULT false,
  meta jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX dataset_source_date ON dataset (source, reference_date);

CREATE TABLE practice (
  dataset_id integer NOT NULL,
  practice_code text NOT NULL,
  name text NOT NULL,
  postcode text,
  address text,
  region_code text,
  icb_code text,
  sub_icb_code text,
  open_date date,
  close_date date,
  status text NOT NULL,
  roles text NOT NULL,
  is_gp_practice boolean NOT NULL,
  PRIMARY KEY (dataset_id, practice_code)
);

CREATE TABLE postcode_location (
  dataset_id integer NOT NULL,
  postcode text NOT NULL,
  postcode_display text NOT NULL,
  easting double precision,
  northing double precision,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  quality integer,
  PRIMARY KEY (dataset_id, postcode)
);

CREATE TABLE org_map (
  dataset_id integer NOT NULL,
  practice_code text NOT NULL,
  practice_name text NOT NULL,
  practice_postcode text,
  pcn_code text,
  pcn_name text,
  sub_icb_code text,
  sub_icb_ons_code text,
  sub_icb_name text,
  icb_code text,
  icb_ons_code text,
  icb_name text,
  region_code text,
  region_ons_code text,
  region_name text,
  supplier text,
  PRIMARY KEY (dataset_id, practice_code)
);

CREATE TABLE practice_list (
  dataset_id integer NOT NULL,
  practice_code text NOT NULL,
  sub_icb_code text,
  sex text NOT NULL,
  age text NOT NULL,
  patients integer NOT NULL,
  PRIMARY KEY (dataset_id, practice_code, sex, age)
);

CREATE TABLE org_age_sex (
  dataset_id integer NOT NULL,
  org_type text NOT NULL,
  org_code text NOT NULL,
  ons_code text,
  sex text NOT NULL,
  age text NOT NULL,
  patients integer NOT NULL
);
CREATE INDEX org_age_sex_dataset ON org_age_sex (dataset_id);

CREATE TABLE practice_lsoa (
  dataset_id integer NOT NULL,
  practice_code text NOT NULL,
  lsoa_code text NOT NULL,
  patients integer NOT NULL
);
CREATE INDEX practice_lsoa_dataset ON practice_lsoa (dataset_id);

CREATE TABLE lsoa_imd (
  dataset_id integer NOT NULL,
  lsoa_code text NOT NULL,
  vintage integer NOT NULL,
  edition integer NOT NULL,
  name text,
  lad_code text,
  lad_name text,
  imd_rank integer NOT NULL,
  imd_decile integer NOT NULL,
  imd_score double precision,
  PRIMARY KEY (dataset_id, lsoa_code)
);

CREATE TABLE lsoa_centroid (
  dataset_id integer NOT NULL,
  lsoa_code text NOT NULL,
  vintage integer NOT NULL,
  name text,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  PRIMARY KEY (dataset_id, lsoa_code)
);

CREATE TABLE practice_imd (
  dataset_id integer NOT NULL,
  practice_code text NOT NULL,
  edition integer NOT NULL,
  imd_score double precision NOT NULL,
  imd_decile integer,
  PRIMARY KEY (dataset_id, practice_code, edition)
);

CREATE TABLE pcn_imd (
  dataset_id integer NOT NULL,
  pcn_code text NOT NULL,
  pcn_name text,
  edition integer NOT NULL,
  imd_score double precision NOT NULL,
  imd_decile integer,
  PRIMARY KEY (dataset_id, pcn_code, edition)
);

CREATE TABLE practice_workforce (
  dataset_id integer NOT NULL,
  practice_code text NOT NULL,
  fiscal_year integer NOT NULL,
  icb_name text,
  patients double precision,
  gp_hc double precision, gp_fte double precision,
  locum_trainee_hc double precision, locum_trainee_fte double precision,
  senior_partner_hc double precision, senior_partner_fte double precision,
  partner_provider_hc double precision, partner_provider_fte double precision,
  nurse_partner_hc double precision, nurse_partner_fte double precision,
  manager_partner_hc double precision, manager_partner_fte double precision,
  nurses_hc double precision, nurses_fte double precision,
  dpc_hc double precision, dpc_fte double precision,
  admin_hc double precision, admin_fte double precision,
  admin_manager_fte double precision, admin_reception_fte double precision, admin_telephonist_fte double precision,
  imd_score double precision,
  imd_quintile integer,
  PRIMARY KEY (dataset_id, practice_code, fiscal_year)
);

CREATE TABLE pcn_workforce (
  dataset_id integer NOT NULL,
  census_date date NOT NULL,
  pcn_code text NOT NULL,
  pcn_name text,
  sub_icb_code text,
  icb_code text,
  region_code text,
  data_source text,
  staff_group text NOT NULL,
  staff_role text NOT NULL,
  detailed_role text,
  fte double precision NOT NULL,
  unique_id text
);
CREATE INDEX pcn_workforce_dataset_pcn ON pcn_workforce (dataset_id, pcn_code);

CREATE TABLE pcn (
  dataset_id integer NOT NULL,
  pcn_code text NOT NULL,
  name text NOT NULL,
  sub_icb_code text,
  sub_icb_name text,
  open_date date,
  close_date date,
  postcode text,
  PRIMARY KEY (dataset_id, pcn_code)
);

CREATE TABLE pcn_membership (
  dataset_id integer NOT NULL,
  practice_code text NOT NULL,
  pcn_code text NOT NULL,
  practice_sub_icb_code text,
  pcn_sub_icb_code text,
  start_date date,
  end_date date
);
CREATE INDEX pcn_membership_dataset_practice ON pcn_membership (dataset_id, practice_code);

CREATE TABLE payment (
  dataset_id integer NOT NULL,
  fiscal_year text NOT NULL,
  practice_code text NOT NULL,
  practice_name text,
  postcode text,
  commissioner_code text,
  pcn_code text,
  contract_type text,
  dispensing text,
  rurality text,
  registered_patients double precision,
  weighted_patients double precision,
  global_sum double precision,
  qof_total double precision,
  total_payments double precision,
  total_minus_deductions double precision,
  lines json NOT NULL,
  PRIMARY KEY (dataset_id, practice_code)
);

CREATE TABLE qof_prevalence (
  dataset_id integer NOT NULL,
  practice_code text NOT NULL,
  group_code text NOT NULL,
  register integer NOT NULL,
  list_type text NOT NULL,
  list_size integer NOT NULL
);
CREATE INDEX qof_prevalence_dataset ON qof_prevalence (dataset_id);

CREATE TABLE qof_indicator (
  dataset_id integer NOT NULL,
  indicator_code text NOT NULL,
  point_value double precision,
  group_code text NOT NULL,
  group_description text,
  domain_code text,
  domain_description text,
  list_type text,
  PRIMARY KEY (dataset_id, indicator_code)
);

CREATE TABLE qof_practice (
  dataset_id integer NOT NULL,
  practice_code text NOT NULL,
  revised_maximum_points double precision NOT NULL,
  PRIMARY KEY (dataset_id, practice_code)
);

CREATE TABLE boundary (
  dataset_id integer NOT NULL,
  level text NOT NULL,
  code text NOT NULL,
  name text,
  centroid_lat double precision,
  centroid_lon double precision,
  geometry json NOT NULL,
  PRIMARY KEY (dataset_id, code)
);

CREATE TABLE lsoa_pcn_lookup (
  dataset_id integer NOT NULL,
  lsoa_code text NOT NULL,
  pcn_code text NOT NULL,
  pcn_name text,
  PRIMARY KEY (dataset_id, lsoa_code)
);

CREATE TABLE sub_icb_change (
  dataset_id integer NOT NULL,
  sub_icb_code text NOT NULL,
  name_before text NOT NULL,
  name_after text NOT NULL,
  new_icb_name text,
  PRIMARY KEY (dataset_id, sub_icb_code)
);

CREATE TABLE lsoa_reallocation (
  dataset_id integer NOT NULL,
  lsoa_code text NOT NULL,
  lsoa_name text,
  from_sub_icb_code text,
  from_icb_code text,
  to_sub_icb_code text,
  to_icb_code text,
  to_icb_name text,
  lad_code text,
  PRIMARY KEY (dataset_id, lsoa_code)
);
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of ddl
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [...ddl.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]).reverse();
  for (const table of tables) await sql.raw(`DROP TABLE IF EXISTS ${table} CASCADE`).execute(db);
}
