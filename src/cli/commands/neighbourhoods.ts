// `icsplan neighbourhoods design`: a two-level design, neighbourhoods (default 30–50k patients) nested in
// multi-neighbourhood areas (default 200–300k), each contiguous, with districts (local authorities) and
// today's PCNs in the objective; both levels shown beside today's PCNs, saved as a scenario, exported.
//   neighbourhoods design --icb CODE | --sub-icb CODE | --england [--demo] [--date D] [--band 30000-50000]
//     [--area-band 200000-300000] [--la-weight W] [--pcn-weight W] [--seed N] [--starts N] [--iterations N]
//     [--save NAME [--replace] [--description TEXT]] [--out file.csv] [--format table|csv|json|geojson]
// Heavy modules (store, engines) are imported inside the action.
import type { Command } from "commander";
import type { NeighbourhoodAreaDesign, NeighbourhoodDesignOutcome } from "../../app/neighbourhoods.ts";
import type { LevelEvaluation } from "../../engines/neighbourhoods/index.ts";
import { footprintLines, formatCount, formatDecimal, formatPercent, renderTable } from "../format.ts";
import { parseGraphFlags, type NetworkFlags } from "../network-options.ts";
import { renderRecords } from "../output.ts";
import { pictureRequest, withCommandStore } from "../picture-options.ts";
import { UsageError } from "../run.ts";

interface Flags extends NetworkFlags {
  band?: string;
  areaBand?: string;
  laWeight?: string;
  pcnWeight?: string;
  seed?: string;
  starts?: string;
  iterations?: string;
  england?: boolean;
  save?: string;
  replace?: boolean;
  description?: string;
  out?: string;
}

const FORMATS = ["table", "csv", "json", "geojson"] as const;
type Format = (typeof FORMATS)[number];

function number(flag: string, text: string | undefined, check: (v: number) => boolean, what: string) {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || !check(v))
    throw new UsageError(`${flag} must be ${what}; found '${text}'`, { field: flag.slice(2) });
  return v;
}

const pct = (v: number | null) => (v === null ? "–" : formatPercent(v));
const km = (v: number | null) => (v === null ? "–" : formatDecimal(v, 2));

/** The three levels side by side. */
function levelsTable(d: NeighbourhoodAreaDesign): string {
  const rows = (name: string, e: LevelEvaluation) => {
    const t = e.totals;
    return [
      name,
      formatCount(t.units),
      t.inBand === null ? "–" : `${t.inBand} in, ${t.under} under, ${t.over} over`,
      String(t.notContiguous),
      String(t.crossingPlaces),
      `${t.coterminosity.unitsInOneLa} of ${t.units}`,
      pct(t.coterminosity.inMainLa),
      `${t.coterminosity.districtsWhole} of ${t.coterminosity.districts}`,
      `${t.pcn.whole} of ${t.pcn.pcns}`,
      pct(t.pcn.kept),
      km(t.meanKm),
      t.localisation?.captured ? pct(t.localisation.captured.median) : "–",
    ];
  };
  const { evaluation: ev, band, areaBand } = d.design;
  return renderTable(
    [
      "level",
      "units",
      "band",
      "not contiguous",
      "cross places",
      "in one district",
      "patients in main district",
      "districts whole",
      "PCNs whole",
      "PCN patients kept",
      "km to centre",
      "localisation (median captured)",
    ],
    [
      rows("today's PCNs", ev.pcn),
      rows(`neighbourhoods ${formatCount(band.min)}–${formatCount(band.max)}`, ev.neighbourhood),
      rows(`areas ${formatCount(areaBand.min)}–${formatCount(areaBand.max)}`, ev.area),
    ],
  );
}

function renderArea(d: NeighbourhoodAreaDesign): string {
  const { design, loaded } = d;
  const out: string[] = [];
  out.push(
    `Two-level design of ${loaded.areaName} (${design.scope}), map of ${loaded.picture.sources.map.period}`,
    ...footprintLines(loaded.footprint),
  );
  const a = design.authorities;
  out.push(
    `Districts of practices: ${a.registrations} by where their registered patients live, ${a.site} by the nearest LSOA centroid to their site, ${a.none} unknown; ${a.districts} districts.`,
    `Weights: district ${design.weights.la}, PCN ${design.weights.pcn} (km of cohesion per patient); seed ${design.seed}.`,
    "",
    levelsTable(d),
    "",
  );
  const units = new Map(design.evaluation.area.units.map((u) => [u.label, u]));
  out.push(
    renderTable(
      ["area", "neighbourhoods", "practices", "patients", "band", "main district"],
      design.areas.map((x) => {
        const u = units.get(x.label)!;
        return [
          x.label,
          String(x.neighbourhoods.length),
          String(x.practices),
          formatCount(x.listSize),
          x.band,
          u.mainLa ? `${u.mainLa.name} ${formatPercent(u.mainLa.share)}` : "–",
        ];
      }),
    ),
    "",
  );
  const nbh = new Map(design.evaluation.neighbourhood.units.map((u) => [u.label, u]));
  out.push(
    renderTable(
      ["neighbourhood", "practices", "patients", "band", "main district", "continues PCN"],
      design.neighbourhoods.map((x) => {
        const u = nbh.get(x.label)!;
        return [
          x.label,
          String(x.practices.length),
          formatCount(x.listSize),
          x.band,
          u.mainLa ? `${u.mainLa.name} ${formatPercent(u.mainLa.share)}` : "–",
          x.continues ?? "–",
        ];
      }),
    ),
  );
  out.push(
    "",
    `Practices moved from today's PCN-mates: ${design.changes.practicesMoved} (${formatCount(design.changes.patientsMoved)} patients).`,
  );
  const breaches = [
    ...design.relaxations.neighbourhood.map((r) => r.message),
    ...design.relaxations.area.map((r) => r.message),
  ];
  if (breaches.length > 0) out.push("", "Outside the band:", ...breaches.map((m) => `  ${m}`));
  if (design.notes.length > 0) out.push("", "Notes:", ...design.notes.map((m) => `  ${m}`));
  out.push("", `Designed in ${formatDecimal(design.seconds.total, 2)} s.`);
  return out.join("\n");
}

