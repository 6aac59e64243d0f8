// The 5-year age × sex registrations importer on small files in the published layout: what it stores, and
// every bad row refused with its line and column, leaving the store unchanged.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempFile } from "../helpers.ts";
import { expectRejected } from "./kit.ts";
import { scalar } from "./reggeo-kit.ts";

const HEADER =
  "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS";
const row = (type: string, code: string, sex: string, age: string, n: number, date = "2026-07-01") =>
  `GP_PRAC_PAT_LIST,${date},${type},${code},,TS18 1HU,${sex},${age},${n}`;
/** A practice with two bands per sex (a real file has twenty), totals by sex and in all. */
const practice = (code: string, [f1, f2, m1, m2]: number[]) => [
  row("GP", code, "ALL", "ALL", f1! + f2! + m1! + m2!),
  row("GP", code, "FEMALE", "ALL", f1! + f2!),
  row("GP", code, "FEMALE", "0_4", f1!),
  row("GP", code, "FEMALE", "95+", f2!),
  row("GP", code, "MALE", "ALL", m1! + m2!),
  row("GP", code, "MALE", "0_4", m1!),
  row("GP", code, "MALE", "95+", m2!),
];

describe("gp-reg-pat-prac-quin-age importer", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    assert.equal((await importOne(store, shared("practices/epraccur_2026-02.csv"))).status, "imported");
  });
  after(async () => store.close());

  test("practice rows become list sizes and bands; area rows the area age structure", async () => {
    const lines = [
      HEADER,
      row("Comm Region", "Y63", "ALL", "ALL", 300),
      ...practice("A81001", [10, 20, 30, 40]),
      ...practice("A81002", [50, 60, 40, 50]),
    ];
    const o = await importOne(store, tempFile("gp-reg-pat-prac-quin-age.csv", lines.join("\r\n")));
    assert.equal(o.status, "imported", o.status === "rejected" ? o.error : "");
    if (o.status !== "imported") return;
    assert.equal(o.format.id, "gp-reg-pat-prac-quin-age");
    assert.equal(o.result.dataset.referenceDate, "2026-07-01");
    assert.equal(o.result.dataset.scope, undefined);
    assert.ok(o.result.notes.includes("Every practice's female and male age bands sum to its total."));
    assert.ok(o.result.notes.includes("The practice totals sum to the regions' total (1 region)."));
    const id = o.datasetId;
    assert.equal(
      await scalar(
        store,
        sql`SELECT sum(patients) FROM practice_list WHERE dataset_id = ${id} AND sex = 'ALL'`,
      ),
      300,
    );
    assert.equal(await scalar(store, sql`SELECT count(*) FROM practice_list WHERE dataset_id = ${id}`), 14);
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(*) FROM org_age_sex WHERE dataset_id = ${id} AND org_type = 'REGION'`,
      ),
      1,
    );
  });

  test("bands that do not sum to the total are reported, not hidden", async () => {
    const lines = [HEADER, ...practice("A81001", [10, 20, 30, 40])];
    lines[3] = row("GP", "A81001", "FEMALE", "0_4", 11);
    const o = await importOne(store, tempFile("gp-reg-pat-prac-quin-age.csv", lines.join("\n")));
    assert.equal(o.status, "imported");
    if (o.status === "imported")
      assert.ok(
        o.result.notes.some((n) =>
          /1 practices' age bands do not sum to their total, e\.g\. A81001 \(bands 101, total 100\)/.test(n),
        ),
      );
  });

  const cases: [string, string[], RegExp][] = [
    [
      "an unknown ORG_TYPE",
      [HEADER, row("CCG", "06Q", "ALL", "ALL", 5)],
      /line 2, column 'ORG_TYPE': expected GP, PCN, SUB_ICB_LOCATION_CODE, ICB or Comm Region, found 'CCG'/,
    ],
    [
      "a duplicate row",
      [HEADER, ...practice("A81001", [1, 2, 3, 4]), row("GP", "A81001", "MALE", "0_4", 3)],
      /line 9, column 'ORG_CODE': expected one row per organisation, sex and age band, found GP 'A81001' \(SEX MALE, AGE_GROUP_5 0_4\) a second time/,
    ],
    [
      "an age that is not a band",
      [HEADER, row("GP", "A81001", "FEMALE", "young", 3)],
      /line 2, column 'AGE_GROUP_5': expected ALL or a 5-year age band such as 0_4 or 95\+, found 'young'/,
    ],
    [
      "a practice not in the register",
      [HEADER, row("GP", "Z99999", "ALL", "ALL", 3)],
      /line 2, column 'ORG_CODE': expected a practice code in the practice register/,
    ],
    [
      "two extract dates",
      [HEADER, row("GP", "A81001", "ALL", "ALL", 3), row("GP", "A81002", "ALL", "ALL", 3, "2026-08-01")],
      /line 3, column 'EXTRACT_DATE': expected the same extract date on every row \(2026-07-01\)/,
    ],
    [
      "bands without a total",
      [HEADER, row("GP", "A81001", "FEMALE", "0_4", 3)],
      /column 'SEX': expected an ALL\/ALL total row for practice A81001, found only its age bands/,
    ],
  ];
  for (const [what, lines, message] of cases) {
    test(`rejects ${what}, leaving the store unchanged`, async () => {
      await expectRejected(
        store,
        tempFile("quin.csv", lines.join("\n")),
        "gp-reg-pat-prac-quin-age",
        message,
      );
    });
  }
});
