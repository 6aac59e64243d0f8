// The picture of general practice from dated rows: the policy, written once and pure (tested without a
// database). The store lists what it holds (`PictureCatalogue`) and returns rows; this decides which
// datasets make a picture and how their rows join:
//
//   - the map and the list sizes: src/model/picture-choice.ts (the date rule and the list-lag rule);
//   - payments (weighted lists) and LSOA registrations: the newest on or before the map's date;
//   - the practice register, LSOA IMD ranks and postcode coordinates: the newest loaded;
//   - workforce: the dataset holding the newest fiscal year (the newer dataset on a tie);
//   - weighting: the payments year's weighted ÷ registered ratio × the list at the list date;
//   - deprivation, one basis per practice, newest first: an IMD edition newer than 2019 from practice
//     scores (ranked into national practice deciles), else the published IMD 2019 practice decile, else
//     the patient-weighted mean LSOA IMD rank;
//   - sites: the postcode's coordinates, else the centroid of its sector's (else district's) postcodes,
//     flagged as approximate.
import type { Practice, PracticeDeprivation, PracticeWorkforce } from "./organisation.ts";
import { nationalDeciles } from "./deprivation.ts";
import { RequestError } from "./errors.ts";
import type { DatasetRef, Picture } from "./picture.ts";
import {
  choosePicture,
  MAX_LIST_LAG_MONTHS,
  monthsBetween,
  newestOnOrBefore,
  type DatedDataset,
  type PictureRequest,
} from "./picture-choice.ts";
import { approximateSites, normalisePostcode } from "./postcode-centroid.ts";

/** No dataset of the kind a request needs is loaded (HTTP 404). */
export class NoDataError extends RequestError {
  override name = "NoDataError";
  constructor(message: string, field?: string) {
    super(message, { kind: "not-found", field });
  }
}

/** Every dataset a picture may be made of, as the store holds them (real or synthetic, never mixed). */
export interface PictureCatalogue {
  synthetic: boolean;
  maps: DatedDataset[];
  lists: DatedDataset[];
  payments: DatasetRef[];
  registers: DatasetRef[];
  /** Workforce datasets with the newest fiscal year each holds (null: no rows). */
  workforce: (DatasetRef & { latestFiscalYear: number | null })[];
  /** Practice IMD score datasets with the newest IMD edition each holds. */
  practiceScores: (DatasetRef & { edition: number })[];
  /** Published practice IMD deciles (SW AHSN). */
  publishedDeciles: DatasetRef[];
  /** Patients registered by practice and LSOA of residence. */
  registrations: DatasetRef[];
  lsoaImd: DatasetRef[];
  locations: DatasetRef[];
}

/** The datasets chosen for one picture. */
export interface PictureInputs {
  synthetic: boolean;
  map: DatasetRef;
  lists: DatasetRef | null;
  newerMapPassedOver: DatasetRef | null;
  payments: DatasetRef | null;
  register: DatasetRef | null;
  workforce: { ref: DatasetRef; fiscalYear: number } | null;
  practiceScores: { ref: DatasetRef; edition: number } | null;
  publishedDeciles: DatasetRef | null;
  /** LSOA registrations and IMD ranks, both or neither (the third deprivation basis). */
  lsoaRanks: { registrations: DatasetRef; imd: DatasetRef } | null;
  locations: DatasetRef | null;
}

/** The practice scores' edition must be newer than the published deciles' (IMD 2019) to take precedence. */
const PUBLISHED_DECILE_EDITION = 2019;

