// `icsplan lsoas`: the LSOAs of an ICB or place with their local authority and IMD decile: a summary of
// the local authorities the area spans, or every LSOA as CSV, JSON or GeoJSON (a deprivation choropleth).
import { UnknownAreaError } from "../../model/errors.ts";
import type { Command } from "commander";
import { lsoaGeoJson, lsoaRecord, type AreaLsoasResult } from "../../app/area-lsoas.ts";
import { withStore } from "../../store/store.ts";
import { formatCount } from "../format.ts";
import { renderRecords } from "../output.ts";
import { dateFlag } from "../picture-options.ts";
import { storeOptions, UsageError } from "../run.ts";

interface LsoasFlags {
  icb?: string;
  subIcb?: string;
  date?: string;
  demo?: boolean;
  format?: string;
  by?: string;
  out?: string;
}

const FORMATS = ["table", "csv", "json", "geojson"] as const;
const pct = (v: number | null) => (v === null ? "–" : `${Math.round(100 * v)}%`);

function renderSummary(r: AreaLsoasResult): string {
  const lines = [
    `${r.area.name} (${r.area.code}${r.area.onsCode ? `, ${r.area.onsCode}` : ""}): ` +
      `${formatCount(r.lsoas.length)} LSOAs (LSOA 2021) in ${r.subIcbCodes.length} place${r.subIcbCodes.length === 1 ? "" : "s"} ` +
      `of the ${r.mapPeriod} map`,
    `LSOAs from ${r.sources.nhsAreas?.title} (${r.sources.nhsAreas?.period}); local authorities from ` +
      `${r.sources.localAuthorities ? `${r.sources.localAuthorities.title} (${r.sources.localAuthorities.period})` : "no lookup loaded"}; ` +
      `IMD from ${r.sources.imd ? r.sources.imd.period : "no LSOA IMD loaded"}.`,
    "",
    "Local authority districts",
    renderRecords(
      r.localAuthorities.map((l) => ({
        "Local authority": l.ladName,
        Code: l.ladCode,
        LSOAs: formatCount(l.lsoas),
        "Of the area": pct(l.shareOfArea),
        Whole:
          l.districtLsoas === null
            ? "–"
            : l.lsoas === l.districtLsoas
              ? "yes"
              : `part (${l.lsoas} of ${l.districtLsoas})`,
        "IMD deciles 1–2": pct(l.mostDeprivedShare),
      })),
      "table",
    ),
  ];
  for (const c of r.caveats) lines.push(`Note: ${c}`);
  return lines.join("\n");
}

type LocalAuthority = AreaLsoasResult["localAuthorities"][number];
const share = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

/** One local authority district as a flat record (CSV, JSON, GeoJSON properties). */
const ladRecord = (l: LocalAuthority) => ({
  lad_code: l.ladCode,
  lad_name: l.ladName,
  lsoas: l.lsoas,
  district_lsoas: l.districtLsoas,
  share_of_area: share(l.shareOfArea),
  imd_deciles_1_2_share: share(l.mostDeprivedShare),
});

function renderLocalAuthorityGeoJson(r: AreaLsoasResult): string {
  const features = r.localAuthorities
    .filter((l) => l.geometry !== null)
    .map((l) => ({ type: "Feature", properties: ladRecord(l), geometry: l.geometry }));
  return JSON.stringify({
    type: "FeatureCollection",
    features,
    metadata: {
      area: r.area,
      mapDate: r.mapDate,
      localAuthorities: r.localAuthorities.length,
      caveats: r.caveats,
    },
  });
}

export function registerLsoas(program: Command): void {
  program
    .command("lsoas")
    .description(
      "the LSOAs of an ICB or place: the local authorities it spans, or each LSOA with its local authority " +
        "and IMD decile (CSV, JSON, or GeoJSON polygons for a deprivation map)",
    )
    .option("--icb <code>", "the ICB (ODS or ONS code)")
    .option("--sub-icb <code>", "the place (sub-ICB location; ODS or ONS code)")
    .option(
      "--date <date>",
      "the PCN map in force on this date gives the area's places (default: as overview)",
    )
    .option("--demo", "use the synthetic demo ICS")
    .option("--format <format>", "table, csv, json or geojson", "table")
    .option(
      "--by <level>",
      "lsoa (each LSOA) or lad (each local authority district, with its polygon)",
      "lsoa",
    )
    .option("--out <file>", "write to this file instead of standard output")
    .action(async (flags: LsoasFlags, command: Command) => {
      const format = flags.format ?? "table";
      if (!(FORMATS as readonly string[]).includes(format))
        throw new UsageError(`--format must be ${FORMATS.join(", ")}; found '${format}'`);
      const area = flags.icb ?? flags.subIcb;
      if (area === undefined || (flags.icb !== undefined && flags.subIcb !== undefined))
        throw new UsageError("give one of --icb or --sub-icb");
      const date = dateFlag("date", flags.date);
      const by = flags.by ?? "lsoa";
      if (by !== "lsoa" && by !== "lad") throw new UsageError(`--by must be lsoa or lad; found '${by}'`);
      const { areaLsoas } = await import("../../app/area-lsoas.ts");
      const { NoDataError } = await import("../../app/load-picture.ts");
      let result: AreaLsoasResult;
      try {
        result = await withStore(storeOptions(command), (store) =>
          areaLsoas(store, {
            synthetic: flags.demo ?? false,
            area,
            date,
            geometry: format === "geojson" && by === "lsoa",
            localAuthorityGeometry: format === "geojson" && by === "lad",
          }),
        );
      } catch (error) {
        if (error instanceof UnknownAreaError || error instanceof NoDataError)
          throw new UsageError(error.message);
        throw error;
      }
      const records = () =>
        by === "lad" ? result.localAuthorities.map(ladRecord) : result.lsoas.map((l) => lsoaRecord(l, true));
      const text =
        format === "table"
          ? renderSummary(result)
          : format === "geojson"
            ? by === "lad"
              ? renderLocalAuthorityGeoJson(result)
              : JSON.stringify(lsoaGeoJson(result))
            : renderRecords(records(), format as "csv" | "json");
      if (flags.out === undefined) process.stdout.write(`${text}\n`);
      else {
        const { writeFileSync } = await import("node:fs");
        writeFileSync(flags.out, `${text}\n`);
        const what =
          by === "lad"
            ? `${result.localAuthorities.length} local authorities`
            : `${result.lsoas.length} LSOAs`;
        process.stderr.write(`Wrote ${flags.out} (${what}, ${format}).\n`);
      }
    });
}
