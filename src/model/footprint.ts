// Organisation membership by effective date: which sub-ICB location and ICB a practice belonged to on a
// date, and how the ICBs of one date succeed those of another (the April 2026 mergers: 42 → 36 ICBs).
// A footprint is the set of ICBs in force from a date, each with its practices, read from a practice → PCN
// → sub-ICB → ICB map; the ODS change summary (sub-ICB locations renamed into new ICBs, LSOAs of an
// abolished ICB reallocated) dates the change and names its evidence. The footprint engine
// (src/engines/footprints/) derives them; src/app/footprints.ts reads the store.
import type { OrgRef } from "./organisation.ts";
import type { DatasetRef } from "./picture.ts";

/** One practice's row of a map: its sub-ICB location and ICB at the map's date. */
export interface MembershipRow {
  practiceCode: string;
  practiceName: string;
  subIcb: OrgRef;
  icb: OrgRef;
}

/** A dated practice → sub-ICB → ICB map (a `gp-reg-pat-prac-map` dataset) and its rows. */
export interface DatedMap {
  map: DatasetRef;
  rows: readonly MembershipRow[];
}

/** A sub-ICB location kept under its code but renamed into a new ICB (ODS 'SICBL Changes'). */
export interface SubIcbRename {
  subIcbCode: string;
  nameBefore: string;
  nameAfter: string;
  /** The ICB the location belongs to after the change (by name; new ICB codes are not in the file). */
  newIcbName: string | null;
}

/** An LSOA moved from one sub-ICB location and ICB to another (ODS 'ICB Footprints_LSOA Changes'). */
export interface LsoaMove {
  lsoaCode: string;
  fromSubIcbCode: string | null;
  fromIcbCode: string | null;
  /** Null where the code was published as a placeholder ('tbc'): use `toIcbName`. */
  toSubIcbCode: string | null;
  toIcbCode: string | null;
  toIcbName: string | null;
}

/** The ODS change rows of one dataset, with the date they take effect. */
export interface OrganisationChangeFile {
  dataset: DatasetRef;
  effectiveFrom: string;
  renamed: readonly SubIcbRename[];
  reallocated: readonly LsoaMove[];
}

/** The ODS changes that take effect on one date (the files of one change summary together). */
export interface OrganisationChange {
  effectiveFrom: string;
  sources: DatasetRef[];
  renamed: SubIcbRename[];
  reallocated: LsoaMove[];
}

/**
 * The ICB footprint in force on a date: the map whose membership applies, and since when. `basis: "map"`:
 * the newest map on or before the date. `basis: "change"`: an ODS change took effect after that map and on
 * or before the date, so the membership is the first map published on or after the change.
 */
