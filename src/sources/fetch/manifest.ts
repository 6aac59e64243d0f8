// The official sources `icsplan fetch` downloads, one entry per dataset. Publication pages change every
// month (the file links carry hashed folders), so an entry does not name a file URL: it names the
// publication's landing page and how to find the file from there: optionally the newest dated
// sub-page (the month's or year's publication), then a link matched by pattern on its href or text,
// then (for a ZIP) the entry to take out. Entries whose official file cannot be imported as published
// (Excel workbooks) are listed as manual, with what to do instead.
//
// Bump MANIFEST_VERSION whenever an entry's meaning changes; it is written into fetch-manifest.json.

export const MANIFEST_VERSION = 1;

/** Matches a link on a page. Every given pattern must match (href is the absolute URL). */
export interface LinkPattern {
  href?: RegExp;
  text?: RegExp;
}

export interface PageStep {
  /** What the page is, for messages: "the monthly publication page". */
  describe: string;
  link: LinkPattern;
  /** `newest`: of the matching links, follow the one with the latest date in its href or text. */
  pick: "newest" | "first";
}

export interface FetchSource {
  /** Stable id, used by `--only`. */
  id: string;
  title: string;
  publisher: string;
  licence: string;
  /** The publication's landing page (the URL a person would open). */
  publication: string;
  /** Expected importer format id (src/sources/registry.ts) of the downloaded (and unzipped) file. */
  format: string;
  /** Pages to follow from the landing page before looking for the file. */
  pages?: PageStep[];
  /** How to find the file on the last page, or a direct URL (an API or a fixed download address). */
  file: { describe: string; link: LinkPattern } | { describe: string; url: string };
  /** When the download is a ZIP archive: the entry to take out (matched on its name). */
  unzip?: { entry: RegExp };
  /** File name written in the output folder. */
  saveAs: string;
  /** When newer pages lack the file (a quarterly file in a monthly series), try this many older ones. */
  fallbackPages?: number;
  /** Set when the official file cannot be imported as published: what the user must do instead. */
  manual?: string;
  notes?: string;
}

const NHS_REGISTRATIONS =
  "https://digital.nhs.uk/data-and-information/publications/statistical/patients-registered-at-a-gp-practice";
const NHS_PAYMENTS =
  "https://digital.nhs.uk/data-and-information/publications/statistical/nhs-payments-to-general-practice";
const NHS_WORKFORCE =
  "https://digital.nhs.uk/data-and-information/publications/statistical/general-and-personal-medical-services";
const NHS_PCN_WORKFORCE =
  "https://digital.nhs.uk/data-and-information/publications/statistical/primary-care-network-workforce";
const ODS_GP_DATA =
  "https://digital.nhs.uk/services/organisation-data-service/data-search-and-export/csv-downloads/gp-and-gp-practice-related-data";
const ODS_EXPORT = "https://www.odsdatasearchandexport.nhs.uk/api/getReport?report=";
const IOD_2025 = "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025";
const ONS_ARCGIS = "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services";
const ONS_GEOPORTAL = "https://geoportal.statistics.gov.uk/";
const arcgisGeojson = (service: string) =>
  `${ONS_ARCGIS}/${service}/FeatureServer/0/query?where=1%3D1&outFields=*&outSR=4326&f=geojson`;

const NHS_ENGLAND = "NHS England";
const OGL = "Open Government Licence v3.0";

/** The month's page of "Patients Registered at a GP Practice", e.g. …/january-2026. */
const registrationsMonth: PageStep = {
  describe: "the monthly publication page (e.g. …/patients-registered-at-a-gp-practice/january-2026)",
  link: { href: /\/patients-registered-at-a-gp-practice\/[a-z]+-\d{4}\/?$/i },
  pick: "newest",
};

const registrationsFile = (stem: string, describe: string): Pick<FetchSource, "file" | "unzip"> => ({
  file: { describe, link: { href: new RegExp(`/${stem}\\.(zip|csv)$`, "i") } },
  unzip: { entry: new RegExp(`(^|/)${stem}[^/]*\\.csv$`, "i") },
});

