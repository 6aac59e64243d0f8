import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared } from "../helpers.ts";
import { rejectionTests, scalar, withLatin1Byte } from "./reggeo-kit.ts";

const RENAMED = shared("other/ods_changes/sicbl_retained_renamed_2026-04.csv");
const FRIMLEY = shared("other/ods_changes/frimley_lsoa11_reallocation_2026-04.csv");
const R_HEADER =
  "sub_icb_location_code,sub_icb_location_name_before_2026-04-01,sub_icb_location_name_from_2026-04-01,new_icb_name";
const rRow = (code: string) =>
  `${code},NHS SUSSEX ICB - ${code},NHS SURREY AND SUSSEX ICB - ${code},NHS SURREY AND SUSSEX INTEGRATED CARE BOARD`;
const F_HEADER =
  "LSOA11CD,LSOA11NM,SICBL22CD,SICBL22CDH,SICBL22NM,ICB22CD,ICB22CDH,ICB22NM,LAD22CD,LAD22NM,SICBL25CD,SICBL25CDH,SICBL25NM,ICB25CD,ICB25CDH,ICB25NM";
const fRow = (lsoa: string, toSub = "D9Y0V", toIcb = "QRL") =>
  `${lsoa},Hart 001A,E38000252,D4U1Y,NHS Frimley ICB - D4U1Y,E54000034,QNQ,NHS Frimley Integrated Care Board,E07000089,Hart,[tbc by ONS],${toSub},NHS Hampshire and Isle of Wight ICB - D9Y0V,[tbc by ONS],${toIcb},NHS Hampshire and Isle of Wight Integrated Care Board`;

