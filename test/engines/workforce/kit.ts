// A tiny workforce history whose answers can be checked by hand: two ICBs (QAA with two PCNs, QBB with one),
// five practices in today's map plus one closed practice placed through an older map and one that cannot be
// placed; two workforce datasets overlapping in FY2023 (the newer, with partners, wins).
import type { Practice } from "../../../src/model/organisation.ts";
import type { DatasetRef, Picture } from "../../../src/model/picture.ts";
import type { AreaAssignment, PracticeYear, WorkforceHistory } from "../../../src/model/workforce.ts";

export const ref = (code: string, name = code) => ({ code, onsCode: null, name });

export const dataset = (id: number, period: string, referenceDate: string, source = "x"): DatasetRef => ({
  id,
  source,
  title: `Dataset ${id}`,
  period,
  referenceDate,
  synthetic: false,
});

const QAA = ref("QAA", "ICB A");
const QBB = ref("QBB", "ICB B");
const PLACE_A = ref("01A", "Place A");
const PLACE_B = ref("02B", "Place B");

export function practice(code: string, pcn: string, icb = QAA, extra: Partial<Practice> = {}): Practice {
  return {
    code,
    name: `Practice ${code}`,
    site: { postcode: null, lat: null, lon: null },
    pcnCode: pcn,
    pcnName: `PCN ${pcn}`,
    subIcb: icb === QAA ? PLACE_A : PLACE_B,
    icb,
    region: ref("Y00", "Region"),
    listSize: null,
    weightedList: null,
    workforce: null,
    deprivation: null,
    ...extra,
  };
}

/** A practice-year with only the given figures (others null). */
export function row(
  practiceCode: string,
  fiscalYear: number,
  datasetId: number,
  f: Partial<PracticeYear>,
): PracticeYear {
  return {
    practiceCode,
    fiscalYear,
    datasetId,
    patients: null,
    gpFte: null,
    gpHc: null,
    partnerFte: null,
    partnerHc: null,
    locumTraineeFte: null,
    locumTraineeHc: null,
    nursesFte: null,
    nursesHc: null,
    dpcFte: null,
    dpcHc: null,
    adminFte: null,
    adminHc: null,
    ...f,
  };
}

export const MAP = dataset(10, "January 2026", "2026-01-01", "gp-reg-pat-prac-map");
export const OLD = dataset(1, "FY2022–FY2023", "2023-03-31", "heec-practice-workforce");
export const NEW = dataset(2, "FY2023–FY2024", "2024-03-31", "heec-practice-workforce");

