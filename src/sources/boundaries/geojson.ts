// ONS boundary GeoJSON (FeatureCollection, WGS84): ICBs (ICB23CD/ICB23NM; after the April 2026 mergers
// ICB26CD/ICB26NM), sub-ICB locations (SICBL23CD/SICBL23NM), NHS England regions (NHSER24CD/NHSER24NM),
// local authority districts (LAD24CD/LAD24NM; the UK file holds Scottish, Welsh and Northern Irish
// councils too), LSOAs (LSOA11CD/LSOA11NM or LSOA21…), and derived PCN polygons (PCN_Code/PCN_Name). The
// level is read from the property names; the reference date from the year in the code property (ICB23 →
// April 2023, NHSER24 → January 2024, LAD24 → May 2024, LSOA11 → December 2011), or, for PCN polygons
// which carry none, from the file name. Each level is its own dataset (scope =
// level); a partial LSOA or PCN file adds its footprint from the file name (`lsoa11:sussex`).
// The files are small enough (a few MB) to parse whole with JSON.parse.
import { SourceError } from "../errors.ts";
import { readText } from "../file.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { monthFromFileName } from "../import-kit.ts";
import { fileMonth, monthLabel } from "../registrations/common.ts";
import { footprintFromFileName, ONS, yearFromFileName } from "./common.ts";
import { checkRing, MAX_LOOP_DEGREES, ROUNDING_STEPS, type Position, type RingFault } from "./rings.ts";

const MAX_CHARS = 400 * 1024 * 1024;

interface Level {
  level: string;
  codeKey: string;
  nameKey: string | undefined;
  /** Two-digit year of the code property (ICB23CD → 23), when it has one. */
  year: string | undefined;
  prefix: string;
}

/** Month in which each kind of ONS geography is dated: ICBs and sub-ICBs April, regions January, LSOAs December. */
const CODE_MONTH: Record<string, string> = { ICB: "04", SICBL: "04", NHSER: "01", LSOA: "12", LAD: "05" };
const LEVEL_OF: Record<string, string> = { ICB: "icb", SICBL: "sub-icb", NHSER: "region", LAD: "lad" };
/** Complete national sets (England) have at least this many features; fewer means a subset. */
const NATIONAL_COUNT: Record<string, number> = { lsoa11: 32000, lsoa21: 33000, pcn: 1000, lad: 290 };

const CODE_KEYS = "ICB23CD, SICBL23CD, NHSER24CD, LAD24CD, LSOA11CD, LSOA21CD or PCN_Code";

function detectLevel(properties: Record<string, unknown>): Level | undefined {
  const keys = Object.keys(properties);
  for (const key of keys) {
    const m = /^(ICB|SICBL|NHSER|LAD|LSOA)(\d{2})CD$/i.exec(key);
    if (!m) continue;
    const prefix = m[1]!.toUpperCase();
    const year = m[2]!;
    if (prefix === "LSOA" && year !== "11" && year !== "21") continue;
    const nameKey = keys.find((k) => k.toUpperCase() === `${prefix}${year}NM`);
    return {
      level: prefix === "LSOA" ? `lsoa${year}` : LEVEL_OF[prefix]!,
      codeKey: key,
      nameKey,
      year,
      prefix,
    };
  }
  const pcn = keys.find((k) => k.toUpperCase() === "PCN_CODE");
  if (pcn) {
    return {
      level: "pcn",
      codeKey: pcn,
      nameKey: keys.find((k) => k.toUpperCase() === "PCN_NAME"),
      year: undefined,
      prefix: "PCN",
    };
  }
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < position; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  points: number;
  /** Self-crossings within the coordinates' rounding (accepted; see rings.ts). */
  roundingCrossings: number;
}

/** Which ring this is, in words: `ring 2 (hole 1) of polygon 3`. */
function ringName(polygon: number | undefined, ring: number): string {
  const which = ring === 0 ? "ring 1 (the outer ring)" : `ring ${ring + 1} (hole ${ring})`;
  return polygon === undefined ? which : `${which} of polygon ${polygon + 1}`;
}

const at = (p: Position) => `[${p[0]}, ${p[1]}]`;

