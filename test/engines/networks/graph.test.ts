// The practice adjacency graph on small hand-made instances: Delaunay on sites (co-located practices,
// pruning, islands, practices without a site) and shared catchments (overlap by hand, threshold, bridges).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { delaunayGraph } from "../../../src/engines/networks/delaunay.ts";
import { haversineKm } from "../../../src/engines/networks/geo.ts";
import { buildAdjacency, describeIslands, inducedComponents } from "../../../src/engines/networks/graph.ts";
import { catchmentOverlaps } from "../../../src/engines/networks/overlap.ts";
import {
  checkWellFormed,
  KM_PER_DEGREE,
  makeInstance,
  neighbourSets,
  type TestPractice,
} from "./network-kit.ts";

const LAT = 52;
const DLAT = 1 / KM_PER_DEGREE; // 1 km north
const DLON = 1 / (KM_PER_DEGREE * Math.cos((LAT * Math.PI) / 180)); // 1 km east

/** A rows × cols grid of practices `km` apart, from (lat0, lon0). */
function grid(rows: number, cols: number, km = 1, lat0 = LAT, lon0 = -2): TestPractice[] {
  const out: TestPractice[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++)
      out.push({ lat: lat0 + r * km * DLAT, lon: lon0 + c * km * DLON, list: 5000 });
  return out;
}

/** A centre and six practices 1 km around it (a hexagon), `eastKm` east of the origin. */
function hexCluster(eastKm: number): TestPractice[] {
  const out: TestPractice[] = [{ lat: LAT, lon: -2 + eastKm * DLON, list: 5000 }];
  for (let i = 0; i < 6; i++) {
    const a = (i * Math.PI) / 3 + 0.1;
    out.push({ lat: LAT + Math.sin(a) * DLAT, lon: -2 + (eastKm + Math.cos(a)) * DLON, list: 5000 });
  }
  return out;
}

describe("geometry", () => {
  test("haversine: 1° of longitude on the equator is 111.195 km; 1 km steps measure 1 km", () => {
    assert.ok(Math.abs(haversineKm(0, 0, 0, 1) - 111.195) < 0.001);
    assert.ok(Math.abs(haversineKm(LAT, -2, LAT + DLAT, -2) - 1) < 1e-9);
    assert.ok(Math.abs(haversineKm(LAT, -2, LAT, -2 + DLON) - 1) < 1e-4);
  });
});

describe("Delaunay adjacency", () => {
  test("symmetric and without self-loops; grid neighbours adjacent; a practice 100 km away is isolated and reported", () => {
    const practices = [...grid(3, 3), { lat: LAT + 100 * DLAT, lon: -2, list: 4000 }];
    const instance = makeInstance(practices);
    const adjacency = buildAdjacency(instance);
    assert.equal(adjacency.basis, "delaunay");
    assert.equal(checkWellFormed(adjacency), null);
    const sets = neighbourSets(adjacency);
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) {
        const p = r * 3 + c;
        if (c < 2) assert.ok(sets[p]!.has(p + 1), `${p}–${p + 1}`);
        if (r < 2) assert.ok(sets[p]!.has(p + 3), `${p}–${p + 3}`);
      }
    assert.deepEqual(adjacency.components, [[0, 1, 2, 3, 4, 5, 6, 7, 8], [9]]);
    assert.deepEqual(adjacency.isolated, [9]);
    assert.match(adjacency.method, /Delaunay triangulation of 10 distinct practice sites/);
    const islands = describeIslands(instance, adjacency);
    assert.equal(islands.length, 2);
    assert.match(islands[0]!, /2 separate pieces: the main one of 9 practices, and \{T00009\}/);
    assert.match(islands[1]!, /1 practice has no neighbour: T00009/);
  });

  test("practices at the same site are adjacent and share the site's neighbours", () => {
    const practices = grid(2, 2);
    practices.push({ ...practices[0]! }); // practice 4 shares practice 0's site
    const adjacency = buildAdjacency(makeInstance(practices));
    assert.equal(checkWellFormed(adjacency), null);
    const sets = neighbourSets(adjacency);
    assert.ok(sets[0]!.has(4) && sets[4]!.has(0));
    const others = (p: number, twin: number) => [...sets[p]!].filter((q) => q !== twin).sort();
    assert.deepEqual(others(0, 4), others(4, 0));
    const d = delaunayGraph(makeInstance(practices).lat, makeInstance(practices).lon);
    assert.equal(d.sites.length, 4);
    assert.deepEqual(d.sites[0], [0, 4]);
  });

  test("long edges are pruned relative to local spacing (k × median) and by the absolute cap", () => {
    // Two clusters of 7 practices (a hexagon of 1 km sides around a centre), 10 km apart.
    const practices = [...hexCluster(0), ...hexCluster(10)];
    const instance = makeInstance(practices);
    const pruned = buildAdjacency(instance);
    assert.equal(pruned.components.length, 2);
    assert.deepEqual(pruned.components, [
      [0, 1, 2, 3, 4, 5, 6],
      [7, 8, 9, 10, 11, 12, 13],
    ]);
    assert.deepEqual(pruned.isolated, []);
    const loose = buildAdjacency(instance, { pruneFactor: 20 });
    assert.equal(loose.components.length, 1);
    assert.equal(checkWellFormed(loose), null);
    const capped = buildAdjacency(instance, { pruneFactor: 20, maxEdgeKm: 5 });
    assert.equal(capped.components.length, 2);
  });

  test("a practice without coordinates is isolated and named", () => {
    const practices = [...grid(2, 2), { lat: 0, lon: 0, noSite: true, list: 3000 }];
    const adjacency = buildAdjacency(makeInstance(practices));
    assert.deepEqual(adjacency.isolated, [4]);
    assert.equal(adjacency.components.length, 2);
    assert.match(adjacency.method, /1 practices without coordinates cannot be placed/);
  });

  test("components of an induced subgraph", () => {
    const adjacency = buildAdjacency(makeInstance(grid(1, 5)));
    assert.deepEqual(inducedComponents(adjacency, [0, 1, 3, 4]), [
      [0, 1],
      [3, 4],
    ]);
    assert.deepEqual(inducedComponents(adjacency, [4, 2, 3]), [[2, 3, 4]]);
  });
});