function renderEngland(o: NeighbourhoodDesignOutcome): string {
  const rows = o.designs.map((d) => {
    const n = d.design.evaluation.neighbourhood.totals;
    const a = d.design.evaluation.area.totals;
    return [
      d.design.scope.replace(/^ICB\s+/, ""),
      d.loaded.areaName,
      String(n.practices),
      formatCount(n.patients),
      `${n.inBand} of ${n.units}`,
      `${a.inBand} of ${a.units}`,
      pct(n.coterminosity.inMainLa),
      `${a.coterminosity.districtsWhole} of ${a.coterminosity.districts}`,
      formatDecimal(d.design.seconds.total, 2),
    ];
  });
  const sum = (f: (d: NeighbourhoodAreaDesign) => number) => o.designs.reduce((s, d) => s + f(d), 0);
  return [
    ...(o.picture.synthetic ? ["SYNTHETIC DEMO DATA", ""] : []),
    `Two-level design of England (${o.designs.length} ICBs), map of ${o.picture.sources.map.period}`,
    ...footprintLines(o.footprint),
    "",
    renderTable(
      [
        "ICB",
        "name",
        "practices",
        "patients",
        "neighbourhoods in band",
        "areas in band",
        "patients in main district",
        "districts whole in areas",
        "seconds",
      ],
      rows,
    ),
    "",
    `England: ${formatCount(sum((d) => d.design.neighbourhoods.length))} neighbourhoods (${formatCount(sum((d) => d.design.evaluation.neighbourhood.totals.inBand ?? 0))} in band) in ${formatCount(sum((d) => d.design.areas.length))} areas (${formatCount(sum((d) => d.design.evaluation.area.totals.inBand ?? 0))} in band); loaded in ${formatDecimal(o.seconds.load, 1)} s, designed in ${formatDecimal(o.seconds.design, 1)} s.`,
  ].join("\n");
}

