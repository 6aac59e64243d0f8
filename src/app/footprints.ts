// Use cases of ICB footprints over time: a practice's sub-ICB location and ICB on a date, the succession
// of the ICBs of one map by those of another (the April 2026 mergers: old code → new code with the
// practices and patients moved), and an ICB's practices in a chosen footprint, "as it is now" (the newest
// map) or "as it was" (the map in force on an earlier date), so that a series of earlier years can be
// summed over today's ICB or the old one. The rules are src/engines/footprints/; this reads the store.
import { FootprintRequestError, IcbNotInFootprintError } from "../engines/footprints/errors.ts";
import { icbsInForce } from "../engines/footprints/icbs-in-force.ts";
import { footprintOf, groupChanges, mapInForce } from "../engines/footprints/in-force.ts";
import { dayBefore } from "../engines/footprints/names.ts";
import {
  findIcb,
  icbSuccession as succession,
  lineageOf,
  narrowSuccession,
  practicesOf,
} from "../engines/footprints/succession.ts";
import type {
  AreaFootprint,
  Footprint,
  IcbMembership,
  IcbsOnDate,
  IcbSuccession,
  MembershipRow,
  OrganisationChange,
} from "../model/footprint.ts";
import type { DatasetRef, Picture } from "../model/picture.ts";
import { findListDataset } from "../store/repositories/datasets.ts";
import { datasetFingerprint } from "../store/repositories/derived-cache.ts";
import {
  listMaps,
  loadChangeFiles,
  loadListTotals,
  loadMembership,
} from "../store/repositories/footprints.ts";
import type { Store } from "../store/store.ts";

export interface FootprintSource {
  synthetic: boolean;
}

interface Catalogue {
  maps: DatasetRef[];
  changes: OrganisationChange[];
}

async function catalogue(store: Store, synthetic: boolean): Promise<Catalogue> {
  const [maps, files] = await Promise.all([
    listMaps(store.db, synthetic),
    loadChangeFiles(store.db, synthetic),
  ]);
  return { maps, changes: groupChanges(files) };
}

/** An ISO date, or FootprintRequestError naming the field. */
function isoDate(text: string, field: string): string {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t) || Number.isNaN(Date.parse(`${t}T00:00:00Z`)))
    throw new FootprintRequestError(
      `--${field} must be a date such as 2026-04-01; found '${text}'`,
      field,
      "invalid",
    );
  return t;
}

const newestDate = (c: Catalogue) => c.maps.at(-1)?.referenceDate ?? "9999-12-31";

interface Resolved {
  footprint: Footprint;
  rows: MembershipRow[];
}

async function footprintAt(store: Store, c: Catalogue, date: string, field: string): Promise<Resolved> {
  const choice = mapInForce(c.maps, c.changes, date, field);
  const rows = (await loadMembership(store.db, [choice.map.id])).get(choice.map.id)!;
  return { footprint: footprintOf(choice, rows), rows };
}

/** The ICB footprint in force on a date (default: the newest map's). */
export async function footprintOnDate(
  store: Store,
  request: FootprintSource & { date?: string | undefined },
): Promise<Footprint> {
  const c = await catalogue(store, request.synthetic);
  const date = request.date === undefined ? newestDate(c) : isoDate(request.date, "date");
  return (await footprintAt(store, c, date, "date")).footprint;
}

/** The footprint asked for by a `--footprint DATE` (FootprintRequestError naming `footprint`). */
export async function footprintAsked(store: Store, synthetic: boolean, date: string): Promise<Footprint> {
  const c = await catalogue(store, synthetic);
  return (await footprintAt(store, c, isoDate(date, "footprint"), "footprint")).footprint;
}

/**
 * The footprint of a picture's map, for every output that names an ICB: the map in force on its own date
 * (so the August 2026 map is "ICB footprint from 2026-04-01 (36 ICBs; membership as published in the
 * August 2026 map)"). Counted from the picture's practices; null when the map is not among the store's.
 */
