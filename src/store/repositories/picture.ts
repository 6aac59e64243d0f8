// Builds a Picture (src/model/picture.ts) from the store: the newest practice → PCN map (or the map of a
// given date), joined to the list sizes, workforce, weighted lists, deprivation and site locations that
// best match its date. Each join names its dataset, and gaps become caveats rather than silent zeros.
import { RequestError } from "../../model/errors.ts";
import { sql, type Kysely } from "kysely";
import type { Practice, PracticeDeprivation, PracticeWorkforce } from "../../model/organisation.ts";
import type { DatasetRef, Picture } from "../../model/picture.ts";
import { selectJsonRows } from "../json-rows.ts";
import type { Database } from "../schema.ts";
import { cachedJson, datasetFingerprint } from "./derived-cache.ts";
import { nationalDeciles } from "../../model/deprivation.ts";
import { approximateSites, normalisePostcode } from "../../model/postcode-centroid.ts";
import { choosePicture, MAX_LIST_LAG_MONTHS, monthsBetween } from "../../model/picture-choice.ts";
import { findDataset, findDatasetById, pictureDatasets } from "./datasets.ts";

type Db = Kysely<Database>;

export interface PictureOptions {
  synthetic: boolean;
  /**
   * The picture as it stood on this date: the map in force then (the newest on or before it) and the newest
   * list sizes on or before it. Default: the newest map with list sizes near it.
   */
  date?: string | undefined;
  /** Take list sizes from the newest list file on or before this date instead (any map date). */
  lists?: string | undefined;
}

export class NoDataError extends RequestError {
  override name = "NoDataError";
  constructor(message: string, field?: string) {
    super(message, { kind: "not-found", field });
  }
}

async function loadLists(db: Db, lists: DatasetRef | null): Promise<Map<string, number>> {
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

async function loadWorkforce(
  db: Db,
  synthetic: boolean,
): Promise<{ ref: DatasetRef | null; byPractice: Map<string, PracticeWorkforce> }> {
  const byPractice = new Map<string, PracticeWorkforce>();
  // The newest fiscal year of any workforce dataset (the newer dataset on a tie). One max() per dataset
  // reads the (dataset_id, fiscal_year) index; sorting the joined table took 150 ms.
  const datasets = await db
    .selectFrom("dataset")
    .select(["id", "reference_date"])
    .where("source", "=", "heec-practice-workforce")
    .where("synthetic", "=", synthetic)
    .orderBy("reference_date", "desc")
    .orderBy("id", "desc")
    .execute();
  let latest: { id: number; fiscal_year: number } | null = null;
  for (const d of datasets) {
    const r = await db
      .selectFrom("practice_workforce")
      .select((eb) => eb.fn.max("fiscal_year").as("fiscal_year"))
      .where("dataset_id", "=", d.id)
      .executeTakeFirst();
    if (r?.fiscal_year != null && (latest === null || r.fiscal_year > latest.fiscal_year))
      latest = { id: d.id, fiscal_year: r.fiscal_year };
  }
  if (!latest) return { ref: null, byPractice };
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
      .where("dataset_id", "=", latest.id)
      .where("fiscal_year", "=", latest.fiscal_year),
  );
  const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
  for (const r of rows) {
    byPractice.set(r.practice_code, {
      fiscalYear: r.fiscal_year,
      gpFte: r.gp_fte,
      gpHc: r.gp_hc,
      partnerFte: sum(r.senior_partner_fte, r.partner_provider_fte),
      partnerHc: sum(r.senior_partner_hc, r.partner_provider_hc),
      locumTraineeFte: r.locum_trainee_fte,
      nursesFte: r.nurses_fte,
      dpcFte: r.dpc_fte,
      adminFte: r.admin_fte,
    });
  }
  const ref = await db
    .selectFrom("dataset")
    .select(["id", "source", "title", "period", "reference_date", "synthetic"])
    .where("id", "=", latest.id)
    .executeTakeFirstOrThrow();
  return {
    ref: {
      id: ref.id,
      source: ref.source,
      title: ref.title,
      period: `FY${latest.fiscal_year - 1}-${String(latest.fiscal_year % 100).padStart(2, "0")} (from ${ref.period})`,
      referenceDate: ref.reference_date,
      synthetic: ref.synthetic,
    },
    byPractice,
  };
}

