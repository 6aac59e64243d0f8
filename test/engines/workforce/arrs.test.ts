// ARRS configuration (src/config/arrs.ts) and the ARRS engine on a hand-made census: entitlement =
// weighted population × rate, cost = FTE × role maximum, headroom = entitlement − cost.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ARRS_YEARS,
  arrsEntitlement,
  arrsRoleForStaff,
  arrsYear,
  UnknownContractYearError,
} from "../../../src/config/arrs.ts";
import { arrsByPcn, contractYearOf } from "../../../src/engines/workforce/arrs.ts";
import { WorkforceRequestError } from "../../../src/engines/workforce/errors.ts";
import type { PcnCensus, PcnStaffRecord } from "../../../src/model/workforce.ts";
import { dataset, ref } from "./kit.ts";

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-6, `${a} ≠ ${b}`);

describe("ARRS configuration", () => {
  test("entitlement = weighted population × (core rate + GP ARRS rate where the year has one)", () => {
    close(arrsEntitlement(50_000, "2024-25"), 50_000 * (22.894 + 1.303));
    close(arrsEntitlement(50_000, "2020-21"), 50_000 * 7.131);
    close(arrsEntitlement(50_000, "2025-26"), 50_000 * 26.631);
    assert.equal(arrsEntitlement(0, "2024-25"), 0);
  });

  test("every year and every role names its source; years are in order; unverified figures are marked", () => {
    const years = ARRS_YEARS.map((y) => y.year);
    assert.deepEqual(years, [...years].sort());
    for (const y of ARRS_YEARS) {
      assert.ok(y.sources.length > 0, y.year);
      assert.match(y.weightedPopulationDate, /^\d{4}-01-01$/);
      for (const r of y.roles) assert.ok(r.source.length > 10, `${y.year} ${r.role}`);
    }
    assert.equal(arrsYear("2020-21").unverified, true); // population date inferred
    assert.equal(arrsYear("2025-26").unverified, undefined); // rate confirmed by two sources quoting the DES
    assert.equal(arrsYear("2024-25").roles.find((r) => r.role === "Physiotherapists")!.unverified, true);
    assert.equal(arrsYear("2024-25").roles.find((r) => r.role === "Pharmacists")!.maxReimbursement, 65_838);
  });

  test("an unknown contract year names the known ones", () => {
    assert.throws(
      () => arrsYear("2030-31"),
      (e: Error) =>
        e instanceof UnknownContractYearError &&
        e.message ===
          "No ARRS figures are configured for contract year '2030-31': expected one of 2020-21, 2024-25, 2025-26 (src/config/arrs.ts)",
    );
  });

  test("PCN workforce role names map to ARRS roles; non-ARRS roles map to null", () => {
    assert.equal(arrsRoleForStaff("Pharmacists", "Pharmacist"), "Pharmacists");
    assert.equal(arrsRoleForStaff("Advanced Paramedic Practitioners"), "Advanced Practitioners");
    assert.equal(
      arrsRoleForStaff("Therapists", "Therapist- Occupational Therapist"),
      "Occupational Therapists",
    );
    assert.equal(arrsRoleForStaff("Therapists", "Therapist- Other"), null);
    assert.equal(arrsRoleForStaff("Managers", "Manager"), null);
    assert.equal(arrsRoleForStaff("Medical Clinical Director", "Clinical Director – Medical"), null);
  });

  test("contract years run April to March", () => {
    assert.equal(contractYearOf("2024-03-01"), "2023-24");
    assert.equal(contractYearOf("2024-04-01"), "2024-25");
    assert.equal(contractYearOf("2022-09-01"), "2022-23");
  });
});

function record(
  pcnCode: string,
  staffRole: string,
  fte: number,
  detailedRole: string | null = null,
): PcnStaffRecord {
  return {
    pcnCode,
    pcnName: `PCN ${pcnCode}`,
    subIcbCode: "01A",
    icbCode: pcnCode === "U00003" ? "QBB" : "QAA",
    regionCode: "Y00",
    staffGroup: "Other Direct Patient Care staff",
    staffRole,
    detailedRole,
    fte,
  };
}

function census(date = "2024-09-01"): PcnCensus {
  const member = (pcnCode: string) => ({
    pcnCode,
    pcnName: `PCN ${pcnCode}`,
    icb: ref("QAA"),
    subIcb: ref("01A"),
  });
  return {
    synthetic: false,
    dataset: dataset(30, "September 2024", date, "pcn-workforce-individual"),
    date,
    records: [
      record("U00001", "Pharmacists", 1),
      record("U00001", "Pharmacists", 1),
      record("U00001", "Advanced Pharmacist Practitioners", 1),
      record("U00001", "Care Coordinators", 1.5),
      record("U00001", "Managers", 1),
      record("U00002", "Pharmacy Technicians", 1),
      record("U00003", "Pharmacists", 1),
    ],
    available: [],
    map: dataset(10, "January 2024", "2024-01-01", "gp-reg-pat-prac-map"),
    membership: new Map([
      ["P1", member("U00001")],
      ["P2", member("U00001")],
      ["P3", member("U00002")],
      ["P4", member("U00002")],
    ]),
    lists: null,
    weighted: [
      {
        dataset: dataset(21, "FY2021-22", "2021-04-01", "nhs-payments"),
        fiscalYear: 2022,
        byPractice: new Map([["P1", 1]]),
      },
      {
        dataset: dataset(22, "FY2023-24", "2023-04-01", "nhs-payments"),
        fiscalYear: 2024,
        byPractice: new Map([
          ["P1", 20_000],
          ["P2", 10_000],
          ["P3", 40_000],
        ]),
      },
    ],
  };
}

