// Test tier: heavy (end to end through the CLI); run by `npm run test:heavy` and CI, not by `npm test`.
// `icsplan workforce …` end to end, as a user runs it: real files imported with `icsplan import`, the synthetic
// demo loaded with `icsplan demo`, and bad input. Expected figures were computed independently from the CSVs
// (see test/engines/workforce/real-data.test.ts).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { holdCliStores, runCliInProcess, shared, tempDir, useDemoStore } from "../helpers.ts";

holdCliStores();

const FILES = [
  "practices/epraccur_2026-02.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/history/gp-reg-pat-prac-map_2022-01.csv",
  "registrations/history/gp-reg-pat-prac-map_2020-09.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  "workforce",
  "deprivation/practice_imd2019_score_swahsn_2023-01.csv",
  "payments/nhs-payments-gp_2021-22.csv",
];

const BANNER = /\*\*\* SYNTHETIC DEMO DATA/;

describe("icsplan workforce, end to end", () => {
  const env = { ICSPLAN_DATA_DIR: tempDir("icsplan-e2e-workforce-"), DATABASE_URL: "" };
  const cli = (...args: string[]) => runCliInProcess(["workforce", ...args], env);
  const json = async (...args: string[]) => {
    const r = await cli(...args, "--format", "json");
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };

  before(async () => {
    // The demo store as `icsplan demo` leaves it (built once per run), then the real files beside it.
    useDemoStore(env.ICSPLAN_DATA_DIR);
    const r = await runCliInProcess(["import", "--quiet", ...FILES.map((f) => shared(f))], env);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test("trends by ICB: England for every period, FY2015-16 to FY2024-25, and the 42 ICBs", async () => {
    const t = await json("trends");
    assert.equal(t.periods.length, 10);
    assert.equal(t.areas.length, 42);
    const last = t.total.points.at(-1);
    assert.equal(last.label, "FY2024-25");
    assert.ok(Math.abs(last.figures.staff.gpFte - 27076.7) < 0.05, String(last.figures.staff.gpFte));
    assert.ok(Math.abs(last.figures.staff.partnerFte - 15829.8) < 0.05);
    assert.ok(Math.abs(t.total.points[0].figures.staff.gpFte - 27372.5) < 0.05);
  });

  test("trends by PCN in one ICB as CSV: one row per area and period", async () => {
    const r = await cli("trends", "--by", "pcn", "--icb", "QNC", "--format", "csv");
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.match(
      lines[0]!,
      /^level,area_code,area_name,icb_code,period,fiscal_year_end,practices,patients,weighted_patients,gp_fte,gp_hc,partner_fte/,
    );
    const rows = lines.slice(1).map((l) => l.split(","));
    const pcns = new Set(rows.filter((c) => c[0] === "pcn").map((c) => c[1]));
    assert.equal(pcns.size, 25);
    assert.equal(rows.filter((c) => c[0] === "icb" && c[1] === "QNC").length, 10);
    const table = await cli("trends", "--icb", "QNC");
    assert.match(
      table.stdout,
      /General practice workforce, NHS Staffordshire and Stoke-on-Trent Integrated Care Board \(QNC\): FY2015-16 to FY2024-25/,
    );
    assert.match(table.stdout, /QNC\s+FY2024-25\s+142\s+1,202,884\s+503\.1/);
    assert.match(table.stdout, /Note: Partner detail exists only for FY2022-23–FY2024-25/);
  });

  test("partners --fastest-losing: ranked, with the caveats of the data", async () => {
    const r = await cli("partners", "--fastest-losing", "--top", "3");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /GP partners, England: FY2022-23 → FY2024-25, by ICB, fastest-losing first/);
    assert.match(
      r.stdout,
      /\n1\s+NHS Gloucestershire Integrated Care Board\s+QR1\s+71\s+227\.6\s+202\.9\s+-24\.7\s+-10\.9%/,
    );
    assert.match(r.stdout, /First 3 of 42 ranked\./);
    assert.match(r.stdout, /Note: .*practices .*have partner figures in FY2022-23 but not FY2024-25/);
    assert.match(r.stdout, /Note: Areas are those of the January 2026 map/);
  });

  test("arrs: entitlement = weighted population × rate, per PCN, with the year's basis stated", async () => {
    const a = await json("arrs", "--icb", "QNC", "--period", "2022-09");
    assert.equal(a.pcns.length, 25);
    assert.equal(a.yearBasis, "census");
    assert.equal(a.year.year, "2022-23");
    // FY2021-22 weighted ÷ registered × the April 2025 lists of M83020, M83069 and M83092 (the lists loaded).
    const u = a.pcns.find((p: { pcn: { code: string } }) => p.pcn.code === "U04901");
    assert.ok(Math.abs(u.entitlement - 36934.933695 * 16.915) < 0.01, String(u.entitlement));
    // Every ARRS FTE of QNC is costed: headroom is a figure (a lower bound: band 7 roles at the 7–8a maximum).
    assert.equal(a.total.uncostedFte, 0);
    assert.equal(a.total.headroomBound, "lower");
    const roles = await cli("arrs", "--pcn", "U04901", "--period", "2022-09", "--format", "csv");
    assert.equal(roles.status, 0, roles.stderr);
    assert.match(
      roles.stdout,
      /^census,contract_year,pcn_code,role,fte,records,max_reimbursement,max_from_year,reimbursed_share,cost_is_upper_bound,cost/,
    );
    assert.match(
      roles.stdout,
      /2022-09-01,2022-23,U04901,Advanced Practitioners,2\.907,3,64990,,1,false,188904\.27/,
    );
    const table = await cli("arrs", "--icb", "QNC", "--period", "2022-09", "--year", "2024-25");
    assert.match(table.stdout, /STONE and ECCLESHALL PCN\s+U04901\s+QNC\s+3\s+36,935\s+£893,715/);
    assert.match(
      table.stdout,
      /Unverified figures used \(\*\):\n {2}- 2024-25 maximums for Care Coordinators, Nursing Associates: the band 4 maximum of 2024-25, derived/,
    );
    assert.match(table.stdout, /Headroom\s+≥£/);
  });

  test("arrs on the June 2026 census: contract year 2026-27, every FTE costed", async () => {
    const a = await json("arrs", "--icb", "QNC");
    assert.equal(a.census.period, "June 2026");
    assert.deepEqual([a.year.year, a.yearBasis], ["2026-27", "census"]);
    // 936 QNC records, 748.604 FTE in the CSV (ICB_CODE QNC).
    assert.ok(Math.abs(a.total.arrsFte + a.total.otherFte - 748.604133) < 0.001);
    assert.equal(a.total.uncostedFte, 0);
    assert.equal(typeof a.total.headroom, "number");
  });

  test("risk: ranked practices and one practice's components", async () => {
    const one = await cli("risk", "--practice", "F82034");
    assert.equal(one.status, 0, one.stderr);
    assert.match(one.stdout, /VICTORIA & FIVE ELMS MEDICAL CENTRE \(F82034\).*score 11 of 13 \(flagged\)/);
    assert.match(one.stdout, /Patients per GP FTE\s+45,549\s+≥ 3,507 → 2; ≥ 2,922 → 1\s+2\/2/);
    const csv = await cli("risk", "--icb", "QNC", "--top", "5", "--format", "csv");
    const lines = csv.stdout.trim().split("\n");
    assert.equal(lines.length, 6);
    assert.match(lines[1]!, /^1,M83637,CHADSMOOR MEDICAL PRACTICE,U12200,/);
  });

  test("every command works on the demo and carries the SYNTHETIC banner", async () => {
    for (const args of [["trends", "--by", "pcn"], ["partners", "--fastest-losing"], ["arrs"], ["risk"]]) {
      const r = await cli(...args, "--demo");
      assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stdout.split("\n")[0]!, BANNER, args.join(" "));
      assert.match(r.stdout.trim().split("\n").at(-1)!, BANNER, args.join(" "));
    }
    const csv = await cli("risk", "--demo", "--format", "csv");
    assert.equal(csv.status, 0);
    assert.match(csv.stderr, /SYNTHETIC DEMO DATA/);
    assert.match(csv.stdout, /,true\n/);
    assert.equal((await json("arrs", "--demo")).synthetic, true);
  });

  test("bad input gets one clear line and exit status 2", async () => {
    const cases: [string[], RegExp][] = [
      [["trends", "--icb", "QZZ"], /--icb: no ICB has code or name 'QZZ'; known ICBs: QE1, /],
      [["trends", "--by", "region"], /--by must be one of icb, sub-icb, pcn, practice; found 'region'/],
      [["trends", "--format", "xml"], /--format must be table, csv or json; found 'xml'/],
      [
        ["partners", "--from", "FY2015-16"],
        /--from FY2015-16 has no partner figures; expected one of FY2022-23, FY2023-24, FY2024-25/,
      ],
      [
        ["partners", "--from", "last year"],
        /--from must be a fiscal year such as FY2022-23 or 2023; found 'last year'/,
      ],
      [
        ["arrs", "--period", "2019-01"],
        /--period 2019-01: no PCN workforce census of that month is loaded; loaded: 2020-03, .*2022-09/,
      ],
      [["arrs", "--period", "soon"], /--period must be a census month such as 2022-09; found 'soon'/],
      [
        ["arrs", "--pcn", "UNKNOWN", "--period", "2022-09"],
        /--pcn .UNKNOWN. has no staff records in the September 2022 census/,
      ],
      [
        ["arrs", "--year", "2030-31"],
        /--year: No ARRS figures are configured for contract year '2030-31': expected one of 2020-21, 2021-22, 2022-23, 2023-24, 2024-25, 2025-26, 2026-27/,
      ],
      [["risk", "--top", "0"], /--top must be a whole number of at least 1; found '0'/],
      [["risk", "--pcn", "UNKNOWN"], /--pcn .UNKNOWN. is not a PCN in the January 2026 map/],
      [
        ["risk", "--icb", "QNC", "--practice", "F82034"],
        /--practice 'F82034' is not a practice in the January 2026 map of QNC/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message, args.join(" "));
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, "no stack trace");
    }
    const empty = await runCliInProcess(["workforce", "trends"], {
      ICSPLAN_DATA_DIR: tempDir("icsplan-e2e-empty-"),
      DATABASE_URL: "",
    });
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /No practice → PCN map is loaded/);
  });
});
