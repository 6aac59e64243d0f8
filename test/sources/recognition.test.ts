// Recognition of the shared files by the practice register, registrations and geography formats: each
// is taken by the right format (the pipeline takes the first format in the registry that recognises a
// file), and these formats take no other shared file.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findFiles, recogniseFile } from "../../src/app/import-files.ts";
import { describeFile } from "../../src/sources/file.ts";
import { SHARED } from "../helpers.ts";

const EXPECTED: Record<string, string> = {
  "practices/epraccur_2026-02.csv": "epraccur",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv": "postcode-coordinates",
  "registrations/gp-reg-pat-prac-all_2025-04.csv": "gp-reg-pat-prac-all",
  "registrations/history/gp-reg-pat-prac-all_2021-01.csv": "gp-reg-pat-prac-all",
  "registrations/history/gp-reg-pat-prac-all_2022-05.csv": "gp-reg-pat-prac-all",
  "registrations/2026-08/gp-reg-pat-prac-sing-age-regions_2026-08.csv.gz": "gp-reg-pat-prac-sing-age-regions",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv":
    "gp-reg-pat-prac-lsoa-all",
  "boundaries/icb_2023-04_en_bsc.geojson": "ons-boundaries",
  "boundaries/sub_icb_2023-04_en_bsc.geojson": "ons-boundaries",
  "boundaries/nhs_england_regions_2024-01_en_bsc.geojson": "ons-boundaries",
  "boundaries/sussex/lsoa11_sussex_boundaries.geojson": "ons-boundaries",
  "boundaries/sussex/pcn_west_sussex_2022_boundaries.geojson": "ons-boundaries",
  "boundaries/lsoa11_population_weighted_centroids.csv": "lsoa-centroids",
  "boundaries/sussex/lsoa11_to_pcn_west_sussex_2022-02.csv": "lsoa-pcn-lookup",
  "other/ods_changes/sicbl_retained_renamed_2026-04.csv": "ods-sicbl-renamed",
  "other/ods_changes/frimley_lsoa11_reallocation_2026-04.csv": "ods-lsoa-reallocation",
};
const MINE = new Set(Object.values(EXPECTED));

describe("recognition of the register, registrations and geography files", () => {
  test("each shared file is recognised as the right format, and no other file as one of these", async () => {
    const found: Record<string, string> = {};
    for (const { path, label } of findFiles([SHARED])) {
      const format = await recogniseFile(await describeFile(path, label));
      if (label in EXPECTED || (format && MINE.has(format.id))) found[label] = format?.id ?? "(none)";
    }
    assert.deepEqual(found, EXPECTED);
  });
});
