// The web app's logic without a browser: routes, sorting, the map's bounds and style, the chart's rows,
// band labels, error-summary messages, API URLs, and the server's local copy of the NHS styles.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { createWebAssets, localNhsCss, webAppBuilt } from "../../src/api/web-assets.ts";
import { ApiError, apiUrl, setDemoMode } from "../../web/src/api.ts";
import { BAND_COLOURS, bandLabel } from "../../web/src/bands.ts";
import { chartRows, quintileRows } from "../../web/src/chart-data.ts";
import { convexHull, designCollection, widenedHull, type Point } from "../../web/src/design-map.ts";
import { fromApiError, onePerField } from "../../web/src/errors.ts";
import { decimal, percent, whole } from "../../web/src/format.ts";
import { boundsOf, mapStyle, type FeatureCollection } from "../../web/src/map-style.ts";
import { matchRoute, paths } from "../../web/src/routes.ts";
import { sortRows } from "../../web/src/sort.ts";
import { ROOT, tempDir } from "../helpers.ts";

const RULE = { minimumList: 30000, typicalMaximumList: 50000 };

describe("web app logic", () => {
  test("every page's path matches its route, and back", () => {
    assert.deepEqual(matchRoute("/"), { page: "home" });
    assert.deepEqual(matchRoute(paths.icb("QNC")), { page: "icb", code: "QNC" });
    assert.deepEqual(matchRoute(paths.place("05D")), { page: "place", code: "05D" });
    assert.deepEqual(matchRoute(paths.practice("M83001")), { page: "practice", code: "M83001" });
    assert.deepEqual(matchRoute("/practices"), { page: "find" });
    assert.equal(paths.find("ST4 6"), "/practices?q=ST4%206");
    assert.deepEqual(matchRoute("/icb/a%20b/"), { page: "icb", code: "a b" });
    assert.equal(matchRoute("/icb").page, "not-found");
    assert.equal(matchRoute("/icb/QNC/extra").page, "not-found");
    assert.equal(matchRoute("/icb/%E0%A4%A").page, "not-found", "bad URL encoding is no page");
    assert.deepEqual(matchRoute(paths.studio("place", "05D")), {
      page: "studio",
      kind: "place",
      code: "05D",
    });
    assert.equal(matchRoute("/studio/pcn/U1").page, "not-found");
    assert.deepEqual(matchRoute(paths.workforce("QNC")), { page: "workforce", code: "QNC" });
    assert.deepEqual(matchRoute(paths.funding("QNC")), { page: "funding", code: "QNC" });
    assert.equal(matchRoute("/workforce/place/05D").page, "not-found");
    assert.equal(matchRoute("/funding/icb").page, "not-found");
  });

  test("design map: convex hulls, widened so one practice still shows; every located practice drawn", () => {
    const square: Point[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0.5, 0.5],
      [1, 1],
    ];
    const hull = convexHull(square);
    assert.equal(hull.length, 4, "the interior and repeated points are not on the hull");
    assert.deepEqual(new Set(hull.map((p) => p.join())), new Set(["0,0", "1,0", "1,1", "0,1"]));
    const one = widenedHull([[-1.5, 52]], 500);
    assert.ok(one.length >= 4, "a single site is a ring");
    assert.deepEqual(one[0], one[one.length - 1], "the ring is closed");
    const [minLat, maxLat] = [Math.min(...one.map((p) => p[1])), Math.max(...one.map((p) => p[1]))];
    assert.ok(Math.abs((maxLat - minLat) * 111_320 - 1000) < 1, "500 m either side");

    const site = (code: string, lon: number, lat: number) => ({
      type: "Feature" as const,
      geometry: { type: "Point", coordinates: [lon, lat] },
      properties: { kind: "practice", practice_code: code, network_code: "OLD" },
    });
    const today: FeatureCollection = {
      type: "FeatureCollection",
      features: [site("A", -1, 52), site("B", -1.1, 52.1), site("C", -2, 53)],
    };
    const design = designCollection(today, [
      { label: "N1", practices: ["A", "B"], listSize: 40000, band: "in" },
      { label: "N2", practices: ["C", "MISSING"], listSize: 20000, band: "under" },
    ]);
    const networks = design.features.filter((f) => f.properties.kind === "network");
    assert.deepEqual(
      networks.map((f) => [f.properties.network_code, f.properties.band, f.properties.practices]),
      [
        ["N1", "in", 2],
        ["N2", "under", 2],
      ],
    );
    const points = design.features.filter((f) => f.properties.kind === "practice");
    assert.deepEqual(
      points.map((f) => [f.properties.practice_code, f.properties.network_code]),
      [
        ["A", "N1"],
        ["B", "N1"],
        ["C", "N2"],
      ],
    );
  });

  test("sorting: numbers as numbers, text in en-GB order, missing values last both ways", () => {
    const rows = [{ v: 10 }, { v: null }, { v: 9 }, { v: 100 }];
    assert.deepEqual(
      sortRows(rows, (r) => r.v, "ascending").map((r) => r.v),
      [9, 10, 100, null],
    );
    assert.deepEqual(
      sortRows(rows, (r) => r.v, "descending").map((r) => r.v),
      [100, 10, 9, null],
    );
    const names = ["b practice", "A Practice", "a practice 10", "a practice 9"].map((n) => ({ n }));
    assert.deepEqual(
      sortRows(names, (r) => r.n, "ascending").map((r) => r.n),
      ["A Practice", "a practice 9", "a practice 10", "b practice"],
    );
  });

  test("the map's bounds cover every coordinate; its style fetches nothing but the GeoJSON", () => {
    const collection: FeatureCollection = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", geometry: { type: "Point", coordinates: [-1.5, 52.1] }, properties: {} },
        {
          type: "Feature",
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [-2, 52],
                [-1, 52],
                [-1, 53.25],
                [-2, 52],
              ],
            ],
          },
          properties: { kind: "network", band: "in" },
        },
      ],
    };
    assert.deepEqual(boundsOf(collection), [-2, 52, -1, 53.25]);
    assert.equal(boundsOf({ type: "FeatureCollection", features: [] }), undefined);
    const style = mapStyle(collection);
    const text = JSON.stringify(style);
    assert.doesNotMatch(text, /https?:|glyphs|sprite|tiles/, "no tile, glyph or sprite server");
    assert.deepEqual(
      style.layers.map((l) => l.id),
      ["background", "network-fill", "network-line", "practices"],
    );
    assert.ok(
      text.includes(BAND_COLOURS.in) && text.includes(BAND_COLOURS.under) && text.includes(BAND_COLOURS.over),
    );
  });

  test("the band chart's rows are the PCNs largest first; band labels carry the rule's figures", () => {
    const rows = chartRows([
      { code: "U1", name: "Small", listSize: 20000, band: "under" },
      { code: "U2", name: "Big", listSize: 60000, band: "over" },
      { code: "U3", name: "Right", listSize: 40000, band: "in" },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.name, r.band]),
      [
        ["Big (U2)", "over"],
        ["Right (U3)", "in"],
        ["Small (U1)", "under"],
      ],
    );
    assert.equal(rows[0]!.title, "Big: 60,000 patients");
    const q = quintileRows([10, 30, 20, 25, 15]);
    assert.deepEqual(
      q.map((r) => [r.label, r.share]),
      [
        ["1 (most deprived)", 0.1],
        ["2", 0.3],
        ["3", 0.2],
        ["4", 0.25],
        ["5 (least deprived)", 0.15],
      ],
    );
    assert.equal(bandLabel("under", RULE), "Under 30,000 patients");
    assert.equal(bandLabel("in", RULE), "30,000 to 50,000 patients");
    assert.equal(bandLabel("over", RULE), "Over 50,000 patients");
    assert.equal(new Set(Object.values(BAND_COLOURS)).size, 3);
  });

  test("figures print in en-GB with a dash for what the data lacks", () => {
    assert.equal(whole(1451189), "1,451,189");
    assert.equal(whole(null), "–");
    assert.equal(decimal(4.21309, 2), "4.21");
    assert.equal(percent(0.6284), "63%");
    assert.equal(percent(Number.NaN), "–");
    // One style with the CLI: ASCII minus, never a negative zero.
    assert.equal(whole(-0.4), "0");
    assert.equal(decimal(-0.004, 2), "0.00");
    assert.equal(percent(-0.001), "0%");
    assert.equal(whole(-1234.6), "-1,235");
  });

  test("API errors in the summary: the field named once, linked to its control", () => {
    const e = fromApiError(new ApiError("q: Too small", 400, "q"), { q: "q" });
    assert.deepEqual(e, { message: "Too small", field: "q", target: "q" });
    const notFound = fromApiError(new ApiError("no ICB has code or name 'NOPE'", 404, "icb"));
    assert.deepEqual(notFound, {
      message: "no ICB has code or name 'NOPE'",
      field: "icb",
      target: undefined,
    });
  });

  test("API errors in the command line's wording name their field from the flag; one error per field", () => {
    const colon = fromApiError(new ApiError("--icb: no ICB has code or name 'NOPE'; known ICBs: Q99", 400));
    assert.deepEqual(colon, {
      message: "no ICB has code or name 'NOPE'; known ICBs: Q99",
      field: "icb",
      target: undefined,
    });
    const space = fromApiError(new ApiError("--icb 'NOPE' has no PCN staff in the census", 400));
    assert.deepEqual(space, {
      message: "icb 'NOPE' has no PCN staff in the census",
      field: "icb",
      target: undefined,
    });
    assert.equal(fromApiError(new ApiError("a plain message", 500)).field, undefined);
    assert.deepEqual(onePerField([colon, space, { message: "other" }, { message: "other" }]), [
      colon,
      { message: "other" },
    ]);
  });

  test("API URLs carry the demo flag in demo mode, and drop empty fields", () => {
    setDemoMode(false);
    assert.equal(apiUrl("pcns.csv", { icb: "QNC", band: undefined }), "/api/pcns.csv?icb=QNC");
    setDemoMode(true);
    assert.equal(apiUrl("overview", { subIcb: "Z9A" }), "/api/overview?subIcb=Z9A&demo=true");
    setDemoMode(false);
  });

  test("the NHS styles are served without CDN fonts, their images from this server", () => {
    const css = readFileSync(
      join(ROOT, "node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css"),
      "utf8",
    );
    assert.match(css, /@font-face/, "the published CSS has font rules (so the test can fail)");
    const local = localNhsCss(css);
    assert.doesNotMatch(local, /@font-face|https?:\/\//);
    assert.doesNotMatch(local, /url\(["']?\/assets\//);
    assert.match(local, /url\(\/vendor\/nhsuk\/images\/nhsuk-icon-cross\.svg\)/);
  });

  test("the server answers app paths with index.html, files by name, and says how to build when unbuilt", async () => {
    const missing = createWebAssets({ webRoot: join(tempDir(), "none") });
    assert.equal(webAppBuilt({ webRoot: join(tempDir(), "none") }), false);
    const unbuilt = missing(new Request("http://x/icb/QNC"));
    assert.equal(unbuilt.status, 503);
    assert.match(await unbuilt.text(), /npm run build:web/);
    const css = missing(new Request("http://x/vendor/nhsuk/nhsuk-frontend.css"));
    assert.equal(css.status, 200, "the NHS styles need no build");
    assert.equal(missing(new Request("http://x/vendor/nhsuk/images/nope.svg")).status, 404);
    assert.equal(missing(new Request("http://x/icb/QNC", { method: "POST" })).status, 405);
  });
});