export function tinyHistory(): WorkforceHistory {
  const practices = [
    practice("A1", "U00001", QAA, { deprivation: { decile: 1, score: 50, basis: "test" } }),
    practice("A2", "U00001"),
    practice("A3", "U00002"),
    practice("B1", "U00003", QBB),
    practice("B2", "U00003", QBB),
  ];
  const picture: Picture = {
    synthetic: false,
    date: "2026-01-01",
    practices,
    sources: {
      map: MAP,
      lists: null,
      workforce: null,
      payments: null,
      deprivation: null,
      register: null,
      locations: null,
    },
    caveats: [],
  };
  const areas = new Map<string, AreaAssignment>();
  for (const p of practices) {
    areas.set(p.code, { pcn: ref(p.pcnCode, p.pcnName), subIcb: p.subIcb, icb: p.icb, basis: "map" });
  }
  // A0 closed in 2023: placed in QAA through an older map (its PCN is gone); Z9 cannot be placed.
  areas.set("A0", { pcn: null, subIcb: PLACE_A, icb: QAA, basis: "older-map" });
  const rows: PracticeYear[] = [
    // FY2022 (old file only).
    row("A0", 2022, 1, { patients: 4_000, gpFte: 2, gpHc: 2 }),
    row("A1", 2022, 1, { patients: 10_000, gpFte: 5, gpHc: 6 }),
    row("A2", 2022, 1, { patients: 8_000, gpFte: 4, gpHc: 5 }),
    row("A3", 2022, 1, { patients: 6_000, gpFte: 3, gpHc: 3 }),
    row("B1", 2022, 1, { patients: 5_000, gpFte: 2, gpHc: 2 }),
    row("B2", 2022, 1, { patients: 5_000, gpFte: null, gpHc: null }),
    row("Z9", 2022, 1, { patients: 1_000, gpFte: 1, gpHc: 1 }),
    // FY2023 in the old file (ignored: the newer file covers FY2023).
    row("A1", 2023, 1, { patients: 10_500, gpFte: 99, gpHc: 99 }),
    // FY2023 in the new file.
    row("A1", 2023, 2, {
      patients: 10_500,
      gpFte: 5,
      gpHc: 6,
      partnerFte: 4,
      partnerHc: 4,
      locumTraineeFte: 1,
      nursesFte: 2,
    }),
    row("A2", 2023, 2, {
      patients: 8_400,
      gpFte: 4,
      gpHc: 4,
      partnerFte: 2,
      partnerHc: 2,
      locumTraineeFte: 0,
      nursesFte: 1,
    }),
    row("A3", 2023, 2, {
      patients: 6_000,
      gpFte: 2,
      gpHc: 2,
      partnerFte: 1,
      partnerHc: 1,
      locumTraineeFte: 1,
      nursesFte: 1,
    }),
    row("B1", 2023, 2, {
      patients: 5_500,
      gpFte: 2,
      gpHc: 2,
      partnerFte: 2,
      partnerHc: 2,
      locumTraineeFte: 0,
      nursesFte: 1,
    }),
    row("B2", 2023, 2, {
      patients: 5_000,
      gpFte: 3,
      gpHc: 3,
      partnerFte: 3,
      partnerHc: 3,
      locumTraineeFte: 0,
      nursesFte: 1,
    }),
    // FY2024 in the new file: A1 loses partners, A3 its last partner.
    row("A1", 2024, 2, {
      patients: 12_600,
      gpFte: 4,
      gpHc: 5,
      partnerFte: 2,
      partnerHc: 2,
      locumTraineeFte: 4,
      nursesFte: 2,
    }),
    row("A2", 2024, 2, {
      patients: 8_400,
      gpFte: 4,
      gpHc: 4,
      partnerFte: 2,
      partnerHc: 2,
      locumTraineeFte: 0,
      nursesFte: 1,
    }),
    row("A3", 2024, 2, {
      patients: 6_000,
      gpFte: 2,
      gpHc: 2,
      partnerFte: 0,
      partnerHc: 0,
      locumTraineeFte: 1,
      nursesFte: 1,
    }),
    row("B1", 2024, 2, {
      patients: 5_500,
      gpFte: 2,
      gpHc: 2,
      partnerFte: 2,
      partnerHc: 2,
      locumTraineeFte: 0,
      nursesFte: 1,
    }),
    row("B2", 2024, 2, {
      patients: 5_000,
      gpFte: 3,
      gpHc: 3,
      partnerFte: 3,
      partnerHc: 3,
      locumTraineeFte: 0,
      nursesFte: 1,
    }),
  ];
  return {
    synthetic: false,
    picture,
    datasets: [
      { ref: OLD, variant: "gp-admin", fiscalYears: [2022, 2023] },
      { ref: NEW, variant: "partners", fiscalYears: [2023, 2024] },
    ],
    rows,
    areas,
    weighted: new Map([
      [
        2022,
        {
          dataset: dataset(20, "FY2021-22", "2021-04-01", "nhs-payments"),
          fiscalYear: 2022,
          byPractice: new Map([
            ["A1", 12_000],
            ["A2", 8_000],
          ]),
        },
      ],
    ]),
    contractType: new Map([
      ["A1", "GMS"],
      ["B2", "APMS"],
    ]),
  };
}
