// Opening a source file as a stream of text: gzip is undone by content (magic bytes), a file inside a ZIP
// archive is read straight out of it, byte-order marks are dropped, and bytes are decoded strictly, so a
// file in the wrong encoding is rejected with its line.
import { createReadStream, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { SourceError } from "./errors.ts";
import { isZip, readZipEntries, zipEntryStream, ZipError, type ZipEntry } from "./zip.ts";

export type Encoding = "utf-8" | "windows-1252";

export interface SourceFile {
  /** Path on disk (for a file inside a ZIP archive, the archive's path). */
  path: string;
  /** Name used in messages (the path as the user gave it, or relative to the imported folder). */
  label: string;
  /** Bytes on disk (for an archive entry, its compressed size: what progress counts). */
  size: number;
  gzip: boolean;
  /** The entry read, when the file is inside a ZIP archive. */
  entry?: ZipEntry;
}

/** How an archive entry is named in messages: `archive.zip › inner.csv`. */
export const entryLabel = (archiveLabel: string, entry: string) => `${archiveLabel} › ${entry}`;

/**
 * The files at a path: the file itself, or, for a ZIP archive (recognised by its signature), each file
 * entry in it (folders inside the archive are left out).
 */
export async function describeFiles(path: string, label = basename(path)): Promise<SourceFile[]> {
  if (!(await isZip(path))) return [await describeFile(path, label)];
  let entries: ZipEntry[];
  try {
    entries = await readZipEntries(path, label);
  } catch (error) {
    if (error instanceof ZipError)
      throw new SourceError(
        { file: label },
        "a readable ZIP archive",
        error.message.replace(/^'[^']*' /, ""),
      );
    throw error;
  }
  return entries
    .filter((e) => !e.name.endsWith("/"))
    .map((entry) => ({
      path,
      label: entryLabel(label, entry.name),
      size: entry.compressedSize,
      gzip: false,
      entry,
    }));
}

export async function describeFile(path: string, label = basename(path)): Promise<SourceFile> {
  const size = statSync(path).size;
  const handle = await open(path, "r");
  try {
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    return { path, label, size, gzip: size >= 2 && magic[0] === 0x1f && magic[1] === 0x8b };
  } finally {
    await handle.close();
  }
}

export interface TextChunk {
  text: string;
  /** Compressed bytes read so far (for progress). */
  bytesRead: number;
}

const countNewlines = (text: string) => {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
};

/**
 * Streams the file as decoded text. `windows-1252` files that are in fact valid UTF-8 are read as UTF-8.
 * Invalid UTF-8 raises a SourceError naming the line.
 */
export async function* readText(
  file: SourceFile,
  encoding: Encoding = "utf-8",
  limitBytes?: number,
): AsyncGenerator<TextChunk> {
  let bytesRead = 0;
  let stream: Readable;
  if (file.entry) {
    try {
      stream = await zipEntryStream(
        file.path,
        file.entry,
        file.label.split(" › ")[0],
        (n) => (bytesRead = n),
      );
    } catch (error) {
      if (error instanceof ZipError)
        throw new SourceError({ file: file.label }, "a readable archive entry", error.message);
      throw error;
    }
  } else {
    const raw = createReadStream(file.path, limitBytes ? { start: 0, end: limitBytes - 1 } : {});
    raw.on("data", (chunk) => (bytesRead += (chunk as Buffer).length));
    stream = file.gzip ? raw.pipe(createGunzip()) : raw;
    if (file.gzip) raw.on("error", (e) => stream.destroy(e));
  }
  let decoder = new TextDecoder(encoding === "utf-8" ? "utf-8" : "utf-8", { fatal: true, ignoreBOM: false });
  let usingFallback = false;
  let lines = 0;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        if (encoding === "windows-1252" && !usingFallback) {
          usingFallback = true;
          decoder = new TextDecoder("windows-1252");
          text = decoder.decode(chunk, { stream: true });
        } else {
          const goodPrefix = new TextDecoder("utf-8").decode(chunk).split("\uFFFD")[0] ?? "";
          throw new SourceError(
            { file: file.label, line: lines + countNewlines(goodPrefix) + 1 },
            "UTF-8 text",
            "bytes that are not valid UTF-8",
            "the file may be in another encoding, such as Windows-1252, or not a text file",
          );
        }
      }
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      // NUL never belongs in a text file (a database cannot store it): binary data or UTF-16.
      const nul = text.indexOf("\u0000");
      if (nul !== -1) {
        throw new SourceError(
          { file: file.label, line: lines + countNewlines(text.slice(0, nul)) + 1 },
          "text",
          "a NUL byte (character 0)",
          "the file may be binary or saved as UTF-16: save it as UTF-8 or Windows-1252 text",
        );
      }
      lines += countNewlines(text);
      yield { text, bytesRead };
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    if (error instanceof ZipError)
      throw new SourceError({ file: file.label, line: lines + 1 }, "an intact archive entry", error.message);
    const fault = gzipFaultOf(error);
    if (fault !== undefined) {
      if (limitBytes) return;
      throw corruptGzip(file, fault, lines + 1);
    }
    throw error;
  }
  const rest = decoder.decode();
  if (rest) yield { text: rest, bytesRead };
}

/** What a zlib error says about a gzip file, in words; undefined for an error that is not zlib's. */
function gzipFaultOf(error: unknown): string | undefined {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === "Z_BUF_ERROR") return "the compressed data ends early: the file is truncated";
  if (code !== "Z_DATA_ERROR") return undefined;
  return /incorrect data check/i.test(message)
    ? "its CRC-32 checksum does not match its content"
    : `the compressed data is damaged (${message})`;
}

/** The rejection of a corrupt gzip file, naming it. */
function corruptGzip(file: SourceFile, fault: string, line?: number): SourceError {
  return new SourceError(
    { file: file.label, ...(line !== undefined ? { line } : {}) },
    "an intact gzip file",
    `a corrupt compressed file: ${fault}`,
    "the compressed file is corrupt: download it again",
  );
}

/**
 * Reads a compressed file (gzip, or an entry of a ZIP archive) to its end and returns the rejection that
 * its corruption deserves, or undefined when it is intact. Damaged deflate data can decompress into
 * plausible bytes for a while before zlib notices (a CRC is only checked at the end), so a file that
 * failed validation is checked with this before its row-level error is reported.
 */
export async function compressionFault(file: SourceFile): Promise<SourceError | undefined> {
  try {
    if (file.entry) {
      const archive = file.label.split(" › ")[0];
      for await (const chunk of await zipEntryStream(file.path, file.entry, archive)) void chunk;
    } else if (file.gzip) {
      const raw = createReadStream(file.path);
      const gunzip = raw.pipe(createGunzip());
      raw.on("error", (e) => gunzip.destroy(e));
      for await (const chunk of gunzip) void chunk;
    }
  } catch (error) {
    if (error instanceof ZipError)
      return new SourceError({ file: file.label }, "an intact archive entry", error.message);
    const fault = gzipFaultOf(error);
    if (fault !== undefined) return corruptGzip(file, fault);
    throw error;
  }
  return undefined;
}
