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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "Z_BUF_ERROR" || code === "Z_DATA_ERROR") {
      if (limitBytes) return;
      throw new SourceError(
        { file: file.label, line: lines + 1 },
        "a complete gzip stream",
        "the compressed data ends early or is damaged",
        "the file is truncated",
      );
    }
    throw error;
  }
  const rest = decoder.decode();
  if (rest) yield { text: rest, bytesRead };
}
