// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
import { decodePaymentLines } from "../../src/model/payment-lines.ts";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { lineKey, normalisePostcode } from "../../src/sources/payments/nhs-payments.ts";
import { fiscalYearFromPath } from "../../src/sources/import-kit.ts";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempFile } from "../helpers.ts";
import { expectRejected, filesRecognisedBy } from "./kit.ts";

const HEADER =
  "NHS England (Region) code,NHS England (Region) Name,CCG Code,CCG NAME,PCN Code,PCN Name,Practice Code,Practice Name,Practice Address,Practice Postcode,Practice Open Date,Practice Close Date,Contract Type,Dispensing Practice,Practice type,Practice Rurality,Atypical characteristics,Number of Registered Patients (Last Known Figure),Number of Weighted Patients (Last Known Figure),Average payments per registered patient,Global Sum,Seniority,Appraisal Costs ,Total QOF Payments,Total NHS Payments to General Practice,Total NHS Payments to General Practice Minus Deductions";
const row = (code: string, globalSum = "500000", seniority = "1000") =>
  `Y63,North East and Yorkshire,16C,NHS Tees Valley CCG,U89141,Stockton PCN,${code},A SURGERY,"1 HIGH STREET, STOCKTON",TS181HU,01/04/1974,,GMS,No,GP Practice,Urban,NONE,4000,4100.5,N/A,${globalSum},${seniority},-20,60000,700000,650000`;

/** A payment row's lines, decoded with its dataset's column list. */
async function linesOf(store: Store, row: { dataset_id: number; lines: unknown }) {
  const d = await store.db
    .selectFrom("dataset")
    .select("meta")
    .where("id", "=", row.dataset_id)
    .executeTakeFirstOrThrow();
  return decodePaymentLines((d.meta as { lineColumns: string[] }).lineColumns, row.lines);
}