export function registerNeighbourhoods(program: Command): void {
  const group = program
    .command("neighbourhoods")
    .description("neighbourhoods nested in multi-neighbourhood areas (10 Year Health Plan, 2025)");
  group
    .command("design")
    .description(
      "design neighbourhoods (default 30–50k patients) nested in areas (default 200–300k), each contiguous, near their patients, inside local authority districts and keeping today's PCNs together where the weights ask; shown beside today's PCNs",
    )
    .option("--icb <code>", "an ICB by ODS code (e.g. QNC), ONS code (E54…) or part of its name")
    .option("--sub-icb <code>", "a place (sub-ICB location) by ODS or ONS code")
    .option("--england", "every ICB of England in one run (labels carry the ICB code)")
    .option("--demo", "use the synthetic demo ICS (load it with `icsplan demo`)")
    .option(
      "--date <date>",
      "the picture as it stood on this date (default: the newest map with recent lists)",
    )
    .option("--lists <date>", "take list sizes from the newest list file on or before this date")
    .option(
      "--basis <basis>",
      "adjacency: auto (catchments where loaded, else Delaunay), catchment or delaunay",
      "auto",
    )
    .option("--overlap <share>", "catchment neighbours: minimum Σ min LSOA shares (default 0.02)")
    .option(
      "--prune-factor <k>",
      "Delaunay: prune edges over k × the longer endpoint median edge (default 3)",
    )
    .option("--max-edge-km <km>", "no edge longer than this, km (default 30)")
    .option(
      "--band <min-max>",
      "neighbourhood size band, e.g. 30000-50000 or 30k-50k (default 30k-50k; maximum up to 100k)",
    )
    .option("--area-band <min-max>", "area size band (default 200k-300k)")
    .option(
      "--la-weight <w>",
      "km of travel one patient outside their unit's local authority district is worth (default 1)",
    )
    .option("--pcn-weight <w>", "km of travel one patient away from today's PCN-mates is worth (default 1)")
    .option("--seed <n>", "random seed: equal seeds give equal designs (default 1)")
    .option("--starts <n>", "independent runs of each level's search (default 4; 1 with --england)")
    .option("--iterations <n>", "neighbourhood annealing proposals (default 10,000 + 300 per practice)")
    .option("--save <name>", "save the design in the store as a named scenario (both levels)")
    .option("--replace", "with --save: replace a scenario of the same name")
    .option("--description <text>", "with --save: what the scenario is for")
    .option("--out <file>", "also write the practice rows as CSV")
    .option("--format <format>", "table, csv, json or geojson", "table")
    .action(async (flags: Flags, command: Command) => {
      const format = (flags.format ?? "table") as Format;
      if (!FORMATS.includes(format))
        throw new UsageError(`--format must be table, csv, json or geojson; found '${flags.format}'`, {
          field: "format",
        });
      const england = flags.england === true || flags.icb?.toLowerCase() === "all";
      if (england && flags.subIcb !== undefined)
        throw new UsageError("--england designs whole ICBs: drop --sub-icb");
      if (england && format === "geojson")
        throw new UsageError("--format geojson draws one ICB or place: drop --england or choose csv or json");
      if (flags.replace && flags.save === undefined) throw new UsageError("--replace needs --save NAME");
      const { parseBandText } = await import("../../engines/networks/design/index.ts");
      const { RequestError } = await import("../../model/errors.ts");
      const band = (flag: string, text: string | undefined) => {
        try {
          return text === undefined ? undefined : parseBandText(text);
        } catch (error) {
          if (error instanceof RequestError)
            throw new UsageError(`${flag}: ${error.message}`, { field: flag.slice(2) });
          throw error;
        }
      };
      const weight = (flag: string, text: string | undefined) =>
        number(flag, text, (v) => v >= 0, "a number ≥ 0");
      const request = {
        ...pictureRequest(flags),
        icb: england ? undefined : flags.icb,
        subIcb: flags.subIcb,
        graph: parseGraphFlags(flags),
        england,
        options: {
          band: band("--band", flags.band),
          areaBand: band("--area-band", flags.areaBand),
          laWeight: weight("--la-weight", flags.laWeight),
          pcnWeight: weight("--pcn-weight", flags.pcnWeight),
          seed: number("--seed", flags.seed, Number.isInteger, "a whole number"),
          starts: number(
            "--starts",
            flags.starts,
            (v) => Number.isInteger(v) && v >= 1,
            "a whole number ≥ 1",
          ),
          iterations: number(
            "--iterations",
            flags.iterations,
            (v) => Number.isInteger(v) && v >= 0,
            "a whole number ≥ 0",
          ),
        },
        save:
          flags.save === undefined
            ? undefined
            : { name: flags.save, replace: flags.replace ?? false, description: flags.description },
      };
      const app = await import("../../app/neighbourhoods.ts");
      const run = async () => {
        try {
          return await withCommandStore(command, async (store) => {
            const outcome = await app.designNeighbourhoods(store, request);
            const geojson =
              format === "geojson" ? await app.neighbourhoodGeoJson(store, outcome.designs[0]!) : null;
            return { outcome, geojson };
          });
        } catch (error) {
          if (error instanceof RequestError && error.field === "name")
            throw new UsageError(`--save: ${error.message}`, { field: "save", kind: error.kind });
          if (error instanceof RequestError && ["band", "areaBand"].includes(error.field ?? ""))
            throw new UsageError(`--${error.field === "band" ? "band" : "area-band"}: ${error.message}`, {
              field: error.field,
            });
          throw error;
        }
      };
      const { outcome, geojson } = await run();
      const rows = outcome.designs.flatMap((d) => app.practiceRows(d));
      const csv = renderRecords(rows, "csv");
      if (flags.out !== undefined) {
        const { writeFileSync } = await import("node:fs");
        writeFileSync(flags.out, `${csv}\n`);
      }
      if (format === "csv") process.stdout.write(`${csv}\n`);
      else if (format === "json")
        process.stdout.write(`${JSON.stringify(app.neighbourhoodData(outcome), null, 2)}\n`);
      else if (format === "geojson") process.stdout.write(`${JSON.stringify(geojson)}\n`);
      else {
        if (outcome.england) process.stdout.write(`${renderEngland(outcome)}\n`);
        else {
          if (outcome.picture.synthetic) process.stdout.write("SYNTHETIC DEMO DATA\n\n");
          process.stdout.write(`${renderArea(outcome.designs[0]!)}\n`);
        }
        const saved = outcome.savedAs;
        if (saved !== null)
          process.stdout.write(
            `\nSaved as scenario '${saved}' (see \`icsplan scenarios show ${saved.includes(" ") ? `"${saved}"` : saved}\`).\n`,
          );
        if (flags.out !== undefined)
          process.stdout.write(`\nWrote ${flags.out} (${rows.length} practices).\n`);
      }
    });
}
