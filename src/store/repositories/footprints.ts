// Reads what the footprint engine needs: the dated practice → sub-ICB → ICB maps (their rows on demand),
// the ODS change files (renamed sub-ICB locations, reallocated LSOAs) with their effective dates, and the
// list sizes of one list-size file. Storage only: which map is in force is src/engines/footprints/.
import type { Kysely } from "kysely";
import type { MembershipRow, OrganisationChangeFile } from "../../model/footprint.ts";
import type { DatasetRef } from "../../model/picture.ts";
import { selectJsonRows } from "../json-rows.ts";
import type { Database } from "../schema.ts";
import { DATASET_REF_COLUMNS, toRef, type DatasetRefRow } from "./datasets.ts";

type Db = Kysely<Database>;

const CHANGE_SOURCES = ["ods-sicbl-renamed", "ods-lsoa-reallocation"] as const;

/** Every practice map held, oldest first. */
export async function listMaps(db: Db, synthetic: boolean): Promise<DatasetRef[]> {
  const rows = await db
    .selectFrom("dataset")
    .select(DATASET_REF_COLUMNS)
    .where("source", "=", "gp-reg-pat-prac-map")
    .where("synthetic", "=", synthetic)
    .orderBy("reference_date")
    .orderBy("id")
    .execute();
  return rows.map((r) => toRef(r as DatasetRefRow));
}

/** The membership rows of the given maps, by map id. */
export async function loadMembership(
  db: Db,
  mapIds: readonly number[],
): Promise<Map<number, MembershipRow[]>> {
  const out = new Map<number, MembershipRow[]>(mapIds.map((id) => [id, []]));
  if (mapIds.length === 0) return out;
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("org_map")
      .select([
        "dataset_id",
        "practice_code",
        "practice_name",
        "sub_icb_code",
        "sub_icb_ons_code",
        "sub_icb_name",
        "icb_code",
        "icb_ons_code",
        "icb_name",
      ])
      .where("dataset_id", "in", [...mapIds])
      .orderBy("practice_code"),
  );
  for (const r of rows) {
    if (r.icb_code === null || r.sub_icb_code === null) continue;
    out.get(r.dataset_id)!.push({
      practiceCode: r.practice_code,
      practiceName: r.practice_name,
      subIcb: { code: r.sub_icb_code, onsCode: r.sub_icb_ons_code, name: r.sub_icb_name ?? r.sub_icb_code },
      icb: { code: r.icb_code, onsCode: r.icb_ons_code, name: r.icb_name ?? r.icb_code },
    });
  }
  return out;
}

/** The ODS change files held, each with its rows and effective date (its reference date when none is recorded). */
export async function loadChangeFiles(db: Db, synthetic: boolean): Promise<OrganisationChangeFile[]> {
  const datasets = await db
    .selectFrom("dataset")
    .select([...DATASET_REF_COLUMNS, "meta"])
    .where("source", "in", [...CHANGE_SOURCES])
    .where("synthetic", "=", synthetic)
    .orderBy("reference_date")
    .orderBy("id")
    .execute();
  if (datasets.length === 0) return [];
  const ids = datasets.map((d) => d.id);
  const [renamed, moved] = await Promise.all([
    db
      .selectFrom("sub_icb_change")
      .select(["dataset_id", "sub_icb_code", "name_before", "name_after", "new_icb_name"])
      .where("dataset_id", "in", ids)
      .orderBy("sub_icb_code")
      .execute(),
    selectJsonRows(
      db,
      db
        .selectFrom("lsoa_reallocation")
        .select([
          "dataset_id",
          "lsoa_code",
          "from_sub_icb_code",
          "from_icb_code",
          "to_sub_icb_code",
          "to_icb_code",
          "to_icb_name",
        ])
        .where("dataset_id", "in", ids)
        .orderBy("lsoa_code"),
    ),
  ]);
  return datasets.map((d) => {
    const meta = (d.meta ?? {}) as { effectiveFrom?: string };
    return {
      dataset: toRef(d as DatasetRefRow),
      effectiveFrom: meta.effectiveFrom ?? d.reference_date,
      renamed: renamed
        .filter((r) => r.dataset_id === d.id)
        .map((r) => ({
          subIcbCode: r.sub_icb_code,
          nameBefore: r.name_before,
          nameAfter: r.name_after,
          newIcbName: r.new_icb_name,
        })),
      reallocated: moved
        .filter((r) => r.dataset_id === d.id)
        .map((r) => ({
          lsoaCode: r.lsoa_code,
          fromSubIcbCode: r.from_sub_icb_code,
          fromIcbCode: r.from_icb_code,
          toSubIcbCode: r.to_sub_icb_code,
          toIcbCode: r.to_icb_code,
          toIcbName: r.to_icb_name,
        })),
    };
  });
}

/** Registered patients by practice in one list-size file (its SEX ALL, AGE ALL rows). */
export async function loadListTotals(db: Db, datasetId: number): Promise<Map<string, number>> {
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("practice_list")
      .select(["practice_code", "patients"])
      .where("dataset_id", "=", datasetId)
      .where("sex", "=", "ALL")
      .where("age", "=", "ALL"),
  );
  return new Map(rows.map((r) => [r.practice_code, r.patients]));
}
