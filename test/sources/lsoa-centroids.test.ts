import { deleteDatasets } from "../../src/store/datasets.ts";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempFile } from "../helpers.ts";
import { rejectionTests, scalar, withLatin1Byte } from "./reggeo-kit.ts";

const HEADER = "X,Y,objectid,lsoa11cd,lsoa11nm";
const row = (code: string, x = "-1.494513240643613", y = "54.972006162608636") =>
  `${x},${y},1001,${code},South Tyneside 009F`;

describe("lsoa-centroids importer", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  test("LSOA (December 2011) population-weighted centroids: 34,753 (32,844 English, 1,909 Welsh)", async () => {
    const outcome = await importOne(store, shared("boundaries/lsoa11_population_weighted_centroids.csv"));
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.result.rows, 34753);
    assert.equal(outcome.result.dataset.referenceDate, "2011-12-01");
    const id = outcome.datasetId;
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(*) FROM lsoa_centroid WHERE dataset_id = ${id} AND lsoa_code LIKE 'E01%'`,
      ),
      32844,
    );
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(*) FROM lsoa_centroid WHERE dataset_id = ${id} AND vintage = 2011`,
      ),
      34753,
    );
    const first = await store.db
      .selectFrom("lsoa_centroid")
      .select(["name", "lat", "lon"])
      .where("dataset_id", "=", id)
      .where("lsoa_code", "=", "E01008657")
      .executeTakeFirstOrThrow();
    assert.deepEqual(first, {
      name: "South Tyneside 009F",
      lat: 54.972006162608636,
      lon: -1.494513240643613,
    });
  });

  test("the 2021 layout with British National Grid X/Y is converted to WGS84", async () => {
    // E01008657 2011 centroid as eastings/northings (BNG), under 2021 column names.
    const content = [
      "FID,LSOA21CD,LSOA21NM,GlobalID,x,y",
      "1,E01008657,South Tyneside 009F,{abc},432456.6,564271.1",
    ];
    const outcome = await importOne(store, tempFile("lsoa21_pwc.csv", content.join("\r\n")));
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "lsoa-centroids");
    assert.equal(outcome.result.dataset.referenceDate, "2021-12-01");
    const row = await store.db
      .selectFrom("lsoa_centroid")
      .select(["vintage", "lat", "lon"])
      .where("dataset_id", "=", outcome.datasetId)
      .executeTakeFirstOrThrow();
    assert.equal(row.vintage, 2021);
    assert.ok(Math.abs(row.lat - 54.972) < 0.002 && Math.abs(row.lon + 1.4945) < 0.002, JSON.stringify(row));
    await deleteDatasets(store.db, [outcome.datasetId]);
  });

  rejectionTests(() => store, "lsoa-centroids", [
    {
      name: "a duplicate LSOA",
      file: "centroids.csv",
      content: [HEADER, row("E01008657"), row("E01008654"), row("E01008657")].join("\n"),
      message: /line 4, column 'lsoa11cd': expected each LSOA once, found 'E01008657' a second time/,
    },
    {
      name: "a truncated last line",
      file: "centroids.csv",
      content: [HEADER, row("E01008657"), row("E01008654").slice(0, 30)].join("\n"),
      message: /line 3: expected 5 fields, found \d+ .*truncated/,
    },
    {
      name: "a renamed column",
      file: "centroids.csv",
      content: [HEADER.replace("lsoa11cd", "code"), row("E01008657")].join("\n"),
      message: /line 1: expected column 'lsoa11cd' \(or 'lsoa21cd'\), found the columns/,
    },
    {
      name: "a non-numeric coordinate",
      file: "centroids.csv",
      content: [HEADER, row("E01008657", "-1.49x")].join("\n"),
      message: /line 2, column 'X': expected a number, found '-1.49x'/,
    },
    {
      name: "a latitude outside England and Wales",
      file: "centroids.csv",
      content: [HEADER, row("E01008657"), row("E01008654", "-1.5", "58.2")].join("\n"),
      message: /line 3, column 'Y': expected a latitude from 49 to 56/,
    },
    {
      name: "a Latin-1 byte in the UTF-8 file",
      file: "centroids.csv",
      content: withLatin1Byte(`${HEADER}\n${row("E01008657")}\n-1.5,54.9,1002,E01008654,Gwynedd`, " 001A"),
      message: /line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
    },
    {
      name: "an empty file",
      file: "centroids.csv",
      content: "",
      message: /expected a header line and data rows, found an empty file/,
    },
    {
      name: "a file of another kind (the LSOA to PCN lookup)",
      file: "lookup.csv",
      content: readFileSync(shared("boundaries/sussex/lsoa11_to_pcn_west_sussex_2022-02.csv")),
      message: /line 1: expected columns 'X' \(or 'LONG', 'longitude'\), 'Y' \(or 'LAT', 'latitude'\)/,
    },
  ]);
});
