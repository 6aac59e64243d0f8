// The import use case: find files (recursively), recognise each by content, and load each in its own
// transaction. A file that fails validation rolls back, leaving the store exactly as it was; the run goes
// on with the next file and reports every outcome. Each file's transaction also refreshes the planner
// statistics of the tables it changed, so a run stopped part way (a signal, a kill) leaves a store as
// quick to read as a finished one.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { sql } from "kysely";
import { RequestError } from "../model/errors.ts";
import { SourceError } from "../sources/errors.ts";
import { compressionFault, describeFile, describeFiles, type SourceFile } from "../sources/file.ts";
import type { ImportResult, PracticeRegister, SourceFormat } from "../sources/format.ts";
import { FORMATS, formatById } from "../sources/registry.ts";
import { disguisedWorkbook, nearMiss } from "../sources/recognition.ts";
import { sampleFile } from "../sources/sample.ts";
import { zipEntryStream, ZipError } from "../sources/zip.ts";
import { clearDerivedCache } from "../store/repositories/derived-cache.ts";
import { deleteDatasets, lockDatasetSlot } from "../store/datasets.ts";
import { reclaimSpace, refreshStatistics } from "../store/maintenance.ts";
import type { Row, Store } from "../store/store.ts";
import type { TableName } from "../store/schema.ts";

export interface ImportOptions {
  /** Treat every file as this format (skips recognition). */
  as?: string;
  strictJoins?: boolean;
  /**
   * `YYYY-MM` or `YYYY-MM-DD`: the date the files describe, for files that carry none of their own (an LSOA
   * registrations file without EXTRACT_DATE or a month in its name).
   */
  date?: string;
  onFileStart?: (file: SourceFile, format: SourceFormat) => void;
  onProgress?: (file: SourceFile, bytesRead: number) => void;
  onFileEnd?: (outcome: FileOutcome) => void;
  /**
   * Stops the run: the file being read is rolled back, no further file is started, and each of them is
   * reported `interrupted`. Files committed before stay.
   */
  signal?: AbortSignal | undefined;
}

export type FileOutcome =
  | {
      status: "imported";
      file: SourceFile;
      format: SourceFormat;
      datasetId: number;
      result: ImportResult;
      replaced: number;
      seconds: number;
    }
  | { status: "rejected"; file: SourceFile; format: SourceFormat | undefined; error: string }
  | { status: "skipped"; file: SourceFile; reason: string }
  /** Not imported because the run was stopped: rolled back part way, or never started. */
  | { status: "interrupted"; file: SourceFile; format: SourceFormat };

/** Thrown inside a file's transaction when the run's signal fires, to roll the file back. */
class ImportInterrupted extends Error {
  override name = "ImportInterrupted";
}

/** Files that are documentation or formats icsplan does not read: reported as skipped, with why. */
const NOT_DATA: { pattern: RegExp; reason: string }[] = [
  { pattern: /\.(md|markdown|txt|html?)$/i, reason: "documentation, not data" },
  { pattern: /\.pdf$/i, reason: "a PDF document (documentation, not data)" },
  {
    pattern: /\.(xlsx|xlsm|xls|ods)$/i,
    reason:
      "a spreadsheet workbook: icsplan reads the CSV, CSV.gz, GeoJSON and ZIP files the NHS and ONS publish " +
      "beside their workbooks",
  },
  { pattern: /\.(docx?|odt|pptx?)$/i, reason: "a document (documentation, not data)" },
];

/** Why a file is not read at all, judged by its name; undefined when its content should be sampled. */
export function notDataReason(name: string): string | undefined {
  return NOT_DATA.find((n) => n.pattern.test(name))?.reason;
}

