// The neighbourhoods page's URL, and its map and chart data without a browser: each neighbourhood of an area a distinct
// palette colour (carried on its polygon as `fill`, areas untouched), the hubs drawn as `hub` points after the
// practice points, and access rows pairing each quintile's before and after by group, the area last.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FeatureCollection } from "../../web/src/map-style.ts";
import {
  accessRows,
  hubsCollection,
  levelsCollection,
  NEIGHBOURHOOD_PALETTE,
  neighbourhoodColours,
} from "../../web/src/neighbourhoods/map-data.ts";
import type { Access, HubPlacement } from "../../web/src/neighbourhoods/types.ts";
import { matchRoute, paths } from "../../web/src/routes.ts";

const polygon = (level: string, code: string) => ({
  type: "Feature" as const,
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  },
  properties: { kind: "network", level, network_code: code },
});
const point = (code: string, lon: number, lat: number) => ({
  type: "Feature" as const,
  geometry: { type: "Point", coordinates: [lon, lat] },
  properties: { kind: "practice", practice_code: code },
});

describe("neighbourhood map data", () => {
  test("the page's URL for an ICB or a place, and what is not it", () => {
    assert.equal(paths.neighbourhoods("icb", "QNC"), "/neighbourhoods/icb/QNC");
    assert.deepEqual(matchRoute(paths.neighbourhoods("place", "05D")), {
      page: "neighbourhoods",
      kind: "place",
      code: "05D",
    });
    assert.deepEqual(matchRoute("/neighbourhoods/icb/a%20b/"), {
      page: "neighbourhoods",
      kind: "icb",
      code: "a b",
    });
    assert.equal(matchRoute("/neighbourhoods/QNC").page, "not-found");
    assert.equal(matchRoute("/neighbourhoods/pcn/U1").page, "not-found");
  });

  test("neighbourhoods of one area take distinct colours; the palette restarts in the next area", () => {
    const ns = [
      ...Array.from({ length: 9 }, (_, i) => ({ label: `A1-N${i + 1}`, area: "A1" })),
      { label: "A2-N1", area: "A2" },
    ];
    const colours = neighbourhoodColours(ns);
    const a1 = ["A1-N1", "A1-N2", "A1-N3", "A1-N4", "A1-N5", "A1-N6", "A1-N7", "A1-N8"].map((l) =>
      colours.get(l),
    );
    assert.equal(new Set(a1).size, 8);
    // Sorted by label: A1-N9 is the ninth and wraps to the first colour; A2's first starts again.
    assert.equal(colours.get("A1-N9"), NEIGHBOURHOOD_PALETTE[0]);
    assert.equal(colours.get("A2-N1"), NEIGHBOURHOOD_PALETTE[0]);
    const collection: FeatureCollection = {
      type: "FeatureCollection",
      features: [polygon("neighbourhood", "A1-N2"), polygon("area", "A1"), point("P1", 0, 0)],
    };
    const out = levelsCollection(collection, colours);
    assert.equal(out.features[0]!.properties.fill, NEIGHBOURHOOD_PALETTE[1]);
    assert.equal(out.features[1]!.properties.fill, undefined);
    assert.equal(out.features[2]!.properties.fill, undefined);
  });

  test("hubs follow the practice points, one `hub` point each at the site", () => {
    const practices: FeatureCollection = {
      type: "FeatureCollection",
      features: [polygon("neighbourhood", "N1"), point("P1", -2, 53), point("P2", -2.1, 53.1)],
    };
    const placement = {
      k: 1,
      hubs: [{ code: "P2", name: "Two", lat: 53.1, lon: -2.1, practices: ["P2"], weight: 10, meanKm: 1 }],
    } as unknown as HubPlacement;
    const out = hubsCollection(practices, placement);
    assert.deepEqual(
      out.features.map((f) => [f.properties.kind, f.geometry.coordinates]),
      [
        ["practice", [-2, 53]],
        ["practice", [-2.1, 53.1]],
        ["hub", [-2.1, 53.1]],
      ],
    );
  });

  test("access rows: each quintile's before and after, matched by group, then the area", () => {
    const g = (group: string, meanKm: number, withinShare: number, weight = 100) => ({
      group,
      points: 1,
      weight,
      meanKm,
      withinShare,
      maxKm: meanKm,
    });
    const before: Access = {
      withinKm: 5,
      overall: g("all", 1.5, 0.9, 300),
      byQuintile: [g("Q1", 1, 1), g("Q5", 2, 0.8)],
    };
    const after: Access = {
      withinKm: 5,
      overall: g("all", 6, 0.4, 300),
      byQuintile: [g("Q1", 4, 0.6), g("Q3", 5, 0.5), g("Q5", 9, 0.1)],
    };
    assert.deepEqual(
      accessRows(before, after).map((r) => [r.group, r.beforeKm, r.afterKm, r.afterWithin]),
      [
        ["Q1", 1, 4, 0.6],
        ["Q3", null, 5, 0.5],
        ["Q5", 2, 9, 0.1],
        ["all", 1.5, 6, 0.4],
      ],
    );
  });
});
