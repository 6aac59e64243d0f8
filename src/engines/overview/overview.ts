// The overview a planner wants on first sight, for England or one ICB: the area's figures, a row per
// sub-area (ICBs for England, places for an ICB), and its PCNs by size band.
import { UnknownAreaError } from "../../model/errors.ts";
import { contractYearOn, type PcnContractYear } from "../../config/pcn-contract.ts";
import type { PracticeSet } from "../../model/footprint.ts";
import type { OrgRef, Practice } from "../../model/organisation.ts";
import { pictureCaveats, type Picture } from "../../model/picture.ts";
import { summariseArea, type AreaResidence, type AreaSummary } from "./area.ts";
import { summarisePcns, type PcnSummary } from "./pcns.ts";
import { groupBy } from "./stats.ts";

export interface SubAreaRow {
  area: OrgRef;
  summary: AreaSummary;
}

export interface Overview {
  synthetic: boolean;
  date: string;
  rules: PcnContractYear;
  /** `England`, or the ICB. */
  scope:
    | { kind: "england" }
    | { kind: "icb"; icb: OrgRef; region: OrgRef }
    | { kind: "sub-icb"; subIcb: OrgRef; icb: OrgRef; region: OrgRef }
    /** A union of places or a set of local authorities: its practices, and the ICBs they are in. */
    | { kind: "practices"; set: { code: string; name: string }; icbs: OrgRef[] };
  summary: AreaSummary;
  subAreas: SubAreaRow[];
  pcns: PcnSummary[];
  sources: Picture["sources"];
  /** The ICB footprint the overview's map is, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)" (set by the use case). */
  footprint: string | null;
  caveats: string[];
}

/** What an overview is of: England, an ICB, a place, or a practice set. */
export interface OverviewArea {
  icb?: string | undefined;
  subIcb?: string | undefined;
  practices?: PracticeSet | undefined;
}

/** Finds an ICB by ODS code, ONS code or (unique) part of its name. */
export function findIcb(practices: readonly Practice[], query: string): OrgRef {
  const icbs = [...new Map(practices.map((p) => [p.icb.code, p.icb])).values()];
  const q = query.trim().toLowerCase();
  const exact = icbs.find((i) => i.code.toLowerCase() === q || i.onsCode?.toLowerCase() === q);
  if (exact) return exact;
  const named = icbs.filter((i) => i.name.toLowerCase().includes(q));
  if (named.length === 1) return named[0]!;
  const hint =
    named.length > 1
      ? `'${query}' matches ${named.length} ICBs: ${named.map((i) => `${i.code} (${i.name})`).join(", ")}`
      : `no ICB has code or name '${query}'; known ICBs: ${icbs
          .map((i) => i.code)
          .sort()
          .join(", ")}`;
  throw new UnknownAreaError(hint, "icb", named.length > 1 ? undefined : query);
}

function subAreaRows(
  practices: readonly Practice[],
  pcns: readonly PcnSummary[],
  pick: (p: Practice) => OrgRef,
  pickPcn: (p: PcnSummary) => OrgRef,
  residence: AreaResidence | null,
): SubAreaRow[] {
  const pcnsBy = groupBy(pcns, (p) => pickPcn(p).code);
  return [...groupBy(practices, (p) => pick(p).code).entries()]
    .map(([code, members]) => ({
      area: pick(members[0]!),
      summary: summariseArea(members, pcnsBy.get(code) ?? [], residence),
    }))
    .sort((a, b) => a.area.name.localeCompare(b.area.name));
}

/** Finds a place (sub-ICB location) by ODS or ONS code, or (unique) part of its name. */
export function findSubIcb(practices: readonly Practice[], query: string): OrgRef {
  const places = [...new Map(practices.map((p) => [p.subIcb.code, p.subIcb])).values()];
  const q = query.trim().toLowerCase();
  const exact = places.find((i) => i.code.toLowerCase() === q || i.onsCode?.toLowerCase() === q);
  if (exact) return exact;
  const named = places.filter((i) => i.name.toLowerCase().includes(q));
  if (named.length === 1) return named[0]!;
  throw new UnknownAreaError(
    named.length > 1
      ? `'${query}' matches ${named.length} places: ${named.map((i) => `${i.code} ${i.name}`).join("; ")}`
      : `no place (sub-ICB location) has code or name '${query}' in the map of ${practices.length} practices`,
    "subIcb",
  );
}