/** Lists files under the given paths (files as given, folders recursively; hidden files left out), sorted. */
export function findFiles(paths: string[]): { path: string; label: string }[] {
  const found: { path: string; label: string }[] = [];
  for (const root of paths) {
    if (!existsSync(root))
      throw new SourceError({ file: root }, "a file or folder to import", "nothing at that path");
    if (!statSync(root).isDirectory()) {
      found.push({ path: root, label: root });
      continue;
    }
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (!entry.name.startsWith("."))
          found.push({ path: full, label: relative(root, full) || entry.name });
      }
    };
    walk(root);
  }
  return found;
}

/** SHA-256 of the file's bytes (for a file inside an archive, of its uncompressed content). */
async function sha256(file: SourceFile): Promise<string> {
  const hash = createHash("sha256");
  const stream = file.entry
    ? await zipEntryStream(file.path, file.entry, file.label)
    : createReadStream(file.path);
  try {
    for await (const chunk of stream) hash.update(chunk as Buffer);
  } catch (error) {
    if (error instanceof ZipError)
      throw new SourceError({ file: file.label }, "an intact archive entry", error.message);
    throw error;
  }
  return hash.digest("hex");
}

async function latestRegister(store: Store): Promise<PracticeRegister | undefined> {
  const latest = await store.db
    .selectFrom("dataset")
    .select(["id", "period", "file_name"])
    .where("source", "=", "epraccur")
    .where("synthetic", "=", false)
    .orderBy("reference_date", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!latest) return undefined;
  const rows = await store.db
    .selectFrom("practice")
    .select("practice_code")
    .where("dataset_id", "=", latest.id)
    .execute();
  return { label: `epraccur, ${latest.period}`, codes: new Set(rows.map((r) => r.practice_code)) };
}

export async function recogniseFile(file: SourceFile): Promise<SourceFormat | undefined> {
  const sample = await sampleFile(file);
  return FORMATS.find((f) => f.recognise(sample));
}

/** What an import run will do with each file found: read it as a format, skip it (why), or reject it. */
export type PlannedFile =
  | { status: "queued"; file: SourceFile; format: SourceFormat }
  | { status: "skipped"; file: SourceFile; reason: string }
  | { status: "rejected"; file: SourceFile; format: SourceFormat | undefined; error: string };

/**
 * Finds the files under the paths, opens ZIP archives, and recognises each file by content (or takes it as
 * the forced format). Nothing is passed over silently: every file found is queued, skipped with a reason,
 * or rejected (an unreadable archive).
 */
export async function planImport(paths: string[], forced?: SourceFormat): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  for (const { path, label } of findFiles(paths)) {
    // Workbooks are ZIP archives too: a file's name is judged before its content is opened.
    const notDataFile = forced ? undefined : notDataReason(path);
    if (notDataFile) {
      planned.push({ status: "skipped", file: await describeFile(path, label), reason: notDataFile });
      continue;
    }
    let files: SourceFile[];
    try {
      files = await describeFiles(path, label);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      const file = await describeFile(path, label);
      planned.push({ status: "rejected", file, format: undefined, error: error.message });
      continue;
    }
    const workbook = forced
      ? undefined
      : disguisedWorkbook(
          label,
          path,
          files.flatMap((f) => (f.entry ? [f.entry] : [])),
        );
    if (workbook) {
      planned.push({
        status: "rejected",
        file: await describeFile(path, label),
        format: undefined,
        error: workbook,
      });
      continue;
    }
    if (files.length === 0)
      planned.push({
        status: "skipped",
        file: await describeFile(path, label),
        reason: "an archive with no files in it",
      });
    for (const file of files) {
      const notData = forced || !file.entry ? undefined : notDataReason(file.entry.name);
      if (notData) {
        planned.push({ status: "skipped", file, reason: `${notData} (inside the archive)` });
        continue;
      }
      const sample = forced ? undefined : await sampleFile(file);
      const format = forced ?? FORMATS.find((f) => f.recognise(sample!));
      // A fault in the start of a file it recognises, or of any archive entry or gzip file, is a rejection.
      if (sample?.problem && (format || file.entry || file.gzip))
        planned.push({ status: "rejected", file, format, error: sample.problem });
      else if (format) planned.push({ status: "queued", file, format });
      else {
        // Nearly a known format (a renamed column, semicolons, UTF-16): refused, naming it and what differs.
        const near = sample && file.size > 0 ? nearMiss(sample, FORMATS) : undefined;
        if (near) planned.push({ status: "rejected", file, format: undefined, error: near });
        else
          planned.push({
            status: "skipped",
            file,
            reason:
              file.size === 0 && !file.entry
                ? "the file is empty"
                : "not a recognised NHS/ONS file (its header matches no known format)",
          });
      }
    }
  }
  return planned;
}

