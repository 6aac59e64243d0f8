// The LSOAs an ODS change moved between sub-ICB locations, applied to an area's LSOA geography. The ONS
// LSOA → sub-ICB location lookup is published for a year (April 2024 here) and does not follow the April
// 2026 changes: the ODS change summary moved 440 Frimley LSOAs (2011 codes) to Hampshire and Isle of Wight
// (D9Y0V), Surrey and Sussex (92A) and Thames Valley (a sub-ICB location ODS had not yet published, 'tbc').
// For a map on or after a change's effective date, each moved LSOA is held by its new sub-ICB location when
// that is one of the area's; a 'tbc' one goes to the area's one sub-ICB location the lookup lacks when its
// ICB is the receiving ICB (by code, or by name where the code is 'tbc' too: the new location the change
// created), else it is counted as unplaced; an LSOA
// moved out of one of the area's locations to a location outside the area is left out. LSOA 2011 codes are
// read as 2021 codes through the ONS 2011 → 2021 lookup (a code the lookup lacks is taken as it is).
import type { LsoaMove, OrganisationChange } from "../../model/footprint.ts";
import { icbNameKey } from "./names.ts";

export interface LsoaMovesInput {
  changes: readonly OrganisationChange[];
  /** The map's date: the changes in force on it apply. */
  date: string;
  /** LSOA 2011 → its LSOA 2021 codes. */
  lsoa21Of: ReadonlyMap<string, readonly string[]>;
  /** The area's ICB (for a place, the place's ICB), the area's level and its sub-ICB locations in the map. */
  icbCode: string;
  icbName: string;
  level: "icb" | "sub-icb";
  subIcbCodes: readonly string[];
  /** The area's sub-ICB locations the LSOA lookup has no LSOA for. */
  withoutLookup: readonly string[];
}

export interface LsoaMoves {
  /** LSOA 2021 code → the area's sub-ICB location that holds it now. */
  moved: Map<string, string>;
  /** LSOA 2021 codes moved out of the area. */
  without: Set<string>;
  /** LSOAs moved to the area's ICB whose location could not be told (2021 codes). */
  unplaced: number;
  /** The changes that applied, oldest first. */
  applied: OrganisationChange[];
}

export function lsoaMoves(input: LsoaMovesInput): LsoaMoves {
  const inArea = new Set(input.subIcbCodes);
  const newLocation = input.withoutLookup.length === 1 ? input.withoutLookup[0]! : null;
  const out: LsoaMoves = { moved: new Map(), without: new Set(), unplaced: 0, applied: [] };
  for (const change of input.changes) {
    if (change.effectiveFrom > input.date || change.reallocated.length === 0) continue;
    out.applied.push(change);
    for (const m of change.reallocated) {
      const codes = input.lsoa21Of.get(m.lsoaCode) ?? [m.lsoaCode];
      const to = target(m, inArea, input, newLocation);
      for (const code of codes) {
        if (to === "unplaced") out.unplaced++;
        else if (to !== null) {
          out.moved.set(code, to);
          out.without.delete(code);
        } else if (
          to === null &&
          m.fromSubIcbCode !== null &&
          inArea.has(m.fromSubIcbCode) &&
          !out.moved.has(code)
        )
          out.without.add(code);
      }
    }
  }
  return out;
}

/** The area's location that holds a moved LSOA, "unplaced", or null when it is not the area's. */
function target(
  m: LsoaMove,
  inArea: ReadonlySet<string>,
  area: Pick<LsoaMovesInput, "icbCode" | "icbName" | "level">,
  newLocation: string | null,
): string | null {
  if (m.toSubIcbCode !== null) return inArea.has(m.toSubIcbCode) ? m.toSubIcbCode : null;
  // A receiving ICB published by code, or only by name (its code 'tbc' as well).
  const toArea =
    m.toIcbCode !== null
      ? m.toIcbCode === area.icbCode
      : m.toIcbName !== null && icbNameKey(m.toIcbName) === icbNameKey(area.icbName);
  if (!toArea) return null;
  return newLocation ?? (area.level === "icb" ? "unplaced" : null);
}
