// Test tier: heavy (designs and jobs over the demo); run by `npm run test:heavy` and CI, not by `npm test`.
// `icsplan networks design` on the synthetic demo, as a user runs it: the proposal beside today's map, the
// CSV written with --out (read back by `networks compare`), JSON, locks and kept PCNs, and clear errors for
// bad requests.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { holdCliStores, runCliInProcess, tempDir, useDemoStore } from "../../helpers.ts";

holdCliStores();

describe("networks design on the demo", () => {
  const dir = tempDir("icsplan-design-demo-");
  const env = { ICSPLAN_DATA_DIR: join(dir, "store"), DATABASE_URL: "" };
  let practices: { practice_code: string; practice_name: string; pcn_code: string }[] = [];

  before(async () => {
    useDemoStore(env.ICSPLAN_DATA_DIR);
    practices = JSON.parse((await runCliInProcess(["practices", "--demo", "--format", "json"], env)).stdout);
  });

  test("table: today beside the design, every network in band, and the CSV written with --out", async () => {
    const out = join(dir, "design.csv");
    const r = await runCliInProcess(["networks", "design", "--demo", "--out", out], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /SYNTHETIC DEMO DATA/);
    assert.match(r.stdout, /Design: heuristic .* seed 1, [\d,]+ proposals/);
    assert.match(r.stdout, /\s+Today\s+Design/);
    const networks = /^Networks\s+30\s+(\d+)/m.exec(r.stdout);
    assert.ok(networks, r.stdout);
    assert.match(
      r.stdout,
      new RegExp(`^In band 30k–50k\\s+17 \\([\\d,]+ patients\\)\\s+${networks[1]} `, "m"),
    );
    assert.match(r.stdout, /^Practices moved\s+–\s+\d+ of 139/m);
    assert.match(r.stdout, /Nothing relaxed: every network is contiguous and within the band\./);
    // Members by code and name.
    const named = practices.filter((p) =>
      r.stdout.includes(`${p.practice_code} ${p.practice_name.slice(0, 20)}`),
    );
    assert.ok(named.length >= 30, `${named.length} practices shown with their names`);
    assert.match(r.stdout, /Wrote .*design\.csv \(practice_code,network_code\)/);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    assert.equal(lines[0], "practice_code,network_code");
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(",")[0]),
      practices.map((p) => p.practice_code).sort(),
    );
    // The file is a configuration `networks compare` reads.
    const cmp = await runCliInProcess(["networks", "compare", "--demo", "--b", out], env);
    assert.equal(cmp.status, 0, cmp.stderr);
    assert.match(cmp.stdout, /Practices moved: \d+ of 139/);
  });

  test("equal seeds give equal designs; JSON lists every practice once", async () => {
    const a = await runCliInProcess(
      ["networks", "design", "--demo", "--seed", "5", "--starts", "1", "--format", "csv"],
      env,
    );
    const b = await runCliInProcess(
      ["networks", "design", "--demo", "--seed", "5", "--starts", "1", "--format", "csv"],
      env,
    );
    assert.equal(a.status, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    const json = await runCliInProcess(
      ["networks", "design", "--demo", "--format", "json", "--disruption", "5", "--starts", "1"],
      env,
    );
    assert.equal(json.status, 0, json.stderr);
    const d = JSON.parse(json.stdout);
    assert.equal(d.synthetic, true);
    const listed = d.networks.flatMap((n: { practices: string[] }) => n.practices).sort();
    assert.deepEqual(listed, practices.map((p) => p.practice_code).sort());
    assert.equal(d.assignment.length, practices.length);
  });

  test("locks and kept PCNs are respected", async () => {
    const [p1, p2] = practices.filter((p) => p.pcn_code === "U99001").map((p) => p.practice_code);
    const kept = "U99002";
    const r = await runCliInProcess(
      [
        "networks",
        "design",
        "--demo",
        "--format",
        "csv",
        "--lock",
        `${p1}=NORTH`,
        "--lock",
        `${practices.at(-1)!.practice_code}=NORTH`,
        "--keep",
        kept,
        // Locks and kept PCNs hold in every start; one start is enough to check them.
        "--starts",
        "1",
      ],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const rows = new Map(
      r.stdout
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",") as [string, string]),
    );
    assert.equal(rows.get(p1!), "NORTH");
    assert.equal(rows.get(practices.at(-1)!.practice_code), "NORTH");
    assert.ok(p2 !== undefined);
    const keptNetworks = new Set(
      practices.filter((p) => p.pcn_code === kept).map((p) => rows.get(p.practice_code)),
    );
    assert.equal(keptNetworks.size, 1);
  });

  test("bad requests: unknown ICB, unknown practice in a lock, band min > max, malformed flags", async () => {
    const cases: [string[], RegExp][] = [
      [["--demo", "--icb", "QZZ"], /no ICB has code or name 'QZZ'/],
      [["--demo", "--lock", "X99999=NORTH"], /lock: practice 'X99999' is not in ICB Q99/],
      [["--demo", "--lock", "NORTH"], /--lock must be PRACTICE=LABEL/],
      [["--demo", "--band", "50000-30000"], /--band: band minimum 50,000 is greater than its maximum 30,000/],
      [["--demo", "--band", "large"], /--band: band must look like 30000-50000/],
      [["--demo", "--keep", "U00000"], /keep whole: 'U00000' is not a PCN in ICB Q99/],
      [["--demo", "--disruption", "-2"], /--disruption must be a number ≥ 0; found '-2'/],
    ];
    for (const [args, message] of cases) {
      const r = await runCliInProcess(["networks", "design", ...args], env);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message, args.join(" "));
    }
  });
});
