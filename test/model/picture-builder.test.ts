// The picture builder's rules, without a database: which datasets make a picture, and how their rows join.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  buildMapPicture,
  buildPicture,
  choosePictureInputs,
  NoDataError,
  type PictureCatalogue,
  type PictureInputs,
  type PictureRows,
  type PracticeMapRow,
} from "../../src/model/picture-builder.ts";
import type { DatasetRef } from "../../src/model/picture.ts";

let nextId = 1;
const ds = (source: string, referenceDate: string, extra: Partial<DatasetRef> = {}): DatasetRef => ({
  id: nextId++,
  source,
  title: `${source} ${referenceDate}`,
  period: referenceDate.slice(0, 7),
  referenceDate,
  synthetic: false,
  ...extra,
});

const emptyCatalogue = (): PictureCatalogue => ({
  synthetic: false,
  maps: [],
  lists: [],
  payments: [],
  registers: [],
  workforce: [],
  practiceScores: [],
  publishedDeciles: [],
  registrations: [],
  lsoaImd: [],
  locations: [],
});

const row = (code: string, postcode: string | null, pcn: string | null = "U1"): PracticeMapRow => ({
  practiceCode: code,
  practiceName: `Practice ${code}`,
  postcode,
  pcnCode: pcn,
  pcnName: pcn ? `PCN ${pcn}` : null,
  subIcb: { code: "S1", onsCode: "E38000001", name: "Place one" },
  icb: { code: "Q1", onsCode: "E54000001", name: "ICB one" },
  region: { code: "R1", onsCode: "E40000001", name: "Region one" },
});

const noRows = (map: PracticeMapRow[]): PictureRows => ({
  map,
  listSizes: new Map(),
  workforce: new Map(),
  payments: new Map(),
  practiceScores: new Map(),
  publishedDeciles: [],
  lsoaRanks: null,
  sites: new Map(),
  knownPostcodes: [],
});

describe("choosing a picture's datasets", () => {
  test("no map: a NoDataError that says what to import (real) or to load the demo (synthetic)", () => {
    assert.throws(() => choosePictureInputs(emptyCatalogue(), {}), NoDataError);
    assert.throws(
      () => choosePictureInputs({ ...emptyCatalogue(), synthetic: true }, {}),
      /run `icsplan demo` first/,
    );
    assert.throws(() => choosePictureInputs(emptyCatalogue(), {}), /gp-reg-pat-prac-map/);
  });

  test("payments and LSOA registrations on or before the map's date; register, IMD and postcodes the newest", () => {
    const c = emptyCatalogue();
    const map = ds("gp-reg-pat-prac-map", "2026-01-01");
    c.maps = [map];
    const p2025 = ds("nhs-payments", "2025-03-31");
    const p2026 = ds("nhs-payments", "2026-03-31");
    c.payments = [p2026, p2025];
    const reg2025 = ds("gp-reg-pat-prac-lsoa-all", "2025-10-01");
    c.registrations = [ds("gp-reg-pat-prac-lsoa-all", "2026-04-01"), reg2025];
    const imd2019 = ds("lsoa-imd", "2019-09-26");
    const imd2025 = ds("lsoa-imd", "2025-10-30");
    c.lsoaImd = [imd2025, imd2019];
    const r1 = ds("epraccur", "2025-01-01");
    const r2 = ds("epraccur", "2026-11-01");
    c.registers = [r1, r2];
    const inputs = choosePictureInputs(c, {});
    assert.equal(inputs.map.id, map.id);
    assert.equal(inputs.payments?.id, p2025.id);
    assert.equal(inputs.register?.id, r2.id);
    assert.deepEqual(inputs.lsoaRanks, { registrations: reg2025, imd: imd2025 });
    assert.equal(inputs.lists, null);
  });

  test("without LSOA registrations there is no LSOA basis, whatever IMD is loaded", () => {
    const c = emptyCatalogue();
    c.maps = [ds("gp-reg-pat-prac-map", "2026-01-01")];
    c.lsoaImd = [ds("lsoa-imd", "2025-10-30")];
    assert.equal(choosePictureInputs(c, {}).lsoaRanks, null);
  });

  test("workforce: the dataset with the newest fiscal year; on a tie the newer dataset; empty ones ignored", () => {
    const c = emptyCatalogue();
    c.maps = [ds("gp-reg-pat-prac-map", "2026-01-01")];
    const older = { ...ds("heec-practice-workforce", "2025-06-30"), latestFiscalYear: 2025 };
    const newerSameYear = { ...ds("heec-practice-workforce", "2025-09-30"), latestFiscalYear: 2025 };
    const earlierYear = { ...ds("heec-practice-workforce", "2026-01-31"), latestFiscalYear: 2024 };
    const empty = { ...ds("heec-practice-workforce", "2026-06-30"), latestFiscalYear: null };
    c.workforce = [older, earlierYear, empty, newerSameYear];
    const inputs = choosePictureInputs(c, {});
    assert.equal(inputs.workforce?.ref.id, newerSameYear.id);
    assert.equal(inputs.workforce?.fiscalYear, 2025);
    assert.equal("latestFiscalYear" in inputs.workforce!.ref, false);
  });

  test("practice scores are used only for an IMD edition newer than the published 2019 deciles", () => {
    const c = emptyCatalogue();
    c.maps = [ds("gp-reg-pat-prac-map", "2026-01-01")];
    c.practiceScores = [{ ...ds("practice-imd-fingertips", "2020-01-01"), edition: 2019 }];
    assert.equal(choosePictureInputs(c, {}).practiceScores, null);
    const s2025 = { ...ds("practice-imd-score", "2025-11-01"), edition: 2025 };
    c.practiceScores.push(s2025);
    assert.equal(choosePictureInputs(c, {}).practiceScores?.ref.id, s2025.id);
  });
});

