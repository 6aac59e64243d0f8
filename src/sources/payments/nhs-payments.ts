// NHS Digital "NHS Payments to General Practice, England": one row per practice per financial year, with
// its registered and Carr-Hill weighted list, Global Sum, QOF, enhanced services, premises, PCN and COVID
// payments and the totals. The column set drifts every year (53–74 columns): items come and go
// (`Alcohol`, `PCN Participation`, `Long Covid`…), names change spelling (`PracticeRurality` →
// `Practice Rurality`, R-style `Doctors.Retainer.Scheme.Payments`, trailing spaces), `PCN Code` appears
// from 2019-20. Some files start with a BOM; 2014-15 writes postcodes without a space and `-` for a
// missing date; averages are `N/A` where a practice has no patients.
//
// The core fields go to typed columns; every other numeric column goes into `lines` (a JSON object keyed
// by the published name, trimmed, with R's dots turned back into spaces). Columns are told apart by name:
// codes, names, addresses, dates, types and characteristics are text, everything else must be a number.
// The financial year is not in the file body, so it is taken from the file name (`…2021-22…`).
import { basename } from "node:path";
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import {
  Batch,
  fiscalYearFromPath,
  fiscalYearLabel,
  hasColumns,
  peekHeader,
  squash,
  UniqueKey,
} from "../import-kit.ts";
import { PracticeJoin } from "../joins.ts";
import { col, PRACTICE_CODE, readTable, rules, type ColumnSpec } from "../table.ts";

const PUBLISHER = "NHS England (NHS Digital), NHS Payments to General Practice";
const NUMBER_MISSING = ["N/A", "n/a", "NA", "-", ".."];
const TEXT_MISSING = ["-", "UNKNOWN", "Unknown", "unknown", "MISSING", "Missing", "N/A"];

interface Role {
  /** Squashed names this field has carried (see `squash`); a prefix ends with `*`. */
  names: string[];
  /** Shown when a required field is missing. */
  canonical: string;
  make: (name: string) => ColumnSpec<unknown>;
  required: boolean;
}

const text = (name: string) => col.text(name).orNull(...TEXT_MISSING);

const ROLES = {
  practiceCode: {
    names: ["practicecode"],
    canonical: "Practice Code",
    make: (n: string) => col.text(n).where(PRACTICE_CODE),
    required: true,
  },
  practiceName: { names: ["practicename"], canonical: "Practice Name", make: text, required: false },
  postcode: {
    names: ["practicepostcode", "postcode"],
    canonical: "Practice Postcode",
    make: text,
    required: false,
  },
  commissioner: {
    names: [
      "ccgcode",
      "ccgodscode",
      "subicblocationcode",
      "subicblocationodscode",
      "subicbloccode",
      "subicbcode",
      "sicblcode",
      "commissionercode",
    ],
    canonical: "CCG Code",
    make: text,
    required: false,
  },
  pcnCode: {
    names: ["pcncode", "pcnodscode"],
    canonical: "PCN Code",
    make: text,
    required: false,
  },
  contractType: { names: ["contracttype"], canonical: "Contract Type", make: text, required: true },
  dispensing: {
    names: ["dispensingpractice"],
    canonical: "Dispensing Practice",
    make: text,
    required: true,
  },
  rurality: {
    names: ["practicerurality", "rurality"],
    canonical: "Practice Rurality",
    make: text,
    required: false,
  },
  openDate: {
    names: ["practiceopendate"],
    canonical: "Practice Open Date",
    make: (n: string) => col.date(n).orNull("-"),
    required: false,
  },
  closeDate: {
    names: ["practiceclosedate"],
    canonical: "Practice Close Date",
    make: (n: string) => col.date(n).orNull("-"),
    required: false,
  },
  registered: {
    names: ["numberofregisteredpatients*"],
    canonical: "Number of Registered Patients (Last Known Figure)",
    make: (n: string) =>
      col
        .number(n)
        .orNull(...NUMBER_MISSING)
        .where(rules.atLeast(0)),
    required: true,
  },
  weighted: {
    names: ["numberofweightedpatients*"],
    canonical: "Number of Weighted Patients (Last Known Figure)",
    make: (n: string) =>
      col
        .number(n)
        .orNull(...NUMBER_MISSING)
        .where(rules.atLeast(0)),
    required: true,
  },
  globalSum: { names: ["globalsum"], canonical: "Global Sum", make: money, required: true },
  qofTotal: { names: ["totalqofpayments"], canonical: "Total QOF Payments", make: money, required: true },
  total: {
    names: ["totalnhspaymentstogeneralpractice"],
    canonical: "Total NHS Payments to General Practice",
    make: money,
    required: true,
  },
  totalMinusDeductions: {
    names: ["totalnhspaymentstogeneralpracticeminusdeductions"],
    canonical: "Total NHS Payments to General Practice Minus Deductions",
    make: money,
    required: true,
  },
} satisfies Record<string, Role>;

