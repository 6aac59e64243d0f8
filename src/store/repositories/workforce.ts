// Reads the workforce history and PCN workforce censuses from the store for the workforce engines:
//   - loadWorkforceHistory: every practice-year row of every HEEC workforce dataset, the reference picture
//     (its map gives the geography), each practice's area in that geography (through earlier maps or the
//     register for practices since closed), and the weighted lists and contract types of every payments year;
//   - loadPcnCensus: the staff records of one PCN workforce census, with the map, list sizes and weighted
//     lists nearest it.
import { sql, type Kysely } from "kysely";
import type { OrgRef } from "../../model/organisation.ts";
import type { DatasetRef, Picture } from "../../model/picture.ts";
import type {
  AreaAssignment,
  PcnCensus,
  PracticeYear,
  WeightedLists,
  WorkforceDataset,
  WorkforceHistory,
} from "../../model/workforce.ts";
import { selectJsonRows } from "../json-rows.ts";
import type { Database } from "../schema.ts";
import { findDataset, findListDataset, toRef, type DatasetRefRow } from "./datasets.ts";
import { fromColumns, toColumns, type Columns } from "../columns.ts";
import { cachedJson, datasetFingerprint } from "./derived-cache.ts";

type Db = Kysely<Database>;

const DATASET_COLUMNS = ["id", "source", "title", "period", "reference_date", "synthetic", "meta"] as const;

interface DatasetRow extends DatasetRefRow {
  meta: unknown;
}

async function datasetsOf(db: Db, source: string, synthetic: boolean): Promise<DatasetRow[]> {
  return db
    .selectFrom("dataset")
    .select(DATASET_COLUMNS)
    .where("source", "=", source)
    .where("synthetic", "=", synthetic)
    .orderBy("reference_date")
    .orderBy("id")
    .execute() as Promise<DatasetRow[]>;
}

async function loadWorkforceRows(
  db: Db,
  synthetic: boolean,
): Promise<{ datasets: WorkforceDataset[]; rows: PracticeYear[] }> {
  const found = await datasetsOf(db, "heec-practice-workforce", synthetic);
  if (found.length === 0) return { datasets: [], rows: [] };
  // Partners = senior partners + partner/providers (null only when both are null).
  const partners = (
    a: "senior_partner_fte" | "senior_partner_hc",
    b: "partner_provider_fte" | "partner_provider_hc",
  ) =>
    sql<number | null>`case when ${sql.ref(a)} is null and ${sql.ref(b)} is null then null
      else coalesce(${sql.ref(a)}, 0) + coalesce(${sql.ref(b)}, 0) end`;
  const raw = await selectJsonRows(
    db,
    db
      .selectFrom("practice_workforce")
      .select([
        "dataset_id",
        "practice_code",
        "fiscal_year",
        "patients",
        "gp_fte",
        "gp_hc",
        partners("senior_partner_fte", "partner_provider_fte").as("partner_fte"),
        partners("senior_partner_hc", "partner_provider_hc").as("partner_hc"),
        "locum_trainee_fte",
        "locum_trainee_hc",
        "nurses_fte",
        "nurses_hc",
        "dpc_fte",
        "dpc_hc",
        "admin_fte",
        "admin_hc",
      ])
      .where(
        "dataset_id",
        "in",
        found.map((d) => d.id),
      ),
  );
  const years = new Map<number, Set<number>>();
  const rows: PracticeYear[] = raw.map((c) => {
    let set = years.get(c.dataset_id);
    if (!set) years.set(c.dataset_id, (set = new Set()));
    set.add(c.fiscal_year);
    return {
      practiceCode: c.practice_code,
      fiscalYear: c.fiscal_year,
      datasetId: c.dataset_id,
      patients: c.patients,
      gpFte: c.gp_fte,
      gpHc: c.gp_hc,
      partnerFte: c.partner_fte,
      partnerHc: c.partner_hc,
      locumTraineeFte: c.locum_trainee_fte,
      locumTraineeHc: c.locum_trainee_hc,
      nursesFte: c.nurses_fte,
      nursesHc: c.nurses_hc,
      dpcFte: c.dpc_fte,
      dpcHc: c.dpc_hc,
      adminFte: c.admin_fte,
      adminHc: c.admin_hc,
    };
  });
  const datasets = found.map((d) => ({
    ref: toRef(d),
    variant: String((d.meta as { variant?: string } | null)?.variant ?? ""),
    fiscalYears: [...(years.get(d.id) ?? [])].sort((a, b) => a - b),
  }));
  return { datasets, rows };
}

