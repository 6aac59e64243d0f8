// Test tier: heavy (end to end through the CLI); run by `npm run test:heavy` and CI, not by `npm test`.
// Saved network designs, as a user works with them: design the demo and save it, list, show, evaluate and
// compare it by name, export it as CSV and GeoJSON, refuse bad requests without writing anything, delete
// it. Then real data: Sussex (QNX) today's map as GeoJSON, its networks dissolved from the real LSOA
// boundaries.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { holdCliStores, runCliInProcess, shared, tempDir, useDemoStore } from "../helpers.ts";

holdCliStores();

interface Feature {
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, string | number | boolean | null>;
}

describe("scenarios: a saved network design on the demo", () => {
  const dir = tempDir("icsplan-scenarios-");
  const env = { ICSPLAN_DATA_DIR: join(dir, "store"), DATABASE_URL: "" };
  let design: { networks: { label: string; practices: string[]; listSize: number }[] };

  before(async () => {
    useDemoStore(env.ICSPLAN_DATA_DIR);
    const r = await runCliInProcess(
      [
        "networks",
        "design",
        "--demo",
        "--seed",
        "3",
        "--save",
        "North option",
        "--description",
        "for the LMC",
        "--format",
        "json",
      ],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    design = JSON.parse(r.stdout);
    assert.equal((design as unknown as { savedAs: string }).savedAs, "North option");
  });

  test("list and show name the scenario, its data, area and figures", async () => {
    const list = await runCliInProcess(["scenarios", "list", "--format", "json"], env);
    assert.equal(list.status, 0, list.stderr);
    const rows = JSON.parse(list.stdout);
    assert.equal(rows.length, 1);
    assert.deepEqual(
      {
        name: rows[0].name,
        kind: rows[0].kind,
        data: rows[0].data,
        area: rows[0].area,
        description: rows[0].description,
      },
      {
        name: "North option",
        kind: "network-design",
        data: "SYNTHETIC demo",
        area: "Q99",
        description: "for the LMC",
      },
    );
    const show = await runCliInProcess(["scenarios", "show", "North option"], env);
    assert.equal(show.status, 0, show.stderr);
    assert.match(show.stdout, /SYNTHETIC DEMO DATA/);
    assert.match(show.stdout, new RegExp(`in band\\s+17\\s+${design.networks.length}`));
    assert.match(
      show.stdout,
      new RegExp(`Leaves 139 practices, 1,451,189 patients, in ${design.networks.length} networks`),
    );
  });

  test("the saved configuration is the design: CSV export, evaluate and compare by name", async () => {
    const csv = await runCliInProcess(["scenarios", "export", "North option"], env);
    assert.equal(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split("\n");
    assert.equal(lines[0], "practice_code,network_code,network_name,list_size,weighted_list,merged_from");
    assert.equal(lines.length, 140, "every practice once");
    const byPractice = new Map(lines.slice(1).map((l) => [l.split(",")[0]!, l.split(",")[1]!]));
    for (const n of design.networks) for (const p of n.practices) assert.equal(byPractice.get(p), n.label);
    assert.equal(
      lines.slice(1).reduce((s, l) => s + Number(l.split(",")[3]), 0),
      1_451_189,
    );
    const ev = await runCliInProcess(
      ["networks", "evaluate", "--demo", "--config", "North option", "--format", "json"],
      env,
    );
    assert.equal(ev.status, 0, ev.stderr);
    assert.equal(JSON.parse(ev.stdout).networks.length, design.networks.length);
    const cmp = await runCliInProcess(
      ["scenarios", "compare", "today", "North option", "--format", "json"],
      env,
    );
    assert.equal(cmp.status, 0, cmp.stderr);
    const c = JSON.parse(cmp.stdout);
    assert.equal(c.patients.a, 1_451_189);
    assert.equal(c.patients.b, 1_451_189);
    assert.deepEqual(c.bands.a, { under: 2, in: 17, over: 11 });
    assert.equal(
      c.bands.b.in,
      design.networks.filter((n) => n.listSize >= 30_000 && n.listSize <= 50_000).length,
    );
  });

  test("GeoJSON export: one point per practice, one polygon per network (hulls: the demo has no LSOA boundaries)", async () => {
    const out = join(dir, "north.geojson");
    const r = await runCliInProcess(
      ["scenarios", "export", "North option", "--format", "geojson", "--out", out],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const fc = JSON.parse(readFileSync(out, "utf8")) as {
      type: string;
      features: Feature[];
      metadata: Record<string, unknown>;
    };
    assert.equal(fc.type, "FeatureCollection");
    const points = fc.features.filter((f) => f.properties.kind === "practice");
    const shapes = fc.features.filter((f) => f.properties.kind === "network");
    assert.equal(points.length, 139);
    assert.equal(shapes.length, design.networks.length);
    assert.ok(shapes.every((f) => f.properties.shape === "convex-hull" && f.geometry.type === "Polygon"));
    assert.equal(
      shapes.reduce((s, f) => s + Number(f.properties.list_size), 0),
      1_451_189,
    );
    assert.equal(fc.metadata.synthetic, true);
  });

  test("bad requests are refused and write nothing", async () => {
    const dup = await runCliInProcess(["networks", "design", "--demo", "--save", "North option"], env);
    assert.equal(dup.status, 2);
    assert.match(dup.stderr, /a scenario named 'North option' already exists.*--replace/);
    const badName = await runCliInProcess(["networks", "design", "--demo", "--save", "!!"], env);
    assert.equal(badName.status, 2);
    assert.match(badName.stderr, /--save: a scenario name must be 1–80 letters/);
    const replaceAlone = await runCliInProcess(["networks", "design", "--demo", "--replace"], env);
    assert.equal(replaceAlone.status, 2);
    assert.match(replaceAlone.stderr, /--replace needs --save NAME/);
    const unknown = await runCliInProcess(["scenarios", "show", "South option"], env);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no scenario is named 'South option'/);
    const notConfig = await runCliInProcess(
      ["networks", "evaluate", "--demo", "--config", "South option"],
      env,
    );
    assert.equal(notConfig.status, 2);
    assert.match(notConfig.stderr, /'South option' is neither a file nor a scenario/);
    const real = await runCliInProcess(
      ["networks", "evaluate", "--config", "North option", "--icb", "Q99"],
      env,
    );
    assert.notEqual(real.status, 0);
    const list = await runCliInProcess(["scenarios", "list", "--format", "json"], env);
    assert.equal(JSON.parse(list.stdout).length, 1, "still exactly one scenario");
  });

  test("replace, then delete", async () => {
    const r = await runCliInProcess(
      ["networks", "design", "--demo", "--seed", "4", "--save", "North option", "--replace"],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Saved as scenario 'North option'/);
    const del = await runCliInProcess(["scenarios", "delete", "North option"], env);
    assert.equal(del.status, 0, del.stderr);
    const again = await runCliInProcess(["scenarios", "delete", "North option"], env);
    assert.equal(again.status, 2);
    const list = await runCliInProcess(["scenarios", "list"], env);
    assert.match(list.stdout, /No saved scenarios/);
  });
});

describe("networks export on real data: Sussex networks dissolved from LSOA boundaries", () => {
  const dir = tempDir("icsplan-geojson-real-");
  const env = { ICSPLAN_DATA_DIR: join(dir, "store"), DATABASE_URL: "" };

  before(async () => {
    const files = [
      "practices/epraccur_2026-02.csv",
      "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
      "registrations/gp-reg-pat-prac-map_2026-01.csv",
      "registrations/gp-reg-pat-prac-all_2025-04.csv",
      "boundaries/sussex/lsoa11_sussex_boundaries.geojson",
    ].map((f) => shared(f));
    const r = await runCliInProcess(["import", ...files], env);
    assert.equal(r.status, 0, r.stderr);
  });

  test("QNX today: 156 practice points, 41 networks, each a MultiPolygon of the LSOAs nearest its sites", async () => {
    const out = join(dir, "qnx.geojson");
    const r = await runCliInProcess(
      ["networks", "export", "--icb", "QNX", "--format", "geojson", "--out", out],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const fc = JSON.parse(readFileSync(out, "utf8")) as {
      features: Feature[];
      metadata: Record<string, unknown>;
    };
    const points = fc.features.filter((f) => f.properties.kind === "practice");
    const shapes = fc.features.filter((f) => f.properties.kind === "network");
    assert.equal(points.length, 156);
    assert.equal(shapes.length, 41);
    assert.equal(fc.metadata.lsoaBoundaries, 999);
    assert.ok(
      shapes.every((f) => f.properties.shape === "lsoa-dissolve" && f.geometry.type === "MultiPolygon"),
    );
    // Each LSOA is drawn once, in the network of its nearest practice; 10 border LSOAs are nearer a practice
    // of a neighbouring ICB (Surrey, Kent, Hampshire) and are left out.
    assert.equal(
      shapes.reduce((s, f) => s + Number(f.properties.lsoas), 0),
      989,
    );
  });
});
