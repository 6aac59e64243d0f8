// Why a file that no format recognises was not read, when it nearly is one: a header with a renamed or
// missing column, fields separated by semicolons or tabs, text saved as UTF-16, or an Excel workbook saved
// with a .csv name. Each names the nearest format and what differs, so the user can fix the file.
import { closeSync, openSync, readSync } from "node:fs";
import { extname } from "node:path";
import { cut } from "./errors.ts";
import type { SourceFile } from "./file.ts";
import type { FileSample, SourceFormat } from "./format.ts";
import { squash } from "./import-kit.ts";
import type { ZipEntry } from "./zip.ts";

/** Bytes read to judge the encoding of a file (the header is in the first few hundred). */
const HEAD_BYTES = 64 * 1024;

/** A format and how a header differs from its columns. */
interface Difference {
  format: SourceFormat;
  /** Columns of the format present under their own name. */
  present: number;
  missing: string[];
  renamed: { found: string; index: number; expected: string }[];
}

const quote = (name: string) => cut(`'${name}'`, 40);
const nameOf = (f: SourceFormat) => `${f.id} (${f.title})`;

/** Edit distance between two short names (column headers), for spotting a renamed column. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = up;
    }
  }
  return row[b.length]!;
}

const words = (name: string) =>
  name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * How alike a found column name is to an expected one: 0 for the same name in another case or spelling,
 * 1 when one holds every word of the other, 2 plus the edit distance for a close misspelling; undefined
 * when they are not alike.
 */
function likeness(found: string, expected: string): number | undefined {
  const a = squash(found);
  const b = squash(expected);
  if (a === b) return 0;
  const fw = words(found);
  const ew = words(expected);
  if (fw.length > 0 && ew.length > 0 && (ew.every((w) => fw.includes(w)) || fw.every((w) => ew.includes(w))))
    return 1;
  const d = distance(a, b);
  return d <= Math.max(1, Math.floor(b.length / 5)) ? 2 + d : undefined;
}

/** How the header differs from the format's columns: missing ones, and found ones that look renamed. */
function differenceFrom(format: SourceFormat, header: readonly string[]): Difference | undefined {
  const columns = format.columns;
  if (!columns || columns.length === 0) return undefined;
  const found = header.map((h) => h.trim());
  const used = new Set<number>();
  const difference: Difference = { format, present: 0, missing: [], renamed: [] };
  const unmatched: string[] = [];
  for (const column of columns) {
    const i = found.indexOf(column);
    if (i !== -1) {
      used.add(i);
      difference.present++;
    } else unmatched.push(column);
  }
  for (const column of unmatched) {
    // The same name in another case or spelling (PRACTICE CODE for PRACTICE_CODE), then one holding all
    // its words or all of whose words it holds (PCN_ODS_CODE for PCN_CODE), then a close misspelling.
    let best: { index: number; rank: number } | undefined;
    for (let i = 0; i < found.length; i++) {
      if (used.has(i)) continue;
      const rank = likeness(found[i]!, column);
      if (rank !== undefined && (!best || rank < best.rank)) best = { index: i, rank };
    }
    if (best) {
      used.add(best.index);
      difference.renamed.push({ found: found[best.index]!, index: best.index, expected: column });
    } else difference.missing.push(column);
  }
  return difference;
}

/** The format whose columns the header matches best, when it matches most of them but not all. */
function nearestByColumns(
  header: readonly string[],
  formats: readonly SourceFormat[],
): Difference | undefined {
  let best: Difference | undefined;
  let bestShare = 0;
  for (const format of formats) {
    const d = differenceFrom(format, header);
    if (!d || (d.missing.length === 0 && d.renamed.length === 0)) continue;
    const size = format.columns!.length;
    const matched = d.present + d.renamed.length;
    // Most of the format's columns are there (renamed ones included), and at least two by their own name.
    if (d.present < 2 || matched * 2 < size + 1) continue;
    const share = matched / size + d.present / size / 100;
    if (share > bestShare) [best, bestShare] = [d, share];
  }
  return best;
}

function describeDifference(d: Difference): string {
  const parts = [
    ...d.renamed.map(
      (r) => `${quote(r.found)} (column ${r.index + 1}) where it expects ${quote(r.expected)}`,
    ),
    ...(d.missing.length > 0 ? [`no column ${d.missing.map(quote).join(", ")}`] : []),
  ];
  return parts.join("; ");
}

