import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, snapshot, tempFile } from "../helpers.ts";

const HEADER =
  "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,ICB_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME,SUPPLIER_NAME";
const row = (code: string, pcn = "U89141") =>
  `GP_PRAC_PAT_LIST,01Jan2026,${code},A SURGERY,TS18 1HU,${pcn},STOCKTON PCN,E38000247,16C,NHS North East and North Cumbria ICB - 16C,E54000050,QHM,NHS North East and North Cumbria Integrated Care Board,E40000012,Y63,North East and Yorkshire,TPP`;

describe("gp-reg-pat-prac-map importer", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  test("January 2026 map: 6,171 practices, 1,298 PCNs plus U, 106 sub-ICBs, 42 ICBs, 7 regions", async () => {
    const outcome = await importOne(store, shared("registrations/gp-reg-pat-prac-map_2026-01.csv"));
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.result.dataset.referenceDate, "2026-01-01");
    const id = outcome.datasetId;
    const count = async (
      column: "practice_code" | "pcn_code" | "sub_icb_code" | "icb_code" | "region_code",
    ) => {
      const r = await store.db
        .selectFrom("org_map")
        .select((eb) => eb.fn.count<string>(column).distinct().as("n"))
        .where("dataset_id", "=", id)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    assert.equal(await count("practice_code"), 6171);
    assert.equal(await count("pcn_code"), 1299); // 1,298 PCNs and the pseudo-code U
    assert.equal(await count("sub_icb_code"), 106);
    assert.equal(await count("icb_code"), 42);
    assert.equal(await count("region_code"), 7);
    const unallocated = await store.db
      .selectFrom("org_map")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("dataset_id", "=", id)
      .where("pcn_code", "=", "U")
      .executeTakeFirstOrThrow();
    assert.equal(Number(unallocated.n), 59);
  });

  test("CCG-era map (September 2020) maps CCGs to sub-ICB columns", async () => {
    const outcome = await importOne(store, shared("registrations/history/gp-reg-pat-prac-map_2020-09.csv"));
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.result.dataset.referenceDate, "2020-09-01");
    assert.equal(outcome.result.rows, 6708);
    assert.deepEqual(outcome.result.dataset.meta, { era: "ccg" });
  });

  const rejects: [string, string, RegExp][] = [
    [
      "duplicate practice code",
      [HEADER, row("A81001"), row("A81001")].join("\n"),
      /line 3, column 'PRACTICE_CODE'.*A81001.*second time/,
    ],
    [
      "truncated last line",
      [HEADER, row("A81001"), row("A81002").slice(0, 60)].join("\n"),
      /line 3: expected 17 fields, found \d+ .*truncated/,
    ],
    [
      "renamed column",
      [HEADER.replace("PCN_CODE", "PCN_ID"), row("A81001")].join("\n"),
      /line 1: expected column 'PCN_CODE'.*found the columns/,
    ],
    [
      "bad practice code",
      [HEADER, row("12345")].join("\n"),
      /line 2, column 'PRACTICE_CODE': expected an ODS practice code/,
    ],
    ["only a header", HEADER, /expected at least one data row, found only a header line/],
  ];
  for (const [name, content, message] of rejects) {
    test(`rejects a file with a ${name}, leaving the store unchanged`, async () => {
      const before = await snapshot(store);
      const outcome = await importOne(store, tempFile("map.csv", content), { as: "gp-reg-pat-prac-map" });
      assert.equal(outcome.status, "rejected");
      if (outcome.status === "rejected") assert.match(outcome.error, message);
      assert.deepEqual(await snapshot(store), before);
    });
  }
});