describe("nhs-payments importer", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  test("2021-22: 6,758 practices; 61,570,004 registered, 61,558,452 weighted, Global Sum £4,140,788,768", async () => {
    const outcome = await importOne(store, shared("payments/nhs-payments-gp_2021-22.csv"));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "nhs-payments");
    assert.equal(outcome.result.rows, 6_758);
    assert.equal(outcome.result.dataset.referenceDate, "2021-04-01");
    assert.equal(outcome.result.dataset.period, "FY2021-22");
    assert.deepEqual(outcome.result.coverage, []);
    const t = await store.db
      .selectFrom("payment")
      .select((eb) => [
        eb.fn.sum<number>("registered_patients").as("registered"),
        eb.fn.sum<number>("weighted_patients").as("weighted"),
        eb.fn.sum<number>("global_sum").as("globalSum"),
        eb.fn.count<string>("pcn_code").as("withPcn"),
      ])
      .where("dataset_id", "=", outcome.datasetId)
      .executeTakeFirstOrThrow();
    assert.ok(Math.abs(Number(t.registered) - 61_570_004) <= 1, String(t.registered));
    assert.ok(Math.abs(Number(t.weighted) - 61_558_452) <= 1, String(t.weighted));
    assert.ok(Math.abs(Number(t.globalSum) - 4_140_788_768) <= 1, String(t.globalSum));
    assert.equal(Number(t.withPcn), 6_758 - 313); // 313 practices have "Unknown or no PCN"
    const a = await store.db
      .selectFrom("payment")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("practice_code", "=", "A81001")
      .executeTakeFirstOrThrow();
    assert.equal(a.fiscal_year, "2021-22");
    assert.equal(a.contract_type, "GMS");
    assert.equal(a.commissioner_code, "16C");
    assert.match(a.pcn_code ?? "", /^U\d{5}$/);
    assert.match(a.postcode ?? "", /^[A-Z0-9]+ [0-9][A-Z]{2}$/);
    const lines = await linesOf(store, a);
    // 74 columns: 17 descriptive, 6 typed payment fields, 51 lines.
    assert.equal(Object.keys(lines).length, 51);
    assert.ok("Appraisal Costs" in lines, "trailing space trimmed");
    assert.ok("Covid Immunisation" in lines);
    assert.ok(!("Global Sum" in lines) && !("Practice Code" in lines));
    assert.equal(typeof lines["PCN Participation"], "number");
  });

  const years: [string, number, number][] = [
    ["2014-15", 7_959, 34],
    ["2015-16", 7_841, 38],
    ["2016-17", 7_763, 32],
    ["2017-18", 7_543, 32],
    ["2018-19", 7_279, 30],
    ["2019-20", 7_001, 31],
    ["2020-21", 6_808, 45],
  ];
  for (const [year, rows, lineCount] of years) {
    test(`${year}: ${rows.toLocaleString("en-GB")} practices`, async () => {
      const outcome = await importOne(store, shared(`payments/history/nhs-payments-gp_${year}.csv`));
      assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
      if (outcome.status !== "imported") return;
      assert.equal(outcome.result.rows, rows);
      assert.equal(outcome.result.dataset.period, `FY${year}`);
      assert.equal(outcome.result.dataset.referenceDate, `${year.slice(0, 4)}-04-01`);
      const meta = outcome.result.dataset.meta as { lineColumns: string[] };
      assert.equal(meta.lineColumns.length, lineCount);
    });
  }

  test("drifted names: R-style dots, PracticeRurality, spaceless 2014-15 postcodes", async () => {
    const fy = async (year: string, code: string) =>
      store.db
        .selectFrom("payment")
        .selectAll()
        .where("fiscal_year", "=", year)
        .where("practice_code", "=", code)
        .executeTakeFirstOrThrow();
    const y1516 = await fy("2015-16", "A81001");
    assert.ok("Doctors Retainer Scheme Payments" in (await linesOf(store, y1516)));
    assert.equal(y1516.rurality, null); // no rurality column before 2016-17
    const y1617 = await fy("2016-17", "A81001");
    assert.ok(["Urban", "Rural"].includes(y1617.rurality ?? ""), String(y1617.rurality));
    const postcodes = await store.db
      .selectFrom("payment")
      .select("postcode")
      .where("fiscal_year", "=", "2014-15")
      .where("postcode", "is not", null)
      .execute();
    assert.ok(postcodes.every((p) => /^[A-Z0-9]{2,4} [0-9][A-Z]{2}$/.test(p.postcode!)));
    assert.ok(postcodes.some((p) => p.postcode === "SK11 6JL"));
  });

  test("helpers: line keys, postcodes and the year in the file name", () => {
    assert.equal(lineKey("Doctors.Retainer.Scheme.Payments"), "Doctors Retainer Scheme Payments");
    assert.equal(lineKey("Appraisal Costs "), "Appraisal Costs");
    assert.equal(
      lineKey("Non DES Item Pneumococcal Vaccine, Childhood"),
      "Non DES Item Pneumococcal Vaccine, Childhood",
    );
    assert.equal(normalisePostcode("SK116JL"), "SK11 6JL");
    assert.equal(normalisePostcode("HU7  4DW"), "HU7 4DW");
    assert.equal(fiscalYearFromPath("/x/nhs-payments-gp_2021-22.csv"), 2021);
    assert.equal(fiscalYearFromPath("/x/21-22.csv"), 2021);
    assert.equal(fiscalYearFromPath("/x/payments_2022-2023.csv"), 2022);
    assert.equal(fiscalYearFromPath("/x/payments_2024-10.csv"), undefined);
    assert.equal(fiscalYearFromPath("/x/FY2019-20/payments.csv"), 2019);
  });

  test("a small file with a BOM and the year in its name imports", async () => {
    const outcome = await importOne(
      store,
      tempFile(
        "nhs-payments-gp_2030-31.csv",
        `\uFEFF${[HEADER, row("A81001"), row("A81002")].join("\r\n")}\r\n`,
      ),
    );
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    const a = await store.db
      .selectFrom("payment")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("practice_code", "=", "A81001")
      .executeTakeFirstOrThrow();
    assert.deepEqual(await linesOf(store, a), {
      "Average payments per registered patient": null,
      Seniority: 1000,
      "Appraisal Costs": -20,
    });
    assert.equal(a.postcode, "TS18 1HU");
    assert.equal(a.weighted_patients, 4100.5);
    assert.equal(a.total_minus_deductions, 650000);
  });

  test("recognises exactly the eight payments files in ../shared/data", async () => {
    const files = await filesRecognisedBy("nhs-payments");
    assert.equal(files.length, 8);
    assert.ok(files.every((f) => f.startsWith("payments/")));
  });

  const named = (content: string | Buffer, name = "nhs-payments-gp_2031-32.csv") => tempFile(name, content);
  const rejects: [string, () => string, RegExp][] = [
    [
      "no year in the file name",
      () => named([HEADER, row("A81001")].join("\n"), "payments.csv"),
      /payments\.csv': expected a financial year such as 2021-22 in the file name .*found 'payments\.csv'/,
    ],
    [
      "a duplicate practice",
      () => named([HEADER, row("A81001"), row("A81002"), row("A81001")].join("\n")),
      /2031-32\.csv', line 4, column 'Practice Code': expected each practice once, found 'A81001' a second time \(first on line 2\)/,
    ],
    [
      "a non-numeric Global Sum",
      () => named([HEADER, row("A81001", "lots")].join("\n")),
      /2031-32\.csv', line 2, column 'Global Sum': expected a number, found 'lots'/,
    ],
    [
      "a non-numeric payment line",
      () => named([HEADER, row("A81001"), row("A81002", "1", "x1")].join("\n")),
      /2031-32\.csv', line 3, column 'Seniority': expected a number, found 'x1'/,
    ],
    [
      "a renamed column",
      () => named([HEADER.replace("Global Sum", "Global Summ"), row("A81001")].join("\n")),
      /2031-32\.csv', line 1: expected column 'Global Sum'.*found the columns/,
    ],
    [
      "a truncated file",
      () => named([HEADER, row("A81001"), row("A81002").slice(0, 80)].join("\n")),
      /2031-32\.csv', line 3: expected 26 fields, found \d+/,
    ],
    [
      "invalid UTF-8",
      () =>
        named(
          Buffer.concat([
            Buffer.from(`${HEADER}\n${row("A81001")}\n${row("A81002")}\n`),
            Buffer.from([0xc3, 0x28]),
          ]),
        ),
      /2031-32\.csv', line 4: expected UTF-8 text, found bytes that are not valid UTF-8/,
    ],
    [
      "an empty file",
      () => named(""),
      /2031-32\.csv': expected a header line and data rows, found an empty file/,
    ],
    [
      "a workforce file forced as payments",
      () => named(`"Practice.Code","Year","TOTAL_PATIENTS"\n"A81001","2016",4222`),
      /2031-32\.csv', line 1: expected columns 'Contract Type', 'Dispensing Practice', 'Number of Registered Patients/,
    ],
  ];
  for (const [name, make, message] of rejects) {
    test(`rejects ${name}, leaving the store unchanged`, async () => {
      await expectRejected(store, make(), "nhs-payments", message);
    });
  }
});
