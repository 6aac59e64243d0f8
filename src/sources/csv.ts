// A streaming RFC 4180 CSV reader over decoded text. It keeps the physical line on which each record
// starts, so errors can name it even when quoted fields hold line breaks (papaparse counts records, not
// lines). Handles CRLF and LF, quoted fields, doubled quotes and a missing final newline.
import { SourceError } from "./errors.ts";
import { readText, type Encoding, type SourceFile } from "./file.ts";

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvOptions {
  encoding?: Encoding;
  /** Stop after this many bytes of the file (for sniffing); the last partial record is dropped. */
  limitBytes?: number;
  onProgress?: (bytesRead: number) => void;
}

export async function* readCsv(file: SourceFile, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let pendingCR = false;
  let sawAny = false;

  for await (const { text, bytesRead } of readText(file, options.encoding, options.limitBytes)) {
    options.onProgress?.(bytesRead);
    const records: CsvRecord[] = [];
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (inQuotes) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          const part = text.slice(i);
          for (const ch of part) if (ch === "\n") line++;
          field += part;
          i = n;
          break;
        }
        const part = text.slice(i, q);
        if (part.includes("\n")) for (const ch of part) if (ch === "\n") line++;
        field += part;
        i = q + 1;
        if (i >= n) {
          // Quote at the chunk end: decide with the next chunk.
          inQuotes = false;
          afterQuote = true;
          break;
        }
        if (text[i] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          afterQuote = true;
        }
        continue;
      }
      const c = text[i]!;
      if (c === '"') {
        if (afterQuote) {
          // Doubled quote split across a chunk boundary.
          field += '"';
          afterQuote = false;
          inQuotes = true;
          i++;
          continue;
        }
        inQuotes = true;
        sawAny = true;
        i++;
        continue;
      }
      afterQuote = false;
      if (c === ",") {
        fields.push(field);
        field = "";
        sawAny = true;
        i++;
        continue;
      }
      if (c === "\n" || c === "\r") {
        if (c === "\n" && pendingCR) {
          pendingCR = false;
          i++;
          continue;
        }
        pendingCR = c === "\r";
        if (sawAny || field !== "" || fields.length > 0) {
          fields.push(field);
          records.push({ line: recordLine, fields });
        }
        fields = [];
        field = "";
        sawAny = false;
        line++;
        recordLine = line;
        i++;
        continue;
      }
      pendingCR = false;
      // Fast path: run to the next delimiter.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13 || d === 34) break;
        j++;
      }
      field += text.slice(i, j);
      sawAny = true;
      i = j;
    }
    yield* records;
  }
  if (inQuotes && !options.limitBytes) {
    throw new SourceError(
      { file: file.label, line: recordLine },
      "a closing quote",
      "the end of the file inside a quoted field",
      "the file is truncated",
    );
  }
  if (!options.limitBytes && (sawAny || field !== "" || fields.length > 0)) {
    fields.push(field);
    yield { line: recordLine, fields };
  }
}
