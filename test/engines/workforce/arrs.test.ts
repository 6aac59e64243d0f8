// ARRS configuration (src/config/arrs.ts) and the ARRS engine on a hand-made census: entitlement =
// weighted population × rate, cost = FTE × role maximum, headroom = entitlement − cost.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ARRS_YEARS,
  BAND_MAXIMA,
  arrsEntitlement,
  arrsRoleForStaff,
  arrsYear,
  UnknownContractYearError,
} from "../../../src/config/arrs.ts";
import { arrsByPcn, contractYearOf, type ArrsPopulation } from "../../../src/engines/workforce/arrs.ts";
import { WorkforceRequestError } from "../../../src/engines/workforce/errors.ts";
import type { PcnCensus, PcnStaffRecord } from "../../../src/model/workforce.ts";
import { dataset, ref } from "./kit.ts";

type ArrsYearList = import("../../../src/config/arrs.ts").ArrsYear[];
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

  test("every contract year 2020-21 … 2026-27 has a maximum for every role it reimburses", () => {
    assert.deepEqual(
      ARRS_YEARS.map((y) => y.year),
      ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25", "2025-26", "2026-27"],
    );
    for (const y of ARRS_YEARS) {
      for (const r of y.roles) {
        assert.ok(r.maxReimbursement !== null && r.maxReimbursement > 20_000, `${y.year} ${r.role}`);
        // Anything not published for the role and year is marked unverified.
        if (r.basis !== "published") assert.equal(r.unverified, true, `${y.year} ${r.role}`);
      }
    }
    const roles = (year: string) => arrsYear(year).roles.map((r) => r.role);
    assert.ok(!roles("2020-21").includes("Paramedics") && roles("2021-22").includes("Paramedics"));
    assert.ok(
      !roles("2021-22").includes("General Practice Assistants") &&
        roles("2022-23").includes("General Practice Assistants"),
    );
    assert.ok(!roles("2023-24").includes("GP") && roles("2024-25").includes("GP"));
    assert.ok(
      !roles("2024-25").includes("Consultant Nurses") && roles("2025-26").includes("Consultant Nurses"),
    );
  });

  test("published maxima are kept; band maxima rise year on year; 2026-27 is 2025-26 × 1.025", () => {
    const max = (year: string, role: string) =>
      arrsYear(year).roles.find((r) => r.role === role)!.maxReimbursement!;
    assert.equal(max("2020-21", "Pharmacists"), 55_670);
    assert.equal(max("2021-22", "Care Coordinators"), 29_726);
    assert.equal(max("2022-23", "Social Prescribing Link Workers"), 38_187);
    assert.equal(max("2023-24", "Care Coordinators"), 33_396);
    assert.equal(max("2025-26", "GP"), 105_882);
    // A band maximum derived by the documented ratio: band 8a 2024-25 × band 7–8a 2022-23 ÷ 2024-25.
    assert.equal(BAND_MAXIMA["2022-23"]!["8a"]!.amount, Math.round((72_141 * 59_312) / 65_838));
    for (const role of [
      "Pharmacists",
      "Care Coordinators",
      "Pharmacy Technicians",
      "Advanced Practitioners",
    ]) {
      const series = ARRS_YEARS.filter((y) => y.roles.some((r) => r.role === role)).map((y) =>
        max(y.year, role),
      );
      for (let i = 1; i < series.length; i++)
        assert.ok(series[i]! > series[i - 1]!, `${role} ${series.join(" ")}`);
    }
    for (const r of arrsYear("2025-26").roles)
      assert.ok(
        r.role === "GP" || Math.abs(max("2026-27", r.role) - r.maxReimbursement! * 1.025) <= 1,
        r.role,
      );
    close(arrsEntitlement(1, "2026-27"), 27.3);
    close(arrsEntitlement(1, "2023-24"), 22.671);
  });

  test("June 2026 census role names: salaried-by-PCN GPs, advanced nurses, mental health practitioners", () => {
    assert.equal(arrsRoleForStaff("Salaried GPs", "Salaried By PCN"), "GP");
    assert.equal(arrsRoleForStaff("Salaried GPs", "Salaried By Practice"), null);
    assert.equal(
      arrsRoleForStaff("Advanced Nurse Practitioners", "Advanced Nurse Practitioner"),
      "Advanced Practitioners",
    );
    assert.equal(
      arrsRoleForStaff("Social Prescribing Link Workers (Mental Health Practitioners)"),
      "Adult Mental Health Practitioners",
    );
    assert.equal(arrsRoleForStaff("Mental Health and Wellbeing Practitioners"), null);
    // With a year, only the roles that year reimburses.
    assert.equal(
      arrsRoleForStaff("Healthcare Support Workers", null, "2025-26"),
      "Healthcare Support Workers (AfC 3)",
    );
    assert.equal(arrsRoleForStaff("Healthcare Support Workers", null, "2022-23"), null);
    assert.equal(arrsRoleForStaff("Salaried GPs", "Salaried By PCN", "2023-24"), null);
  });

  test("an unknown contract year names the known ones", () => {
    assert.throws(
      () => arrsYear("2030-31"),
      (e: Error) =>
        e instanceof UnknownContractYearError &&
        e.message ===
          "No ARRS figures are configured for contract year '2030-31': expected one of 2020-21, 2021-22, 2022-23, 2023-24, 2024-25, 2025-26, 2026-27 (src/config/arrs.ts)",
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
    const cost1 = 2 * 65_838 + 72_141 + 1.5 * 35_290; // pharmacists, an advanced practitioner, care coordinators
    close(u1.cost, cost1);
    assert.deepEqual([u1.arrsFte, u1.costedFte, u1.uncostedFte, u1.otherFte], [4.5, 4.5, 0, 1]);
    close(u1.headroom, 30_000 * (22.894 + 1.303) - cost1);
    assert.deepEqual([u1.headroomBound, u1.headroomNotComputed], ["exact", null]);
    const u2 = pcn("U00002");
    assert.deepEqual([u2.practices, u2.practicesWithoutWeighted, u2.weightedPopulation], [2, 1, 40_000]);
    close(u2.headroom, 40_000 * (22.894 + 1.303) - 42_437);
    const u3 = pcn("U00003");
    assert.deepEqual(
      [u3.inMap, u3.entitlement, u3.headroom, u3.headroomNotComputed],
      [false, null, null, "no weighted population"],
    );
    close(r.total.cost, 3 * 65_838 + 72_141 + 42_437 + 1.5 * 35_290);
    assert.equal(r.total.weightedPopulation, 70_000);
    assert.deepEqual(r.otherRoles, [{ staffRole: "Managers", fte: 1, arrsInOtherYears: false }]);
  });

  test("roles in total, with caps and unverified figures listed", () => {
    assert.deepEqual(
      r.roles.map((l) => [l.role, l.fte, l.maxReimbursement]),
      [
        ["Pharmacists", 3, 65_838],
        ["Care Coordinators", 1.5, 35_290],
        ["Advanced Practitioners", 1, 72_141],
        ["Pharmacy Technicians", 1, 42_437],
      ],
    );
    assert.match(
      r.roles.find((l) => l.role === "Advanced Practitioners")!.capPerPcn!,
      /no cap from 2024-25 \(2023-24: 3 per PCN/,
    );
    assert.ok(
      r.unverified.some((u) =>
        /^2024-25 maximum for Care Coordinators: the band 4 maximum of 2024-25, derived/.test(u),
      ),
    );
  });

  test("a band 7 role costed at the band 7–8a maximum makes the headroom a lower bound", () => {
    const c = census();
    c.records = [record("U00002", "Paramedics", 2)];
    const p = arrsByPcn(c, {}).pcns.find((x) => x.pcn.code === "U00002")!;
    close(p.cost, 2 * 65_838);
    assert.equal(p.headroomBound, "lower");
  });

  test("staff with no configured maximum: headroom not computed, never counted as headroom", () => {
    const c = census();
    c.records = [record("U00002", "Pharmacists", 1), record("U00002", "Care Coordinators", 2)];
    // A role with no maximum in any year (none today: every role of every year is configured).
    const saved = [...ARRS_YEARS];
    const list = ARRS_YEARS as ArrsYearList;
    saved.forEach((y, i) => {
      list[i] = {
        ...y,
        roles: y.roles.map((r) => (r.role === "Care Coordinators" ? { ...r, maxReimbursement: null } : r)),
      };
    });
    try {
      const result = arrsByPcn(c, {});
      const p = result.pcns.find((x) => x.pcn.code === "U00002")!;
      assert.deepEqual([p.costedFte, p.uncostedFte, p.cost, p.headroom], [1, 2, 65_838, null]);
      assert.equal(p.headroomNotComputed, "2.00 FTE in roles with no configured maximum for 2024-25");
      assert.equal(result.total.headroom, null);
    } finally {
      saved.forEach((y, i) => (list[i] = y));
    }
  });

  test("mental health practitioners are costed at half until 2023-24; roles ARRS only later are not ARRS staff", () => {
    const c = census("2022-09-01");
    c.records = [
      record("U00002", "Mental Health Practitioners", 2),
      record("U00002", "Healthcare Support Workers", 1),
    ];
    const r22 = arrsByPcn(c, {});
    assert.deepEqual([r22.year.year, r22.yearBasis], ["2022-23", "census"]);
    const mhp = r22.roles.find((l) => l.role === "Adult Mental Health Practitioners")!;
    assert.equal(mhp.reimbursedShare, 0.5);
    close(mhp.cost, 2 * 46_967 * 0.5);
    assert.deepEqual(r22.otherRoles, [
      { staffRole: "Healthcare Support Workers", fte: 1, arrsInOtherYears: true },
    ]);
    assert.ok(
      r22.caveats.some((x) =>
        /ARRS roles only in other years .* 2022-23: Healthcare Support Workers/.test(x),
      ),
    );
    const r25 = arrsByPcn(c, { year: "2025-26" });
    assert.equal(r25.roles.find((l) => l.role === "Adult Mental Health Practitioners")!.reimbursedShare, 1);
    assert.equal(r25.roles.find((l) => l.role === "Healthcare Support Workers (AfC 3)")!.fte, 1);
  });

  test("given populations replace the payments lists, and the area's PCNs without staff are listed", () => {
    const population: ArrsPopulation = {
      description: "test populations",
      map: dataset(11, "January 2025", "2025-01-01", "gp-reg-pat-prac-map"),
      practices: [
        {
          code: "P1",
          pcnCode: "U00001",
          pcnName: "PCN U00001",
          icbCode: "QAA",
          subIcbCode: "01A",
          weighted: 11_000,
        },
        {
          code: "P3",
          pcnCode: "U00002",
          pcnName: "PCN U00002",
          icbCode: "QAA",
          subIcbCode: "01A",
          weighted: 5_000,
        },
        {
          code: "P9",
          pcnCode: "U00009",
          pcnName: "PCN U00009",
          icbCode: "QAA",
          subIcbCode: "01A",
          weighted: 7_000,
        },
      ],
    };
    const g = arrsByPcn(census(), { icb: "QAA" }, population);
    assert.deepEqual(
      g.pcns.map((p) => p.pcn.code),
      ["U00001", "U00002", "U00009"],
    );
    close(g.total.entitlement, 23_000 * (22.894 + 1.303));
    const empty = g.pcns.find((p) => p.pcn.code === "U00009")!;
    assert.deepEqual([empty.arrsFte, empty.cost], [0, 0]);
    close(empty.headroom, empty.entitlement!);
    assert.equal(g.population, "test populations");
  });

  test("a census year without figures falls back to the configured year that prices most of its roles; --year overrides", () => {
    const fallback = arrsByPcn(census("2019-09-01"), {});
    assert.deepEqual(
      [fallback.censusYear, fallback.year.year, fallback.yearBasis],
      ["2019-20", "2021-22", "fallback"],
    );
    assert.ok(fallback.caveats.some((c) => /2019-20, for which no ARRS figures are configured/.test(c)));
    const asked = arrsByPcn(census(), { year: "2025-26" });
    assert.equal(asked.yearBasis, "requested");
    close(asked.pcns.find((p) => p.pcn.code === "U00001")!.entitlement, 30_000 * 26.631);
    const ap = asked.roles.find((l) => l.role === "Advanced Practitioners")!;
    assert.deepEqual([ap.maxReimbursement, ap.maxFromYear], [73_384, null]);
    assert.ok(!asked.unverified.some((u) => u.startsWith("2025-26 year-level figures")));
  });

  test("bad requests: unknown contract year, ICB or PCN", () => {
    assert.throws(
      () => arrsByPcn(census(), { year: "2019-20" }),
      (e: Error) =>
        e instanceof WorkforceRequestError &&
        /--year: .*'2019-20': expected one of 2020-21, 2021-22, .*, 2026-27/.test(e.message),
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
