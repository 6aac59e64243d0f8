// Registration history for the closure backtest: every list-size snapshot (gp-reg-pat-prac-all totals)
// with each practice's patients, its sub-ICB/CCG code and its site, and every practice → PCN map (who was
// open at each date). A practice's site at a snapshot is the postcode from the map nearest in time that
// lists it (the newest on or before the snapshot, else the oldest after), else from the practice register
// (epraccur, which keeps closed practices); coordinates come from the newest postcode-coordinates dataset.
import type { Kysely } from "kysely";
import type { DatasetRef } from "../../model/picture.ts";
import { selectJsonRows } from "../json-rows.ts";
import type { Database } from "../schema.ts";
import { findDataset, listDatasetsByMonth, toRef } from "./datasets.ts";

type Db = Kysely<Database>;

export interface ListSnapshotRows {
  dataset: DatasetRef;
  date: string;
  period: string;
  codes: string[];
  patients: Float64Array;
  /** Sub-ICB location (CCG before July 2022) code of each practice in the file. */
  area: string[];
  lat: Float64Array;
  lon: Float64Array;
  /** Where each site came from: a map date, `register`, or null when no coordinates were found. */
  siteSource: (string | null)[];
  /** The postcode each site was looked up by (normalised), or null when none is known. */
  postcode: (string | null)[];
}

export interface MapSnapshotRows {
  dataset: DatasetRef;
  date: string;
  period: string;
  codes: string[];
}

export interface LoadedRegistrationHistory {
  lists: ListSnapshotRows[];
  maps: MapSnapshotRows[];
  register: DatasetRef | null;
  locations: DatasetRef | null;
  /** Every postcode of the coordinates dataset (normalised) with its position. */
  coordinates: ReadonlyMap<string, { lat: number; lon: number }>;
}

const norm = (postcode: string) => postcode.toUpperCase().replace(/\s+/g, "");

async function datasetsOf(db: Db, source: string, synthetic: boolean): Promise<DatasetRef[]> {
  const rows = await db
    .selectFrom("dataset")
    .select(["id", "source", "title", "period", "reference_date", "synthetic"])
    .where("source", "=", source)
    .where("synthetic", "=", synthetic)
    .orderBy("reference_date", "asc")
    .orderBy("id", "asc")
    .execute();
  // One dataset per date (the newest import wins, as imports replace same-date datasets anyway).
  const byDate = new Map<string, DatasetRef>();
  for (const r of rows) byDate.set(r.reference_date, toRef(r));
  return [...byDate.values()];
}

/**
 * Loads every list snapshot and map of the real (or synthetic) data, oldest first, with practice sites.
 * @example await loadRegistrationHistory(db, { synthetic: false })
 *   // → { lists: [January 2021 (6,658 practices), May 2022 (6,506), April 2025 (6,239)], maps: [5 maps], … }
 */
export async function loadRegistrationHistory(
  db: Db,
  options: { synthetic: boolean },
): Promise<LoadedRegistrationHistory> {
  const { synthetic } = options;
  const [listSets, mapSets, register, locations] = await Promise.all([
    listDatasetsByMonth(db, synthetic),
    datasetsOf(db, "gp-reg-pat-prac-map", synthetic),
    findDataset(db, "epraccur", synthetic),
    findDataset(db, "postcode-coordinates", synthetic),
  ]);
  const maps: MapSnapshotRows[] = [];
  // Postcodes by practice from every map: [date, postcode] in date order.
  const mapPostcodes = new Map<string, [string, string][]>();
  for (const m of mapSets) {
    const rows = await selectJsonRows(
      db,
      db.selectFrom("org_map").select(["practice_code", "practice_postcode"]).where("dataset_id", "=", m.id),
    );
    maps.push({
      dataset: m,
      date: m.referenceDate,
      period: m.period,
      codes: rows.map((r) => r.practice_code).sort(),
    });
    for (const r of rows) {
      if (!r.practice_postcode) continue;
      const list = mapPostcodes.get(r.practice_code);
      if (list) list.push([m.referenceDate, norm(r.practice_postcode)]);
      else mapPostcodes.set(r.practice_code, [[m.referenceDate, norm(r.practice_postcode)]]);
    }
  }
  const registerPostcode = new Map<string, string>();
  if (register) {
    const rows = await selectJsonRows(
      db,
      db.selectFrom("practice").select(["practice_code", "postcode"]).where("dataset_id", "=", register.id),
    );
    for (const r of rows) if (r.postcode) registerPostcode.set(r.practice_code, norm(r.postcode));
  }
  const coordinates = new Map<string, { lat: number; lon: number }>();
  if (locations) {
    const rows = await selectJsonRows(
      db,
      db
        .selectFrom("postcode_location")
        .select(["postcode", "lat", "lon"])
        .where("dataset_id", "=", locations.id),
    );
    for (const r of rows) coordinates.set(r.postcode, { lat: r.lat, lon: r.lon });
  }
  const siteAt = (code: string, date: string): { postcode: string; source: string } | null => {
    const seen = mapPostcodes.get(code);
    if (seen && seen.length > 0) {
      let best: [string, string] | undefined;
      for (const s of seen) if (s[0] <= date) best = s;
      best ??= seen[0];
      return { postcode: best![1], source: best![0] };
    }
    const pc = registerPostcode.get(code);
    return pc ? { postcode: pc, source: "register" } : null;
  };

  const lists: ListSnapshotRows[] = [];
  for (const d of listSets) {
    const rows = await selectJsonRows(
      db,
      db
        .selectFrom("practice_list")
        .select(["practice_code", "patients", "sub_icb_code"])
        .where("dataset_id", "=", d.id)
        .where("sex", "=", "ALL")
        .where("age", "=", "ALL")
        .orderBy("practice_code"),
    );
    const n = rows.length;
    const snap: ListSnapshotRows = {
      dataset: d,
      date: d.referenceDate,
      period: d.period,
      codes: rows.map((r) => r.practice_code),
      patients: Float64Array.from(rows, (r) => r.patients),
      area: rows.map((r) => r.sub_icb_code ?? ""),
      lat: new Float64Array(n).fill(Number.NaN),
      lon: new Float64Array(n).fill(Number.NaN),
      siteSource: new Array<string | null>(n).fill(null),
      postcode: new Array<string | null>(n).fill(null),
    };
    rows.forEach((r, i) => {
      const site = siteAt(r.practice_code, d.referenceDate);
      snap.postcode[i] = site?.postcode ?? null;
      const c = site ? coordinates.get(site.postcode) : undefined;
      if (!site || !c) return;
      snap.lat[i] = c.lat;
      snap.lon[i] = c.lon;
      snap.siteSource[i] = site.source;
    });
    lists.push(snap);
  }
  return { lists, maps, register, locations, coordinates };
}
