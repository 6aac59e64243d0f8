// Practice catchments for network design: patients of each practice by LSOA, from the newest
// `gp-reg-pat-prac-lsoa-all` dataset on or before a date that covers the practices, joined to LSOA
// population-weighted centroids and IMD deciles. Pseudo-codes (EMPTY, CLOSED, Welsh, Scottish and NI areas,
// Channel Islands / Isle of Man) are skipped and counted.
//
// Centroids: those of the registrations' LSOA vintage when loaded; otherwise those of the other vintage for
// the same code. ONS kept an LSOA's code from 2011 to 2021 only when its boundary did not change (split,
// merged and redrawn LSOAs got new codes), so a 2021 code found among the 2011 centroids is the same area.
// LSOAs with no centroid at all are left as NaN here; buildInstance places them at the patient-weighted
// mean site of the practices registering their residents (src/engines/networks/instance-builder.ts).
import type { Kysely } from "kysely";
import type { CatchmentInput, Catchments } from "../../model/catchments.ts";
import type { DatasetRef } from "../../model/picture.ts";
import { selectJsonRows } from "../json-rows.ts";
import type { Database } from "../schema.ts";

type Db = Kysely<Database>;

export interface CatchmentLoadOptions {
  synthetic: boolean;
  /** The practices wanted; rows come back in this order (practices without rows are left out). */
  practiceCodes: readonly string[];
  /** Use the newest registrations on or before this date (e.g. the map's date). */
  date: string;
}

export interface LoadedCatchments extends CatchmentInput {
  dataset: DatasetRef;
  lsoaVintage: number;
  /** Practices (of those asked for) with rows. */
  practicesCovered: number;
  practicesAsked: number;
  /** Patients in English LSOAs, kept. */
  patients: number;
  /** Patients not in an English LSOA, by kind (EMPTY, CLOSED, Welsh LSOAs…): skipped. */
  skipped: { kind: string; patients: number }[];
  centroids: { sameVintage: number; otherVintage: number; missing: number; missingPatients: number };
  imd: { edition: number | null; missing: number };
  notes: string[];
}

/**
 * Why a registrations area code is skipped, or null for an English LSOA (E01…; the demo's synthetic LSOAs
 * are X01…): EMPTY, CLOSED and other pseudo-words, Welsh LSOAs, Scottish data zones, NI areas, Channel
 * Islands / Isle of Man.
 */