/** `2021-22` → 2022. */
const paymentYearEnd = (fy: string) => Number(fy.slice(0, 4)) + 1;

/** Weighted lists and contract types of every payments year loaded. */
async function loadPayments(
  db: Db,
  synthetic: boolean,
): Promise<{ weighted: WeightedLists[]; contractType: Map<string, string> }> {
  const found = await datasetsOf(db, "nhs-payments", synthetic);
  const contractType = new Map<string, string>();
  if (found.length === 0) return { weighted: [], contractType };
  const raw = await selectJsonRows(
    db,
    db
      .selectFrom("payment")
      .select(["dataset_id", "fiscal_year", "practice_code", "weighted_patients", "contract_type"])
      .where(
        "dataset_id",
        "in",
        found.map((d) => d.id),
      ),
  );
  const byDataset = new Map<number, WeightedLists>();
  for (const d of found) {
    byDataset.set(d.id, { dataset: toRef(d), fiscalYear: 0, byPractice: new Map() });
  }
  // Oldest first, so the newest payments year's contract type wins.
  const order = new Map(found.map((d, i) => [d.id, i]));
  raw.sort((a, b) => order.get(a.dataset_id)! - order.get(b.dataset_id)!);
  for (const r of raw) {
    const w = byDataset.get(r.dataset_id)!;
    w.fiscalYear = paymentYearEnd(r.fiscal_year);
    if (r.weighted_patients !== null) w.byPractice.set(r.practice_code, r.weighted_patients);
    if (r.contract_type) contractType.set(r.practice_code, r.contract_type);
  }
  return { weighted: [...byDataset.values()].filter((w) => w.fiscalYear > 0), contractType };
}

/**
 * Each practice's area in the reference map's geography: its own row in that map; else, for practices since
 * closed or merged, its PCN, sub-ICB and ICB in another loaded map (newest first) or its ICB and
 * commissioner in the practice register, kept only where those codes exist in the reference map.
 */
async function assignAreas(
  db: Db,
  synthetic: boolean,
  picture: WorkforceHistory["picture"],
  codes: ReadonlySet<string>,
): Promise<Map<string, AreaAssignment>> {
  const areas = new Map<string, AreaAssignment>();
  const pcns = new Map<string, OrgRef>();
  const subIcbs = new Map<string, OrgRef>();
  const icbs = new Map<string, OrgRef>();
  for (const p of picture.practices) {
    const pcn = { code: p.pcnCode, onsCode: null, name: p.pcnName };
    areas.set(p.code, { pcn, subIcb: p.subIcb, icb: p.icb, basis: "map" });
    pcns.set(p.pcnCode, pcn);
    subIcbs.set(p.subIcb.code, p.subIcb);
    icbs.set(p.icb.code, p.icb);
  }
  const missing = [...codes].filter((c) => !areas.has(c));
  if (missing.length === 0) return areas;
  const wanted = new Set(missing);
  const maps = (await datasetsOf(db, "gp-reg-pat-prac-map", synthetic))
    .filter((d) => d.id !== picture.sources.map.id)
    .reverse();
  if (maps.length > 0) {
    const rows = await selectJsonRows(
      db,
      db
        .selectFrom("org_map")
        .select(["dataset_id", "practice_code", "pcn_code", "sub_icb_code", "icb_code"])
        .where(
          "dataset_id",
          "in",
          maps.map((m) => m.id),
        )
        .where("practice_code", "in", missing),
    );
    const rank = new Map(maps.map((m, i) => [m.id, i]));
    rows.sort((a, b) => rank.get(a.dataset_id)! - rank.get(b.dataset_id)!);
    for (const r of rows) {
      if (!wanted.has(r.practice_code) || areas.has(r.practice_code)) continue;
      const icb = r.icb_code ? (icbs.get(r.icb_code) ?? null) : null;
      if (!icb) continue;
      areas.set(r.practice_code, {
        pcn: r.pcn_code ? (pcns.get(r.pcn_code) ?? null) : null,
        subIcb: r.sub_icb_code ? (subIcbs.get(r.sub_icb_code) ?? null) : null,
        icb,
        basis: "older-map",
      });
    }
  }
  const register = await findDataset(db, "epraccur", synthetic);
  if (register) {
    const rows = await selectJsonRows(
      db,
      db
        .selectFrom("practice")
        .select(["practice_code", "sub_icb_code", "icb_code"])
        .where("dataset_id", "=", register.id)
        .where("practice_code", "in", missing),
    );
    for (const r of rows) {
      if (!wanted.has(r.practice_code) || areas.has(r.practice_code)) continue;
      const icb = r.icb_code ? (icbs.get(r.icb_code) ?? null) : null;
      if (!icb) continue;
      areas.set(r.practice_code, {
        pcn: null,
        subIcb: r.sub_icb_code ? (subIcbs.get(r.sub_icb_code) ?? null) : null,
        icb,
        basis: "register",
      });
    }
  }
  return areas;
}