/** A header from a first line split on a delimiter, quotes and spaces removed. */
const splitHeader = (line: string, delimiter: string) =>
  line.split(delimiter).map((f) => f.trim().replace(/^"|"$/g, ""));

/** The sample a format would see if the first line were split on `delimiter`. */
const resampled = (sample: FileSample, text: string, delimiter = ","): FileSample => {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? "").replace(/^\uFEFF/, "");
  return { ...sample, firstLine, head: text, header: splitHeader(firstLine, delimiter), problem: undefined };
};

/** What a sample is nearest to: a format that recognises it, else the nearest by columns. */
function judge(
  sample: FileSample,
  formats: readonly SourceFormat[],
): { format: SourceFormat; difference?: Difference } | undefined {
  const format = formats.find((f) => f.recognise(sample));
  if (format) return { format };
  const d = nearestByColumns(sample.header, formats);
  return d ? { format: d.format, difference: d } : undefined;
}

/** The start of a plain file's bytes (gzip files and archive entries are judged by their text only). */
function headBytes(file: SourceFile): Buffer | undefined {
  if (file.entry || file.gzip) return undefined;
  const fd = openSync(file.path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

const DELIMITERS: { char: string; name: string }[] = [
  { char: ";", name: "semicolons (;)" },
  { char: "\t", name: "tabs" },
  { char: "|", name: "vertical bars (|)" },
];

/**
 * Why a file that no format recognises is not read, when it nearly is one: names the nearest format and
 * what differs. Undefined when the file is like no format (it is then skipped as not an NHS/ONS file).
 */
export function nearMiss(sample: FileSample, formats: readonly SourceFormat[]): string | undefined {
  const where = `'${sample.file.label}', line 1`;
  const bytes = headBytes(sample.file);
  // UTF-16: a byte-order mark FF FE (little-endian) or FE FF (big-endian).
  if (
    bytes &&
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    const little = bytes[0] === 0xff;
    const text = new TextDecoder(little ? "utf-16le" : "utf-16be").decode(bytes);
    const seen = judge(resampled(sample, text.replace(/\uFFFD+$/, "")), formats);
    const encoding = `UTF-16 text (byte-order mark ${little ? "FF FE" : "FE FF"})`;
    const as = seen
      ? `; it reads as ${nameOf(seen.format)}${seen.difference ? ` but for ${describeDifference(seen.difference)}` : ""}`
      : "";
    return `${where}: expected UTF-8 or Windows-1252 text, found ${encoding}${as} (save it as CSV in UTF-8, e.g. "CSV UTF-8 (comma delimited)" in Excel, and import that)`;
  }
  // One field only: fields separated by another delimiter.
  if (sample.header.length <= 1) {
    for (const { char, name } of DELIMITERS) {
      if (!sample.firstLine.includes(char)) continue;
      const seen = judge(resampled(sample, sample.head, char), formats);
      if (!seen) continue;
      const but = seen.difference ? `, and then differs: ${describeDifference(seen.difference)}` : "";
      return `${where}: expected fields separated by commas, found fields separated by ${name}; split on them, the header is that of ${nameOf(seen.format)}${but} (save it as comma-separated CSV and import that)`;
    }
  }
  const d = nearestByColumns(sample.header, formats);
  if (!d) return undefined;
  return `${where}: not a recognised NHS/ONS file, but nearest to ${nameOf(d.format)}: found ${describeDifference(d)} (correct the header, or import with --as ${d.format.id} to check the whole file)`;
}

/**
 * An Excel workbook (a ZIP archive holding `[Content_Types].xml` and `xl/`) saved under a name that is not
 * .xlsx: refused as a whole rather than opened as an archive of XML files.
 */
export function disguisedWorkbook(
  label: string,
  path: string,
  entries: readonly ZipEntry[],
): string | undefined {
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !entries.some((e) => e.name.startsWith("xl/"))) return undefined;
  const ext = extname(path).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm") return undefined;
  return `'${label}': expected a CSV file, found an Excel workbook (an xlsx file: a ZIP archive of XML sheets) ${ext ? `with a ${ext} name` : "without an extension"} (open it in a spreadsheet and save the sheet as CSV, then import that)`;
}