describe("ARRS by PCN", () => {
  const r = arrsByPcn(census(), {});
  const pcn = (code: string) => r.pcns.find((p) => p.pcn.code === code)!;

  test("the census's own contract year; weighted lists of the newest payments year on or before 1 January", () => {
    assert.deepEqual([r.censusYear, r.year.year, r.yearBasis], ["2024-25", "2024-25", "census"]);
    assert.equal(r.weighted!.dataset.period, "FY2023-24");
  });

  test("entitlement, cost at the maxima and headroom per PCN", () => {
    const u1 = pcn("U00001");
    assert.equal(u1.weightedPopulation, 30_000);
    close(u1.entitlement, 30_000 * (22.894 + 1.303));
    close(u1.cost, 2 * 65_838 + 72_141); // pharmacists + an advanced practitioner
    assert.deepEqual([u1.arrsFte, u1.costedFte, u1.uncostedFte, u1.otherFte], [4.5, 3, 1.5, 1]); // care coordinators: no maximum
    close(u1.headroom, 30_000 * (22.894 + 1.303) - (2 * 65_838 + 72_141));
    assert.equal(u1.headroomIsUpperBound, true);
    const u2 = pcn("U00002");
    assert.deepEqual([u2.practices, u2.practicesWithoutWeighted, u2.weightedPopulation], [2, 1, 40_000]);
    close(u2.headroom, 40_000 * (22.894 + 1.303) - 42_437);
    assert.equal(u2.headroomIsUpperBound, false);
    const u3 = pcn("U00003");
    assert.deepEqual([u3.inMap, u3.entitlement, u3.headroom], [false, null, null]);
    close(r.total.cost, 3 * 65_838 + 72_141 + 42_437);
    assert.equal(r.total.weightedPopulation, 70_000);
    assert.deepEqual(r.otherRoles, [{ staffRole: "Managers", fte: 1 }]);
  });

  test("roles in total, with caps and unverified figures listed", () => {
    assert.deepEqual(
      r.roles.map((l) => [l.role, l.fte, l.maxReimbursement]),
      [
        ["Pharmacists", 3, 65_838],
        ["Care Coordinators", 1.5, null],
        ["Advanced Practitioners", 1, 72_141],
        ["Pharmacy Technicians", 1, 42_437],
      ],
    );
    assert.match(
      r.roles.find((l) => l.role === "Advanced Practitioners")!.capPerPcn!,
      /no cap from 2024\/25/,
    );
    assert.ok(r.caveats.some((c) => /Care Coordinators.*headroom is an upper bound/.test(c)));
  });

  test("a census year without figures falls back to the configured year that prices most of its roles; --year overrides", () => {
    const fallback = arrsByPcn(census("2022-09-01"), {});
    assert.deepEqual(
      [fallback.censusYear, fallback.year.year, fallback.yearBasis],
      ["2022-23", "2024-25", "fallback"],
    );
    assert.ok(fallback.caveats.some((c) => /2022-23, for which no ARRS figures are configured/.test(c)));
    const asked = arrsByPcn(census(), { year: "2025-26" });
    assert.equal(asked.yearBasis, "requested");
    close(asked.pcns.find((p) => p.pcn.code === "U00001")!.entitlement, 30_000 * 26.631);
    // 2025-26 configures pharmacists only among these roles; advanced practitioners use the 2024-25 maximum.
    const ap = asked.roles.find((l) => l.role === "Advanced Practitioners")!;
    assert.deepEqual([ap.maxReimbursement, ap.maxFromYear], [72_141, "2024-25"]);
    assert.ok(!asked.unverified.some((u) => u.startsWith("2025-26 year-level figures")));
  });

  test("bad requests: unknown contract year, ICB or PCN", () => {
    assert.throws(
      () => arrsByPcn(census(), { year: "2019-20" }),
      (e: Error) =>
        e instanceof WorkforceRequestError &&
        /--year: .*'2019-20': expected one of 2020-21, 2024-25, 2025-26/.test(e.message),
    );
    assert.throws(
      () => arrsByPcn(census(), { icb: "QZZ" }),
      /--icb 'QZZ' has no PCN staff in the September 2024 census; expected an ICB code such as QAA, QBB/,
    );
    assert.throws(
      () => arrsByPcn(census(), { icb: "QBB", pcn: "U00001" }),
      /--pcn 'U00001' has no staff records in the September 2024 census of QBB; expected a PCN code such as U00003/,
    );
    const one = arrsByPcn(census(), { pcn: "u00002" });
    assert.deepEqual([one.scope.pcn!.code, one.pcns.length], ["U00002", 1]);
  });
});
