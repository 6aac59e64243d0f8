// `icsplan networks evaluate` and `networks compare` on the synthetic demo, as a user runs them: load the
// demo into a fresh store, evaluate today's map (table, CSV, JSON), compare it with a proposal file, and
// reject bad proposal files with the practices named.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { holdCliStores, runCliInProcess, tempDir, useDemoStore } from "../../helpers.ts";

holdCliStores();

describe("networks commands on the demo", () => {
  const dir = tempDir("icsplan-networks-demo-");
  const env = { ICSPLAN_DATA_DIR: join(dir, "store"), DATABASE_URL: "" };
  let practices: { practice_code: string; pcn_code: string }[] = [];

  before(async () => {
    useDemoStore(env.ICSPLAN_DATA_DIR);
    const list = await runCliInProcess(["practices", "--demo", "--format", "json"], env);
    assert.equal(list.status, 0, list.stderr);
    practices = JSON.parse(list.stdout);
  });

  test("evaluate --demo: the banner, 30 PCNs by band, one practice outside any PCN, cohesion at LSOA level", async () => {
    const r = await runCliInProcess(["networks", "evaluate", "--demo"], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /SYNTHETIC DEMO DATA/);
    assert.match(r.stdout, /Demo ICB \(synthetic\) \(ICB Q99\)/);
    assert.match(r.stdout, /Graph: \d+ edges; shared catchments/);
    assert.match(r.stdout, /Networks\s+30: under 30k 2 .* 30k–50k 17 .* over 50k 11/);
    assert.match(r.stdout, /Outside any PCN\s+Z90004/);
    assert.match(
      r.stdout,
      /Cohesion\s+\d\.\d\d km from home to the network's nearest practice, \d\.\d\d km to its patient centre \(patient-weighted mean, LSOA level/,
    );
    assert.match(r.stdout, /Breaches \(\d+\)/);
  });

  test("evaluate --format json and csv", async () => {
    const json = await runCliInProcess(["networks", "evaluate", "--demo", "--format", "json"], env);
    assert.equal(json.status, 0, json.stderr);
    const ev = JSON.parse(json.stdout);
    assert.equal(ev.synthetic, true);
    assert.equal(ev.totals.practices, practices.length);
    assert.equal(ev.totals.networks, 30);
    assert.deepEqual(ev.totals.bands, { under: 2, in: 17, over: 11 });
    assert.equal(ev.graph.basis, "catchment");
    const listed = ev.networks.flatMap((n: { practices: string[] }) => n.practices).sort();
    assert.deepEqual(listed, practices.map((p) => p.practice_code).sort()); // each practice exactly once
    const csv = await runCliInProcess(["networks", "evaluate", "--demo", "--format", "csv"], env);
    assert.equal(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split("\n");
    assert.match(lines[0]!, /^network_code,network_name,outside_pcn,practices,list_size,/);
    assert.equal(lines.length - 1, 31); // 30 PCNs and the practice outside any PCN
  });

  test("compare today with a proposal moving one practice", async () => {
    const moved = practices.find((p) => p.pcn_code === "U99001")!;
    const rows = practices.map((p) => `${p.practice_code},${p === moved ? "U99002" : p.pcn_code}`);
    const file = join(dir, "proposal.csv");
    writeFileSync(file, `practice_code,network_code\n${rows.join("\n")}\n`);
    const r = await runCliInProcess(["networks", "compare", "--demo", "--a", "today", "--b", file], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Practices moved: 1 of \d+; patients moved: [\d,]+/);
    assert.match(r.stdout, new RegExp(`${moved.practice_code} .* U99001\\s+U99002`));
    assert.match(r.stdout, /Network changes: 2 changed, new or dissolved; \d+ unchanged\./);
  });

  test("a proposal with an unknown practice and missing practices is refused, naming them", async () => {
    const rows = practices.slice(2).map((p) => `${p.practice_code},${p.pcn_code}`);
    const file = join(dir, "bad.csv");
    writeFileSync(file, `practice_code,network_code\n${rows.join("\n")}\nA99999,U99001\n`);
    const r = await runCliInProcess(["networks", "compare", "--demo", "--b", file], env);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /1 practice\(s\) not in ICB Q99: A99999 \(line \d+\)/);
    assert.match(
      r.stderr,
      new RegExp(
        `2 practice\\(s\\) of ICB Q99 missing: ${practices[0]!.practice_code}, ${practices[1]!.practice_code}`,
      ),
    );
    const none = await runCliInProcess(
      ["networks", "compare", "--demo", "--b", join(dir, "nowhere.csv")],
      env,
    );
    assert.equal(none.status, 2);
    assert.match(
      none.stderr,
      /--b must be 'today', a CSV file or a saved scenario; '.*nowhere\.csv' is neither a file nor a scenario/,
    );
  });
});
