import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempFile } from "../helpers.ts";
import { expectRejected, filesRecognisedBy } from "./kit.ts";

const IMD19 = "deprivation/imd2019_rank_decile_lsoa11.csv";
const IOD25 = "deprivation/iod2025_imd_rank_decile_lsoa21.csv";
const SW_PRACTICE = "deprivation/practice_imd2019_score_swahsn_2023-01.csv";
const SW_PCN = "deprivation/pcn_imd2019_score_swahsn_2023-01.csv";
const FINGERTIPS = "deprivation/practice_imd_score_fingertips_93553.csv";

const LSOA_HEADER = "lsoa11_code,lsoa11_name,lad19_code,lad19_name,imd2019_rank,imd2019_decile";
const lsoa = (code: string, rank = "29199", decile = "9") =>
  `${code},City of London 001A,E09000001,City of London,${rank},${decile}`;
const SW_HEADER = '"practice_code","practice_name","postcode","subicb_code","imd_score","imd_decile"';
const sw = (code: string, score = "34.5687225678029") =>
  `"${code}","THE SURGERY","TS18 1HU","16C",${score},2`;
const FT_HEADER = "\uFEFFIndicatorID,Year,AreaCode,AreaName,IsAreaCurrent,Value";
const ft = (code: string, year = 2019, indicator = 93553) =>
  `${indicator},${year},${code},The Densham Surgery,1,25.07512244`;