export async function pictureFootprint(store: Store, picture: Picture): Promise<Footprint | null> {
  const c = await catalogue(store, picture.synthetic);
  const map = picture.sources.map;
  if (!c.maps.some((m) => m.id === map.id)) return null;
  const choice = mapInForce(c.maps, c.changes, map.referenceDate);
  const rows: MembershipRow[] = picture.practices.map((p) => ({
    practiceCode: p.code,
    practiceName: p.name,
    subIcb: p.subIcb,
    icb: p.icb,
  }));
  return footprintOf({ ...choice, map }, rows);
}

/** Labels of the pictures asked for, kept with each picture (the pictures themselves are kept warm). */
const labels = new WeakMap<Picture, Promise<string | null>>();

/**
 * The label of a picture's footprint ("ICB footprint from 2026-04-01 (36 ICBs; …)"), or null when its map is
 * not among the store's: the one line every output that names an ICB carries. Read once per picture (the
 * pictures are kept warm by picture.ts and warm.ts), so a server's repeated requests do not read it again.
 */
export function footprintLabel(store: Store, picture: Picture): Promise<string | null> {
  let label = labels.get(picture);
  if (!label) {
    label = pictureFootprint(store, picture).then((f) => f?.label ?? null);
    labels.set(picture, label);
    label.catch(() => labels.delete(picture));
  }
  return label;
}

/** Labels of the footprints in force on dates, per store, while its datasets are unchanged. */
const labelsOnDate = new WeakMap<
  Store,
  Map<string, { fingerprint: string; label: Promise<string | null> }>
>();

/**
 * The label of the footprint in force on a date, for an output that has a map date but no picture (two
 * saved scenarios compared); null when no map is that old. Kept while the store's datasets are unchanged
 * (one small query checks), so a server reads the maps once per date.
 */
export async function footprintLabelOnDate(
  store: Store,
  synthetic: boolean,
  date: string,
): Promise<string | null> {
  const fingerprint = await datasetFingerprint(store.db, synthetic);
  let byDate = labelsOnDate.get(store);
  if (!byDate) labelsOnDate.set(store, (byDate = new Map()));
  const key = `${synthetic ? "demo" : "real"}|${date}`;
  const hit = byDate.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit.label;
  const label = footprintOnDate(store, { synthetic, date }).then(
    (f) => f.label,
    (error: unknown) => {
      if (error instanceof FootprintRequestError) return null;
      throw error;
    },
  );
  if (byDate.size >= 1000) byDate.clear();
  byDate.set(key, { fingerprint, label });
  label.catch(() => byDate.delete(key));
  return label;
}

/**
 * The ICBs in force on a date (default: the newest map's), each with its sub-ICB locations, practices and
 * registered patients. Patients come from the newest list-size file on or before the date, else the
 * earliest after it (said in a caveat).
 */
export async function icbsOnDate(
  store: Store,
  request: FootprintSource & {
    date?: string | undefined;
    /** Only this ICB (code or part of its name); one not in the footprint is refused with where it is. */
    icb?: string | undefined;
  },
): Promise<IcbsOnDate> {
  const c = await catalogue(store, request.synthetic);
  const date = request.date === undefined ? newestDate(c) : isoDate(request.date, "date");
  const { footprint, rows } = await footprintAt(store, c, date, "date");
  const caveats = [...footprint.caveats];
  const lists = await findListDataset(store.db, request.synthetic, date);
  if (!lists) caveats.push("No list-size file is loaded: patients are not counted.");
  else if (lists.referenceDate > date)
    caveats.push(
      `No list-size file is dated on or before ${date}: patients are the ${lists.period} list sizes, ` +
        "the earliest loaded (a practice closed before then counts 0).",
    );
  const byPractice = lists ? await loadListTotals(store.db, lists.id) : null;
  const icbs = icbsInForce(rows, byPractice);
  if (request.icb === undefined) return { footprint, lists, icbs, lineage: null, caveats };
  const area = await areaFootprint(store, {
    synthetic: request.synthetic,
    icb: request.icb,
    footprint: date,
  });
  return {
    footprint,
    lists,
    icbs: icbs.filter((i) => i.icb.code === area.icb.code),
    lineage: area.lineage,
    caveats,
  };
}

