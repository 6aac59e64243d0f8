// A minimal ZIP reader for the NHS publication archives: reads the central directory (ZIP64 included),
// then streams one entry out through its local header, inflating with node:zlib. Only the two methods
// the NHS uses are supported (0 = stored, 8 = deflate); anything else, encryption or a damaged archive
// raises a ZipError that says which archive and entry, and what was wrong.
import { RequestError } from "../model/errors.ts";
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInflateRaw, crc32 } from "node:zlib";

export class ZipError extends RequestError {
  override name = "ZipError";
  constructor(message: string, field?: string) {
    super(message, { kind: "unprocessable", field });
  }
}

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/** True when the file starts with a ZIP local-file or end-of-archive signature. */
export async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && (head.readUInt32LE(0) === LOCAL || head.readUInt32LE(0) === EOCD);
  } finally {
    await handle.close();
  }
}

function bigToNumber(value: bigint, what: string, archive: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError(`${archive}: ${what} is too large`);
  return Number(value);
}

/** Lists the archive's entries from its central directory. */
export async function readZipEntries(path: string, label = path): Promise<ZipEntry[]> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const corrupt = (what: string) =>
      new ZipError(`'${label}' is not a readable ZIP archive: ${what} (the download may be truncated)`);
    // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535 bytes.
    const tailLength = Math.min(size, 22 + MAX16);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt("no end-of-central-directory record");
    let count: number = tail.readUInt16LE(eocd + 10);
    let cdSize: number = tail.readUInt32LE(eocd + 12);
    let cdOffset: number = tail.readUInt32LE(eocd + 16);
    if (count === MAX16 || cdSize === MAX32 || cdOffset === MAX32) {
      const locatorAt = eocd - 20;
      if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR) {
        throw corrupt("a ZIP64 archive without its ZIP64 locator");
      }
      const recordOffset = bigToNumber(tail.readBigUInt64LE(locatorAt + 8), "the ZIP64 record offset", label);
      const record = Buffer.alloc(56);
      await handle.read(record, 0, 56, recordOffset);
      if (record.readUInt32LE(0) !== ZIP64_EOCD) throw corrupt("a damaged ZIP64 end record");
      count = bigToNumber(record.readBigUInt64LE(32), "the entry count", label);
      cdSize = bigToNumber(record.readBigUInt64LE(40), "the central directory size", label);
      cdOffset = bigToNumber(record.readBigUInt64LE(48), "the central directory offset", label);
    }
    if (cdOffset + cdSize > size) throw corrupt("the central directory lies beyond the end of the file");
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL) {
        throw corrupt(`central directory entry ${n + 1} of ${count} is damaged`);
      }
      const flags = cd.readUInt16LE(at + 8);
      const method = cd.readUInt16LE(at + 10);
      const crc = cd.readUInt32LE(at + 16);
      let compressedSize: number = cd.readUInt32LE(at + 20);
      let uncompressedSize: number = cd.readUInt32LE(at + 24);
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      let localHeaderOffset: number = cd.readUInt32LE(at + 42);
      const nameBytes = cd.subarray(at + 46, at + 46 + nameLength);
      const name = nameBytes.toString(flags & 0x800 ? "utf8" : "latin1");
      // ZIP64 extra field (id 1): the 64-bit values, in this order, for each field that is 0xFFFFFFFF.
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = cd.readUInt16LE(extra);
        const length = cd.readUInt16LE(extra + 2);
        if (id === 1) {
          let p = extra + 4;
          const next = (what: string) => {
            if (p + 8 > extra + 4 + length) throw corrupt(`entry '${name}' has a short ZIP64 field`);
            const v = bigToNumber(cd.readBigUInt64LE(p), what, label);
            p += 8;
            return v;
          };
          if (uncompressedSize === MAX32) uncompressedSize = next("an entry size");
          if (compressedSize === MAX32) compressedSize = next("an entry size");
          if (localHeaderOffset === MAX32) localHeaderOffset = next("an entry offset");
        }
        extra += 4 + length;
      }
      entries.push({
        name,
        method,
        flags,
        crc32: crc,
        compressedSize,
        size: uncompressedSize,
        localHeaderOffset,
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Passes bytes through, then checks the entry's size and CRC-32 at the end. */
class Checksum extends Transform {
  private crc = 0;
  private bytes = 0;
  constructor(
    private readonly entry: ZipEntry,
    private readonly where: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    this.bytes += chunk.length;
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    if (this.bytes !== this.entry.size) {
      done(
        new ZipError(
          `${this.where}: expected ${this.entry.size} bytes after decompression, found ${this.bytes} (the archive is corrupt)`,
        ),
      );
    } else if (this.crc >>> 0 !== this.entry.crc32 >>> 0) {
      done(new ZipError(`${this.where}: the CRC-32 check failed (the archive is corrupt)`));
    } else done();
  }
}

/**
 * Streams one entry's content, inflated. The stream fails with a ZipError when the data is damaged, shorter
 * or longer than the directory says, or fails its CRC-32 check (checked as the last byte passes).
 */
export async function zipEntryStream(
  path: string,
  entry: ZipEntry,
  label = path,
  onCompressedBytes?: (bytes: number) => void,
): Promise<Readable> {
  const where = `'${label}' entry '${entry.name}'`;
  if (entry.flags & 0x1) throw new ZipError(`${where} is encrypted; icsplan cannot read encrypted archives`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipError(
      `${where} uses compression method ${entry.method}; only stored (0) and deflate (8) are supported`,
    );
  }
  const handle = await open(path, "r");
  let dataStart: number;
  try {
    const header = Buffer.alloc(30);
    const { bytesRead } = await handle.read(header, 0, 30, entry.localHeaderOffset);
    if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL) {
      throw new ZipError(`${where}: the local file header is missing or damaged (the archive is corrupt)`);
    }
    dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const { size } = await handle.stat();
    if (dataStart + entry.compressedSize > size) {
      throw new ZipError(`${where}: the compressed data runs past the end of the archive (truncated)`);
    }
  } finally {
    await handle.close();
  }
  const source: Readable =
    entry.compressedSize === 0
      ? Readable.from([])
      : createReadStream(path, { start: dataStart, end: dataStart + entry.compressedSize - 1 });
  if (onCompressedBytes) {
    let read = 0;
    source.on("data", (chunk: Buffer) => onCompressedBytes((read += chunk.length)));
  }
  const check = new Checksum(entry, where);
  const inflated: Readable = entry.method === 8 ? source.pipe(createInflateRaw()) : source;
  source.on("error", (e: Error) => check.destroy(e));
  inflated.on("error", (error: Error) => {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    check.destroy(
      code.startsWith("Z_") || code.startsWith("ERR_ZLIB")
        ? new ZipError(`${where}: the compressed data is damaged (${error.message})`)
        : error,
    );
  });
  return inflated.pipe(check);
}

/** Writes one entry's content to `dest`, checking its size and CRC-32. */
export async function extractZipEntry(
  path: string,
  entry: ZipEntry,
  dest: string,
  label = path,
): Promise<void> {
  await pipeline(await zipEntryStream(path, entry, label), createWriteStream(dest));
}
