// Practice-level GP workforce by fiscal year, as derived by the Health Equity Evidence Centre (HEEC) from
// NHS Digital's "General Practice Workforce" practice CSVs: each value is the mean of the snapshots in the
// fiscal year, rounded to 0.1. Two variants of HEEC's `workforce_year.csv` exist:
//   - "gp-admin" (FY2016–FY2024): GPs excluding trainees and locums (HC, FTE) and admin FTE with its
//     manager / receptionist / telephonist breakdown;
//   - "partners" (FY2023–FY2025): every staff group (HC and FTE) including senior partners and
//     partner/providers (kept apart here: partners = senior + partner/provider), nurse and management
//     partners, locums + GPs in training (`TOTAL_LOCUUM_TRN_*`, HEEC's spelling), nurses, DPC, admin.
// `Year` is the calendar year in which the fiscal year ends (2024 = April 2023 – March 2024). Missing values
// are written `NA` by R; `EST`, `NS`, `ND` and `.` (NHS Digital's tokens) are read as missing too.
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { Batch, hasColumns, squash, UniqueKey } from "../import-kit.ts";
import { PracticeJoin } from "../joins.ts";
import { bindHeader, col, PRACTICE_CODE, readTable, rules } from "../table.ts";

const PUBLISHER = "NHS England (NHS Digital), General Practice Workforce; fiscal-year means derived by HEEC";
const MISSING = ["NA", "EST", "NS", "ND", "."];

const count = (...names: string[]) =>
  col
    .number(...names)
    .orNull(...MISSING)
    .where(rules.atLeast(0));
const partnersOnly = (...names: string[]) => count(...names).optionalColumn();
const gpAdminOnly = partnersOnly;

const spec = {
  practiceCode: col.text("Practice.Code", "PRACTICE_CODE").where(PRACTICE_CODE),
  year: col.int("Year").where(rules.between(2000, 2100)),
  patients: count("TOTAL_PATIENTS"),
  gpHc: count("TOTAL_GP_EXTGL_HC"),
  gpFte: count("TOTAL_GP_EXTGL_FTE"),
  adminFte: count("TOTAL_ADMIN_FTE"),
  imd: col
    .number("IMD")
    .orNull(...MISSING)
    .where(rules.between(0, 100)),
  imdQuintile: col
    .int("IMD_quintile")
    .orNull(...MISSING)
    .where(rules.between(1, 5)),
  // Only in the "partners" variant.
  icbName: col
    .text("ICB_NAME")
    .orNull(...MISSING)
    .optionalColumn(),
  locumTraineeHc: partnersOnly("TOTAL_LOCUUM_TRN_HC"),
  locumTraineeFte: partnersOnly("TOTAL_LOCUUM_TRN_FTE"),
  seniorPartnerHc: partnersOnly("TOTAL_GP_SEN_PTNR_HC"),
  seniorPartnerFte: partnersOnly("TOTAL_GP_SEN_PTNR_FTE"),
  partnerProviderHc: partnersOnly("TOTAL_GP_PTNR_PROV_HC"),
  partnerProviderFte: partnersOnly("TOTAL_GP_PTNR_PROV_FTE"),
  nursePartnerHc: partnersOnly("TOTAL_N_NURSE_PTNR_HC"),
  nursePartnerFte: partnersOnly("TOTAL_N_NURSE_PTNR_FTE"),
  managerPartnerHc: partnersOnly("TOTAL_ADMIN_MANAGE_PTNR_HC"),
  managerPartnerFte: partnersOnly("TOTAL_ADMIN_MANAGE_PTNR_FTE"),
  nursesHc: partnersOnly("TOTAL_NURSES_HC"),
  nursesFte: partnersOnly("TOTAL_NURSES_FTE"),
  dpcHc: partnersOnly("TOTAL_DPC_HC"),
  dpcFte: partnersOnly("TOTAL_DPC_FTE"),
  adminHc: partnersOnly("TOTAL_ADMIN_HC"),
  // Only in the "gp-admin" variant.
  adminManagerFte: gpAdminOnly("TOTAL_ADMIN_MANAGER_FTE"),
  adminReceptionFte: gpAdminOnly("TOTAL_ADMIN_RECEPT_FTE"),
  adminTelephonistFte: gpAdminOnly("TOTAL_ADMIN_TELEPH_FTE"),
};

/** The columns each variant must have on top of the common ones (checked after the variant is known). */
const VARIANT_COLUMNS = {
  partners: [
    "ICB_NAME",
    "TOTAL_LOCUUM_TRN_HC",
    "TOTAL_LOCUUM_TRN_FTE",
    "TOTAL_GP_SEN_PTNR_HC",
    "TOTAL_GP_SEN_PTNR_FTE",
    "TOTAL_GP_PTNR_PROV_HC",
    "TOTAL_GP_PTNR_PROV_FTE",
    "TOTAL_N_NURSE_PTNR_HC",
    "TOTAL_N_NURSE_PTNR_FTE",
    "TOTAL_ADMIN_MANAGE_PTNR_HC",
    "TOTAL_ADMIN_MANAGE_PTNR_FTE",
    "TOTAL_NURSES_HC",
    "TOTAL_NURSES_FTE",
    "TOTAL_DPC_HC",
    "TOTAL_DPC_FTE",
    "TOTAL_ADMIN_HC",
  ],
  "gp-admin": ["TOTAL_ADMIN_MANAGER_FTE", "TOTAL_ADMIN_RECEPT_FTE", "TOTAL_ADMIN_TELEPH_FTE"],
} as const;