export interface IcbOnDateRequest extends FootprintSource {
  practice: string;
  date: string;
}

/** A practice's sub-ICB location and ICB on a date, with the footprint that says so. */
export async function icbOnDate(store: Store, request: IcbOnDateRequest): Promise<IcbMembership> {
  const code = request.practice.trim().toUpperCase();
  const date = isoDate(request.date, "date");
  const c = await catalogue(store, request.synthetic);
  const { footprint, rows } = await footprintAt(store, c, date, "date");
  const row = rows.find((r) => r.practiceCode === code);
  if (!row) {
    const all = await loadMembership(
      store.db,
      c.maps.map((m) => m.id),
    );
    const seen = c.maps
      .filter((m) => all.get(m.id)!.some((r) => r.practiceCode === code))
      .map((m) => m.period);
    throw new FootprintRequestError(
      `--practice ${code}: not in the ${footprint.map.period} map (in force on ${date}); ` +
        (seen.length > 0 ? `it is in the ${seen.join(", ")} maps` : "it is in no loaded map"),
      "practice",
    );
  }
  return {
    practiceCode: row.practiceCode,
    practiceName: row.practiceName,
    date,
    subIcb: row.subIcb,
    icb: row.icb,
    footprint,
  };
}

export interface SuccessionRequest extends FootprintSource {
  /** The earlier footprint's date (default: the day before the newest ODS change, else the map before `to`). */
  from?: string | undefined;
  /** The later footprint's date (default: the newest map's). */
  to?: string | undefined;
  /** Only the links of this ICB, old or new (code or part of its name). */
  icb?: string | undefined;
}

/** The succession of the ICBs of one footprint by those of a later one, with practices and patients moved. */
export async function icbSuccession(store: Store, request: SuccessionRequest): Promise<IcbSuccession> {
  const c = await catalogue(store, request.synthetic);
  const whole = await successionOf(store, c, request);
  if (request.icb === undefined) return whole;
  const part = narrowSuccession(whole, request.icb);
  if (!part)
    throw new FootprintRequestError(
      `--icb: no ICB has code or name '${request.icb}' in the ${whole.from.label} or the ${whole.to.label}`,
      "icb",
    );
  return part;
}

async function successionOf(store: Store, c: Catalogue, request: SuccessionRequest): Promise<IcbSuccession> {
  const toDate = request.to === undefined ? newestDate(c) : isoDate(request.to, "to");
  const to = await footprintAt(store, c, toDate, "to");
  let fromDate: string;
  if (request.from !== undefined) fromDate = isoDate(request.from, "from");
  else {
    const change = c.changes.filter((x) => x.effectiveFrom <= to.footprint.map.referenceDate).at(-1);
    const previous = c.maps.filter((m) => m.referenceDate < to.footprint.map.referenceDate).at(-1);
    if (change) fromDate = dayBefore(change.effectiveFrom);
    else if (previous) fromDate = previous.referenceDate;
    else
      throw new FootprintRequestError(
        `only one map is loaded (${to.footprint.map.period}): a succession needs an earlier one`,
        "from",
      );
  }
  const from = await footprintAt(store, c, fromDate, "from");
  if (from.footprint.map.referenceDate >= to.footprint.map.referenceDate)
    throw new FootprintRequestError(
      `--from ${fromDate} gives the ${from.footprint.map.period} map, not earlier than the ${to.footprint.map.period} map of --to ${toDate}`,
      "from",
      "invalid",
    );
  const listsRef = await findListDataset(store.db, request.synthetic, to.footprint.map.referenceDate);
  const lists = listsRef
    ? { dataset: listsRef, byPractice: await loadListTotals(store.db, listsRef.id) }
    : null;
  return succession({ from, to, changes: c.changes, lists });
}