describe("ODS change summary importers (April 2026 ICB mergers)", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  test("ods-sicbl-renamed: 23 sub-ICB locations renamed into 6 new ICBs from 1 April 2026", async () => {
    const outcome = await importOne(store, RENAMED);
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "ods-sicbl-renamed");
    assert.equal(outcome.result.rows, 23);
    assert.equal(outcome.result.dataset.referenceDate, "2026-04-01"); // from the column names
    const id = outcome.datasetId;
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(DISTINCT new_icb_name) FROM sub_icb_change WHERE dataset_id = ${id}`,
      ),
      6,
    );
    const m1j4y = await store.db
      .selectFrom("sub_icb_change")
      .select(["name_before", "name_after"])
      .where("sub_icb_code", "=", "M1J4Y")
      .executeTakeFirstOrThrow();
    assert.deepEqual(m1j4y, {
      name_before: "NHS BEDFORDSHIRE, LUTON AND MILTON KEYNES ICB - M1J4Y",
      name_after: "NHS CENTRAL EAST ICB - M1J4Y",
    });
  });

  test("ods-lsoa-reallocation: Frimley's 440 LSOAs (244 Thames Valley, 101 Hampshire & IoW, 95 Surrey & Sussex)", async () => {
    const outcome = await importOne(store, FRIMLEY);
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "ods-lsoa-reallocation");
    assert.equal(outcome.result.rows, 440);
    assert.equal(outcome.result.dataset.referenceDate, "2026-04-01");
    const id = outcome.datasetId;
    const byIcb = await store.db
      .selectFrom("lsoa_reallocation")
      .select(["to_icb_name", "to_icb_code", "to_sub_icb_code"])
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("dataset_id", "=", id)
      .groupBy(["to_icb_name", "to_icb_code", "to_sub_icb_code"])
      .orderBy("to_icb_name")
      .execute();
    assert.deepEqual(
      byIcb.map((r) => ({ ...r, n: Number(r.n) })),
      [
        {
          to_icb_name: "NHS Hampshire and Isle of Wight Integrated Care Board",
          to_icb_code: "QRL",
          to_sub_icb_code: "D9Y0V",
          n: 101,
        },
        {
          to_icb_name: "NHS Surrey and Sussex Integrated Care Board",
          to_icb_code: null,
          to_sub_icb_code: "92A",
          n: 95,
        },
        {
          to_icb_name: "NHS Thames Valley Integrated Care Board",
          to_icb_code: null,
          to_sub_icb_code: null,
          n: 244,
        },
      ],
    );
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(*) FROM lsoa_reallocation WHERE dataset_id = ${id} AND from_sub_icb_code = 'D4U1Y' AND from_icb_code = 'QNQ'`,
      ),
      440,
    );
    assert.match(outcome.result.notes.join(" "), /339 rows carry placeholder codes/);
  });

  describe("ods-sicbl-renamed rejections", () => {
    rejectionTests(() => store, "ods-sicbl-renamed", [
      {
        name: "a duplicate sub-ICB code",
        file: "renamed.csv",
        content: [R_HEADER, rRow("70F"), rRow("97R"), rRow("70F")].join("\n"),
        message:
          /line 4, column 'sub_icb_location_code': expected each sub-ICB location once, found '70F' a second time/,
      },
      {
        name: "a truncated last line",
        file: "renamed.csv",
        content: [R_HEADER, rRow("70F"), rRow("97R").slice(0, 30)].join("\n"),
        message: /line 3: expected 4 fields, found \d+ .*truncated/,
      },
      {
        name: "column names without the effective date",
        file: "renamed.csv",
        content: [R_HEADER.replaceAll("_2026-04-01", ""), rRow("70F")].join("\n"),
        message:
          /line 1: expected columns 'sub_icb_location_name_before_YYYY-MM-DD', 'sub_icb_location_name_from_YYYY-MM-DD'/,
      },
      {
        name: "a malformed code",
        file: "renamed.csv",
        content: [R_HEADER, rRow("NHS SUSSEX")].join("\n"),
        message:
          /line 2, column 'sub_icb_location_code': expected an ODS code such as 06H or M1J4Y, found 'NHS SUSSEX'/,
      },
      {
        name: "a Latin-1 byte in the UTF-8 file",
        file: "renamed.csv",
        content: withLatin1Byte(
          `${R_HEADER}\n${rRow("70F")}\n97R,NHS SUSSEX`,
          ` ICB - 97R,NHS X - 97R,NHS X`,
        ),
        message: /line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
      },
      {
        name: "an empty file",
        file: "renamed.csv",
        content: "",
        message: /expected a header line and data rows, found an empty file/,
      },
      {
        name: "a file of another kind (the Frimley reallocation)",
        file: "frimley.csv",
        content: readFileSync(FRIMLEY),
        message:
          /line 1: expected columns 'sub_icb_location_code', 'sub_icb_location_name_before_YYYY-MM-DD'/,
      },
    ]);
  });

  describe("ods-lsoa-reallocation rejections", () => {
    rejectionTests(() => store, "ods-lsoa-reallocation", [
      {
        name: "a duplicate LSOA",
        file: "frimley_2026-04.csv",
        content: [F_HEADER, fRow("E01022890"), fRow("E01022891"), fRow("E01022890")].join("\n"),
        message: /line 4, column 'LSOA11CD': expected each LSOA once, found 'E01022890' a second time/,
      },
      {
        name: "a receiving code that is neither a code nor a placeholder",
        file: "frimley_2026-04.csv",
        content: [F_HEADER, fRow("E01022890", "Hampshire")].join("\n"),
        message:
          /line 2, column 'SICBL25CDH': expected an ODS code such as 06H or M1J4Y \(or a '\[… tbc\]' placeholder\), found 'Hampshire'/,
      },
      {
        name: "a truncated last line",
        file: "frimley_2026-04.csv",
        content: [F_HEADER, fRow("E01022890"), fRow("E01022891").slice(0, 60)].join("\n"),
        message: /line 3: expected 16 fields, found \d+ .*truncated/,
      },
      {
        name: "a renamed column",
        file: "frimley_2026-04.csv",
        content: [F_HEADER.replace("ICB22CDH", "ICB22_ODS"), fRow("E01022890")].join("\n"),
        message: /line 1: expected column 'ICB22CDH', found the columns/,
      },
      {
        name: "no effective month in the file name",
        file: "frimley.csv",
        content: [F_HEADER, fRow("E01022890")].join("\n"),
        message: /expected a YYYY-MM month in the file name giving the effective date/,
      },
      {
        name: "a Latin-1 byte in the UTF-8 file",
        file: "frimley_2026-04.csv",
        content: withLatin1Byte(
          `${F_HEADER}\n${fRow("E01022890")}\nE01022891,H`,
          fRow("E01022891").slice(11),
        ),
        message: /line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
      },
      {
        name: "an empty file",
        file: "frimley_2026-04.csv",
        content: "",
        message: /expected a header line and data rows, found an empty file/,
      },
      {
        name: "a file of another kind (the renamed sub-ICB list)",
        file: "renamed_2026-04.csv",
        content: readFileSync(RENAMED),
        message: /line 1: expected two sets of sub-ICB columns, before and after/,
      },
    ]);
  });
});