type Variant = keyof typeof VARIANT_COLUMNS;

/** Any partner, nurse, DPC or locum column marks the "partners" variant. */
function variantOf(header: readonly string[]): Variant {
  const partnerMarks = VARIANT_COLUMNS.partners.filter((c) => c !== "ICB_NAME").map(squash);
  return header.some((h) => partnerMarks.includes(squash(h))) ? "partners" : "gp-admin";
}

const COLUMNS = [
  "dataset_id",
  "practice_code",
  "fiscal_year",
  "icb_name",
  "patients",
  "gp_hc",
  "gp_fte",
  "locum_trainee_hc",
  "locum_trainee_fte",
  "senior_partner_hc",
  "senior_partner_fte",
  "partner_provider_hc",
  "partner_provider_fte",
  "nurse_partner_hc",
  "nurse_partner_fte",
  "manager_partner_hc",
  "manager_partner_fte",
  "nurses_hc",
  "nurses_fte",
  "dpc_hc",
  "dpc_fte",
  "admin_hc",
  "admin_fte",
  "admin_manager_fte",
  "admin_reception_fte",
  "admin_telephonist_fte",
  "imd_score",
  "imd_quintile",
] as const;

export const heecPracticeWorkforce: SourceFormat = {
  id: "heec-practice-workforce",
  title: "General Practice Workforce: practice staff by fiscal year (HEEC fiscal-year means)",
  publisher: PUBLISHER,
  order: 40,
  columns: ["Practice.Code", "Year", "TOTAL_GP_EXTGL_FTE"],
  recognise: ({ header }) => hasColumns(header, "Practice.Code", "Year", "TOTAL_GP_EXTGL_FTE"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const variant = variantOf(table.header);
    bindHeader(
      ctx.file,
      Object.fromEntries(VARIANT_COLUMNS[variant].map((name) => [name, col.text(name)])),
      table.header,
    );
    const join = await PracticeJoin.start(ctx, "Practice.Code", false);
    const keys = new UniqueKey(ctx.file.label, "Year", "practice and fiscal year");
    const batch = new Batch(ctx, "practice_workforce", COLUMNS);
    const practicesByYear = new Map<number, number>();
    let rows = 0;
    for await (const r of table.rows) {
      keys.check(`${r.practiceCode}|${r.year}`, r._line, `practice ${r.practiceCode} in ${r.year}`);
      join.check(r.practiceCode, r._line);
      practicesByYear.set(r.year, (practicesByYear.get(r.year) ?? 0) + 1);
      await batch.add({
        dataset_id: ctx.datasetId,
        practice_code: r.practiceCode,
        fiscal_year: r.year,
        icb_name: r.icbName,
        patients: r.patients,
        gp_hc: r.gpHc,
        gp_fte: r.gpFte,
        locum_trainee_hc: r.locumTraineeHc,
        locum_trainee_fte: r.locumTraineeFte,
        senior_partner_hc: r.seniorPartnerHc,
        senior_partner_fte: r.seniorPartnerFte,
        partner_provider_hc: r.partnerProviderHc,
        partner_provider_fte: r.partnerProviderFte,
        nurse_partner_hc: r.nursePartnerHc,
        nurse_partner_fte: r.nursePartnerFte,
        manager_partner_hc: r.managerPartnerHc,
        manager_partner_fte: r.managerPartnerFte,
        nurses_hc: r.nursesHc,
        nurses_fte: r.nursesFte,
        dpc_hc: r.dpcHc,
        dpc_fte: r.dpcFte,
        admin_hc: r.adminHc,
        admin_fte: r.adminFte,
        admin_manager_fte: r.adminManagerFte,
        admin_reception_fte: r.adminReceptionFte,
        admin_telephonist_fte: r.adminTelephonistFte,
        imd_score: r.imd,
        imd_quintile: r.imdQuintile,
      });
      rows++;
    }
    await batch.flush();
    const years = [...practicesByYear.keys()].sort((a, b) => a - b);
    const first = years[0]!;
    const last = years[years.length - 1]!;
    for (let y = first; y <= last; y++) {
      if (!practicesByYear.has(y)) {
        throw new SourceError(
          { file: ctx.file.label, column: "Year" },
          `every fiscal year from FY${first} to FY${last}`,
          `no rows for FY${y}`,
          "the file may be incomplete",
        );
      }
    }
    return {
      dataset: {
        title: heecPracticeWorkforce.title,
        publisher: PUBLISHER,
        // The latest fiscal year in the file ends on 31 March of its `Year`.
        referenceDate: `${last}-03-31`,
        period: first === last ? `FY${last}` : `FY${first}–FY${last}`,
        scope: variant,
        meta: { variant, fiscalYears: years, derivedBy: "Health Equity Evidence Centre (HEEC)" },
      },
      rows,
      coverage: join.coverage(),
      notes: [
        `${variant === "partners" ? "Partners variant" : "GP and admin variant"}: practices per fiscal year ` +
          years.map((y) => `FY${y} ${practicesByYear.get(y)!.toLocaleString("en-GB")}`).join(", ") +
          ".",
        "Values are HEEC's means of the snapshots within each fiscal year, not published snapshot figures.",
        ...(variant === "partners"
          ? ["TOTAL_PTNR_PER_GP_* (partners per GP) are not stored: they are ratios of stored columns."]
          : []),
      ],
    };
  },
};
