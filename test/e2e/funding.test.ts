// `icsplan funding …` as a user runs it: on the demo (entitlements, a flexed allocation saved as a scenario,
// the equity audit, history, the model report, a design scenario's entitlements), on a real-data store
// (Staffordshire & Stoke-on-Trent), and bad input: non-zero exit, one clear message, nothing saved.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { holdCliStores, runCliInProcess, shared, tempDir, useDemoStore } from "../helpers.ts";

holdCliStores();

const csvRows = (text: string) => {
  const [header, ...lines] = text.trim().split("\n");
  const keys = header!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i], v])));
};

describe("funding on the demo, end to end", () => {
  const env = { ICSPLAN_DATA_DIR: tempDir("icsplan-e2e-funding-"), DATABASE_URL: "" };
  before(() => {
    useDemoStore(env.ICSPLAN_DATA_DIR);
  });

  test("entitlements: table with the banner and the rates' sources; CSV networks sum to the JSON total", async () => {
    const t = await runCliInProcess(["funding", "entitlements", "--demo", "--year", "2024-25"], env);
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /^\*\*\* SYNTHETIC DEMO DATA/);
    assert.match(t.stdout, /Entitlements 2024-25: Demo ICB \(synthetic\) \(Q99\)/);
    assert.match(t.stdout, /Global Sum .*112\.500/);
    assert.match(t.stdout, /SYNTHETIC DEMO DATA.*\*\*\*\n$/);
    const j = JSON.parse(
      (
        await runCliInProcess(
          ["funding", "entitlements", "--demo", "--year", "2024-25", "--format", "json"],
          env,
        )
      ).stdout,
    );
    assert.equal(j.synthetic, true);
    assert.equal(j.today.practices.length, 139);
    const csv = csvRows(
      (
        await runCliInProcess(
          ["funding", "entitlements", "--demo", "--year", "2024-25", "--format", "csv"],
          env,
        )
      ).stdout,
    );
    const sum = csv.reduce((a, r) => a + Number(r.total), 0);
    assert.ok(Math.abs(sum - j.today.totals.all) < 1, `${sum} vs ${j.today.totals.all}`);
  });

  test("allocate: CSV pence sum to the fund exactly; saved as a scenario that `scenarios list` shows", async () => {
    const r = await runCliInProcess(
      [
        "funding",
        "allocate",
        "--demo",
        "--fund",
        "1,000,000",
        "--hi-share",
        "0.2",
        "--floor",
        "90%",
        "--cap",
        "150%",
        "--format",
        "csv",
      ],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const rows = csvRows(r.stdout);
    assert.equal(rows.length, 139);
    assert.equal(
      rows.reduce((a, x) => a + Number(x.pence), 0),
      100_000_000,
    );
    const saved = await runCliInProcess(
      ["funding", "allocate", "--demo", "--fund", "500k", "--by", "network", "--save", "e2e flex"],
      env,
    );
    assert.equal(saved.status, 0, saved.stderr);
    assert.match(saved.stdout, /Total £500,000\.00 = the fund to the penny/);
    assert.match(saved.stdout, /Saved as scenario 'e2e flex'/);
    const list = await runCliInProcess(["scenarios", "list", "--format", "json"], env);
    assert.equal(list.status, 0, list.stderr);
    assert.ok(
      JSON.parse(list.stdout).some(
        (s: { name: string; kind: string }) => s.name === "e2e flex" && s.kind === "allocation",
      ),
    );
  });

  test("audit: quintiles, concentration indices, before and after, history", async () => {
    const r = await runCliInProcess(["funding", "audit", "--demo"], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /By national IMD quintile of practices/);
    assert.match(r.stdout, /Q1 \(most deprived\)/);
    assert.match(r.stdout, /Concentration index C = \(2\/μ\)/);
    assert.match(r.stdout, /FY2019-20/);
    const j = JSON.parse(
      (await runCliInProcess(["funding", "audit", "--demo", "--format", "json"], env)).stdout,
    );
    assert.equal(j.audit.concentration.beforePerHead, 0);
    assert.ok(j.audit.concentration.afterPerHead < 0);
  });

  test("history by quintile and the model report", async () => {
    const h = await runCliInProcess(
      ["funding", "history", "--demo", "--by", "quintile", "--format", "csv"],
      env,
    );
    assert.equal(h.status, 0, h.stderr);
    assert.match(
      h.stdout.split("\n")[0]!,
      /^group,fiscal_year,practices,registered,weighted,total,per_registered,per_weighted$/,
    );
    const m = await runCliInProcess(["funding", "model", "--demo"], env);
    assert.equal(m.status, 0, m.stderr);
    assert.match(m.stdout, /fitted on FY2023-24, scored on FY2024-25/);
  });

  test("entitlements of a saved network design, with the difference from today", async () => {
    const d = await runCliInProcess(
      ["networks", "design", "--demo", "--save", "e2e design", "--iterations", "2000"],
      env,
    );
    assert.equal(d.status, 0, d.stderr);
    const r = await runCliInProcess(
      ["funding", "entitlements", "--demo", "--scenario", "e2e design", "--format", "json"],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.match(j.configuration.label, /scenario 'e2e design' \(network-design\)/);
    // Same practices and lists in another map: the total moves only with practices leaving or joining PCNs.
    const outsideBefore = j.today.practices.filter(
      (p: { networkCode: string | null }) => p.networkCode === null,
    ).length;
    const outsideAfter = j.configuration.entitlements.practices.filter(
      (p: { networkCode: string | null }) => p.networkCode === null,
    ).length;
    if (outsideBefore === outsideAfter) assert.ok(Math.abs(j.configuration.comparison.totalChange) < 1);
  });

  test("bad input: one clear message, exit 2, nothing saved", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["funding", "allocate", "--demo", "--fund", "-5"],
        /--fund must be an amount of money ≥ £0; found '-5'/,
      ],
      [
        ["funding", "allocate", "--demo", "--fund", "1000", "--weights", "weighted:0.8,hi:0.1"],
        /--weights must sum to 1; 'weighted:0\.8,hi:0\.1' sums to 0\.9/,
      ],
      [
        ["funding", "allocate", "--demo", "--fund", "1000", "--method", "fair"],
        /--method must be equal, weighted, need or custom; found 'fair'/,
      ],
      [
        ["funding", "allocate", "--demo", "--fund", "1000", "--floor", "600"],
        /the floors need £83,400\.00 in all, more than the fund of £1,000\.00/,
      ],
      [
        ["funding", "allocate", "--demo", "--fund", "1000", "--practice", "Z00000"],
        /--practice Z00000 is not in Demo ICB/,
      ],
      [
        ["funding", "entitlements", "--demo", "--year", "2031-32"],
        /no funding figures are configured for contract year '2031-32': expected one of 2014-15, .*2025-26/,
      ],
      [["funding", "entitlements", "--demo", "--icb", "NOPE"], /no ICB has code or name 'NOPE'/],
      [["funding", "allocate", "--demo"], /--fund is required/],
    ];
    const before = (await runCliInProcess(["scenarios", "list", "--format", "json"], env)).stdout;
    for (const [args, message] of cases) {
      const r = await runCliInProcess(
        [...args, ...(args[1] === "allocate" ? ["--save", "never-saved"] : [])],
        env,
      );
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    assert.equal((await runCliInProcess(["scenarios", "list", "--format", "json"], env)).stdout, before);
  });
});

