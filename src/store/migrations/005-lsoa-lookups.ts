// The ONS LSOA lookups (LSOA 2021 → sub-ICB location → ICB; LSOA 2021 → ward → local authority; LSOA 2011
// → LSOA 2021 with its change code), and practice age × sex bands at national scale: practice_list drops
// its composite primary key (uniqueness is checked by the importers in memory, as for the other large
// fact tables; COPY into the keyed table was ~6× slower) for an index on what the picture reads.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE lsoa_nhs_area (
      dataset_id integer NOT NULL,
      lsoa_code text NOT NULL,
      lsoa_name text,
      sub_icb_ons_code text NOT NULL,
      sub_icb_code text,
      sub_icb_name text,
      icb_ons_code text NOT NULL,
      icb_code text,
      icb_name text
    )`.execute(db);
  await sql`CREATE INDEX lsoa_nhs_area_dataset ON lsoa_nhs_area (dataset_id, lsoa_code)`.execute(db);
  await sql`
    CREATE TABLE lsoa_local_authority (
      dataset_id integer NOT NULL,
      lsoa_code text NOT NULL,
      lsoa_name text,
      ward_code text,
      ward_name text,
      lad_code text NOT NULL,
      lad_name text
    )`.execute(db);
  await sql`CREATE INDEX lsoa_local_authority_dataset ON lsoa_local_authority (dataset_id, lsoa_code)`.execute(
    db,
  );
  await sql`
    CREATE TABLE lsoa_vintage_link (
      dataset_id integer NOT NULL,
      lsoa11_code text NOT NULL,
      lsoa21_code text NOT NULL,
      change text NOT NULL,
      lad_code text,
      lad_name text
    )`.execute(db);
  await sql`CREATE INDEX lsoa_vintage_link_dataset ON lsoa_vintage_link (dataset_id)`.execute(db);
  await sql`ALTER TABLE practice_list DROP CONSTRAINT IF EXISTS practice_list_pkey`.execute(db);
  await sql`CREATE INDEX practice_list_dataset ON practice_list (dataset_id, sex, age)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS practice_list_dataset`.execute(db);
  await sql`ALTER TABLE practice_list ADD PRIMARY KEY (dataset_id, practice_code, sex, age)`.execute(db);
  await sql`DROP TABLE IF EXISTS lsoa_vintage_link`.execute(db);
  await sql`DROP TABLE IF EXISTS lsoa_local_authority`.execute(db);
  await sql`DROP TABLE IF EXISTS lsoa_nhs_area`.execute(db);
}
