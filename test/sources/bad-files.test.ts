// Every bad file refused clearly, every valid quirk accepted (issue 13 item 12): each case is a small file
// built from the real headers and rows of ../shared/data, imported through the pipeline as a user would;
// a refusal names the file, the line or feature, the column, what was expected and what was found, and
// leaves the store as it was. (NUL bytes: nul-bytes.test.ts; cut quotes: errors.test.ts; near misses of a
// format: near-miss.test.ts.)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { importFiles, type FileOutcome, type ImportOptions } from "../../src/app/import-files.ts";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, snapshot, tempFile } from "../helpers.ts";

/** The first `rows` lines after the header of a real file, with its header; line ends made \n. */
function realLines(path: string, rows: number): string[] {
  return readFileSync(shared(path), "latin1")
    .split("\n")
    .slice(0, rows + 1)
    .map((line) => line.replace(/\r$/, ""));
}
const text = (lines: string[]) => `${lines.join("\n")}\n`;

const MAP = "registrations/2026-07/gp-reg-pat-prac-map_2026-07.csv";
const LSOA =
  "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv";
const PCN_BOUNDARIES = "boundaries/sussex/pcn_west_sussex_2022_boundaries.geojson";

describe("bad files refused clearly, valid quirks accepted", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    assert.equal((await importOne(store, shared("practices/epraccur_2026-02.csv"))).status, "imported");
  });
  after(async () => store.close());

  /** Imports a file written as `name`; returns its outcome with the temporary folder left out of messages. */
  async function outcomeOf(name: string, content: string | Buffer, options: ImportOptions = {}) {
    const path = tempFile(name, content);
    const [o] = await importFiles(store, [path], options);
    assert.ok(o);
    if (o.status === "rejected") o.error = o.error.replaceAll(path, name);
    return o;
  }

  /** Imports it expecting a refusal; checks the store is unchanged and returns the message. */
  async function refused(name: string, content: string | Buffer, options: ImportOptions = {}) {
    const before = await snapshot(store);
    const o = await outcomeOf(name, content, options);
    assert.equal(o.status, "rejected", JSON.stringify(o));
    assert.deepEqual(await snapshot(store), before);
    return (o as Extract<FileOutcome, { status: "rejected" }>).error;
  }

  /** Imports it expecting success; returns its result and dataset id. */
  async function imported(name: string, content: string | Buffer, options: ImportOptions = {}) {
    const o = await outcomeOf(name, content, options);
    assert.equal(o.status, "imported", JSON.stringify(o));
    const result = (o as Extract<FileOutcome, { status: "imported" }>).result;
    const datasetId = (o as Extract<FileOutcome, { status: "imported" }>).datasetId;
    return { result, datasetId };
  }

  describe("GeoJSON rings", () => {
    const collection = JSON.parse(readFileSync(shared(PCN_BOUNDARIES), "utf8")) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][][] } }[];
    };
    /** The real West Sussex PCN boundaries with the outer ring of feature 3 (U04725) changed by `change`. */
    const withRing = (change: (ring: number[][]) => number[][]) => {
      const copy = structuredClone(collection);
      const polygon = copy.features[2]!.geometry.coordinates[0]!;
      polygon[0] = change(polygon[0]!);
      return JSON.stringify(copy);
    };
    const NAME = "pcn_west_sussex_2022_boundaries.geojson";
    const WHERE = `'${NAME}', column 'features[2].geometry.coordinates[0][0]'`;

    test("feature 3 is PCN U04725 in the real file (the cases below change only its ring)", () => {
      assert.equal(collection.features.length, 20);
      assert.equal(collection.features[2]!.properties.PCN_Code, "U04725");
      const ring = collection.features[2]!.geometry.coordinates[0]![0]!;
      assert.deepEqual(ring[0], [-0.0679, 50.955]);
      assert.deepEqual(ring[ring.length - 2], [-0.0685, 50.9613]);
    });

    test("an unclosed ring is refused naming the feature, its code and the ring", async () => {
      const error = await refused(
        NAME,
        withRing((ring) => ring.slice(0, -1)),
      );
      assert.equal(
        error,
        `${WHERE}: expected a closed ring (its last position equal to its first), found ring 1 (the outer ring) ` +
          `of polygon 1 starting at [-0.0679, 50.955] and ending at [-0.0685, 50.9613]: it is not closed ` +
          `(feature 3 of 20, PCN_Code U04725)`,
      );
    });

    test("a ring of three positions is refused", async () => {
      const error = await refused(
        NAME,
        withRing((ring) => [ring[0]!, ring[1]!, ring[0]!]),
      );
      assert.equal(
        error,
        `${WHERE}: expected a ring of at least four positions, found ring 1 (the outer ring) of polygon 1 ` +
          `with 3 positions (feature 3 of 20, PCN_Code U04725)`,
      );
    });

    test("a self-intersecting ring is refused naming the crossing segments and where they cross", async () => {
      // Positions 2 and 3 swapped: segment 1 (1→3) crosses segment 3 (2→4), a bow tie.
      const error = await refused(
        NAME,
        withRing((ring) => [ring[0]!, ring[2]!, ring[1]!, ...ring.slice(3)]),
      );
      assert.equal(
        error,
        `${WHERE}: expected a ring that does not cross itself, found ring 1 (the outer ring) of polygon 1 whose ` +
          `segments 1 and 3 cross at [-0.07621, 50.949623]: it is self-intersecting (feature 3 of 20, PCN_Code U04725)`,
      );
    });

    test("the real file, unchanged, is imported (20 PCNs)", async () => {
      const { result } = await imported(NAME, JSON.stringify(collection));
      assert.equal(result.rows, 20);
    });
  });

  describe("corrupt gzip", () => {
    const MAP_TEXT = Buffer.from(text(realLines(MAP, 200)), "latin1");
    const gz = gzipSync(MAP_TEXT);
    const NAME = "gp-reg-pat-prac-map_2026-07.csv.gz";
    const CORRUPT = (fault: string) =>
      new RegExp(
        `^'${NAME.replace(/\./g, "\\.")}'(, line [\\d,]+)?: expected an intact gzip file, found a corrupt compressed ` +
          `file: ${fault} \\(the compressed file is corrupt: download it again\\)$`,
      );

    test("the intact gzip of 200 real rows is imported", async () => {
      const { result } = await imported(NAME, gz);
      assert.equal(result.rows, 200);
    });

    test("a bad CRC is reported as a corrupt compressed file, naming the file (not a stray delimiter)", async () => {
      const bad = Buffer.from(gz);
      bad[bad.length - 6] = bad[bad.length - 6]! ^ 0xff; // inside the CRC-32 of the gzip trailer
      const error = await refused(NAME, bad);
      assert.match(error, CORRUPT("its CRC-32 checksum does not match its content"));
    });

    test("a truncated gzip is reported as corrupt: it ends early", async () => {
      const error = await refused(NAME, gz.subarray(0, gz.length - 40));
      assert.match(error, CORRUPT("the compressed data ends early: the file is truncated"));
    });

    test("a byte damaged in the middle of the compressed data is reported as corrupt, not by its rows", async () => {
      const bad = Buffer.from(gz);
      const middle = Math.floor(gz.length / 2);
      bad[middle] = bad[middle]! ^ 0x55;
      const error = await refused(NAME, bad);
      assert.match(
        error,
        CORRUPT("(its CRC-32 checksum does not match its content|the compressed data is damaged .*)"),
      );
    });
  });

  describe("LSOA registrations without a date of their own", () => {
    // The real QNC subset has no EXTRACT_DATE column; its month is in its name. Written as lsoa.csv, it has none.
    const lines = realLines(LSOA, 100);
    const practiceOnLine2 = lines[1]!.split(",")[1]!;

    test("the real subset has no EXTRACT_DATE column", () => {
      assert.deepEqual(lines[0]!.split(","), [
        "LSOA_CODE",
        "PRACTICE_CODE",
        "PRACTICE_NAME",
        "NUMBER_OF_PATIENTS",
        "PCN_CODE",
        "PCN_NAME",
        "SUB_ICB_LOCATION_NAME",
        "ICB_CODE",
      ]);
    });

    test("with no date anywhere it is refused after its rows are checked, asking for --date", async () => {
      const error = await refused("lsoa.csv", text(lines));
      assert.equal(
        error,
        `'lsoa.csv', line 1, column 'EXTRACT_DATE': expected an EXTRACT_DATE column, a YYYY-MM month in the file ` +
          `name (e.g. gp-reg-pat-prac-lsoa-all_2025-10.csv) or --date, found none of them (its rows are otherwise ` +
          `valid) (give the month of the extract: icsplan import --date YYYY-MM <file>)`,
      );
    });

    test("with --date 2025-10 it is imported for October 2025, saying where the date came from", async () => {
      const { result } = await imported("lsoa.csv", text(lines), { date: "2025-10" });
      assert.equal(result.rows, 100);
      assert.equal(result.dataset.referenceDate, "2025-10-01");
      assert.ok(result.notes.includes("No EXTRACT_DATE column: the date was taken from --date."));
      assert.deepEqual(
        result.coverage.map((c) => [c.key, c.against, c.matched, c.total]),
        [["PRACTICE_CODE", "epraccur, February 2026", 2, 2]],
      );
    });

    for (const date of [undefined, "2025-10"]) {
      test(`a practice code not in the register is refused ${date ? "with" : "without"} --date`, async () => {
        const bad = [...lines];
        bad[1] = bad[1]!.replace(`,${practiceOnLine2},`, ",Z99999,");
        const error = await refused("lsoa.csv", text(bad), date ? { date } : {});
        assert.equal(
          error,
          `'lsoa.csv', line 2, column 'PRACTICE_CODE': expected a practice code in the practice register ` +
            `(epraccur, February 2026), found 'Z99999', which is not in it (import the current epraccur file ` +
            `first, or correct the code)`,
        );
      });
    }

    test("--date that is not a month is refused before anything is read", async () => {
      await assert.rejects(
        importFiles(store, [tempFile("lsoa.csv", text(lines))], { date: "2025-13" }),
        /--date: expected a month YYYY-MM or a date YYYY-MM-DD, found '2025-13'/,
      );
    });
  });

  describe("quirks accepted with a warning", () => {
    const lines = realLines(MAP, 200);
    const NAME = "gp-reg-pat-prac-map_2026-07.csv";

    test("lower-case practice codes are read in capitals, with a warning naming the column and first line", async () => {
      const lower = lines.map((line, i) =>
        i === 1 || i === 3
          ? line.replace(/,([A-Z]\d{5}),/, (_m, code: string) => `,${code.toLowerCase()},`)
          : line,
      );
      assert.match(lower[1]!, /,a81001,/);
      const { result, datasetId } = await imported(NAME, text(lower));
      assert.equal(result.rows, 200);
      assert.deepEqual(result.warnings, [
        "2 practice codes in column 'PRACTICE_CODE' were not in capitals and were read in capitals " +
          "(first on line 2: 'a81001' → 'A81001')",
      ]);
      // Stored in capitals, and every one joins the register.
      const stored = await store.db
        .selectFrom("org_map")
        .select("practice_code")
        .where("dataset_id", "=", datasetId)
        .where(sql<boolean>`practice_code <> upper(practice_code)`)
        .execute();
      assert.equal(stored.length, 0);
      assert.deepEqual(
        result.coverage.map((c) => [c.matched, c.total]),
        [[200, 200]],
      );
    });

    test("a code that is not a practice code even in capitals is still refused", async () => {
      const bad = [...lines];
      bad[2] = bad[2]!.replace(/,([A-Z]\d{5}),/, ",a8100,");
      const error = await refused(NAME, text(bad));
      assert.equal(
        error,
        `'${NAME}', line 3, column 'PRACTICE_CODE': expected an ODS practice code such as A81001, found 'a8100'`,
      );
    });

    test("an extra named trailing column is ignored with a warning naming it", async () => {
      const extra = lines.map((line, i) => (i === 0 ? `${line},LOCAL_NOTE` : `${line},checked`));
      const { result } = await imported(NAME, text(extra));
      assert.equal(result.rows, 200);
      assert.deepEqual(result.warnings, [
        "the extra column 'LOCAL_NOTE' (column 18) after the last column read was ignored: it is not part of this format",
      ]);
    });

    test("the real file has no warnings", async () => {
      const { result } = await imported(NAME, text(lines));
      assert.equal(result.warnings, undefined);
    });
  });
});
