// The rows a picture is made of (src/model/picture-builder.ts): what the store holds, listed and dated
// (`pictureCatalogue`), and the rows of the datasets the builder chose (`loadPictureRows`). Storage only:
// which datasets make a picture and how they join is decided in the model.
import { sql, type Kysely } from "kysely";
import type { DatasetRef } from "../../model/picture.ts";
import {
  postcodesWithoutSites,
  type PictureCatalogue,
  type PictureInputs,
  type PictureRows,
  type PracticeMapRow,
  type PracticeWorkforceRow,
} from "../../model/picture-builder.ts";
import { normalisePostcode } from "../../model/postcode-centroid.ts";
import { selectJsonRows } from "../json-rows.ts";
import type { Database } from "../schema.ts";
import { DATASET_REF_COLUMNS, LIST_SOURCES, toRef } from "./datasets.ts";

type Db = Kysely<Database>;

const MAP_SOURCE = "gp-reg-pat-prac-map";
const SOURCES = {
  payments: "nhs-payments",
  registers: "epraccur",
  workforce: "heec-practice-workforce",
  publishedDeciles: "practice-imd-swahsn",
  registrations: "gp-reg-pat-prac-lsoa-all",
  lsoaImd: "lsoa-imd",
  locations: "postcode-coordinates",
} as const;
const SCORE_SOURCES = ["practice-imd-score", "practice-imd-fingertips"];

/** Every dataset of the kinds a picture is made of, real or synthetic, with what the choice needs. */
export async function pictureCatalogue(db: Db, synthetic: boolean): Promise<PictureCatalogue> {
  const rows = await db
    .selectFrom("dataset")
    .select([...DATASET_REF_COLUMNS, sql<string>`coalesce(meta->>'scope', '')`.as("scope")])
    .where("source", "in", [MAP_SOURCE, ...LIST_SOURCES, ...Object.values(SOURCES), ...SCORE_SOURCES])
    .where("synthetic", "=", synthetic)
    .execute();
  const of = (source: string) => rows.filter((r) => r.source === source).map(toRef);
  const workforce: PictureCatalogue["workforce"] = [];
  // One max() per dataset reads the (dataset_id, fiscal_year) index; sorting the joined table took 150 ms.
  for (const d of of(SOURCES.workforce)) {
    const r = await db
      .selectFrom("practice_workforce")
      .select((eb) => eb.fn.max("fiscal_year").as("fiscal_year"))
      .where("dataset_id", "=", d.id)
      .executeTakeFirst();
    workforce.push({ ...d, latestFiscalYear: r?.fiscal_year ?? null });
  }
  const scored = rows.filter((r) => SCORE_SOURCES.includes(r.source)).map(toRef);
  const editions =
    scored.length === 0
      ? []
      : await db
          .selectFrom("practice_imd")
          .select(["dataset_id", (eb) => eb.fn.max("edition").as("edition")])
          .where(
            "dataset_id",
            "in",
            scored.map((d) => d.id),
          )
          .groupBy("dataset_id")
          .execute();
  const editionOf = new Map(editions.map((e) => [e.dataset_id, Number(e.edition)]));
  return {
    synthetic,
    maps: rows.filter((r) => r.source === MAP_SOURCE).map((r) => ({ ...toRef(r), scope: r.scope })),
    lists: rows
      .filter((r) => (LIST_SOURCES as readonly string[]).includes(r.source))
      .map((r) => ({ ...toRef(r), scope: r.scope })),
    payments: of(SOURCES.payments),
    registers: of(SOURCES.registers),
    workforce,
    practiceScores: scored.flatMap((d) =>
      editionOf.has(d.id) ? [{ ...d, edition: editionOf.get(d.id)! }] : [],
    ),
    publishedDeciles: of(SOURCES.publishedDeciles),
    registrations: of(SOURCES.registrations),
    lsoaImd: of(SOURCES.lsoaImd),
    locations: of(SOURCES.locations),
  };
}

async function listSizes(db: Db, lists: DatasetRef | null): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (!lists) return sizes;
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("practice_list")
      .select(["practice_code", "patients"])
      .where("dataset_id", "=", lists.id)
      .where("sex", "=", "ALL")
      .where("age", "=", "ALL"),
  );
  for (const r of rows) sizes.set(r.practice_code, r.patients);
  return sizes;
}

async function workforceRows(db: Db, inputs: PictureInputs): Promise<Map<string, PracticeWorkforceRow>> {
  const byPractice = new Map<string, PracticeWorkforceRow>();
  if (!inputs.workforce) return byPractice;
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("practice_workforce")
      .select([
        "practice_code",
        "fiscal_year",
        "gp_fte",
        "gp_hc",
        "senior_partner_fte",
        "partner_provider_fte",
        "senior_partner_hc",
        "partner_provider_hc",
        "locum_trainee_fte",
        "nurses_fte",
        "dpc_fte",
        "admin_fte",
      ])
      .where("dataset_id", "=", inputs.workforce.ref.id)
      .where("fiscal_year", "=", inputs.workforce.fiscalYear),
  );
  for (const r of rows)
    byPractice.set(r.practice_code, {
      fiscalYear: r.fiscal_year,
      gpFte: r.gp_fte,
      gpHc: r.gp_hc,
      seniorPartnerFte: r.senior_partner_fte,
      partnerProviderFte: r.partner_provider_fte,
      seniorPartnerHc: r.senior_partner_hc,
      partnerProviderHc: r.partner_provider_hc,
      locumTraineeFte: r.locum_trainee_fte,
      nursesFte: r.nurses_fte,
      dpcFte: r.dpc_fte,
      adminFte: r.admin_fte,
    });
  return byPractice;
}

