// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempDir, tempFile } from "../helpers.ts";
import { expectRejected, filesRecognisedBy } from "./kit.ts";

const DETAILS = "other/epcn/epcn_2024-10_pcn_details.csv";
const MEMBERS = "other/epcn/epcn_2024-10_pcn_core_partner_details.csv";
const PREVALENCE = "other/qof_2020-21/PREVALENCE_2021_v2.csv";
const GEOGRAPHIES = "other/qof_2020-21/MAPPING_NHS_GEOGRAPHIES_2021.csv";
const GEOGRAPHIES_2223 = "other/qof_2022-23/MAPPING_NHS_GEOGRAPHIES_2223.csv";
const PREVALENCE_2223 = "other/qof_2022-23/PREVALENCE_2223.csv";
const PREVALENCE_2425 = "other/qof_2024-25/PREVALENCE_2425.csv";
const INDICATORS = "other/qof_2020-21/MAPPING_INDICATORS_2021_v2.csv";
const REFERENCE = "other/qof_2020-21/ORGANISATION_REFERENCE_2021.csv";

const DETAILS_HEADER =
  "PCN Code,PCN Name,Current Sub ICB Loc Code,Sub ICB Location,Open Date,Close Date,Address Line 1,Address Line 2,Address Line 3,Address Line 4,Address Line 5,Postcode";
const detail = (code: string, open = "20191001", close = "") =>
  `${code},WEST MERTON PCN,36L,NHS SOUTH WEST LONDON ICB - 36L,${open},${close},TREVELYAN HOUSE,160 TOOTING HIGH STREET,,LONDON,,SW17 0RT`;
const MEMBERS_HEADER =
  "Partner Organisation Code,Partner Name,Practice Parent Sub ICB Loc Code,Practice Parent Sub ICB Loc Name,PCN Code,PCN Name,PCN Parent Sub ICB Loc Code,PCN Parent Sub ICB Loc Name,Practice to PCN Relationship Start Date,Practice to PCN Relationship End Date,Practice Sub ICB Loc and PCN Sub ICB Loc Match";
const member = (code: string, start = "20191001", end = "") =>
  `${code},THE DENSHAM SURGERY,16C,NHS NORTH EAST - 16C,U89141,STOCKTON PCN,16C,NHS NORTH EAST - 16C,${start},${end},True`;
const PREV_HEADER = "PRACTICE_CODE,GROUP_CODE,REGISTER,PATIENT_LIST_TYPE,PRACTICE_LIST_SIZE";
const prev = (code: string, group = "AF", register = "95", listType = "TOTAL") =>
  `${code},${group},${register},${listType},4098`;