/**
 * The map `loadPicture` would choose (src/model/picture-choice.ts), read alone: trends and partner change need
 * only its geography, and the full picture (deprivation, sites) costs about as much again.
 */

export interface WorkforceHistoryOptions {
  synthetic: boolean;
  /** The date whose picture gives the geography (part of the cache key). */
  date?: string | undefined;
  /** `full`: the whole picture (deprivation, sites…) as `overview` uses; `map`: the map's geography only. */
  picture?: "full" | "map";
  /** Builds the reference picture (called only when the history is not cached). */
  loadPicture: () => Promise<Picture>;
}

/** Bump when `buildWorkforceHistory` changes what it returns, so cached histories are rebuilt. */
const WORKFORCE_HISTORY_VERSION = 2;

/** A WorkforceHistory as JSON: its rows by column, its maps as entry lists. */
interface StoredHistory extends Omit<WorkforceHistory, "rows" | "areas" | "weighted" | "contractType"> {
  rows: Columns;
  areas: [string, AreaAssignment][];
  weighted: (Omit<WeightedLists, "byPractice"> & { byPractice: [string, number][] })[];
  contractType: [string, string][];
}

/**
 * The workforce history in the geography of the reference picture (`date` picks its map, as for overview).
 * Built from the datasets once, then read back from the derived cache while no dataset changes.
 */
export async function loadWorkforceHistory(
  db: Db,
  options: WorkforceHistoryOptions,
): Promise<WorkforceHistory> {
  const key = `workforce-history|${options.synthetic ? "demo" : "real"}|${options.date ?? "default"}|${options.picture ?? "full"}`;
  const inputs = `v${WORKFORCE_HISTORY_VERSION}|${await datasetFingerprint(db, options.synthetic)}`;
  const stored = await cachedJson(db, key, inputs, async (): Promise<StoredHistory> => {
    const h = await buildWorkforceHistory(db, options);
    return {
      ...h,
      rows: toColumns(h.rows),
      areas: [...h.areas],
      weighted: [...h.weighted.values()].map((w) => ({ ...w, byPractice: [...w.byPractice] })),
      contractType: [...h.contractType],
    };
  });
  return {
    ...stored,
    rows: fromColumns<PracticeYear>(stored.rows),
    areas: new Map(stored.areas),
    weighted: new Map(
      stored.weighted.map((w) => [w.fiscalYear, { ...w, byPractice: new Map(w.byPractice) }]),
    ),
    contractType: new Map(stored.contractType),
  };
}

