// The ICBs of one footprint, counted: sub-ICB locations, practices and registered patients of each, from
// the map's rows and a list-size file. Pure.
import type { IcbInForce, MembershipRow } from "../../model/footprint.ts";
import type { OrgRef } from "../../model/organisation.ts";

/** Each ICB of the rows by code, with its counts; patients null when no list sizes are given. */
export function icbsInForce(
  rows: readonly MembershipRow[],
  lists: ReadonlyMap<string, number> | null,
): IcbInForce[] {
  const tally = new Map<string, { icb: OrgRef; subIcbs: Set<string>; practices: number; patients: number }>();
  for (const r of rows) {
    let t = tally.get(r.icb.code);
    if (!t) tally.set(r.icb.code, (t = { icb: r.icb, subIcbs: new Set(), practices: 0, patients: 0 }));
    t.subIcbs.add(r.subIcb.code);
    t.practices++;
    t.patients += lists?.get(r.practiceCode) ?? 0;
  }
  return [...tally.values()]
    .sort((a, b) => a.icb.code.localeCompare(b.icb.code))
    .map((t) => ({
      icb: t.icb,
      subIcbs: t.subIcbs.size,
      practices: t.practices,
      patients: lists ? t.patients : null,
    }));
}
