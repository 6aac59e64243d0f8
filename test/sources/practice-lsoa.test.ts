import { deleteDatasets } from "../../src/store/datasets.ts";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { describeFile } from "../../src/sources/file.ts";
import { practiceLsoa } from "../../src/sources/registrations/practice-lsoa.ts";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempFile } from "../helpers.ts";
import { rejectionTests, scalar, withLatin1Byte } from "./reggeo-kit.ts";

const SUBSET = shared(
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
);
const SUBSET_HEADER =
  "LSOA_CODE,PRACTICE_CODE,PRACTICE_NAME,NUMBER_OF_PATIENTS,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_NAME,ICB_CODE";
const subsetRow = (lsoa: string, practice = "M83001", patients = "12", icb = "QNC") =>
  `${lsoa},${practice},A SURGERY,${patients},U12345,A PCN,NHS Staffordshire and Stoke-on-Trent ICB - 05D,${icb}`;
const HEADER = "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS";
const row = (practice: string, lsoa: string, sex: string, patients: number | string) =>
  `GP_PRAC_PAT_LIST,01Oct2025,${practice},A SURGERY,${lsoa},${sex},${patients}`;

describe("gp-reg-pat-prac-lsoa-all importer", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    const register = await importOne(store, shared("practices/epraccur_2026-02.csv"));
    assert.equal(register.status, "imported");
  });
  after(async () => store.close());

  test("Staffordshire and Stoke-on-Trent subset (October 2025): 141 practices, 1,210,283 patients", async () => {
    const outcome = await importOne(store, SUBSET);
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    const { dataset, rows, coverage, notes } = outcome.result;
    assert.equal(rows, 16864);
    // No EXTRACT_DATE in the subset: the month comes from the file name.
    assert.equal(dataset.referenceDate, "2025-10-01");
    assert.equal(dataset.scope, "icb:QNC");
    assert.deepEqual(dataset.meta, {
      lsoaVintage: 2021,
      layout: "subset",
      totalPatients: 1210283,
      patientsOutsideEnglishLsoas: 1433,
      referenceDateFrom: "the file name",
    });
    assert.deepEqual(coverage, [
      { key: "PRACTICE_CODE", against: "epraccur, February 2026", matched: 141, total: 141, unmatched: [] },
    ]);
    assert.match(
      notes.join(" "),
      /1,433 patients \(0\.12%\) are outside English LSOAs: EMPTY 1,048, CLOSED 333/,
    );
    const id = outcome.datasetId;
    assert.equal(
      await scalar(store, sql`SELECT sum(patients) FROM practice_lsoa WHERE dataset_id = ${id}`),
      1210283,
    );
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(DISTINCT practice_code) FROM practice_lsoa WHERE dataset_id = ${id}`,
      ),
      141,
    );
    // Pseudo-codes are kept as published.
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(*) FROM practice_lsoa WHERE dataset_id = ${id} AND lsoa_code = 'EMPTY'`,
      ),
      130,
    );
  });

  test("a subset of another ICB for the same month is a separate dataset (scope)", async () => {
    const path = tempFile(
      "gp-reg-pat-prac-lsoa-all_2025-10_QHM.csv",
      [SUBSET_HEADER, subsetRow("E01012345", "A81001", "7", "QHM")].join("\n"),
    );
    const outcome = await importOne(store, path);
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.result.dataset.scope, "icb:QHM");
    assert.equal(outcome.replaced, 0);
    await deleteDatasets(store.db, [outcome.datasetId]);
  });

  test("published layout: SEX=ALL rows are kept and MALE/FEMALE ignored", async () => {
    const content = [
      HEADER,
      row("A81001", "E01012345", "ALL", 30),
      row("A81001", "E01012345", "MALE", 14),
      row("A81001", "E01012345", "FEMALE", 16),
      row("A81001", "W01000001", "ALL", 2),
    ];
    const outcome = await importOne(store, tempFile("lsoa.csv", content.join("\r\n")), {
      as: "gp-reg-pat-prac-lsoa-all",
    });
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.result.rows, 2);
    assert.equal(outcome.result.dataset.referenceDate, "2025-10-01");
    assert.equal(outcome.result.dataset.scope, undefined);
    assert.match(
      outcome.result.notes.join(" "),
      /MALE\/FEMALE rows of 1 pair\(s\) were ignored: their SEX=ALL rows were kept/,
    );
    assert.match(
      outcome.result.notes.join(" "),
      /2 patients \(6\.25%\) are outside English LSOAs: Welsh LSOAs 2/,
    );
    await deleteDatasets(store.db, [outcome.datasetId]);
  });

  test("published layout with only MALE and FEMALE rows: summed per practice and LSOA", async () => {
    const content = [
      HEADER,
      row("A81001", "E01012345", "MALE", 14),
      row("A81001", "E01012345", "FEMALE", 16),
      row("A81001", "E01012346", "FEMALE", 5),
    ];
    const outcome = await importOne(store, tempFile("lsoa.csv", content.join("\n")), {
      as: "gp-reg-pat-prac-lsoa-all",
    });
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    const rows = await store.db
      .selectFrom("practice_lsoa")
      .select(["lsoa_code", "patients"])
      .where("dataset_id", "=", outcome.datasetId)
      .orderBy("lsoa_code")
      .execute();
    assert.deepEqual(rows, [
      { lsoa_code: "E01012345", patients: 30 },
      { lsoa_code: "E01012346", patients: 5 },
    ]);
    await deleteDatasets(store.db, [outcome.datasetId]);
  });

  test("national-size throughput: 300,000 rows parsed and validated in a few seconds", async () => {
    const lines = [HEADER];
    for (let p = 0; p < 1500; p++) {
      const code = `A${String(81000 + p).padStart(5, "0")}`;
      for (let l = 0; l < 200; l++)
        lines.push(row(code, `E01${String(10000 + l * 7 + p).padStart(6, "0")}`, "ALL", 3));
    }
    const file = await describeFile(tempFile("national.csv", lines.join("\n")));
    let written = 0;
    const started = performance.now();
    const result = await practiceLsoa.import({
      file,
      datasetId: 1,
      strictJoins: false,
      practiceRegister: async () => undefined,
      progress: () => {},
      write: async (_table, _columns, rows) => {
        written += rows.length;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`    300,000 rows parsed in ${seconds.toFixed(2)} s`);
    assert.equal(result.rows, 300000);
    assert.equal(written, 300000);
    assert.ok(seconds < 10, `took ${seconds} s`);
  });

  rejectionTests(() => store, "gp-reg-pat-prac-lsoa-all", [
    {
      name: "a practice missing from the register (strict join)",
      file: "lsoa.csv",
      content: [HEADER, row("A81001", "E01012345", "ALL", 3), row("Z99999", "E01012345", "ALL", 3)].join(
        "\n",
      ),
      message:
        /line 3, column 'PRACTICE_CODE': expected a practice code in the practice register .*found 'Z99999'/,
    },
    {
      name: "a duplicate practice and LSOA pair",
      file: "lsoa.csv",
      content: [
        HEADER,
        row("A81001", "E01012345", "ALL", 3),
        row("A81001", "E01012346", "ALL", 3),
        row("A81001", "E01012345", "ALL", 4),
      ].join("\n"),
      message:
        /line 4, column 'LSOA_CODE': expected one row per practice and LSOA, found 'E01012345' for practice 'A81001'/,
    },
    {
      name: "a subset file with no date anywhere",
      file: "staffs-lsoa.csv",
      content: [SUBSET_HEADER, subsetRow("E01012345")].join("\n"),
      message:
        /line 1, column 'EXTRACT_DATE': expected an EXTRACT_DATE column, a YYYY-MM month in the file name \(e.g. gp-reg-pat-prac-lsoa-all_2025-10.csv\) or --date, found none of them/,
    },
    {
      name: "a truncated last line",
      file: "lsoa.csv",
      content: [
        HEADER,
        row("A81001", "E01012345", "ALL", 3),
        row("A81001", "E01012346", "ALL", 3).slice(0, 45),
      ].join("\n"),
      message: /line 3: expected 7 fields, found \d+ .*truncated/,
    },
    {
      name: "a renamed column",
      file: "lsoa.csv",
      content: [HEADER.replace("LSOA_CODE", "LSOA"), row("A81001", "E01012345", "ALL", 3)].join("\n"),
      message: /line 1: expected column 'LSOA_CODE' \(or 'LSOA21CD', 'LSOA11CD'\), found the columns/,
    },
    {
      name: "a non-numeric count",
      file: "lsoa.csv",
      content: [HEADER, row("A81001", "E01012345", "ALL", "*")].join("\n"),
      message: /line 2, column 'NUMBER_OF_PATIENTS': expected a whole number, found '\*'/,
    },
    {
      name: "an unknown sex",
      file: "lsoa.csv",
      content: [HEADER, row("A81001", "E01012345", "PERSONS", 3)].join("\n"),
      message: /line 2, column 'SEX': expected ALL, MALE or FEMALE, found 'PERSONS'/,
    },
    {
      name: "a malformed LSOA code",
      file: "lsoa.csv",
      content: [HEADER, row("A81001", "E0101234", "ALL", 3)].join("\n"),
      message: /line 2, column 'LSOA_CODE': expected an LSOA code .*found 'E0101234'/,
    },
    {
      name: "a Latin-1 byte in the UTF-8 file",
      file: "lsoa.csv",
      content: withLatin1Byte(
        `${HEADER}\n${row("A81001", "E01012345", "ALL", 3)}\nGP_PRAC_PAT_LIST,01Oct2025,A81002,CAF`,
        ",E01012345,ALL,3",
      ),
      message: /line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
    },
    {
      name: "an empty file",
      file: "lsoa_2025-10.csv",
      content: "",
      message: /expected a header line and data rows, found an empty file/,
    },
    {
      name: "a file of another kind (the registration map)",
      file: "map.csv",
      content: readFileSync(shared("registrations/gp-reg-pat-prac-map_2026-01.csv")).subarray(0, 3000),
      message: /line 1: expected columns 'LSOA_CODE' \(or 'LSOA21CD', 'LSOA11CD'\), 'NUMBER_OF_PATIENTS'/,
    },
  ]);
});
