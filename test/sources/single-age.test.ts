// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared } from "../helpers.ts";
import { rejectionTests, scalar, withLatin1Byte } from "./reggeo-kit.ts";

const HEADER = "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,SEX,AGE,NUMBER_OF_PATIENTS";
const row = (code = "Y56", sex = "FEMALE", age = "0", patients = "46666", type = "Comm Region") =>
  `GP_PRAC_PAT_LIST,2026-08-01,${type},${code},E40000003,${sex},${age},${patients}`;

describe("gp-reg-pat-prac-sing-age-regions importer", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  test("August 2026 (gzip): 282,253 rows, England 63,237,908 at every level", async () => {
    const outcome = await importOne(
      store,
      shared("registrations/2026-08/gp-reg-pat-prac-sing-age-regions_2026-08.csv.gz"),
    );
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    console.log(`    sing-age import: ${outcome.seconds.toFixed(1)} s`);
    assert.equal(outcome.result.rows, 282253);
    assert.equal(outcome.result.dataset.referenceDate, "2026-08-01");
    assert.deepEqual(outcome.result.dataset.meta, {
      englandTotal: 63237908,
      organisations: { REGION: 7, ICB: 36, SUB_ICB: 106, PCN: 1299 },
    });
    const id = outcome.datasetId;
    const levels = await store.db
      .selectFrom("org_age_sex")
      .select(["org_type"])
      .select((eb) => [eb.fn.sum<string>("patients").as("patients"), eb.fn.countAll<string>().as("rows")])
      .where("dataset_id", "=", id)
      .where("sex", "=", "ALL")
      .where("age", "=", "ALL")
      .groupBy("org_type")
      .orderBy("org_type")
      .execute();
    assert.deepEqual(
      levels.map((l) => [l.org_type, Number(l.rows), Number(l.patients)]),
      [
        ["ICB", 36, 63237908],
        ["PCN", 1299, 63237908],
        ["REGION", 7, 63237908],
        ["SUB_ICB", 106, 63237908],
      ],
    );
    // Single years 0…94, then 95+ and ALL. For every organisation, male + female = all, and the single
    // years of each sex add up to that sex's ALL row.
    const ages = await scalar(
      store,
      sql`SELECT count(DISTINCT age) FROM org_age_sex WHERE dataset_id = ${id}`,
    );
    assert.equal(ages, 97);
    const sexMismatch = await scalar(
      store,
      sql`SELECT count(*) FROM (
            SELECT org_type, org_code,
                   sum(patients) FILTER (WHERE sex <> 'ALL') AS by_sex,
                   sum(patients) FILTER (WHERE sex = 'ALL') AS total
            FROM org_age_sex WHERE dataset_id = ${id} AND age = 'ALL' GROUP BY org_type, org_code) t
          WHERE by_sex <> total`,
    );
    assert.equal(sexMismatch, 0);
    const ageMismatch = await scalar(
      store,
      sql`SELECT count(*) FROM (
            SELECT org_type, org_code, sex,
                   sum(patients) FILTER (WHERE age <> 'ALL') AS by_age,
                   sum(patients) FILTER (WHERE age = 'ALL') AS total
            FROM org_age_sex WHERE dataset_id = ${id} AND sex <> 'ALL' GROUP BY org_type, org_code, sex) t
          WHERE by_age <> total`,
    );
    assert.equal(ageMismatch, 0);
    // PCN rows have no ONS code; the pseudo-PCN U (unallocated practices) is kept.
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(*) FROM org_age_sex WHERE dataset_id = ${id} AND org_type = 'PCN' AND ons_code IS NOT NULL`,
      ),
      0,
    );
    assert.equal(
      await scalar(
        store,
        sql`SELECT patients FROM org_age_sex WHERE dataset_id = ${id} AND org_code = 'U' AND sex = 'ALL'`,
      ),
      219236,
    );
  });

  rejectionTests(() => store, "gp-reg-pat-prac-sing-age-regions", [
    {
      name: "a duplicate organisation, sex and age",
      file: "sing-age.csv",
      content: [HEADER, row(), row("Y56", "MALE"), row()].join("\n"),
      message:
        /line 4, column 'ORG_CODE': expected one row per organisation, sex and age, found Comm Region 'Y56' \(SEX FEMALE, AGE 0\) a second time/,
    },
    {
      name: "an unknown organisation type",
      file: "sing-age.csv",
      content: [HEADER, row(), row("QHM", "FEMALE", "0", "5", "Integrated Care Board")].join("\n"),
      message:
        /line 3, column 'ORG_TYPE': expected Comm Region, ICB, SUB_ICB_LOCATION_CODE or PCN .*found 'Integrated Care Board'/,
    },
    {
      name: "an age that is not an age",
      file: "sing-age.csv",
      content: [HEADER, row("Y56", "FEMALE", "ninety")].join("\n"),
      message: /line 2, column 'AGE': expected ALL, an age .*found 'ninety'/,
    },
    {
      name: "a truncated last line",
      file: "sing-age.csv",
      content: [HEADER, row(), row("Y56", "MALE").slice(0, 45)].join("\n"),
      message: /line 3: expected 8 fields, found \d+ .*truncated/,
    },
    {
      name: "a truncated gzip stream",
      file: "sing-age.csv.gz",
      content: readFileSync(
        shared("registrations/2026-08/gp-reg-pat-prac-sing-age-regions_2026-08.csv.gz"),
      ).subarray(0, 200_000),
      message:
        /sing-age\.csv\.gz': expected an intact gzip file, found a corrupt compressed file: the compressed data ends early: the file is truncated \(the compressed file is corrupt/,
    },
    {
      name: "a renamed column",
      file: "sing-age.csv",
      content: [HEADER.replace("ORG_TYPE", "ORGANISATION_TYPE"), row()].join("\n"),
      message: /line 1: expected column 'ORG_TYPE', found the columns/,
    },
    {
      name: "a non-numeric count",
      file: "sing-age.csv",
      content: [HEADER, row("Y56", "FEMALE", "0", "4.5")].join("\n"),
      message: /line 2, column 'NUMBER_OF_PATIENTS': expected a whole number, found '4.5'/,
    },
    {
      name: "an unknown sex",
      file: "sing-age.csv",
      content: [HEADER, row("Y56", "F")].join("\n"),
      message: /line 2, column 'SEX': expected one of MALE, FEMALE, ALL, found 'F'/,
    },
    {
      name: "a Latin-1 byte in a gzipped UTF-8 file",
      file: "sing-age.csv.gz",
      content: gzipSync(
        withLatin1Byte(`${HEADER}\n${row()}\nGP_PRAC`, `_PAT_LIST,2026-08-01,PCN,U1,,ALL,ALL,1`),
      ),
      message: /line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
    },
    {
      name: "an empty file",
      file: "sing-age.csv",
      content: "",
      message: /expected a header line and data rows, found an empty file/,
    },
    {
      name: "a file of another kind (practice totals)",
      file: "totals.csv",
      content: readFileSync(shared("registrations/gp-reg-pat-prac-all_2025-04.csv")).subarray(0, 2000),
      message:
        /line 1: expected columns 'ORG_TYPE', 'ORG_CODE', 'ONS_CODE'|line 1: expected columns 'ORG_TYPE', 'ORG_CODE'/,
    },
  ]);
});