/** A ring's fault in words, or undefined for a valid ring. */
function ringProblem(
  fault: RingFault | undefined,
  name: string,
): { expected: string; found: string } | undefined {
  if (!fault) return undefined;
  if (fault.kind === "unclosed")
    return {
      expected: "a closed ring (its last position equal to its first)",
      found: `${name} starting at ${at(fault.first)} and ending at ${at(fault.last)}: it is not closed`,
    };
  if (fault.kind === "too-short")
    return {
      expected: "a ring of at least four positions",
      found: `${name} with ${fault.positions} position${fault.positions === 1 ? "" : "s"}`,
    };
  return {
    expected: "a ring that does not cross itself",
    found: `${name} whose segments ${fault.a + 1} and ${fault.b + 1} cross at ${at([
      Number(fault.at[0].toFixed(6)),
      Number(fault.at[1].toFixed(6)),
    ])}: it is self-intersecting`,
  };
}

/**
 * Walks a Polygon or MultiPolygon's rings, checking every position and every ring (closed, at least four
 * positions, not crossing itself); returns the bounding box.
 */
function checkGeometry(
  geometry: unknown,
  fail: (path: string, expected: string, found: string) => never,
): Bounds {
  if (!isObject(geometry)) fail("geometry", "a geometry object", describe(geometry));
  const type = geometry.type;
  if (type !== "Polygon" && type !== "MultiPolygon")
    fail("geometry.type", "Polygon or MultiPolygon", describe(type));
  const coordinates = geometry.coordinates;
  const b: Bounds = {
    minX: Infinity,
    minY: Infinity,
    maxX: -Infinity,
    maxY: -Infinity,
    points: 0,
    roundingCrossings: 0,
  };
  const walk = (node: unknown, level: number, path: string) => {
    if (!Array.isArray(node))
      fail(path, `an array of ${level === 1 ? "coordinates" : "rings"}`, describe(node));
    if (level === 1) {
      const [x, y] = node as unknown[];
      if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y))
        fail(path, "a position [longitude, latitude]", describe(node));
      if (x < -180 || x > 180 || y < -90 || y > 90)
        fail(
          path,
          "WGS84 longitude/latitude (EPSG:4326)",
          `${describe(node)} (British National Grid metres? download the WGS84 GeoJSON)`,
        );
      if (x < b.minX) b.minX = x;
      if (x > b.maxX) b.maxX = x;
      if (y < b.minY) b.minY = y;
      if (y > b.maxY) b.maxY = y;
      b.points++;
      return;
    }
    if (node.length === 0) fail(path, "a non-empty array", "an empty array");
    for (let i = 0; i < node.length; i++) walk(node[i], level - 1, `${path}[${i}]`);
  };
  const rings = (polygon: unknown, index: number | undefined, path: string) => {
    if (!Array.isArray(polygon)) fail(path, "an array of rings", describe(polygon));
    if (polygon.length === 0) fail(path, "a non-empty array", "an empty array");
    for (let r = 0; r < polygon.length; r++) {
      const ringPath = `${path}[${r}]`;
      walk(polygon[r], 2, ringPath);
      const check = checkRing(polygon[r] as Position[]);
      const problem = ringProblem(check.fault, ringName(index, r));
      if (problem) fail(ringPath, problem.expected, problem.found);
      b.roundingCrossings += check.rounding;
    }
  };
  if (type === "Polygon") rings(coordinates, undefined, "geometry.coordinates");
  else {
    if (!Array.isArray(coordinates))
      fail("geometry.coordinates", "an array of polygons", describe(coordinates));
    if (coordinates.length === 0) fail("geometry.coordinates", "a non-empty array", "an empty array");
    for (let p = 0; p < coordinates.length; p++) rings(coordinates[p], p, `geometry.coordinates[${p}]`);
  }
  return b;
}

