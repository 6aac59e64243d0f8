// Loading the demo: one transaction of datasets flagged synthetic (scope "demo") under the real source ids,
// replaced on reload, readable by the same picture loader as real data, and never touching real datasets.
import { decodePaymentLines } from "../../src/model/payment-lines.ts";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadDemo, type DemoSummary } from "../../src/app/load-demo.ts";
import { generateDemoIcs } from "../../src/sources/demo/index.ts";
import { FACT_TABLES } from "../../src/store/datasets.ts";
import { loadPicture } from "../../src/app/load-picture.ts";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, tempFile } from "../helpers.ts";

const SOURCES = [
  "epraccur",
  "postcode-coordinates",
  "gp-reg-pat-prac-map",
  "gp-reg-pat-prac-all",
  "gp-reg-pat-prac-lsoa-all",
  "lsoa-imd",
  "lsoa-centroids",
  "heec-practice-workforce",
  "nhs-payments",
  "pcn-workforce-individual",
  "epcn-pcn-details",
  "epcn-membership",
];

const MAP_HEADER =
  "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,ICB_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME,SUPPLIER_NAME";
const mapRow = (code: string) =>
  `GP_PRAC_PAT_LIST,01Jan2026,${code},A SURGERY,TS18 1HU,U89141,STOCKTON PCN,E38000247,16C,NHS North East and North Cumbria ICB - 16C,E54000050,QHM,NHS North East and North Cumbria Integrated Care Board,E40000012,Y63,North East and Yorkshire,TPP`;

async function realState(store: Store) {
  const datasets = await store.db
    .selectFrom("dataset")
    .select(["id", "source", "title", "reference_date", "row_count", "meta"])
    .where("synthetic", "=", false)
    .orderBy("id")
    .execute();
  const orgMap = await store.db
    .selectFrom("org_map")
    .innerJoin("dataset", "dataset.id", "org_map.dataset_id")
    .selectAll("org_map")
    .where("dataset.synthetic", "=", false)
    .orderBy("practice_code")
    .execute();
  return JSON.stringify({ datasets, orgMap });
}

