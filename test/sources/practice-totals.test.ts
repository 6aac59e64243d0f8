import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempFile } from "../helpers.ts";
import { rejectionTests, scalar, withLatin1Byte } from "./reggeo-kit.ts";

const HEADER =
  "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS";
const row = (code: string, patients = "3904", sex = "ALL", age = "ALL") =>
  `GP_PRAC_PAT_LIST,2025-04-01,GP,16C,E38000247,${code},TS18 1HU,${sex},${age},${patients}`;

describe("gp-reg-pat-prac-all importer", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    const register = await importOne(store, shared("practices/epraccur_2026-02.csv"));
    assert.equal(register.status, "imported");
  });
  after(async () => store.close());

  const totals: [string, string, string, number, number, string][] = [
    ["gp-reg-pat-prac-all_2025-04.csv", "2025-04-01", "April 2025", 6239, 63769849, "sub-icb"],
    ["history/gp-reg-pat-prac-all_2021-01.csv", "2021-01-01", "January 2021", 6658, 60606345, "ccg"],
    ["history/gp-reg-pat-prac-all_2022-05.csv", "2022-05-01", "May 2022", 6506, 61654788, "ccg"],
  ];
  for (const [file, date, period, practices, total, era] of totals) {
    test(`${period}: ${practices.toLocaleString("en-GB")} practices, ${total.toLocaleString("en-GB")} patients`, async () => {
      const outcome = await importOne(store, shared("registrations", file));
      assert.equal(outcome.status, "imported");
      if (outcome.status !== "imported") return;
      const { dataset, rows, coverage } = outcome.result;
      assert.equal(dataset.referenceDate, date); // 2025-04-01, 01JAN2021 and 01May2022 in the files
      assert.equal(dataset.period, period);
      assert.equal(rows, practices);
      assert.equal((dataset.meta as { era: string }).era, era);
      const id = outcome.datasetId;
      const sum = await scalar(
        store,
        sql`SELECT sum(patients) FROM practice_list WHERE dataset_id = ${id} AND sex = 'ALL' AND age = 'ALL'`,
      );
      assert.equal(sum, total);
      // Every practice is in the February 2026 register (which keeps closed practices).
      assert.deepEqual(coverage, [
        {
          key: "CODE",
          against: "epraccur, February 2026",
          matched: practices,
          total: practices,
          unmatched: [],
        },
      ]);
    });
  }

  test("CCG codes are stored as sub-ICB codes", async () => {
    const rows = await store.db
      .selectFrom("practice_list")
      .innerJoin("dataset", "dataset.id", "practice_list.dataset_id")
      .select(["practice_list.sub_icb_code"])
      .where("dataset.reference_date", "=", "2021-01-01")
      .where("practice_list.practice_code", "=", "A84002")
      .execute();
    assert.deepEqual(rows, [{ sub_icb_code: "00L" }]);
  });

  test("sex and age bands in the same layout are stored as given", async () => {
    const content = [
      HEADER,
      row("A81001", "10", "MALE", "0_4"),
      row("A81001", "12", "FEMALE", "0_4"),
      row("A81001", "22"),
    ];
    const outcome = await importOne(store, tempFile("bands.csv", content.join("\r\n")), {
      as: "gp-reg-pat-prac-all",
    });
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    const rows = await store.db
      .selectFrom("practice_list")
      .select(["sex", "age", "patients"])
      .where("dataset_id", "=", outcome.datasetId)
      .orderBy("sex")
      .execute();
    assert.deepEqual(rows, [
      { sex: "ALL", age: "ALL", patients: 22 },
      { sex: "FEMALE", age: "0_4", patients: 12 },
      { sex: "MALE", age: "0_4", patients: 10 },
    ]);
    // Same source and date as the April 2025 import: it replaced it. Put the real file back.
    assert.equal(outcome.replaced, 1);
    const again = await importOne(store, shared("registrations/gp-reg-pat-prac-all_2025-04.csv"));
    assert.equal(again.status, "imported");
  });

  rejectionTests(() => store, "gp-reg-pat-prac-all", [
    {
      name: "a practice missing from the register (strict join)",
      file: "totals.csv",
      content: [HEADER, row("A81001"), row("Z99999")].join("\n"),
      message:
        /line 3, column 'CODE': expected a practice code in the practice register \(epraccur, February 2026\), found 'Z99999'/,
    },
    {
      name: "a duplicate practice row",
      file: "totals.csv",
      content: [HEADER, row("A81001"), row("A81002"), row("A81001")].join("\n"),
      message:
        /line 4, column 'CODE': expected one row per practice, sex and age, found 'A81001' .* a second time/,
    },
    {
      name: "a truncated last line",
      file: "totals.csv",
      content: [HEADER, row("A81001"), row("A81002").slice(0, 40)].join("\n"),
      message: /line 3: expected 10 fields, found \d+ .*truncated/,
    },
    {
      name: "a renamed column",
      file: "totals.csv",
      content: [HEADER.replace("NUMBER_OF_PATIENTS", "PATIENTS"), row("A81001")].join("\n"),
      message: /line 1: expected column 'NUMBER_OF_PATIENTS', found the columns/,
    },
    {
      name: "a non-numeric count",
      file: "totals.csv",
      content: [HEADER, row("A81001", "39O4")].join("\n"),
      message: /line 2, column 'NUMBER_OF_PATIENTS': expected a whole number, found '39O4'/,
    },
    {
      name: "a negative count",
      file: "totals.csv",
      content: [HEADER, row("A81001", "-3")].join("\n"),
      message: /line 2, column 'NUMBER_OF_PATIENTS': expected a number of at least 0, found '-3'/,
    },
    {
      name: "two extract dates",
      file: "totals.csv",
      content: [HEADER, row("A81001"), row("A81002").replace("2025-04-01", "2025-05-01")].join("\n"),
      message: /line 3, column 'EXTRACT_DATE': expected the same extract date on every row/,
    },
    {
      name: "a malformed practice code",
      file: "totals.csv",
      content: [HEADER, row("8100A")].join("\n"),
      message: /line 2, column 'CODE': expected an ODS practice code/,
    },
    {
      name: "a Latin-1 byte in the UTF-8 file",
      file: "totals.csv",
      content: withLatin1Byte(
        `${HEADER}\n${row("A81001")}\n${row("A81002").slice(0, 50)}`,
        row("A81002").slice(50),
      ),
      message: /line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
    },
    {
      name: "an empty file",
      file: "totals.csv",
      content: "",
      message: /expected a header line and data rows, found an empty file/,
    },
    {
      name: "a file of another kind (the registration map)",
      file: "map.csv",
      content: readFileSync(shared("registrations/gp-reg-pat-prac-map_2026-01.csv")).subarray(0, 3000),
      message: /line 1: expected columns 'TYPE', 'CODE', 'SEX', 'AGE', 'NUMBER_OF_PATIENTS'/,
    },
  ]);
});