function numberProperty(properties: Record<string, unknown>, names: string[]): number | undefined {
  const key = Object.keys(properties).find((k) => names.includes(k.toUpperCase()));
  const v = key === undefined ? undefined : properties[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

const COLUMNS = ["dataset_id", "level", "code", "name", "centroid_lat", "centroid_lon", "geometry"] as const;

async function readJson(ctx: ImportContext): Promise<unknown> {
  let text = "";
  for await (const chunk of readText(ctx.file)) {
    text += chunk.text;
    ctx.progress(chunk.bytesRead);
    if (text.length > MAX_CHARS)
      throw new SourceError({ file: ctx.file.label }, "a GeoJSON file under 400 MB", "a larger file");
  }
  if (text.trim() === "")
    throw new SourceError({ file: ctx.file.label }, "a GeoJSON FeatureCollection", "an empty file");
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8 words these differently across Node versions: "… at position N", "Unexpected end of JSON input",
    // or "Unexpected token 'X', "…context…" is not valid JSON". Find the line from whichever is given.
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const atEnd = /end of JSON input/i.test(message);
    const context = /, "([^]*?)"(?:\.\.\.)? is not valid JSON/.exec(message)?.[1];
    let line: number | undefined;
    if (position) line = lineAt(text, Number(position[1]));
    else if (atEnd) line = lineAt(text, text.length);
    else if (context !== undefined && text.includes(context)) line = lineAt(text, text.indexOf(context));
    throw new SourceError(
      { file: ctx.file.label, line },
      "valid JSON (a GeoJSON FeatureCollection)",
      `a syntax error: ${message.replace(/^SyntaxError: /, "")}`,
      atEnd ? "the file is truncated" : undefined,
    );
  }
}

export const boundaryGeojson: SourceFormat = {
  id: "ons-boundaries",
  title: "Boundaries (GeoJSON): NHS regions, ICBs, sub-ICB locations, LSOAs, PCN areas",
  publisher: ONS,
  order: 20,
  recognise: ({ head }) => /^\s*\{/.test(head) && /"type"\s*:\s*"FeatureCollection"/.test(head),
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const json = await readJson(ctx);
    if (!isObject(json) || json.type !== "FeatureCollection" || !Array.isArray(json.features)) {
      throw new SourceError(
        { file, column: "type" },
        "a GeoJSON FeatureCollection with a features array",
        isObject(json) ? `type ${describe(json.type)}` : describe(json),
      );
    }
    const crs =
      isObject(json.crs) && isObject(json.crs.properties) ? String(json.crs.properties.name ?? "") : "";
    if (/27700/.test(crs))
      throw new SourceError(
        { file, column: "crs" },
        "WGS84 longitude/latitude (EPSG:4326)",
        `the coordinate system ${crs}`,
        "download the WGS84 GeoJSON",
      );
    const features = json.features as unknown[];
    if (features.length === 0)
      throw new SourceError({ file, column: "features" }, "at least one feature", "none");

    let level: Level | undefined;
    const seen = new Map<string, number>();
    const batch: Record<string, unknown>[] = [];
    let computedCentroids = 0;
    let roundingCrossings = 0;
    let roundingFeatures = 0;
    for (let i = 0; i < features.length; i++) {
      const feature = features[i];
      // Typed explicitly so that a call ends control flow (narrowing the checks below).
      let named = "";
      const fail: (path: string, expected: string, found: string) => never = (path, expected, found) => {
        throw new SourceError(
          { file, column: `features[${i}].${path}` },
          expected,
          found,
          `feature ${i + 1} of ${features.length}${named}`,
        );
      };
      if (!isObject(feature) || feature.type !== "Feature")
        fail("type", "a Feature", isObject(feature) ? describe(feature.type) : describe(feature));
      const props = feature.properties;
      if (!isObject(props)) fail("properties", "an object of properties", describe(props));
      if (!level) {
        level = detectLevel(props);
        if (!level)
          fail(
            "properties",
            `a code property (${CODE_KEYS})`,
            `the properties ${
              Object.keys(props)
                .map((k) => `'${k}'`)
                .join(", ") || "(none)"
            }`,
          );
      }
      const lv: Level = level;
      const code = props[lv.codeKey];
      if (typeof code !== "string" || code.trim() === "")
        fail(`properties.${lv.codeKey}`, "a code", describe(code));
      const codeText = code.trim();
      named = `, ${lv.codeKey} ${codeText}`;
      const pattern = lv.level === "pcn" ? /^U\d{5}$/ : /^[EWSN]\d{8}$/;
      if (!pattern.test(codeText))
        fail(
          `properties.${lv.codeKey}`,
          lv.level === "pcn" ? "a PCN code such as U12345" : "an ONS code such as E54000008",
          describe(code),
        );
      if (seen.has(codeText))
        fail(
          `properties.${lv.codeKey}`,
          "each area once",
          `'${codeText}' again (first in feature ${seen.get(codeText)! + 1})`,
        );
      seen.set(codeText, i);
      const rawName = lv.nameKey ? props[lv.nameKey] : undefined;
      if (rawName !== undefined && rawName !== null && typeof rawName !== "string")
        fail(`properties.${lv.nameKey}`, "a name", describe(rawName));
      const name = typeof rawName === "string" && rawName.trim() !== "" ? rawName.trim() : null;
      const bounds = checkGeometry(feature.geometry, fail);
      if (bounds.roundingCrossings > 0) {
        roundingCrossings += bounds.roundingCrossings;
        roundingFeatures++;
      }
      let lat = numberProperty(props, ["LAT", "LATITUDE"]);
      let lon = numberProperty(props, ["LONG", "LON", "LONGITUDE"]);
      if (lat === undefined || lon === undefined || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
        lat = (bounds.minY + bounds.maxY) / 2;
        lon = (bounds.minX + bounds.maxX) / 2;
        computedCentroids++;
      }
      batch.push({
        dataset_id: ctx.datasetId,
        level: lv.level,
        code: codeText,
        name,
        centroid_lat: lat,
        centroid_lon: lon,
        geometry: JSON.stringify(feature.geometry),
      });
      if (batch.length >= 500) await ctx.write("boundary", COLUMNS, batch.splice(0));
    }
    await ctx.write("boundary", COLUMNS, batch);
    const lv = level!;

    // Reference date: the code's year, else a month or year in the file name, else the file's date.
    let referenceDate: string;
    let period: string;
    let dateFrom: string;
    const named = monthFromFileName(file);
    const namedYear = yearFromFileName(file);
    if (lv.year !== undefined) {
      referenceDate = `20${lv.year}-${CODE_MONTH[lv.prefix]}-01`;
      period = monthLabel(referenceDate);
      dateFrom = `the year in the code property ${lv.codeKey}`;
    } else if (named) {
      referenceDate = named;
      period = monthLabel(named);
      dateFrom = "the month in the file name";
    } else if (namedYear) {
      referenceDate = `${namedYear}-01-01`;
      period = namedYear;
      dateFrom = "the year in the file name";
    } else {
      const month = fileMonth(ctx.file);
      referenceDate = month.date;
      period = monthLabel(month.date);
      dateFrom = month.from;
    }
    const national = NATIONAL_COUNT[lv.level] === undefined || features.length >= NATIONAL_COUNT[lv.level]!;
    const footprint = national ? undefined : (footprintFromFileName(file) ?? "subset");
    const scope = footprint ? `${lv.level}:${footprint}` : lv.level;
    const notes = [
      `${features.length.toLocaleString("en-GB")} ${lv.level} boundaries (${lv.codeKey}${lv.nameKey ? `/${lv.nameKey}` : ""}); reference date from ${dateFrom}.`,
    ];
    if (footprint)
      notes.push(`A partial ${lv.level} set: stored with scope '${scope}' (footprint from the file name).`);
    if (roundingCrossings > 0)
      notes.push(
        `${roundingCrossings.toLocaleString("en-GB")} self-crossing${roundingCrossings === 1 ? "" : "s"} in ` +
          `${roundingFeatures.toLocaleString("en-GB")} feature${roundingFeatures === 1 ? "" : "s"} cut off loops ` +
          `within ${ROUNDING_STEPS} steps of the coordinates' rounding (at most ${MAX_LOOP_DEGREES}°): artefacts of rounding, accepted.`,
      );
    if (computedCentroids > 0)
      notes.push(
        `${computedCentroids.toLocaleString("en-GB")} centroids are bounding-box centres (no LAT/LONG properties).`,
      );
    return {
      dataset: {
        title: `Boundaries: ${lv.level}${footprint ? ` (${footprint})` : ""}`,
        publisher: lv.level === "pcn" ? "Derived PCN areas (LSOA dissolve), from NHS and ONS data" : ONS,
        referenceDate,
        period,
        scope,
        meta: {
          level: lv.level,
          codeProperty: lv.codeKey,
          features: features.length,
          referenceDateFrom: dateFrom,
        },
      },
      rows: features.length,
      coverage: [],
      notes,
    };
  },
};