export interface Footprint {
  /** The date the footprint was asked for. */
  askedFor: string;
  /** The date this footprint is in force from: the map's date, or the change's effective date. */
  from: string;
  map: DatasetRef;
  basis: "map" | "change";
  /** Distinct ICBs in the footprint's map. */
  icbs: number;
  /** One sentence for every output that names an ICB, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  label: string;
  caveats: string[];
}

/** A practice's sub-ICB location and ICB on a date. */
export interface IcbMembership {
  practiceCode: string;
  practiceName: string;
  date: string;
  subIcb: OrgRef;
  icb: OrgRef;
  footprint: Footprint;
}

/** What the ODS change files say about one old ICB → new ICB link. */
export interface ChangeEvidence {
  /** Sub-ICB locations of the old ICB renamed into the new one (by the new ICB's name). */
  renamedSubIcbs: string[];
  /** LSOAs of the old ICB reallocated to the new one. */
  lsoas: number;
}

/** Practices (and their registered patients) of an old ICB found in a new one. */
export interface SuccessionLink {
  from: OrgRef;
  to: OrgRef;
  practices: number;
  /** Registered patients of those practices (null without a list-size file). */
  patients: number | null;
  /** Share of the old ICB's continuing practices (and patients) that went to `to`. */
  sharePractices: number;
  sharePatients: number | null;
  /** The sub-ICB location codes those practices were in before. */
  subIcbs: string[];
  evidence: ChangeEvidence;
}

/**
 * - `unchanged`: the same code, every continuing practice, and no practice from another ICB;
 * - `enlarged`: the same code and every continuing practice, with practices gained from other ICBs;
 * - `reduced`: the same code kept, some practices moved to other ICBs;
 * - `merged`: every continuing practice in one ICB of another code;
 * - `split`: the practices shared between several ICBs, the code no longer in use.
 */
export type IcbFate = "unchanged" | "enlarged" | "reduced" | "merged" | "split";

export interface OldIcb {
  icb: OrgRef;
  fate: IcbFate;
  /** Practices in the earlier map, and those of them still in the later one. */
  practices: number;
  continuing: number;
  /** Practices of the earlier map not in the later one (closed or merged between the two maps). */
  gone: number;
  patients: number | null;
  successors: SuccessionLink[];
}

export interface NewIcb {
  icb: OrgRef;
  /** True when the code is not in the earlier map. */
  isNew: boolean;
  practices: number;
  /** Practices of the later map not in the earlier one (opened between the two maps). */
  opened: number;
  patients: number | null;
  predecessors: SuccessionLink[];
}

/** How the ICBs of one map succeed those of an earlier one. */
export interface IcbSuccession {
  from: Footprint;
  to: Footprint;
  /** The ODS changes that took effect between the two maps (empty when none is loaded). */
  changes: { effectiveFrom: string; sources: DatasetRef[] }[];
  /** The list-size file the patient counts come from. */
  lists: DatasetRef | null;
  old: OldIcb[];
  new: NewIcb[];
  /** Links between different codes that no ODS change row explains, and ODS rows no practice followed. */
  unexplained: string[];
  caveats: string[];
}

/** The practices of one ICB in one footprint: "as it is now" or "as it was". */
export interface AreaFootprint {
  icb: OrgRef;
  footprint: Footprint;
  practiceCodes: string[];
  /** Where the ICB stands in the succession: e.g. "formed on 2026-04-01 from QU9 (151 practices) and …". */
  lineage: string | null;
}

/** One ICB of a footprint, with its sub-ICB locations, practices and registered patients. */
export interface IcbInForce {
  icb: OrgRef;
  subIcbs: number;
  practices: number;
  /** Registered patients of its practices (null without a list-size file). */
  patients: number | null;
}

/** The ICBs in force on a date. */
export interface IcbsOnDate {
  footprint: Footprint;
  /** The list-size file the patient counts come from. */
  lists: DatasetRef | null;
  icbs: IcbInForce[];
  /** With one ICB asked for: where it stands in the succession (null when unchanged). */
  lineage: string | null;
  caveats: string[];
}

/**
 * What an area of a plan (or any request) is in a footprint: one ICB or one place (sub-ICB location) of the
 * map in force on `date` (an old ICB such as QNQ Frimley as it was on 2026-03-31, or a new one), a union of
 * places (which may come from different ICBs), or a set of local authority districts (the practices whose
 * site is in them). `date` null: the newest map ("as it is now").
 */
export interface AreaSpec {
  kind: "icb" | "sub-icb" | "places" | "local-authorities";
  /** ODS codes (ICB, places) or ONS codes (local authority districts, E06/E07/E08/E09…). */
  codes: string[];
  date: string | null;
}

/**
 * A set of practices that stands for an area which is not one ICB or place of the map (a union of places,
 * a set of local authorities): what the use cases take beside `icb` and `subIcb`. `code` is an identifier
 * of the set (e.g. `70F+97R`), never an ODS code; `name` says what it is in words.
 */
export interface PracticeSet {
  code: string;
  name: string;
  practiceCodes: readonly string[];
}

/** A local authority district of a footprint, with the practices whose site is in it. */
export interface FootprintAuthority {
  code: string;
  name: string;
  practices: number;
}

/** An area spec resolved in a footprint: its practices, the places and ICBs they are in, and labels. */
export interface ResolvedArea {
  spec: AreaSpec;
  /** The ICB footprint (map) the area is read in, with its label for every output. */
  footprint: Footprint;
  /** Code and name of the area: the ICB's or place's, else the set's (`70F+97R`, "Union of 2 places: …"). */
  code: string;
  name: string;
  /** The ICB of an ICB or place; null for a union of places or local authorities. */
  icb: OrgRef | null;
  /** The practice set of a union of places or local authorities (null for one ICB or place). */
  practices: PracticeSet | null;
  /** Places and ICBs the area's practices are in. */
  places: OrgRef[];
  icbs: OrgRef[];
  /** The local authorities asked for, with their practices (local-authorities only). */
  authorities: FootprintAuthority[];
  caveats: string[];
}
