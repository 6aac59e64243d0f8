// Use cases: the practices and PCNs of a picture, listed with filters, and practices found by name,
// postcode or ODS code. Rows are plain records (snake_case, as the CLI's CSV and the API's JSON give them).
import { contractYearOn } from "../config/pcn-contract.ts";
import { summarisePcns, type PcnSummary } from "../engines/overview/pcns.ts";
import { UnknownAreaError } from "../model/errors.ts";
import type { OrgRef, Practice } from "../model/organisation.ts";
import type { PcnBand } from "../model/pcn-band.ts";
import type { Picture } from "../model/picture.ts";
import { RequestError } from "../model/errors.ts";
import type { Store } from "../store/store.ts";
import { footprintLabel } from "./footprints.ts";
import { readDerived, type PictureRequest } from "./picture.ts";

export interface AreaFilter {
  /** ICB by ODS or ONS code. */
  icb?: string | undefined;
  /** Place (sub-ICB location) by ODS or ONS code. */
  subIcb?: string | undefined;
  /** PCN by ODS code (U: practices outside any PCN). */
  pcn?: string | undefined;
  /** Only PCNs in this size band. */
  band?: PcnBand | undefined;
}

export interface ListRequest extends PictureRequest, AreaFilter {}

export interface PracticeRow {
  practice_code: string;
  practice_name: string;
  postcode: string | null;
  pcn_code: string;
  pcn_name: string;
  pcn_band: PcnBand | null;
  sub_icb_code: string;
  icb_code: string;
  list_size: number | null;
  weighted_list: number | null;
  gp_fte: number | null;
  partner_fte: number | null;
  patients_per_gp_fte: number | null;
  imd_decile: number | null;
  lat: number | null;
  lon: number | null;
}

/** The columns of a practice row, in order (a CSV of no rows still has its header). */
export const PRACTICE_COLUMNS = [
  "practice_code",
  "practice_name",
  "postcode",
  "pcn_code",
  "pcn_name",
  "pcn_band",
  "sub_icb_code",
  "icb_code",
  "list_size",
  "weighted_list",
  "gp_fte",
  "partner_fte",
  "patients_per_gp_fte",
  "imd_decile",
  "lat",
  "lon",
] as const satisfies readonly (keyof PracticeRow)[];

export interface PcnRow {
  pcn_code: string;
  pcn_name: string;
  sub_icb_code: string;
  icb_code: string;
  practices: number;
  list_size: number;
  band: PcnBand;
  practices_without_list: number;
  crosses_sub_icb: boolean;
}

export const PCN_COLUMNS = [
  "pcn_code",
  "pcn_name",
  "sub_icb_code",
  "icb_code",
  "practices",
  "list_size",
  "band",
  "practices_without_list",
  "crosses_sub_icb",
] as const satisfies readonly (keyof PcnRow)[];

