// The boundaries formats, listed for the registry.
import type { SourceFormat } from "../format.ts";
import { boundaryGeojson } from "./geojson.ts";
import { lsoaCentroids } from "./lsoa-centroids.ts";
import { lsoaLocalAuthorityLookup, lsoaNhsAreaLookup, lsoaVintageLookup } from "./lsoa-lookups.ts";
import { lsoaPcnLookup } from "./lsoa-pcn-lookup.ts";

export const BOUNDARY_FORMATS: readonly SourceFormat[] = [
  boundaryGeojson,
  lsoaCentroids,
  lsoaPcnLookup,
  lsoaNhsAreaLookup,
  lsoaLocalAuthorityLookup,
  lsoaVintageLookup,
];
