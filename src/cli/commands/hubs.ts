// `icsplan hubs`: where to put k community specialist hubs (care of the elderly, diabetes, dermatology, or a
// user-weighted specialty) in an ICB or place: p-median or maximal covering, solved exactly with HiGHS, with
// access by IMD quintile and a table of how the answer changes with k. See docs/hubs.md.
import type { Command } from "commander";
import type { HubsReport, HubsRequest } from "../../app/hubs.ts";
import type { AccessGroup } from "../../engines/hubs/access.ts";
import { footprintLines, formatCount, renderTable } from "../format.ts";
import { renderRecords } from "../output.ts";
import { dateFlag, withCommandStore } from "../picture-options.ts";
import { UsageError } from "../run.ts";

interface HubsFlags {
  icb?: string;
  subIcb?: string;
  date?: string;
  demo?: boolean;
  specialty?: string;
  k?: string;
  kRange?: string;
  objective?: string;
  within?: string;
  sites?: string;
  current?: string;
  weights?: string;
  minPatients?: string;
  timeLimit?: string;
  format?: string;
  out?: string;
}

const FORMATS = ["table", "csv", "json", "geojson"] as const;

/** `5`, `5km`, `5 km`, `2.5km` → km. */
export function parseKm(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(km)?\s*$/i.exec(value);
  const km = m ? Number(m[1]) : Number.NaN;
  if (!(km > 0))
    throw new UsageError(`--within must be a distance such as 5km; found '${value}'`, { field: "within" });
  return km;
}

