// Network polygons: dissolving LSOAs by edge cancellation (known answers on squares, a hole, and the real
// Sussex LSOA boundaries, whose area the dissolve must preserve), and buffered convex hulls.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  dissolve,
  polygonsOf,
  signedArea2,
  type PolygonalGeometry,
  type Position,
} from "../../../src/engines/networks/geometry/dissolve.ts";
import { bufferedHull, convexHull } from "../../../src/engines/networks/geometry/hull.ts";
import { shared } from "../../helpers.ts";

const square = (x: number, y: number, cw = false): PolygonalGeometry => {
  const ring: Position[] = [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ];
  return { type: "Polygon", coordinates: [cw ? ring.reverse() : ring] };
};

/** Area of MultiPolygon coordinates (outer minus holes), in squared degrees. */
const areaOf = (mp: Position[][][]) =>
  mp.reduce((s, poly) => s + poly.reduce((t, ring) => t + signedArea2(ring) / 2, 0), 0);

test("two adjacent squares dissolve into one rectangle; winding of the input does not matter", () => {
  const out = dissolve([square(0, 0), square(1, 0, true)]);
  assert.equal(out.length, 1);
  assert.equal(out[0]!.length, 1, "no holes");
  assert.equal(areaOf(out), 2);
  assert.ok(signedArea2(out[0]![0]!) > 0, "outer ring counter-clockwise (RFC 7946)");
  const ring = out[0]![0]!;
  assert.deepEqual(ring[0], ring[ring.length - 1], "closed ring");
});

test("a 3×3 block without its centre dissolves into one polygon with one hole", () => {
  const cells: PolygonalGeometry[] = [];
  for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) if (x !== 1 || y !== 1) cells.push(square(x, y));
  const out = dissolve(cells);
  assert.equal(out.length, 1);
  assert.equal(out[0]!.length, 2, "an outer ring and a hole");
  assert.ok(signedArea2(out[0]![1]!) < 0, "hole clockwise");
  assert.equal(areaOf(out), 8);
});

test("squares that do not touch stay separate polygons", () => {
  const out = dissolve([square(0, 0), square(5, 5), square(6, 5)]);
  assert.equal(out.length, 2);
  assert.deepEqual(out.map((p) => signedArea2(p[0]!) / 2).sort(), [1, 2]);
});

test("Sussex: dissolving all 999 LSOAs keeps their area; each LSOA alone is unchanged", () => {
  const file = JSON.parse(
    readFileSync(shared("boundaries/sussex/lsoa11_sussex_boundaries.geojson"), "utf8"),
  ) as {
    features: { geometry: PolygonalGeometry; properties: { LSOA11CD: string } }[];
  };
  assert.equal(file.features.length, 999);
  const lsoaArea = (g: PolygonalGeometry) =>
    polygonsOf(g).reduce(
      (s, poly) =>
        s + poly.reduce((t, ring, i) => t + ((i === 0 ? 1 : -1) * Math.abs(signedArea2(ring))) / 2, 0),
      0,
    );
  const total = file.features.reduce((s, f) => s + lsoaArea(f.geometry), 0);
  const all = dissolve(file.features.map((f) => f.geometry));
  // Equal to 1 part in a million: the generalised file has a few rings that touch themselves.
  assert.ok(Math.abs(areaOf(all) - total) < 1e-6 * total, `${areaOf(all)} vs ${total}`);
  // The union of the three council areas is a handful of pieces (mainland plus islands), not 999.
  assert.ok(all.length < 20, `${all.length} pieces`);
  const one = file.features[0]!;
  assert.ok(Math.abs(areaOf(dissolve([one.geometry])) - lsoaArea(one.geometry)) < 1e-15);
});

test("convex hull of a square's corners and centre is the square; buffered hull of one point is an octagon", () => {
  const hull = convexHull([
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0.5, 0.5],
  ]);
  assert.equal(hull.length, 5);
  assert.equal(signedArea2(hull) / 2, 1);
  const oct = bufferedHull([[-1.5, 52.8]], 0.5);
  assert.equal(oct.length, 9);
  assert.ok(signedArea2(oct) > 0);
});
