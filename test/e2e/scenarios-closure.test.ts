// Test tier: heavy (end to end through the CLI); run by `npm run test:heavy` and CI, not by `npm test`.
// `icsplan scenarios close | merge | backtest` as a user runs them: on the synthetic demo (saved, listed,
// shown, exported, replaced; bad input refused with the field named and nothing saved half-way) and on the
// real data (a Staffordshire & Stoke closure dispersed by LSOA, a merger, the backtest). Figures checked
// against the files: M83001 has 12,085 patients in April 2025 and 146 English LSOAs in October 2025;
// M83004 has 9,159.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { holdCliStores, runCliInProcess, shared, tempDir } from "../helpers.ts";

holdCliStores();

const REAL = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/history/gp-reg-pat-prac-all_2021-01.csv",
  "registrations/history/gp-reg-pat-prac-all_2022-05.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "registrations/history/gp-reg-pat-prac-map_2020-09.csv",
  "registrations/history/gp-reg-pat-prac-map_2022-01.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv",
  "boundaries/lsoa11_population_weighted_centroids.csv",
  "workforce/heec_practice_workforce_fy2023-2025_partners.csv",
  "payments/nhs-payments-gp_2021-22.csv",
];

interface Receiver {
  code: string;
  gain: number;
  capacity: number | null;
  meanKm: number;
  listBefore: number;
  listAfter: number;
}

/** Conservation, capacity and distance on a closure's JSON. */
function checkClosure(r: {
  totals: { patientsBefore: number; patientsAfter: number; toRehome: number; placed: number };
  notPlaced: { total: number };
  receivers: Receiver[];
  maxKm: number;
  closed: { listSize: number; placed: number; notPlaced: { total: number } }[];
}) {
  assert.equal(r.totals.patientsBefore, r.totals.patientsAfter + r.notPlaced.total);
  assert.equal(r.totals.toRehome, r.totals.placed + r.notPlaced.total);
  for (const c of r.closed) assert.equal(c.listSize, c.placed + c.notPlaced.total);
  for (const x of r.receivers) {
    assert.ok(
      x.capacity !== null && x.gain <= x.capacity,
      `${x.code}: +${x.gain} over capacity ${x.capacity}`,
    );
    assert.ok(x.meanKm <= r.maxKm, `${x.code}: mean ${x.meanKm} km beyond ${r.maxKm}`);
    assert.equal(x.listAfter, x.listBefore + x.gain);
  }
}

