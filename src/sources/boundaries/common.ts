// Shared pieces of the geography formats.
import { basename } from "node:path";

export const ONS = "Office for National Statistics, Open Geography Portal";

/** Words in geography file names that say what a file is rather than where it covers. */
const GENERIC = new Set([
  "lsoa",
  "lsoa11",
  "lsoa21",
  "lsoas",
  "pcn",
  "pcns",
  "icb",
  "icbs",
  "sub",
  "sicbl",
  "region",
  "regions",
  "nhs",
  "england",
  "en",
  "ew",
  "uk",
  "gb",
  "bsc",
  "bfc",
  "bfe",
  "bgc",
  "boundaries",
  "boundary",
  "polygons",
  "generalised",
  "super",
  "full",
  "clipped",
  "to",
  "lookup",
  "map",
  "centroids",
  "population",
  "weighted",
  "geojson",
  "csv",
  "json",
]);

/**
 * The area a subset file covers, from its name: `lsoa11_sussex_boundaries.geojson` → `sussex`,
 * `pcn_west_sussex_2022_boundaries.geojson` → `west-sussex`. Undefined when the name says nothing more.
 */
export function footprintFromFileName(label: string): string | undefined {
  const tokens = basename(label)
    .toLowerCase()
    .replace(/\.(geo)?json$|\.csv$/, "")
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== "" && !GENERIC.has(t) && !/^\d+$/.test(t) && !/^(fy)?\d{4}/.test(t));
  return tokens.length > 0 ? tokens.join("-") : undefined;
}

/** A four-digit year standing alone in a file name (`…_2022_…`). */
export function yearFromFileName(label: string): string | undefined {
  const m = /(?:^|[^0-9])((?:19|20)\d{2})(?![0-9])/.exec(basename(label));
  return m?.[1];
}