/** Chooses the datasets of the picture a request asks for. Throws NoDataError when no map is loaded. */
export function choosePictureInputs(catalogue: PictureCatalogue, request: PictureRequest): PictureInputs {
  const { synthetic } = catalogue;
  const choice = choosePicture(catalogue.maps, catalogue.lists, request);
  const map = choice.map;
  if (!map) {
    throw new NoDataError(
      synthetic
        ? "The demo is not loaded: run `icsplan demo` first."
        : "No practice → PCN map is loaded: run `icsplan import <folder>` with a gp-reg-pat-prac-map file " +
            "(or `icsplan demo` for the synthetic demo).",
    );
  }
  const newest = <T extends DatasetRef>(datasets: readonly T[]) => newestOnOrBefore(datasets);
  const atMap = <T extends DatasetRef>(datasets: readonly T[]) =>
    newestOnOrBefore(datasets, map.referenceDate);

  // Workforce: the newest fiscal year of any dataset; of two with the same year, the newer dataset.
  let workforce: PictureInputs["workforce"] = null;
  const byRecency = [...catalogue.workforce].sort(
    (a, b) => b.referenceDate.localeCompare(a.referenceDate) || b.id - a.id,
  );
  for (const d of byRecency) {
    if (d.latestFiscalYear === null) continue;
    if (workforce === null || d.latestFiscalYear > workforce.fiscalYear)
      workforce = { ref: stripExtras(d), fiscalYear: d.latestFiscalYear };
  }

  let practiceScores: PictureInputs["practiceScores"] = null;
  for (const d of catalogue.practiceScores) {
    const better =
      practiceScores === null ||
      d.edition > practiceScores.edition ||
      (d.edition === practiceScores.edition && d.id > practiceScores.ref.id);
    if (better) practiceScores = { ref: stripExtras(d), edition: d.edition };
  }
  if (practiceScores && practiceScores.edition <= PUBLISHED_DECILE_EDITION) practiceScores = null;

  const registrations = atMap(catalogue.registrations);
  const lsoaImd = registrations ? newest(catalogue.lsoaImd) : null;
  return {
    synthetic,
    map,
    lists: choice.lists,
    newerMapPassedOver: choice.newerMapPassedOver,
    payments: atMap(catalogue.payments),
    register: newest(catalogue.registers),
    workforce,
    practiceScores,
    publishedDeciles: newest(catalogue.publishedDeciles),
    lsoaRanks: registrations && lsoaImd ? { registrations, imd: lsoaImd } : null,
    locations: newest(catalogue.locations),
  };
}

function stripExtras(d: DatasetRef): DatasetRef {
  return {
    id: d.id,
    source: d.source,
    title: d.title,
    period: d.period,
    referenceDate: d.referenceDate,
    synthetic: d.synthetic,
  };
}

/** One practice of a practice → PCN map, as the file gives it. */
export interface PracticeMapRow {
  practiceCode: string;
  practiceName: string;
  postcode: string | null;
  pcnCode: string | null;
  pcnName: string | null;
  subIcb: { code: string | null; onsCode: string | null; name: string | null };
  icb: { code: string | null; onsCode: string | null; name: string | null };
  region: { code: string | null; onsCode: string | null; name: string | null };
}

/** The rows of the chosen datasets (`PictureInputs`), as the store returns them. */
export interface PictureRows {
  map: PracticeMapRow[];
  /** Registered patients (all ages, both sexes) by practice code. */
  listSizes: ReadonlyMap<string, number>;
  /** The chosen workforce dataset's rows of its newest fiscal year. */
  workforce: ReadonlyMap<string, PracticeWorkforceRow>;
  /** The payments year's weighted and registered lists by practice code. */
  payments: ReadonlyMap<string, { weighted: number | null; registered: number | null }>;
  practiceScores: ReadonlyMap<string, number>;
  publishedDeciles: { practiceCode: string; score: number; decile: number | null; edition: number }[];
  /** Patients by practice and LSOA with the LSOA's IMD rank; the edition and the highest rank (England). */
  lsoaRanks: {
    rows: { practiceCode: string; patients: number; imdRank: number }[];
    edition: number;
    maxRank: number;
  } | null;
  /** Coordinates of the map's practice postcodes (normalised: upper case, no spaces). */
  sites: ReadonlyMap<string, { lat: number; lon: number }>;
  /** Every postcode of the coordinates file, read only when some practice postcode is not in it. */
  knownPostcodes: readonly (readonly [string, { lat: number; lon: number }])[];
}

/** A workforce row in full-time equivalents and headcounts (partners split as the file gives them). */
export interface PracticeWorkforceRow {
  fiscalYear: number;
  gpFte: number | null;
  gpHc: number | null;
  seniorPartnerFte: number | null;
  partnerProviderFte: number | null;
  seniorPartnerHc: number | null;
  partnerProviderHc: number | null;
  locumTraineeFte: number | null;
  nursesFte: number | null;
  dpcFte: number | null;
  adminFte: number | null;
}

