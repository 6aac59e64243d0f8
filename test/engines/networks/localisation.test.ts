// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The localisation index (src/engines/networks/localisation.ts): a hand-computed case, ties that do not
// depend on how networks are numbered, the demo against an independent computation from the store's raw
// LSOA rows (and the CLI's JSON), and Staffordshire & Stoke-on-Trent (QNC) on the real October 2025 LSOA
// registrations with the January 2026 map pinned.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadNetworkInstance, type LoadedNetworkInstance } from "../../../src/app/network-instance.ts";
import { currentAssignment, currentMap } from "../../../src/engines/networks/assignment.ts";
import { evaluate } from "../../../src/engines/networks/evaluate.ts";
import {
  LOCALISATION_BENCHMARK,
  localisation,
  spreadOf,
} from "../../../src/engines/networks/localisation.ts";
import { openStore, type Store } from "../../../src/store/store.ts";
import { importedStore, runCliInProcess, shared, tempDir, useDemoStore } from "../../helpers.ts";
import { makeInstance } from "./network-kit.ts";

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps, `${a} is not ${b}`);

// Four practices, two networks (A = 0, 1; B = 2, 3), three LSOAs:
//   L0: p0 60, p1 20, p2 20 → A 80 / B 20 → A (0.8)
//   L1: p1 30, p2 40, p3 10 → A 30 / B 50 → B (0.625)
//   L2: p0 10, p3 50        → A 10 / B 50 → B (5/6)
// A: 120 patients, 80 in A's LSOAs (retained 2/3); A's LSOA L0 has 100 residents, 80 in A (captured 0.8).
// B: 120 patients, 100 in B's LSOAs (retained 5/6); L1 + L2 have 140 residents, 100 in B (captured 5/7).
const hand = () =>
  makeInstance(
    [0, 1, 2, 3].map((p) => ({ lat: 52, lon: -1 + p / 100, list: 60, pcn: p < 2 ? 0 : 1 })),
    {
      networks: ["U00001", "U00002"],
      catchments: {
        lsoas: [0, 1, 2].map((l) => ({ lat: 52, lon: -1 + l / 100 })),
        rows: [
          [0, 0, 60],
          [1, 0, 20],
          [2, 0, 20],
          [1, 1, 30],
          [2, 1, 40],
          [3, 1, 10],
          [0, 2, 10],
          [3, 2, 50],
        ],
      },
    },
  );

describe("localisation index", () => {
  test("a hand-computed case: retained, captured, per LSOA and overall", () => {
    const instance = hand();
    const r = localisation(instance, currentAssignment(instance))!;
    assert.deepEqual([...r.lsoaNetwork], [0, 1, 1]);
    [0.8, 0.625, 5 / 6].forEach((v, l) => close(r.lsoaShare[l]!, v));
    const [a, b] = r.networks;
    assert.deepEqual(
      { ...a!, retained: null, captured: null },
      { patients: 120, retainedPatients: 80, retained: null, lsoas: 1, residents: 100, captured: null },
    );
    close(a!.retained!, 2 / 3);
    close(a!.captured!, 0.8);
    close(b!.retained!, 5 / 6);
    close(b!.captured!, 5 / 7);
    const s = r.summary;
    close(s.overall, 180 / 240);
    close(s.retained!.median, (2 / 3 + 5 / 6) / 2);
    close(s.captured!.median, (0.8 + 5 / 7) / 2);
    close(s.captured!.min, 5 / 7);
    close(s.lsoa!.median, 0.8);
    assert.equal(s.lsoas, 3);
    assert.equal(s.patients, 240);
    assert.equal(s.networksWithoutLsoa, 0);
  });

  test("every practice alone: a practice that is nowhere the largest has no LSOA; all in one network: 100%", () => {
    const instance = hand();
    const alone = localisation(instance, Int32Array.from([0, 1, 2, 3]))!;
    // L0 → p0 (60); L1 → p2 (40); L2 → p3 (50); p1 leads nowhere.
    assert.deepEqual([...alone.lsoaNetwork], [0, 2, 3]);
    assert.equal(alone.networks[1]!.lsoas, 0);
    assert.equal(alone.networks[1]!.captured, null);
    assert.equal(alone.networks[1]!.retained, 0);
    assert.equal(alone.summary.networksWithoutLsoa, 1);
    close(alone.summary.overall, 150 / 240);
    const one = localisation(instance, Int32Array.from([0, 0, 0, 0]))!;
    assert.equal(one.summary.overall, 1);
    assert.deepEqual(one.summary.captured, { median: 1, min: 1, max: 1, count: 1 });
  });

  test("a tie goes to the network of the lowest-indexed practice, however networks are numbered", () => {
    const instance = makeInstance(
      [0, 1, 2].map((p) => ({ lat: 52, lon: -1 + p / 100, list: 10, pcn: p })),
      {
        networks: ["U00001", "U00002", "U00003"],
        catchments: {
          lsoas: [{ lat: 52, lon: -1 }],
          rows: [
            [0, 0, 5],
            [1, 0, 10],
            [2, 0, 10],
          ],
        },
      },
    );
    assert.equal(localisation(instance, Int32Array.from([0, 1, 2]))!.lsoaNetwork[0], 1);
    assert.equal(localisation(instance, Int32Array.from([2, 1, 0]))!.lsoaNetwork[0], 1);
    assert.equal(localisation(instance, Int32Array.from([1, 2, 0]))!.lsoaNetwork[0], 2);
  });

  test("no LSOA registrations: null, and evaluate says so", () => {
    const instance = makeInstance([{ lat: 52, lon: -1, list: 30_000, pcn: 0 }], { networks: ["U00001"] });
    assert.equal(localisation(instance, Int32Array.from([0])), null);
    assert.equal(spreadOf([]), null);
    assert.deepEqual(spreadOf([3, 1, 2, 10]), { median: 2.5, min: 1, max: 10, count: 4 });
  });
});

