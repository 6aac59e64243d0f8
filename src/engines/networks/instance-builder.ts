// Builds a NetworkInstance (instance.ts) from a Picture: the practices of one ICB or one place (sub-ICB
// location), in practice-code order, with codes turned into indices. Today's PCN becomes a network index
// (`U`, outside any PCN, becomes −1); the practice's IMD decile comes from the picture's deprivation.
// Catchments, when given, are re-indexed to the instance's practices; an LSOA with no centroid (e.g. a 2021
// LSOA whose code is new since 2011, when only 2011 centroids are loaded) is placed at the patient-weighted
// mean of the sites of the instance's practices that register its residents, and a note says how many
// patients that concerns.
import { UnknownAreaError } from "../../model/errors.ts";
import type { PracticeSet } from "../../model/footprint.ts";
import type { Practice } from "../../model/organisation.ts";
import { isUnallocated } from "../../model/organisation.ts";
import type { Picture } from "../../model/picture.ts";
import { findIcb } from "../overview/overview.ts";
import { hasSite } from "./geo.ts";
import type { Catchments, NetworkInstance } from "./instance.ts";

/** Catchments as loaded: row p of `catchments` belongs to `practiceCodes[p]` (any order, any superset). */
import type { CatchmentInput } from "../../model/catchments.ts";
export type { CatchmentInput };

export interface InstanceOptions {
  /** ICB by ODS code, ONS code or (unique) part of its name. */
  icb?: string;
  /** Place (sub-ICB location) by ODS or ONS code. */
  subIcb?: string;
  /** A union of places or a set of local authorities (src/app/area-footprint.ts), instead of icb/subIcb. */
  practices?: PracticeSet;
  catchments?: CatchmentInput | null;
}

const sameCode = (a: string | null | undefined, b: string) =>
  a !== null && a !== undefined && a.toLowerCase() === b.trim().toLowerCase();

/** The practices an instance covers, and its scope label. Throws UnknownAreaError for unknown areas. */
export function selectPractices(
  picture: Picture,
  options: Pick<InstanceOptions, "icb" | "subIcb" | "practices">,
): { practices: Practice[]; scope: string } {
  if (options.practices !== undefined) {
    const wanted = new Set(options.practices.practiceCodes);
    const inSet = picture.practices.filter((p) => wanted.has(p.code));
    if (inSet.length === 0)
      throw new UnknownAreaError(`${options.practices.name} has no practices in the map`, "practices");
    return { practices: inSet.sort((a, b) => a.code.localeCompare(b.code)), scope: options.practices.code };
  }
  let practices = picture.practices;
  let scope = "England";
  if (options.icb !== undefined) {
    const icb = findIcb(practices, options.icb);
    practices = practices.filter((p) => p.icb.code === icb.code);
    scope = `ICB ${icb.code}`;
  }
  if (options.subIcb !== undefined) {
    const code = options.subIcb;
    const inPlace = practices.filter(
      (p) => sameCode(p.subIcb.code, code) || sameCode(p.subIcb.onsCode, code),
    );
    if (inPlace.length === 0) {
      const known = [...new Set(practices.map((p) => p.subIcb.code))].sort();
      throw new UnknownAreaError(
        `no sub-ICB location (place) has code '${code}'${options.icb !== undefined ? ` in ${scope}` : ""}; ` +
          `known codes: ${known.slice(0, 60).join(", ")}${known.length > 60 ? ", …" : ""}`,
      );
    }
    practices = inPlace;
    scope = `place ${inPlace[0]!.subIcb.code}`;
  }
  if (practices.length === 0) throw new UnknownAreaError(`${scope} has no practices in the map`);
  return { practices: [...practices].sort((a, b) => a.code.localeCompare(b.code)), scope };
}

