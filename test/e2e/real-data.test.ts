// Test tier: heavy (end to end through the CLI); run by `npm run test:heavy` and CI, not by `npm test`.
// End to end on the real data: `icsplan import ../shared/data`, then the overview, practices and pcns
// commands as a user runs them. Expected figures were computed independently from the files: by default
// the August 2026 map joined to the July 2026 list sizes; with `--date 2026-01-01` the January 2026 map
// joined to the April 2025 list sizes; HEEC FY2025 workforce.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { holdCliStores, runCli, runCliInProcess, SHARED, tempDir } from "../helpers.ts";

holdCliStores();

describe("real data, end to end", () => {
  const dir = tempDir("icsplan-e2e-");
  const env = { ICSPLAN_DATA_DIR: dir, DATABASE_URL: "" };
  let importOutput = "";

  // The import runs as its own process, as a user runs it; the commands after it run in-process.
  before(() => {
    const r = runCli(["import", "--quiet", SHARED], env);
    importOutput = r.stdout + r.stderr;
    assert.equal(r.status, 0, importOutput);
  });

  test("every data file in ../shared/data is imported; none rejected", () => {
    assert.match(importOutput, /\d+ imported, 0 rejected, \d+ skipped\./);
    assert.doesNotMatch(importOutput, /REJECTED/);
  });

  test("England overview: 6,171 practices in the January 2026 map, 42 ICBs, 1,298 PCNs: 124 / 680 / 494", async () => {
    const r = await runCliInProcess(["overview", "--json", "--date", "2026-01-01"], env);
    assert.equal(r.status, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.equal(o.date, "2026-01-01");
    assert.equal(o.summary.practices, 6171);
    assert.equal(o.subAreas.length, 42);
    assert.equal(o.summary.pcns, 1298);
    assert.deepEqual(o.summary.bands, { under: 124, in: 680, over: 494 });
    assert.equal(o.summary.unallocatedPractices, 59);
    assert.equal(o.summary.patients, 63_463_850); // April 2025 lists of the January 2026 map's practices
    assert.equal(o.sources.lists.referenceDate, "2025-04-01");
    assert.ok(Math.abs(o.summary.gpFtePer10k.value - 4.2337) < 0.001, String(o.summary.gpFtePer10k.value));
    assert.ok(Math.abs(o.summary.partnerShare.value - 0.5856) < 0.001, String(o.summary.partnerShare.value));
    assert.ok(o.caveats.some((c: string) => /April 2025, 9 months older than the January 2026 map/.test(c)));
  });

  test("text overview of one ICS names its places and PCNs", async () => {
    const r = await runCliInProcess(["overview", "--icb", "QNC", "--date", "2026-01-01"], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /NHS Staffordshire and Stoke-on-Trent Integrated Care Board \(QNC, E54000010\)/);
    assert.match(r.stdout, /Practices\s+141\b/);
    assert.match(r.stdout, /Registered patients\s+1,207,013/);
    assert.match(r.stdout, /PCNs\s+25:/);
  });

  test("pcns and practices filter and write CSV and JSON", async () => {
    const csv = await runCliInProcess(
      ["pcns", "--icb", "QNC", "--format", "csv", "--date", "2026-01-01"],
      env,
    );
    assert.equal(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split("\n");
    assert.equal(
      lines[0],
      "pcn_code,pcn_name,sub_icb_code,icb_code,practices,list_size,band,practices_without_list,crosses_sub_icb",
    );
    assert.equal(lines.length - 1, 25);
    const jan = ["--date", "2026-01-01"];
    const unallocated = await runCliInProcess(["practices", "--pcn", "U", "--format", "json", ...jan], env);
    assert.equal(JSON.parse(unallocated.stdout).length, 59);
    const under = await runCliInProcess(["pcns", "--band", "under", "--format", "json", ...jan], env);
    assert.equal(JSON.parse(under.stdout).length, 124);
  });

  test("bad requests get a clear message and a non-zero exit", async () => {
    const icb = await runCliInProcess(["overview", "--icb", "QZZ"], env);
    assert.notEqual(icb.status, 0);
    assert.match(icb.stderr, /no ICB has code or name 'QZZ'; known ICBs: .*QNC/);
    const band = await runCliInProcess(["pcns", "--band", "huge"], env);
    assert.notEqual(band.status, 0);
    assert.match(band.stderr, /--band must be under, in or over; found 'huge'/);
    const sub = await runCliInProcess(["practices", "--sub-icb", "XXX"], env);
    assert.notEqual(sub.status, 0);
    assert.match(sub.stderr, /--sub-icb 'XXX' is not in the loaded map/);
  });

  test("by default the August 2026 map with the July 2026 lists: 6,129 practices in the 36 post-merger ICBs", async () => {
    const r = await runCliInProcess(["overview", "--json"], env);
    assert.equal(r.status, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.equal(o.date, "2026-08-01");
    assert.equal(o.sources.lists.referenceDate, "2026-07-01");
    assert.equal(o.summary.practices, 6129);
    assert.equal(o.subAreas.length, 36);
    // The July 2026 totals of the August map's practices (the 10 practices gone since July are not in it).
    assert.equal(o.summary.patients, 63_401_776);
    assert.ok(o.caveats.some((c: string) => /July 2026, 1 month older than the August 2026 map/.test(c)));
    const qnc = await runCliInProcess(["overview", "--icb", "QNC", "--json"], env);
    const q = JSON.parse(qnc.stdout);
    assert.equal(q.summary.practices, 140);
    assert.equal(q.summary.patients, 1_205_104);
  });

  test("--date gives the picture as it stood then; --lists picks the lists outright", async () => {
    const may = JSON.parse(
      (await runCliInProcess(["overview", "--json", "--date", "2022-05-01"], env)).stdout,
    );
    assert.equal(may.date, "2022-01-01"); // the map in force on 1 May 2022
    assert.equal(may.sources.lists.referenceDate, "2022-05-01"); // and the lists of May 2022
    const forced = JSON.parse(
      (await runCliInProcess(["overview", "--json", "--date", "2022-05-01", "--lists", "2021-01-01"], env))
        .stdout,
    );
    assert.equal(forced.sources.lists.referenceDate, "2021-01-01");
    // A closure on 1 May 2022 uses the lists of that date (issue 13: they were never reachable before).
    const close = await runCliInProcess(
      ["scenarios", "close", "--practice", "M83001", "--date", "2022-05-01"],
      env,
    );
    assert.equal(close.status, 0, close.stderr);
    assert.match(close.stdout, /map of January 2022, lists of May 2022/);
    const older = [
      "scenarios",
      "close",
      "--practice",
      "M83001",
      "--date",
      "2022-05-01",
      "--lists",
      "2021-01-01",
    ];
    assert.match((await runCliInProcess(older, env)).stdout, /map of January 2022, lists of January 2021/);
    const bad = await runCliInProcess(["overview", "--lists", "soon"], env);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--lists must be a date such as 2026-01-01; found 'soon'/);
  });

  test("the August 2026 map can be chosen by date and shows the post-merger 36 ICBs", async () => {
    const r = await runCliInProcess(["overview", "--json", "--date", "2026-08-01"], env);
    assert.equal(r.status, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.equal(o.summary.practices, 6129);
    assert.equal(o.subAreas.length, 36);
  });
});