describe("localisation on the demo: the engine against the store's raw rows, and the CLI's JSON", () => {
  const dir = tempDir("icsplan-localisation-demo-");
  const dataDir = join(dir, "store");
  let store: Store;
  let loaded: LoadedNetworkInstance;
  let raw: { practice_code: string; lsoa_code: string; patients: number }[];

  before(async () => {
    useDemoStore(dataDir);
    store = await openStore({ dataDir });
    loaded = await loadNetworkInstance(store, { synthetic: true });
    raw = (await store.db
      .selectFrom("practice_lsoa")
      .innerJoin("dataset", "dataset.id", "practice_lsoa.dataset_id")
      .select(["practice_lsoa.practice_code", "practice_lsoa.lsoa_code", "practice_lsoa.patients"])
      .where("dataset.synthetic", "=", true)
      .execute()) as typeof raw;
    await store.close();
  });

  test("LSOAs by majority, each network's retained and captured shares, recomputed from practice_lsoa", async () => {
    const { instance } = loaded;
    const { assignment, labels } = currentMap(instance);
    const network = new Map(instance.practiceCodes.map((c, p) => [c, labels[assignment[p]!]!.code]));
    // Independently: LSOA → network → residents, from the rows as stored.
    const byLsoa = new Map<string, Map<string, number>>();
    for (const r of raw) {
      const net = network.get(r.practice_code);
      if (net === undefined || !/^[EX]01\d{6}$/.test(r.lsoa_code)) continue;
      const m = byLsoa.get(r.lsoa_code) ?? new Map<string, number>();
      m.set(net, (m.get(net) ?? 0) + Number(r.patients));
      byLsoa.set(r.lsoa_code, m);
    }
    const patients = new Map<string, number>();
    const inside = new Map<string, number>();
    const residents = new Map<string, number>();
    let all = 0;
    let kept = 0;
    for (const m of byLsoa.values()) {
      const best = [...m.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      for (const [net, v] of m) patients.set(net, (patients.get(net) ?? 0) + v);
      inside.set(best[0], (inside.get(best[0]) ?? 0) + best[1]);
      residents.set(best[0], (residents.get(best[0]) ?? 0) + total);
      all += total;
      kept += best[1];
    }
    const ev = evaluate(instance, loaded.adjacency, assignment, loaded.rules, labels);
    assert.ok(ev.localisation !== null);
    assert.equal(ev.localisation.lsoas, byLsoa.size);
    close(ev.localisation.overall, kept / all, 1e-9);
    for (const n of ev.networks) {
      const l = n.localisation!;
      assert.equal(l.patients, patients.get(n.code) ?? 0, n.code);
      close(l.retained!, (inside.get(n.code) ?? 0) / patients.get(n.code)!, 1e-9);
      if (residents.has(n.code)) close(l.captured!, inside.get(n.code)! / residents.get(n.code)!, 1e-9);
      else assert.equal(l.captured, null);
    }
    // The CLI prints the same figures (JSON) and the benchmark (table).
    const env = { ICSPLAN_DATA_DIR: dataDir, DATABASE_URL: "" };
    const json = await runCliInProcess(["networks", "evaluate", "--demo", "--format", "json"], env);
    assert.equal(json.status, 0, json.stderr);
    const printed = JSON.parse(json.stdout).localisation;
    close(printed.overall, ev.localisation.overall, 1e-12);
    close(printed.captured.median, ev.localisation.captured!.median, 1e-12);
    const table = await runCliInProcess(["networks", "evaluate", "--demo"], env);
    assert.match(table.stdout, /Localisation\s+captured \d+\.\d% \(\d+\.\d–\d+\.\d%\)/);
    assert.match(table.stdout, /London PCNs drawn from registrations, captured median 70\.1% \(44\.6–91\.4%/);
    const csv = await runCliInProcess(["networks", "evaluate", "--demo", "--format", "csv"], env);
    assert.match(
      csv.stdout.split("\n")[0]!,
      /localisation_retained,localisation_lsoas,localisation_residents,localisation_captured/,
    );
  });
});

describe("localisation on real data: QNC, October 2025 LSOA registrations, January 2026 map", () => {
  let store: Store;
  let qnc: LoadedNetworkInstance;
  let qt6: LoadedNetworkInstance;
  before(async () => {
    ({ store } = await importedStore(
      [
        "practices/epraccur_2026-02.csv",
        "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
        "registrations/gp-reg-pat-prac-map_2026-01.csv",
        "registrations/gp-reg-pat-prac-all_2025-04.csv",
        "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
        "boundaries/lsoa11_population_weighted_centroids.csv",
      ].map((f) => shared(f)),
      { each: true, expect: "imported" },
    ));
    qnc = await loadNetworkInstance(store, { synthetic: false, icb: "QNC", date: "2026-01-01" });
    qt6 = await loadNetworkInstance(store, { synthetic: false, icb: "QT6", date: "2026-01-01" });
  });
  after(() => store.close());

  test("today's 25 PCNs: captured median 75.5% (53.9–98.3%), retained 79.0% (36.6–99.7%), 80.4% overall", (t) => {
    const { instance, adjacency, rules } = qnc;
    const { assignment, labels } = currentMap(instance);
    const ev = evaluate(instance, adjacency, assignment, rules, labels);
    const l = ev.localisation!;
    t.diagnostic(JSON.stringify(l));
    assert.equal(l.captured!.count, 25);
    assert.equal(l.lsoas, 3_299);
    assert.equal(l.patients, 1_208_850);
    const pct = (x: number) => Math.round(1000 * x) / 10;
    assert.deepEqual([l.captured!.median, l.captured!.min, l.captured!.max].map(pct), [75.5, 53.9, 98.3]);
    assert.deepEqual([l.retained!.median, l.retained!.min, l.retained!.max].map(pct), [79.0, 36.6, 99.7]);
    assert.equal(pct(l.overall), 80.4);
    // More than half of the LSOAs have every resident (at QNC practices) registered in their network.
    assert.equal(l.lsoa!.median, 1);
    // Above the London benchmark's median (70.1%), within its range at the bottom.
    assert.ok(l.captured!.median > LOCALISATION_BENCHMARK.median);
    assert.ok(l.captured!.min > LOCALISATION_BENCHMARK.min);
    // The network that keeps least: its patients live mostly in LSOAs another network leads.
    const worst = ev.networks.reduce((a, b) =>
      b.localisation!.retained! < a.localisation!.retained! ? b : a,
    );
    t.diagnostic(`lowest retained: ${worst.code} ${worst.name} ${pct(worst.localisation!.retained!)}%`);
  });

  test("Cornwall (QT6) has no LSOA registrations: not available", () => {
    const { instance, adjacency, rules } = qt6;
    const { assignment, labels } = currentMap(instance);
    const ev = evaluate(instance, adjacency, assignment, rules, labels);
    assert.equal(ev.localisation, null);
    assert.ok(ev.networks.every((n) => n.localisation === null));
  });
});
