// Benchmark: the ICS primary care plan on the national store (issue 12 targets): build a new plan for
// Staffordshire and Stoke-on-Trent (QNC) from the template — under 5 s — then export it to DOCX (under 5 s)
// and PDF (under 10 s). The store holds the files the funding benchmark imports plus the practice
// coordinates, the GP/admin workforce history and Staffordshire's LSOA registrations (for the networks'
// catchments). Each timing is the use case with the store open, after the import (the first plan build
// also warms the picture, as a first command of a session would).
import { newPlan } from "../src/app/plan.ts";
import { exportPlan } from "../src/app/plan-export.ts";
import { importedStore, report, timed } from "./common.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke",
  "deprivation/practice_imd2019_score_swahsn_2023-01.csv",
  "workforce/heec_practice_workforce_fy2016-2024_gp_admin.csv",
  "workforce/heec_practice_workforce_fy2023-2025_partners.csv",
  "workforce/pcn_individual_level/pcn-workforce-individual-level_2022-09.csv",
  "payments",
];

const { store, close } = await importedStore("icsplan-bench-plan-", FILES);
try {
  const first = await timed(() => newPlan(store, { synthetic: false, icb: "QNC", name: "QNC bench 1" }));
  const second = await timed(() => newPlan(store, { synthetic: false, icb: "QNC", name: "QNC bench 2" }));
  const docx = await timed(() => exportPlan(store, "QNC bench 2", "docx"));
  const pdf = await timed(() => exportPlan(store, "QNC bench 2", "pdf"));
  const html = await timed(() => exportPlan(store, "QNC bench 2", "html"));
  report("plan-qnc", {
    new_first_s: first.seconds,
    new_warm_s: second.seconds,
    docx_s: docx.seconds,
    pdf_s: pdf.seconds,
    html_s: html.seconds,
    docx_kb: docx.value.bytes.length / 1024,
    pdf_kb: pdf.value.bytes.length / 1024,
    gaps: docx.value.document.gaps.length,
  });
} finally {
  await close();
}