describe("deprivation importers", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  const deciles = async (datasetId: number) => {
    const rows = await store.db
      .selectFrom("lsoa_imd")
      .select(["imd_decile", (eb) => eb.fn.countAll<string>().as("n")])
      .where("dataset_id", "=", datasetId)
      .groupBy("imd_decile")
      .orderBy("imd_decile")
      .execute();
    return rows.map((r) => Number(r.n));
  };

  test("IoD2019 on LSOA 2011: 32,844 LSOAs, ten equal deciles", async () => {
    const outcome = await importOne(store, shared(IMD19));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "lsoa-imd");
    assert.equal(outcome.result.rows, 32_844);
    assert.equal(outcome.result.dataset.referenceDate, "2019-09-26");
    assert.equal(outcome.result.dataset.period, "IoD2019");
    assert.deepEqual(outcome.result.dataset.meta, { edition: 2019, vintage: 2011, scores: false });
    assert.deepEqual(
      await deciles(outcome.datasetId),
      [3284, 3284, 3285, 3284, 3285, 3284, 3284, 3285, 3284, 3285],
    );
    const first = await store.db
      .selectFrom("lsoa_imd")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("lsoa_code", "=", "E01000001")
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [first.vintage, first.edition, first.imd_rank, first.imd_decile, first.imd_score, first.lad_code],
      [2011, 2019, 29199, 9, null, "E09000001"],
    );
  });

  test("IoD2025 on LSOA 2021: 33,755 LSOAs", async () => {
    const outcome = await importOne(store, shared(IOD25));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.result.rows, 33_755);
    assert.equal(outcome.result.dataset.referenceDate, "2025-10-30");
    assert.deepEqual(outcome.result.dataset.meta, { edition: 2025, vintage: 2021, scores: false });
    const d = await deciles(outcome.datasetId);
    assert.equal(d.length, 10);
    assert.equal(
      d.reduce((a, b) => a + b, 0),
      33_755,
    );
  });

  test("official IoD File 7 column names (with the IMD score) are read too", async () => {
    const header =
      "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Score,Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),Income Score (rate)";
    const outcome = await importOne(
      store,
      tempFile(
        "File_7.csv",
        [
          header,
          "E01000001,City of London 001A,E09000001,City of London,6.208,29199,9,0.007",
          "E01000002,City of London 001B,E09000001,City of London,5.143,30379,10,0.034",
        ].join("\n"),
      ),
    );
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "lsoa-imd");
    assert.deepEqual(outcome.result.dataset.meta, { edition: 2019, vintage: 2011, scores: true });
    assert.equal(outcome.replaced, 1); // the same edition replaces the earlier IoD2019 import
    const rows = await store.db
      .selectFrom("lsoa_imd")
      .select(["lsoa_code", "imd_score", "imd_rank"])
      .where("dataset_id", "=", outcome.datasetId)
      .orderBy("lsoa_code")
      .execute();
    assert.deepEqual(rows, [
      { lsoa_code: "E01000001", imd_score: 6.208, imd_rank: 29199 },
      { lsoa_code: "E01000002", imd_score: 5.143, imd_rank: 30379 },
    ]);
  });

  test("SW AHSN practice IMD 2019: 6,437 practices; A81001 scores 34.57, decile 2", async () => {
    const outcome = await importOne(store, shared(SW_PRACTICE));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "practice-imd-swahsn");
    assert.equal(outcome.result.rows, 6_437);
    assert.equal(outcome.result.dataset.referenceDate, "2023-01-01");
    const a = await store.db
      .selectFrom("practice_imd")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("practice_code", "=", "A81001")
      .executeTakeFirstOrThrow();
    assert.equal(Math.round(a.imd_score * 100) / 100, 34.57);
    assert.equal(a.imd_decile, 2);
    assert.equal(a.edition, 2019);
  });

  test("SW AHSN PCN IMD 2019: 1,265 rows including U (Unknown)", async () => {
    const outcome = await importOne(store, shared(SW_PCN));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "pcn-imd-swahsn");
    assert.equal(outcome.result.rows, 1_265);
    const u = await store.db
      .selectFrom("pcn_imd")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("pcn_code", "=", "U")
      .executeTakeFirstOrThrow();
    assert.equal(u.pcn_name, "Unknown");
  });

  test("Fingertips 93553: IMD 2010 8,222, IMD 2015 7,878, IMD 2019 6,980 practices", async () => {
    const outcome = await importOne(store, shared(FINGERTIPS));
    assert.equal(outcome.status, "imported", outcome.status === "rejected" ? outcome.error : "");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "practice-imd-fingertips");
    assert.equal(outcome.result.rows, 23_080);
    assert.equal(outcome.result.dataset.referenceDate, "2019-09-26");
    const rows = await store.db
      .selectFrom("practice_imd")
      .select(["edition", (eb) => eb.fn.countAll<string>().as("n")])
      .where("dataset_id", "=", outcome.datasetId)
      .groupBy("edition")
      .orderBy("edition")
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.edition, Number(r.n)]),
      [
        [2010, 8_222],
        [2015, 7_878],
        [2019, 6_980],
      ],
    );
    const a = await store.db
      .selectFrom("practice_imd")
      .select("imd_score")
      .where("dataset_id", "=", outcome.datasetId)
      .where("practice_code", "=", "A81001")
      .where("edition", "=", 2010)
      .executeTakeFirstOrThrow();
    assert.equal(a.imd_score, 25.07512244);
  });

  test("the deprivation formats recognise exactly their own files in ../shared/data", async () => {
    assert.deepEqual(await filesRecognisedBy("lsoa-imd"), [IMD19, IOD25]);
    assert.deepEqual(await filesRecognisedBy("practice-imd-swahsn"), [SW_PRACTICE]);
    assert.deepEqual(await filesRecognisedBy("pcn-imd-swahsn"), [SW_PCN]);
    assert.deepEqual(await filesRecognisedBy("practice-imd-fingertips"), [FINGERTIPS]);
  });

  const rejects: [string, string, string | Buffer, RegExp][] = [
    [
      "lsoa-imd",
      "a decile of 11",
      [LSOA_HEADER, lsoa("E01000001"), lsoa("E01000002", "30379", "11")].join("\n"),
      /d\.csv', line 3, column 'imd2019_decile': expected a number from 1 to 10, found '11'/,
    ],
    [
      "lsoa-imd",
      "a rank of 0",
      [LSOA_HEADER, lsoa("E01000001", "0")].join("\n"),
      /d\.csv', line 2, column 'imd2019_rank': expected a number of at least 1, found '0'/,
    ],
    [
      "lsoa-imd",
      "a non-numeric rank",
      [LSOA_HEADER, lsoa("E01000001", "high")].join("\n"),
      /d\.csv', line 2, column 'imd2019_rank': expected a whole number, found 'high'/,
    ],
    [
      "lsoa-imd",
      "a duplicate LSOA",
      [LSOA_HEADER, lsoa("E01000001"), lsoa("E01000002"), lsoa("E01000001")].join("\n"),
      /d\.csv', line 4, column 'lsoa11_code': expected each LSOA once, found 'E01000001' a second time \(first on line 2\)/,
    ],
    [
      "lsoa-imd",
      "a renamed column",
      [LSOA_HEADER.replace("imd2019_decile", "imd_decile_2019"), lsoa("E01000001")].join("\n"),
      /d\.csv', line 1: expected column 'imd2025_decile' \(or 'imd2019_decile'.*found the columns/,
    ],
    [
      "lsoa-imd",
      "LSOA 2011 codes with IMD 2025 columns",
      "lsoa11_code,imd2025_rank,imd2025_decile\nE01000001,1,1",
      /d\.csv', line 1: expected LSOA 2021 codes for IoD2025, found LSOA 2011 codes/,
    ],
    [
      "lsoa-imd",
      "a truncated file",
      [LSOA_HEADER, lsoa("E01000001"), lsoa("E01000002").slice(0, 25)].join("\n"),
      /d\.csv', line 3: expected 6 fields, found \d+/,
    ],
    [
      "lsoa-imd",
      "invalid UTF-8",
      Buffer.concat([
        Buffer.from(`${LSOA_HEADER}\n${lsoa("E01000001")}\nE01000002,Caf`),
        Buffer.from([0xe9]),
        Buffer.from(",E09000001,x,1,1\n"),
      ]),
      /d\.csv', line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
    ],
    ["lsoa-imd", "an empty file", "", /d\.csv': expected a header line and data rows, found an empty file/],
    [
      "lsoa-imd",
      "a practice IMD file forced as LSOA IMD",
      [SW_HEADER, sw("A81001")].join("\n"),
      /d\.csv', line 1: expected columns 'lsoa11_code'/,
    ],
    [
      "practice-imd-swahsn",
      "a duplicate practice",
      [SW_HEADER, sw("A81001"), sw("A81001")].join("\n"),
      /d\.csv', line 3, column 'practice_code': expected each practice once, found 'A81001' a second time/,
    ],
    [
      "practice-imd-swahsn",
      "a non-numeric score",
      [SW_HEADER, sw("A81001", "high")].join("\n"),
      /d\.csv', line 2, column 'imd_score': expected a number, found 'high'/,
    ],
    [
      "pcn-imd-swahsn",
      "a practice file forced as PCN IMD",
      [SW_HEADER, sw("A81001")].join("\n"),
      /d\.csv', line 1: expected columns 'pcn_code', 'pcn_name'/,
    ],
    [
      "practice-imd-fingertips",
      "another Fingertips indicator",
      [FT_HEADER, ft("A81001"), ft("A81002", 2019, 90453)].join("\r\n"),
      /d\.csv', line 3, column 'IndicatorID': expected indicator 93553, found '90453'/,
    ],
    [
      "practice-imd-fingertips",
      "an unknown IMD edition",
      [FT_HEADER, ft("A81001", 2007)].join("\r\n"),
      /d\.csv', line 2, column 'Year': expected an IMD edition: 2010, 2015 or 2019, found '2007'/,
    ],
    [
      "practice-imd-fingertips",
      "a duplicate practice and edition",
      [FT_HEADER, ft("A81001", 2015), ft("A81001", 2019), ft("A81001", 2015)].join("\r\n"),
      /d\.csv', line 4, column 'AreaCode': expected each practice and IMD edition once, found practice A81001 for IMD 2015 a second time/,
    ],
    [
      "practice-imd-fingertips",
      "a malformed area code",
      [FT_HEADER, ft("A8100")].join("\r\n"),
      /d\.csv', line 2, column 'AreaCode': expected an ODS practice code such as A81001, found 'A8100'/,
    ],
  ];
  for (const [as, name, content, message] of rejects) {
    test(`rejects ${name} (${as}), leaving the store unchanged`, async () => {
      await expectRejected(store, tempFile("d.csv", content), as, message);
    });
  }
});