/** The map's practice postcodes that the coordinates file does not hold (the store reads neighbours then). */
export function postcodesWithoutSites(
  map: readonly PracticeMapRow[],
  sites: ReadonlyMap<string, unknown>,
): string[] {
  return map.flatMap((r) => (r.postcode && !sites.has(normalisePostcode(r.postcode)) ? [r.postcode] : []));
}

/**
 * The weighted population at the list date: the payments year's weighted ÷ registered ratio × today's list
 * (as the funding engines do), so that weighting follows list growth; the published weighted list itself
 * where there is no list or no registered count to scale by.
 */
export function weightedAtListDate(
  published: { weighted: number | null; registered: number | null } | undefined,
  listSize: number | null,
): number | null {
  if (!published || published.weighted === null) return null;
  if (listSize === null || listSize <= 0 || published.registered === null || published.registered <= 0)
    return published.weighted;
  return (published.weighted / published.registered) * listSize;
}

const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

function toWorkforce(r: PracticeWorkforceRow): PracticeWorkforce {
  return {
    fiscalYear: r.fiscalYear,
    gpFte: r.gpFte,
    gpHc: r.gpHc,
    partnerFte: sum(r.seniorPartnerFte, r.partnerProviderFte),
    partnerHc: sum(r.seniorPartnerHc, r.partnerProviderHc),
    locumTraineeFte: r.locumTraineeFte,
    nursesFte: r.nursesFte,
    dpcFte: r.dpcFte,
    adminFte: r.adminFte,
  };
}

/** Each practice's deprivation on one basis (see the header), and the dataset of the first basis used. */
export function practiceDeprivation(
  inputs: PictureInputs,
  rows: Pick<PictureRows, "practiceScores" | "publishedDeciles" | "lsoaRanks">,
): { ref: DatasetRef | null; byPractice: Map<string, PracticeDeprivation> } {
  const byPractice = new Map<string, PracticeDeprivation>();
  let ref: DatasetRef | null = null;
  if (inputs.practiceScores) {
    const { edition } = inputs.practiceScores;
    const basis = `IMD ${edition} practice score (OHID Fingertips), ranked into national practice deciles`;
    for (const [code, decile] of nationalDeciles(rows.practiceScores))
      byPractice.set(code, { decile, score: rows.practiceScores.get(code)!, basis });
    ref = inputs.practiceScores.ref;
  }
  if (inputs.publishedDeciles) {
    const { title } = inputs.publishedDeciles;
    for (const r of rows.publishedDeciles) {
      if (r.decile === null || byPractice.has(r.practiceCode)) continue;
      byPractice.set(r.practiceCode, {
        decile: r.decile,
        score: r.score,
        basis: `IMD ${r.edition} practice score (${title})`,
      });
    }
    ref ??= inputs.publishedDeciles;
  }
  if (inputs.lsoaRanks && rows.lsoaRanks) {
    const { edition, maxRank } = rows.lsoaRanks;
    const acc = new Map<string, { patients: number; rankSum: number }>();
    for (const r of rows.lsoaRanks.rows) {
      const a = acc.get(r.practiceCode) ?? { patients: 0, rankSum: 0 };
      a.patients += r.patients;
      a.rankSum += r.patients * r.imdRank;
      acc.set(r.practiceCode, a);
    }
    for (const [code, a] of acc) {
      if (byPractice.has(code) || a.patients === 0) continue;
      const meanRank = a.rankSum / a.patients;
      byPractice.set(code, {
        decile: Math.min(10, Math.max(1, Math.ceil((10 * meanRank) / maxRank))),
        score: null,
        basis: `IMD ${edition}, patient-weighted mean LSOA rank`,
      });
    }
    ref ??= inputs.lsoaRanks.imd;
  }
  return { ref, byPractice };
}

/** The workforce dataset as a picture names it: the fiscal year it holds, then the publication. */
function workforceRef(inputs: PictureInputs): DatasetRef | null {
  if (!inputs.workforce) return null;
  const { ref, fiscalYear } = inputs.workforce;
  return {
    ...ref,
    period: `FY${fiscalYear - 1}-${String(fiscalYear % 100).padStart(2, "0")} (from ${ref.period})`,
  };
}