describe("catchment adjacency", () => {
  // Three practices 1 km apart. Shares by LSOA:
  //   p0: L0 60, L1 40        → 0.6, 0.4
  //   p1: L1 50, L2 50        → 0.5, 0.5
  //   p2: L2 10, L3 190       → 0.05, 0.95
  // overlap(0,1) = min(0.4, 0.5) = 0.4; overlap(1,2) = min(0.5, 0.05) = 0.05; overlap(0,2) = 0.
  const lsoas = [0, 1, 2, 3].map((i) => ({ lat: LAT + 0.5 * DLAT, lon: -2 + i * DLON }));
  const catchments = {
    lsoas,
    rows: [
      [0, 0, 60],
      [0, 1, 40],
      [1, 1, 50],
      [1, 2, 50],
      [2, 2, 10],
      [2, 3, 190],
    ] as [number, number, number][],
  };
  const practices = grid(1, 3);
  const instance = makeInstance(practices, { catchments });

  test("overlap is Σ min of LSOA shares, computed by hand", () => {
    const pairs = catchmentOverlaps(instance.catchments!, 3);
    assert.equal(pairs.length, 2);
    assert.deepEqual(
      pairs.map((e) => [e.p, e.q]),
      [
        [0, 1],
        [1, 2],
      ],
    );
    assert.ok(Math.abs(pairs[0]!.overlap - 0.4) < 1e-12);
    assert.ok(Math.abs(pairs[1]!.overlap - 0.05) < 1e-12);
  });

  test("neighbours when overlap ≥ threshold; the basis is catchments", () => {
    const adjacency = buildAdjacency(instance);
    assert.equal(adjacency.basis, "catchment");
    assert.equal(checkWellFormed(adjacency), null);
    const sets = neighbourSets(adjacency);
    assert.deepEqual([...sets[0]!], [1]);
    assert.deepEqual([...sets[1]!], [0, 2]);
    assert.deepEqual([...sets[2]!], [1]);
    assert.match(adjacency.method, /≥ 0\.02/);
  });

  test("above the threshold a practice is cut off: reported without bridges, bridged by Delaunay with them", () => {
    const cut = buildAdjacency(instance, { overlapThreshold: 0.1, bridge: false });
    assert.deepEqual(cut.components, [[0, 1], [2]]);
    assert.deepEqual(cut.isolated, [2]);
    const bridged = buildAdjacency(instance, { overlapThreshold: 0.1 });
    assert.equal(bridged.components.length, 1);
    assert.deepEqual([...neighbourSets(bridged)[2]!], [1]); // the shortest Delaunay edge joining the pieces
    assert.match(bridged.method, /1 Delaunay bridge .*T00001–T00002 1\.0 km/);
  });

  test("overlapping practices far apart are not neighbours, and an island stays an island", () => {
    const far = makeInstance([practices[0]!, { lat: LAT + 100 * DLAT, lon: -2, list: 5000 }], {
      catchments: {
        lsoas: [lsoas[0]!],
        rows: [
          [0, 0, 100],
          [1, 0, 100],
        ],
      },
    });
    assert.ok(Math.abs(catchmentOverlaps(far.catchments!, 2)[0]!.overlap - 1) < 1e-12);
    const adjacency = buildAdjacency(far);
    assert.deepEqual(adjacency.isolated, [0, 1]);
    assert.equal(adjacency.components.length, 2);
    assert.match(adjacency.method, /1 overlapping pairs further apart dropped/);
  });

  test("a practice without LSOA rows takes its Delaunay edges", () => {
    const partial = makeInstance(grid(1, 3), {
      catchments: { lsoas, rows: catchments.rows.filter((r) => r[0] !== 2) },
    });
    const adjacency = buildAdjacency(partial);
    assert.equal(adjacency.components.length, 1);
    assert.ok(neighbourSets(adjacency)[2]!.has(1));
    assert.match(adjacency.method, /1 practices without LSOA rows use Delaunay edges/);
  });

  test("the catchment basis needs catchments; the Delaunay basis can be forced", () => {
    assert.throws(
      () => buildAdjacency(makeInstance(grid(1, 3)), { basis: "catchment" }),
      /no LSOA catchments/,
    );
    assert.equal(buildAdjacency(instance, { basis: "delaunay" }).basis, "delaunay");
  });
});