/** Each practice's published weighted and registered lists in the payments year. */
async function loadWeighted(
  db: Db,
  payments: DatasetRef | null,
): Promise<Map<string, { weighted: number; registered: number | null }>> {
  const weighted = new Map<string, { weighted: number; registered: number | null }>();
  if (!payments) return weighted;
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("payment")
      .select(["practice_code", "weighted_patients", "registered_patients"])
      .where("dataset_id", "=", payments.id),
  );
  for (const r of rows)
    if (r.weighted_patients !== null)
      weighted.set(r.practice_code, { weighted: r.weighted_patients, registered: r.registered_patients });
  return weighted;
}

/**
 * The weighted population at the list date: the payments year's weighted ÷ registered ratio × today's list
 * (as the funding engines do), so that weighting follows list growth; the published weighted list itself
 * where there is no list or no registered count to scale by.
 */
export function weightedAtListDate(
  published: { weighted: number; registered: number | null } | undefined,
  listSize: number | null,
): number | null {
  if (!published) return null;
  if (listSize === null || listSize <= 0 || published.registered === null || published.registered <= 0)
    return published.weighted;
  return (published.weighted / published.registered) * listSize;
}

/** The newest practice IMD edition with scores in the store, or null. */
async function newestPracticeScores(db: Db, synthetic: boolean) {
  const row = await db
    .selectFrom("dataset")
    .innerJoin("practice_imd", "practice_imd.dataset_id", "dataset.id")
    .select(["dataset.id", "practice_imd.edition"])
    .where("dataset.source", "in", ["practice-imd-score", "practice-imd-fingertips"])
    .where("dataset.synthetic", "=", synthetic)
    .orderBy("practice_imd.edition", "desc")
    .orderBy("dataset.id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Practice deprivation, one basis per practice, newest first: the IMD 2025 practice score (Fingertips
 * 94240, ranked into national practice deciles), else the published IMD 2019 practice decile (SW AHSN),
 * else patient-weighted LSOA IMD ranks. Each practice's `basis` says which.
 */
async function loadDeprivation(
  db: Db,
  synthetic: boolean,
  date: string,
): Promise<{ ref: DatasetRef | null; byPractice: Map<string, PracticeDeprivation> }> {
  const byPractice = new Map<string, PracticeDeprivation>();
  let ref: DatasetRef | null = null;
  const scored = await newestPracticeScores(db, synthetic);
  const published = await findDataset(db, "practice-imd-swahsn", synthetic);
  // Scores of an edition newer than the published deciles (IMD 2025 against SWAHSN's 2019).
  if (scored && scored.edition > 2019) {
    const rows = await selectJsonRows(
      db,
      db
        .selectFrom("practice_imd")
        .select(["practice_code", "imd_score"])
        .where("dataset_id", "=", scored.id)
        .where("edition", "=", scored.edition),
    );
    const scores = new Map(rows.map((r) => [r.practice_code, r.imd_score] as const));
    ref = await findDatasetById(db, scored.id);
    const basis = `IMD ${scored.edition} practice score (OHID Fingertips), ranked into national practice deciles`;
    for (const [code, decile] of nationalDeciles(scores))
      byPractice.set(code, { decile, score: scores.get(code)!, basis });
  }
  if (published) {
    const rows = await selectJsonRows(
      db,
      db
        .selectFrom("practice_imd")
        .select(["practice_code", "imd_score", "imd_decile", "edition"])
        .where("dataset_id", "=", published.id),
    );
    for (const r of rows) {
      if (r.imd_decile === null || byPractice.has(r.practice_code)) continue;
      byPractice.set(r.practice_code, {
        decile: r.imd_decile,
        score: r.imd_score,
        basis: `IMD ${r.edition} practice score (${published.title})`,
      });
    }
    ref ??= published;
  }
  const registrations = await findDataset(db, "gp-reg-pat-prac-lsoa-all", synthetic, date);
  const imd = registrations ? await findDataset(db, "lsoa-imd", synthetic) : null;
  if (registrations && imd) {
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
    const acc = new Map<string, { patients: number; rankSum: number }>();
    for (const r of rows) {
      const a = acc.get(r.practice_code) ?? { patients: 0, rankSum: 0 };
      a.patients += r.patients;
      a.rankSum += r.patients * r.imd_rank;
      acc.set(r.practice_code, a);
    }
    const maxRank = Number(stats.max_rank);
    for (const [code, a] of acc) {
      if (byPractice.has(code) || a.patients === 0) continue;
      const meanRank = a.rankSum / a.patients;
      byPractice.set(code, {
        decile: Math.min(10, Math.max(1, Math.ceil((10 * meanRank) / maxRank))),
        score: null,
        basis: `IMD ${stats.edition}, patient-weighted mean LSOA rank`,
      });
    }
    ref ??= imd;
  }
  return { ref, byPractice };
}

async function loadLocations(
  db: Db,
  synthetic: boolean,
  map: DatasetRef,
): Promise<{ ref: DatasetRef | null; byPostcode: Map<string, { lat: number; lon: number }> }> {
  const byPostcode = new Map<string, { lat: number; lon: number }>();
  const ref = await findDataset(db, "postcode-coordinates", synthetic);
  if (!ref) return { ref, byPostcode };
  // Only the postcodes of the map's practices.
  const rows = await selectJsonRows(
    db,
    db
      .selectFrom("postcode_location")
      .select(["postcode", "lat", "lon"])
      .where("dataset_id", "=", ref.id)
      .where("postcode", "in", (eb) =>
        eb
          .selectFrom("org_map")
          .select(sql<string>`upper(replace(practice_postcode, ' ', ''))`.as("postcode"))
          .where("dataset_id", "=", map.id),
      ),
  );
  for (const r of rows) byPostcode.set(r.postcode, { lat: r.lat, lon: r.lon });
  return { ref, byPostcode };
}

export { MAX_LIST_LAG_MONTHS } from "../../model/picture-choice.ts";

/**
 * Practices whose postcode is not in the coordinates file are placed at the centroid of the file's postcodes
 * in the same sector, else district (src/model/postcode-centroid.ts), flagged on the site. Changes the
 * practices in place (`pictureCaveats` names them for an area).
 */
async function approximateMissingSites(
  db: Db,
  practices: Practice[],
  locations: DatasetRef | null,
): Promise<void> {
  const missing = practices.filter((p) => p.site.lat === null && p.site.postcode);
  if (missing.length === 0 || !locations) return;
  const known = await selectJsonRows(
    db,
    db
      .selectFrom("postcode_location")
      .select(["postcode", "lat", "lon"])
      .where("dataset_id", "=", locations.id),
  );
  const approx = approximateSites(
    missing.map((p) => p.site.postcode!),
    known.map((k) => [k.postcode, { lat: k.lat, lon: k.lon }] as const),
  );
  for (const p of missing) {
    const a = approx.get(normalisePostcode(p.site.postcode!));
    if (!a) continue;
    const basis = `${a.basis} ${a.area} (${a.from} postcode${a.from === 1 ? "" : "s"})`;
    p.site = { ...p.site, lat: a.lat, lon: a.lon, approximate: basis };
  }
}

/**
 * Version of the picture's shape and rules: bump it whenever `buildPicture` changes what it returns, so that
 * pictures cached by an older icsplan are rebuilt.
 */
const PICTURE_VERSION = 5;

/**
 * The picture of general practice on a date (default: the newest map with list sizes near it). Built from
 * the datasets once, then read back from the derived cache while no dataset changes (~0.4 s saved a run).
 */
export async function loadPicture(db: Db, options: PictureOptions): Promise<Picture> {
  const inputs = `v${PICTURE_VERSION}|${await datasetFingerprint(db, options.synthetic)}`;
  const key =
    `picture|${options.synthetic ? "demo" : "real"}|${options.date ?? "default"}` +
    (options.lists ? `|lists ${options.lists}` : "");
  return cachedJson(db, key, inputs, () => buildPicture(db, options));
}

async function buildPicture(db: Db, options: PictureOptions): Promise<Picture> {
  const { synthetic } = options;
  const { maps, lists: listFiles } = await pictureDatasets(db, synthetic);
  const choice = choosePicture(maps, listFiles, options);
  const { map, lists } = choice;
  if (!map) {
    throw new NoDataError(
      synthetic
        ? "The demo is not loaded: run `icsplan demo` first."
        : "No practice → PCN map is loaded: run `icsplan import <folder>` with a gp-reg-pat-prac-map file " +
            "(or `icsplan demo` for the synthetic demo).",
    );
  }
  const [payments, register] = await Promise.all([
    findDataset(db, "nhs-payments", synthetic, map.referenceDate),
    findDataset(db, "epraccur", synthetic),
  ]);
  const [listSizes, workforce, weighted, deprivation, locations, mapRows] = await Promise.all([
    loadLists(db, lists),
    loadWorkforce(db, synthetic),
    loadWeighted(db, payments),
    loadDeprivation(db, synthetic, map.referenceDate),
    loadLocations(db, synthetic, map),
    selectJsonRows(db, db.selectFrom("org_map").selectAll().where("dataset_id", "=", map.id)).then((rows) =>
      rows.sort((a, b) => a.practice_code.localeCompare(b.practice_code)),
    ),
  ]);

  const practices: Practice[] = mapRows.map((r) => {
    const postcode = r.practice_postcode;
    const site = postcode ? locations.byPostcode.get(postcode.toUpperCase().replace(/\s+/g, "")) : undefined;
    return {
      code: r.practice_code,
      name: r.practice_name,
      site: { postcode, lat: site?.lat ?? null, lon: site?.lon ?? null },
      pcnCode: r.pcn_code ?? "U",
      pcnName: r.pcn_name ?? "Unallocated",
      subIcb: { code: r.sub_icb_code ?? "", onsCode: r.sub_icb_ons_code, name: r.sub_icb_name ?? "" },
      icb: { code: r.icb_code ?? "", onsCode: r.icb_ons_code, name: r.icb_name ?? "" },
      region: { code: r.region_code ?? "", onsCode: r.region_ons_code, name: r.region_name ?? "" },
      listSize: listSizes.get(r.practice_code) ?? null,
      weightedList: weightedAtListDate(weighted.get(r.practice_code), listSizes.get(r.practice_code) ?? null),
      workforce: workforce.byPractice.get(r.practice_code) ?? null,
      deprivation: deprivation.byPractice.get(r.practice_code) ?? null,
    };
  });

  const caveats: string[] = [];
  await approximateMissingSites(db, practices, locations.ref);
  if (!lists) caveats.push("No list-size file is loaded: PCN sizes and bands cannot be computed.");
  else {
    const gap = monthsBetween(lists.referenceDate, map.referenceDate);
    const months = (n: number) => `${n} month${n === 1 ? "" : "s"}`;
    if (gap > 0)
      caveats.push(`List sizes are from ${lists.period}, ${months(gap)} older than the ${map.period} map.`);
    else if (gap < 0)
      caveats.push(`List sizes are from ${lists.period}, ${months(-gap)} newer than the ${map.period} map.`);
  }
  const newer = choice.newerMapPassedOver;
  if (newer) {
    caveats.push(
      `A newer map (${newer.period}) is loaded, but no list sizes within ${MAX_LIST_LAG_MONTHS} months of it; ` +
        `use --date ${newer.referenceDate} to see it.`,
    );
  }
  return {
    synthetic,
    date: map.referenceDate,
    practices,
    sources: {
      map,
      lists,
      workforce: workforce.ref,
      payments,
      deprivation: deprivation.ref,
      register,
      locations: locations.ref,
    },
    caveats,
  };
}
