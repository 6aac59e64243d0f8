// Test tier: heavy (end to end through the CLI); run by `npm run test:heavy` and CI, not by `npm test`.
// `icsplan neighbourhoods design` on the demo (calibrated on QNC, LSOA registrations for every practice):
// the JSON's counts, every practice once, each neighbourhood in one area, contiguity at both levels
// checked against the design's own practice lists, the scenario it saves (both levels), the CSV and GeoJSON,
// and a band the command refuses in one line.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { runCliInProcess, tempDir, useDemoStore } from "../helpers.ts";

interface Unit {
  label: string;
  parent: string | null;
  practices: string[];
  listSize: number;
  contiguous: boolean;
  band: string;
}
interface Totals {
  units: number;
  practices: number;
  patients: number;
  inBand: number | null;
  notContiguous: number;
  coterminosity: { inMainLa: number | null; districts: number };
}
interface Design {
  scope: string;
  districtBasis: { registrations: number; site: number; none: number; districts: number };
  levels: { pcn: Totals; neighbourhood: Totals; area: Totals };
  areas: { label: string; neighbourhoods: string[]; listSize: number }[];
  neighbourhoods: { label: string; area: string; practices: string[]; listSize: number }[];
  units: { neighbourhood: Unit[]; area: Unit[] };
  practices: { practice_code: string; neighbourhood_code: string; area_code: string; list_size: number }[];
}

describe("neighbourhoods design on the demo", () => {
  const dir = tempDir("icsplan-neighbourhoods-");
  const env = { ICSPLAN_DATA_DIR: join(dir, "store"), DATABASE_URL: "" };
  let d: Design;
  let savedAs: string | null;

  before(async () => {
    useDemoStore(env.ICSPLAN_DATA_DIR);
    const r = await runCliInProcess(
      ["neighbourhoods", "design", "--demo", "--starts", "2", "--save", "Two levels", "--format", "json"],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.designs.length, 1);
    d = out.designs[0];
    savedAs = out.savedAs;
  });

  test("every practice in exactly one neighbourhood, every neighbourhood in exactly one area", () => {
    const n = d.levels.pcn.practices;
    assert.equal(n, 139);
    assert.equal(d.practices.length, n);
    const listed = d.neighbourhoods.flatMap((x) => x.practices);
    assert.equal(listed.length, n);
    assert.equal(new Set(listed).size, n);
    const inAreas = d.areas.flatMap((a) => a.neighbourhoods);
    assert.equal(inAreas.length, d.neighbourhoods.length);
    assert.equal(new Set(inAreas).size, inAreas.length);
    // Nesting: the practices of an area are exactly those of its neighbourhoods.
    const areaUnits = new Map(d.units.area.map((u) => [u.label, u]));
    for (const a of d.areas) {
      const mine = d.neighbourhoods.filter((x) => x.area === a.label);
      assert.deepEqual(mine.map((x) => x.label).sort(), [...a.neighbourhoods].sort());
      assert.deepEqual(
        mine.flatMap((x) => x.practices).sort(),
        [...areaUnits.get(a.label)!.practices].sort(),
      );
    }
    // Patients add up at every level.
    const sum = (xs: { listSize: number }[]) => xs.reduce((s, x) => s + x.listSize, 0);
    assert.equal(sum(d.neighbourhoods), d.levels.pcn.patients);
    assert.equal(sum(d.areas), d.levels.pcn.patients);
    assert.equal(sum(d.practices.map((p) => ({ listSize: p.list_size }))), d.levels.pcn.patients);
  });

  test("both levels contiguous and within their bands; counts as the tables say", () => {
    assert.equal(d.levels.neighbourhood.notContiguous, 0);
    assert.equal(d.levels.area.notContiguous, 0);
    assert.ok(d.units.neighbourhood.every((u) => u.contiguous));
    assert.ok(d.units.area.every((u) => u.contiguous));
    assert.equal(d.levels.neighbourhood.units, d.neighbourhoods.length);
    assert.equal(d.levels.area.units, d.areas.length);
    // 1.45 million patients: 30–50k neighbourhoods number 29–48; 200–300k areas 5–7.
    assert.ok(d.neighbourhoods.length >= 29 && d.neighbourhoods.length <= 48, `${d.neighbourhoods.length}`);
    assert.ok(d.areas.length >= 5 && d.areas.length <= 7, `${d.areas.length}`);
    assert.equal(d.levels.neighbourhood.inBand, d.neighbourhoods.length);
    assert.equal(d.levels.area.inBand, d.areas.length);
    assert.ok(d.units.neighbourhood.every((u) => u.listSize >= 30_000 && u.listSize <= 50_000));
    // Every practice's district from where its registered patients live (the demo has LSOA registrations).
    assert.deepEqual(
      [d.districtBasis.registrations, d.districtBasis.site, d.districtBasis.none],
      [139, 0, 0],
    );
    assert.ok(d.levels.neighbourhood.coterminosity.inMainLa! > 0.95);
  });

  test("the scenario holds both levels: each practice's neighbourhood and area", async () => {
    assert.equal(savedAs, "Two levels");
    const r = await runCliInProcess(["scenarios", "export", "Two levels", "--format", "json"], env);
    assert.equal(r.status, 0, r.stderr);
    const file = JSON.parse(r.stdout);
    const practices = file.configuration.practices as {
      practiceCode: string;
      networkCode: string;
      areaCode: string;
    }[];
    assert.equal(practices.length, 139);
    const byCode = new Map(d.practices.map((p) => [p.practice_code, p]));
    for (const p of practices) {
      assert.equal(p.networkCode, byCode.get(p.practiceCode)!.neighbourhood_code);
      assert.equal(p.areaCode, byCode.get(p.practiceCode)!.area_code);
    }
    assert.deepEqual(file.request.levels.neighbourhood.band, { min: 30_000, max: 50_000 });
    assert.deepEqual(file.request.levels.area.band, { min: 200_000, max: 300_000 });
    // The neighbourhood level evaluates as any saved configuration.
    const ev = await runCliInProcess(
      ["networks", "evaluate", "--demo", "--config", "Two levels", "--format", "json"],
      env,
    );
    assert.equal(ev.status, 0, ev.stderr);
    assert.equal(JSON.parse(ev.stdout).totals.networks, d.neighbourhoods.length);
  });

  test("CSV: one row per practice; GeoJSON: polygons of both levels", async () => {
    const csv = await runCliInProcess(
      ["neighbourhoods", "design", "--demo", "--starts", "1", "--format", "csv"],
      env,
    );
    assert.equal(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split("\n");
    assert.equal(
      lines[0],
      "practice_code,practice_name,neighbourhood_code,area_code,list_size,district_code,district_name,district_basis,pcn_code",
    );
    assert.equal(lines.length, 1 + 139);
    const geo = await runCliInProcess(
      ["neighbourhoods", "design", "--demo", "--starts", "1", "--format", "geojson"],
      env,
    );
    assert.equal(geo.status, 0, geo.stderr);
    const fc = JSON.parse(geo.stdout) as { features: { properties: Record<string, unknown> }[] };
    const shapes = (level: string) =>
      new Set(
        fc.features
          .filter((f) => f.properties.kind === "network" && f.properties.level === level)
          .map((f) => f.properties.network_code),
      );
    assert.ok(shapes("neighbourhood").size >= 29);
    assert.ok(shapes("area").size >= 5 && shapes("area").size <= 7);
  });

  test("a neighbourhood band over 100,000 is refused in one line, exit 2", async () => {
    const r = await runCliInProcess(["neighbourhoods", "design", "--demo", "--band", "50k-150k"], env);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split("\n").length, 1);
    assert.match(r.stderr, /--band: band maximum must be at most 100,000/);
  });
});

