// Postcode coordinates from OS Code-Point Open. Two layouts are read:
// - a file with a header (postcode, positional_quality_indicator, eastings, northings, …, longitude,
//   latitude): the shared practice-postcode subset, whose WGS84 columns were added to Code-Point Open;
// - the raw, headerless Code-Point Open area files (PC, PQ, EA, NO, CY, RH, LH, CC, DC, WC), whose
//   British National Grid eastings/northings are converted to WGS84 here (Helmert, a few metres).
// Postcodes are normalised (upper case, no spaces) into `postcode`; `postcode_display` has one space
// before the inward code. Code-Point carries no date in its rows: the month comes from a YYYY-MM in the
// file name, else from the file's modification time, and the notes say which.
import { bngToWgs84 } from "../boundaries/osgb.ts";
import { readCsv } from "../csv.ts";
import { SourceError, shown } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { fileMonth, monthLabel } from "../registrations/common.ts";
import { col, readTable, rules } from "../table.ts";

const PUBLISHER = "Ordnance Survey, OS Code-Point Open (OS OpenData)";
const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;
const RAW_WIDTH = 10;

const normalise = (postcode: string) => postcode.toUpperCase().replace(/\s+/g, "");
const display = (normalised: string) => `${normalised.slice(0, -3)} ${normalised.slice(-3)}`;
const postcodeRule = (v: string) =>
  POSTCODE.test(normalise(v)) ? undefined : "a UK postcode such as TS18 1HU";

const easting = rules.between(0, 700000);
const northing = rules.between(0, 1300000);

const headerSpec = {
  postcode: col.text("postcode", "PC").where(postcodeRule),
  quality: col
    .int("positional_quality_indicator", "PQ")
    .orNull()
    .optionalColumn()
    .where(rules.between(0, 90)),
  easting: col.number("eastings", "easting", "EA").orNull().optionalColumn().where(easting),
  northing: col.number("northings", "northing", "NO").orNull().optionalColumn().where(northing),
  lon: col.number("longitude", "long", "lon").optionalColumn().where(rules.between(-9, 3)),
  lat: col.number("latitude", "lat").optionalColumn().where(rules.between(49, 61)),
};

// Raw Code-Point Open: positional, no header.
const rawSpec = {
  postcode: col.text("Postcode").where(postcodeRule),
  quality: col.int("Positional_quality_indicator").where(rules.between(0, 90)),
  easting: col.number("Eastings").where(easting),
  northing: col.number("Northings").where(northing),
  country: col.text("Country_code").orNull(),
  region: col.text("NHS_regional_HA_code").orNull(),
  ha: col.text("NHS_HA_code").orNull(),
  county: col.text("Admin_county_code").orNull(),
  district: col.text("Admin_district_code").orNull(),
  ward: col.text("Admin_ward_code").orNull(),
};

const COLUMNS = [
  "dataset_id",
  "postcode",
  "postcode_display",
  "easting",
  "northing",
  "lat",
  "lon",
  "quality",
] as const;

function isRawRecord(fields: readonly string[]): boolean {
  return (
    fields.length === RAW_WIDTH &&
    POSTCODE.test(normalise(fields[0] ?? "")) &&
    /^\d{1,2}$/.test((fields[1] ?? "").trim()) &&
    /^\d+$/.test((fields[2] ?? "").trim()) &&
    /^\d+$/.test((fields[3] ?? "").trim())
  );
}

async function firstRecord(ctx: ImportContext): Promise<string[] | undefined> {
  for await (const record of readCsv(ctx.file, { limitBytes: 64 * 1024 })) return record.fields;
  return undefined;
}

interface Point {
  line: number;
  postcode: string;
  quality: number | null;
  easting: number | null;
  northing: number | null;
  lat: number | null;
  lon: number | null;
}