describe("scenarios close/merge on the demo", () => {
  const env = { ICSPLAN_DATA_DIR: join(tempDir("icsplan-e2e-closure-"), "store"), DATABASE_URL: "" };
  let codes: { practice_code: string; list_size: number; pcn_code: string }[] = [];
  let total = 0;

  before(async () => {
    const demo = await runCliInProcess(["demo"], env);
    assert.equal(demo.status, 0, demo.stderr);
    assert.match(
      demo.stdout,
      /A closure scenario \(icsplan scenarios close --demo --practice Z9\d{4}\): the demo's smallest practice closes/,
    );
    assert.match(
      demo.stdout,
      /Conservation\s+[\d,]+ patients in the map before = [\d,]+ after \+ \d+ not placed/,
    );
    const list = await runCliInProcess(["practices", "--demo", "--format", "json"], env);
    codes = JSON.parse(list.stdout);
    total = codes.reduce((a, p) => a + p.list_size, 0);
  });

  test("close two practices, save, list, show and export (CSV and JSON)", async () => {
    const [a, b] = codes;
    const r = await runCliInProcess(
      [
        "scenarios",
        "close",
        "--demo",
        "--practice",
        a!.practice_code,
        "--practice",
        b!.practice_code,
        "--save",
        "demo closure",
      ],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\*\*\* SYNTHETIC DEMO DATA/);
    assert.match(r.stdout, /Patients to re-home\s+[\d,]+ from 2 practices/);
    assert.match(r.stdout, /Saved as scenario 'demo closure'/);
    const listed = JSON.parse((await runCliInProcess(["scenarios", "list", "--format", "json"], env)).stdout);
    assert.ok(
      listed.some((s: { name: string; kind: string }) => s.name === "demo closure" && s.kind === "closure"),
    );
    const shown = await runCliInProcess(["scenarios", "show", "demo closure"], env);
    assert.equal(shown.status, 0, shown.stderr);
    const csv = await runCliInProcess(["scenarios", "export", "demo closure", "--format", "csv"], env);
    assert.equal(csv.status, 0, csv.stderr);
    const rows = csv.stdout.trim().split("\n").slice(1);
    assert.equal(rows.length, codes.length - 2); // every open practice of the ICB afterwards
    const json = JSON.parse(
      (await runCliInProcess(["scenarios", "export", "demo closure", "--format", "json"], env)).stdout,
    );
    const after = json.configuration.practices.reduce(
      (s: number, p: { listSize: number }) => s + p.listSize,
      0,
    );
    assert.equal(after + json.result.notPlaced.total, total); // conservation over the saved configuration
    assert.deepEqual(json.configuration.closed.sort(), [a!.practice_code, b!.practice_code].sort());
  });

  test("both models and every kind of cap: conservation, capacity and the distance limit hold", async () => {
    const code = codes[10]!.practice_code;
    for (const [model, cap] of [
      ["nearest", "growth:20%"],
      ["choice", "growth:500"],
      ["choice", "per-gp-fte:2500"],
    ]) {
      const r = await runCliInProcess(
        [
          "scenarios",
          "close",
          "--demo",
          "--practice",
          code,
          "--model",
          model!,
          "--cap",
          cap!,
          "--max-km",
          "6",
          "--format",
          "json",
        ],
        env,
      );
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.synthetic, true);
      checkClosure(out);
    }
  });

  test("CSV rows of practices and of PCNs", async () => {
    const code = codes[3]!.practice_code;
    const practices = await runCliInProcess(
      ["scenarios", "close", "--demo", "--practice", code, "--format", "csv"],
      env,
    );
    assert.equal(practices.status, 0, practices.stderr);
    const lines = practices.stdout.trim().split("\n");
    assert.match(lines[0]!, /^practice_code,practice_name,role,pcn_code,/);
    assert.match(lines[1]!, new RegExp(`^${code},.*,closed,`));
    const pcns = await runCliInProcess(
      ["scenarios", "close", "--demo", "--practice", code, "--format", "csv", "--rows", "pcns"],
      env,
    );
    assert.match(
      pcns.stdout.split("\n")[0]!,
      /^pcn_code,pcn_name,practices_before,practices_after,list_before,list_after,band_before,band_after/,
    );
  });

  test("a merger sums lists and keeps sites; saved with its configuration", async () => {
    const pcn = codes.find((p) => codes.filter((q) => q.pcn_code === p.pcn_code).length >= 2)!.pcn_code;
    const [a, b] = codes.filter((p) => p.pcn_code === pcn);
    const r = await runCliInProcess(
      [
        "scenarios",
        "merge",
        "--demo",
        "--practice",
        a!.practice_code,
        "--practice",
        b!.practice_code,
        "--into",
        b!.practice_code,
        "--save",
        "demo merger",
        "--format",
        "json",
      ],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const m = JSON.parse(r.stdout);
    assert.equal(m.merged.code, b!.practice_code);
    assert.equal(m.merged.listSize, a!.list_size + b!.list_size);
    assert.equal(m.totals.patientsBefore, m.totals.patientsAfter);
    const merged = m.configuration.practices.find(
      (p: { practiceCode: string }) => p.practiceCode === b!.practice_code,
    );
    assert.deepEqual(merged.mergedFrom.sort(), [a!.practice_code, b!.practice_code].sort());
    assert.equal(m.configuration.practices.length, codes.length - 1);
    const text = await runCliInProcess(
      ["scenarios", "merge", "--demo", "--practice", a!.practice_code, "--practice", b!.practice_code],
      env,
    );
    assert.match(text.stdout, /Networks re-evaluated/);
    assert.match(text.stdout, /SYNTHETIC DEMO DATA/);
  });

  test("bad input: named, exit 2, nothing saved half-way", async () => {
    const code = codes[0]!.practice_code;
    const cases: [string[], RegExp][] = [
      [
        ["--practice", "ZZZ999", "--save", "never"],
        /unknown practice code 'ZZZ999': not in the practice → PCN map of 2026-01-01/,
      ],
      [
        ["--practice", code, "--practice", code.toLowerCase(), "--save", "never"],
        new RegExp(`practice ${code} is named twice: each practice can be closed only once`),
      ],
      [
        ["--practice", code, "--cap", "growth:0%", "--save", "never"],
        /capacity cap 'growth:0%': the growth share must be above 0/,
      ],
      [["--practice", code, "--max-km", "0"], /--max-km must be a number of km above 0; found '0'/],
      [["--practice", code, "--replace"], /--replace needs --save NAME/],
    ];
    const before = (await runCliInProcess(["scenarios", "list", "--format", "json"], env)).stdout;
    for (const [args, message] of cases) {
      const r = await runCliInProcess(["scenarios", "close", "--demo", ...args], env);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const exists = await runCliInProcess(
      ["scenarios", "close", "--demo", "--practice", code, "--save", "demo closure"],
      env,
    );
    assert.equal(exists.status, 2);
    assert.match(
      exists.stderr,
      /a scenario named 'demo closure' already exists; choose another name, or replace it with --replace/,
    );
    const single = await runCliInProcess(["scenarios", "merge", "--demo", "--practice", code], env);
    assert.equal(single.status, 2);
    assert.match(single.stderr, /a merger needs at least two practices/);
    assert.equal((await runCliInProcess(["scenarios", "list", "--format", "json"], env)).stdout, before);
    const replaced = await runCliInProcess(
      ["scenarios", "close", "--demo", "--practice", code, "--save", "demo closure", "--replace"],
      env,
    );
    assert.equal(replaced.status, 0, replaced.stderr);
  });

  test("the backtest on the demo says there is nothing to backtest, under the banner", async () => {
    const r = await runCliInProcess(["scenarios", "backtest", "--demo"], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\*\*\* SYNTHETIC DEMO DATA/);
    assert.match(r.stdout, /The synthetic demo has one list snapshot \(April 2025\)/);
  });

  test("a distance limit that places nobody is reported, not a crash", async () => {
    const r = await runCliInProcess(
      ["scenarios", "close", "--demo", "--practice", codes[5]!.practice_code, "--max-km", "0.01"],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Placed\s+0 \(0.0%\)/);
    assert.match(r.stdout, /Nobody was placed: no open practice is within 0.01 km of the patients/);
  });
});

describe("scenarios close/merge/backtest on the real data", () => {
  const env = { ICSPLAN_DATA_DIR: join(tempDir("icsplan-e2e-closure-real-"), "store"), DATABASE_URL: "" };

  before(async () => {
    const r = await runCliInProcess(["import", "--quiet", ...REAL.map((f) => shared(f))], env);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test("closing M83001 (Staffordshire & Stoke) disperses its 12,085 patients from 146 LSOAs", async () => {
    const r = await runCliInProcess(["scenarios", "close", "--practice", "M83001", "--format", "json"], env);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.synthetic, false);
    assert.equal(out.area, "QNC");
    assert.equal(out.closed[0].listSize, 12_085);
    assert.equal(out.closed[0].origins, "lsoa");
    assert.equal(out.closed[0].lsoas, 146);
    checkClosure(out);
    const u16318 = out.pcns.find((p: { code: string }) => p.code === "U16318");
    assert.equal(u16318.practicesAfter, u16318.practicesBefore - 1);
    assert.ok(u16318.arrsAfter < u16318.arrsBefore);
    const text = await runCliInProcess(
      ["scenarios", "close", "--practice", "M83001", "--model", "choice"],
      env,
    );
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Patients start from: LSOA registrations of October 2025/);
    assert.doesNotMatch(text.stdout, /SYNTHETIC/);
  });

  test("a saved closure's ARRS change is the same in `funding entitlements --scenario`", async () => {
    const saved = await runCliInProcess(
      ["scenarios", "close", "--practice", "M83001", "--save", "close M83001", "--format", "json"],
      env,
    );
    assert.equal(saved.status, 0, saved.stderr);
    const closure = JSON.parse(saved.stdout);
    const pcn = closure.pcns.find((p: { code: string }) => p.code === "U16318");
    assert.equal(closure.arrsYear, "2025-26");
    const f = await runCliInProcess(
      ["funding", "entitlements", "--scenario", "close M83001", "--year", "2025-26", "--format", "json"],
      env,
    );
    assert.equal(f.status, 0, f.stderr);
    const funding = JSON.parse(f.stdout);
    type Net = { code: string; arrs: number };
    const before = funding.today.networks.find((n: Net) => n.code === "U16318").arrs;
    const after = funding.configuration.entitlements.networks.find((n: Net) => n.code === "U16318").arrs;
    // Measured: −£177,649 in both (the movers carry the weighting of the practice they leave).
    assert.ok(Math.abs(after - before - (pcn.arrsAfter - pcn.arrsBefore)) < 1, `${after - before}`);
    assert.ok(Math.abs(after - before + 177_649) < 1, `${after - before}`);
  });

  test("merging M83001 and M83004 gives 21,244 patients and re-evaluates QNC's networks", async () => {
    const r = await runCliInProcess(
      ["scenarios", "merge", "--practice", "M83001", "--practice", "M83004", "--format", "json"],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const m = JSON.parse(r.stdout);
    assert.equal(m.merged.listSize, 21_244);
    assert.equal(m.merged.sites.length, 2);
    assert.equal(m.networks.totalsAfter.practices, m.networks.totalsBefore.practices - 1);
    assert.equal(m.networks.totalsAfter.patients, m.networks.totalsBefore.patients);
  });

  test("backtest: the closures between list snapshots and the models' errors", async () => {
    const r = await runCliInProcess(["scenarios", "backtest", "--format", "json"], env);
    assert.equal(r.status, 0, r.stderr);
    const b = JSON.parse(r.stdout);
    assert.deepEqual(
      b.intervals.map((i: { closures: number }) => i.closures),
      [160, 279],
    );
    assert.deepEqual(b.fit.best, { decayPerKm: 0.4, attractivenessExponent: 1 });
    const text = await runCliInProcess(["scenarios", "backtest"], env);
    assert.match(text.stdout, /January 2021 → May 2022\s+16\s+160\s+863,949/);
    const csv = await runCliInProcess(["scenarios", "backtest", "--format", "csv"], env);
    assert.equal(csv.stdout.trim().split("\n").length - 1, 160 + 279);
    const bad = await runCliInProcess(["scenarios", "backtest", "--cap", "per-gp-fte:2000"], env);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /the backtest cannot use a per-GP-FTE cap/);
  });

  test("backtest --report dispersals and receivers: true dispersals, both baselines beaten, one row per receiver", async () => {
    const r = await runCliInProcess(
      ["scenarios", "backtest", "--report", "dispersals", "--format", "json"],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    type W = { counts: { merger: number; dispersal: number }; beats: { noGain: boolean; baseline: boolean } };
    assert.deepEqual(
      d.windows.map((w: W) => [w.counts.merger, w.counts.dispersal, w.beats.noGain, w.beats.baseline]),
      [
        [137, 14, true, true],
        [242, 24, true, true],
      ],
    );
    const text = await runCliInProcess(["scenarios", "backtest", "--report", "dispersals"], env);
    assert.match(text.stdout, /J82114\s+9,742\s+sector PO6 3 \(5 postcodes\)/);
    const out = join(tempDir("icsplan-e2e-receivers-"), "receivers.csv");
    const csv = await runCliInProcess(
      [
        "scenarios",
        "backtest",
        "--report",
        "receivers",
        "--from",
        "2022-05",
        "--to",
        "2025-04",
        "--format",
        "csv",
        "--out",
        out,
      ],
      env,
    );
    assert.equal(csv.status, 0, csv.stderr);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    assert.equal(lines.length - 1, 22_237);
    assert.match(
      lines[0]!,
      /^from,to,closed_practice,closed_patients,closed_class,closed_partner,closed_partner_km,closed_site,receiver,.*predicted_patients,.*observed_change,/,
    );
    const j = await runCliInProcess(
      ["scenarios", "close", "--practice", "J82114", "--date", "2022-05-01"],
      env,
    );
    assert.equal(j.status, 0, j.stderr);
    // Its May 2022 list (the lists of the date asked for), placed from its postcode sector's centroid.
    assert.match(j.stdout, /Placed\s+9,742 \(100.0%\)/);
    assert.match(j.stdout, /J82114 \(PO6 3AW: sector PO6 3 \(5 postcodes\)\)/);
    const bad = await runCliInProcess(
      ["scenarios", "backtest", "--report", "receivers", "--from", "2022-05"],
      env,
    );
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--from and --to go together/);
    const none = await runCliInProcess(
      ["scenarios", "backtest", "--report", "receivers", "--from", "2022-06", "--to", "2025-04"],
      env,
    );
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no pair of list snapshots 2022-06-01 → 2025-04-01/);
  });
});
