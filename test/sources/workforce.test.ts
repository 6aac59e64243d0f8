// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { recogniseFile } from "../../src/app/import-files.ts";
import { describeFile } from "../../src/sources/file.ts";
import { formatById } from "../../src/sources/registry.ts";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, snapshot, tempFile } from "../helpers.ts";
import { expectRejected, filesRecognisedBy } from "./kit.ts";

const GP_ADMIN = "workforce/heec_practice_workforce_fy2016-2024_gp_admin.csv";
const PARTNERS = "workforce/heec_practice_workforce_fy2023-2025_partners.csv";
const PCN_SEP_2022 = "workforce/pcn_individual_level/pcn-workforce-individual-level_2022-09.csv";

const HEEC_HEADER =
  '"Practice.Code","Year","TOTAL_PATIENTS","TOTAL_GP_EXTGL_HC","TOTAL_GP_EXTGL_FTE","TOTAL_ADMIN_FTE","TOTAL_ADMIN_MANAGER_FTE","TOTAL_ADMIN_RECEPT_FTE","TOTAL_ADMIN_TELEPH_FTE","IMD","IMD_quintile"';
const heec = (code: string, year = 2016, gpFte = "2.1") =>
  `"${code}","${year}",4222,2,${gpFte},6.2,1,4.4,0,29.94546757,"4"`;

const PCN_HEADER =
  "Data_source,CENSUS_YEAR,CENSUS_MONTH,PCN_CODE,PCN_NAME,SUB_ICB_CODE,SUB_ICB_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME,STAFF_GROUP,STAFF_ROLE,DETAILED_STAFF_ROLE,FTE,UNIQUE_IDENTIFIER";
const pcn = (month = 9, fte = "1", role = "Clinical Director \u2013 Medical") =>
  `NWRS Staff,2022,${month},U02454,NIGHTINGALE PCN,36L,NHS South West London ICB - 36L,QWE,NHS South West London ICB,Y56,London,Directors,Medical Clinical Director (GP),${role},${fte},30308`;

