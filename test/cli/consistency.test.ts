// Test tier: heavy (designs and jobs over the demo); run by `npm run test:heavy` and CI, not by `npm test`.
// One style and one basis across commands (issue 13 item 13): numbers, minus signs and money through
// src/cli/format.ts (no negative zero, one minus sign); the ARRS entitlement of `workforce arrs` and
// `funding entitlements` one figure for the same year and date; the deprivation mix of the overview and of
// `networks evaluate` one figure on one basis. Run on the synthetic demo store (built once); the same on
// the real QNC files in consistency-real.test.ts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import {
  formatCount,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatSignedCount,
  formatSignedMoney,
  formatTimestamp,
  renderTable,
} from "../../src/cli/format.ts";
import { formatValue } from "../../src/engines/plan/figures.ts";
import { pounds, signedPounds } from "../../src/cli/render/funding-format.ts";
import { runCliInProcess, tempDir, useDemoStore } from "../helpers.ts";
import { styleBreaks } from "./style-kit.ts";

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

test("the plan document's figures and every timestamp keep the same style", () => {
  // Intl.NumberFormat, which the plan used, prints -£0, -0 and the percentages printed -0.0%.
  assert.equal(formatValue(-0.3, "count"), "0");
  assert.equal(formatValue(-0.001, "pounds"), "£0.00");
  assert.equal(formatValue(-0.3, "pounds"), "-£0.30");
  assert.equal(formatValue(-1_234.5, "pounds"), "-£1,235");
  assert.equal(formatValue(12.345, "pounds"), "£12.35");
  assert.equal(formatValue(-0.00004, "percent"), "0.0%");
  assert.equal(formatValue(0.2108, "percent"), "21.1%");
  assert.equal(formatValue(4.5, "decimal"), "4.5");
  assert.equal(formatValue(1_200, "decimal"), "1,200");
  assert.equal(formatValue(-0.001, "decimal"), "0");
  assert.equal(formatTimestamp("2026-12-03T08:07:31.123Z"), "2026-12-03 08:07 UTC");
  assert.equal(formatTimestamp("2026-12-03 09:07:31+01"), "2026-12-03 08:07 UTC");
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
  const cli = async (...args: string[]) => {
    const r = await runCliInProcess(["--data-dir", dataDir, ...args], { DATABASE_URL: "" });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  before(() => {
    dataDir = join(tempDir(), "store");
    useDemoStore(dataDir);
  });

  test("workforce arrs and funding entitlements give one ARRS figure for one year and date", async () => {
    const funding = await cli("funding", "entitlements", "--demo", "--year", "2025-26");
    const m =
      /\(ARRS (£[\d,]+), at 2025-26 rates on the map of (\d{4}-\d{2}-\d{2}): workforce arrs --year 2025-26 --date \2 gives the same\)/.exec(
        funding,
      );
    assert.ok(m, funding);
    const arrs = await cli("workforce", "arrs", "--demo", "--year", "2025-26", "--date", m[2]!);
    assert.match(arrs, new RegExp(`^Entitlement {10}${m[1]!.replace(/[£,]/g, (c) => `\\${c}`)}$`, "m"));
    assert.match(
      arrs,
      /^Entitlement basis: the 2025-26 rate \(the year asked\) × the weighted populations of funding entitlements/m,
    );
  });

  test("the overview and networks evaluate print one deprivation mix on one basis", async () => {
    const mixOf = (out: string) => {
      const m = /^Deprivation mix {6}(Q1 (\d+)%.*)\n {21}basis: (.*)$/m.exec(out);
      assert.ok(m, out);
      return { shares: m[1]!, q1: Number(m[2]), basis: m[3]! };
    };
    const overview = mixOf(await cli("overview", "--demo"));
    const evaluate = mixOf(await cli("networks", "evaluate", "--demo"));
    assert.deepEqual(overview, evaluate);
    // The demo has LSOA registrations for every practice: patients are counted where they live.
    assert.match(
      overview.basis,
      /^where patients live: the IMD 2025 decile of their LSOA \(\w+ \d{4} LSOA registrations, (\d+) of \1 practices\)$/,
    );
    assert.equal(overview.q1, 19);
  });

  test("every command's output keeps the one style: minus, zero, £, % and dates (src/model/format.ts)", async () => {
    const commands = [
      ["overview", "--demo"],
      ["networks", "evaluate", "--demo"],
      ["workforce", "trends", "--demo"],
      ["workforce", "partners", "--demo"],
      ["workforce", "arrs", "--demo"],
      ["workforce", "risk", "--demo"],
      ["funding", "entitlements", "--demo"],
      ["funding", "audit", "--demo"],
      ["funding", "history", "--demo"],
      ["funding", "model", "--demo"],
      ["funding", "allocate", "--demo", "--fund", "1000000"],
      ["scenarios", "close", "--demo", "--practice", "Z90130"],
      ["scenarios", "merge", "--demo", "--practice", "Z90001", "--practice", "Z90002"],
      ["practices", "--demo"],
    ];
    for (const args of commands) {
      const r = await runCliInProcess(["--data-dir", dataDir, ...args], { DATABASE_URL: "" });
      assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
      assert.ok(r.stdout.length > 200, args.join(" "));
      const found = styleBreaks(r.stdout);
      assert.deepEqual(found, [], `${args.join(" ")}: ${found.join(" | ")}`);
    }
  });

  test("the plan document (HTML export) keeps the style, with its deprivation basis", async () => {
    const out = join(tempDir(), "plan.html");
    for (const args of [
      ["plan", "new", "--demo", "--icb", "Q99", "--name", "style check"],
      ["plan", "export", "style check", "--format", "html", "--out", out],
    ]) {
      const r = await runCliInProcess(["--data-dir", dataDir, ...args], { DATABASE_URL: "" });
      assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
    }
    const text = readFileSync(out, "utf8")
      .replace(/<(style|svg)\b[\s\S]*?<\/\1>/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
    assert.match(
      text,
      /% of patients are in the most deprived national quintile \(IMD; where patients live: /,
    );
    assert.deepEqual(styleBreaks(text), []);
  });

  test("the style check itself finds each forbidden form", () => {
    assert.deepEqual(
      styleBreaks(
        "a \u22125 b -£0 c £-3 d -0.0% e 1 Jan 2026 f Mar 2026 g 03/12/2026 h 2025/26 i -0 " +
          "ok: -£0.50 2026-01-01 January 2026 2025-26 FY2025-26 0/9/40/30/21 'quoted 2022/23' -0.5%",
      ),
      ["\u22125", "-£0", "£-", "-0.0%", "-0", "1 Jan 2026", "Mar 2026", "03/12/2026", "2025/26"],
    );
  });
});
