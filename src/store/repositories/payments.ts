// NHS Payments and the other inputs of the funding engines: payments years (registered and weighted lists,
// totals, rurality and dispensing flags), QOF registers and list-type denominators, practice age bands, the
// PCN workforce census (ARRS roles) and the practice register's ICBs. Large reads come back as one delimited
// text field built by Postgres (string_agg): PGlite decodes result rows field by field, and even json_agg is
// ~4× slower than text for the 59,000 payment rows of FY2014-15 … FY2021-22.
import { sql, type Kysely } from "kysely";
import type { PaymentRecord } from "../../model/funding.ts";
import type { DatasetRef } from "../../model/picture.ts";
import type { Database } from "../schema.ts";
import { DATASET_REF_COLUMNS, findDataset, toRef } from "./datasets.ts";

type Db = Kysely<Database>;

const UNIT = "\u001f";
const RECORD = "\u001e";

/** Rows of one delimited text field: records split by RS, fields by US. */
async function delimited(
  db: Db,
  query: ReturnType<typeof sql<{ rows: string | null }>>,
): Promise<string[][]> {
  const result = await query.execute(db);
  const text = result.rows[0]?.rows;
  if (!text) return [];
  return text.split(RECORD).map((r) => r.split(UNIT));
}

/**
 * Reads the fields of one delimited text field in order without splitting it into arrays (the national
 * payments and QOF reads are 60,000–140,000 records: splitting them made most of the garbage).
 */
class RecordReader {
  private pos = 0;
  constructor(private readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  private end(): number {
    const t = this.text;
    let i = this.pos;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 31 || c === 30) break;
      i++;
    }
    return i;
  }
  field(): string {
    const e = this.end();
    const v = this.text.slice(this.pos, e);
    this.pos = e + 1;
    return v;
  }
  fieldOrNull(): string | null {
    const v = this.field();
    return v === "" ? null : v;
  }
  number(): number | null {
    const e = this.end();
    const v = e === this.pos ? null : Number(this.text.slice(this.pos, e));
    this.pos = e + 1;
    return v;
  }
}

async function reader(db: Db, query: ReturnType<typeof sql<{ rows: string | null }>>): Promise<RecordReader> {
  const result = await query.execute(db);
  return new RecordReader(result.rows[0]?.rows ?? "");
}

const str = (s: string | undefined) => (s === undefined || s === "" ? null : s);

export interface PaymentYearRef extends DatasetRef {
  fiscalYear: string;
}

