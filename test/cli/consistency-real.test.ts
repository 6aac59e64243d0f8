// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// One figure across commands on the real files (issue 13 item 13): the deprivation mix of the overview and
// of `networks evaluate` for Staffordshire and Stoke-on-Trent (QNC) is one mix on one basis, checked by
// hand against the October 2025 LSOA registrations and IoD2025; the ARRS entitlement of `workforce arrs`
// and `funding entitlements` is one £ figure for the same ICB, date and contract year, including the two
// ICBs that share a PCN (U41591 COAST AND COUNTRY PCN: two practices in QT6, two in QJK).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import { entitlementsReport } from "../../src/app/funding-entitlements.ts";
import { evaluateNetworks } from "../../src/app/networks.ts";
import { overview } from "../../src/app/overview.ts";
import { arrsUseCase } from "../../src/app/workforce.ts";
import { renderEvaluation } from "../../src/cli/render/networks.ts";
import { renderOverview } from "../../src/cli/render/overview.ts";
import { renderEntitlements } from "../../src/cli/render/funding-entitlements.ts";
import { renderArrs } from "../../src/cli/render/workforce-arrs.ts";
import type { DeprivationMix } from "../../src/engines/deprivation/mix.ts";
import type { Store } from "../../src/store/store.ts";
import { importedStore, shared } from "../helpers.ts";
import { styleBreaks } from "./style-kit.ts";

const LSOA_FILE =
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv";
const IMD_FILE = "deprivation/iod2025_imd_rank_decile_lsoa21.csv";
const FILES = [
  "practices/epraccur_2026-02.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
  LSOA_FILE,
  IMD_FILE,
  "deprivation/practice_imd2019_score_swahsn_2023-01.csv",
  "payments/nhs-payments-gp_2021-22.csv",
  "workforce/pcn_individual_level_2026-06/PCNWFIndividualCSV.062026.zip",
];

/** Fields of a CSV line (quoted fields may hold commas; no line breaks in these files). */
function fields(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g))
    out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
  return out;
}

function rows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(shared(path), "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/);
  const names = fields(header!);
  return lines.filter(Boolean).map((l) => {
    const f = fields(l);
    return Object.fromEntries(names.map((n, i) => [n, f[i]!]));
  });
}

/**
 * By hand from the two files: QNC's registered patients by the IoD2025 quintile of the LSOA they live in
 * (English LSOAs only: EMPTY, CLOSED, Welsh, Scottish, NI and Crown-dependency codes left out).
 */
function qncQuintilesByHand(): { quintiles: number[]; total: number } {
  const decile = new Map(rows(IMD_FILE).map((r) => [r.lsoa21_code!, Number(r.imd2025_decile)]));
  const quintiles = [0, 0, 0, 0, 0];
  for (const r of rows(LSOA_FILE)) {
    if (!/^E01\d{6}$/.test(r.LSOA_CODE!)) continue;
    const d = decile.get(r.LSOA_CODE!);
    assert.ok(d !== undefined, `${r.LSOA_CODE} has no IoD2025 decile`);
    quintiles[Math.ceil(d / 2) - 1]! += Number(r.NUMBER_OF_PATIENTS);
  }
  return { quintiles, total: quintiles.reduce((a, b) => a + b, 0) };
}

