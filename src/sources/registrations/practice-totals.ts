// gp-reg-pat-prac-all.csv: registered patients per practice. Until mid-2022 the file named CCGs
// (CCG_CODE, ONS_CCG_CODE); since then sub-ICB locations (SUB_ICB_LOCATION_CODE, ONS_SUB_ICB_LOCATION_CODE).
// Rows of TYPE GP are practices; SEX and AGE are usually ALL (totals), but any sex/age breakdown in the
// same layout is stored as given. Registrations define practices, so the practice join is strict.
import { SourceError } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { PracticeJoin } from "../joins.ts";
import { col, readTable, rules } from "../table.ts";
import { ExtractDate, monthLabel, NHS_REGISTRATIONS } from "./common.ts";

const spec = {
  extractDate: col.date("EXTRACT_DATE"),
  type: col.text("TYPE"),
  subIcbCode: col.text("SUB_ICB_LOCATION_CODE", "CCG_CODE").orNull(),
  code: col.text("CODE"),
  sex: col.text("SEX").where(rules.oneOf("ALL", "MALE", "FEMALE")),
  age: col.text("AGE").where(rules.pattern(/^(ALL|\d{1,3}(\+|_\d{1,3})?)$/, "ALL, an age or an age band")),
  patients: col.int("NUMBER_OF_PATIENTS").where(rules.atLeast(0)),
};

const COLUMNS = ["dataset_id", "practice_code", "sub_icb_code", "sex", "age", "patients"] as const;

export const practiceTotals: SourceFormat = {
  id: "gp-reg-pat-prac-all",
  title: "Patients Registered at a GP Practice: patients per practice",
  publisher: NHS_REGISTRATIONS,
  order: 11,
  columns: ["TYPE", "CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS", "SUB_ICB_LOCATION_CODE"],
  recognise: ({ header }) =>
    ["TYPE", "CODE", "SEX", "AGE", "NUMBER_OF_PATIENTS"].every((h) => header.includes(h)) &&
    (header.includes("SUB_ICB_LOCATION_CODE") || header.includes("CCG_CODE")),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const table = await readTable(ctx.file, spec, { onProgress: ctx.progress, warn: ctx.warn });
    const era = table.header.some((h) => h.trim().toUpperCase() === "CCG_CODE") ? "ccg" : "sub-icb";
    const join = await PracticeJoin.start(ctx, "CODE", true);
    const extract = new ExtractDate(ctx.file.label);
    const seen = new Set<string>();
    const otherTypes = new Map<string, number>();
    const batch: Record<string, unknown>[] = [];
    let rows = 0;
    let total = 0;
    for await (const r of table.rows) {
      extract.see(r.extractDate, r._line);
      if (r.type !== "GP") {
        otherTypes.set(r.type, (otherTypes.get(r.type) ?? 0) + 1);
        continue;
      }
      r.code = table.practiceCode(r.code, r._line, "CODE");
      const key = `${r.code}|${r.sex}|${r.age}`;
      if (seen.has(key)) {
        throw new SourceError(
          { file: ctx.file.label, line: r._line, column: "CODE" },
          "one row per practice, sex and age",
          `'${r.code}' (SEX ${r.sex}, AGE ${r.age}) a second time`,
          "duplicate row",
        );
      }
      seen.add(key);
      join.check(r.code, r._line);
      if (r.sex === "ALL" && r.age === "ALL") total += r.patients;
      batch.push({
        dataset_id: ctx.datasetId,
        practice_code: r.code,
        sub_icb_code: r.subIcbCode,
        sex: r.sex,
        age: r.age,
        patients: r.patients,
      });
      rows++;
      if (batch.length >= 5000) await ctx.write("practice_list", COLUMNS, batch.splice(0));
    }
    await ctx.write("practice_list", COLUMNS, batch);
    if (rows === 0) {
      throw new SourceError({ file: ctx.file.label, column: "TYPE" }, "at least one row of TYPE GP", "none");
    }
    const date = extract.get();
    const practices = join.coverage()[0]?.total ?? new Set([...seen].map((k) => k.split("|")[0])).size;
    const notes = [
      `${practices.toLocaleString("en-GB")} practices; ${total.toLocaleString("en-GB")} registered patients in all (SEX ALL, AGE ALL rows).`,
    ];
    if (era === "ccg") notes.push("CCG-era file: CCG codes are stored as sub-ICB location codes.");
    if (otherTypes.size > 0)
      notes.push(
        `Skipped rows that are not practices: ${[...otherTypes].map(([t, n]) => `${n} of TYPE ${t}`).join(", ")}.`,
      );
    return {
      dataset: {
        title: practiceTotals.title,
        publisher: NHS_REGISTRATIONS,
        referenceDate: date,
        period: monthLabel(date),
        meta: { era, totalPatients: total },
      },
      rows,
      coverage: join.coverage(),
      notes,
    };
  },
};