describe("funding on real data, end to end (Staffordshire & Stoke-on-Trent)", () => {
  const env = { ICSPLAN_DATA_DIR: tempDir("icsplan-e2e-funding-real-"), DATABASE_URL: "" };
  before(async () => {
    const r = await runCliInProcess(
      [
        "import",
        "--quiet",
        shared("practices/epraccur_2026-02.csv"),
        shared("registrations/gp-reg-pat-prac-map_2026-01.csv"),
        shared("registrations/gp-reg-pat-prac-all_2025-04.csv"),
        shared("deprivation/practice_imd2019_score_swahsn_2023-01.csv"),
        shared("payments/nhs-payments-gp_2021-22.csv"),
        shared("payments/history/nhs-payments-gp_2020-21.csv"),
      ],
      env,
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test("allocate £1,000,000 across QNC's 141 practices: exact to the penny", async () => {
    const r = await runCliInProcess(
      ["funding", "allocate", "--icb", "QNC", "--fund", "1000000", "--format", "csv"],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const rows = csvRows(r.stdout);
    assert.equal(rows.length, 141);
    assert.equal(
      rows.reduce((a, x) => a + Number(x.pence), 0),
      100_000_000,
    );
  });

  test("history: M83126's FY2020-21 payments flagged; --exclude-outliers takes QNC's Q2 from £205.24 to £148.24", async () => {
    const q2 = async (extra: string[]) => {
      const r = await runCliInProcess(
        ["funding", "history", "--icb", "QNC", "--by", "quintile", "--format", "csv", ...extra],
        env,
      );
      assert.equal(r.status, 0, r.stderr);
      return { row: csvRows(r.stdout).find((x) => x.group === "Q2" && x.fiscal_year === "2020-21")!, r };
    };
    const all = await q2([]);
    assert.equal(all.row.per_registered, "205.24");
    const table = await runCliInProcess(["funding", "history", "--icb", "QNC", "--by", "quintile"], env);
    assert.match(
      table.stdout,
      /M83126 \(LONGTON HALL SURGERY\) 2020-21: £10,438,199 on a list of 6,893 = £1,514 a head, 10\.1 × the median £149/,
    );
    assert.match(table.stdout, /included; pass --exclude-outliers to leave them out/);
    const kept = await q2(["--exclude-outliers"]);
    assert.equal(kept.row.per_registered, "148.24");
    assert.equal(Number(kept.row.practices), Number(all.row.practices) - 1);
  });

  test("entitlements 2024-25 of QNC: 25 networks, every practice on its own published ratio", async () => {
    const r = await runCliInProcess(
      ["funding", "entitlements", "--icb", "QNC", "--year", "2024-25", "--format", "json"],
      env,
    );
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.today.networks.length, 25);
    assert.deepEqual(j.bases, { "official-ratio": 141 });
    assert.equal(j.populations.weightedFrom, "FY2021-22");
  });
});