function money(name: string) {
  return col.number(name).orNull(...NUMBER_MISSING);
}

type RoleKey = keyof typeof ROLES;
type CoreRow = {
  [K in RoleKey]: ReturnType<(typeof ROLES)[K]["make"]> extends ColumnSpec<infer T> ? T : never;
} & { _line: number };

/** Columns that describe the practice rather than pay it: kept out of `lines`. */
const TEXT_COLUMN = /(code|name|address|postcode|date|type|rurality|characteristics)$/;
const TEXT_COLUMNS = new Set(["quarterusedforpatientdata", "dispensingpractice", "year", "fiscalyear"]);

const matches = (names: string[], key: string) =>
  names.some((n) => (n.endsWith("*") ? key.startsWith(n.slice(0, -1)) : key === n));

/** The key a line is stored under: the published name, trimmed, with R's `a.b.c` names turned back into `a b c`. */
export function lineKey(published: string): string {
  const t = published.trim();
  return (/^\S+$/.test(t) && t.includes(".") ? t.replaceAll(".", " ") : t).replace(/\s+/g, " ").trim();
}

/** Upper case with one space before the inward code: `SK116JL` and `SK11  6JL` → `SK11 6JL`. */
export function normalisePostcode(postcode: string | null): string | null {
  if (!postcode) return null;
  const compact = postcode.toUpperCase().replace(/\s+/g, "");
  return compact.length >= 5 && compact.length <= 7
    ? `${compact.slice(0, -3)} ${compact.slice(-3)}`
    : compact;
}

const COLUMNS = [
  "dataset_id",
  "fiscal_year",
  "practice_code",
  "practice_name",
  "postcode",
  "commissioner_code",
  "pcn_code",
  "contract_type",
  "dispensing",
  "rurality",
  "registered_patients",
  "weighted_patients",
  "global_sum",
  "qof_total",
  "total_payments",
  "total_minus_deductions",
  "lines",
] as const;

