// Which map's membership is in force on a date. The newest map on or before the date, unless an ODS change
// took effect after that map and on or before the date: then the first map published on or after the
// change, since the change (not the next map) is when practices moved. Pure.
import type {
  Footprint,
  MembershipRow,
  OrganisationChange,
  OrganisationChangeFile,
} from "../../model/footprint.ts";
import type { DatasetRef } from "../../model/picture.ts";
import { FootprintRequestError } from "./errors.ts";

/** The change files grouped by effective date, oldest first. */
export function groupChanges(files: readonly OrganisationChangeFile[]): OrganisationChange[] {
  const byDate = new Map<string, OrganisationChange>();
  for (const f of files) {
    let c = byDate.get(f.effectiveFrom);
    if (!c)
      byDate.set(
        f.effectiveFrom,
        (c = { effectiveFrom: f.effectiveFrom, sources: [], renamed: [], reallocated: [] }),
      );
    c.sources.push(f.dataset);
    c.renamed.push(...f.renamed);
    c.reallocated.push(...f.reallocated);
  }
  return [...byDate.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

const byDate = (a: DatasetRef, b: DatasetRef) =>
  a.referenceDate.localeCompare(b.referenceDate) || a.id - b.id;

/** The map chosen for a date, before its rows are read. */
export interface MapInForce {
  askedFor: string;
  map: DatasetRef;
  basis: Footprint["basis"];
  /** The newest change in force on the date that the chosen map already shows, if any. */
  change: OrganisationChange | null;
  caveats: string[];
}

/** The map whose membership is in force on `date` (FootprintRequestError when no map is that old). */
export function mapInForce(
  maps: readonly DatasetRef[],
  changes: readonly OrganisationChange[],
  date: string,
  field = "date",
): MapInForce {
  const sorted = [...maps].sort(byDate);
  if (sorted.length === 0)
    throw new FootprintRequestError(
      "No practice → PCN → sub-ICB → ICB map is loaded: run `icsplan import <folder>` with the " +
        "registrations/gp-reg-pat-prac-map_*.csv files.",
      field,
    );
  const before = sorted.filter((m) => m.referenceDate <= date).at(-1);
  if (!before) {
    const first = sorted[0]!;
    throw new FootprintRequestError(
      `--${field} ${date}: no map is in force that early; the earliest loaded is the ${first.period} map (${first.referenceDate})`,
      field,
    );
  }
  const caveats: string[] = [];
  let map = before;
  let basis: Footprint["basis"] = "map";
  const since = changes
    .filter((c) => c.effectiveFrom > before.referenceDate && c.effectiveFrom <= date)
    .at(-1);
  if (since) {
    const after = sorted.find((m) => m.referenceDate >= since.effectiveFrom);
    if (after) {
      map = after;
      basis = "change";
    } else {
      caveats.push(
        `The ODS change of ${since.effectiveFrom} is loaded but no map published since it is: ` +
          `membership is the ${before.period} map's, as before the change.`,
      );
    }
  }
  const change =
    changes.filter((c) => c.effectiveFrom <= date && c.effectiveFrom <= map.referenceDate).at(-1) ?? null;
  return { askedFor: date, map, basis, change, caveats };
}

/** The footprint of a chosen map, described from its rows. */
export function footprintOf(choice: MapInForce, rows: readonly MembershipRow[]): Footprint {
  const icbs = new Set(rows.map((r) => r.icb.code)).size;
  const m = choice.map;
  const from = choice.change ? choice.change.effectiveFrom : m.referenceDate;
  const label = choice.change
    ? `ICB footprint from ${from} (${icbs} ${icbs === 1 ? "ICB" : "ICBs"}; membership as published in the ${m.period} map)`
    : `ICB footprint of the ${m.period} map (${icbs} ${icbs === 1 ? "ICB" : "ICBs"})`;
  return {
    askedFor: choice.askedFor,
    from,
    map: m,
    basis: choice.basis,
    icbs,
    label,
    caveats: choice.caveats,
  };
}
