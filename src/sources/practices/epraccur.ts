// epraccur: the NHS England ODS register of GP practices and other prescribing cost centres. Headerless,
// 27 quoted columns. Every row is loaded (closed practices and non-GP cost centres too, for closure
// history); `is_gp_practice` marks rows whose prescribing setting carries the GP practice role RO76.
// The file has no extract date: the reference date is the latest open, close, join or leave date in it.
import { readCsv } from "../csv.ts";
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { monthLabel } from "../registrations/common.ts";
import { col, readTable, rules } from "../table.ts";

const PUBLISHER = "NHS England, Organisation Data Service (ODS)";
const WIDTH = 27;
const ORG_CODE = /^[A-Z0-9]{3,10}$/;

/** Status words of the ODS Data Search and Export file, and the letters of the older epraccur. */
const STATUS: Record<string, string> = {
  ACTIVE: "ACTIVE",
  INACTIVE: "INACTIVE",
  DORMANT: "DORMANT",
  PROPOSED: "PROPOSED",
  A: "ACTIVE",
  C: "INACTIVE",
  D: "DORMANT",
  P: "PROPOSED",
};

const unused = (name: string) => col.text(name).orNull();

// Positional: the order of the keys is the order of the columns.
const spec = {
  code: col.text("organisation_code").where(rules.pattern(ORG_CODE, "an ODS organisation code")),
  name: col.text("name"),
  region: col.text("national_grouping").orNull(),
  icb: col.text("high_level_health_geography").orNull(),
  address1: col.text("address_line_1").orNull(),
  address2: col.text("address_line_2").orNull(),
  address3: col.text("address_line_3").orNull(),
  address4: col.text("address_line_4").orNull(),
  address5: col.text("address_line_5").orNull(),
  postcode: col.text("postcode").orNull(),
  openDate: col.date("open_date").orNull(),
  closeDate: col.date("close_date").orNull(),
  status: col
    .text("status_code")
    .where((v) =>
      STATUS[v] ? undefined : "a status of ACTIVE, INACTIVE, DORMANT or PROPOSED (or A, C, D, P)",
    ),
  subType: unused("organisation_sub_type_code"),
  commissioner: col.text("commissioner").orNull(),
  joinDate: col.date("join_provider_purchaser_date").orNull(),
  leftDate: col.date("left_provider_purchaser_date").orNull(),
  phone: unused("contact_telephone_number"),
  null19: unused("null_19"),
  null20: unused("null_20"),
  null21: unused("null_21"),
  amended: unused("amended_record_indicator"),
  null23: unused("null_23"),
  providerPurchaser: unused("provider_purchaser"),
  null25: unused("null_25"),
  setting: col
    .text("prescribing_setting")
    .orNull()
    .where(rules.pattern(/^(RO\d+(\|RO\d+)*|\d{1,2})$/, "ODS role codes such as RO76 or RO76|RO268")),
  null27: unused("null_27"),
};

const COLUMNS = [
  "dataset_id",
  "practice_code",
  "name",
  "postcode",
  "address",
  "region_code",
  "icb_code",
  "sub_icb_code",
  "open_date",
  "close_date",
  "status",
  "roles",
  "is_gp_practice",
] as const;

/** RO76 is the ODS role "GP practice"; the older epraccur used prescribing setting 4. */
const isGpPractice = (roles: string) => roles.split("|").includes("RO76") || roles === "4";

async function firstRecordWidth(ctx: ImportContext): Promise<number | undefined> {
  for await (const record of readCsv(ctx.file, { limitBytes: 64 * 1024 })) return record.fields.length;
  return undefined;
}

export const epraccur: SourceFormat = {
  id: "epraccur",
  title: "ODS GP practices and prescribing cost centres (epraccur)",
  publisher: PUBLISHER,
  order: 0,
  recognise: ({ header }) =>
    header.length === WIDTH && ORG_CODE.test(header[0] ?? "") && /^\d{8}$/.test(header[10] ?? ""),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const width = await firstRecordWidth(ctx);
    if (width !== undefined && width !== WIDTH) {
      throw new SourceError(
        { file: ctx.file.label, line: 1 },
        `${WIDTH} fields (the headerless epraccur layout)`,
        `${width}`,
        "this is not an epraccur file, or its layout has changed",
      );
    }
    const table = await readTable(ctx.file, spec, {
      headerless: true,
      onProgress: ctx.progress,
      warn: ctx.warn,
    });
    const seen = new Set<string>();
    const batch: Record<string, unknown>[] = [];
    let rows = 0;
    let gp = 0;
    let gpActive = 0;
    let latest = "";
    const statuses = new Map<string, number>();
    for await (const r of table.rows) {
      if (seen.has(r.code)) {
        throw new SourceError(
          { file: ctx.file.label, line: r._line, column: "organisation_code" },
          "each organisation once",
          `'${r.code}' a second time`,
          "duplicate organisation code",
        );
      }
      seen.add(r.code);
      for (const d of [r.openDate, r.closeDate, r.joinDate, r.leftDate])
        if (d !== null && d > latest) latest = d;
      const status = STATUS[r.status]!;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const roles = r.setting ?? "";
      const isGp = isGpPractice(roles);
      if (isGp) {
        gp++;
        if (status === "ACTIVE") gpActive++;
      }
      const address = [r.address1, r.address2, r.address3, r.address4, r.address5].filter(Boolean).join(", ");
      batch.push({
        dataset_id: ctx.datasetId,
        practice_code: r.code,
        name: r.name,
        postcode: r.postcode,
        address: address || null,
        region_code: r.region,
        icb_code: r.icb,
        sub_icb_code: r.commissioner,
        open_date: r.openDate,
        close_date: r.closeDate,
        status,
        roles,
        is_gp_practice: isGp,
      });
      rows++;
      if (batch.length >= 5000) await ctx.write("practice", COLUMNS, batch.splice(0));
    }
    await ctx.write("practice", COLUMNS, batch);
    if (latest === "") {
      throw new SourceError(
        { file: ctx.file.label, column: "open_date" },
        "at least one open, close or join date (the reference date is the latest of them)",
        "no dates at all",
      );
    }
    const byStatus = [...statuses]
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${n.toLocaleString("en-GB")} ${s}`)
      .join(", ");
    return {
      dataset: {
        title: epraccur.title,
        publisher: PUBLISHER,
        referenceDate: latest,
        period: monthLabel(latest),
        meta: { gpPractices: gp, activeGpPractices: gpActive, referenceDateFrom: "latest date in file" },
      },
      rows,
      coverage: [],
      notes: [
        `${rows.toLocaleString("en-GB")} organisations (${byStatus}); ${gp.toLocaleString("en-GB")} are GP practices (role RO76), ${gpActive.toLocaleString("en-GB")} of them active.`,
        `epraccur has no extract date: the reference date ${latest} is the latest open, close, join or leave date in the file.`,
      ],
    };
  },
};
