import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { extractZipEntry, isZip, readZipEntries, ZipError } from "../../src/sources/zip.ts";
import { shared, tempDir, tempFile } from "../helpers.ts";
import { makeZip } from "./mirror.ts";

async function extractAll(path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const dir = tempDir();
  for (const [i, entry] of (await readZipEntries(path)).entries()) {
    const dest = join(dir, String(i));
    await extractZipEntry(path, entry, dest);
    out[entry.name] = readFileSync(dest, "utf8");
  }
  return out;
}

describe("zip reader", () => {
  test("reads stored and deflated entries, with UTF-8 names and an empty file", async () => {
    const map = readFileSync(shared("registrations/gp-reg-pat-prac-map_2026-01.csv"), "utf8");
    const path = tempFile(
      "a.zip",
      makeZip([
        { name: "gp-reg-pat-prac-map.csv", data: map },
        { name: "notes/read me ✓.txt", data: "stored, not compressed\n", method: 0 },
        { name: "empty.csv", data: "", method: 0 },
      ]),
    );
    assert.equal(await isZip(path), true);
    const entries = await readZipEntries(path);
    assert.deepEqual(
      entries.map((e) => [e.name, e.method, e.size]),
      [
        ["gp-reg-pat-prac-map.csv", 8, Buffer.byteLength(map)],
        ["notes/read me ✓.txt", 0, 23],
        ["empty.csv", 0, 0],
      ],
    );
    assert.ok(entries[0]!.compressedSize < entries[0]!.size / 3);
    assert.deepEqual(await extractAll(path), {
      "gp-reg-pat-prac-map.csv": map,
      "notes/read me ✓.txt": "stored, not compressed\n",
      "empty.csv": "",
    });
  });

  test("reads ZIP64 archives (64-bit sizes and offsets in extra fields)", async () => {
    const path = tempFile(
      "z64.zip",
      makeZip(
        [
          { name: "one.csv", data: "a,b\n1,2\n" },
          { name: "two.csv", data: "x\n".repeat(5000), method: 0 },
        ],
        { zip64: true },
      ),
    );
    assert.deepEqual(await extractAll(path), { "one.csv": "a,b\n1,2\n", "two.csv": "x\n".repeat(5000) });
  });

  test("a CSV file is not a ZIP", async () => {
    assert.equal(await isZip(shared("registrations/gp-reg-pat-prac-map_2026-01.csv")), false);
  });

  const good = () => makeZip([{ name: "data.csv", data: "PRACTICE_CODE,PCN_CODE\n".repeat(2000) }]);

  const corrupt: [string, () => Buffer, RegExp, "list" | "extract"][] = [
    [
      "a truncated archive",
      () => good().subarray(0, good().length - 40),
      /no end-of-central-directory record.*truncated/,
      "list",
    ],
    [
      "not a ZIP at all",
      () => Buffer.from("PK\u0003\u0004 but nothing else of a zip"),
      /not a readable ZIP/,
      "list",
    ],
    [
      "a damaged central directory",
      () => {
        const b = good();
        const eocd = b.length - 22;
        const cdOffset = b.readUInt32LE(eocd + 16);
        b.writeUInt32LE(0xdeadbeef, cdOffset);
        return b;
      },
      /central directory entry 1 of 1 is damaged/,
      "list",
    ],
    [
      "damaged deflate data",
      () => {
        const b = good();
        for (let i = 60; i < 90; i++) b[i] = 0xff;
        return b;
      },
      /'data\.csv'.*(damaged|corrupt|CRC)/,
      "extract",
    ],
    [
      "a CRC mismatch in a stored entry",
      () => {
        const b = makeZip([{ name: "data.csv", data: "hello, world\n", method: 0 }]);
        b[30 + "data.csv".length] = "j".charCodeAt(0);
        return b;
      },
      /CRC-32 check failed/,
      "extract",
    ],
    [
      "an unsupported compression method",
      () => makeZip([{ name: "data.csv", data: "x", method: 12 }]),
      /compression method 12; only stored \(0\) and deflate \(8\)/,
      "extract",
    ],
    [
      "an encrypted entry",
      () => makeZip([{ name: "data.csv", data: "x", flags: 1 }]),
      /encrypted/,
      "extract",
    ],
    [
      "a damaged local header",
      () => {
        const b = good();
        b.writeUInt32LE(0, 0);
        return b;
      },
      /local file header is missing or damaged/,
      "extract",
    ],
  ];
  for (const [name, make, message, stage] of corrupt) {
    test(`rejects ${name} with a clear ZipError`, async () => {
      const path = join(tempDir(), "bad.zip");
      writeFileSync(path, make());
      const run = async () => {
        const entries = await readZipEntries(path, "bad.zip");
        if (stage === "list") return;
        await extractZipEntry(path, entries[0]!, join(tempDir(), "out"), "bad.zip");
      };
      await assert.rejects(run, (error: Error) => {
        assert.ok(error instanceof ZipError, `expected a ZipError, got ${error.name}: ${error.message}`);
        assert.match(error.message, /'bad\.zip'/);
        assert.match(error.message, message);
        return true;
      });
    });
  }
});