describe("joining a picture's rows", () => {
  const map = ds("gp-reg-pat-prac-map", "2026-01-01", { period: "January 2026" });
  const lists = ds("gp-reg-pat-prac-all", "2025-10-01", { period: "October 2025" });
  const inputs: PictureInputs = {
    synthetic: false,
    map,
    lists,
    newerMapPassedOver: null,
    payments: ds("nhs-payments", "2025-03-31"),
    register: null,
    workforce: {
      ref: ds("heec-practice-workforce", "2025-09-30", { period: "September 2025" }),
      fiscalYear: 2026,
    },
    practiceScores: { ref: ds("practice-imd-score", "2025-11-01"), edition: 2025 },
    publishedDeciles: ds("practice-imd-swahsn", "2020-01-01", { title: "SW AHSN" }),
    lsoaRanks: {
      registrations: ds("gp-reg-pat-prac-lsoa-all", "2025-10-01"),
      imd: ds("lsoa-imd", "2025-10-30"),
    },
    locations: ds("postcode-coordinates", "2025-11-01"),
  };

  test("practices in code order with lists, weighting at the list date, workforce and each deprivation basis", () => {
    const rows: PictureRows = {
      ...noRows([row("C3", "ST4 1AA"), row("A1", "st4 1ab"), row("B2", null, null)]),
      listSizes: new Map([
        ["A1", 12_000],
        ["C3", 9_000],
      ]),
      payments: new Map([
        ["A1", { weighted: 11_000, registered: 10_000 }],
        ["B2", { weighted: 5_000, registered: null }],
        ["C3", { weighted: null, registered: 9_000 }],
      ]),
      workforce: new Map([
        [
          "A1",
          {
            fiscalYear: 2026,
            gpFte: 6,
            gpHc: 8,
            seniorPartnerFte: 1,
            partnerProviderFte: 2.5,
            seniorPartnerHc: null,
            partnerProviderHc: null,
            locumTraineeFte: 0.5,
            nursesFte: 3,
            dpcFte: 2,
            adminFte: 10,
          },
        ],
      ]),
      // A1 scored (2025); C3 only in the published deciles; B2 only from LSOA ranks.
      practiceScores: new Map([
        ["A1", 40],
        ["X9", 10],
      ]),
      publishedDeciles: [
        { practiceCode: "A1", score: 5, decile: 9, edition: 2019 },
        { practiceCode: "C3", score: 33.1, decile: 2, edition: 2019 },
      ],
      lsoaRanks: {
        rows: [
          { practiceCode: "B2", patients: 300, imdRank: 1_000 },
          { practiceCode: "B2", patients: 100, imdRank: 30_000 },
          { practiceCode: "C3", patients: 50, imdRank: 20_000 },
        ],
        edition: 2025,
        maxRank: 33_755,
      },
      sites: new Map([
        ["ST41AA", { lat: 53, lon: -2.2 }],
        ["ST41AB", { lat: 53.01, lon: -2.19 }],
      ]),
    };
    const picture = buildPicture(inputs, rows);
    assert.deepEqual(
      picture.practices.map((p) => p.code),
      ["A1", "B2", "C3"],
    );
    const [a1, b2, c3] = picture.practices as [
      (typeof picture.practices)[0],
      (typeof picture.practices)[0],
      (typeof picture.practices)[0],
    ];
    assert.equal(a1.listSize, 12_000);
    assert.equal(a1.weightedList, (11_000 / 10_000) * 12_000);
    assert.equal(b2.weightedList, 5_000, "no registered count: the published weighted list");
    assert.equal(c3.weightedList, null, "no weighted list published");
    assert.equal(b2.pcnCode, "U");
    assert.equal(b2.pcnName, "Unallocated");
    assert.equal(a1.workforce?.partnerFte, 3.5);
    assert.equal(a1.workforce?.partnerHc, null);
    assert.equal(b2.workforce, null);
    // Two scored practices: A1 (40) is the more deprived, so decile 1 of 2 ranked practices… ranked nationally.
    assert.match(a1.deprivation!.basis, /^IMD 2025 practice score/);
    assert.equal(a1.deprivation!.score, 40);
    assert.deepEqual(c3.deprivation, { decile: 2, score: 33.1, basis: "IMD 2019 practice score (SW AHSN)" });
    // B2: mean rank (300 × 1,000 + 100 × 30,000) / 400 = 8,250; ceil(10 × 8,250 / 33,755) = 3.
    assert.deepEqual(b2.deprivation, {
      decile: 3,
      score: null,
      basis: "IMD 2025, patient-weighted mean LSOA rank",
    });
    assert.equal(a1.site.lat, 53.01);
    assert.equal(b2.site.lat, null);
    assert.equal(picture.sources.workforce?.period, "FY2025-26 (from September 2025)");
    assert.equal(picture.sources.deprivation?.id, inputs.practiceScores!.ref.id);
    assert.deepEqual(picture.caveats, [
      "List sizes are from October 2025, 3 months older than the January 2026 map.",
    ]);
  });

  test("a postcode not in the coordinates file is placed at its sector's centroid and flagged", () => {
    const rows: PictureRows = {
      ...noRows([row("A1", "ST4 1ZZ")]),
      knownPostcodes: [
        ["ST41AA", { lat: 53, lon: -2.2 }],
        ["ST41AB", { lat: 53.02, lon: -2.18 }],
        ["ST51AA", { lat: 54, lon: -3 }],
      ],
    };
    const [a1] = buildPicture(inputs, rows).practices;
    assert.ok(Math.abs(a1!.site.lat! - 53.01) < 1e-9 && Math.abs(a1!.site.lon! + 2.19) < 1e-9);
    assert.match(a1!.site.approximate!, /ST4 1.*2 postcodes/);
  });

  test("the map picture keeps the geography and nothing else", () => {
    const picture = buildMapPicture(inputs, [row("A1", "ST4 1AA")]);
    assert.equal(picture.practices[0]!.listSize, null);
    assert.equal(picture.practices[0]!.deprivation, null);
    assert.deepEqual(picture.caveats, []);
    assert.equal(picture.sources.map.id, map.id);
    assert.equal(picture.sources.lists, null);
  });
});