export function skippedAreaKind(code: string): string | null {
  if (!/^[A-Z]\d{8}$/.test(code)) return code; // EMPTY, CLOSED, …
  if (code.startsWith("W")) return "Welsh LSOAs";
  if (code.startsWith("S")) return "Scottish data zones";
  if (code.startsWith("N")) return "Northern Ireland areas";
  if (code === "L99999999" || code === "M99999999") return "Channel Islands / Isle of Man";
  if (/^[EX]01\d{6}$/.test(code)) return null;
  return "other area codes";
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

/** The newest registrations dataset on or before the date with rows for any of the practices. */
async function pickDataset(db: Db, options: CatchmentLoadOptions): Promise<DatasetRef | null> {
  const candidates = await db
    .selectFrom("dataset")
    .select(["id", "source", "title", "period", "reference_date", "synthetic", "meta"])
    .where("source", "=", "gp-reg-pat-prac-lsoa-all")
    .where("synthetic", "=", options.synthetic)
    .where("reference_date", "<=", options.date)
    .orderBy("reference_date", "desc")
    .orderBy("id", "desc")
    .execute();
  if (candidates.length === 0 || options.practiceCodes.length === 0) return null;
  const covered = await db
    .selectFrom("practice_lsoa")
    .select("dataset_id")
    .distinct()
    .where(
      "dataset_id",
      "in",
      candidates.map((c) => c.id),
    )
    .where("practice_code", "in", [...options.practiceCodes])
    .execute();
  const ids = new Set(covered.map((c) => c.dataset_id));
  const best = candidates.find((c) => ids.has(c.id));
  if (!best) return null;
  return {
    id: best.id,
    source: best.source,
    title: best.title,
    period: best.period,
    referenceDate: best.reference_date,
    synthetic: best.synthetic,
  };
}

/**
 * Catchments of the practices, or null when no registrations on or before the date cover any of them.
 * @example await loadCatchments(db, { synthetic: false, practiceCodes: qncCodes, date: "2026-01-01" })
 *   // → { dataset: { period: "October 2025", … }, practicesCovered: 141, patients: 1208850, … }
 */
export async function loadCatchments(
  db: Db,
  options: CatchmentLoadOptions,
): Promise<LoadedCatchments | null> {
  const dataset = await pickDataset(db, options);
  if (!dataset) return null;
  const meta = await db.selectFrom("dataset").select("meta").where("id", "=", dataset.id).executeTakeFirst();
  const lsoaVintage =
    Number((meta?.meta as { lsoaVintage?: number } | null)?.lsoaVintage) ||
    (dataset.referenceDate >= "2024-01-01" ? 2021 : 2011);
  const codes = [...options.practiceCodes];
  const registrations = db
    .selectFrom("practice_lsoa")
    .where("dataset_id", "=", dataset.id)
    .where("practice_code", "in", codes);
  const [rows, centroidRows, imdRows] = await Promise.all([
    selectJsonRows(db, registrations.select(["practice_code", "lsoa_code", "patients"])),
    selectJsonRows(
      db,
      db
        .selectFrom("lsoa_centroid")
        .innerJoin("dataset", "dataset.id", "lsoa_centroid.dataset_id")
        .select([
          "lsoa_centroid.lsoa_code",
          "lsoa_centroid.vintage",
          "lsoa_centroid.lat",
          "lsoa_centroid.lon",
        ])
        .where("dataset.synthetic", "=", options.synthetic)
        .where("lsoa_centroid.lsoa_code", "in", registrations.select("practice_lsoa.lsoa_code").distinct())
        .orderBy("dataset.reference_date", "desc"),
    ),
    selectJsonRows(
      db,
      db
        .selectFrom("lsoa_imd")
        .innerJoin("dataset", "dataset.id", "lsoa_imd.dataset_id")
        .select(["lsoa_imd.lsoa_code", "lsoa_imd.vintage", "lsoa_imd.edition", "lsoa_imd.imd_decile"])
        .where("dataset.synthetic", "=", options.synthetic)
        .where("lsoa_imd.lsoa_code", "in", registrations.select("practice_lsoa.lsoa_code").distinct())
        .orderBy("lsoa_imd.edition", "desc"),
    ),
  ]);
  if (rows.length === 0) return null;

  // Centroid and IMD decile per code: the registrations' vintage first; then (same code) the other vintage.
  const centroid = new Map<string, { lat: number; lon: number; same: boolean }>();
  for (const r of centroidRows) {
    const same = r.vintage === lsoaVintage;
    const had = centroid.get(r.lsoa_code);
    if (!had || (same && !had.same)) centroid.set(r.lsoa_code, { lat: r.lat, lon: r.lon, same });
  }
  const imd = new Map<string, { decile: number; edition: number; same: boolean }>();
  for (const r of imdRows) {
    const same = r.vintage === lsoaVintage;
    const had = imd.get(r.lsoa_code);
    if (!had || (same && !had.same)) imd.set(r.lsoa_code, { decile: r.imd_decile, edition: r.edition, same });
  }

  const byPractice = new Map<string, { lsoa: string; patients: number }[]>();
  const skippedBy = new Map<string, number>();
  let patients = 0;
  for (const r of rows) {
    const kind = skippedAreaKind(r.lsoa_code);
    if (kind !== null) {
      skippedBy.set(kind, (skippedBy.get(kind) ?? 0) + r.patients);
      continue;
    }
    if (r.patients <= 0) continue;
    patients += r.patients;
    const list = byPractice.get(r.practice_code);
    if (list) list.push({ lsoa: r.lsoa_code, patients: r.patients });
    else byPractice.set(r.practice_code, [{ lsoa: r.lsoa_code, patients: r.patients }]);
  }
  const practiceCodes = codes.filter((c) => byPractice.has(c));
  const lsoaIndex = new Map<string, number>();
  const lsoaCodes: string[] = [];
  const offsets = new Int32Array(practiceCodes.length + 1);
  const entries = practiceCodes.reduce((a, c) => a + byPractice.get(c)!.length, 0);
  const lsoa = new Int32Array(entries);
  const counts = new Float64Array(entries);
  let k = 0;
  practiceCodes.forEach((code, p) => {
    const list = byPractice.get(code)!.sort((a, b) => a.lsoa.localeCompare(b.lsoa));
    for (const e of list) {
      let l = lsoaIndex.get(e.lsoa);
      if (l === undefined) {
        lsoaIndex.set(e.lsoa, (l = lsoaCodes.length));
        lsoaCodes.push(e.lsoa);
      }
      lsoa[k] = l;
      counts[k++] = e.patients;
    }
    offsets[p + 1] = k;
  });
  const m = lsoaCodes.length;
  const lsoaLat = new Float64Array(m).fill(Number.NaN);
  const lsoaLon = new Float64Array(m).fill(Number.NaN);
  const lsoaImdDecile = new Int8Array(m);
  const residents = new Float64Array(m);
  for (let e = 0; e < entries; e++) residents[lsoa[e]!]! += counts[e]!;
  const stats = { sameVintage: 0, otherVintage: 0, missing: 0, missingPatients: 0 };
  let otherPatients = 0;
  let imdMissing = 0;
  let imdEdition: number | null = null;
  lsoaCodes.forEach((code, l) => {
    const c = centroid.get(code);
    if (c) {
      lsoaLat[l] = c.lat;
      lsoaLon[l] = c.lon;
      if (c.same) stats.sameVintage++;
      else {
        stats.otherVintage++;
        otherPatients += residents[l]!;
      }
    } else {
      stats.missing++;
      stats.missingPatients += residents[l]!;
    }
    const d = imd.get(code);
    if (d) {
      lsoaImdDecile[l] = d.decile;
      imdEdition = Math.max(imdEdition ?? 0, d.edition);
    } else imdMissing++;
  });
  const catchments: Catchments = {
    lsoaCodes,
    lsoaLat,
    lsoaLon,
    lsoaImdDecile,
    offsets,
    lsoa,
    patients: counts,
  };

  const skipped = [...skippedBy]
    .map(([kind, n]) => ({ kind, patients: n }))
    .sort((a, b) => b.patients - a.patients || a.kind.localeCompare(b.kind));
  const skippedTotal = skipped.reduce((a, s) => a + s.patients, 0);
  const pct = (n: number) => (patients > 0 ? ((100 * n) / patients).toFixed(1) : "0");
  const notes = [
    `LSOA registrations of ${dataset.period}: ${practiceCodes.length} of ${codes.length} practices, ` +
      `${fmt(patients)} patients in ${fmt(m)} English LSOAs (LSOA ${lsoaVintage}).`,
  ];
  if (skippedTotal > 0)
    notes.push(
      `${fmt(skippedTotal)} registered patients are not in an English LSOA and are left out: ` +
        skipped.map((s) => `${s.kind} ${fmt(s.patients)}`).join(", ") +
        ".",
    );
  if (stats.otherVintage > 0)
    notes.push(
      `${fmt(stats.otherVintage)} LSOAs (${pct(otherPatients)}% of patients) use the centroid of the same code ` +
        `from the other LSOA vintage (ONS kept a code only where the boundary did not change).`,
    );
  if (imdMissing > 0) notes.push(`${fmt(imdMissing)} LSOAs have no IMD decile loaded.`);
  return {
    dataset,
    lsoaVintage,
    practiceCodes,
    catchments,
    label: `LSOA registrations of ${dataset.period}`,
    source: { period: dataset.period, imdEdition },
    practicesCovered: practiceCodes.length,
    practicesAsked: codes.length,
    patients,
    skipped,
    centroids: stats,
    imd: { edition: imdEdition, missing: imdMissing },
    notes,
  };
}
