// LSOA polygons for network maps are of one vintage: LSOA 2021 wherever any is loaded in the box, else
// LSOA 2011, so 2011 and 2021 areas never overlap on one map.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadLsoaBoundaries } from "../../src/store/repositories/boundaries.ts";
import type { Store } from "../../src/store/store.ts";
import { importOne, memoryStore, tempFile } from "../helpers.ts";

const square = (x: number, y: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});
const collection = (key: string, codes: [string, number, number][]) =>
  JSON.stringify({
    type: "FeatureCollection",
    features: codes.map(([code, x, y]) => ({
      type: "Feature",
      properties: { [key]: code },
      geometry: square(x, y),
    })),
  });

describe("LSOA polygons for maps", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    const old = await importOne(
      store,
      tempFile(
        "lsoa11_test_boundaries.geojson",
        collection("LSOA11CD", [
          ["E01000001", -2.0, 52.8],
          ["E01000002", -1.5, 52.8],
        ]),
      ),
    );
    assert.equal(old.status, "imported");
    const fresh = await importOne(
      store,
      tempFile("lsoa21_test_boundaries.geojson", collection("LSOA21CD", [["E01035000", -2.0, 52.8]])),
    );
    assert.equal(fresh.status, "imported");
  });
  after(async () => store.close());

  test("LSOA 2021 where any is loaded in the box; never both vintages", async () => {
    const both = await loadLsoaBoundaries(store.db, {
      synthetic: false,
      box: { minLat: 52.7, maxLat: 52.9, minLon: -2.1, maxLon: -1.4 },
    });
    assert.deepEqual(
      both.map((l) => l.code),
      ["E01035000"],
    );
  });

  test("LSOA 2011 where no 2021 polygon is in the box", async () => {
    const east = await loadLsoaBoundaries(store.db, {
      synthetic: false,
      box: { minLat: 52.7, maxLat: 52.9, minLon: -1.6, maxLon: -1.4 },
    });
    assert.deepEqual(
      east.map((l) => l.code),
      ["E01000002"],
    );
  });
});
