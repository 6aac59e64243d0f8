import { UnknownAreaError } from "../../src/model/errors.ts";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PCN_CONTRACT_YEARS, contractYearOn } from "../../src/config/pcn-contract.ts";
import { summariseArea } from "../../src/engines/overview/area.ts";
import { buildOverview, findIcb } from "../../src/engines/overview/overview.ts";
import { summarisePcns } from "../../src/engines/overview/pcns.ts";
import { quantile } from "../../src/engines/overview/stats.ts";
import type { Practice } from "../../src/model/organisation.ts";
import { pcnBand } from "../../src/model/pcn-band.ts";
import type { Picture } from "../../src/model/picture.ts";

const ref = (code: string, name = code) => ({ code, onsCode: null, name });

function practice(code: string, pcn: string, list: number | null, extra: Partial<Practice> = {}): Practice {
  return {
    code,
    name: `Practice ${code}`,
    site: { postcode: null, lat: null, lon: null },
    pcnCode: pcn,
    pcnName: pcn === "U" ? "Unallocated" : `PCN ${pcn}`,
    subIcb: ref("01A", "Place A"),
    icb: ref("QAA", "ICB A"),
    region: ref("Y00", "Region"),
    listSize: list,
    weightedList: null,
    workforce: null,
    deprivation: null,
    ...extra,
  };
}

const rules = contractYearOn("2026-01-01");

describe("PCN bands", () => {
  test("boundaries: 29,999 under; 30,000 and 50,000 in; 50,001 over", () => {
    assert.equal(pcnBand(29_999, rules), "under");
    assert.equal(pcnBand(30_000, rules), "in");
    assert.equal(pcnBand(50_000, rules), "in");
    assert.equal(pcnBand(50_001, rules), "over");
  });

  test("contract years run April to March and every year names its sources", () => {
    assert.equal(contractYearOn("2024-03-31").year, "2023-24");
    assert.equal(contractYearOn("2024-04-01").year, "2024-25");
    for (const y of PCN_CONTRACT_YEARS) assert.ok(y.sources.length > 0, y.year);
  });
});

describe("PCN summaries", () => {
  const practices = [
    practice("A00001", "U00001", 20_000),
    practice("A00002", "U00001", 15_000),
    practice("A00003", "U00002", 10_000),
    practice("A00004", "U00003", 60_000, { subIcb: ref("01B", "Place B") }),
    practice("A00005", "U00003", null),
    practice("A00006", "U", 5_000),
  ];
  const pcns = summarisePcns(practices, rules);

  test("sums lists by PCN, excludes unallocated practices, and counts practices without a list", () => {
    assert.deepEqual(
      pcns.map((p) => [p.code, p.listSize, p.band, p.practices, p.practicesWithoutList]),
      [
        ["U00001", 35_000, "in", 2, 0],
        ["U00002", 10_000, "under", 1, 0],
        ["U00003", 60_000, "over", 2, 1],
      ],
    );
  });

  test("places a PCN in the sub-ICB holding most of its patients", () => {
    assert.equal(pcns.find((p) => p.code === "U00003")!.subIcb.code, "01B");
  });

  test("area totals preserve patients: PCN patients + unallocated = all listed patients", () => {
    const s = summariseArea(practices, pcns);
    assert.equal(s.patients, 110_000);
    assert.equal(
      s.bandPatients.under + s.bandPatients.in + s.bandPatients.over + s.unallocatedPatients,
      s.patients,
    );
    assert.deepEqual(s.bands, { under: 1, in: 1, over: 1 });
    assert.equal(s.unallocatedPractices, 1);
    assert.equal(s.practicesWithList, 5);
  });
});

