// A file that nearly is a known format is refused naming the nearest format and what differs, not skipped as
// "not a recognised NHS/ONS file": a renamed or missing column, semicolons, UTF-16, an xlsx saved as .csv.
// Each is built from the real July 2026 practice map (its header and first rows), and the store is unchanged.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { importFiles, planImport } from "../../src/app/import-files.ts";
import { FORMATS } from "../../src/sources/registry.ts";
import type { FileSample } from "../../src/sources/format.ts";
import type { Store } from "../../src/store/store.ts";
import { memoryStore, shared, snapshot, tempFile } from "../helpers.ts";

const MAP_ID = "gp-reg-pat-prac-map";
const MAP_NAME = `${MAP_ID} (Patients Registered at a GP Practice: practice to PCN, sub-ICB, ICB and region map)`;
/** The header and first three rows of the real July 2026 map, as fields. */
const ROWS = readFileSync(shared("registrations/2026-07/gp-reg-pat-prac-map_2026-07.csv"), "latin1")
  .split("\n")
  .slice(0, 4)
  .map((line) => line.replace(/\r$/, "").split(","));
const csv = (rows: string[][], delimiter = ",") => `${rows.map((r) => r.join(delimiter)).join("\n")}\n`;
/** The rows with the header's `from` column renamed `to`. */
const renamed = (from: string, to: string) => [ROWS[0]!.map((h) => (h === from ? to : h)), ...ROWS.slice(1)];

describe("near misses: nearly a known format", () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
  });
  after(async () => store.close());

  /** Imports the file and returns its single outcome's error, checking it was rejected and the store kept. */
  async function refused(name: string, content: string | Buffer): Promise<string> {
    const before = await snapshot(store);
    const path = tempFile(name, content);
    const outcomes = await importFiles(store, [path]);
    assert.equal(outcomes.length, 1);
    const [o] = outcomes;
    assert.equal(o?.status, "rejected", JSON.stringify(o));
    assert.deepEqual(await snapshot(store), before);
    // The message names the file as given (its full path here): compared by its name.
    return o?.status === "rejected" ? o.error.replaceAll(path, name) : "";
  }

  test("the real header is still recognised (the cases below differ from it by one thing each)", async () => {
    const [planned] = await planImport([tempFile("map.csv", csv(ROWS))]);
    assert.equal(planned?.status === "queued" && planned.format.id, MAP_ID);
  });

  test("a renamed column: names the format, the column found and the one expected", async () => {
    const error = await refused("renamed.csv", csv(renamed("PCN_CODE", "PCN_ODS_CODE")));
    assert.equal(
      error,
      `'renamed.csv', line 1: not a recognised NHS/ONS file, but nearest to ${MAP_NAME}: found 'PCN_ODS_CODE' ` +
        `(column 6) where it expects 'PCN_CODE' (correct the header, or import with --as ${MAP_ID} to check the whole file)`,
    );
  });

  test("a column in other case: named as renamed", async () => {
    const error = await refused("case.csv", csv(renamed("PRACTICE_CODE", "Practice_Code")));
    assert.match(error, /found 'Practice_Code' \(column 3\) where it expects 'PRACTICE_CODE'/);
  });

  test("a missing column: names the format and the missing column", async () => {
    const i = ROWS[0]!.indexOf("PCN_CODE");
    const error = await refused("missing.csv", csv(ROWS.map((r) => [...r.slice(0, i), ...r.slice(i + 1)])));
    assert.equal(
      error,
      `'missing.csv', line 1: not a recognised NHS/ONS file, but nearest to ${MAP_NAME}: found no column 'PCN_CODE' ` +
        `(correct the header, or import with --as ${MAP_ID} to check the whole file)`,
    );
  });

  test("a semicolon delimiter: says so and names the format the fields make", async () => {
    const error = await refused("semicolons.csv", csv(ROWS, ";"));
    assert.equal(
      error,
      `'semicolons.csv', line 1: expected fields separated by commas, found fields separated by semicolons (;); ` +
        `split on them, the header is that of ${MAP_NAME} (save it as comma-separated CSV and import that)`,
    );
  });

  test("a semicolon delimiter and a renamed column: both named", async () => {
    const error = await refused("both.csv", csv(renamed("PRACTICE_CODE", "PRACTICE CODE"), ";"));
    assert.match(
      error,
      /separated by semicolons \(;\).*and then differs: 'PRACTICE CODE' \(column 3\) where it expects 'PRACTICE_CODE'/,
    );
  });

  test("UTF-16 little-endian (BOM FF FE): says so and names the format", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(ROWS), "utf16le")]);
    const error = await refused("utf16le.csv", bytes);
    assert.equal(
      error,
      `'utf16le.csv', line 1: expected UTF-8 or Windows-1252 text, found UTF-16 text (byte-order mark FF FE); it ` +
        `reads as ${MAP_NAME} (save it as CSV in UTF-8, e.g. "CSV UTF-8 (comma delimited)" in Excel, and import that)`,
    );
  });

  test("UTF-16 big-endian (BOM FE FF): says so and names the format", async () => {
    const little = Buffer.from(csv(ROWS), "utf16le");
    const big = Buffer.alloc(little.length);
    for (let i = 0; i + 1 < little.length; i += 2) [big[i], big[i + 1]] = [little[i + 1]!, little[i]!];
    const error = await refused("utf16be.csv", Buffer.concat([Buffer.from([0xfe, 0xff]), big]));
    assert.match(error, /found UTF-16 text \(byte-order mark FE FF\); it reads as gp-reg-pat-prac-map /);
  });

  test("an xlsx workbook saved as .csv (ZIP magic PK\\x03\\x04): refused as a workbook, not opened as an archive", async () => {
    // The smallest workbook layout: [Content_Types].xml and xl/ parts, stored (no compression).
    const error = await refused(
      "lists.csv",
      storedZip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }),
    );
    assert.equal(
      error,
      `'lists.csv': expected a CSV file, found an Excel workbook (an xlsx file: a ZIP archive of XML sheets) with a ` +
        `.csv name (open it in a spreadsheet and save the sheet as CSV, then import that)`,
    );
  });

  test("a file like no format is still only skipped", async () => {
    const [o] = await importFiles(store, [tempFile("notes.csv", "name,colour\nfern,green\n")]);
    assert.equal(o?.status, "skipped");
    if (o?.status === "skipped") assert.match(o.reason, /^not a recognised NHS\/ONS file/);
  });

  test("every format's marking columns are recognised by that format", () => {
    for (const format of FORMATS.filter((f) => f.columns)) {
      const header = [...format.columns!];
      const sample: FileSample = {
        file: { path: "x.csv", label: "x.csv", size: 1, gzip: false },
        header,
        firstLine: header.join(","),
        head: header.join(","),
      };
      assert.ok(format.recognise(sample), format.id);
    }
    assert.ok(FORMATS.filter((f) => f.columns).length >= 20);
  });
});

/** A ZIP archive of the given files, stored without compression (as small workbooks may be). */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
