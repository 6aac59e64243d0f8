// The studio's files: the edited configuration as CSV (the columns of the API's configuration export) and
// as GeoJSON (network polygons as widened hulls of their sites, practice points), and configurations read
// back from a saved scenario or a CSV file (practice_code, network_code[, network_name]) into network codes
// by practice. Pure: no DOM.
import { designCollection } from "../design-map.ts";
import type { FeatureCollection } from "../map-style.ts";
import { OUTSIDE, networkName, type StudioInstance } from "./instance.ts";
import type { StudioMetrics } from "./metrics.ts";

const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** practice_code,network_code,network_name,list_size, in practice-code order (as the API's export). */
export function configurationCsv(
  instance: StudioInstance,
  codes: readonly string[],
  names?: ReadonlyMap<string, string>,
): string {
  const order = [...instance.codes.keys()].sort((a, b) =>
    instance.codes[a]! < instance.codes[b]! ? -1 : instance.codes[a]! > instance.codes[b]! ? 1 : 0,
  );
  const lines = ["practice_code,network_code,network_name,list_size"];
  for (const p of order) {
    const code = codes[p]!;
    const name = code === OUTSIDE ? "" : networkName(instance, code, names);
    lines.push([instance.codes[p]!, code, name, instance.listSize[p]!].map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** The configuration drawn over today's practice points (the API's export.geojson). */
export function configurationGeoJson(
  today: FeatureCollection,
  instance: StudioInstance,
  metrics: StudioMetrics,
) {
  const collection = designCollection(
    today,
    metrics.rows.map((r) => ({
      label: r.code,
      practices: r.practices.map((p) => instance.codes[p]!),
      listSize: r.listSize,
      band: r.band,
    })),
  );
  for (const f of collection.features) {
    const row = metrics.rows.find((r) => r.code === f.properties.network_code);
    if (!row) continue;
    f.properties.network_name = row.name;
    if (f.properties.kind === "network") f.properties.outside_pcn = row.outsidePcn;
  }
  return {
    ...collection,
    metadata: { ...collection.metadata, area: instance.data.area, map: instance.data.map },
  } satisfies FeatureCollection;
}

/** Rows of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

export interface ReadConfiguration {
  codes: string[];
  /** Network names the file gives, by code. */
  names: Map<string, string>;
}

/** A problem with a configuration file or scenario, naming what was expected and what was found. */
export class ConfigurationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationFileError";
  }
}

const list = (xs: string[]) => `${xs.slice(0, 10).join(", ")}${xs.length > 10 ? `, … (${xs.length})` : ""}`;

/**
 * Network codes by practice from rows practice → network (null network: outside any PCN). Every practice
 * of the area must appear once; practices of other areas are an error (a scenario of England keeps only
 * the area's when `othersAllowed`).
 */
export function codesFromRows(
  instance: StudioInstance,
  rows: readonly { practiceCode: string; networkCode: string | null; networkName?: string | null }[],
  source: string,
  othersAllowed = false,
): ReadConfiguration {
  const codes = new Array<string | undefined>(instance.n).fill(undefined);
  const names = new Map<string, string>();
  const unknown: string[] = [];
  const twice: string[] = [];
  for (const r of rows) {
    const p = instance.index.get(r.practiceCode.trim().toUpperCase());
    if (p === undefined) {
      unknown.push(r.practiceCode);
      continue;
    }
    if (codes[p] !== undefined) twice.push(r.practiceCode);
    const network = (r.networkCode ?? "").trim();
    codes[p] = network === "" || network.toUpperCase() === OUTSIDE ? OUTSIDE : network;
    if (network && r.networkName?.trim()) names.set(network, r.networkName.trim());
  }
  const missing = instance.codes.filter((_, p) => codes[p] === undefined);
  const problems = [
    ...(unknown.length > 0 && !othersAllowed
      ? [`${unknown.length} practice(s) not in ${instance.data.area}: ${list(unknown)}`]
      : []),
    ...(twice.length > 0 ? [`${twice.length} practice(s) listed twice: ${list(twice)}`] : []),
    ...(missing.length > 0
      ? [`${missing.length} practice(s) of ${instance.data.area} missing: ${list(missing)}`]
      : []),
  ];
  if (problems.length > 0) throw new ConfigurationFileError(`${source}: ${problems.join("; ")}`);
  return { codes: codes as string[], names };
}

/** Rows of a configuration CSV: practice_code and network_code columns (network_name optional). */
export function rowsFromCsv(text: string, source: string) {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new ConfigurationFileError(`${source}: expected a header line; found an empty file`);
  const cols = header.map((h) => h.trim().toLowerCase());
  const at = (...names: string[]) => cols.findIndex((c) => names.includes(c));
  const practice = at("practice_code", "practice");
  const network = at("network_code", "pcn_code", "network");
  const name = at("network_name", "pcn_name");
  if (practice < 0 || network < 0)
    throw new ConfigurationFileError(
      `${source}: expected columns practice_code and network_code; found ${header.join(", ")}`,
    );
  return body.map((r) => ({
    practiceCode: r[practice] ?? "",
    networkCode: r[network] ?? "",
    networkName: name >= 0 ? (r[name] ?? null) : null,
  }));
}
