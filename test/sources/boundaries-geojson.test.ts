import { deleteDatasets } from "../../src/store/datasets.ts";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempFile } from "../helpers.ts";
import { csvColumn, rejectionTests, scalar, withLatin1Byte } from "./reggeo-kit.ts";

const square = (x: number, y: number, d = 0.01) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const feature = (code: string, properties: Record<string, unknown> = {}, geometry: unknown = undefined) => ({
  type: "Feature",
  properties: { ICB23CD: code, ICB23NM: `NHS ${code} Integrated Care Board`, ...properties },
  geometry: geometry ?? { type: "Polygon", coordinates: square(-1.5, 53) },
});
const collection = (...features: unknown[]) =>
  JSON.stringify({ type: "FeatureCollection", features }, null, 1);

describe("ons-boundaries (GeoJSON) importer", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  const files: [string, string, number, string, string][] = [
    ["icb_2023-04_en_bsc.geojson", "icb", 42, "2023-04-01", "icb"],
    ["sub_icb_2023-04_en_bsc.geojson", "sub-icb", 106, "2023-04-01", "sub-icb"],
    ["nhs_england_regions_2024-01_en_bsc.geojson", "region", 7, "2024-01-01", "region"],
    ["sussex/lsoa11_sussex_boundaries.geojson", "lsoa11", 999, "2011-12-01", "lsoa11:sussex"],
    ["sussex/pcn_west_sussex_2022_boundaries.geojson", "pcn", 20, "2022-01-01", "pcn:west-sussex"],
  ];
  for (const [file, level, features, date, scope] of files) {
    test(`${file}: ${features} ${level} boundaries, ${date}, scope ${scope}`, async () => {
      const outcome = await importOne(store, shared("boundaries", file));
      assert.equal(outcome.status, "imported");
      if (outcome.status !== "imported") return;
      assert.equal(outcome.result.rows, features);
      assert.equal(outcome.result.dataset.referenceDate, date);
      assert.equal(outcome.result.dataset.scope, scope);
      const id = outcome.datasetId;
      assert.equal(
        await scalar(store, sql`SELECT count(*) FROM boundary WHERE dataset_id = ${id} AND level = ${level}`),
        features,
      );
      assert.equal(
        await scalar(
          store,
          sql`SELECT count(*) FROM boundary WHERE dataset_id = ${id}
              AND geometry->>'type' IN ('Polygon', 'MultiPolygon') AND centroid_lat BETWEEN 49.8 AND 55.9
              AND centroid_lon BETWEEN -6.5 AND 1.8 AND name IS NOT NULL`,
        ),
        features,
      );
    });
  }

  test("ICB and sub-ICB codes match the January 2026 registration map 42/42 and 106/106", async () => {
    const codes = async (level: string) =>
      new Set(
        (await store.db.selectFrom("boundary").select("code").where("level", "=", level).execute()).map(
          (r) => r.code,
        ),
      );
    const map = shared("registrations/gp-reg-pat-prac-map_2026-01.csv");
    const icbs = new Set(csvColumn(map, "ONS_ICB_CODE"));
    const subIcbs = new Set(csvColumn(map, "ONS_SUB_ICB_LOCATION_CODE"));
    assert.equal(icbs.size, 42);
    assert.equal(subIcbs.size, 106);
    assert.deepEqual([...icbs].sort(), [...(await codes("icb"))].sort());
    assert.deepEqual([...subIcbs].sort(), [...(await codes("sub-icb"))].sort());
  });

  test("centroids: LAT/LONG properties when present, else the bounding-box centre", async () => {
    const icb = await store.db
      .selectFrom("boundary")
      .select(["centroid_lat", "centroid_lon", "name"])
      .where("code", "=", "E54000008")
      .executeTakeFirstOrThrow();
    assert.deepEqual(icb, {
      centroid_lat: 53.32473,
      centroid_lon: -2.38572,
      name: "NHS Cheshire and Merseyside Integrated Care Board",
    });
    const outcome = await importOne(
      store,
      tempFile(
        "pcn_test_2020.geojson",
        collection({
          type: "Feature",
          properties: { PCN_Code: "U00001", PCN_Name: "A PCN" },
          geometry: { type: "Polygon", coordinates: square(-1, 52, 0.2) },
        }),
      ),
    );
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    const pcn = await store.db
      .selectFrom("boundary")
      .select(["centroid_lat", "centroid_lon"])
      .where("dataset_id", "=", outcome.datasetId)
      .executeTakeFirstOrThrow();
    assert.ok(Math.abs(pcn.centroid_lat! - 52.1) < 1e-9 && Math.abs(pcn.centroid_lon! + 0.9) < 1e-9);
    assert.equal(outcome.result.dataset.scope, "pcn:test");
    await deleteDatasets(store.db, [outcome.datasetId]);
  });

  rejectionTests(() => store, "ons-boundaries", [
    {
      name: "truncated JSON",
      file: "icb.geojson",
      content: collection(feature("E54000008"), feature("E54000010")).slice(0, 400),
      message: /line \d+: expected valid JSON \(a GeoJSON FeatureCollection\), found a syntax error/,
    },
    {
      name: "a renamed code property",
      file: "icb.geojson",
      content: collection({ ...feature("E54000008"), properties: { ICB_CODE: "E54000008" } }),
      message:
        /column 'features\[0\]\.properties': expected a code property \(ICB23CD, .*found the properties 'ICB_CODE'/,
    },
    {
      name: "a non-numeric coordinate",
      file: "icb.geojson",
      content: collection(
        feature("E54000008"),
        feature(
          "E54000010",
          {},
          {
            type: "Polygon",
            coordinates: [
              [
                [-1.5, 53],
                [-1.4, "53.1"],
                [-1.5, 53],
              ],
            ],
          },
        ),
      ),
      message:
        /column 'features\[1\]\.geometry\.coordinates\[0\]\[1\]': expected a position \[longitude, latitude\], found an array .*feature 2 of 2/,
    },
    {
      name: "British National Grid coordinates",
      file: "icb.geojson",
      content: collection(
        feature("E54000008", {}, { type: "Polygon", coordinates: square(374405, 380936, 100) }),
      ),
      message: /column 'features\[0\]\.geometry\.coordinates\[0\]\[0\]': expected WGS84 longitude\/latitude/,
    },
    {
      name: "a duplicate code",
      file: "icb.geojson",
      content: collection(feature("E54000008"), feature("E54000010"), feature("E54000008")),
      message:
        /column 'features\[2\]\.properties\.ICB23CD': expected each area once, found 'E54000008' again \(first in feature 1\)/,
    },
    {
      name: "a malformed code",
      file: "icb.geojson",
      content: collection(feature("QHM")),
      message:
        /column 'features\[0\]\.properties\.ICB23CD': expected an ONS code such as E54000008, found "QHM"/,
    },
    {
      name: "a point geometry",
      file: "icb.geojson",
      content: collection(feature("E54000008", {}, { type: "Point", coordinates: [-1.5, 53] })),
      message: /column 'features\[0\]\.geometry\.type': expected Polygon or MultiPolygon, found "Point"/,
    },
    {
      name: "a Latin-1 byte in the UTF-8 file",
      file: "icb.geojson",
      content: withLatin1Byte(
        '{"type": "FeatureCollection",\n"features": [{"type": "Feature", "properties": {"ICB23NM": "Caf',
        '"}}]}',
      ),
      message: /line 2: expected UTF-8 text, found bytes that are not valid UTF-8/,
    },
    {
      name: "an empty file",
      file: "icb.geojson",
      content: "",
      message: /expected a GeoJSON FeatureCollection, found an empty file/,
    },
    {
      name: "a FeatureCollection with no features",
      file: "icb.geojson",
      content: collection(),
      message: /column 'features': expected at least one feature, found none/,
    },
    {
      name: "a file of another kind (a CSV)",
      file: "centroids.csv",
      content: readFileSync(shared("boundaries/lsoa11_population_weighted_centroids.csv")).subarray(0, 2000),
      message: /line 1: expected valid JSON \(a GeoJSON FeatureCollection\), found a syntax error/,
    },
  ]);
});