export const nhsPayments: SourceFormat = {
  id: "nhs-payments",
  title: "NHS Payments to General Practice: practice-level payments",
  publisher: PUBLISHER,
  order: 50,
  columns: [
    "Practice Code",
    "Global Sum",
    "Total QOF Payments",
    "Number of Weighted Patients (Last Known Figure)",
  ],
  recognise: ({ header }) =>
    hasColumns(header, "Practice Code", "Global Sum", "Total QOF Payments") &&
    header.some((h) => squash(h).startsWith("numberofweightedpatients")),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const start = fiscalYearFromPath(ctx.file.path);
    if (start === undefined) {
      throw new SourceError(
        { file: ctx.file.label },
        "a financial year such as 2021-22 in the file name (e.g. nhs-payments-gp_2021-22.csv)",
        `'${basename(ctx.file.path)}'`,
        "the year is not stated inside NHS Payments files: rename the file to include it",
      );
    }
    const fiscalYear = fiscalYearLabel(start);

    // Bind each column by its published name: the core fields by role, the rest as numeric lines.
    const header = await peekHeader(ctx.file);
    const keys = header.map(squash);
    const firstIndex = new Map<string, number>();
    keys.forEach((k, i) => {
      const before = firstIndex.get(k);
      if (before !== undefined && k !== "") {
        throw new SourceError(
          { file: ctx.file.label, line: 1, column: header[i]!.trim() },
          "each column once",
          `'${header[i]!.trim()}', which repeats column ${before + 1} ('${header[before]!.trim()}')`,
          "duplicate column",
        );
      }
      firstIndex.set(k, i);
    });
    const spec: Record<string, ColumnSpec<unknown>> = {};
    const used = new Set<number>();
    for (const [role, r] of Object.entries(ROLES) as [RoleKey, Role][]) {
      const index = keys.findIndex((k) => matches(r.names, k));
      if (index >= 0) {
        spec[role] = r.make(header[index]!.trim());
        used.add(index);
      } else if (r.required) spec[role] = r.make(r.canonical);
    }
    const lines: { field: string; key: string }[] = [];
    header.forEach((name, i) => {
      if (used.has(i) || keys[i] === "" || TEXT_COLUMN.test(keys[i]!) || TEXT_COLUMNS.has(keys[i]!)) return;
      const field = `line${i}`;
      spec[field] = money(name.trim());
      lines.push({ field, key: lineKey(name) });
    });
    if (new Set(lines.map((l) => l.key)).size !== lines.length) {
      const dup = lines.find((l, i) => lines.findIndex((m) => m.key === l.key) !== i)!;
      throw new SourceError(
        { file: ctx.file.label, line: 1, column: dup.key },
        "each column once",
        `'${dup.key}' twice`,
        "duplicate column",
      );
    }

    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const join = await PracticeJoin.start(ctx, "Practice Code", false);
    const practices = new UniqueKey(ctx.file.label, "Practice Code", "practice");
    const batch = new Batch(ctx, "payment", COLUMNS);
    let rows = 0;
    let noPatients = 0;
    let closed = 0;
    const notPcnCodes = new Map<string, number>();
    for await (const raw of table.rows) {
      const r = raw as unknown as CoreRow;
      const values = raw as unknown as Record<string, number | null>;
      practices.check(r.practiceCode, r._line, `'${r.practiceCode}'`);
      join.check(r.practiceCode, r._line);
      if (!r.registered) noPatients++;
      if (r.closeDate) closed++;
      // PCN codes are U + 5 digits; anything else ("Unknown or no PCN") means the practice had none.
      let pcnCode = r.pcnCode ?? null;
      if (pcnCode !== null && !/^U\d{5}$/.test(pcnCode)) {
        notPcnCodes.set(pcnCode, (notPcnCodes.get(pcnCode) ?? 0) + 1);
        pcnCode = null;
      }
      const lineValues = lines.map((l) => values[l.field] ?? null);
      await batch.add({
        dataset_id: ctx.datasetId,
        fiscal_year: fiscalYear,
        practice_code: r.practiceCode,
        practice_name: r.practiceName ?? null,
        postcode: normalisePostcode(r.postcode ?? null),
        commissioner_code: r.commissioner ?? null,
        pcn_code: pcnCode,
        contract_type: r.contractType?.toUpperCase() ?? null,
        dispensing: r.dispensing,
        rurality: r.rurality ?? null,
        registered_patients: r.registered,
        weighted_patients: r.weighted,
        global_sum: r.globalSum,
        qof_total: r.qofTotal,
        total_payments: r.total,
        total_minus_deductions: r.totalMinusDeductions,
        lines: lineValues,
      });
      rows++;
    }
    await batch.flush();
    const missing = (["commissioner", "pcnCode", "rurality"] as const).filter((k) => !(k in spec));
    return {
      dataset: {
        title: nhsPayments.title,
        publisher: PUBLISHER,
        // The data covers the financial year from 1 April.
        referenceDate: `${start}-04-01`,
        period: `FY${fiscalYear}`,
        meta: { fiscalYear, columns: header.length, lineColumns: lines.map((l) => l.key) },
      },
      rows,
      coverage: join.coverage(),
      notes: [
        `Financial year ${fiscalYear} (from the file name); ${header.length} columns, ` +
          `${lines.length} stored as payment lines.`,
        ...(noPatients > 0
          ? [`${noPatients.toLocaleString("en-GB")} practices have no registered patients.`]
          : []),
        ...(closed > 0 ? [`${closed.toLocaleString("en-GB")} practices have a close date.`] : []),
        ...[...notPcnCodes].map(
          ([v, n]) => `PCN Code '${v}' (${n.toLocaleString("en-GB")} practices) stored as no PCN.`,
        ),
        ...missing.map((k) => `No ${ROLES[k].canonical} column in this year's file: stored as empty.`),
      ],
    };
  },
};
