// The fetch use case: download the current official files into a folder, ready for `icsplan import`.
// For each manifest source: open the publication page, follow the newest dated sub-page where the
// manifest says so, find the file link, stream the file to disk, take the CSV out of a ZIP, check that
// icsplan recognises the result as the expected format, then move it into place and record it in
// fetch-manifest.json. A source that fails is reported (which source, which URL, what was expected,
// what was found) and leaves any earlier copy untouched; the other sources still fetch.
import { createHash } from "node:crypto";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { open, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { describeFile } from "../sources/file.ts";
import {
  FETCH_SOURCES,
  MANIFEST_VERSION,
  type FetchSource,
  type LinkPattern,
  type PageStep,
} from "../sources/fetch/manifest.ts";
import { extractZipEntry, isZip, readZipEntries, ZipError } from "../sources/zip.ts";
import { formatById } from "../sources/registry.ts";
import { recogniseFile } from "./import-files.ts";

export const FETCH_MANIFEST_FILE = "fetch-manifest.json";
const USER_AGENT = "icsplan-fetch/1 (open-source primary care planning tool; Node.js)";

export interface FetchOptions {
  outDir: string;
  /** Replaces the origin of every URL (manifest and discovered links): a mirror, or a test server. */
  baseUrl?: string | undefined;
  /** Source ids to fetch (default: all). */
  only?: string[] | undefined;
  /** List what would be fetched, without any network access. */
  dryRun?: boolean | undefined;
  /** Time allowed for each publication page (default 60 s). */
  pageTimeoutMs?: number | undefined;
  /** Time allowed for each file download (default 30 min). */
  downloadTimeoutMs?: number | undefined;
  /** The sources (default: the built-in manifest). */
  sources?: readonly FetchSource[] | undefined;
  onSourceStart?: (source: FetchSource) => void;
  onDownloadStart?: (source: FetchSource, totalBytes: number | undefined) => void;
  onDownloadProgress?: (source: FetchSource, bytes: number) => void;
  onSourceEnd?: (outcome: FetchOutcome) => void;
}

export interface FetchedFile {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  publication: string;
  /** The dated publication page the file link was found on, if any. */
  page: string | null;
  /** The URL the file was downloaded from. */
  url: string;
  /** File name in the output folder. */
  file: string;
  bytes: number;
  sha256: string;
  fetched_at: string;
  /** The importer format the file was recognised as; null when this build has no importer for it. */
  format: string | null;
  /** When the download was a ZIP: the archive's size and hash and the entry taken out. */
  archive: { bytes: number; sha256: string; entry: string } | null;
}

export type FetchOutcome =
  | { status: "fetched"; source: FetchSource; file: FetchedFile; notes: string[]; seconds: number }
  | { status: "failed"; source: FetchSource; url: string; error: string }
  | { status: "manual"; source: FetchSource; reason: string }
  | { status: "planned"; source: FetchSource; plan: string[] };

export interface FetchManifestFile {
  manifest_version: number;
  updated_at: string;
  base_url: string | null;
  files: FetchedFile[];
}

/** A failure of one source, already phrased for the user. */
class SourceFetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    /** True when an older publication page might still have the file (missing link, 404). */
    readonly tryOlder = false,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------
// URLs and links

/** Replaces a URL's origin with the base URL's (keeping any path prefix of the base). */
export function rewriteUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  const base = baseUrl.replace(/\/+$/, "");
  if (url.startsWith(`${base}/`) || url === base) return url;
  const u = new URL(url);
  return `${base}${u.pathname}${u.search}`;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

export interface PageLink {
  href: string;
  text: string;
}

/** The anchors of an HTML page, with absolute (resolved) hrefs and plain link text. */
export function extractLinks(html: string, pageUrl: string): PageLink[] {
  const links: PageLink[] = [];
  const anchor = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;
  for (const m of html.matchAll(anchor)) {
    const attrs = m[1] ?? "";
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
    const raw = href ? (href[1] ?? href[2] ?? href[3] ?? "") : "";
    if (!raw || raw.startsWith("#") || /^(mailto|javascript|tel):/i.test(raw)) continue;
    let absolute: string;
    try {
      absolute = new URL(decodeEntities(raw.trim()), pageUrl).href;
    } catch {
      continue;
    }
    const text = decodeEntities((m[2] ?? "").replace(/<[^>]*>/g, " "))
      .replace(/\s+/g, " ")
      .trim();
    links.push({ href: absolute, text });
  }
  return links;
}

function matches(link: PageLink, pattern: LinkPattern): boolean {
  let path = link.href;
  try {
    path = decodeURIComponent(link.href);
  } catch {
    // keep the raw href
  }
  return (!pattern.href || pattern.href.test(path)) && (!pattern.text || pattern.text.test(link.text));
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/**
 * The date a link refers to, as a sortable number (yyyymmdd), from its last path segment or its text:
 * `31-january-2026`, `january-2026`, `England 2024-25` (a fiscal year: 1 April 2024) or a bare year.
 */
export function linkDate(link: PageLink): number | undefined {
  const segment =
    link.href
      .replace(/[?#].*$/, "")
      .replace(/\/+$/, "")
      .split("/")
      .pop() ?? "";
  for (const text of [segment, link.text]) {
    const t = text.toLowerCase();
    const months = MONTHS.join("|");
    const dayMonthYear = new RegExp(`\\b(\\d{1,2})[-\\s]+(${months})[-\\s,]+(\\d{4})\\b`).exec(t);
    if (dayMonthYear) {
      return (
        Number(dayMonthYear[3]) * 10000 +
        (MONTHS.indexOf(dayMonthYear[2]!) + 1) * 100 +
        Number(dayMonthYear[1])
      );
    }
    const monthYear = new RegExp(`\\b(${months})[-\\s,]+(\\d{4})\\b`).exec(t);
    if (monthYear) return Number(monthYear[2]) * 10000 + (MONTHS.indexOf(monthYear[1]!) + 1) * 100 + 1;
    const fiscal = /\b(\d{4})[-/](\d{2})\b/.exec(t);
    if (fiscal && (Number(fiscal[1]) + 1) % 100 === Number(fiscal[2])) return Number(fiscal[1]) * 10000 + 401;
    const year = /\b(19|20)(\d{2})\b/.exec(t);
    if (year) return Number(year[1]! + year[2]!) * 10000 + 101;
  }
  return undefined;
}

const describePattern = (p: LinkPattern) =>
  [p.href ? `an address matching ${p.href}` : "", p.text ? `text matching ${p.text}` : ""]
    .filter(Boolean)
    .join(" and ");

function notFound(
  source: FetchSource,
  what: string,
  pattern: LinkPattern,
  pageUrl: string,
  links: PageLink[],
) {
  const sample = links
    .slice(0, 5)
    .map((l) => l.href)
    .join(", ");
  return new SourceFetchError(
    `${source.id}: no link to ${what} on ${pageUrl}: expected a link with ${describePattern(pattern)}; ` +
      (links.length === 0
        ? "found no links at all (is this the publication page?)"
        : `found ${links.length} link${links.length === 1 ? "" : "s"}, none matching (e.g. ${sample})`),
    pageUrl,
    true,
  );
}

// ---------------------------------------------------------------------------------------------------
// HTTP

function networkProblem(error: unknown, seconds: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `no complete response within ${seconds} s`;
  const code = e.cause?.code ?? "";
  const detail = code || e.cause?.message || e.message || String(error);
  if (
    ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH", "ECONNRESET"].includes(code)
  ) {
    return `could not connect (${detail}); check the network connection, or use --base-url with a mirror`;
  }
  if (code === "UND_ERR_SOCKET") return `the connection was dropped (${detail})`;
  return `the request failed (${detail})`;
}

async function request(
  source: FetchSource,
  url: string,
  expected: string,
  timeoutMs: number,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { "user-agent": USER_AGENT, accept: "*/*" },
      redirect: "follow",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SourceFetchError(
      `${source.id}: GET ${url} (expected ${expected}): ${networkProblem(error, timeoutMs / 1000)}`,
      url,
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new SourceFetchError(
      `${source.id}: GET ${url} (expected ${expected}) answered HTTP ${response.status} ${response.statusText}`.trimEnd(),
      url,
      response.status === 404 || response.status === 410,
    );
  }
  return response;
}

async function getPage(
  source: FetchSource,
  url: string,
  expected: string,
  timeoutMs: number,
): Promise<string> {
  const response = await request(source, url, expected, timeoutMs);
  try {
    return await response.text();
  } catch (error) {
    throw new SourceFetchError(
      `${source.id}: GET ${url} (expected ${expected}): ${networkProblem(error, timeoutMs / 1000)}`,
      url,
    );
  }
}

class Meter extends Transform {
  readonly hash = createHash("sha256");
  bytes = 0;
  constructor(private readonly onBytes: (bytes: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onBytes(this.bytes);
    done(null, chunk);
  }
}

async function download(
  source: FetchSource,
  url: string,
  dest: string,
  timeoutMs: number,
  options: FetchOptions,
): Promise<{ bytes: number; sha256: string; contentType: string }> {
  const expected = source.file.describe;
  const response = await request(source, url, expected, timeoutMs);
  // fetch undoes a Content-Encoding (gzip, br), and Content-Length then counts the encoded bytes.
  const encoding = (response.headers.get("content-encoding") ?? "identity").toLowerCase();
  const declared = Number(response.headers.get("content-length") ?? "");
  const length = encoding === "identity" && Number.isFinite(declared) && declared > 0 ? declared : undefined;
  options.onDownloadStart?.(source, length);
  const meter = new Meter((bytes) => options.onDownloadProgress?.(source, bytes));
  try {
    if (!response.body) throw new Error("the response has no body");
    await pipeline(
      Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>),
      meter,
      createWriteStream(dest),
    );
  } catch (error) {
    throw new SourceFetchError(
      `${source.id}: downloading ${url} (expected ${expected}) stopped after ${meter.bytes} bytes: ` +
        networkProblem(error, timeoutMs / 1000),
      url,
    );
  }
  if (length !== undefined && meter.bytes !== length) {
    throw new SourceFetchError(
      `${source.id}: downloading ${url}: expected ${length} bytes (Content-Length), received ${meter.bytes}`,
      url,
    );
  }
  return {
    bytes: meter.bytes,
    sha256: meter.hash.digest("hex"),
    contentType: response.headers.get("content-type") ?? "",
  };
}

async function sha256File(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const handle = await open(path, "r");
  try {
    for await (const chunk of handle.createReadStream()) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } finally {
    await handle.close().catch(() => {});
  }
  return { bytes, sha256: hash.digest("hex") };
}

async function head(path: string, bytes = 4096): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// One source

interface Resolved {
  url: string;
  page: string | null;
  notes: string[];
}

async function resolveFileUrl(source: FetchSource, options: FetchOptions): Promise<Resolved> {
  const rewrite = (u: string) => rewriteUrl(u, options.baseUrl);
  const timeout = options.pageTimeoutMs ?? 60_000;
  const file = source.file;
  if ("url" in file) return { url: rewrite(file.url), page: null, notes: [] };
  const steps: readonly PageStep[] = source.pages ?? [];

  const walk = async (index: number, pageUrl: string, what: string): Promise<Resolved> => {
    const html = await getPage(source, pageUrl, what, timeout);
    const links = extractLinks(html, pageUrl);
    if (index === steps.length) {
      const link = links.find((l) => matches(l, file.link));
      if (!link) throw notFound(source, file.describe, file.link, pageUrl, links);
      return { url: rewrite(link.href), page: index === 0 ? null : pageUrl, notes: [] };
    }
    const step = steps[index]!;
    const seen = new Set<string>();
    const candidates = links.filter((l) => matches(l, step.link) && !seen.has(l.href) && seen.add(l.href));
    if (candidates.length === 0) throw notFound(source, step.describe, step.link, pageUrl, links);
    if (step.pick === "newest") {
      const dated = candidates.map((l, i) => ({ l, i, d: linkDate(l) ?? 0 }));
      dated.sort((a, b) => b.d - a.d || a.i - b.i);
      candidates.splice(0, candidates.length, ...dated.map((x) => x.l));
    }
    const tries = index === steps.length - 1 ? 1 + (source.fallbackPages ?? 0) : 1;
    const failures: SourceFetchError[] = [];
    for (const candidate of candidates.slice(0, tries)) {
      try {
        const resolved = await walk(index + 1, rewrite(candidate.href), step.describe);
        if (failures.length > 0) {
          resolved.notes.push(
            `the newer page${failures.length > 1 ? "s" : ""} ${failures.map((f) => f.url).join(", ")} ` +
              `had no link to ${file.describe}; used ${resolved.page ?? candidate.href}`,
          );
        }
        return resolved;
      } catch (error) {
        if (!(error instanceof SourceFetchError) || !error.tryOlder) throw error;
        failures.push(error);
      }
    }
    const first = failures[0]!;
    if (failures.length === 1) throw first;
    throw new SourceFetchError(
      `${first.message} (the ${failures.length - 1} next older page${failures.length > 2 ? "s" : ""} had none either)`,
      first.url,
    );
  };
  return walk(0, rewrite(source.publication), `the publication page of ${source.title}`);
}

async function fetchOne(source: FetchSource, options: FetchOptions): Promise<FetchOutcome> {
  const started = performance.now();
  const partial = join(options.outDir, `.${source.saveAs}.download`);
  const unpacked = join(options.outDir, `.${source.saveAs}.partial`);
  let url = rewriteUrl("url" in source.file ? source.file.url : source.publication, options.baseUrl);
  try {
    const resolved = await resolveFileUrl(source, options);
    url = resolved.url;
    const downloaded = await download(
      source,
      url,
      partial,
      options.downloadTimeoutMs ?? 30 * 60_000,
      options,
    );
    let archive: FetchedFile["archive"] = null;
    let result: string = partial;
    if (await isZip(partial)) {
      const last = new URL(url).pathname.split("/").pop() || source.id;
      let label = last;
      try {
        label = decodeURIComponent(last);
      } catch {
        // keep the encoded name
      }
      let entries;
      try {
        entries = await readZipEntries(partial, label);
      } catch (error) {
        if (error instanceof ZipError)
          throw new SourceFetchError(`${source.id}: ${url}: ${error.message}`, url);
        throw error;
      }
      const files = entries.filter((e) => !e.name.endsWith("/"));
      const wanted = source.unzip?.entry;
      const entry =
        (wanted && files.find((e) => wanted.test(e.name))) ??
        (files.filter((e) => /\.csv$/i.test(e.name)).length === 1
          ? files.find((e) => /\.csv$/i.test(e.name))
          : undefined);
      if (!entry) {
        throw new SourceFetchError(
          `${source.id}: the archive ${url} has no entry ${wanted ? `matching ${wanted}` : "that is a single CSV file"}; ` +
            `it holds ${files.length === 0 ? "no files" : files.map((e) => `'${e.name}'`).join(", ")}`,
          url,
        );
      }
      try {
        await extractZipEntry(partial, entry, unpacked, label);
      } catch (error) {
        if (error instanceof ZipError)
          throw new SourceFetchError(`${source.id}: ${url}: ${error.message}`, url);
        throw error;
      }
      archive = { bytes: downloaded.bytes, sha256: downloaded.sha256, entry: entry.name };
      rmSync(partial, { force: true });
      result = unpacked;
    }
    const start = (await head(result)).replace(/^\uFEFF/, "").trimStart();
    if (start === "") {
      throw new SourceFetchError(
        `${source.id}: ${url}: expected ${source.file.describe}, found an empty file`,
        url,
      );
    }
    if (/^<(!doctype html|html)\b/i.test(start) && !/\.html?$/i.test(source.saveAs)) {
      throw new SourceFetchError(
        `${source.id}: ${url}: expected ${source.file.describe}, found an HTML page ` +
          `(the site may have changed, or the file may need a login)`,
        url,
      );
    }
    const apiError = /^\{\s*"error"\s*:\s*\{[\s\S]*?"message"\s*:\s*"([^"]*)"/.exec(start);
    if (apiError) {
      throw new SourceFetchError(
        `${source.id}: ${url}: expected ${source.file.describe}, found an error reply: ${apiError[1]}`,
        url,
      );
    }
    const { bytes, sha256 } = archive ? await sha256File(result) : downloaded;
    const notes = [...resolved.notes];
    let format: string | null = null;
    const expected = formatById(source.format);
    const recognised = await recogniseFile(await describeFile(result, source.saveAs));
    if (expected) {
      if (recognised?.id !== source.format) {
        const firstLine = start.split(/\r?\n/, 1)[0] ?? "";
        throw new SourceFetchError(
          `${source.id}: ${url}: expected a file icsplan recognises as ${source.format}, found ` +
            (recognised ? `a ${recognised.id} file` : "a file no importer recognises") +
            ` (first line: '${firstLine.length > 120 ? `${firstLine.slice(0, 117)}...` : firstLine}')`,
          url,
        );
      }
      format = recognised.id;
    } else {
      format = recognised?.id ?? null;
      notes.push(
        `not checked: this version of icsplan has no importer for ${source.format}` +
          (recognised ? ` (the file looks like ${recognised.id})` : ""),
      );
    }
    const final = join(options.outDir, source.saveAs);
    renameSync(result, final);
    const fetched: FetchedFile = {
      id: source.id,
      title: source.title,
      publisher: source.publisher,
      licence: source.licence,
      publication: source.publication,
      page: resolved.page,
      url,
      file: source.saveAs,
      bytes,
      sha256,
      fetched_at: new Date().toISOString(),
      format,
      archive,
    };
    return { status: "fetched", source, file: fetched, notes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    if (!(error instanceof SourceFetchError)) throw error;
    return { status: "failed", source, url: error.url || url, error: error.message };
  } finally {
    rmSync(partial, { force: true });
    rmSync(unpacked, { force: true });
  }
}

function plan(source: FetchSource, baseUrl: string | undefined): string[] {
  const rewrite = (u: string) => rewriteUrl(u, baseUrl);
  const lines: string[] = [];
  if ("url" in source.file) {
    lines.push(`download ${rewrite(source.file.url)}`);
  } else {
    lines.push(`open ${rewrite(source.publication)}`);
    for (const step of source.pages ?? []) {
      lines.push(`follow the ${step.pick} link to ${step.describe} (${describePattern(step.link)})`);
    }
    lines.push(`download ${source.file.describe} (${describePattern(source.file.link)})`);
  }
  if (source.unzip) lines.push(`if it is a ZIP, take out the entry matching ${source.unzip.entry}`);
  lines.push(`check it is recognised as ${source.format}, save as ${source.saveAs}`);
  return lines;
}

// ---------------------------------------------------------------------------------------------------
// The run

export function selectSources(only: string[] | undefined, sources: readonly FetchSource[] = FETCH_SOURCES) {
  if (!only || only.length === 0) return [...sources];
  const unknown = only.filter((id) => !sources.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown source${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `'${u}'`).join(", ")}. ` +
        `Known sources: ${sources.map((s) => s.id).join(", ")}`,
    );
  }
  return sources.filter((s) => only.includes(s.id));
}

export function readFetchManifest(outDir: string): FetchManifestFile | undefined {
  const path = join(outDir, FETCH_MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as FetchManifestFile;
    return Array.isArray(parsed.files) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Fetches the selected sources in manifest order and updates fetch-manifest.json. */
export async function fetchOfficial(options: FetchOptions): Promise<FetchOutcome[]> {
  const all = options.sources ?? FETCH_SOURCES;
  const selected = selectSources(options.only, all);
  const outcomes: FetchOutcome[] = [];
  if (options.dryRun) {
    for (const source of selected) {
      const outcome: FetchOutcome = source.manual
        ? { status: "manual", source, reason: source.manual }
        : { status: "planned", source, plan: plan(source, options.baseUrl) };
      outcomes.push(outcome);
      options.onSourceEnd?.(outcome);
    }
    return outcomes;
  }
  mkdirSync(options.outDir, { recursive: true });
  if (!(await stat(options.outDir)).isDirectory()) throw new Error(`${options.outDir} is not a folder`);
  for (const source of selected) {
    options.onSourceStart?.(source);
    const outcome: FetchOutcome = source.manual
      ? { status: "manual", source, reason: source.manual }
      : await fetchOne(source, options);
    outcomes.push(outcome);
    options.onSourceEnd?.(outcome);
  }
  const fetched = outcomes.flatMap((o) => (o.status === "fetched" ? [o.file] : []));
  if (fetched.length > 0) {
    const previous = readFetchManifest(options.outDir)?.files ?? [];
    const byId = new Map(previous.map((f) => [f.id, f]));
    for (const f of fetched) byId.set(f.id, f);
    const order = (id: string) => {
      const i = all.findIndex((s) => s.id === id);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    const manifest: FetchManifestFile = {
      manifest_version: MANIFEST_VERSION,
      updated_at: new Date().toISOString(),
      base_url: options.baseUrl ?? null,
      files: [...byId.values()].sort((a, b) => order(a.id) - order(b.id) || a.id.localeCompare(b.id)),
    };
    const path = join(options.outDir, FETCH_MANIFEST_FILE);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }
  return outcomes;
}