/** Re-indexes catchments to the instance's practices, keeping only the LSOAs they use. */
function reindexCatchments(
  codes: readonly string[],
  lat: Float64Array,
  lon: Float64Array,
  input: CatchmentInput,
  notes: string[],
): Catchments | null {
  const src = input.catchments;
  const row = new Map<string, number>();
  input.practiceCodes.forEach((c, i) => row.set(c, i));
  const n = codes.length;
  const offsets = new Int32Array(n + 1);
  let missing = 0;
  for (let p = 0; p < n; p++) {
    const r = row.get(codes[p]!);
    const len = r === undefined ? 0 : src.offsets[r + 1]! - src.offsets[r]!;
    if (len === 0) missing++;
    offsets[p + 1] = offsets[p]! + len;
  }
  if (offsets[n] === 0) return null;
  const newLsoa = new Int32Array(src.lsoaCodes.length).fill(-1);
  const kept: number[] = [];
  const lsoa = new Int32Array(offsets[n]!);
  const patients = new Float64Array(offsets[n]!);
  for (let p = 0; p < n; p++) {
    const r = row.get(codes[p]!);
    if (r === undefined) continue;
    let k = offsets[p]!;
    for (let e = src.offsets[r]!; e < src.offsets[r + 1]!; e++, k++) {
      const l = src.lsoa[e]!;
      if (newLsoa[l] === -1) {
        newLsoa[l] = kept.length;
        kept.push(l);
      }
      lsoa[k] = newLsoa[l]!;
      patients[k] = src.patients[e]!;
    }
  }
  const m = kept.length;
  const out: Catchments = {
    lsoaCodes: kept.map((l) => src.lsoaCodes[l]!),
    lsoaLat: Float64Array.from(kept, (l) => src.lsoaLat[l]!),
    lsoaLon: Float64Array.from(kept, (l) => src.lsoaLon[l]!),
    lsoaImdDecile: Int8Array.from(kept, (l) => src.lsoaImdDecile[l]!),
    offsets,
    lsoa,
    patients,
  };
  // LSOAs without a centroid: the patient-weighted mean of their practices' sites.
  const wLat = new Float64Array(m);
  const wLon = new Float64Array(m);
  const w = new Float64Array(m);
  const residents = new Float64Array(m);
  for (let p = 0; p < n; p++) {
    const site = hasSite(lat[p]!, lon[p]!);
    for (let e = offsets[p]!; e < offsets[p + 1]!; e++) {
      const l = lsoa[e]!;
      residents[l]! += patients[e]!;
      if (!site || Number.isFinite(out.lsoaLat[l]!)) continue;
      wLat[l]! += patients[e]! * lat[p]!;
      wLon[l]! += patients[e]! * lon[p]!;
      w[l]! += patients[e]!;
    }
  }
  let filled = 0;
  let filledPatients = 0;
  let unplaced = 0;
  let total = 0;
  for (let l = 0; l < m; l++) {
    total += residents[l]!;
    if (Number.isFinite(out.lsoaLat[l]!)) continue;
    if (w[l]! > 0) {
      out.lsoaLat[l] = wLat[l]! / w[l]!;
      out.lsoaLon[l] = wLon[l]! / w[l]!;
      filled++;
      filledPatients += residents[l]!;
    } else unplaced += residents[l]!;
  }
  const label = input.label ?? "LSOA registrations";
  if (missing > 0)
    notes.push(
      `${missing} of ${n} practices have no rows in the ${label}: they take Delaunay edges in the graph, their ` +
        `patients are left out of LSOA-level cohesion, and their deprivation is their practice decile.`,
    );
  if (filled > 0) {
    const pct = total > 0 ? ((100 * filledPatients) / total).toFixed(1) : "0";
    notes.push(
      `${filled} LSOAs (${Math.round(filledPatients).toLocaleString("en-GB")} patients, ${pct}%) have no centroid: ` +
        `each is placed at the patient-weighted mean site of the practices registering its residents.`,
    );
  }
  if (unplaced > 0)
    notes.push(
      `${Math.round(unplaced).toLocaleString("en-GB")} patients live in LSOAs with no centroid and no practice site to stand in: they are left out of distances.`,
    );
  return out;
}

/**
 * The instance of an ICB (`icb`) or a place (`subIcb`), or of every practice in the picture when neither is
 * given. Networks are today's PCNs of those practices, in code order.
 * @example buildInstance(picture, { icb: "QNC", catchments }) // → { scope: "ICB QNC", practiceCodes: [141 codes], … }
 */
