// The synthetic demo generator: deterministic for a seed, the right size, internally consistent (every
// total adds up exactly), labelled with impossible codes, and calibrated to the figures measured from the
// real open data (src/sources/demo/calibration.ts).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ARRS_FTE_PER_10K,
  GLOBAL_SUM_PER_WEIGHTED,
  PARTNER_SHARE_NATIONAL,
  PATIENTS_PER_GP_FTE_MEDIAN,
  PRACTICE_LIST_MEDIAN,
  PRACTICE_SHARE_65_PLUS,
  WEIGHTED_RATIO,
} from "../../src/sources/demo/calibration.ts";
import { quantile } from "../../src/sources/demo/distributions.ts";
import {
  DEMO_AGE_BANDS,
  generateDemoIcs,
  PAYMENT_YEARS,
  type DemoIcs,
} from "../../src/sources/demo/index.ts";

const demo = generateDemoIcs(2026);
const median = (values: number[]) => quantile(values, 0.5);
const within = (value: number, target: number, tolerance: number) =>
  Math.abs(value - target) <= tolerance * Math.abs(target);

function listsOf(d: DemoIcs): Map<string, number> {
  return new Map(
    d.practiceList
      .filter((r) => r.sex === "ALL" && r.age === "ALL")
      .map((r) => [r.practice_code, r.patients]),
  );
}

describe("demo generator: determinism", () => {
  test("the same seed gives byte-identical output; the default seed is 2026", () => {
    const again = JSON.stringify(generateDemoIcs(2026));
    assert.equal(again, JSON.stringify(demo));
    assert.equal(JSON.stringify(generateDemoIcs()), again);
  });

  test("a different seed gives a different demo", () => {
    assert.notEqual(JSON.stringify(generateDemoIcs(7)), JSON.stringify(demo));
  });

  test("rejects a seed that is not a whole number ≥ 0", () => {
    assert.throws(() => generateDemoIcs(-1), /whole number/);
    assert.throws(() => generateDemoIcs(1.5), /whole number/);
  });
});

