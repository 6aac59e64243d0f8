// A streaming RFC 4180 CSV reader over decoded text. It keeps the physical line on which each record
// starts, so errors can name it even when quoted fields hold line breaks (papaparse counts records, not
// lines). Handles CRLF and LF, quoted fields, doubled quotes and a missing final newline. Records come in
// batches (one per decoded chunk) so the per-record cost stays synchronous.
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

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Parser state carried across chunks. */
class CsvParser {
  fields: string[] = [];
  field = "";
  inQuotes = false;
  /** A quote closed a quoted field at the very end of the last chunk: a doubled quote may follow. */
  afterQuote = false;
  line = 1;
  recordLine = 1;
  pendingCR = false;
  sawAny = false;

  private endRecord(out: CsvRecord[]): void {
    if (this.sawAny || this.field !== "" || this.fields.length > 0) {
      this.fields.push(this.field);
      out.push({ line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.field = "";
    this.sawAny = false;
  }

  feed(text: string, out: CsvRecord[]): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        const part = text.slice(i, q === -1 ? n : q);
        for (let k = part.indexOf("\n"); k !== -1; k = part.indexOf("\n", k + 1)) this.line++;
        this.field += part;
        if (q === -1) return;
        i = q + 1;
        if (i >= n) {
          this.inQuotes = false;
          this.afterQuote = true;
          return;
        }
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"';
          i++;
        } else this.inQuotes = false;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        // After a quote that ended the previous chunk this is the second half of a doubled quote.
        if (this.afterQuote) this.field += '"';
        this.afterQuote = false;
        this.inQuotes = true;
        this.sawAny = true;
        i++;
        continue;
      }
      this.afterQuote = false;
      if (c === COMMA) {
        this.fields.push(this.field);
        this.field = "";
        this.sawAny = true;
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        if (c === LF && this.pendingCR) {
          this.pendingCR = false;
          i++;
          continue;
        }
        this.pendingCR = c === CR;
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
        i++;
        continue;
      }
      this.pendingCR = false;
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === COMMA || d === LF || d === CR || d === QUOTE) break;
        j++;
      }
      this.field = this.field === "" ? text.slice(i, j) : this.field + text.slice(i, j);
      this.sawAny = true;
      i = j;
    }
  }

  finish(file: SourceFile, out: CsvRecord[]): void {
    if (this.inQuotes) {
      throw new SourceError(
        { file: file.label, line: this.recordLine },
        "a closing quote",
        "the end of the file inside a quoted field",
        "the file is truncated",
      );
    }
    this.endRecord(out);
  }
}

/** Streams the records of a CSV file in batches. */
export async function* readCsvBatches(
  file: SourceFile,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser();
  for await (const { text, bytesRead } of readText(file, options.encoding, options.limitBytes)) {
    options.onProgress?.(bytesRead);
    const out: CsvRecord[] = [];
    parser.feed(text, out);
    if (out.length > 0) yield out;
  }
  if (options.limitBytes) return;
  const out: CsvRecord[] = [];
  parser.finish(file, out);
  if (out.length > 0) yield out;
}

/** Streams the records of a CSV file one at a time. */
export async function* readCsv(file: SourceFile, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(file, options)) yield* batch;
}