export function buildInstance(picture: Picture, options: InstanceOptions = {}): NetworkInstance {
  const { practices, scope } = selectPractices(picture, options);
  const n = practices.length;
  const notes: string[] = [];
  const placeIndex = new Map<string, number>();
  const placeCodes: string[] = [];
  const placeNames: string[] = [];
  for (const code of [...new Set(practices.map((p) => p.subIcb.code))].sort()) {
    placeIndex.set(code, placeCodes.length);
    placeCodes.push(code);
    placeNames.push(practices.find((p) => p.subIcb.code === code)!.subIcb.name);
  }
  const networkIndex = new Map<string, number>();
  const networkCodes: string[] = [];
  const networkNames: string[] = [];
  for (const code of [...new Set(practices.filter((p) => !isUnallocated(p)).map((p) => p.pcnCode))].sort()) {
    networkIndex.set(code, networkCodes.length);
    networkCodes.push(code);
    networkNames.push(practices.find((p) => p.pcnCode === code)!.pcnName);
  }
  const listSize = new Float64Array(n);
  const listKnown = new Uint8Array(n);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const place = new Int32Array(n);
  const current = new Int32Array(n);
  const imdDecile = new Int8Array(n);
  practices.forEach((p, i) => {
    listSize[i] = p.listSize ?? 0;
    listKnown[i] = p.listSize === null ? 0 : 1;
    lat[i] = p.site.lat ?? Number.NaN;
    lon[i] = p.site.lon ?? Number.NaN;
    place[i] = placeIndex.get(p.subIcb.code)!;
    current[i] = isUnallocated(p) ? -1 : networkIndex.get(p.pcnCode)!;
    imdDecile[i] = p.deprivation?.decile ?? 0;
  });
  const codes = practices.map((p) => p.code);
  const noList = practices.filter((p) => p.listSize === null);
  if (noList.length > 0)
    notes.push(
      `${noList.length} practices have no list size (counted as 0 patients): ${noList
        .slice(0, 10)
        .map((p) => p.code)
        .join(", ")}${noList.length > 10 ? ", …" : ""}.`,
    );
  const noSite = practices.filter((p) => p.site.lat === null || p.site.lon === null);
  if (noSite.length > 0)
    notes.push(
      `${noSite.length} practices have no site coordinates (postcode not found): ${noSite
        .slice(0, 10)
        .map((p) => `${p.code} (${p.site.postcode ?? "no postcode"})`)
        .join(", ")}${noSite.length > 10 ? ", …" : ""}.`,
    );
  // PCNs with practices outside the instance (e.g. across an ICB or place boundary): only part is seen.
  const inside = new Set(codes);
  const outside = new Map<string, Practice[]>();
  for (const p of picture.practices)
    if (networkIndex.has(p.pcnCode) && !inside.has(p.code)) {
      const list = outside.get(p.pcnCode);
      if (list) list.push(p);
      else outside.set(p.pcnCode, [p]);
    }
  for (const [code, others] of outside) {
    const areas = [
      ...new Set(
        others.map((p) =>
          options.subIcb !== undefined || options.practices !== undefined ? p.subIcb.code : p.icb.code,
        ),
      ),
    ];
    notes.push(
      `${code} ${networkNames[networkIndex.get(code)!]} also has ${others.length} practice${others.length === 1 ? "" : "s"} ` +
        `outside ${scope} (in ${areas.join(", ")}): only its practices here are evaluated.`,
    );
  }
  const catchments = options.catchments
    ? reindexCatchments(codes, lat, lon, options.catchments, notes)
    : null;
  return {
    scope,
    practiceCodes: codes,
    practiceNames: practices.map((p) => p.name),
    listSize,
    listKnown,
    lat,
    lon,
    place,
    placeCodes,
    placeNames,
    current,
    networkCodes,
    networkNames,
    imdDecile,
    imdBasis: practices.map((p) => p.deprivation?.basis ?? null),
    catchments,
    catchmentSource: catchments ? (options.catchments?.source ?? null) : null,
    notes,
  };
}
