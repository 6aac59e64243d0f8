// The one deprivation mix of every command (src/engines/deprivation/mix.ts), on hand-computed cases:
// residence where LSOA registrations cover a practice, else its whole list at its practice decile, else
// unknown; the basis named in the result and in words.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  deprivationMix,
  quintileOf,
  residenceByPractice,
  residenceDeciles,
  type MixPractice,
} from "../../src/engines/deprivation/mix.ts";
import type { Catchments } from "../../src/model/catchments.ts";

const byDecile = (counts: Record<number, number>) => {
  const out = new Float64Array(11);
  for (const [d, n] of Object.entries(counts)) out[Number(d)] = n;
  return out;
};
const practice = (p: Partial<MixPractice>): MixPractice => ({
  listSize: null,
  decile: null,
  decileBasis: null,
  residence: null,
  ...p,
});
const OCT = { period: "October 2025", imdEdition: 2025 };

describe("the deprivation mix", () => {
  test("quintile = ⌈decile / 2⌉; 0 for an unknown decile", () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(quintileOf),
      [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0],
    );
  });

  test("every practice covered by LSOA registrations: the residence basis", () => {
    const m = deprivationMix(
      [
        practice({ listSize: 5_000, decile: 9, residence: byDecile({ 1: 100, 2: 50, 7: 30, 0: 20 }) }),
        practice({ listSize: 3_000, decile: 1, residence: byDecile({ 10: 300 }) }),
      ],
      OCT,
    );
    assert.equal(m.basis, "lsoa");
    // The practices' own deciles (9 and 1) and lists play no part.
    assert.deepEqual(m.quintilePatients, [150, 0, 0, 30, 300]);
    assert.equal(m.unknownPatients, 20);
    assert.deepEqual([m.practicesByResidence, m.practicesByPracticeDecile, m.practicesCovered], [2, 0, 2]);
    assert.equal(
      m.description,
      "where patients live: the IMD 2025 decile of their LSOA (October 2025 LSOA registrations, 2 of 2 practices)",
    );
  });

  test("no LSOA registrations: each list at its practice decile; a practice without one is unknown", () => {
    const m = deprivationMix(
      [
        practice({ listSize: 5_000, decile: 4, decileBasis: "IMD 2019 practice score (SW AHSN)" }),
        practice({ listSize: 2_500, decile: 4, decileBasis: "IMD 2019 practice score (SW AHSN)" }),
        practice({ listSize: 1_000, decile: null }),
        practice({ listSize: null, decile: 10 }),
      ],
      null,
    );
    assert.equal(m.basis, "practice");
    assert.deepEqual(m.quintilePatients, [0, 7_500, 0, 0, 0]);
    assert.equal(m.unknownPatients, 1_000);
    assert.equal(m.practicesCovered, 3);
    assert.equal(
      m.description,
      "each practice's whole list at its practice IMD decile (IMD 2019 practice score (SW AHSN), 3 of 4 " +
        "practices): no LSOA registrations cover them; 1 practice has no decile",
    );
  });

  test("some practices covered: mixed, and a practice with empty rows takes its decile", () => {
    const m = deprivationMix(
      [
        practice({ listSize: 9_000, decile: 10, residence: byDecile({ 3: 8_000 }) }),
        practice({ listSize: 4_000, decile: 2, decileBasis: "B", residence: byDecile({}) }),
      ],
      OCT,
    );
    assert.equal(m.basis, "mixed");
    assert.deepEqual(m.quintilePatients, [4_000, 8_000, 0, 0, 0]);
    assert.match(
      m.description,
      /1 of 2 practices\); the other 1 practices' whole lists at their practice decile \(B\)$/,
    );
  });

  test("patients by LSOA decile from catchments (CSR rows), by practice code", () => {
    const c: Catchments = {
      lsoaCodes: ["E01000001", "E01000002", "E01000003"],
      lsoaLat: new Float64Array(3),
      lsoaLon: new Float64Array(3),
      lsoaImdDecile: Int8Array.from([1, 6, 0]),
      offsets: Int32Array.from([0, 2, 2, 4]),
      lsoa: Int32Array.from([0, 1, 1, 2]),
      patients: Float64Array.from([10, 20, 5, 7]),
    };
    assert.deepEqual([...residenceDeciles(c, 0)!], [0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0]);
    assert.equal(residenceDeciles(c, 1), null);
    const map = residenceByPractice({ practiceCodes: ["A", "B", "C"], catchments: c });
    assert.deepEqual([...map.keys()], ["A", "C"]);
    assert.deepEqual([...map.get("C")!], [7, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]);
  });
});
