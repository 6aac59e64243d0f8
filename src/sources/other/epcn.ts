// NHS England ODS "ePCN" reference workbook, saved sheet by sheet as CSV:
//   - `PCNDetails`: one row per PCN (open and closed) with its sub-ICB location, open and close dates
//     (YYYYMMDD) and address;
//   - `PCN Core Partner Details`: practice → PCN membership records with start and end dates, history
//     included (current membership = no end date).
// Header line breaks in the workbook are collapsed to single spaces. Older releases named CCGs where the
// current ones name sub-ICB locations; both are accepted. The workbook carries no extract date: each
// sheet is dated by the latest open/close (or start/end) date in it, which for the October 2024 release
// is 1 October 2024.
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { Batch, hasColumns, laterDate, UniqueKey } from "../import-kit.ts";
import { PracticeJoin } from "../joins.ts";
import { monthLabel } from "../registrations/common.ts";
import { col, PRACTICE_CODE, readTable, rules } from "../table.ts";

const PUBLISHER = "NHS England, Organisation Data Service (ePCN)";
const PCN_CODE = rules.pattern(/^U\d{5}$/, "a PCN code such as U00070");

const detailsSpec = {
  pcnCode: col.text("PCN Code").where(PCN_CODE),
  name: col.text("PCN Name"),
  subIcbCode: col
    .text(
      "Current Sub ICB Loc Code",
      "Current Sub ICB Location Code",
      "Current Clinical Commissioning Group Code",
    )
    .orNull(),
  subIcbName: col
    .text("Sub ICB Location", "Current Sub ICB Location Name", "Current Clinical Commissioning Group Name")
    .orNull(),
  openDate: col.date("Open Date"),
  closeDate: col.date("Close Date").orNull(),
  postcode: col.text("Postcode").orNull(),
};

const membershipSpec = {
  practiceCode: col.text("Partner Organisation Code").where(PRACTICE_CODE),
  pcnCode: col.text("PCN Code").where(PCN_CODE),
  practiceSubIcb: col
    .text("Practice Parent Sub ICB Loc Code", "Practice Parent Clinical Commissioning Group Code")
    .orNull(),
  pcnSubIcb: col.text("PCN Parent Sub ICB Loc Code", "PCN Parent Clinical Commissioning Group Code").orNull(),
  startDate: col.date("Practice to PCN Relationship Start Date"),
  endDate: col.date("Practice to PCN Relationship End Date").orNull(),
};

function checkOrder(file: string, line: number, column: string, start: string, end: string | null): void {
  if (end !== null && end < start) {
    throw new SourceError(
      { file, line, column },
      `a date on or after ${start}`,
      end,
      "it ends before it starts",
    );
  }
}

function referenceDate(file: string, latest: string | undefined): string {
  if (!latest) throw new SourceError({ file }, "at least one dated row", "none");
  return latest;
}

export const epcnPcnDetails: SourceFormat = {
  id: "epcn-pcn-details",
  title: "ePCN: Primary Care Network details",
  publisher: PUBLISHER,
  order: 70,
  columns: ["PCN Code", "PCN Name", "Open Date", "Close Date"],
  recognise: ({ header }) =>
    hasColumns(header, "PCN Code", "PCN Name", "Open Date", "Close Date") &&
    !hasColumns(header, "Partner Organisation Code"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, detailsSpec, { onProgress: ctx.progress, warn: ctx.warn });
    const keys = new UniqueKey(ctx.file.label, "PCN Code", "PCN");
    const batch = new Batch(ctx, "pcn", [
      "dataset_id",
      "pcn_code",
      "name",
      "sub_icb_code",
      "sub_icb_name",
      "open_date",
      "close_date",
      "postcode",
    ]);
    let latest: string | undefined;
    let rows = 0;
    let open = 0;
    for await (const r of table.rows) {
      keys.check(r.pcnCode, r._line, `'${r.pcnCode}'`);
      checkOrder(ctx.file.label, r._line, "Close Date", r.openDate, r.closeDate);
      latest = laterDate(latest, laterDate(r.openDate, r.closeDate));
      if (r.closeDate === null) open++;
      await batch.add({
        dataset_id: ctx.datasetId,
        pcn_code: r.pcnCode,
        name: r.name,
        sub_icb_code: r.subIcbCode,
        sub_icb_name: r.subIcbName,
        open_date: r.openDate,
        close_date: r.closeDate,
        postcode: r.postcode,
      });
      rows++;
    }
    await batch.flush();
    const date = referenceDate(ctx.file.label, latest);
    return {
      dataset: {
        title: epcnPcnDetails.title,
        publisher: PUBLISHER,
        referenceDate: date,
        period: monthLabel(date),
        meta: { datedBy: "latest open or close date" },
      },
      rows,
      coverage: [],
      notes: [
        `${rows.toLocaleString("en-GB")} PCNs, ${open.toLocaleString("en-GB")} open; dated by the latest open or close date.`,
      ],
    };
  },
};