async function paymentRows(db: Db, payments: DatasetRef | null): Promise<PictureRows["payments"]> {
  const byPractice = new Map<string, { weighted: number | null; registered: number | null }>();
  if (!payments) return byPractice;
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("payment")
      .select(["practice_code", "weighted_patients", "registered_patients"])
      .where("dataset_id", "=", payments.id),
  );
  for (const r of rows)
    byPractice.set(r.practice_code, { weighted: r.weighted_patients, registered: r.registered_patients });
  return byPractice;
}

async function practiceScores(db: Db, inputs: PictureInputs): Promise<Map<string, number>> {
  if (!inputs.practiceScores) return new Map();
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("practice_imd")
      .select(["practice_code", "imd_score"])
      .where("dataset_id", "=", inputs.practiceScores.ref.id)
      .where("edition", "=", inputs.practiceScores.edition),
  );
  return new Map(rows.map((r) => [r.practice_code, r.imd_score] as const));
}

async function publishedDeciles(db: Db, inputs: PictureInputs): Promise<PictureRows["publishedDeciles"]> {
  if (!inputs.publishedDeciles) return [];
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("practice_imd")
      .select(["practice_code", "imd_score", "imd_decile", "edition"])
      .where("dataset_id", "=", inputs.publishedDeciles.id),
  );
  return rows.map((r) => ({
    practiceCode: r.practice_code,
    score: r.imd_score,
    decile: r.imd_decile,
    edition: r.edition,
  }));
}

async function lsoaRanks(db: Db, inputs: PictureInputs): Promise<PictureRows["lsoaRanks"]> {
  if (!inputs.lsoaRanks) return null;
  const { registrations, imd } = inputs.lsoaRanks;
  const stats = await db
    .selectFrom("lsoa_imd")
    .select((eb) => [eb.fn.max("imd_rank").as("max_rank"), eb.fn.max("edition").as("edition")])
    .where("dataset_id", "=", imd.id)
    .executeTakeFirstOrThrow();
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("practice_lsoa")
      .innerJoin("lsoa_imd", (join) =>
        join
          .onRef("lsoa_imd.lsoa_code", "=", "practice_lsoa.lsoa_code")
          .on("lsoa_imd.dataset_id", "=", imd.id),
      )
      .select(["practice_lsoa.practice_code", "practice_lsoa.patients", "lsoa_imd.imd_rank"])
      .where("practice_lsoa.dataset_id", "=", registrations.id),
  );
  return {
    rows: rows.map((r) => ({ practiceCode: r.practice_code, patients: r.patients, imdRank: r.imd_rank })),
    edition: Number(stats.edition),
    maxRank: Number(stats.max_rank),
  };
}

/** Coordinates of the map's practice postcodes, keyed by the normalised postcode. */
async function siteRows(db: Db, inputs: PictureInputs): Promise<Map<string, { lat: number; lon: number }>> {
  const sites = new Map<string, { lat: number; lon: number }>();
  if (!inputs.locations) return sites;
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("postcode_location")
      .select(["postcode", "lat", "lon"])
      .where("dataset_id", "=", inputs.locations.id)
      .where("postcode", "in", (eb) =>
        eb
          .selectFrom("org_map")
          .select(sql<string>`upper(replace(practice_postcode, ' ', ''))`.as("postcode"))
          .where("dataset_id", "=", inputs.map.id),
      ),
  );
  for (const r of rows) sites.set(normalisePostcode(r.postcode), { lat: r.lat, lon: r.lon });
  return sites;
}

/** The practices of a practice → PCN map. */
export async function loadMapRows(db: Db, map: DatasetRef): Promise<PracticeMapRow[]> {
  const rows = await selectJsonRows(
    db,
    db.selectFrom("org_map").selectAll().where("dataset_id", "=", map.id),
  );
  return rows.map((r) => ({
    practiceCode: r.practice_code,
    practiceName: r.practice_name,
    postcode: r.practice_postcode,
    pcnCode: r.pcn_code,
    pcnName: r.pcn_name,
    subIcb: { code: r.sub_icb_code, onsCode: r.sub_icb_ons_code, name: r.sub_icb_name },
    icb: { code: r.icb_code, onsCode: r.icb_ons_code, name: r.icb_name },
    region: { code: r.region_code, onsCode: r.region_ons_code, name: r.region_name },
  }));
}

/** The rows of the datasets a picture was chosen to be made of. */
export async function loadPictureRows(db: Db, inputs: PictureInputs): Promise<PictureRows> {
  const [mapRows, lists, workforce, payments, scores, deciles, ranks, sites] = await Promise.all([
    loadMapRows(db, inputs.map),
    listSizes(db, inputs.lists),
    workforceRows(db, inputs),
    paymentRows(db, inputs.payments),
    practiceScores(db, inputs),
    publishedDeciles(db, inputs),
    lsoaRanks(db, inputs),
    siteRows(db, inputs),
  ]);
  const knownPostcodes =
    inputs.locations && postcodesWithoutSites(mapRows, sites).length > 0
      ? (
          await selectJsonRows(
            db,
            db
              .selectFrom("postcode_location")
              .select(["postcode", "lat", "lon"])
              .where("dataset_id", "=", inputs.locations.id),
          )
        ).map((k) => [k.postcode, { lat: k.lat, lon: k.lon }] as const)
      : [];
  return {
    map: mapRows,
    listSizes: lists,
    workforce,
    payments,
    practiceScores: scores,
    publishedDeciles: deciles,
    lsoaRanks: ranks,
    sites,
    knownPostcodes,
  };
}
