// ONS LSOA population-weighted centroids (CSV): X, Y, objectid, lsoa11cd, lsoa11nm (December 2011,
// England and Wales), or the 2021 edition (LSOA21CD, LSOA21NM). X/Y are WGS84 longitude/latitude in the
// 2011 download; some editions give British National Grid eastings/northings instead, which are
// converted to WGS84 here (decided from the first row, then held to for every row).
import { SourceError, shown } from "../errors.ts";
import type { ImportContext, ImportResult, SourceFormat } from "../format.ts";
import { col, readTable, rules } from "../table.ts";
import { monthLabel } from "../registrations/common.ts";
import { ONS } from "./common.ts";
import { bngToWgs84, looksLikeBng } from "./osgb.ts";

const spec = {
  x: col.number("X", "LONG", "longitude"),
  y: col.number("Y", "LAT", "latitude"),
  code: col
    .text("lsoa11cd", "lsoa21cd")
    .where(rules.pattern(/^[EW]01\d{6}$/, "an LSOA code such as E01000001")),
  name: col.text("lsoa11nm", "lsoa21nm").orNull().optionalColumn(),
};

const COLUMNS = ["dataset_id", "lsoa_code", "vintage", "name", "lat", "lon"] as const;

export const lsoaCentroids: SourceFormat = {
  id: "lsoa-centroids",
  title: "LSOA population-weighted centroids",
  publisher: ONS,
  order: 21,
  columns: ["lsoa21cd", "x", "y"],
  recognise: ({ header }) => {
    const names = header.map((h) => h.toLowerCase());
    return (
      (names.includes("lsoa11cd") || names.includes("lsoa21cd")) &&
      (names.includes("x") || names.includes("long")) &&
      (names.includes("y") || names.includes("lat"))
    );
  },
  async import(ctx: ImportContext): Promise<ImportResult> {
    const file = ctx.file.label;
    const table = await readTable(ctx.file, spec, {
      onProgress: ctx.progress,
      warn: ctx.warn,
      // The LSOA 2021 file repeats its x/y as longitude/latitude after the columns read.
      knownTrailing: ["longitude", "latitude"],
    });
    const vintage = table.header.some((h) => h.trim().toLowerCase() === "lsoa21cd") ? 2021 : 2011;
    const xLabel = table.header
      .find((h) => ["x", "long", "longitude"].includes(h.trim().toLowerCase()))!
      .trim();
    const yLabel = table.header
      .find((h) => ["y", "lat", "latitude"].includes(h.trim().toLowerCase()))!
      .trim();
    const seen = new Set<string>();
    const batch: Record<string, unknown>[] = [];
    let grid: boolean | undefined;
    let rows = 0;
    let english = 0;
    for await (const r of table.rows) {
      if (seen.has(r.code)) {
        throw new SourceError(
          { file, line: r._line, column: table.header.find((h) => /lsoa\d\dcd/i.test(h))?.trim() },
          "each LSOA once",
          `'${r.code}' a second time`,
          "duplicate LSOA code",
        );
      }
      seen.add(r.code);
      grid ??= looksLikeBng(r.x, r.y);
      let lat: number;
      let lon: number;
      if (grid) {
        if (r.x < 0 || r.x > 700000)
          throw new SourceError(
            { file, line: r._line, column: xLabel },
            "an easting from 0 to 700,000",
            shown(String(r.x)),
          );
        if (r.y < 0 || r.y > 1300000)
          throw new SourceError(
            { file, line: r._line, column: yLabel },
            "a northing from 0 to 1,300,000",
            shown(String(r.y)),
          );
        ({ lat, lon } = bngToWgs84(r.x, r.y));
      } else {
        if (r.x < -9 || r.x > 3)
          throw new SourceError(
            { file, line: r._line, column: xLabel },
            "a longitude from -9 to 3 (England and Wales)",
            shown(String(r.x)),
          );
        if (r.y < 49 || r.y > 56)
          throw new SourceError(
            { file, line: r._line, column: yLabel },
            "a latitude from 49 to 56 (England and Wales)",
            shown(String(r.y)),
          );
        lat = r.y;
        lon = r.x;
      }
      if (r.code.startsWith("E")) english++;
      batch.push({ dataset_id: ctx.datasetId, lsoa_code: r.code, vintage, name: r.name, lat, lon });
      rows++;
      if (batch.length >= 5000) await ctx.write("lsoa_centroid", COLUMNS, batch.splice(0));
    }
    await ctx.write("lsoa_centroid", COLUMNS, batch);
    const referenceDate = `${vintage}-12-01`;
    const notes = [
      `${rows.toLocaleString("en-GB")} LSOA ${vintage} centroids (${english.toLocaleString("en-GB")} English, ${(rows - english).toLocaleString("en-GB")} Welsh).`,
    ];
    if (grid)
      notes.push(
        "X/Y were British National Grid eastings/northings: converted to WGS84 (OSGB36 Helmert, ~5 m).",
      );
    return {
      dataset: {
        title: `LSOA (December ${vintage}) population-weighted centroids`,
        publisher: ONS,
        referenceDate,
        period: monthLabel(referenceDate),
        meta: { lsoaVintage: vintage, coordinates: grid ? "bng" : "wgs84" },
      },
      rows,
      coverage: [],
      notes,
    };
  },
};
