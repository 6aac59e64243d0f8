import { deleteDatasets } from "../../src/store/datasets.ts";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempFile } from "../helpers.ts";
import { csvColumn, rejectionTests, scalar, withLatin1Byte } from "./reggeo-kit.ts";

const quote = (fields: string[]) => fields.map((f) => `"${f}"`).join(",");
const row = (code: string, overrides: Record<number, string> = {}) => {
  const fields = [
    code,
    "THE SURGERY",
    "Y63",
    "QHM",
    "HEALTH CENTRE",
    "LAWSON STREET",
    "",
    "STOCKTON-ON-TEES",
    "",
  ];
  fields.push(
    "TS18 1HU",
    "19740401",
    "",
    "ACTIVE",
    "B",
    "16C",
    "20200401",
    "",
    "01642 672351",
    "",
    "",
    "",
    "1",
  );
  fields.push("", "16C", "", "RO76", "");
  for (const [i, v] of Object.entries(overrides)) fields[Number(i)] = v;
  return quote(fields);
};

const firstFields = (line: string, n: number) => line.split(",").slice(0, n).join(",");

describe("epraccur importer", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  test("February 2026 register: 15,389 organisations, 8,189 GP practices (6,604 active)", async () => {
    const outcome = await importOne(store, shared("practices/epraccur_2026-02.csv"));
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    const { dataset, rows } = outcome.result;
    assert.equal(rows, 15389);
    // No extract date in the file: the latest open/join date (3 Feb 2026) stands in for it.
    assert.equal(dataset.referenceDate, "2026-02-03");
    assert.equal(dataset.period, "February 2026");
    const id = outcome.datasetId;
    const n = (where: string) =>
      scalar(store, sql`SELECT count(*) FROM practice WHERE dataset_id = ${id} AND ${sql.raw(where)}`);
    assert.equal(await n("true"), 15389);
    assert.equal(await n("status = 'ACTIVE'"), 12515);
    assert.equal(await n("status = 'INACTIVE'"), 2680);
    assert.equal(await n("status = 'DORMANT'"), 194);
    assert.equal(await n("is_gp_practice"), 8189); // 8,183 RO76 + 6 RO76|RO268
    assert.equal(await n("is_gp_practice AND status = 'ACTIVE'"), 6604);
    assert.equal(await n("roles = 'RO76|RO268'"), 6);
    assert.equal(await n("roles = ''"), 6);
    const a81001 = await store.db
      .selectFrom("practice")
      .selectAll()
      .where("dataset_id", "=", id)
      .where("practice_code", "=", "A81001")
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...a81001, dataset_id: 0 },
      {
        dataset_id: 0,
        practice_code: "A81001",
        name: "THE DENSHAM SURGERY",
        postcode: "TS18 1HU",
        address: "HEALTH CENTRE, LAWSON STREET, STOCKTON-ON-TEES",
        region_code: "Y63",
        icb_code: "QHM",
        sub_icb_code: "16C",
        open_date: "1974-04-01",
        close_date: null,
        status: "ACTIVE",
        roles: "RO76",
        is_gp_practice: true,
      },
    );
  });

  test("every practice of the January 2026 map is in the register", async () => {
    const mapCodes = csvColumn(shared("registrations/gp-reg-pat-prac-map_2026-01.csv"), "PRACTICE_CODE");
    assert.equal(mapCodes.length, 6171);
    const rows = await store.db.selectFrom("practice").select("practice_code").execute();
    const codes = new Set(rows.map((r) => r.practice_code));
    assert.equal(mapCodes.filter((c) => codes.has(c)).length, 6171);
  });

  test("older epraccur status letters and prescribing setting 4 are read", async () => {
    const file = [row("B99001", { 12: "A", 25: "4" }), row("B99002", { 11: "20200131", 12: "C", 25: "8" })];
    const outcome = await importOne(store, tempFile("old.csv", file.join("\r\n")), { as: "epraccur" });
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    const rows = await store.db
      .selectFrom("practice")
      .select(["practice_code", "status", "is_gp_practice"])
      .where("dataset_id", "=", outcome.datasetId)
      .orderBy("practice_code")
      .execute();
    assert.deepEqual(rows, [
      { practice_code: "B99001", status: "ACTIVE", is_gp_practice: true },
      { practice_code: "B99002", status: "INACTIVE", is_gp_practice: false },
    ]);
    assert.equal(outcome.result.dataset.referenceDate, "2020-04-01");
    await deleteDatasets(store.db, [outcome.datasetId]);
  });

  rejectionTests(() => store, "epraccur", [
    {
      name: "a duplicate organisation code",
      file: "epraccur.csv",
      content: [row("A81001"), row("A81002"), row("A81001")].join("\r\n"),
      message: /line 3, column 'organisation_code'.*'A81001' a second time/,
    },
    {
      name: "a truncated last line",
      file: "epraccur.csv",
      content: [row("A81001"), firstFields(row("A81002"), 12)].join("\r\n"),
      message: /line 2: expected 27 fields, found \d+ .*truncated/,
    },
    {
      name: "a file whose quoted field never closes",
      file: "epraccur.csv",
      content: [row("A81001"), `${firstFields(row("A81002"), 12)},"ACT`].join("\r\n"),
      message: /line 2: expected a closing quote/,
    },
    {
      name: "a layout with a column missing",
      file: "epraccur.csv",
      content: [row("A81001"), row("A81002")].map((r) => r.replace(/,""$/, "")).join("\r\n"),
      message: /line 1: expected 27 fields .*found 26/,
    },
    {
      name: "an open date that is not a date",
      file: "epraccur.csv",
      content: [row("A81001"), row("A81002", { 10: "1974XX01" })].join("\r\n"),
      message: /line 2, column 'open_date': expected a date .*found '1974XX01'/,
    },
    {
      name: "an unknown status",
      file: "epraccur.csv",
      content: [row("A81001", { 12: "OPEN" })].join("\r\n"),
      message: /line 1, column 'status_code': expected a status of ACTIVE.*found 'OPEN'/,
    },
    {
      name: "a Latin-1 byte in the UTF-8 file",
      file: "epraccur.csv",
      content: withLatin1Byte(`${row("A81001")}\r\n${row("A81002").slice(0, 12)}`, row("A81002").slice(12)),
      message: /line 2: expected UTF-8 text, found bytes that are not valid UTF-8/,
    },
    {
      name: "an empty file",
      file: "epraccur.csv",
      content: "",
      message: /expected at least one data row, found an empty file/,
    },
    {
      name: "a file of another kind (the registration map)",
      file: "map.csv",
      content: readFileSync(shared("registrations/gp-reg-pat-prac-map_2026-01.csv")).subarray(0, 2000),
      message: /line 1: expected 27 fields .*found 17/,
    },
  ]);
});