/** Caveats about the whole picture: list sizes of another month than the map, a newer map passed over. */
export function pictureWideCaveats(inputs: PictureInputs): string[] {
  const caveats: string[] = [];
  const { lists, map } = inputs;
  if (!lists) caveats.push("No list-size file is loaded: PCN sizes and bands cannot be computed.");
  else {
    const gap = monthsBetween(lists.referenceDate, map.referenceDate);
    const months = (n: number) => `${n} month${n === 1 ? "" : "s"}`;
    if (gap > 0)
      caveats.push(`List sizes are from ${lists.period}, ${months(gap)} older than the ${map.period} map.`);
    else if (gap < 0)
      caveats.push(`List sizes are from ${lists.period}, ${months(-gap)} newer than the ${map.period} map.`);
  }
  const newer = inputs.newerMapPassedOver;
  if (newer) {
    caveats.push(
      `A newer map (${newer.period}) is loaded, but no list sizes within ${MAX_LIST_LAG_MONTHS} months of it; ` +
        `use --date ${newer.referenceDate} to see it.`,
    );
  }
  return caveats;
}

/** The picture: every practice of the map (in code order) with its figures, their datasets and caveats. */
export function buildPicture(inputs: PictureInputs, rows: PictureRows): Picture {
  const deprivation = practiceDeprivation(inputs, rows);
  const missing = postcodesWithoutSites(rows.map, rows.sites);
  const approximated =
    missing.length > 0 && inputs.locations ? approximateSites(missing, rows.knownPostcodes) : new Map();
  const practices: Practice[] = [...rows.map]
    .sort((a, b) => a.practiceCode.localeCompare(b.practiceCode))
    .map((r) => {
      const postcode = r.postcode;
      const key = postcode ? normalisePostcode(postcode) : null;
      const exact = key ? rows.sites.get(key) : undefined;
      const approx = key && !exact ? approximated.get(key) : undefined;
      const listSize = rows.listSizes.get(r.practiceCode) ?? null;
      const site: Practice["site"] = approx
        ? {
            postcode,
            lat: approx.lat,
            lon: approx.lon,
            approximate: `${approx.basis} ${approx.area} (${approx.from} postcode${approx.from === 1 ? "" : "s"})`,
          }
        : { postcode, lat: exact?.lat ?? null, lon: exact?.lon ?? null };
      const workforce = rows.workforce.get(r.practiceCode);
      return {
        code: r.practiceCode,
        name: r.practiceName,
        site,
        pcnCode: r.pcnCode ?? "U",
        pcnName: r.pcnName ?? "Unallocated",
        subIcb: { code: r.subIcb.code ?? "", onsCode: r.subIcb.onsCode, name: r.subIcb.name ?? "" },
        icb: { code: r.icb.code ?? "", onsCode: r.icb.onsCode, name: r.icb.name ?? "" },
        region: { code: r.region.code ?? "", onsCode: r.region.onsCode, name: r.region.name ?? "" },
        listSize,
        weightedList: weightedAtListDate(rows.payments.get(r.practiceCode), listSize),
        workforce: workforce ? toWorkforce(workforce) : null,
        deprivation: deprivation.byPractice.get(r.practiceCode) ?? null,
      };
    });
  return {
    synthetic: inputs.synthetic,
    date: inputs.map.referenceDate,
    practices,
    sources: {
      map: inputs.map,
      lists: inputs.lists,
      workforce: workforceRef(inputs),
      payments: inputs.payments,
      deprivation: deprivation.ref,
      register: inputs.register,
      locations: inputs.locations,
    },
    caveats: pictureWideCaveats(inputs),
  };
}

/**
 * The map's geography alone (practices with their PCN, sub-ICB, ICB and region; no figures): enough for
 * series that bring their own figures, such as workforce trends.
 */
export function buildMapPicture(inputs: PictureInputs, map: PracticeMapRow[]): Picture {
  const bare: PictureInputs = {
    synthetic: inputs.synthetic,
    map: inputs.map,
    lists: null,
    newerMapPassedOver: null,
    payments: null,
    register: null,
    workforce: null,
    practiceScores: null,
    publishedDeciles: null,
    lsoaRanks: null,
    locations: null,
  };
  const none = new Map();
  const picture = buildPicture(bare, {
    map,
    listSizes: none,
    workforce: none,
    payments: none,
    practiceScores: none,
    publishedDeciles: [],
    lsoaRanks: null,
    sites: none,
    knownPostcodes: [],
  });
  return { ...picture, caveats: [] };
}