/** Invariants that must hold for any seed. */
function checkStructure(d: DemoIcs, seed: number) {
  const label = `seed ${seed}`;
  const s = d.summary;
  assert.ok(s.practices >= 120 && s.practices <= 160, `${label}: ${s.practices} practices`);
  assert.ok(s.patients >= 1_200_000 && s.patients <= 1_600_000, `${label}: ${s.patients} patients`);
  assert.ok(s.lsoas >= 800 && s.lsoas <= 1000, `${label}: ${s.lsoas} LSOAs`);
  assert.ok(s.pcns >= 25 && s.pcns <= 36, `${label}: ${s.pcns} PCNs`);
  assert.equal(s.places.length, 4);
  assert.ok(s.unallocatedPractices >= 1 && s.unallocatedPractices <= 2, `${label}: unallocated`);

  const lists = listsOf(d);
  assert.equal(lists.size, s.practices);
  assert.equal(
    [...lists.values()].reduce((a, b) => a + b, 0),
    s.patients,
  );

  // Every practice is in exactly one current PCN (or U), and the map agrees with the open membership.
  const codes = d.practice.map((p) => p.practice_code);
  assert.equal(new Set(codes).size, codes.length, `${label}: duplicate practice codes`);
  assert.deepEqual(d.orgMap.map((m) => m.practice_code).sort(), [...codes].sort());
  const open = new Map<string, string[]>();
  for (const m of d.pcnMembership) {
    if (m.end_date !== null) continue;
    open.set(m.practice_code, [...(open.get(m.practice_code) ?? []), m.pcn_code]);
  }
  for (const m of d.orgMap) {
    if (m.pcn_code === "U")
      assert.equal(open.get(m.practice_code), undefined, `${label}: U practice with a membership`);
    else
      assert.deepEqual(open.get(m.practice_code), [m.pcn_code], `${label}: ${m.practice_code} memberships`);
  }

  // Age/sex bands sum to each total exactly.
  const bands = new Map<string, { n: number; rows: number }>();
  for (const r of d.practiceList) {
    if (r.sex === "ALL") continue;
    const b = bands.get(r.practice_code) ?? { n: 0, rows: 0 };
    b.n += r.patients;
    b.rows++;
    bands.set(r.practice_code, b);
  }
  for (const [code, list] of lists) {
    assert.equal(bands.get(code)?.n, list, `${label}: ${code} age/sex bands`);
    assert.equal(bands.get(code)?.rows, 2 * DEMO_AGE_BANDS);
  }

  // LSOA rows per practice sum to the list exactly, and every LSOA is described.
  const lsoaSum = new Map<string, number>();
  for (const r of d.practiceLsoa) {
    assert.ok(r.patients > 0);
    lsoaSum.set(r.practice_code, (lsoaSum.get(r.practice_code) ?? 0) + r.patients);
  }
  for (const [code, list] of lists) assert.equal(lsoaSum.get(code), list, `${label}: ${code} LSOA rows`);
  const lsoaCodes = new Set(d.lsoaImd.map((l) => l.lsoa_code));
  assert.equal(lsoaCodes.size, d.lsoaImd.length);
  assert.deepEqual([...lsoaCodes].sort(), d.lsoaCentroid.map((l) => l.lsoa_code).sort());
  for (const r of d.practiceLsoa)
    assert.ok(lsoaCodes.has(r.lsoa_code), `${label}: unknown LSOA ${r.lsoa_code}`);

  // Partners are GPs.
  for (const w of d.practiceWorkforce) {
    if (w.partner_provider_fte === null) continue;
    const partners = (w.senior_partner_fte ?? 0) + w.partner_provider_fte;
    assert.ok(
      partners <= (w.gp_fte ?? 0) + 1e-9,
      `${label}: ${w.practice_code} FY${w.fiscal_year} partners ${partners} > GPs`,
    );
  }

  // The PCN band mix has networks under 30,000 and over 50,000.
  const pcnList = new Map<string, number>();
  for (const m of d.orgMap) {
    if (m.pcn_code !== "U")
      pcnList.set(m.pcn_code!, (pcnList.get(m.pcn_code!) ?? 0) + lists.get(m.practice_code)!);
  }
  const sizes = [...pcnList.values()];
  assert.ok(
    sizes.some((n) => n < 30000),
    `${label}: no PCN under 30k`,
  );
  assert.ok(
    sizes.some((n) => n > 50000),
    `${label}: no PCN over 50k`,
  );
}