export const postcodeCoordinates: SourceFormat = {
  id: "postcode-coordinates",
  title: "Postcode coordinates (OS Code-Point Open)",
  publisher: PUBLISHER,
  order: 1,
  columns: ["postcode", "eastings", "northings"],
  recognise: ({ header }) => {
    const names = header.map((h) => h.toLowerCase());
    if (names.includes("postcode") && names.includes("eastings") && names.includes("northings")) return true;
    return isRawRecord(header);
  },
  async import(ctx: ImportContext): Promise<ImportResult> {
    const first = await firstRecord(ctx);
    const raw = first !== undefined && isRawRecord(first);
    let points: AsyncGenerator<Point>;
    if (raw) {
      const table = await readTable(ctx.file, rawSpec, {
        headerless: true,
        onProgress: ctx.progress,
        warn: ctx.warn,
      });
      points = (async function* () {
        for await (const r of table.rows)
          yield {
            line: r._line,
            postcode: r.postcode,
            quality: r.quality,
            easting: r.easting,
            northing: r.northing,
            lat: null,
            lon: null,
          };
      })();
    } else {
      const table = await readTable(ctx.file, headerSpec, {
        onProgress: ctx.progress,
        warn: ctx.warn,
        knownTrailing: ["source_files"],
      });
      const names = table.header.map((h) => h.trim().toLowerCase());
      const hasLon = ["longitude", "long", "lon"].some((n) => names.includes(n));
      const hasLat = ["latitude", "lat"].some((n) => names.includes(n));
      if (hasLon !== hasLat) {
        throw new SourceError(
          { file: ctx.file.label, line: 1 },
          `column '${hasLon ? "latitude" : "longitude"}' beside '${hasLon ? "longitude" : "latitude"}'`,
          `the columns ${table.header.map((h) => `'${h.trim()}'`).join(", ")}`,
          "a column is missing or has been renamed",
        );
      }
      const hasLatLon = hasLon && hasLat;
      const hasGrid =
        ["eastings", "easting", "ea"].some((n) => names.includes(n)) &&
        ["northings", "northing", "no"].some((n) => names.includes(n));
      if (!hasLatLon && !hasGrid) {
        throw new SourceError(
          { file: ctx.file.label, line: 1 },
          "columns 'longitude' and 'latitude', or 'eastings' and 'northings'",
          `the columns ${table.header.map((h) => `'${h.trim()}'`).join(", ")}`,
          "a column is missing or has been renamed",
        );
      }
      points = (async function* () {
        for await (const r of table.rows)
          yield {
            line: r._line,
            postcode: r.postcode,
            quality: r.quality,
            easting: r.easting,
            northing: r.northing,
            lat: r.lat,
            lon: r.lon,
          };
      })();
    }

    const seen = new Set<string>();
    const areas = new Set<string>();
    const batch: Record<string, unknown>[] = [];
    let rows = 0;
    let converted = 0;
    let noCoordinates = 0;
    for await (const p of points) {
      const postcode = normalise(p.postcode);
      if (seen.has(postcode)) {
        throw new SourceError(
          { file: ctx.file.label, line: p.line, column: raw ? "Postcode" : "postcode" },
          "each postcode once",
          `${shown(p.postcode)} a second time`,
          "duplicate postcode",
        );
      }
      seen.add(postcode);
      areas.add(/^[A-Z]+/.exec(postcode)![0]);
      let { lat, lon } = p;
      if (lat === null || lon === null) {
        // Code-Point gives quality 90 and 0/0 for postcodes it cannot place: nothing to load.
        if (
          p.easting === null ||
          p.northing === null ||
          p.quality === 90 ||
          (p.easting === 0 && p.northing === 0)
        ) {
          noCoordinates++;
          continue;
        }
        ({ lat, lon } = bngToWgs84(p.easting, p.northing));
        converted++;
      }
      batch.push({
        dataset_id: ctx.datasetId,
        postcode,
        postcode_display: display(postcode),
        easting: p.easting,
        northing: p.northing,
        lat,
        lon,
        quality: p.quality,
      });
      rows++;
      if (batch.length >= 5000) await ctx.write("postcode_location", COLUMNS, batch.splice(0));
    }
    await ctx.write("postcode_location", COLUMNS, batch);
    if (rows === 0) {
      throw new SourceError({ file: ctx.file.label }, "at least one postcode with coordinates", "none");
    }
    const month = fileMonth(ctx.file);
    const areaList = [...areas].sort();
    // A whole-country file (or the practice subset, which spans every area) is unscoped; a single
    // Code-Point area file is scoped by its postcode areas so that area files do not replace each other.
    const scope = areaList.length >= 100 ? undefined : `areas:${areaList.join(",")}`;
    const notes = [
      `${rows.toLocaleString("en-GB")} postcodes in ${areaList.length} postcode areas (${raw ? "raw Code-Point Open layout" : "layout with a header"}).`,
      `Reference month ${monthLabel(month.date)} taken from ${month.from}: Code-Point rows carry no date.`,
    ];
    if (converted > 0)
      notes.push(
        `${converted.toLocaleString("en-GB")} eastings/northings converted to WGS84 (OSGB36 Helmert, ~5 m).`,
      );
    if (noCoordinates > 0)
      notes.push(
        `${noCoordinates.toLocaleString("en-GB")} postcode(s) without coordinates (quality 90) were left out.`,
      );
    return {
      dataset: {
        title: postcodeCoordinates.title,
        publisher: PUBLISHER,
        referenceDate: month.date,
        period: monthLabel(month.date),
        ...(scope ? { scope } : {}),
        meta: {
          layout: raw ? "code-point-open" : "header",
          referenceDateFrom: month.from,
          areas: areaList.length,
        },
      },
      rows,
      coverage: [],
      notes,
    };
  },
};