describe("workforce importers", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  const sumBy = async (datasetId: number, column: "gp_fte" | "partner_provider_hc" | "senior_partner_hc") => {
    const rows = await store.db
      .selectFrom("practice_workforce")
      .select(["fiscal_year", sql<number>`sum(${sql.ref(column)})`.as("total")])
      .where("dataset_id", "=", datasetId)
      .groupBy("fiscal_year")
      .execute();
    return new Map(rows.map((r) => [r.fiscal_year, Number(r.total)]));
  };

  test("HEEC FY2016–FY2024 (GP and admin): 62,673 rows; national GP FTE 27,372 → 26,561", async () => {
    const outcome = await importOne(store, shared(GP_ADMIN));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "heec-practice-workforce");
    assert.equal(outcome.result.rows, 62_673);
    assert.equal(outcome.result.dataset.referenceDate, "2024-03-31");
    assert.equal(outcome.result.dataset.period, "FY2016–FY2024");
    assert.equal(outcome.result.dataset.scope, "gp-admin");
    assert.deepEqual(outcome.result.coverage, []); // no practice register in this store yet
    const gpFte = await sumBy(outcome.datasetId, "gp_fte");
    // Sums of HEEC's 0.1-rounded means: 27,372.5 and 26,561.2 (PROVENANCE quotes them truncated).
    assert.ok(Math.abs(gpFte.get(2016)! - 27_372) <= 1, String(gpFte.get(2016)));
    assert.ok(Math.abs(gpFte.get(2024)! - 26_561) <= 1, String(gpFte.get(2024)));
    assert.equal(Math.round(gpFte.get(2016)! * 10) / 10, 27_372.5);
    assert.equal(Math.round(gpFte.get(2024)! * 10) / 10, 26_561.2);
    const fy2016 = await store.db
      .selectFrom("practice_workforce")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("dataset_id", "=", outcome.datasetId)
      .where("fiscal_year", "=", 2016)
      .executeTakeFirstOrThrow();
    assert.equal(Number(fy2016.n), 7_623);
    const a81001 = await store.db
      .selectFrom("practice_workforce")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("practice_code", "=", "A81001")
      .where("fiscal_year", "=", 2016)
      .executeTakeFirstOrThrow();
    assert.equal(a81001.gp_fte, 2.1);
    assert.equal(a81001.admin_reception_fte, 4.4);
    assert.equal(a81001.imd_quintile, 4);
    assert.equal(a81001.partner_provider_hc, null);
    // `NA` is read as missing.
    const missing = await store.db
      .selectFrom("practice_workforce")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("dataset_id", "=", outcome.datasetId)
      .where("gp_fte", "is", null)
      .executeTakeFirstOrThrow();
    assert.equal(Number(missing.n), 284);
  });

  test("HEEC FY2023–FY2025 (partners): partner/provider headcount 15,933 → 15,853 → 15,616", async () => {
    const outcome = await importOne(store, shared(PARTNERS));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.result.rows, 19_166);
    assert.equal(outcome.result.dataset.referenceDate, "2025-03-31");
    assert.equal(outcome.result.dataset.period, "FY2023–FY2025");
    assert.equal(outcome.result.dataset.scope, "partners");
    assert.equal(outcome.replaced, 0);
    // TOTAL_GP_PTNR_PROV_HC summed: 15,933.3 / 15,852.9 / 15,616.5 (PROVENANCE: 15,933, 15,853, 15,616).
    const provider = await sumBy(outcome.datasetId, "partner_provider_hc");
    assert.deepEqual(
      [2023, 2024, 2025].map((y) => Math.round(provider.get(y)! * 10) / 10),
      [15_933.3, 15_852.9, 15_616.5],
    );
    const senior = await sumBy(outcome.datasetId, "senior_partner_hc");
    assert.deepEqual(
      [2023, 2024, 2025].map((y) => Math.round(senior.get(y)! * 10) / 10),
      [3_891.9, 3_624.5, 3_399.9],
    );
    const row = await store.db
      .selectFrom("practice_workforce")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("practice_code", "=", "A81001")
      .where("fiscal_year", "=", 2023)
      .executeTakeFirstOrThrow();
    assert.equal(row.icb_name, "North East and North Cumbria");
    assert.equal(row.locum_trainee_fte, 1.8);
    assert.equal(row.senior_partner_hc, 2);
    assert.equal(row.admin_hc, 10);
    assert.equal(row.admin_reception_fte, null);
    // Both variants are kept side by side.
    const datasets = await store.db
      .selectFrom("dataset")
      .select("id")
      .where("source", "=", "heec-practice-workforce")
      .execute();
    assert.equal(datasets.length, 2);
  });

  test("PCN workforce September 2022 (Windows-1252): 17,239 records, 1,105 PCNs, 14,149 FTE, 3,901 pharmacists", async () => {
    const outcome = await importOne(store, shared(PCN_SEP_2022));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "pcn-workforce-individual");
    assert.equal(outcome.result.rows, 17_239);
    assert.equal(outcome.result.dataset.referenceDate, "2022-09-01");
    assert.equal(outcome.result.dataset.period, "September 2022");
    const id = outcome.datasetId;
    const totals = await store.db
      .selectFrom("pcn_workforce")
      .select((eb) => [
        eb.fn.count<string>("pcn_code").distinct().as("pcns"),
        eb.fn.sum<number>("fte").as("fte"),
        eb.fn.countAll<string>().as("rows"),
      ])
      .where("dataset_id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(totals.pcns), 1_105);
    assert.equal(Math.round(Number(totals.fte)), 14_149);
    const pharmacists = await store.db
      .selectFrom("pcn_workforce")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("dataset_id", "=", id)
      .where("staff_role", "=", "Pharmacists")
      .executeTakeFirstOrThrow();
    assert.equal(Number(pharmacists.n), 3_901);
    // The cp1252 en-dash (0x96) is decoded, and NULL identifiers are stored as null.
    const medical = await store.db
      .selectFrom("pcn_workforce")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("dataset_id", "=", id)
      .where("detailed_role", "=", "Clinical Director \u2013 Medical")
      .executeTakeFirstOrThrow();
    assert.ok(Number(medical.n) > 0);
    const noId = await store.db
      .selectFrom("pcn_workforce")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("dataset_id", "=", id)
      .where("unique_id", "is", null)
      .executeTakeFirstOrThrow();
    assert.equal(Number(noId.n), 2_321);
  });

  test("PCN workforce March 2020 imports beside September 2022", async () => {
    const outcome = await importOne(
      store,
      shared("workforce/pcn_individual_level/pcn-workforce-individual-level_2020-03.csv"),
    );
    assert.equal(outcome.status, "imported");
    if (outcome.status === "imported") {
      assert.equal(outcome.result.rows, 534);
      assert.equal(outcome.result.dataset.period, "March 2020");
    }
  });

  test("the workforce formats recognise exactly their own files in ../shared/data", async () => {
    assert.deepEqual(await filesRecognisedBy("heec-practice-workforce"), [GP_ADMIN, PARTNERS]);
    const pcnFiles = await filesRecognisedBy("pcn-workforce-individual");
    // The eleven 2020–22 CSVs and the June 2026 CSV inside its published ZIP.
    assert.equal(pcnFiles.length, 12);
    assert.equal(pcnFiles.filter((f) => f.startsWith("workforce/pcn_individual_level/")).length, 11);
    assert.ok(
      pcnFiles.includes(
        "workforce/pcn_individual_level_2026-06/PCNWFIndividualCSV.062026.zip › 1.Primary Care Networks - June 2026 Individual Level.csv",
      ),
    );
    assert.equal(
      (await recogniseFile(await describeFile(shared(PCN_SEP_2022))))?.id,
      "pcn-workforce-individual",
    );
  });

  const partnersHeader =
    '"Practice.Code","Year","ICB_NAME","TOTAL_PATIENTS","TOTAL_GP_EXTGL_FTE","TOTAL_LOCUUM_TRN_FTE","TOTAL_NURSES_FTE","TOTAL_DPC_FTE","TOTAL_ADMIN_FTE","TOTAL_GP_SEN_PTNR_FTE","TOTAL_GP_PTNR_PROV_FTE","TOTAL_N_NURSE_PTNR_FTE","TOTAL_ADMIN_MANAGE_PTNR_FTE","TOTAL_PTNR_PER_GP_FTE","TOTAL_GP_EXTGL_HC","TOTAL_LOCUUM_TRN_HC","TOTAL_NURSES_HC","TOTAL_DPC_HC","TOTAL_ADMIN_HC","TOTAL_GP_SEN_PTNR_HC","TOTAL_GP_PTNR_PROV_HC","TOTAL_N_NURSE_PTNR_HC","TOTAL_ADMIN_MANAGE_PTNR_HC","TOTAL_PTNR_PER_GP_HC","IMD","IMD_quintile"';
  const partnersRow =
    '"A81001","2023","North East and North Cumbria",4027.9,2,1.8,0.5,0.4,7.2,2,0,0,0,1,2,1.8,1,1,10,2,0,0,0,1,32.36,4';

  const rejects: [string, string | Buffer, string, RegExp][] = [
    [
      "a duplicate practice and year",
      [HEEC_HEADER, heec("A81001"), heec("A81002"), heec("A81001")].join("\n"),
      "heec-practice-workforce",
      /w\.csv', line 4, column 'Year': expected each practice and fiscal year once, found practice A81001 in 2016 a second time \(first on line 2\)/,
    ],
    [
      "a truncated last line",
      [HEEC_HEADER, heec("A81001"), heec("A81002").slice(0, 30)].join("\n"),
      "heec-practice-workforce",
      /w\.csv', line 3: expected 11 fields, found \d+ .*truncated/,
    ],
    [
      "a renamed column",
      [HEEC_HEADER.replace("TOTAL_GP_EXTGL_FTE", "GP_FTE"), heec("A81001")].join("\n"),
      "heec-practice-workforce",
      /w\.csv', line 1: expected column 'TOTAL_GP_EXTGL_FTE'.*found the columns/,
    ],
    [
      "a non-numeric FTE",
      [HEEC_HEADER, heec("A81001"), heec("A81002", 2016, "two")].join("\n"),
      "heec-practice-workforce",
      /w\.csv', line 3, column 'TOTAL_GP_EXTGL_FTE': expected a number, found 'two'/,
    ],
    [
      "a negative FTE",
      [HEEC_HEADER, heec("A81001", 2016, "-1")].join("\n"),
      "heec-practice-workforce",
      /line 2, column 'TOTAL_GP_EXTGL_FTE': expected a number of at least 0, found '-1'/,
    ],
    [
      "a partners file missing a partner column",
      [partnersHeader.replace("TOTAL_GP_PTNR_PROV_HC", "TOTAL_GP_PARTNERS_HC"), partnersRow].join("\n"),
      "heec-practice-workforce",
      /w\.csv', line 1: expected column 'TOTAL_GP_PTNR_PROV_HC'/,
    ],
    [
      "invalid UTF-8",
      Buffer.concat([
        Buffer.from(`${HEEC_HEADER}\n${heec("A81001")}\n"A81002","2016",4222,2,2.1,6.2,1,4.4,0,29.9,"`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"\n'),
      ]),
      "heec-practice-workforce",
      /w\.csv', line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
    ],
    [
      "an empty file",
      "",
      "heec-practice-workforce",
      /w\.csv': expected a header line and data rows, found an empty file/,
    ],
    [
      "a QOF prevalence file forced as workforce",
      "PRACTICE_CODE,GROUP_CODE,REGISTER,PATIENT_LIST_TYPE,PRACTICE_LIST_SIZE\nA81001,AF,95,TOTAL,4098",
      "heec-practice-workforce",
      /w\.csv', line 1: expected columns 'Year', 'TOTAL_PATIENTS'/,
    ],
    [
      "PCN rows from two censuses",
      [PCN_HEADER, pcn(9), pcn(10)].join("\r\n"),
      "pcn-workforce-individual",
      /w\.csv', line 3, column 'CENSUS_MONTH': expected the same extract date on every row \(2022-09-01\), found 2022-10-01/,
    ],
    [
      "a non-numeric PCN FTE",
      [PCN_HEADER, pcn(9, "1"), pcn(9, "one")].join("\r\n"),
      "pcn-workforce-individual",
      /w\.csv', line 3, column 'FTE': expected a number, found 'one'/,
    ],
    [
      "a truncated PCN file",
      [PCN_HEADER, pcn(9), pcn(9).slice(0, 40)].join("\r\n"),
      "pcn-workforce-individual",
      /w\.csv', line 3: expected 16 fields, found \d+/,
    ],
    [
      "a HEEC file forced as PCN workforce",
      [HEEC_HEADER, heec("A81001")].join("\n"),
      "pcn-workforce-individual",
      /w\.csv', line 1: expected columns .*'CENSUS_YEAR'/,
    ],
    [
      "an empty PCN file",
      "",
      "pcn-workforce-individual",
      /w\.csv': expected a header line and data rows, found an empty file/,
    ],
  ];
  for (const [name, content, as, message] of rejects) {
    test(`rejects ${name} (${as}), leaving the store unchanged`, async () => {
      await expectRejected(store, tempFile("w.csv", content), as, message);
    });
  }

  test("PCN workforce reads a Windows-1252 en-dash and a UTF-8 one alike", async () => {
    const [left, right] = [PCN_HEADER, pcn(6, "0.5")].join("\r\n").split("\u2013");
    const cp1252 = Buffer.concat([Buffer.from(left!), Buffer.from([0x96]), Buffer.from(right!)]); // 0x96 = en-dash
    const outcome = await importOne(store, tempFile("pcn_2022-06.csv", cp1252));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    const row = await store.db
      .selectFrom("pcn_workforce")
      .select("detailed_role")
      .where("dataset_id", "=", outcome.datasetId)
      .executeTakeFirstOrThrow();
    assert.equal(row.detailed_role, "Clinical Director \u2013 Medical");
    const utf8 = await importOne(store, tempFile("pcn.csv", [PCN_HEADER, pcn(6, "0.5")].join("\r\n")));
    assert.equal(utf8.status, "imported");
    if (utf8.status === "imported") assert.equal(utf8.replaced, 1); // same source and census month
  });

  test(
    "with a practice register loaded, workforce joins are reported, not enforced",
    { skip: formatById("epraccur") ? false : "the epraccur importer is not registered yet" },
    async () => {
      const register = await importOne(store, shared("practices/epraccur_2026-02.csv"));
      assert.equal(register.status, "imported");
      const before = await snapshot(store);
      const outcome = await importOne(
        store,
        tempFile("w.csv", [HEEC_HEADER, heec("A81001"), heec("Z99999"), heec("A81001", 2017)].join("\n")),
      );
      assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
      if (outcome.status !== "imported") return;
      assert.deepEqual(outcome.result.coverage, [
        {
          key: "Practice.Code",
          against: `epraccur, ${register.status === "imported" ? register.result.dataset.period : ""}`,
          matched: 1,
          total: 2,
          unmatched: [{ code: "Z99999", line: 3 }],
        },
      ]);
      assert.equal((await snapshot(store)).practice_workforce, (before.practice_workforce ?? 0) + 3);
    },
  );
});