/** Every payments year loaded (newest dataset per fiscal year), oldest first. */
export async function listPaymentYears(db: Db, synthetic: boolean): Promise<PaymentYearRef[]> {
  const rows = await db
    .selectFrom("dataset")
    .select(DATASET_REF_COLUMNS)
    .where("source", "=", "nhs-payments")
    .where("synthetic", "=", synthetic)
    .orderBy("reference_date")
    .orderBy("id")
    .execute();
  const byYear = new Map<string, PaymentYearRef>();
  for (const r of rows) {
    const start = Number(r.reference_date.slice(0, 4));
    const fiscalYear = `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
    byYear.set(fiscalYear, { ...toRef(r), fiscalYear });
  }
  return [...byYear.values()];
}

export interface PaymentRow extends PaymentRecord {
  rurality: string | null;
  dispensing: string | null;
  /** GMS, PMS or APMS (upper case). */
  contractType: string | null;
}

/** The payment rows of the given payments datasets, by fiscal year. */
export async function loadPayments(
  db: Db,
  years: readonly PaymentYearRef[],
): Promise<Map<string, PaymentRow[]>> {
  const out = new Map<string, PaymentRow[]>();
  if (years.length === 0) return out;
  const ids = years.map((y) => y.id);
  const r = await reader(
    db,
    sql<{ rows: string | null }>`select string_agg(dataset_id || chr(31) || practice_code
      || chr(31) || coalesce(registered_patients::text, '') || chr(31) || coalesce(weighted_patients::text, '')
      || chr(31) || coalesce(total_payments::text, '') || chr(31) || coalesce(global_sum::text, '')
      || chr(31) || coalesce(rurality, '') || chr(31) || coalesce(dispensing, '')
      || chr(31) || coalesce(contract_type, ''), chr(30)) as rows
      from payment where dataset_id in (${sql.join(ids)})`,
  );
  const rowsOf = new Map(years.map((y) => [y.id, [] as PaymentRow[]]));
  for (const y of years) out.set(y.fiscalYear, rowsOf.get(y.id)!);
  while (!r.done)
    rowsOf.get(r.number()!)!.push({
      practiceCode: r.field(),
      registered: r.number(),
      weighted: r.number(),
      total: r.number(),
      globalSum: r.number(),
      rurality: r.fieldOrNull(),
      dispensing: r.fieldOrNull(),
      contractType: r.fieldOrNull(),
    });
  return out;
}

/** QOF registers of every practice: one row of [register, denominator] pairs per practice, in `groups` order. */
export interface QofTable {
  /** Register codes (AF, AST, DM…) and the list type of their denominator (TOTAL, 06OV…). */
  groups: { code: string; listType: string }[];
  /** Practice → [register₀, denominator₀, register₁, denominator₁, …] (NaN where a practice lacks a group). */
  values: Map<string, Float64Array>;
}

/**
 * QOF registers of the newest QOF prevalence dataset, or of the newest on or before `onOrBefore` (else the
 * oldest) when given (138,000 rows nationally, read as one text field).
 */
export async function loadQof(
  db: Db,
  synthetic: boolean,
  onOrBefore?: string,
): Promise<{ ref: DatasetRef | null; table: QofTable }> {
  const table: QofTable = { groups: [], values: new Map() };
  const ref = await findDataset(db, "qof-prevalence", synthetic, onOrBefore);
  if (!ref) return { ref, table };
  // One read; the groups (register codes, each with the list type of its denominator) come from the rows.
  const r = await reader(
    db,
    sql<{
      rows: string | null;
    }>`select string_agg(practice_code || chr(31) || group_code || chr(31) || list_type || chr(31) || register
      || chr(31) || list_size, chr(30)) as rows from qof_prevalence where dataset_id = ${ref.id}`,
  );
  const records: { practice: string; group: string; register: number; listSize: number }[] = [];
  const listTypes = new Map<string, string>();
  while (!r.done) {
    const practice = r.field();
    const group = r.field();
    const listType = r.field();
    const seen = listTypes.get(group);
    if (seen === undefined || listType < seen) listTypes.set(group, listType);
    records.push({ practice, group, register: r.number() ?? Number.NaN, listSize: r.number() ?? Number.NaN });
  }
  const index = new Map<string, number>();
  for (const code of [...listTypes.keys()].sort()) {
    index.set(code, table.groups.length);
    table.groups.push({ code, listType: listTypes.get(code)! });
  }
  const width = 2 * table.groups.length;
  for (const rec of records) {
    let v = table.values.get(rec.practice);
    if (!v) table.values.set(rec.practice, (v = new Float64Array(width).fill(Number.NaN)));
    const g = index.get(rec.group)!;
    v[2 * g] = rec.register;
    v[2 * g + 1] = rec.listSize;
  }
  return { ref, table };
}

/** The 18 quinary bands of the list files, in order. */
export const QUINARY_BANDS = [
  "0_4", "5_9", "10_14", "15_19", "20_24", "25_29", "30_34", "35_39", "40_44",
  "45_49", "50_54", "55_59", "60_64", "65_69", "70_74", "75_79", "80_84", "85+",
] as const; // prettier-ignore

/**
 * Practice age bands by sex from a list dataset that has them (the demo; the July 2026 practice 5-year file;
 * the real totals files do not).
 */
export async function loadAgeBands(
  db: Db,
  lists: DatasetRef | null,
): Promise<Map<string, { male: number[]; female: number[] }>> {
  const out = new Map<string, { male: number[]; female: number[] }>();
  if (!lists) return out;
  const rows = await delimited(
    db,
    sql<{
      rows: string | null;
    }>`select string_agg(practice_code || chr(31) || sex || chr(31) || age || chr(31) || patients, chr(30)) as rows
      from practice_list where dataset_id = ${lists.id} and age <> 'ALL' and sex in ('MALE', 'FEMALE')`,
  );
  // The July 2026 practice file goes on to 85_89, 90_94 and 95+: all of them are the 85+ band.
  const index = new Map<string, number>([
    ...QUINARY_BANDS.map((b, i) => [b, i] as const),
    ["85_89", 17],
    ["90_94", 17],
    ["95+", 17],
  ]);
  for (const f of rows) {
    const i = index.get(f[2]!);
    if (i === undefined) continue;
    let bands = out.get(f[0]!);
    if (!bands) out.set(f[0]!, (bands = { male: new Array(18).fill(0), female: new Array(18).fill(0) }));
    (f[1] === "MALE" ? bands.male : bands.female)[i]! += Number(f[3]);
  }
  return out;
}

export interface PcnStaffRow {
  pcnCode: string;
  staffRole: string;
  detailedRole: string | null;
  fte: number;
}

/** FTE by PCN and role in the newest PCN workforce census (on or before a date, if given). */
export async function loadPcnStaff(
  db: Db,
  synthetic: boolean,
  onOrBefore?: string,
): Promise<{ ref: DatasetRef | null; rows: PcnStaffRow[] }> {
  const ref = await findDataset(db, "pcn-workforce-individual", synthetic, onOrBefore);
  if (!ref) return { ref, rows: [] };
  const rows = await delimited(
    db,
    sql<{
      rows: string | null;
    }>`select string_agg(pcn_code || chr(31) || staff_role || chr(31) || coalesce(detailed_role, '') || chr(31) || fte, chr(30)) as rows
      from (select pcn_code, staff_role, detailed_role, sum(fte) as fte from pcn_workforce
            where dataset_id = ${ref.id} group by 1, 2, 3) t`,
  );
  return {
    ref,
    rows: rows.map((f) => ({ pcnCode: f[0]!, staffRole: f[1]!, detailedRole: str(f[2]), fte: Number(f[3]) })),
  };
}

/** ICB and sub-ICB of every practice in the newest practice register (closed practices included). */
export async function loadRegisterAreas(
  db: Db,
  synthetic: boolean,
): Promise<Map<string, { icb: string | null; subIcb: string | null }>> {
  const out = new Map<string, { icb: string | null; subIcb: string | null }>();
  const ref = await findDataset(db, "epraccur", synthetic);
  if (!ref) return out;
  const rows = await delimited(
    db,
    sql<{
      rows: string | null;
    }>`select string_agg(practice_code || chr(31) || coalesce(icb_code, '') || chr(31) || coalesce(sub_icb_code, ''), chr(30)) as rows
      from practice where dataset_id = ${ref.id}`,
  );
  for (const f of rows) out.set(f[0]!, { icb: str(f[1]), subIcb: str(f[2]) });
  return out;
}

/** Published name of the PCN care home premium in the NHS Payments files (FY2021-22 on). */
export const CARE_HOME_PREMIUM_LINE = "PCN Care Home Premium";

export interface CareHomePremiumRow {
  practiceCode: string;
  /** The CCG (sub-ICB) the payments file puts the practice in. */
  commissionerCode: string | null;
  /** The PCN the payments file puts the practice in. */
  pcnCode: string | null;
  registered: number | null;
  /** £ of PCN care home premium paid through the practice (the PCN's nominated payee) that year. */
  premium: number;
}

/**
 * Every practice row of the newest given payments year whose file has the PCN care home premium line, with
 * the premium (0 where blank). Lines are stored as a JSON array in the order of the dataset's
 * `meta.lineColumns`. Null when no given year has the line.
 */
export async function loadCareHomePremium(
  db: Db,
  years: readonly PaymentYearRef[],
): Promise<{ year: PaymentYearRef; rows: CareHomePremiumRow[] } | null> {
  if (years.length === 0) return null;
  const metas = await db
    .selectFrom("dataset")
    .select(["id", "meta"])
    .where(
      "id",
      "in",
      years.map((y) => y.id),
    )
    .execute();
  const position = new Map(
    metas.map((m) => {
      const columns = (m.meta as { lineColumns?: unknown }).lineColumns;
      return [m.id, Array.isArray(columns) ? columns.indexOf(CARE_HOME_PREMIUM_LINE) : -1];
    }),
  );
  const year = [...years].reverse().find((y) => (position.get(y.id) ?? -1) >= 0);
  if (!year) return null;
  const rows = await delimited(
    db,
    sql<{ rows: string | null }>`select string_agg(practice_code || chr(31) || coalesce(commissioner_code, '')
      || chr(31) || coalesce(pcn_code, '')
      || chr(31) || coalesce(registered_patients::text, '')
      || chr(31) || coalesce(lines ->> ${sql.lit(position.get(year.id)!)}, ''), chr(30)) as rows
      from payment where dataset_id = ${year.id}`,
  );
  return {
    year,
    rows: rows.map((f) => ({
      practiceCode: f[0]!,
      commissionerCode: str(f[1]),
      pcnCode: str(f[2]),
      registered: f[3] ? Number(f[3]) : null,
      premium: f[4] ? Number(f[4]) : 0,
    })),
  };
}
