// Where a closed practice's patients live: by LSOA where LSOA registrations cover the practice (its list
// apportioned over its LSOAs in proportion to the patients registered from each, whole patients by largest
// remainder), else all at the practice site. An LSOA without coordinates stands at the practice site.
import type { Practice } from "../../model/organisation.ts";
import type { CatchmentInput } from "../networks/instance-builder.ts";
import { largestRemainder } from "./apportion.ts";

export interface OriginGroup {
  /** Index of the closed practice (into the closure's `closed`). */
  closed: number;
  /** LSOA code, or null for the practice site. */
  lsoa: string | null;
  patients: number;
  lat: number;
  lon: number;
}

export interface ClosedOrigins {
  groups: OriginGroup[];
  /** Per closed practice: "lsoa" or "site", and how many LSOAs. */
  basis: { kind: "lsoa" | "site"; lsoas: number }[];
}

/** Origin groups of the closed practices (patients whole, summing exactly to each practice's list). */
export function closedOrigins(closed: readonly Practice[], catchments: CatchmentInput | null): ClosedOrigins {
  const row = new Map<string, number>();
  catchments?.practiceCodes.forEach((c, i) => row.set(c, i));
  const groups: OriginGroup[] = [];
  const basis: ClosedOrigins["basis"] = [];
  closed.forEach((p, i) => {
    const list = p.listSize ?? 0;
    const siteLat = p.site.lat ?? Number.NaN;
    const siteLon = p.site.lon ?? Number.NaN;
    const r = row.get(p.code);
    const c = catchments?.catchments;
    const entries: number[] = [];
    if (c && r !== undefined)
      for (let e = c.offsets[r]!; e < c.offsets[r + 1]!; e++) if (c.patients[e]! > 0) entries.push(e);
    if (!c || entries.length === 0 || list === 0) {
      basis.push({ kind: "site", lsoas: 0 });
      if (list > 0) groups.push({ closed: i, lsoa: null, patients: list, lat: siteLat, lon: siteLon });
      return;
    }
    const shares = largestRemainder(
      list,
      entries.map((e) => c.patients[e]!),
    );
    basis.push({ kind: "lsoa", lsoas: entries.length });
    entries.forEach((e, k) => {
      if (shares[k]! === 0) return;
      const l = c.lsoa[e]!;
      const known = Number.isFinite(c.lsoaLat[l]!) && Number.isFinite(c.lsoaLon[l]!);
      groups.push({
        closed: i,
        lsoa: c.lsoaCodes[l]!,
        patients: shares[k]!,
        lat: known ? c.lsoaLat[l]! : siteLat,
        lon: known ? c.lsoaLon[l]! : siteLon,
      });
    });
  });
  return { groups, basis };
}
