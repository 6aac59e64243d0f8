// Which datasets make a picture: the rule, written once and pure (tested without a database). The store
// lists the dated maps and list files it holds; this chooses among them.
//
//   - `date` given: the picture as it stood on that date — the map in force then (the newest on or before
//     it) and the newest list sizes on or before it (so 1 May 2022 is the January 2022 map with the May 2022
//     lists, not the January 2021 ones).
//   - no date: the newest map whose newest earlier list sizes are at most MAX_LIST_LAG_MONTHS older, so PCN
//     sizes are meaningful (the August 2026 map with the July 2026 lists; with only April 2025 lists loaded,
//     the January 2026 map rather than August 2026); with no lists at all, the newest map.
//   - `lists` given: list sizes from the newest list file on or before that date, whatever the map.
//   - of two list files for the same month, a full file before a totals-only extract of it, then the newer
//     import; with nothing on or before a date, the oldest after it.
import type { DatasetRef } from "./picture.ts";

/** Lists may lag the map by this much before a newer map is passed over by default. */
export const MAX_LIST_LAG_MONTHS = 12;

/** A dated dataset, with the scope that tells a totals-only extract (`totals`) from a full file. */
export interface DatedDataset extends DatasetRef {
  scope?: string;
}

export interface PictureRequest {
  date?: string | undefined;
  lists?: string | undefined;
}

export interface PictureChoice {
  map: DatasetRef | null;
  lists: DatasetRef | null;
  /** The newest map, when the default passed it over for want of list sizes near it. */
  newerMapPassedOver: DatasetRef | null;
}

/** Whole months from a to b (ISO dates): 2025-04-01 → 2026-01-01 is 9. */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split("-").map(Number) as [number, number];
  const [yb, mb] = b.split("-").map(Number) as [number, number];
  return (yb - ya) * 12 + (mb - ma);
}

/** Newest first; a full file before a totals extract of the same date; then the newer import. */
const newestFirst = (a: DatedDataset, b: DatedDataset) =>
  b.referenceDate.localeCompare(a.referenceDate) ||
  Number(a.scope === "totals") - Number(b.scope === "totals") ||
  b.id - a.id;

/** The newest dataset on or before the date (else the oldest after it); the newest of all without one. */
export function newestOnOrBefore<T extends DatedDataset>(datasets: readonly T[], date?: string): T | null {
  const sorted = [...datasets].sort(newestFirst);
  if (date === undefined) return sorted[0] ?? null;
  const before = sorted.find((d) => d.referenceDate <= date);
  if (before) return before;
  const after = sorted.filter((d) => d.referenceDate > date);
  return after.reduce<T | null>(
    (best, d) => (best === null || d.referenceDate < best.referenceDate ? d : best),
    null,
  );
}

/** The map the default picture uses: the newest with list sizes at most MAX_LIST_LAG_MONTHS older. */
export function defaultMap<T extends DatedDataset>(
  maps: readonly T[],
  lists: readonly DatedDataset[],
): T | null {
  for (const map of [...maps].sort(newestFirst)) {
    const l = newestOnOrBefore(lists, map.referenceDate);
    if (
      l &&
      l.referenceDate <= map.referenceDate &&
      monthsBetween(l.referenceDate, map.referenceDate) <= MAX_LIST_LAG_MONTHS
    )
      return map;
  }
  return newestOnOrBefore(maps);
}

/** The map and lists of a picture request, by the rule above. */
export function choosePicture(
  maps: readonly DatedDataset[],
  lists: readonly DatedDataset[],
  request: PictureRequest,
): PictureChoice {
  const map = request.date !== undefined ? newestOnOrBefore(maps, request.date) : defaultMap(maps, lists);
  const chosenLists = map
    ? newestOnOrBefore(lists, request.lists ?? request.date ?? map.referenceDate)
    : null;
  const newest = newestOnOrBefore(maps);
  const passedOver =
    request.date === undefined && map && newest && newest.referenceDate > map.referenceDate ? newest : null;
  return {
    map: map ? strip(map) : null,
    lists: chosenLists ? strip(chosenLists) : null,
    newerMapPassedOver: passedOver ? strip(passedOver) : null,
  };
}

const strip = (d: DatedDataset): DatasetRef => ({
  id: d.id,
  source: d.source,
  title: d.title,
  period: d.period,
  referenceDate: d.referenceDate,
  synthetic: d.synthetic,
});