async function buildWorkforceHistory(db: Db, options: WorkforceHistoryOptions): Promise<WorkforceHistory> {
  const [picture, { datasets, rows }, payments] = await Promise.all([
    options.loadPicture(),
    loadWorkforceRows(db, options.synthetic),
    loadPayments(db, options.synthetic),
  ]);
  const areas = await assignAreas(db, options.synthetic, picture, new Set(rows.map((r) => r.practiceCode)));
  const weighted = new Map<number, WeightedLists>();
  for (const w of payments.weighted) weighted.set(w.fiscalYear, w);
  return {
    synthetic: options.synthetic,
    picture,
    datasets,
    rows,
    areas,
    weighted,
    contractType: payments.contractType,
  };
}

/** Every PCN workforce census loaded, oldest first. */
export async function listPcnCensuses(db: Db, synthetic: boolean): Promise<DatasetRef[]> {
  return (await datasetsOf(db, "pcn-workforce-individual", synthetic)).map(toRef);
}

/** One PCN workforce census (`date`: its census date; default the newest); null when none is loaded. */
export async function loadPcnCensus(
  db: Db,
  options: { synthetic: boolean; date?: string },
): Promise<PcnCensus | null> {
  const available = await listPcnCensuses(db, options.synthetic);
  const dataset = options.date
    ? available.filter((d) => d.referenceDate === options.date).at(-1)
    : available.at(-1);
  if (!dataset) return null;
  const date = dataset.referenceDate;
  const [raw, map, listsRef, payments] = await Promise.all([
    selectJsonRows(
      db,
      db
        .selectFrom("pcn_workforce")
        .select([
          "pcn_code",
          "pcn_name",
          "sub_icb_code",
          "icb_code",
          "region_code",
          "staff_group",
          "staff_role",
          "detailed_role",
          "fte",
        ])
        .where("dataset_id", "=", dataset.id),
    ),
    findDataset(db, "gp-reg-pat-prac-map", options.synthetic, date),
    findListDataset(db, options.synthetic, date),
    loadPayments(db, options.synthetic),
  ]);
  const membership: PcnCensus["membership"] = new Map();
  if (map) {
    const rows = await selectJsonRows(
      db,
      db
        .selectFrom("org_map")
        .select([
          "practice_code",
          "pcn_code",
          "pcn_name",
          "sub_icb_code",
          "sub_icb_ons_code",
          "sub_icb_name",
          "icb_code",
          "icb_ons_code",
          "icb_name",
        ])
        .where("dataset_id", "=", map.id),
    );
    for (const r of rows) {
      if (!r.pcn_code) continue;
      membership.set(r.practice_code, {
        pcnCode: r.pcn_code,
        pcnName: r.pcn_name ?? r.pcn_code,
        icb: { code: r.icb_code ?? "", onsCode: r.icb_ons_code, name: r.icb_name ?? "" },
        subIcb: { code: r.sub_icb_code ?? "", onsCode: r.sub_icb_ons_code, name: r.sub_icb_name ?? "" },
      });
    }
  }
  let lists: PcnCensus["lists"] = null;
  if (listsRef) {
    const rows = await selectJsonRows(
      db,
      db
        .selectFrom("practice_list")
        .select(["practice_code", "patients"])
        .where("dataset_id", "=", listsRef.id)
        .where("sex", "=", "ALL")
        .where("age", "=", "ALL"),
    );
    lists = { dataset: listsRef, byPractice: new Map(rows.map((r) => [r.practice_code, r.patients])) };
  }
  return {
    synthetic: options.synthetic,
    dataset,
    date,
    records: raw.map((r) => ({
      pcnCode: r.pcn_code,
      pcnName: r.pcn_name,
      subIcbCode: r.sub_icb_code,
      icbCode: r.icb_code,
      regionCode: r.region_code,
      staffGroup: r.staff_group,
      staffRole: r.staff_role,
      detailedRole: r.detailed_role,
      fte: r.fte,
    })),
    available,
    map,
    membership,
    lists,
    weighted: payments.weighted,
  };
}