export const epcnMembership: SourceFormat = {
  id: "epcn-membership",
  title: "ePCN: practice membership of Primary Care Networks",
  publisher: PUBLISHER,
  order: 71,
  columns: ["Partner Organisation Code", "PCN Code", "Practice to PCN Relationship Start Date"],
  recognise: ({ header }) =>
    hasColumns(header, "Partner Organisation Code", "PCN Code", "Practice to PCN Relationship Start Date"),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, membershipSpec, {
      onProgress: ctx.progress,
      warn: ctx.warn,
      knownTrailing: ["Practice Sub ICB Loc and PCN Sub ICB Loc Match"],
    });
    const join = await PracticeJoin.start(ctx, "Partner Organisation Code", false);
    const keys = new UniqueKey(ctx.file.label, "Practice to PCN Relationship Start Date", "membership");
    // A practice is a core partner of one PCN at a time; more than one open record is reported, not rejected.
    const current = new Map<string, number>();
    const batch = new Batch(ctx, "pcn_membership", [
      "dataset_id",
      "practice_code",
      "pcn_code",
      "practice_sub_icb_code",
      "pcn_sub_icb_code",
      "start_date",
      "end_date",
    ]);
    let latest: string | undefined;
    let rows = 0;
    for await (const r of table.rows) {
      keys.check(
        `${r.practiceCode}|${r.pcnCode}|${r.startDate}`,
        r._line,
        `practice ${r.practiceCode} in ${r.pcnCode} from ${r.startDate}`,
      );
      if (r.endDate === null) current.set(r.practiceCode, (current.get(r.practiceCode) ?? 0) + 1);
      checkOrder(ctx.file.label, r._line, "Practice to PCN Relationship End Date", r.startDate, r.endDate);
      join.check(r.practiceCode, r._line);
      latest = laterDate(latest, laterDate(r.startDate, r.endDate));
      await batch.add({
        dataset_id: ctx.datasetId,
        practice_code: r.practiceCode,
        pcn_code: r.pcnCode,
        practice_sub_icb_code: r.practiceSubIcb,
        pcn_sub_icb_code: r.pcnSubIcb,
        start_date: r.startDate,
        end_date: r.endDate,
      });
      rows++;
    }
    await batch.flush();
    const date = referenceDate(ctx.file.label, latest);
    const multiple = [...current].filter(([, n]) => n > 1).map(([code]) => code);
    return {
      dataset: {
        title: epcnMembership.title,
        publisher: PUBLISHER,
        referenceDate: date,
        period: monthLabel(date),
        meta: { datedBy: "latest start or end date" },
      },
      rows,
      coverage: join.coverage(),
      notes: [
        `${rows.toLocaleString("en-GB")} membership records, ${current.size.toLocaleString("en-GB")} current ` +
          "(no end date); dated by the latest start or end date.",
        ...(multiple.length > 0
          ? [
              `${multiple.length} practices have more than one open membership, e.g. ${multiple.slice(0, 5).join(", ")}.`,
            ]
          : []),
      ],
    };
  },
};
