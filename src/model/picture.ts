// A picture of general practice at one date: the practices of a practice → PCN map with their list sizes,
// workforce, weighted lists and deprivation, and the datasets each figure came from. Engines work on it;
// src/model/picture-builder.ts builds it from the store's rows (src/app/load-picture.ts).
import type { Practice } from "./organisation.ts";

export interface DatasetRef {
  id: number;
  source: string;
  title: string;
  period: string;
  referenceDate: string;
  synthetic: boolean;
}

export interface PictureSources {
  map: DatasetRef;
  lists: DatasetRef | null;
  workforce: DatasetRef | null;
  payments: DatasetRef | null;
  deprivation: DatasetRef | null;
  register: DatasetRef | null;
  locations: DatasetRef | null;
}

export interface Picture {
  synthetic: boolean;
  /** The date of the map: who belongs to which PCN, sub-ICB and ICB. */
  date: string;
  practices: Practice[];
  sources: PictureSources;
  /**
   * Caveats about the whole picture a planner should read with the figures (e.g. list sizes older than the
   * map). Counts of practices with a gap depend on the area: see `pictureCaveats`.
   */
  caveats: string[];
}

/**
 * The caveats of a picture for an area: the picture's own, then the practices of the area with no list
 * size, no workforce record, or a site placed at a postcode sector's or district's centroid.
 */
export function pictureCaveats(
  picture: Picture,
  practices: readonly Practice[] = picture.practices,
): string[] {
  const out = [...picture.caveats];
  const { lists, workforce } = picture.sources;
  const approximated = practices.filter((p) => p.site.approximate);
  if (approximated.length > 0)
    out.push(
      `${approximated.length} practice${approximated.length === 1 ? "'s postcode is" : "s' postcodes are"} not in ` +
        `the coordinates file; placed at the centroid of the known practice postcodes of the sector or district: ` +
        `${approximated
          .slice(0, 30)
          .map((p) => `${p.code} (${p.site.postcode}: ${p.site.approximate})`)
          .join("; ")}${approximated.length > 30 ? "; …" : ""}.`,
    );
  const noList = practices.filter((p) => p.listSize === null).length;
  if (lists && noList > 0) out.push(`${noList} practices in the map have no list size in ${lists.period}.`);
  const noWorkforce = practices.filter((p) => !p.workforce).length;
  if (workforce && noWorkforce > 0)
    out.push(`${noWorkforce} practices have no workforce record for ${workforce.period}.`);
  return out;
}