export const FETCH_SOURCES: readonly FetchSource[] = [
  {
    id: "gp-reg-pat-prac-map",
    title: "Patients Registered at a GP Practice: practice to PCN, sub-ICB, ICB and region map",
    publisher: NHS_ENGLAND,
    licence: OGL,
    publication: NHS_REGISTRATIONS,
    format: "gp-reg-pat-prac-map",
    pages: [registrationsMonth],
    ...registrationsFile("gp-reg-pat-prac-map", "the mapping file gp-reg-pat-prac-map.zip (or .csv)"),
    saveAs: "gp-reg-pat-prac-map.csv",
  },
  {
    id: "gp-reg-pat-prac-all",
    title: "Patients Registered at a GP Practice: totals by practice",
    publisher: NHS_ENGLAND,
    licence: OGL,
    publication: NHS_REGISTRATIONS,
    format: "gp-reg-pat-prac-all",
    pages: [registrationsMonth],
    ...registrationsFile("gp-reg-pat-prac-all", "the practice totals file gp-reg-pat-prac-all.zip (or .csv)"),
    saveAs: "gp-reg-pat-prac-all.csv",
  },
  {
    id: "gp-reg-pat-prac-sing-age-regions",
    title: "Patients Registered at a GP Practice: single year of age for PCNs, sub-ICBs, ICBs and regions",
    publisher: NHS_ENGLAND,
    licence: OGL,
    publication: NHS_REGISTRATIONS,
    format: "gp-reg-pat-prac-sing-age-regions",
    pages: [registrationsMonth],
    ...registrationsFile(
      "gp-reg-pat-prac-sing-age-regions",
      "the single-year-of-age file gp-reg-pat-prac-sing-age-regions.zip (or .csv)",
    ),
    saveAs: "gp-reg-pat-prac-sing-age-regions.csv",
  },
  {
    id: "gp-reg-pat-prac-lsoa-all",
    title: "Patients Registered at a GP Practice: patients per practice per LSOA (all persons)",
    publisher: NHS_ENGLAND,
    licence: OGL,
    publication: NHS_REGISTRATIONS,
    format: "gp-reg-pat-prac-lsoa-all",
    pages: [registrationsMonth],
    file: {
      describe: "the LSOA file gp-reg-pat-prac-lsoa-all.zip (or .csv; published quarterly)",
      link: { href: /\/gp-reg-pat-prac-lsoa-all[^/]*\.(zip|csv)$/i },
    },
    unzip: { entry: /(^|\/)gp-reg-pat-prac-lsoa-all[^/]*\.csv$/i },
    saveAs: "gp-reg-pat-prac-lsoa-all.csv",
    fallbackPages: 3,
    notes: "Published in January, April, July and October only; about 70-90 MB uncompressed.",
  },
  {
    id: "epraccur",
    title: "ODS GP practices and prescribing cost centres (epraccur)",
    publisher: "NHS England, Organisation Data Service",
    licence: OGL,
    publication: ODS_GP_DATA,
    format: "epraccur",
    file: {
      describe: "the epraccur extract from the ODS Data Search and Export API",
      url: `${ODS_EXPORT}epraccur`,
    },
    saveAs: "epraccur.csv",
    notes: "Headerless 27-column CSV, refreshed by ODS nightly.",
  },
  {
    id: "epcn",
    title: "ODS Primary Care Networks (ePCN): PCN details and practice memberships",
    publisher: "NHS England, Organisation Data Service",
    licence: OGL,
    publication: ODS_GP_DATA,
    format: "epcn-pcn-details",
    file: { describe: "ePCN.zip (an Excel workbook)", link: { href: /\/epcn\.(zip|xlsx)$/i } },
    saveAs: "epcn.xlsx",
    manual:
      "the official ePCN file is an Excel workbook (ePCN.xlsx). Download it from the ODS page, save the " +
      "sheets 'PCNDetails' and 'PCN Core Partner Details' as CSV into the output folder, then import.",
  },
  {
    id: "nhs-payments",
    title: "NHS Payments to General Practice: practice-level payments",
    publisher: NHS_ENGLAND,
    licence: OGL,
    publication: NHS_PAYMENTS,
    format: "nhs-payments",
    pages: [
      {
        describe: "the yearly publication page (e.g. …/nhs-payments-to-general-practice/england-2024-25)",
        link: { href: /\/nhs-payments-to-general-practice\/england-\d{4}-\d{2}\/?$/i },
        pick: "newest",
      },
    ],
    file: {
      describe: "the practice-level CSV nhspaymentsgp-YY-YY-prac-csv.csv",
      link: { href: /\/nhspaymentsgp-\d{2}-\d{2}-prac[^/]*\.(csv|zip)$/i },
    },
    unzip: { entry: /prac[^/]*\.csv$/i },
    saveAs: "nhs-payments.csv",
  },
  {
    id: "gp-workforce-practice",
    title: "General Practice Workforce: practice-level CSV (detailed)",
    publisher: NHS_ENGLAND,
    licence: OGL,
    publication: NHS_WORKFORCE,
    format: "gp-workforce-practice",
    pages: [
      {
        describe:
          "the monthly publication page (e.g. …/general-and-personal-medical-services/31-january-2026)",
        link: { href: /\/general-and-personal-medical-services\/\d{1,2}-[a-z]+-\d{4}\/?$/i },
        pick: "newest",
      },
    ],
    file: {
      describe: "the practice-level CSV archive GPWPracticeCSV.MMYYYY.zip",
      link: { href: /\/GPWPracticeCSV[^/]*\.zip$/i },
    },
    unzip: { entry: /practice[^/]*detailed[^/]*\.csv$/i },
    saveAs: "gp-workforce-practice-detailed.csv",
    notes: "The archive holds several CSVs; the detailed practice-level one is kept.",
  },
  {
    id: "pcn-workforce-individual",
    title: "Primary Care Network Workforce: individual-level CSV",
    publisher: NHS_ENGLAND,
    licence: OGL,
    publication: NHS_PCN_WORKFORCE,
    format: "pcn-workforce-individual",
    pages: [
      {
        describe: "the quarterly publication page (e.g. …/primary-care-network-workforce/30-september-2022)",
        link: { href: /\/primary-care-network-workforce\/\d{1,2}-[a-z]+-\d{4}\/?$/i },
        pick: "newest",
      },
    ],
    file: {
      describe: "the individual-level CSV (Primary Care Networks – <Month YYYY> Individual Level)",
      link: { href: /individual[^/]*level[^/]*\.(csv|zip)$/i },
    },
    unzip: { entry: /individual[^/]*\.csv$/i },
    saveAs: "pcn-workforce-individual.csv",
    notes:
      "Windows-1252 CSV. Later PCN staff figures are published within General Practice Workforce; " +
      "if this series stops, point `publication` at that series.",
  },
  {
    id: "iod2025-file1",
    title: "English Indices of Deprivation 2025, File 1: Index of Multiple Deprivation (LSOA 2021)",
    publisher: "Ministry of Housing, Communities and Local Government",
    licence: OGL,
    publication: IOD_2025,
    format: "lsoa-imd",
    file: {
      describe: "File_1_IoD2025_Index_of_Multiple_Deprivation.xlsx",
      link: { href: /File_1_IoD2025[^/]*\.xlsx$/i },
    },
    saveAs: "iod2025_file1.xlsx",
    manual:
      "File 1 is published only as an Excel workbook. Download File_1_IoD2025_Index_of_Multiple_Deprivation.xlsx " +
      "from the gov.uk page, save its sheet 'IMD25' as CSV (UTF-8) into the output folder, then import.",
  },
  {
    id: "icb-boundaries",
    title: "ONS Integrated Care Boards (April 2026) boundaries, EN BSC",
    publisher: "Office for National Statistics",
    licence: OGL,
    publication: ONS_GEOPORTAL,
    format: "ons-boundaries",
    file: {
      describe: "GeoJSON from the ONS ArcGIS feature service",
      url: arcgisGeojson("Integrated_Care_Boards_April_2026_Boundaries_EN_BSC"),
    },
    saveAs: "icb_boundaries_en_bsc.geojson",
    notes: "The 36 ICBs in force from 2026-04-01; super-generalised (200 m), WGS84.",
  },
  {
    id: "sub-icb-boundaries",
    title: "ONS Sub Integrated Care Board Locations (April 2026) boundaries, EN BSC",
    publisher: "Office for National Statistics",
    licence: OGL,
    publication: ONS_GEOPORTAL,
    format: "ons-boundaries",
    file: {
      describe: "GeoJSON from the ONS ArcGIS feature service",
      url: arcgisGeojson("Sub_Integrated_Care_Board_Locations_April_2026_Boundaries_EN_BSC"),
    },
    saveAs: "sub_icb_boundaries_en_bsc.geojson",
  },
  {
    id: "nhs-region-boundaries",
    title: "ONS NHS England Regions (January 2024) boundaries, EN BSC",
    publisher: "Office for National Statistics",
    licence: OGL,
    publication: ONS_GEOPORTAL,
    format: "ons-boundaries",
    file: {
      describe: "GeoJSON from the ONS ArcGIS feature service",
      url: arcgisGeojson("NHS_England_Regions_January_2024_EN_BSC"),
    },
    saveAs: "nhs_england_regions_en_bsc.geojson",
  },
];

export function fetchSourceById(id: string): FetchSource | undefined {
  return FETCH_SOURCES.find((s) => s.id === id);
}
