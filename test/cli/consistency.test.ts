// One style and one basis across commands (issue 13 item 13): numbers, minus signs and money through
// src/cli/format.ts (no negative zero, one minus sign); the ARRS entitlement of `workforce arrs` and
// `funding entitlements` one figure for the same year and date; the deprivation mix of the overview and of
// `networks evaluate` one figure on one basis. Run on the synthetic demo store (built once); the same on
// the real QNC files in consistency-real.test.ts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import {
  formatCount,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatSignedCount,
  formatSignedMoney,
  renderTable,
} from "../../src/cli/format.ts";
import { pounds, signedPounds } from "../../src/cli/render/funding-format.ts";
import { runCli, tempDir, useDemoStore } from "../helpers.ts";

describe("one number style", () => {
  test("no negative zero: a value that rounds to zero is shown as zero", () => {
    assert.equal(formatMoney(-0.4), "£0");
    assert.equal(formatMoney(-0.004, 2), "£0.00");
    assert.equal(formatSignedMoney(-0.4), "£0");
    assert.equal(formatSignedCount(-0.4), "0");
    assert.equal(formatCount(-0.4), "0");
    assert.equal(formatDecimal(-0.04, 1), "0.0");
    assert.equal(formatPercent(-0.00004, 1), "0.0%");
    assert.equal(pounds(-0.001), "£0.00");
    assert.equal(signedPounds(-0.2), "£0");
  });

  test("negatives take the ASCII minus before the £; thousands are grouped", () => {
    assert.equal(formatMoney(-4_676_755.2), "-£4,676,755");
    assert.equal(formatMoney(-1234.5, 2), "-£1,234.50");
    assert.equal(formatSignedMoney(177_649.4), "+£177,649");
    assert.equal(formatSignedMoney(-177_649.4), "-£177,649");
    assert.equal(formatSignedCount(-1_234.6), "-1,235");
    assert.equal(formatCount(-1_234.6), "-1,235");
    assert.equal(formatDecimal(-1_234.56, 1), "-1,234.6");
    assert.equal(formatPercent(-0.0475, 2), "-4.75%");
    assert.equal(formatMoney(null), "–");
    assert.equal(formatMoney(Number.NaN), "–");
  });
});

test("a column of money with negatives and bounds is right-aligned as figures", () => {
  const table = renderTable(
    ["PCN", "OOH", "Headroom"],
    [
      ["U04901", "-£213,517", "≥£13,814"],
      ["U05734", "£5", "≥-£174,293"],
    ],
  );
  assert.equal(
    table,
    [
      "PCN           OOH    Headroom",
      "------  ---------  ----------",
      "U04901  -£213,517    ≥£13,814",
      "U05734         £5  ≥-£174,293",
    ].join("\n"),
  );
});

describe("one figure and one labelled basis across commands (demo)", () => {
  let dataDir: string;
  const cli = (...args: string[]) => {
    const r = runCli(["--data-dir", dataDir, ...args], { DATABASE_URL: "" });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  before(() => {
    dataDir = join(tempDir(), "store");
    useDemoStore(dataDir);
  });

  test("workforce arrs and funding entitlements give one ARRS figure for one year and date", () => {
    const funding = cli("funding", "entitlements", "--demo", "--year", "2025-26");
    const m =
      /\(ARRS (£[\d,]+), at 2025-26 rates on the map of (\d{4}-\d{2}-\d{2}): workforce arrs --year 2025-26 --date \2 gives the same\)/.exec(
        funding,
      );
    assert.ok(m, funding);
    const arrs = cli("workforce", "arrs", "--demo", "--year", "2025-26", "--date", m[2]!);
    assert.match(arrs, new RegExp(`^Entitlement {10}${m[1]!.replace(/[£,]/g, (c) => `\\${c}`)}$`, "m"));
    assert.match(
      arrs,
      /^Entitlement basis: the 2025-26 rate \(the year asked\) × the weighted populations of funding entitlements/m,
    );
  });

  test("the overview and networks evaluate print one deprivation mix on one basis", () => {
    const mixOf = (out: string) => {
      const m = /^Deprivation mix {6}(Q1 (\d+)%.*)\n {21}basis: (.*)$/m.exec(out);
      assert.ok(m, out);
      return { shares: m[1]!, q1: Number(m[2]), basis: m[3]! };
    };
    const overview = mixOf(cli("overview", "--demo"));
    const evaluate = mixOf(cli("networks", "evaluate", "--demo"));
    assert.deepEqual(overview, evaluate);
    // The demo has LSOA registrations for every practice: patients are counted where they live.
    assert.match(
      overview.basis,
      /^where patients live: the IMD 2025 decile of their LSOA \(\w+ \d{4} LSOA registrations, (\d+) of \1 practices\)$/,
    );
    assert.equal(overview.q1, 19);
  });

  test("no U+2212 minus and no negative zero pounds in the money commands' output", () => {
    for (const args of [
      ["workforce", "arrs", "--demo"],
      ["funding", "entitlements", "--demo"],
      ["overview", "--demo"],
    ]) {
      const out = cli(...args);
      assert.doesNotMatch(out, /\u2212[£\d]/, args.join(" "));
      assert.doesNotMatch(out, /-£0(?![.,\d])|-0\.0+%/, args.join(" "));
    }
  });
});