describe("ePCN and QOF importers", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  test("ePCN details: 1,366 PCNs, dated 1 October 2024 (latest open date)", async () => {
    const outcome = await importOne(store, shared(DETAILS));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "epcn-pcn-details");
    assert.equal(outcome.result.rows, 1_366);
    assert.equal(outcome.result.dataset.referenceDate, "2024-10-01");
    assert.equal(outcome.result.dataset.period, "October 2024");
    const u = await store.db
      .selectFrom("pcn")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("pcn_code", "=", "U00000")
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [u.name, u.sub_icb_code, u.open_date, u.close_date, u.postcode],
      ["WEST NORWICH PCN", "26A", "2024-04-01", null, "NR18 0AF"],
    );
    const closed = await store.db
      .selectFrom("pcn")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("dataset_id", "=", outcome.datasetId)
      .where("close_date", "is not", null)
      .executeTakeFirstOrThrow();
    assert.equal(Number(closed.n), 81);
  });

  test("ePCN membership: 7,705 records, 6,224 current", async () => {
    const outcome = await importOne(store, shared(MEMBERS));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "epcn-membership");
    assert.equal(outcome.result.rows, 7_705);
    assert.equal(outcome.result.dataset.referenceDate, "2024-10-01");
    assert.deepEqual(outcome.result.coverage, []);
    const open = await store.db
      .selectFrom("pcn_membership")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("dataset_id", "=", outcome.datasetId)
      .where("end_date", "is", null)
      .executeTakeFirstOrThrow();
    assert.equal(Number(open.n), 6_224);
  });

  test("QOF 2020-21 prevalence: 137,991 rows, 21 registers, 6,571 practices", async () => {
    const outcome = await importOne(store, shared(PREVALENCE));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "qof-prevalence");
    assert.equal(outcome.result.rows, 137_991);
    assert.equal(outcome.result.dataset.referenceDate, "2021-03-31");
    assert.equal(outcome.result.dataset.period, "QOF 2020-21");
    const t = await store.db
      .selectFrom("qof_prevalence")
      .select((eb) => [
        eb.fn.count<string>("group_code").distinct().as("groups"),
        eb.fn.count<string>("practice_code").distinct().as("practices"),
      ])
      .where("dataset_id", "=", outcome.datasetId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(t.groups), 21);
    assert.equal(Number(t.practices), 6_571);
    const af = await store.db
      .selectFrom("qof_prevalence")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("practice_code", "=", "A81001")
      .where("group_code", "=", "AF")
      .executeTakeFirstOrThrow();
    assert.deepEqual([af.register, af.list_type, af.list_size], [95, "TOTAL", 4098]);
  });

  test("QOF 2020-21 geographies become a CCG-era map dated 31 March 2021: 106 CCGs, 42 STPs, 7 regions", async () => {
    const outcome = await importOne(store, shared(GEOGRAPHIES));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "qof-geographies");
    assert.equal(outcome.result.rows, 6_571);
    assert.equal(outcome.result.dataset.referenceDate, "2021-03-31");
    assert.equal((outcome.result.dataset.meta as { era: string }).era, "ccg");
    const t = await store.db
      .selectFrom("org_map")
      .select((eb) => [
        eb.fn.count<string>("sub_icb_code").distinct().as("subIcbs"),
        eb.fn.count<string>("icb_code").distinct().as("icbs"),
        eb.fn.count<string>("region_code").distinct().as("regions"),
      ])
      .where("dataset_id", "=", outcome.datasetId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(t.subIcbs), Number(t.icbs), Number(t.regions)], [106, 42, 7]);
    const a = await store.db
      .selectFrom("org_map")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("practice_code", "=", "A81001")
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [a.pcn_code, a.sub_icb_code, a.sub_icb_ons_code, a.icb_code, a.region_code],
      ["U89141", "16C", "E38000247", "QHM", "Y63"],
    );
  });

  test("QOF 2022-23 geographies (SUB_ICB_… columns) become a sub-ICB-era map dated 31 March 2023", async () => {
    const outcome = await importOne(store, shared(GEOGRAPHIES_2223));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "qof-geographies");
    assert.equal(outcome.result.rows, 6_378);
    assert.equal(outcome.result.dataset.referenceDate, "2023-03-31");
    assert.equal((outcome.result.dataset.meta as { era: string }).era, "sub-icb");
    const a = await store.db
      .selectFrom("org_map")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("practice_code", "=", "A81001")
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [a.pcn_code, a.sub_icb_code, a.sub_icb_ons_code, a.icb_code, a.icb_ons_code, a.region_code],
      ["U89141", "16C", "E38000247", "QHM", "E54000050", "Y63"],
    );
  });

  test("QOF 2022-23 and 2024-25 prevalence: diabetes registers of 3,774,801 and 4,109,134 patients", async () => {
    for (const [file, year, practices, diabetes] of [
      [PREVALENCE_2223, "QOF 2022-23", 6_378, 3_774_801],
      [PREVALENCE_2425, "QOF 2024-25", 6_188, 4_109_134],
    ] as const) {
      const outcome = await importOne(store, shared(file));
      assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
      if (outcome.status !== "imported") return;
      assert.equal(outcome.result.dataset.period, year);
      const dm = await store.db
        .selectFrom("qof_prevalence")
        .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.sum<string>("register").as("patients")])
        .where("dataset_id", "=", outcome.datasetId)
        .where("group_code", "=", "DM")
        .executeTakeFirstOrThrow();
      assert.deepEqual([Number(dm.n), Number(dm.patients)], [practices, diabetes]);
    }
  });

  test("QOF 2020-21 indicators (68) and practice reference (6,571)", async () => {
    const indicators = await importOne(store, shared(INDICATORS));
    assert.equal(indicators.status, "imported", indicators.status === "rejected" ? indicators.error : "");
    if (indicators.status === "imported") {
      assert.equal(indicators.format.id, "qof-indicators");
      assert.equal(indicators.result.rows, 68);
      const ndh = await store.db
        .selectFrom("qof_indicator")
        .selectAll()
        .where("dataset_id", "=", indicators.datasetId)
        .where("indicator_code", "=", "NDH001")
        .executeTakeFirstOrThrow();
      assert.deepEqual([ndh.point_value, ndh.group_code, ndh.list_type], [0, "NDH", "18OV"]);
    }
    const reference = await importOne(store, shared(REFERENCE));
    assert.equal(reference.status, "imported");
    if (reference.status === "imported") {
      assert.equal(reference.format.id, "qof-practice-reference");
      assert.equal(reference.result.rows, 6_571);
    }
  });

  test("the QOF year comes from the folder when the file name has none", async () => {
    const dir = join(tempDir(), "qof_2019-20");
    mkdirSync(dir);
    const path = join(dir, "PREVALENCE.csv");
    writeFileSync(path, [PREV_HEADER, prev("A81001")].join("\n"));
    const outcome = await importOne(store, path);
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status === "imported") {
      assert.equal(outcome.result.dataset.period, "QOF 2019-20");
      assert.equal(outcome.result.dataset.referenceDate, "2020-03-31");
    }
  });

  test("the ePCN and QOF formats recognise exactly their own files in ../shared/data", async () => {
    assert.deepEqual(await filesRecognisedBy("epcn-pcn-details"), [DETAILS]);
    assert.deepEqual(await filesRecognisedBy("epcn-membership"), [MEMBERS]);
    assert.deepEqual(await filesRecognisedBy("qof-prevalence"), [
      PREVALENCE,
      PREVALENCE_2223,
      PREVALENCE_2425,
    ]);
    assert.deepEqual(await filesRecognisedBy("qof-geographies"), [GEOGRAPHIES, GEOGRAPHIES_2223]);
    assert.deepEqual(await filesRecognisedBy("qof-indicators"), [INDICATORS]);
    assert.deepEqual(await filesRecognisedBy("qof-practice-reference"), [REFERENCE]);
  });

  const rejects: [string, string, string, string | Buffer, RegExp][] = [
    [
      "epcn-pcn-details",
      "a duplicate PCN",
      "epcn.csv",
      [DETAILS_HEADER, detail("U00070"), detail("U00070")].join("\n"),
      /epcn\.csv', line 3, column 'PCN Code': expected each PCN once, found 'U00070' a second time/,
    ],
    [
      "epcn-pcn-details",
      "a bad open date",
      "epcn.csv",
      [DETAILS_HEADER, detail("U00070", "2019-13-01")].join("\n"),
      /epcn\.csv', line 2, column 'Open Date': expected a date .*found '2019-13-01'/,
    ],
    [
      "epcn-pcn-details",
      "a close date before the open date",
      "epcn.csv",
      [DETAILS_HEADER, detail("U00070", "20200401", "20190331")].join("\n"),
      /epcn\.csv', line 2, column 'Close Date': expected a date on or after 2020-04-01, found 2019-03-31/,
    ],
    [
      "epcn-pcn-details",
      "a truncated file",
      "epcn.csv",
      [DETAILS_HEADER, detail("U00070"), detail("U00071").slice(0, 30)].join("\n"),
      /epcn\.csv', line 3: expected 12 fields, found \d+/,
    ],
    [
      "epcn-membership",
      "a duplicate membership",
      "epcn.csv",
      [
        MEMBERS_HEADER,
        member("A81001", "20191001", "20200331"),
        member("A81001", "20191001", "20200331"),
      ].join("\n"),
      /epcn\.csv', line 3, column 'Practice to PCN Relationship Start Date': expected each membership once/,
    ],
    [
      "epcn-membership",
      "a renamed column",
      "epcn.csv",
      [MEMBERS_HEADER.replace("Partner Organisation Code", "Practice Code"), member("A81001")].join("\n"),
      /epcn\.csv', line 1: expected column 'Partner Organisation Code'/,
    ],
    [
      "epcn-membership",
      "invalid UTF-8",
      "epcn.csv",
      Buffer.concat([
        Buffer.from(`${MEMBERS_HEADER}\n${member("A81001")}\nA81002,CAF`),
        Buffer.from([0xc9]),
        Buffer.from("\n"),
      ]),
      /epcn\.csv', line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
    ],
    [
      "epcn-membership",
      "an empty file",
      "epcn.csv",
      "",
      /epcn\.csv': expected a header line and data rows, found an empty file/,
    ],
    [
      "epcn-membership",
      "a PCN details file forced as membership",
      "epcn.csv",
      [DETAILS_HEADER, detail("U00070")].join("\n"),
      /epcn\.csv', line 1: expected columns 'Partner Organisation Code'/,
    ],
    [
      "qof-prevalence",
      "a duplicate practice and register",
      "PREVALENCE_2021.csv",
      [PREV_HEADER, prev("A81001"), prev("A81001", "AST"), prev("A81001")].join("\n"),
      /PREVALENCE_2021\.csv', line 4, column 'GROUP_CODE': expected each practice and register once, found A81001 AF a second time \(first on line 2\)/,
    ],
    [
      "qof-prevalence",
      "a non-numeric register",
      "PREVALENCE_2021.csv",
      [PREV_HEADER, prev("A81001", "AF", "ninety")].join("\n"),
      /PREVALENCE_2021\.csv', line 2, column 'REGISTER': expected a whole number, found 'ninety'/,
    ],
    [
      "qof-prevalence",
      "an unknown list type",
      "PREVALENCE_2021.csv",
      [PREV_HEADER, prev("A81001", "AF", "95", "ADULTS")].join("\n"),
      /PREVALENCE_2021\.csv', line 2, column 'PATIENT_LIST_TYPE': expected a list type such as TOTAL or 18OV, found 'ADULTS'/,
    ],
    [
      "qof-prevalence",
      "no QOF year in the file or folder name",
      "PREVALENCE.csv",
      [PREV_HEADER, prev("A81001")].join("\n"),
      /PREVALENCE\.csv': expected the QOF year in the file name .*found 'PREVALENCE\.csv'/,
    ],
    [
      "qof-prevalence",
      "a truncated file",
      "PREVALENCE_2021.csv",
      [PREV_HEADER, prev("A81001"), "A81001,AST,3"].join("\n"),
      /PREVALENCE_2021\.csv', line 3: expected 5 fields, found 3/,
    ],
    [
      "qof-geographies",
      "a prevalence file forced as geographies",
      "MAPPING_2021.csv",
      [PREV_HEADER, prev("A81001")].join("\n"),
      /MAPPING_2021\.csv', line 1: expected columns 'REGION_ODS_CODE'/,
    ],
    [
      "qof-indicators",
      "a duplicate indicator",
      "MAPPING_INDICATORS_2021.csv",
      "INDICATOR_CODE,INDICATOR_POINT_VALUE,GROUP_CODE,GROUP_DESCRIPTION,DOMAIN_CODE,DOMAIN_DESCRIPTION,PATIENT_LIST_TYPE\nAF001,5,AF,Atrial fibrillation,CL,Clinical,TOTAL\nAF001,5,AF,Atrial fibrillation,CL,Clinical,TOTAL",
      /MAPPING_INDICATORS_2021\.csv', line 3, column 'INDICATOR_CODE': expected each indicator once/,
    ],
    [
      "qof-practice-reference",
      "non-numeric points",
      "ORGANISATION_REFERENCE_2021.csv",
      "PRACTICE_CODE,REVISED_MAXIMUM_POINTS\nA81001,567\nA81002,lots",
      /ORGANISATION_REFERENCE_2021\.csv', line 3, column 'REVISED_MAXIMUM_POINTS': expected a number, found 'lots'/,
    ],
    [
      "qof-practice-reference",
      "an empty file",
      "ORGANISATION_REFERENCE_2021.csv",
      "",
      /ORGANISATION_REFERENCE_2021\.csv': expected a header line and data rows, found an empty file/,
    ],
  ];
  for (const [as, name, fileName, content, message] of rejects) {
    test(`rejects ${name} (${as}), leaving the store unchanged`, async () => {
      await expectRejected(store, tempFile(fileName, content), as, message);
    });
  }
});
