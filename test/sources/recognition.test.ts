// Recognition of every file in ../shared/data: each data file is taken by the right format (the pipeline
// takes the first format in the registry that recognises a file), files inside published ZIP archives are
// read from the archive, and every other file is skipped with its reason. Nothing is passed over silently.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { planImport } from "../../src/app/import-files.ts";
import { SHARED } from "../helpers.ts";

/** Every file of ../shared/data: the format that reads it, or `skipped: <reason>`. */
const EXPECTED: Record<string, string> = {
  "boundaries/icb_2023-04_en_bsc.geojson": "ons-boundaries",
  "boundaries/icb_2026-04/ons-icb-april-2026-bsc.geojson": "ons-boundaries",
  "boundaries/icb_2026-04/PROVENANCE.md": "skipped: documentation, not data",
  "boundaries/lad/lad24_may2024_uk_buc.geojson": "ons-boundaries",
  "boundaries/lad/PROVENANCE.md": "skipped: documentation, not data",
  "boundaries/lookups/lsoa11_lsoa21_lad22_ew.csv": "ons-lsoa11-lsoa21",
  "boundaries/lookups/lsoa21_sicbl24_icb24_en_apr2024.csv": "ons-lsoa-nhs-area",
  "boundaries/lookups/lsoa21_ward24_lad24_ew.csv": "ons-lsoa-local-authority",
  "boundaries/lookups/PROVENANCE_lsoa11_lsoa21.md": "skipped: documentation, not data",
  "boundaries/lookups/PROVENANCE_lsoa21.md": "skipped: documentation, not data",
  "boundaries/lsoa11_population_weighted_centroids.csv": "lsoa-centroids",
  "boundaries/lsoa21/lsoa21_bsc_v4_ew.geojson.gz": "ons-boundaries",
  "boundaries/lsoa21/lsoa21_bsc_v4_staffs_stoke.geojson": "ons-boundaries",
  "boundaries/lsoa21/lsoa21_population_weighted_centroids_ew_v3.csv": "lsoa-centroids",
  "boundaries/lsoa21/PROVENANCE_boundaries.md": "skipped: documentation, not data",
  "boundaries/lsoa21/PROVENANCE_centroids.md": "skipped: documentation, not data",
  "boundaries/nhs_england_regions_2024-01_en_bsc.geojson": "ons-boundaries",
  "boundaries/PROVENANCE.md": "skipped: documentation, not data",
  "boundaries/sub_icb_2023-04_en_bsc.geojson": "ons-boundaries",
  "boundaries/sussex/lsoa11_sussex_boundaries.geojson": "ons-boundaries",
  "boundaries/sussex/lsoa11_to_pcn_west_sussex_2022-02.csv": "lsoa-pcn-lookup",
  "boundaries/sussex/pcn_west_sussex_2022_boundaries.geojson": "ons-boundaries",
  "deprivation/imd2019_rank_decile_lsoa11.csv": "lsoa-imd",
  "deprivation/iod2025_imd_rank_decile_lsoa21.csv": "lsoa-imd",
  "deprivation/pcn_imd2019_score_swahsn_2023-01.csv": "pcn-imd-swahsn",
  "deprivation/practice_imd_score_fingertips_93553.csv": "practice-imd-fingertips",
  "deprivation/practice_imd2019_score_swahsn_2023-01.csv": "practice-imd-swahsn",
  "deprivation/practice_imd2025/fingertips-imd-2025-gp-practice.csv": "practice-imd-score",
  "deprivation/practice_imd2025/PROVENANCE.md": "skipped: documentation, not data",
  "deprivation/PROVENANCE.md": "skipped: documentation, not data",
  "other/epcn/epcn_2024-10_pcn_core_partner_details.csv": "epcn-membership",
  "other/epcn/epcn_2024-10_pcn_details.csv": "epcn-pcn-details",
  "other/ods_changes/frimley_lsoa11_reallocation_2026-04.csv": "ods-lsoa-reallocation",
  "other/ods_changes/ods_change_summary_icb_mergers_phase1_apr2026.xlsx":
    "skipped: a spreadsheet workbook: icsplan reads the CSV, CSV.gz, GeoJSON and ZIP files the NHS and ONS publish beside their workbooks",
  "other/ods_changes/sicbl_retained_renamed_2026-04.csv": "ods-sicbl-renamed",
  "other/PROVENANCE.md": "skipped: documentation, not data",
  "other/qof_2020-21/MAPPING_INDICATORS_2021_v2.csv": "qof-indicators",
  "other/qof_2020-21/MAPPING_NHS_GEOGRAPHIES_2021.csv": "qof-geographies",
  "other/qof_2020-21/ORGANISATION_REFERENCE_2021.csv": "qof-practice-reference",
  "other/qof_2020-21/PREVALENCE_2021_v2.csv": "qof-prevalence",
  "other/qof_2022-23/MAPPING_NHS_GEOGRAPHIES_2223.csv": "qof-geographies",
  "other/qof_2022-23/PREVALENCE_2223.csv": "qof-prevalence",
  "other/qof_2022-23/PROVENANCE.md": "skipped: documentation, not data",
  "other/qof_2024-25/PREVALENCE_2425.csv": "qof-prevalence",
  "other/qof_2024-25/PROVENANCE.md": "skipped: documentation, not data",
  "payments/history/nhs-payments-gp_2014-15.csv": "nhs-payments",
  "payments/history/nhs-payments-gp_2015-16.csv": "nhs-payments",
  "payments/history/nhs-payments-gp_2016-17.csv": "nhs-payments",
  "payments/history/nhs-payments-gp_2017-18.csv": "nhs-payments",
  "payments/history/nhs-payments-gp_2018-19.csv": "nhs-payments",
  "payments/history/nhs-payments-gp_2019-20.csv": "nhs-payments",
  "payments/history/nhs-payments-gp_2020-21.csv": "nhs-payments",
  "payments/nhs-payments-gp_2021-22.csv": "nhs-payments",
  "payments/PROVENANCE.md": "skipped: documentation, not data",
  "practices/epraccur_2026-02.csv": "epraccur",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv": "postcode-coordinates",
  "practices/PROVENANCE.md": "skipped: documentation, not data",
  "README.md": "skipped: documentation, not data",
  "registrations/2026-07/gp-reg-pat-prac-all_2026-07_from-quin-age.csv": "gp-reg-pat-prac-quin-age",
  "registrations/2026-07/gp-reg-pat-prac-map_2026-07.csv": "gp-reg-pat-prac-map",
  "registrations/2026-07/gp-reg-pat-prac-quin-age_2026-07.zip › gp-reg-pat-prac-quin-age.csv":
    "gp-reg-pat-prac-quin-age",
  "registrations/2026-07/PROVENANCE.md": "skipped: documentation, not data",
  "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv": "gp-reg-pat-prac-map",
  "registrations/2026-08/gp-reg-pat-prac-sing-age-regions_2026-08.csv.gz": "gp-reg-pat-prac-sing-age-regions",
  "registrations/gp-reg-pat-prac-all_2025-04.csv": "gp-reg-pat-prac-all",
  "registrations/gp-reg-pat-prac-map_2026-01.csv": "gp-reg-pat-prac-map",
  "registrations/history/gp-reg-pat-prac-all_2021-01.csv": "gp-reg-pat-prac-all",
  "registrations/history/gp-reg-pat-prac-all_2022-05.csv": "gp-reg-pat-prac-all",
  "registrations/history/gp-reg-pat-prac-map_2020-09.csv": "gp-reg-pat-prac-map",
  "registrations/history/gp-reg-pat-prac-map_2022-01.csv": "gp-reg-pat-prac-map",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv":
    "gp-reg-pat-prac-lsoa-all",
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-map_2025-10.csv": "gp-reg-pat-prac-map",
  "registrations/PROVENANCE.md": "skipped: documentation, not data",
  "workforce/heec_practice_workforce_fy2016-2024_gp_admin.csv": "heec-practice-workforce",
  "workforce/heec_practice_workforce_fy2023-2025_partners.csv": "heec-practice-workforce",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2020-03.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2020-06.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2020-09.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2020-12.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2021-03.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2021-06.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2021-09.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2021-12.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2022-03.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2022-06.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2022-09.csv": "pcn-workforce-individual",
  "workforce/pcn_individual_level_2026-06/PCNWFIndividualCSV.062026.zip › 0.Primary Care Network Individual-Level CSV overall definitions.xlsx":
    "skipped: a spreadsheet workbook: icsplan reads the CSV, CSV.gz, GeoJSON and ZIP files the NHS and ONS publish beside their workbooks (inside the archive)",
  "workforce/pcn_individual_level_2026-06/PCNWFIndividualCSV.062026.zip › 1.Primary Care Networks - June 2026 Individual Level.csv":
    "pcn-workforce-individual",
  "workforce/pcn_individual_level_2026-06/PCNWFIndividualCSV.062026.zip › 0.Guide to using Pivot Tables with the Individual-level CSV.pdf":
    "skipped: a PDF document (documentation, not data) (inside the archive)",
  "workforce/pcn_individual_level_2026-06/PROVENANCE.md": "skipped: documentation, not data",
  "workforce/PROVENANCE.md": "skipped: documentation, not data",
};

describe("recognition of every file in ../shared/data", () => {
  test("each file is read as the right format or skipped with its reason; none is passed over", async () => {
    const plan = await planImport([SHARED]);
    const found: Record<string, string> = {};
    for (const p of plan)
      found[p.file.label] =
        p.status === "queued" ? p.format.id : p.status === "skipped" ? `skipped: ${p.reason}` : "rejected";
    assert.deepEqual(found, EXPECTED);
    // Only documentation is skipped: Markdown, workbooks and PDFs; 69 data files are read.
    for (const p of plan.filter((x) => x.status === "skipped"))
      assert.match(p.file.label, /\.(md|xlsx|pdf)$/, p.file.label);
    assert.equal(plan.filter((p) => p.status === "queued").length, 69);
  });
});
