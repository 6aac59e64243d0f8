// buildInstance: practices of an ICB or place as dense arrays, codes to indices, U to −1, catchments
// re-indexed to the instance, LSOAs without a centroid placed at their practices' patient-weighted site.
import { UnknownAreaError } from "../../../src/model/errors.ts";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildInstance, type CatchmentInput } from "../../../src/engines/networks/instance-builder.ts";

import type { Practice } from "../../../src/model/organisation.ts";
import type { Picture } from "../../../src/model/picture.ts";

const ref = (code: string, name = code, onsCode: string | null = null) => ({ code, onsCode, name });

function practice(
  code: string,
  pcn: string,
  list: number | null,
  site: [number, number] | null,
  extra: Partial<Practice> = {},
): Practice {
  return {
    code,
    name: `Practice ${code}`,
    site: { postcode: "ZZ99 9ZZ", lat: site?.[0] ?? null, lon: site?.[1] ?? null },
    pcnCode: pcn,
    pcnName: pcn === "U" ? "Unallocated" : `PCN ${pcn}`,
    subIcb: ref("01A", "Place A", "E38000001"),
    icb: ref("QAA", "ICB A", "E54000001"),
    region: ref("Y00", "Region"),
    listSize: list,
    weightedList: null,
    workforce: null,
    deprivation: null,
    ...extra,
  };
}

const picture: Picture = {
  synthetic: false,
  date: "2026-01-01",
  practices: [
    practice("A00004", "U00002", 8_000, [52.0, -2.0], {
      deprivation: { decile: 3, score: null, basis: "test" },
    }),
    practice("A00001", "U00001", 10_000, [52.0, -2.1]),
    practice("A00002", "U", 5_000, [52.1, -2.0]),
    practice("A00003", "U00001", null, null, { subIcb: ref("01B", "Place B", "E38000002") }),
    practice("B00001", "U00009", 7_000, [53.0, -1.0], {
      icb: ref("QBB", "ICB B"),
      subIcb: ref("02A", "Place C"),
    }),
  ],
  sources: {
    map: {
      id: 1,
      source: "m",
      title: "m",
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
};

describe("buildInstance", () => {
  test("the practices of an ICB in code order; PCNs and places to indices; U to −1; gaps noted", () => {
    const inst = buildInstance(picture, { icb: "QAA" });
    assert.equal(inst.scope, "ICB QAA");
    assert.deepEqual(inst.practiceCodes, ["A00001", "A00002", "A00003", "A00004"]);
    assert.deepEqual(inst.networkCodes, ["U00001", "U00002"]);
    assert.deepEqual([...inst.current], [0, -1, 0, 1]);
    assert.deepEqual(inst.placeCodes, ["01A", "01B"]);
    assert.deepEqual([...inst.place], [0, 0, 1, 0]);
    assert.deepEqual([...inst.listSize], [10_000, 5_000, 0, 8_000]);
    assert.deepEqual([...inst.listKnown], [1, 1, 0, 1]);
    assert.ok(Number.isNaN(inst.lat[2]!));
    assert.deepEqual([...inst.imdDecile], [0, 0, 0, 3]);
    assert.equal(inst.catchments, null);
    assert.ok(inst.notes!.some((n) => /1 practices have no list size .*: A00003/.test(n)));
    assert.ok(
      inst.notes!.some((n) => /1 practices have no site coordinates .*: A00003 \(ZZ99 9ZZ\)/.test(n)),
    );
  });

  test("a place by ONS code; ICBs by name; unknown areas are errors naming the known codes", () => {
    assert.deepEqual(buildInstance(picture, { subIcb: "E38000002" }).practiceCodes, ["A00003"]);
    assert.equal(buildInstance(picture, { icb: "ICB B" }).scope, "ICB QBB");
    assert.throws(() => buildInstance(picture, { icb: "QZZ" }), UnknownAreaError);
    assert.throws(() => buildInstance(picture, { icb: "QAA", subIcb: "02A" }), /known codes: 01A, 01B/);
  });

  test("catchments are re-indexed to the instance; an LSOA without centroid sits at its practices' weighted site", () => {
    // Rows in another order, with a practice outside the instance (B00001) and one practice without rows.
    const input: CatchmentInput = {
      practiceCodes: ["B00001", "A00004", "A00001"],
      catchments: {
        lsoaCodes: ["E01000009", "E01000001", "E01000002"],
        lsoaLat: Float64Array.from([53, 52.05, Number.NaN]),
        lsoaLon: Float64Array.from([-1, -2.05, Number.NaN]),
        lsoaImdDecile: Int8Array.from([5, 1, 10]),
        offsets: Int32Array.from([0, 1, 3, 5]),
        lsoa: Int32Array.from([0, 1, 2, 1, 2]),
        patients: Float64Array.from([700, 100, 300, 200, 100]),
      },
      label: "test registrations",
    };
    const inst = buildInstance(picture, { icb: "QAA", catchments: input });
    const c = inst.catchments!;
    assert.deepEqual(c.lsoaCodes, ["E01000001", "E01000002"]); // B00001's LSOA dropped
    assert.deepEqual([...c.offsets], [0, 2, 2, 2, 4]); // A00001, A00002 (none), A00003 (none), A00004
    assert.deepEqual([...c.lsoa], [0, 1, 0, 1]);
    assert.deepEqual([...c.patients], [200, 100, 100, 300]);
    assert.deepEqual([...c.lsoaImdDecile], [1, 10]);
    // E01000002: 100 patients at A00001 (52.0, −2.1), 300 at A00004 (52.0, −2.0) → (52.0, −2.025).
    assert.ok(Math.abs(c.lsoaLat[1]! - 52.0) < 1e-12);
    assert.ok(Math.abs(c.lsoaLon[1]! - -2.025) < 1e-12);
    assert.ok(inst.notes!.some((n) => /2 of 4 practices have no rows in the test registrations/.test(n)));
    assert.ok(inst.notes!.some((n) => /1 LSOAs \(400 patients, 57\.1%\) have no centroid/.test(n)));
  });

  test("a PCN with practices outside the area is noted", () => {
    const split: Picture = {
      ...picture,
      practices: picture.practices.map((p) => (p.code === "B00001" ? { ...p, pcnCode: "U00001" } : p)),
    };
    const inst = buildInstance(split, { icb: "QAA" });
    assert.ok(
      inst.notes!.some((n) => /^U00001 PCN U00001 also has 1 practice outside ICB QAA \(in QBB\)/.test(n)),
    );
  });
});