describe("area ratios", () => {
  const wf = (gpFte: number, partnerFte: number | null) => ({
    fiscalYear: 2025,
    gpFte,
    gpHc: null,
    partnerFte,
    partnerHc: null,
    locumTraineeFte: null,
    nursesFte: 1,
    dpcFte: null,
    adminFte: null,
  });

  test("GP FTE per 10,000 and partner share use only practices with both figures", () => {
    const practices = [
      practice("A00001", "U00001", 10_000, { workforce: wf(5, 3) }),
      practice("A00002", "U00001", 10_000, { workforce: wf(7, null) }),
      practice("A00003", "U00001", 10_000),
    ];
    const s = summariseArea(practices, summarisePcns(practices, rules));
    assert.equal(s.gpFtePer10k.value, 6); // (5 + 7) / 20,000 × 10,000
    assert.equal(s.gpFtePer10k.practices, 2);
    assert.equal(s.partnerShare.value, 0.6); // 3 / 5: the practice without partner detail is left out
    assert.equal(s.patientsPerGpFte.value, 20_000 / 12);
  });

  test("deprivation mix puts patients in the quintile of their practice's decile", () => {
    const dep = (decile: number) => ({ decile, score: null, basis: "test" });
    const practices = [
      practice("A00001", "U00001", 1_000, { deprivation: dep(1) }),
      practice("A00002", "U00001", 2_000, { deprivation: dep(2) }),
      practice("A00003", "U00001", 4_000, { deprivation: dep(10) }),
    ];
    const s = summariseArea(practices, []);
    assert.deepEqual(s.deprivation!.quintilePatients, [3_000, 0, 0, 0, 4_000]);
    assert.equal(s.deprivation!.basis, "practice");
  });

  test("with LSOA registrations, covered practices count their patients where they live", () => {
    const dep = (decile: number) => ({ decile, score: null, basis: "test decile" });
    const practices = [
      // Practice decile 10, but 600 of its patients live in decile-1 LSOAs and 400 in decile-6 ones.
      practice("A00001", "U00001", 1_100, { deprivation: dep(10) }),
      practice("A00002", "U00001", 2_000, { deprivation: dep(3) }),
    ];
    const residence = new Float64Array(11);
    residence[1] = 600;
    residence[6] = 400;
    const s = summariseArea(practices, [], {
      byPractice: new Map([["A00001", residence]]),
      source: { period: "October 2025", imdEdition: 2025 },
    });
    assert.deepEqual(s.deprivation!.quintilePatients, [600, 2_000, 400, 0, 0]);
    assert.equal(s.deprivation!.basis, "mixed");
    assert.equal(
      s.deprivation!.description,
      "where patients live: the IMD 2025 decile of their LSOA (October 2025 LSOA registrations, 1 of 2 " +
        "practices); the other 1 practices' whole lists at their practice decile (test decile)",
    );
  });
});

describe("overview", () => {
  const picture = (practices: Practice[]): Picture => ({
    synthetic: false,
    date: "2026-01-01",
    practices,
    sources: {
      map: {
        id: 1,
        source: "gp-reg-pat-prac-map",
        title: "map",
        period: "January 2026",
        referenceDate: "2026-01-01",
        synthetic: false,
      },
      lists: null,
      workforce: null,
      payments: null,
      deprivation: null,
      register: null,
      locations: null,
    },
    caveats: [],
  });
  const practices = [
    practice("A00001", "U00001", 40_000),
    practice("B00001", "U00009", 25_000, {
      icb: { code: "QBB", onsCode: "E54000099", name: "NHS Other ICB" },
    }),
  ];

  test("finds an ICB by ODS code, ONS code or a unique part of its name", () => {
    assert.equal(findIcb(practices, "qbb").code, "QBB");
    assert.equal(findIcb(practices, "E54000099").code, "QBB");
    assert.equal(findIcb(practices, "other").code, "QBB");
    assert.throws(() => findIcb(practices, "QZZ"), UnknownAreaError);
    assert.throws(() => findIcb(practices, "QZZ"), /known ICBs: QAA, QBB/);
  });

  test("England overview has a row per ICB; an ICB overview a row per place and only its PCNs", () => {
    const england = buildOverview(picture(practices));
    assert.equal(england.subAreas.length, 2);
    assert.equal(england.summary.pcns, 2);
    const icb = buildOverview(picture(practices), { icb: "QBB" });
    assert.deepEqual(
      icb.pcns.map((p) => p.code),
      ["U00009"],
    );
    assert.equal(icb.summary.bands.under, 1);
  });

  test("quantile interpolates (type 7)", () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([10], 0.95), 10);
  });
});
