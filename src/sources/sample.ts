// Reads the start of a file for recognition: the first line and the first CSV record.
import { closeSync, openSync, readSync } from "node:fs";
import { readCsv } from "./csv.ts";
import { SourceError } from "./errors.ts";
import { readText, type SourceFile } from "./file.ts";
import type { FileSample } from "./format.ts";

const SAMPLE_BYTES = 64 * 1024;

export async function sampleFile(file: SourceFile): Promise<FileSample> {
  let head = "";
  let problem: string | undefined;
  try {
    for await (const chunk of readText(file, "windows-1252", file.gzip ? undefined : SAMPLE_BYTES)) {
      head += chunk.text;
      if (head.length >= SAMPLE_BYTES) break;
    }
  } catch (error) {
    // Unreadable start: recognised by nothing. A damaged archive entry is said to be so; a plain file that
    // is text up to a NUL byte is recognised by that text, and the problem kept for the import to report.
    if (error instanceof SourceError) {
      problem = error.message;
      if (!file.entry && !file.gzip) head = textBeforeNul(file.path);
    }
  }
  const firstLine = (head.split(/\r?\n/, 1)[0] ?? "").replace(/^\uFEFF/, "");
  let header: string[] = [];
  if (problem !== undefined) header = firstLine.split(",").map((f) => f.trim().replace(/^"|"$/g, ""));
  else if (!firstLine.trimStart().startsWith("{")) {
    try {
      for await (const record of readCsv(file, { encoding: "windows-1252", limitBytes: SAMPLE_BYTES })) {
        header = record.fields.map((f) => f.trim());
        break;
      }
    } catch {
      header = [];
    }
  }
  return {
    file,
    header,
    firstLine,
    head,
    ...(problem ? { problem } : {}),
  };
}

/** The start of a file as Windows-1252 text, up to its first NUL byte. */
function textBeforeNul(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const n = readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    const bytes = buffer.subarray(0, n);
    const nul = bytes.indexOf(0);
    return new TextDecoder("windows-1252").decode(nul === -1 ? bytes : bytes.subarray(0, nul));
  } finally {
    closeSync(fd);
  }
}