describe("POST /api/jobs/neighbourhoods-design on the demo", () => {
  const dir = tempDir("icsplan-neighbourhoods-api-");
  let store: Store;
  let api: ReturnType<typeof createApi>;
  before(async () => {
    useDemoStore(join(dir, "store"));
    store = await openStore({ dataDir: join(dir, "store") });
    api = createApi(store);
  });
  after(() => store.close());
  const post = (body: unknown) =>
    api.request("/api/jobs/neighbourhoods-design", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  test("a job that ends done with both levels; a bad band is a 400 naming the field", async () => {
    const res = await post({ demo: true, starts: 1 });
    assert.equal(res.status, 202);
    const job = (await res.json()) as { id: string; kind: string };
    assert.equal(job.kind, "neighbourhoods-design");
    const events = await (await api.request(`/api/jobs/${job.id}/events`)).text();
    assert.match(events, /event: end/);
    const done = (await (await api.request(`/api/jobs/${job.id}`)).json()) as {
      status: string;
      result: { designs: Design[] };
    };
    assert.equal(done.status, "done");
    const d = done.result.designs[0]!;
    assert.equal(d.practices.length, 139);
    assert.equal(new Set(d.neighbourhoods.flatMap((x) => x.practices)).size, 139);
    assert.equal(d.levels.area.notContiguous, 0);
    const bad = await post({ demo: true, band: "30000-150000" });
    assert.equal(bad.status, 400);
    const p = (await bad.json()) as { detail: string; field?: string };
    assert.match(p.detail, /at most 100,000/);
  });
});
