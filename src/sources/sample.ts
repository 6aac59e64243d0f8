// Reads the start of a file for recognition: the first line and the first CSV record.
import { readCsv } from "./csv.ts";
import { SourceError } from "./errors.ts";
import { readText, type SourceFile } from "./file.ts";
import type { FileSample } from "./format.ts";

const SAMPLE_BYTES = 64 * 1024;

export async function sampleFile(file: SourceFile): Promise<FileSample> {
  let head = "";
  let unreadable: string | undefined;
  try {
    for await (const chunk of readText(file, "windows-1252", file.gzip ? undefined : SAMPLE_BYTES)) {
      head += chunk.text;
      if (head.length >= SAMPLE_BYTES) break;
    }
  } catch (error) {
    // Unreadable start: recognised by nothing. A damaged archive entry is said to be so.
    if (error instanceof SourceError && file.entry) unreadable = error.message;
  }
  const firstLine = (head.split(/\r?\n/, 1)[0] ?? "").replace(/^\uFEFF/, "");
  let header: string[] = [];
  if (!firstLine.trimStart().startsWith("{")) {
    try {
      for await (const record of readCsv(file, { encoding: "windows-1252", limitBytes: SAMPLE_BYTES })) {
        header = record.fields.map((f) => f.trim());
        break;
      }
    } catch {
      header = [];
    }
  }
  return { file, header, firstLine, head, ...(unreadable ? { unreadable } : {}) };
}