/** `--date` for an import: `YYYY-MM` (the first of the month) or a valid `YYYY-MM-DD`. */
export function importDate(text: string): string {
  const t = text.trim();
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(t);
  if (month) return `${month[1]}-${month[2]}-01`;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (day) {
    const d = new Date(`${t}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === t) return t;
  }
  throw new ImportDateError(text);
}

/** An `--date` that is not a month or day. */
export class ImportDateError extends RequestError {
  override name = "ImportDateError";
  constructor(text: string) {
    super(`--date: expected a month YYYY-MM or a date YYYY-MM-DD, found '${text}'`, {
      kind: "invalid",
      field: "date",
    });
  }
}

export async function importFiles(
  store: Store,
  paths: string[],
  options: ImportOptions = {},
): Promise<FileOutcome[]> {
  const forced = options.as === undefined ? undefined : formatById(options.as);
  if (options.as !== undefined && !forced) {
    throw new SourceError(
      { file: "--as" },
      `a format id: ${FORMATS.map((f) => f.id).join(", ")}`,
      `'${options.as}'`,
    );
  }
  const date = options.date === undefined ? undefined : importDate(options.date);
  const outcomes: FileOutcome[] = [];
  const queue: { file: SourceFile; format: SourceFormat }[] = [];
  for (const planned of await planImport(paths, forced)) {
    if (planned.status === "queued") queue.push(planned);
    else {
      outcomes.push(planned);
      options.onFileEnd?.(planned);
    }
  }
  queue.sort((a, b) => a.format.order - b.format.order);

  let register = await latestRegister(store);
  const touched = new Set<TableName>();
  /** Rows each table lost to replaced datasets over the run. */
  const deletedRows = new Map<TableName, number>();
  const signal = options.signal;
  const stopIfAsked = () => {
    if (signal?.aborted) throw new ImportInterrupted();
  };
  /** The first file not imported because the run was stopped. */
  let stoppedAt: number | undefined;
  for (const [index, { file, format }] of queue.entries()) {
    if (signal?.aborted) {
      stoppedAt = index;
      break;
    }
    options.onFileStart?.(file, format);
    const started = performance.now();
    try {
      const hash = await sha256(file);
      const { datasetId, result, replaced, tables, deleted } = await store.transaction(async (tx) => {
        const { id } = await tx.db
          .insertInto("dataset")
          .values({
            source: format.id,
            title: format.title,
            publisher: format.publisher,
            file_name: file.label,
            file_sha256: hash,
            reference_date: "1900-01-01",
            period: "",
            row_count: 0,
            meta: "{}",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const pending = new Map<TableName, { columns: readonly string[]; rows: Row[] }>();
        const flush = async (table: TableName) => {
          const p = pending.get(table);
          if (p && p.rows.length > 0) await tx.insert(table, p.columns, p.rows.splice(0));
        };
        const warnings: string[] = [];
        const fileTables = new Set<TableName>();
        const result = await format.import({
          file,
          datasetId: id,
          ...(date ? { date } : {}),
          warn: (message) => warnings.push(message),
          strictJoins: options.strictJoins ?? false,
          practiceRegister: async () => register,
          progress: (bytes) => {
            stopIfAsked();
            options.onProgress?.(file, bytes);
          },
          write: async (table, columns, rows) => {
            stopIfAsked();
            let p = pending.get(table);
            if (!p) pending.set(table, (p = { columns, rows: [] }));
            fileTables.add(table);
            for (const row of rows) p.rows.push(row);
            if (p.rows.length >= 20000) await flush(table);
          },
        });
        for (const table of pending.keys()) await flush(table);
        stopIfAsked();
        if (warnings.length > 0) result.warnings = [...(result.warnings ?? []), ...warnings];
        const d = result.dataset;
        const meta = {
          ...(d.meta ?? {}),
          scope: d.scope ?? "",
          coverage: result.coverage,
          notes: result.notes,
          ...(result.warnings?.length ? { warnings: result.warnings } : {}),
        };
        await tx.db
          .updateTable("dataset")
          .set({
            title: d.title,
            publisher: d.publisher,
            reference_date: d.referenceDate,
            period: d.period,
            row_count: result.rows,
            synthetic: d.synthetic ?? false,
            meta: JSON.stringify(meta),
          })
          .where("id", "=", id)
          .execute();
        // A newer import of the same source, date and scope replaces the older one. The slot's lock makes a
        // second import of it (another process on the same PostgreSQL database) wait here until this one
        // commits, then replace it, rather than both keep theirs.
        await lockDatasetSlot(tx.db, {
          source: format.id,
          referenceDate: d.referenceDate,
          scope: d.scope ?? "",
          synthetic: d.synthetic ?? false,
        });
        const old = await tx.db
          .selectFrom("dataset")
          .select("id")
          .where("source", "=", format.id)
          .where("reference_date", "=", d.referenceDate)
          .where("synthetic", "=", d.synthetic ?? false)
          .where(sql<string>`coalesce(meta->>'scope', '')`, "=", d.scope ?? "")
          .where("id", "<>", id)
          .execute();
        const deleted = await deleteDatasets(
          tx.db,
          old.map((o) => o.id),
        );
        await refreshStatistics(tx.db, [...fileTables, ...deleted.keys()]);
        return { datasetId: id, result, replaced: old.length, tables: fileTables, deleted };
      });
      for (const table of tables) touched.add(table);
      for (const [table, rows] of deleted) {
        touched.add(table);
        deletedRows.set(table, (deletedRows.get(table) ?? 0) + rows);
      }
      if (format.id === "epraccur") register = await latestRegister(store);
      const outcome: FileOutcome = {
        status: "imported",
        file,
        format,
        datasetId,
        result,
        replaced,
        seconds: (performance.now() - started) / 1000,
      };
      outcomes.push(outcome);
      options.onFileEnd?.(outcome);
    } catch (error) {
      if (error instanceof ImportInterrupted) {
        stoppedAt = index; // rolled back
        break;
      }
      if (!(error instanceof SourceError)) throw error;
      // A compressed file that is corrupt can decompress into plausible rows before zlib notices: say so,
      // rather than report the stray delimiter its damaged bytes made.
      const fault = (await compressionFault(file)) ?? error;
      const outcome: FileOutcome = { status: "rejected", file, format, error: fault.message };
      outcomes.push(outcome);
      options.onFileEnd?.(outcome);
    }
  }
  for (const rest of stoppedAt === undefined ? [] : queue.slice(stoppedAt)) {
    const outcome: FileOutcome = { status: "interrupted", file: rest.file, format: rest.format };
    outcomes.push(outcome);
    options.onFileEnd?.(outcome);
  }
  if (outcomes.some((o) => o.status === "imported")) {
    // Derived values (cached pictures) were computed from the old datasets: their fingerprints no longer
    // match, so they would be rebuilt anyway; dropping them keeps the store small.
    await clearDerivedCache(store.db);
    // The space of replaced rows, and hint bits set now rather than by the first reader (after a national
    // import this takes ~3 s and makes the first overview ~1 s faster). Skipped when stopped: the
    // statistics are already fresh, and the next import reclaims the space.
    if (stoppedAt === undefined)
      await reclaimSpace(
        store,
        [...touched].map((table) => ({ table, deletedRows: deletedRows.get(table) ?? 0 })),
      );
  }
  return outcomes;
}
