// The quick start as a user runs it (`icsplan demo`, what `npm start` runs), the demo's listings, and a
// rejected import from the command line: non-zero exit, a message naming file, line and column, and a store
// left as it was. The demo and the rejected import run as processes, as a user runs them; the checks around
// them run the same command tree in this process (runCliInProcess).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runCli, runCliInProcess, shared, tempDir, tempFile } from "../helpers.ts";

describe("demo and bad input, end to end", () => {
  const env = { ICSPLAN_DATA_DIR: tempDir("icsplan-e2e-demo-"), DATABASE_URL: "" };

  test("`icsplan demo` loads the synthetic ICS and prints its overview, labelled synthetic", () => {
    const r = runCli(["demo"], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\*\*\* SYNTHETIC DEMO DATA/);
    assert.match(r.stdout, /Demo ICB \(synthetic\) \(Q99, E54999999\)/);
    assert.match(r.stdout, /Practices\s+1[2-5]\d\b/);
    assert.match(r.stdout, /PCNs\s+\d+: under 30k [1-9]\d* .*over 50k [1-9]/);
    assert.match(r.stdout, /GP FTE per 10,000\s+\d\.\d\d/);
    assert.match(r.stdout, /Partner share\s+\d+\.\d%/);
    assert.match(r.stdout, /Deprivation mix .*Q1 \d+%/);
    assert.match(r.stdout, /SYNTHETIC DEMO DATA.*\*\*\*\n$/);
  });

  test("demo listings filter by band and write JSON; real-data commands do not see the demo", async () => {
    const under = await runCliInProcess(["pcns", "--demo", "--band", "under", "--format", "json"], env);
    assert.equal(under.status, 0, under.stderr);
    const pcns = JSON.parse(under.stdout) as { list_size: number; band: string }[];
    assert.ok(pcns.length > 0);
    for (const p of pcns) assert.ok(p.list_size < 30_000 && p.band === "under");
    const practices = await runCliInProcess(["practices", "--demo", "--format", "csv"], env);
    assert.equal(practices.status, 0, practices.stderr);
    assert.match(practices.stdout.split("\n")[1]!, /^Z9\d{4},/);
    const real = await runCliInProcess(["overview"], env);
    assert.notEqual(real.status, 0);
    assert.match(real.stderr, /No practice → PCN map is loaded/);
  });

  test("a rejected import exits non-zero, names file, line and column, and leaves the store unchanged", async () => {
    const before = await runCliInProcess(["datasets", "--format", "json"], env);
    const good =
      "PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS";
    const bad = tempFile(
      "gp-reg-pat-prac-all.csv",
      `${good}\nGP_PRAC_PAT_LIST,2025-04-01,GP,16C,E38000247,A81001,TS18 1HU,ALL,ALL,3904\nGP_PRAC_PAT_LIST,2025-04-01,GP,16C,E38000247,A81002,TS18 2AW,ALL,ALL,many\n`,
    );
    const r = runCli(["import", "--quiet", bad], env);
    assert.equal(r.status, 1);
    assert.match(
      r.stdout,
      /REJECTED .*line 3, column 'NUMBER_OF_PATIENTS': expected a whole number, found 'many'/,
    );
    assert.equal((await runCliInProcess(["datasets", "--format", "json"], env)).stdout, before.stdout);
  });

  test("a file of no known kind is reported and exits non-zero", async () => {
    const r = await runCliInProcess(["import", "--quiet", shared("registrations/PROVENANCE.md")], env);
    assert.equal(r.status, 1);
  });
});