/**
 * The practices an overview covers: a place's, an ICB's, or England's. Throws UnknownAreaError for an
 * unknown area, or a place not in the ICB given.
 */
export function overviewPractices(picture: Picture, options: OverviewArea = {}): Practice[] {
  if (options.practices !== undefined) {
    const wanted = new Set(options.practices.practiceCodes);
    const practices = picture.practices.filter((p) => wanted.has(p.code));
    if (practices.length === 0)
      throw new UnknownAreaError(`${options.practices.name} has no practices in the map`, "practices");
    return practices;
  }
  if (options.subIcb !== undefined) {
    const place = findSubIcb(picture.practices, options.subIcb);
    const practices = picture.practices.filter((p) => p.subIcb.code === place.code);
    if (options.icb !== undefined && findIcb(picture.practices, options.icb).code !== practices[0]!.icb.code)
      throw new UnknownAreaError(
        `place ${place.code} is in ICB ${practices[0]!.icb.code}, not '${options.icb}'`,
        "subIcb",
      );
    return practices;
  }
  if (options.icb === undefined) return picture.practices;
  const icb = findIcb(picture.practices, options.icb);
  return picture.practices.filter((p) => p.icb.code === icb.code);
}

/**
 * The overview of England, an ICB or a place. `residence` (the area's LSOA registrations by decile, where
 * loaded) puts the deprivation mix on the residence basis (src/engines/deprivation/mix.ts).
 */
export function buildOverview(
  picture: Picture,
  options: OverviewArea = {},
  residence: AreaResidence | null = null,
): Overview {
  const rules = contractYearOn(picture.date);
  const allPcns = summarisePcns(picture.practices, rules);
  const practices = overviewPractices(picture, options);
  if (options.practices !== undefined) {
    // PCNs are sized over all their practices (as for a place); those with a practice in the set are shown.
    const pcnCodes = new Set(practices.map((p) => p.pcnCode));
    const pcns = allPcns.filter((p) => pcnCodes.has(p.code));
    const icbs = [...new Map(practices.map((p) => [p.icb.code, p.icb])).values()].sort((a, b) =>
      a.code.localeCompare(b.code),
    );
    return {
      synthetic: picture.synthetic,
      date: picture.date,
      rules,
      scope: { kind: "practices", set: { code: options.practices.code, name: options.practices.name }, icbs },
      summary: summariseArea(practices, pcns, residence),
      subAreas: subAreaRows(
        practices,
        pcns,
        (p) => p.subIcb,
        (p) => p.subIcb,
        residence,
      ),
      pcns,
      sources: picture.sources,
      footprint: null,
      caveats: pictureCaveats(picture, practices),
    };
  }
  if (options.subIcb !== undefined) {
    const place = practices[0]!.subIcb;
    const pcnCodes = new Set(practices.map((p) => p.pcnCode));
    const pcns = allPcns.filter((p) => pcnCodes.has(p.code));
    return {
      synthetic: picture.synthetic,
      date: picture.date,
      rules,
      scope: { kind: "sub-icb", subIcb: place, icb: practices[0]!.icb, region: practices[0]!.region },
      summary: summariseArea(practices, pcns, residence),
      subAreas: [],
      pcns,
      sources: picture.sources,
      footprint: null,
      caveats: pictureCaveats(picture, practices),
    };
  }
  if (options.icb === undefined) {
    return {
      synthetic: picture.synthetic,
      date: picture.date,
      rules,
      scope: { kind: "england" },
      summary: summariseArea(picture.practices, allPcns, residence),
      subAreas: subAreaRows(
        picture.practices,
        allPcns,
        (p) => p.icb,
        (p) => p.icb,
        residence,
      ),
      pcns: allPcns,
      sources: picture.sources,
      footprint: null,
      caveats: pictureCaveats(picture),
    };
  }
  const icb = practices[0]!.icb;
  const pcns = allPcns.filter((p) => p.icb.code === icb.code);
  return {
    synthetic: picture.synthetic,
    date: picture.date,
    rules,
    scope: { kind: "icb", icb, region: practices[0]!.region },
    summary: summariseArea(practices, pcns, residence),
    subAreas: subAreaRows(
      practices,
      pcns,
      (p) => p.subIcb,
      (p) => p.subIcb,
      residence,
    ),
    pcns,
    sources: picture.sources,
    footprint: null,
    caveats: pictureCaveats(picture, practices),
  };
}