describe("one figure across commands on the real files", () => {
  let store: Store;
  before(async () => {
    const imported = await importedStore(FILES.map((f) => shared(f)));
    store = imported.store;
    // Every file imported (the census archive's workbook and PDF guide are skipped, as they should be).
    for (const o of imported.outcomes)
      assert.ok(
        o.status === "imported" || (o.status === "skipped" && /\.(xlsx|pdf)$/.test(o.label)),
        `${o.label}: ${o.error ?? o.status}`,
      );
  });
  after(async () => store?.close());

  test("QNC: the overview and networks evaluate give one deprivation mix, by LSOA of residence", async () => {
    const hand = qncQuintilesByHand();
    assert.equal(hand.total, 1_208_850);
    assert.equal(hand.quintiles[0], 254_766); // 21.1%
    const o = await overview(store, { icb: "QNC" });
    const { loaded, evaluation } = await evaluateNetworks(store, { synthetic: false, icb: "QNC" });
    const a = o.summary.deprivation!;
    const b = evaluation.totals.deprivation;
    assert.deepEqual(a, b);
    assert.deepEqual(a.quintilePatients, hand.quintiles);
    assert.equal(a.unknownPatients, 0);
    assert.equal(a.basis, "lsoa");
    assert.equal(a.practicesByResidence, 141);
    assert.equal(
      a.description,
      "where patients live: the IMD 2025 decile of their LSOA (October 2025 LSOA registrations, 141 of 141 practices)",
    );
    // Both renderers print the same two lines (Q1 = 254,766 / 1,208,850 = 21%).
    const lines = (text: string) => /^Deprivation mix .*\n.*basis: .*$/m.exec(text)?.[0];
    const printed = lines(renderOverview(o));
    assert.equal(printed, lines(renderEvaluation(loaded, evaluation)));
    for (const text of [renderOverview(o), renderEvaluation(loaded, evaluation)])
      assert.deepEqual(styleBreaks(text), []);
    assert.match(printed!, /^Deprivation mix {6}Q1 21%, Q2 16%, Q3 21%, Q4 22%, Q5 20% of patients/);
  });

  type Mix = DeprivationMix;
  test("the API returns the same mix and basis from /api/overview and /api/networks/evaluate", async () => {
    const api = createApi(store);
    const get = async (path: string) => {
      const res = await api.request(path);
      assert.equal(res.status, 200, path);
      return (await res.json()) as { summary: { deprivation: Mix }; totals: { deprivation: Mix } };
    };
    const o = await get("/api/overview?icb=QNC");
    const e = await get("/api/networks/evaluate?icb=QNC");
    assert.deepEqual(o.summary.deprivation, e.totals.deprivation);
    assert.equal(o.summary.deprivation.basis, "lsoa");
    assert.deepEqual(o.summary.deprivation.quintilePatients, qncQuintilesByHand().quintiles);
    assert.match(
      o.summary.deprivation.description,
      /^where patients live: the IMD 2025 decile of their LSOA/,
    );
  });

  test("a place of QNC and England: the same function, residence where covered, else practice decile", async () => {
    const place = await overview(store, { icb: "QNC", subIcb: "05D" });
    const { evaluation } = await evaluateNetworks(store, { synthetic: false, subIcb: "05D" });
    assert.deepEqual(place.summary.deprivation, evaluation.totals.deprivation);
    const england = (await overview(store, {})).summary.deprivation!;
    assert.equal(england.basis, "mixed");
    assert.equal(england.practicesByResidence, 141);
    assert.match(
      england.description,
      /141 of [\d,]+ practices\); the other [\d,]+ practices' whole lists at their practice decile \(IMD 2019 practice score/,
    );
  });

  test("workforce arrs and funding entitlements: one ARRS £ figure for the same ICB, date and year", async () => {
    const date = "2026-01-01";
    for (const year of ["2025-26", "2026-27"])
      for (const icb of ["QNC", "QT6", "QJK"]) {
        const funding = await entitlementsReport(store, { synthetic: false, icb, date, year });
        const arrs = await arrsUseCase(store, { synthetic: false }, { icb, date, year });
        const label = `${icb} ${year}`;
        for (const text of [renderEntitlements(funding, "table", "network"), renderArrs(arrs)])
          assert.deepEqual(styleBreaks(text), [], label);
        assert.ok(funding.today.totals.arrs! > 0, label);
        assert.ok(Math.abs(arrs.total.entitlement! - funding.today.totals.arrs!) < 0.005, label);
        // PCN by PCN too.
        for (const n of funding.today.networks) {
          const row = arrs.pcns.find((p) => p.pcn.code === n.code);
          assert.ok(row, `${label} ${n.code}`);
          assert.ok(Math.abs(row.entitlement! - n.arrs!) < 0.005, `${label} ${n.code}`);
        }
      }
  });

  test("a PCN across two ICBs: each ICB counts its own practices, and the parts make the whole", async () => {
    const q = { date: "2026-01-01", year: "2026-27" };
    const whole = await arrsUseCase(store, { synthetic: false }, { ...q, pcn: "U41591" });
    assert.equal(whole.total.practices, 4);
    const parts = [];
    for (const icb of ["QT6", "QJK"]) {
      const r = await arrsUseCase(store, { synthetic: false }, { ...q, icb });
      const row = r.pcns.find((p) => p.pcn.code === "U41591")!;
      assert.equal(row.practices, 2);
      assert.equal(row.practicesOutsideArea, 2);
      assert.ok(r.caveats.some((c) => c.includes(`U41591 (2 of 4)`)));
      parts.push(row.entitlement!);
    }
    assert.ok(Math.abs(parts[0]! + parts[1]! - whole.total.entitlement!) < 0.005);
  });
});