describe("loadDemo", () => {
  let store: Store;
  let first: DemoSummary;
  let realBefore: string;

  before(async () => {
    store = await memoryStore();
    const real = await importOne(
      store,
      tempFile("gp-reg-pat-prac-map.csv", [MAP_HEADER, mapRow("A81001"), mapRow("A81002")].join("\n")),
    );
    assert.equal(real.status, "imported");
    realBefore = await realState(store);
    first = await loadDemo(store, { seed: 2026 });
  });
  after(async () => store.close());

  test("writes every demo source as datasets flagged synthetic, scope demo, titled SYNTHETIC DEMO –", async () => {
    const rows = await store.db
      .selectFrom("dataset")
      .select(["id", "source", "title", "synthetic", "meta", "row_count", "reference_date", "period"])
      .where("synthetic", "=", true)
      .execute();
    assert.equal(rows.length, first.datasets.length);
    assert.deepEqual([...new Set(rows.map((r) => r.source))].sort(), [...SOURCES].sort());
    assert.equal(rows.filter((r) => r.source === "nhs-payments").length, 6);
    for (const r of rows) {
      assert.equal(r.synthetic, true);
      assert.match(r.title, /^SYNTHETIC DEMO – /);
      const meta = r.meta as { scope: string; seed: number };
      assert.equal(meta.scope, "demo");
      assert.equal(meta.seed, 2026);
    }
    const byDate = Object.fromEntries(
      rows.filter((r) => r.source !== "nhs-payments").map((r) => [r.source, r.reference_date]),
    );
    assert.equal(byDate["gp-reg-pat-prac-map"], "2026-01-01");
    assert.equal(byDate["gp-reg-pat-prac-all"], "2025-04-01");
    assert.equal(byDate["heec-practice-workforce"], "2025-03-31");
    assert.equal(byDate["pcn-workforce-individual"], "2025-09-01");
    assert.deepEqual(
      rows
        .filter((r) => r.source === "nhs-payments")
        .map((r) => r.period)
        .sort(),
      ["FY2019-20", "FY2020-21", "FY2021-22", "FY2022-23", "FY2023-24", "FY2024-25"],
    );
  });

  test("row counts match the generator", async () => {
    const demo = generateDemoIcs(2026);
    const count = async (
      table: "practice" | "org_map" | "practice_list" | "practice_lsoa" | "payment" | "pcn_workforce",
    ) => {
      const r = await store.db
        .selectFrom(table)
        .innerJoin("dataset", "dataset.id", `${table}.dataset_id`)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("dataset.synthetic", "=", true)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    assert.equal(await count("practice"), demo.practice.length);
    assert.equal(await count("org_map"), demo.orgMap.length);
    assert.equal(await count("practice_list"), demo.practiceList.length);
    assert.equal(await count("practice_lsoa"), demo.practiceLsoa.length);
    assert.equal(
      await count("payment"),
      Object.values(demo.payments).reduce((a, r) => a + r.length, 0),
    );
    assert.equal(await count("pcn_workforce"), demo.pcnWorkforce.length);
    const lines = await store.db
      .selectFrom("payment")
      .innerJoin("dataset", "dataset.id", "payment.dataset_id")
      .select(["lines", "global_sum", "dataset.meta"])
      .where("practice_code", "=", demo.practice[0]!.practice_code)
      .where("fiscal_year", "=", "2024-25")
      .executeTakeFirstOrThrow();
    const columns = (lines.meta as { lineColumns: string[] }).lineColumns;
    assert.equal(decodePaymentLines(columns, lines.lines)["Global Sum"], lines.global_sum);
  });

  test("the picture loader reads the demo as it reads real data", async () => {
    const picture = await loadPicture(store.db, { synthetic: true });
    assert.equal(picture.practices.length, first.practices);
    assert.equal(picture.sources.map.synthetic, true);
    for (const p of picture.practices) {
      assert.ok(p.listSize !== null && p.listSize > 0, `${p.code} list`);
      assert.ok(p.weightedList !== null, `${p.code} weighted list`);
      assert.ok(p.workforce !== null, `${p.code} workforce`);
      assert.ok(p.deprivation !== null, `${p.code} deprivation`);
      assert.ok(p.site.lat !== null, `${p.code} site`);
      assert.equal(p.icb.code, "Q99");
    }
    assert.equal(
      picture.practices.reduce((a, p) => a + (p.listSize ?? 0), 0),
      first.patients,
    );
  });

  test("loading the demo did not change the real datasets", async () => {
    assert.equal(await realState(store), realBefore);
    const real = await loadPicture(store.db, { synthetic: false });
    assert.deepEqual(
      real.practices.map((p) => p.code),
      ["A81001", "A81002"],
    );
  });

  test("loading again replaces the previous demo: one demo set, real data untouched", async () => {
    const again = await loadDemo(store, { seed: 7 });
    assert.equal(again.replaced, first.datasets.length);
    const synthetic = await store.db
      .selectFrom("dataset")
      .select(["id", "meta"])
      .where("synthetic", "=", true)
      .execute();
    assert.equal(synthetic.length, first.datasets.length);
    assert.ok(synthetic.every((d) => (d.meta as { seed: number }).seed === 7));
    const stale = await store.db
      .selectFrom("practice")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where(
        "dataset_id",
        "in",
        first.datasets.map((d) => d.id),
      )
      .executeTakeFirstOrThrow();
    assert.equal(Number(stale.n), 0);
    // Fact tables have no foreign key: no row may be left without its dataset.
    for (const table of FACT_TABLES) {
      const orphans = await store.db
        .selectFrom(table)
        .leftJoin("dataset", "dataset.id", `${table}.dataset_id`)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("dataset.id", "is", null)
        .executeTakeFirstOrThrow();
      assert.equal(Number(orphans.n), 0, `${table}: rows left by the previous demo`);
    }
    assert.equal(await realState(store), realBefore);
  });
});