export interface AreaFootprintRequest extends FootprintSource {
  /** An ICB by ODS or ONS code (old or new), or a unique part of its name. */
  icb: string;
  /** The footprint's date (default: the newest map's, "as it is now"). */
  footprint?: string | undefined;
}

/**
 * The practices of an ICB in the footprint of a date. An ICB not in that footprint is refused with where
 * it is: an old ICB names its successors and the last date it existed ("as it was"), a new one its
 * predecessors and the date it was formed.
 */
export async function areaFootprint(store: Store, request: AreaFootprintRequest): Promise<AreaFootprint> {
  const c = await catalogue(store, request.synthetic);
  const date = request.footprint === undefined ? newestDate(c) : isoDate(request.footprint, "footprint");
  const at = await footprintAt(store, c, date, "footprint");
  const icb = findIcb(at.rows, request.icb);
  const history = await defaultSuccession(store, c, request.synthetic);
  if (icb)
    return {
      icb,
      footprint: at.footprint,
      practiceCodes: practicesOf(at, icb.code),
      lineage: history ? lineageOf(history, icb.code) : null,
    };
  const q = request.icb.trim().toUpperCase();
  const all = await loadMembership(
    store.db,
    c.maps.map((m) => m.id),
  );
  const holding = c.maps.filter((m) =>
    all.get(m.id)!.some((r) => r.icb.code === q || r.icb.onsCode?.toUpperCase() === q),
  );
  if (holding.length === 0)
    throw new FootprintRequestError(
      `--icb: no ICB has code or name '${request.icb}' in any loaded map (the ${at.footprint.label})`,
      "icb",
    );
  const lineage = history ? lineageOf(history, q) : null;
  const last = holding.at(-1)!;
  const first = holding[0]!;
  const asItWas = last.referenceDate < at.footprint.map.referenceDate ? lastDayOf(c, last) : null;
  const hint = asItWas
    ? `as it was, it is in the footprints up to ${asItWas}`
    : `it is in the footprints from ${firstDayOf(c, first)}`;
  const where = (lineage ? `${lineage}; ` : "") + hint;
  throw new IcbNotInFootprintError(
    `--icb ${q} is not an ICB in the ${at.footprint.label}: ${where}`,
    asItWas,
    where,
  );
}

/** The succession ending at the newest map, or null when the maps loaded make none. */
async function defaultSuccession(
  store: Store,
  c: Catalogue,
  synthetic: boolean,
): Promise<IcbSuccession | null> {
  if (c.maps.length < 2) return null;
  try {
    return await successionOf(store, c, { synthetic });
  } catch (error) {
    if (error instanceof FootprintRequestError) return null;
    throw error;
  }
}

/** The first day a map's membership was in force: the change it was the first map after, else its date. */
function firstDayOf(c: Catalogue, map: DatasetRef): string {
  const previous = c.maps.filter((m) => m.referenceDate < map.referenceDate).at(-1);
  const change = c.changes.find(
    (x) => x.effectiveFrom <= map.referenceDate && (!previous || x.effectiveFrom > previous.referenceDate),
  );
  return change?.effectiveFrom ?? map.referenceDate;
}

/** The last day a map's membership was in force: the day before the next change or the next map. */
function lastDayOf(c: Catalogue, map: DatasetRef): string {
  const change = c.changes.find((x) => x.effectiveFrom > map.referenceDate);
  const next = c.maps.find((m) => m.referenceDate > map.referenceDate);
  const ends = [change?.effectiveFrom, next?.referenceDate]
    .filter((d): d is string => d !== undefined)
    .sort();
  return ends[0] ? dayBefore(ends[0]) : map.referenceDate;
}