/** `-k 3` or `--k-range 1..6` → the k values, ascending. */
export function parseKs(k: string | undefined, range: string | undefined): number[] {
  if (k !== undefined && range !== undefined)
    throw new UsageError("give -k or --k-range, not both", { field: "k" });
  if (range !== undefined) {
    const m = /^\s*(\d+)\s*(?:\.\.|-|…)\s*(\d+)\s*$/.exec(range);
    const [a, b] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
    if (!(a >= 1 && b >= a && b - a < 50))
      throw new UsageError(`--k-range must be a range such as 1..6; found '${range}'`, { field: "k-range" });
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const v = k === undefined ? 3 : Number(k);
  if (!Number.isInteger(v) || v < 1)
    throw new UsageError(`-k must be a whole number of at least 1; found '${k}'`, { field: "k" });
  return [v];
}

const km = (v: number | null) => (v === null ? "–" : v.toFixed(2));
const pct = (v: number | null) => (v === null ? "–" : `${(100 * v).toFixed(1)}%`);

function accessColumns(label: string, g: AccessGroup | undefined): Record<string, string> {
  return { [`${label} mean km`]: km(g?.meanKm ?? null), [`${label} within`]: pct(g?.withinShare ?? null) };
}

function renderReport(r: HubsReport): string {
  const last = r.placements[r.placements.length - 1]!;
  const objective =
    r.objective === "p-median"
      ? "p-median: minimise the need-weighted straight-line distance to the nearest hub"
      : `maximal covering: maximise the need within ${r.withinKm} km of a hub`;
  const lines = [
    `${r.synthetic ? "SYNTHETIC DEMO: " : ""}Community ${r.specialty.label.toLowerCase()} hubs: ${r.areaLabel}, map of ${r.date}`,
    ...footprintLines(r.footprint),
    `Need: ${r.specialty.need}, ${formatCount(r.demand.need)} (${(100 * r.demand.meanShare).toFixed(1)}% of ${formatCount(r.demand.patients)} patients), at ${formatCount(r.demand.points)} demand points: ${r.demand.basis}`,
    `Sites: ${r.sites.count} candidate ${r.sites.basis === "file" ? "sites from the file" : `practice sites (${r.sites.practices} practices)`}`,
    `Objective: ${objective}; access reported within ${r.withinKm} km`,
    "",
    `k = ${last.k}: ${last.status === "optimal" ? "optimal" : `best found at the time limit (gap ${pct(last.gap)})`}; ${last.rounds} HiGHS solve${last.rounds === 1 ? "" : "s"}, model ${formatCount(last.columns)} columns × ${formatCount(last.rows)} rows, ${last.seconds.toFixed(1)} s`,
    renderRecords(
      last.hubs.map((h, i) => ({
        hub: i + 1,
        site: h.code,
        name: h.name,
        practices: h.practices.length > 1 ? h.practices.join(" ") : "",
        "need served": formatCount(h.weight),
        "mean km": km(h.meanKm),
      })),
      "table",
    ),
    "",
    "Access by IMD quintile (Q1 = most deprived)" +
      (r.before
        ? `: before = today's sites (${r.before.label}, ${r.before.sites})`
        : "; before: no community hubs in the data (--current FILE gives today's sites)"),
    renderRecords(
      last.access.byQuintile
        .map((g, i) => ({
          group: g.group,
          need: formatCount(g.weight),
          ...(r.before ? accessColumns("before", r.before.access.byQuintile[i]) : {}),
          ...accessColumns(`k=${last.k}`, g),
          ...accessColumns("every site", r.everySite.byQuintile[i]),
        }))
        .concat([
          {
            group: "all",
            need: formatCount(last.access.overall.weight),
            ...(r.before ? accessColumns("before", r.before.access.overall) : {}),
            ...accessColumns(`k=${last.k}`, last.access.overall),
            ...accessColumns("every site", r.everySite.overall),
          },
        ]),
      "table",
    ),
  ];
  if (r.placements.length > 1) {
    const q = (p: (typeof r.placements)[number], name: string) =>
      p.access.byQuintile.find((g) => g.group === name);
    lines.push(
      "",
      "How the answer changes with k",
      renderTable(
        [
          "k",
          "status",
          r.objective === "p-median" ? "need-km" : "need covered",
          "mean km",
          `within ${r.withinKm} km`,
          "Q1 mean km",
          "Q5 mean km",
          "farthest km",
          "seconds",
          "hubs",
        ],
        r.placements.map((p) => [
          String(p.k),
          p.status,
          formatCount(p.value),
          km(p.access.overall.meanKm),
          pct(p.access.overall.withinShare),
          km(q(p, "Q1")?.meanKm ?? null),
          km(q(p, "Q5")?.meanKm ?? null),
          km(p.access.overall.maxKm),
          p.seconds.toFixed(1),
          p.hubs.map((h) => h.code).join(" "),
        ]),
      ),
    );
  }
  lines.push("", "Caveats:", ...r.caveats.map((c) => `- ${c}`));
  return lines.join("\n");
}

function renderGeoJson(r: HubsReport): string {
  const last = r.placements[r.placements.length - 1]!;
  const hubs = last.hubs.map((h, i) => ({
    type: "Feature",
    properties: {
      kind: "hub",
      rank: i + 1,
      site_code: h.code,
      name: h.name,
      practices: h.practices,
      need_served: h.weight,
      mean_km: h.meanKm,
    },
    geometry: { type: "Point", coordinates: [h.lon, h.lat] },
  }));
  const points = r.points.map((p) => ({
    type: "Feature",
    properties: {
      kind: "demand",
      code: p.code,
      need: p.weight,
      imd_quintile: p.quintile || null,
      hub: p.hub,
      km: p.km,
    },
    geometry: { type: "Point", coordinates: [p.lon, p.lat] },
  }));
  return JSON.stringify({
    type: "FeatureCollection",
    features: [...hubs, ...points],
    metadata: {
      area: r.areaLabel,
      date: r.date,
      specialty: r.specialty,
      objective: r.objective,
      k: last.k,
      withinKm: r.withinKm,
      synthetic: r.synthetic,
      caveats: r.caveats,
    },
  });
}

/** One row per k and hub (CSV). */
const csvRows = (r: HubsReport) =>
  r.placements.flatMap((p) =>
    p.hubs.map((h, i) => ({
      k: p.k,
      objective: p.objective,
      status: p.status,
      value: Math.round(p.value * 100) / 100,
      hub: i + 1,
      site_code: h.code,
      site_name: h.name,
      lat: h.lat,
      lon: h.lon,
      need_served: Math.round(h.weight * 10) / 10,
      mean_km: h.meanKm === null ? null : Math.round(h.meanKm * 1000) / 1000,
      area_mean_km:
        p.access.overall.meanKm === null ? null : Math.round(p.access.overall.meanKm * 1000) / 1000,
      area_within_share:
        p.access.overall.withinShare === null
          ? null
          : Math.round(p.access.overall.withinShare * 10000) / 10000,
    })),
  );

export function registerHubs(program: Command): void {
  program
    .command("hubs")
    .description(
      "where to put k community specialist hubs (care of the elderly, diabetes, dermatology, custom) in an ICB or place: " +
        "p-median or maximal covering solved exactly with HiGHS; access by IMD quintile; how the answer changes with k",
    )
    .option("--icb <code>", "the ICB (ODS or ONS code, or name)")
    .option("--sub-icb <code>", "the place (sub-ICB location)")
    .option("--date <date>", "the PCN map in force on this date (default: the newest with recent lists)")
    .option("--demo", "use the synthetic demo ICS")
    .option(
      "--specialty <name>",
      "care-of-the-elderly (patients 65+), diabetes (QOF register), dermatology (all patients) or custom (--weights)",
      "dermatology",
    )
    .option("-k, --k <n>", "number of hubs (default 3)")
    .option("--k-range <a..b>", "solve every k from a to b, e.g. 1..6, and show how the answer changes")
    .option(
      "--objective <objective>",
      "p-median (minimise need-weighted distance) or covering (need within --within)",
      "p-median",
    )
    .option("--within <km>", "the covering distance, and the distance access is reported within", "5km")
    .option(
      "--sites <file>",
      "candidate sites CSV (site_code, site_name, lat, lon) instead of practice sites",
    )
    .option(
      "--current <file>",
      "today's sites of the specialty (same columns): access to them is shown as before",
    )
    .option("--weights <file>", "custom need: CSV of practice_code, weight per registered patient")
    .option(
      "--min-patients <n>",
      "merge demand points with fewer registered patients into the nearest larger one (0: none)",
      "20",
    )
    .option("--time-limit <seconds>", "HiGHS time limit per k", "60")
    .option(
      "--format <format>",
      "table, csv (one row per k and hub), json or geojson (hubs and demand points of the last k)",
      "table",
    )
    .option("--out <file>", "write to this file instead of standard output")
    .action(async (flags: HubsFlags, command: Command) => {
      const format = flags.format ?? "table";
      if (!(FORMATS as readonly string[]).includes(format))
        throw new UsageError(`--format must be ${FORMATS.join(", ")}; found '${format}'`, {
          field: "format",
        });
      if (flags.icb !== undefined && flags.subIcb !== undefined)
        throw new UsageError("give --icb or --sub-icb, not both");
      const objective = flags.objective ?? "p-median";
      if (objective !== "p-median" && objective !== "covering")
        throw new UsageError(`--objective must be p-median or covering; found '${objective}'`, {
          field: "objective",
        });
      const minPatients = Number(flags.minPatients ?? "20");
      if (!(minPatients >= 0))
        throw new UsageError(`--min-patients must be a number ≥ 0; found '${flags.minPatients}'`);
      const timeLimit = Number(flags.timeLimit ?? "60");
      if (!(timeLimit > 0))
        throw new UsageError(`--time-limit must be a number of seconds above 0; found '${flags.timeLimit}'`);
      const { hubsReport } = await import("../../app/hubs.ts");
      const { parseSpecialty } = await import("../../engines/hubs/demand.ts");
      const request: HubsRequest = {
        synthetic: flags.demo ?? false,
        ...(flags.date !== undefined ? { date: dateFlag("date", flags.date)! } : {}),
        ...(flags.icb !== undefined ? { icb: flags.icb } : {}),
        ...(flags.subIcb !== undefined ? { subIcb: flags.subIcb } : {}),
        specialty: parseSpecialty(flags.specialty),
        ks: parseKs(flags.k, flags.kRange),
        objective,
        withinKm: parseKm(flags.within ?? "5km"),
        ...(flags.sites !== undefined ? { sitesFile: flags.sites } : {}),
        ...(flags.current !== undefined ? { currentSitesFile: flags.current } : {}),
        ...(flags.weights !== undefined ? { weightsFile: flags.weights } : {}),
        minPatients,
        timeLimitSeconds: timeLimit,
      };
      const report = await withCommandStore(command, (store) => hubsReport(store, request));
      const text =
        format === "table"
          ? renderReport(report)
          : format === "geojson"
            ? renderGeoJson(report)
            : format === "json"
              ? JSON.stringify(report, null, 2)
              : renderRecords(csvRows(report), "csv");
      if (flags.out === undefined) process.stdout.write(`${text}\n`);
      else {
        const { writeFileSync } = await import("node:fs");
        writeFileSync(flags.out, `${text}\n`);
        process.stderr.write(`Wrote ${flags.out} (${format}).\n`);
      }
    });
}