/** What a listing was drawn from, for titles and banners. */
export interface ListingSource {
  synthetic: boolean;
  date: string;
  map: string;
  lists: string | null;
  /** The ICB footprint of the map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
}

export interface Listing<Row> extends ListingSource {
  rows: Row[];
}

const round = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? null : Math.round(v * 10 ** digits) / 10 ** digits;

const matches = (ref: OrgRef, code: string) =>
  ref.code.toLowerCase() === code.toLowerCase() || ref.onsCode?.toLowerCase() === code.toLowerCase();

/** A filter on one area code, checked against the areas the map has (naming the known codes when not). */
function areaFilter(field: "icb" | "subIcb", code: string | undefined, known: readonly OrgRef[]) {
  if (code === undefined) return () => true;
  if (!known.some((r) => matches(r, code))) {
    const codes = [...new Set(known.map((r) => r.code))].sort();
    const flag = field === "icb" ? "--icb" : "--sub-icb";
    throw new UnknownAreaError(
      `${flag} '${code}' is not in the loaded map; known codes: ${codes.slice(0, 60).join(", ")}${codes.length > 60 ? ", …" : ""}`,
      field,
      field === "icb" ? code : undefined,
    );
  }
  return (ref: OrgRef) => matches(ref, code);
}

function inArea(practices: readonly Practice[], filter: AreaFilter) {
  const inIcb = areaFilter(
    "icb",
    filter.icb,
    practices.map((p) => p.icb),
  );
  const inSubIcb = areaFilter(
    "subIcb",
    filter.subIcb,
    practices.map((p) => p.subIcb),
  );
  return (area: { icb: OrgRef; subIcb: OrgRef }) => inIcb(area.icb) && inSubIcb(area.subIcb);
}

const sourceOf = async (store: Store, picture: Picture): Promise<ListingSource> => ({
  synthetic: picture.synthetic,
  date: picture.date,
  map: picture.sources.map.period,
  lists: picture.sources.lists?.period ?? null,
  footprint: await footprintLabel(store, picture),
});

function practiceRow(p: Practice, pcns: ReadonlyMap<string, PcnSummary>): PracticeRow {
  const w = p.workforce;
  return {
    practice_code: p.code,
    practice_name: p.name,
    postcode: p.site.postcode,
    pcn_code: p.pcnCode,
    pcn_name: p.pcnName,
    pcn_band: pcns.get(p.pcnCode)?.band ?? null,
    sub_icb_code: p.subIcb.code,
    icb_code: p.icb.code,
    list_size: p.listSize,
    weighted_list: round(p.weightedList, 0),
    gp_fte: round(w?.gpFte),
    partner_fte: round(w?.partnerFte),
    patients_per_gp_fte: w?.gpFte && p.listSize ? Math.round(p.listSize / w.gpFte) : null,
    imd_decile: p.deprivation?.decile ?? null,
    lat: p.site.lat,
    lon: p.site.lon,
  };
}

const pcnsOf = (picture: Picture) =>
  new Map(summarisePcns(picture.practices, contractYearOn(picture.date)).map((p) => [p.code, p]));

/** The practices of the map, filtered by area, PCN and the PCN's size band. */
export async function listPractices(store: Store, request: ListRequest): Promise<Listing<PracticeRow>> {
  const key = `practices|${request.icb ?? ""}|${request.subIcb ?? ""}|${request.pcn ?? ""}|${request.band ?? ""}`;
  return readDerived(store, request, key, async (picture) => {
    const pcns = pcnsOf(picture);
    const area = inArea(picture.practices, request);
    if (request.pcn !== undefined && !picture.practices.some((p) => p.pcnCode === request.pcn))
      throw new UnknownAreaError(`--pcn '${request.pcn}' is not in the loaded map`, "pcn");
    const rows = picture.practices
      .filter(area)
      .filter((p) => request.pcn === undefined || p.pcnCode === request.pcn)
      .filter((p) => request.band === undefined || pcns.get(p.pcnCode)?.band === request.band)
      .map((p) => practiceRow(p, pcns));
    return { ...(await sourceOf(store, picture)), rows };
  });
}

/** The PCNs of the map with their list size and band, filtered. */
export async function listPcns(store: Store, request: ListRequest): Promise<Listing<PcnRow>> {
  const key = `pcns|${request.icb ?? ""}|${request.subIcb ?? ""}|${request.pcn ?? ""}|${request.band ?? ""}`;
  return readDerived(store, request, key, async (picture) => {
    const pcns = summarisePcns(picture.practices, contractYearOn(picture.date));
    const area = inArea(picture.practices, request);
    if (request.pcn !== undefined && !pcns.some((p) => p.code === request.pcn))
      throw new UnknownAreaError(`--pcn '${request.pcn}' is not a PCN in the loaded map`, "pcn");
    const rows = pcns
      .filter(area)
      .filter((p) => request.pcn === undefined || p.code === request.pcn)
      .filter((p) => request.band === undefined || p.band === request.band)
      .map((p) => ({
        pcn_code: p.code,
        pcn_name: p.name,
        sub_icb_code: p.subIcb.code,
        icb_code: p.icb.code,
        practices: p.practices,
        list_size: p.listSize,
        band: p.band,
        practices_without_list: p.practicesWithoutList,
        crosses_sub_icb: p.crossesSubIcb,
      }));
    return { ...(await sourceOf(store, picture)), rows };
  });
}

export interface SearchRequest extends PictureRequest, Omit<AreaFilter, "band" | "pcn"> {
  /** An ODS code, a postcode (or its outward part or sector), or words of the practice's name. */
  query: string;
  /** At most this many matches (default 20). */
  limit?: number | undefined;
}

export interface SearchMatch extends PracticeRow {
  /** What matched: the code, the postcode (whole, sector or district) or the name. */
  matched: "code" | "postcode" | "postcode-sector" | "postcode-district" | "name";
}

const compact = (s: string) => s.toUpperCase().replace(/\s+/g, "");
const words = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N} ]+/gu, " ")
    .split(/\s+/)
    .filter(Boolean);

/**
 * Practices found by ODS code (exact), postcode (whole, then sector, then district) or name (every word
 * of the query starts a word of the name, in any order). Best matches first: code, postcode, then name
 * (larger lists first among equals).
 */
export async function searchPractices(store: Store, request: SearchRequest): Promise<Listing<SearchMatch>> {
  const query = request.query.trim();
  if (query.length < 2 || query.length > 100)
    throw new RequestError(`a search needs 2–100 characters; found ${query.length}`, { field: "query" });
  const limit = request.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new RequestError(`limit must be a whole number from 1 to 500; found ${limit}`, { field: "limit" });
  const key = `search|${request.icb ?? ""}|${request.subIcb ?? ""}|${limit}|${query.toLowerCase()}`;
  return readDerived(store, request, key, async (picture) => {
    const pcns = pcnsOf(picture);
    const area = inArea(picture.practices, request);
    const q = compact(query);
    const qWords = words(query);
    // The outward code and sector of a postcode query (e.g. "ST4" and "ST4 6").
    const rank = (p: Practice): SearchMatch["matched"] | null => {
      if (p.code.toUpperCase() === q) return "code";
      const postcode = p.site.postcode ? compact(p.site.postcode) : "";
      if (postcode) {
        if (postcode === q) return "postcode";
        const outward = postcode.slice(0, -3);
        const sector = postcode.slice(0, -2);
        if (q.length > outward.length && sector === q) return "postcode-sector";
        if (outward === q) return "postcode-district";
      }
      const nameWords = words(p.name);
      if (qWords.length > 0 && qWords.every((w) => nameWords.some((n) => n.startsWith(w)))) return "name";
      return null;
    };
    const order: SearchMatch["matched"][] = [
      "code",
      "postcode",
      "postcode-sector",
      "postcode-district",
      "name",
    ];
    const rows = picture.practices
      .filter(area)
      .map((p) => ({ p, matched: rank(p) }))
      .filter((m): m is { p: Practice; matched: SearchMatch["matched"] } => m.matched !== null)
      .sort(
        (a, b) =>
          order.indexOf(a.matched) - order.indexOf(b.matched) ||
          (b.p.listSize ?? 0) - (a.p.listSize ?? 0) ||
          a.p.code.localeCompare(b.p.code),
      )
      .slice(0, limit)
      .map(({ p, matched }) => ({ ...practiceRow(p, pcns), matched }));
    return { ...(await sourceOf(store, picture)), rows };
  });
}