describe("demo generator: structure", () => {
  test("seed 2026: sizes, one PCN per practice, exact totals, partners ≤ GPs, band mix", () =>
    checkStructure(demo, 2026));

  for (const seed of [1, 99]) {
    test(`seed ${seed}: the same invariants hold`, () => checkStructure(generateDemoIcs(seed), seed));
  }

  test("codes cannot collide with real ones", () => {
    for (const p of demo.practice) {
      assert.match(p.practice_code, /^Z9\d{4}$/);
      assert.match(p.postcode!, /^ZZ\d{1,2} \d[A-Z]{2}$/);
      assert.doesNotMatch(p.postcode!, /^ZZ99/);
      assert.equal(p.icb_code, "Q99");
      assert.equal(p.region_code, "Y99");
      assert.match(p.sub_icb_code!, /^Z9[A-D]$/);
      assert.equal(p.status, "ACTIVE");
    }
    for (const n of demo.pcn) assert.match(n.pcn_code, /^U990\d\d$/);
    for (const l of demo.lsoaImd) {
      assert.match(l.lsoa_code, /^X01\d{6}$/);
      assert.match(l.lad_code!, /^X0[678]\d{6}$/);
    }
    for (const m of demo.orgMap) {
      assert.equal(m.icb_name, "Demo ICB (synthetic)");
      assert.match(m.sub_icb_name!, /\(synthetic\)/);
      assert.match(m.sub_icb_ons_code!, /^E3899999\d$/);
    }
  });

  test("every practice site has coordinates inside the demo box", () => {
    const located = new Map(demo.postcodeLocation.map((p) => [p.postcode, p]));
    for (const p of demo.practice) {
      const at = located.get(p.postcode!.replace(/\s+/g, ""));
      assert.ok(at, `no location for ${p.postcode}`);
      assert.ok(
        at.lat > 51.9 && at.lat < 52.9 && at.lon > -2.75 && at.lon < -1.45,
        `${p.practice_code} outside`,
      );
      assert.ok(
        at.easting! > 350000 && at.easting! < 450000 && at.northing! > 200000 && at.northing! < 330000,
      );
    }
  });

  test("deprivation is clustered: the ex-industrial place and the city are more deprived than the rural one", () => {
    // Local authorities: X08000001 Demo City, X06000001 Forge Valley, X07000003/4 High Moor and Ludworth Vale.
    const meanDecile = (...lads: string[]) => {
      const d = demo.lsoaImd.filter((l) => lads.includes(l.lad_code!)).map((l) => l.imd_decile);
      return d.reduce((a, b) => a + b, 0) / d.length;
    };
    const rural = meanDecile("X07000003", "X07000004");
    assert.ok(meanDecile("X06000001") < rural - 2, "Forge Valley vs High Moor");
    assert.ok(meanDecile("X08000001") < rural, "Demo City vs High Moor");
    assert.deepEqual(
      [...new Set(demo.lsoaImd.map((l) => l.imd_decile))].sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
  });

  test("payments: one set per fiscal year; global sum = weighted patients × the year's rate (GMS)", () => {
    assert.deepEqual(Object.keys(demo.payments), [...PAYMENT_YEARS]);
    for (const fy of PAYMENT_YEARS) {
      const rows = demo.payments[fy]!;
      assert.ok(rows.length >= demo.summary.practices - 1);
      for (const r of rows.filter((x) => x.contract_type === "GMS")) {
        const expected = r.weighted_patients! * GLOBAL_SUM_PER_WEIGHTED[fy]!;
        assert.ok(Math.abs(r.global_sum! - expected) < 0.02, `${fy} ${r.practice_code}`);
      }
      for (const r of rows.filter((x) => x.contract_type === "PMS")) {
        assert.equal(r.global_sum, 0);
        assert.ok(r.lines["Balance of PMS Expenditure"]! > 0);
      }
      for (const r of rows) {
        assert.equal(r.total_payments, r.lines["Total NHS Payments to General Practice"]);
        assert.ok(r.total_minus_deductions! < r.total_payments!);
      }
    }
  });
});

describe("demo generator: calibration (targets in calibration.ts)", () => {
  const lists = [...listsOf(demo).values()];
  const fy25 = demo.practiceWorkforce.filter((w) => w.fiscal_year === 2025);

  test(`median list size within ±15% of ${PRACTICE_LIST_MEDIAN}`, () => {
    const m = median(lists);
    assert.ok(within(m, PRACTICE_LIST_MEDIAN, 0.15), `median ${m}`);
    assert.ok(
      lists.some((n) => n < 3000),
      "a small (single-handed) practice",
    );
    assert.ok(
      lists.some((n) => n > 30000),
      "a super-practice",
    );
  });

  test(`median patients per GP FTE (FY2025) within ±15% of ${PATIENTS_PER_GP_FTE_MEDIAN}`, () => {
    const m = median(fy25.map((w) => w.patients! / w.gp_fte!));
    assert.ok(within(m, PATIENTS_PER_GP_FTE_MEDIAN, 0.15), `median ${m}`);
  });

  test(`partner share of GP FTE (FY2025) within ±15% of ${PARTNER_SHARE_NATIONAL}`, () => {
    const partners = fy25.reduce((a, w) => a + w.senior_partner_fte! + w.partner_provider_fte!, 0);
    const gps = fy25.reduce((a, w) => a + w.gp_fte!, 0);
    assert.ok(within(partners / gps, PARTNER_SHARE_NATIONAL, 0.15), `share ${partners / gps}`);
  });

  test("partners fall from FY2023 to FY2025, unevenly, and some practice loses its last partner", () => {
    const partners = (w: (typeof fy25)[number]) => w.senior_partner_fte! + w.partner_provider_fte!;
    const fy23 = new Map(
      demo.practiceWorkforce.filter((w) => w.fiscal_year === 2023).map((w) => [w.practice_code, partners(w)]),
    );
    const total23 = [...fy23.values()].reduce((a, b) => a + b, 0);
    const total25 = fy25.reduce((a, w) => a + partners(w), 0);
    assert.ok(total25 < total23, `${total23} → ${total25}`);
    const lost = fy25.filter((w) => partners(w) === 0 && (fy23.get(w.practice_code) ?? 0) > 0);
    assert.ok(lost.length >= 1);
    assert.deepEqual(
      lost.map((w) => w.practice_code).sort(),
      [...demo.summary.practicesLosingLastPartner].sort(),
    );
  });

  test(`practices' share aged 65+ spread like England's practices (p5–p95 ${PRACTICE_SHARE_65_PLUS.p5}–${PRACTICE_SHARE_65_PLUS.p95})`, () => {
    const by = new Map<string, { all: number; old: number }>();
    for (const r of demo.practiceList) {
      if (r.sex === "ALL" || r.age === "ALL") continue;
      const a = by.get(r.practice_code) ?? { all: 0, old: 0 };
      a.all += r.patients;
      if (Number(r.age.split(/[_+]/)[0]) >= 65) a.old += r.patients;
      by.set(r.practice_code, a);
    }
    const shares = [...by.values()].filter((a) => a.all >= 1000).map((a) => a.old / a.all);
    // Its middle half lies inside England's middle 90%, and its spread (p75 − p25) is at least half England's.
    const [p25, p75] = [quantile(shares, 0.25), quantile(shares, 0.75)];
    assert.ok(p25 >= PRACTICE_SHARE_65_PLUS.p5 && p75 <= PRACTICE_SHARE_65_PLUS.p95, `${p25}–${p75}`);
    assert.ok(p75 - p25 >= 0.5 * (PRACTICE_SHARE_65_PLUS.p75 - PRACTICE_SHARE_65_PLUS.p25), `${p25}–${p75}`);
  });

  test(`weighted/registered within the measured p5–p95 (${WEIGHTED_RATIO.p5}–${WEIGHTED_RATIO.p95}) for ≥ 90% of practices`, () => {
    for (const fy of PAYMENT_YEARS) {
      const ratios = demo.payments[fy]!.map((r) => r.weighted_patients! / r.registered_patients!);
      const inside = ratios.filter((x) => x >= WEIGHTED_RATIO.p5 && x <= WEIGHTED_RATIO.p95).length;
      assert.ok(inside / ratios.length >= 0.9, `${fy}: ${inside} of ${ratios.length}`);
    }
  });

  test("ARRS FTE per 10,000 by PCN: median within ±20% of the measured median", () => {
    const lists = listsOf(demo);
    const pcnList = new Map<string, number>();
    for (const m of demo.orgMap)
      if (m.pcn_code !== "U")
        pcnList.set(m.pcn_code!, (pcnList.get(m.pcn_code!) ?? 0) + lists.get(m.practice_code)!);
    const fte = new Map<string, number>();
    for (const r of demo.pcnWorkforce)
      if (r.staff_group === "Other Direct Patient Care staff")
        fte.set(r.pcn_code, (fte.get(r.pcn_code) ?? 0) + r.fte);
    const rates = [...pcnList].map(([code, list]) => ((fte.get(code) ?? 0) / list) * 1e4);
    const target = ARRS_FTE_PER_10K.find(([p]) => p === 0.5)![1];
    assert.ok(within(median(rates), target, 0.2), `median ${median(rates)} vs ${target}`);
    assert.ok(demo.pcnWorkforce.every((r) => r.census_date === "2025-09-01"));
  });
});
