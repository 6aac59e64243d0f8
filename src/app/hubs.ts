// Use case: where to put k community specialist hubs in an ICB or place. Loads the picture (map, lists,
// sites, deprivation), the practices' LSOA registrations where loaded, the need data of the specialty
// (practice age bands, the QOF diabetes register) or the user's weights, and the candidate sites (practice
// sites, or a CSV the user gives); then solves p-median or maximal covering exactly for each k asked, with one
// HiGHS worker for the run.
//
// "Before": no community hub of the specialty exists in the data (and hospital sites are not loaded), so
// there is no today's-hub distance to compare with. The report gives, for reference, access with every
// candidate site open (the nearest practice site: the floor any k can reach), and, when `currentSitesFile`
// lists today's clinics, access to them as the before. Given a Work, it reports progress per k and stops at
// the next k when cancelled.
import {
  aggregateSmallPoints,
  buildDemand,
  needShares,
  SPECIALTIES,
  type PracticeNeedInput,
  type Specialty,
} from "../engines/hubs/demand.ts";
import { accessOf, type Access } from "../engines/hubs/access.ts";
import { siteOrder } from "../engines/hubs/model.ts";
import { placeHubs, type HubPlacement } from "../engines/hubs/place.ts";
import {
  HubRequestError,
  hubProblem,
  mergeColocated,
  type HubCandidate,
  type HubObjective,
  type HubProblem,
} from "../engines/hubs/problem.ts";
import { openHubSolver } from "../engines/hubs/solve.ts";
import { selectPractices } from "../engines/networks/instance-builder.ts";
import { isUnallocated } from "../model/organisation.ts";
import { pictureCaveats, type DatasetRef } from "../model/picture.ts";
import { describeFile } from "../sources/file.ts";
import { col, rules } from "../sources/table.ts";
import { readTable } from "../sources/table.ts";
import { loadCatchments } from "../store/repositories/catchments.ts";
import { loadAgeBands, loadQof } from "../store/repositories/payments.ts";
import type { Store } from "../store/store.ts";
import { footprintLabel } from "./footprints.ts";
import { readPicture } from "./picture.ts";
import { checkpoint, type Work } from "./work.ts";

export interface HubsRequest {
  synthetic: boolean;
  /** Map in force on this date (default: the picture's default map). */
  date?: string;
  icb?: string;
  subIcb?: string;
  specialty: Specialty;
  /** k values to solve, ascending (e.g. [3], or 1…6). */
  ks: number[];
  objective: HubObjective;
  /** Covering distance, and the distance access is reported within (km). */
  withinKm: number;
  /** CSV of candidate sites (site_code, site_name, lat, lon) instead of practice sites. */
  sitesFile?: string;
  /** CSV of today's sites of the specialty (same columns): access to them is the "before". */
  currentSitesFile?: string;
  /** CSV of practice_code, weight (per registered patient) for `custom`. */
  weightsFile?: string;
  /** HiGHS time limit per k, seconds (default 60). */
  timeLimitSeconds?: number;
  /** Demand points with fewer registered patients merge into the nearest larger one (default 20; 0: none). */
  minPatients?: number;
}

export interface HubSite {
  code: string;
  name: string;
  lat: number;
  lon: number;
  /** Practices at the site (practice sites) or empty (user sites). */
  practices: string[];
}

export interface HubsPlacementView extends Omit<HubPlacement, "assignment" | "hubs" | "access"> {
  hubs: (HubSite & { weight: number; meanKm: number | null })[];
  access: Access;
}

export interface HubsReport {
  synthetic: boolean;
  date: string;
  areaLabel: string;
  /** The ICB footprint of the map, e.g. "ICB footprint from 2026-04-01 (36 ICBs; …)". */
  footprint: string | null;
  specialty: { id: Specialty; label: string; need: string };
  objective: HubObjective;
  withinKm: number;
  demand: {
    basis: string;
    points: number;
    lsoaPoints: number;
    sitePoints: number;
    patients: number;
    need: number;
    /** The area's mean need share per registered patient. */
    meanShare: number;
    /** Small points merged (aggregateSmallPoints) and the bound on the error they make, need-km. */
    merged: { points: number; patients: number; errorBound: number };
  };
  sites: { basis: "practice sites" | "file"; count: number; practices: number };
  placements: HubsPlacementView[];
  /** Every candidate site open: the nearest candidate site of each point (the floor of any k). */
  everySite: Access;
  /** Access to today's sites when `currentSitesFile` gives them; else null (no hubs today in the data). */
  before: { label: string; sites: number; access: Access } | null;
  /** The demand points with their nearest chosen hub, for the largest k placed (GeoJSON/CSV). */
  points: {
    code: string;
    lat: number;
    lon: number;
    weight: number;
    quintile: number;
    hub: string;
    km: number;
  }[];
  sources: Record<string, DatasetRef | null>;
  caveats: string[];
}

const siteSpec = {
  code: col.text("site_code", "code", "SITE_CODE"),
  name: col.text("site_name", "name", "SITE_NAME").orNull().optionalColumn(),
  lat: col.number("lat", "latitude", "LAT").where(rules.between(49, 61)),
  lon: col.number("lon", "longitude", "LON", "long").where(rules.between(-8, 2)),
};

/** Reads a sites CSV (site_code, site_name, lat, lon in WGS84 degrees); SourceError on bad input. */
export async function readSitesCsv(path: string): Promise<HubCandidate[]> {
  const table = await readTable(await describeFile(path, path), siteSpec);
  const out: HubCandidate[] = [];
  const seen = new Set<string>();
  for await (const r of table.rows) {
    if (seen.has(r.code))
      throw new HubRequestError(`${path} line ${r._line}: site_code '${r.code}' appears twice`, "sites");
    seen.add(r.code);
    out.push({ code: r.code, name: r.name ?? r.code, lat: r.lat, lon: r.lon, practices: [] });
  }
  if (out.length === 0) throw new HubRequestError(`${path} lists no sites`, "sites");
  return out;
}

const weightSpec = {
  practiceCode: col.text("practice_code", "PRACTICE_CODE", "practice"),
  weight: col.number("weight", "WEIGHT").where(rules.atLeast(0)),
};

async function readWeightsCsv(path: string): Promise<Map<string, number>> {
  const table = await readTable(await describeFile(path, path), weightSpec);
  const out = new Map<string, number>();
  for await (const r of table.rows) out.set(r.practiceCode.toUpperCase(), r.weight);
  return out;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

function siteView(c: HubCandidate): HubSite {
  return { code: c.code, name: c.name, lat: c.lat, lon: c.lon, practices: c.practices ?? [] };
}

/** The problem, its sites and what was loaded: everything but the solves (shared with the benchmark). */
export async function loadHubProblem(store: Store, request: HubsRequest) {
  const picture = await readPicture(store, { synthetic: request.synthetic, date: request.date });
  let icb = request.icb;
  if (icb === undefined && request.subIcb === undefined) {
    const icbs = [...new Set(picture.practices.map((p) => p.icb.code))].sort();
    if (icbs.length !== 1)
      throw new HubRequestError(
        `choose an area with --icb or --sub-icb (the map has ${icbs.length} ICBs)`,
        "icb",
      );
    icb = icbs[0]!;
  }
  const { practices: all } = selectPractices(picture, { icb, subIcb: request.subIcb });
  const practices = all.filter((p) => (p.listSize ?? 0) > 0);
  if (practices.length === 0)
    throw new HubRequestError("the area has no practices with registered patients", "icb", "unprocessable");
  const first = practices[0]!;
  const areaLabel =
    request.subIcb !== undefined
      ? `${first.subIcb.name} (${first.subIcb.code})`
      : `${first.icb.name} (${first.icb.code})`;
  const caveats: string[] = [...pictureCaveats(picture)];
  const sources: Record<string, DatasetRef | null> = { ...picture.sources };

  // Need data.
  let ageBands: Map<string, { male: number[]; female: number[] }> | null = null;
  let diabetes: Map<string, { register: number; list: number }> | null = null;
  let weights: Map<string, number> | null = null;
  if (request.specialty === "care-of-the-elderly") {
    ageBands = await loadAgeBands(store.db, picture.sources.lists);
    sources.ageBands = picture.sources.lists;
  } else if (request.specialty === "diabetes") {
    const q = await loadQof(store.db, request.synthetic);
    sources.qof = q.ref;
    const dm = q.table.groups.findIndex((g) => g.code === "DM");
    const total = q.table.groups.findIndex((g) => g.listType === "TOTAL");
    diabetes = new Map();
    if (dm >= 0 && total >= 0)
      for (const [code, v] of q.table.values) {
        const register = v[2 * dm]!;
        const list = v[2 * total + 1]!;
        if (Number.isFinite(register) && Number.isFinite(list) && list > 0)
          diabetes.set(code, { register, list });
      }
  } else if (request.specialty === "custom") {
    if (request.weightsFile === undefined)
      throw new HubRequestError("--specialty custom needs --weights FILE (practice_code, weight)", "weights");
    weights = await readWeightsCsv(request.weightsFile);
  }
  const inputs: PracticeNeedInput[] = practices.map((p) => ({
    code: p.code,
    listSize: p.listSize ?? 0,
    lat: p.site.lat ?? Number.NaN,
    lon: p.site.lon ?? Number.NaN,
    imdDecile: p.deprivation?.decile ?? null,
    ageBands: ageBands?.get(p.code) ?? null,
    diabetes: diabetes?.get(p.code) ?? null,
    weight: weights ? (weights.get(p.code) ?? null) : null,
  }));
  const { share, defaulted, meanShare } = needShares(request.specialty, inputs);
  if (defaulted.length > 0)
    caveats.push(
      request.specialty === "custom"
        ? `${defaulted.length} practices are not in ${request.weightsFile}: their patients weigh 1 each.`
        : `${defaulted.length} practices have no ${request.specialty === "diabetes" ? "QOF diabetes register" : "age bands"}: their patients take the area's mean share (${(100 * meanShare).toFixed(1)}%): ${defaulted.slice(0, 10).join(", ")}${defaulted.length > 10 ? ", …" : ""}.`,
    );

  // Demand: LSOA registrations where loaded, else practice sites.
  const catchments = await loadCatchments(store.db, {
    synthetic: request.synthetic,
    practiceCodes: practices.map((p) => p.code),
    date: picture.date,
  });
  if (catchments) {
    sources.lsoaRegistrations = catchments.dataset;
    caveats.push(...catchments.notes);
  }
  const built = buildDemand(inputs, share, catchments);
  if (built.sitePoints > 0)
    caveats.push(
      catchments
        ? `${built.sitePoints} practices are not in the LSOA registrations of ${catchments.dataset.period}: their patients are placed at the practice site.`
        : "No LSOA registrations cover the area: demand is each practice's patients at the practice site, and the IMD quintile is the practice's.",
    );
  if (built.patientsLeftOut > 0)
    caveats.push(
      `${fmt(built.patientsLeftOut)} patients are left out: ${built.lsoasWithoutCentroid} LSOAs have no centroid loaded${built.lsoasWithoutCentroid === 0 ? " (practices without a site)" : ""}.`,
    );

  // Candidate sites.
  let candidates: HubCandidate[];
  let siteBasis: HubsReport["sites"]["basis"];
  if (request.sitesFile !== undefined) {
    candidates = await readSitesCsv(request.sitesFile);
    siteBasis = "file";
  } else {
    const withSite = practices.filter((p) => p.site.lat !== null && p.site.lon !== null);
    if (withSite.length < practices.length)
      caveats.push(
        `${practices.length - withSite.length} practices have no site coordinates and are not candidate sites.`,
      );
    const approximate = withSite.filter((p) => p.site.approximate);
    if (approximate.length > 0)
      caveats.push(
        `${approximate.length} candidate practice sites are placed at their postcode sector's or district's centroid: ${approximate.map((p) => p.code).join(", ")}.`,
      );
    candidates = mergeColocated(
      withSite.map((p) => ({
        code: p.code,
        name: p.name,
        lat: p.site.lat!,
        lon: p.site.lon!,
        practices: [p.code],
      })),
    );
    siteBasis = "practice sites";
    if (candidates.length < withSite.length)
      caveats.push(
        `${withSite.length} practices share ${candidates.length} distinct sites (practices at one address are one candidate).`,
      );
  }
  const minPatients = request.minPatients ?? 20;
  const aggregation = aggregateSmallPoints(built.demand, built.pointPatients, minPatients);
  if (aggregation.merged > 0)
    caveats.push(
      `${fmt(aggregation.merged)} demand points with fewer than ${minPatients} registered patients (${fmt(aggregation.mergedPatients)} patients, ${((100 * aggregation.mergedPatients) / Math.max(1, built.patients)).toFixed(2)}%) are merged into their nearest larger point (moved at most ${aggregation.maxMoveKm.toFixed(1)} km): for any hubs the need-weighted distance differs from the unmerged demand's by at most ${fmt(aggregation.errorBound)} need-km (--min-patients 0 keeps every point).`,
    );
  const problem = hubProblem(aggregation.demand, candidates);
  const need = aggregation.demand.weight.reduce((a, w) => a + w, 0);
  const unallocated = practices.filter((p) => isUnallocated(p)).length;
  if (unallocated > 0)
    caveats.push(
      `${unallocated} ${unallocated === 1 ? "practice is" : "practices are"} in no PCN; included as demand and sites all the same.`,
    );
  return {
    picture,
    areaLabel,
    footprint: await footprintLabel(store, picture),
    problem,
    built,
    need,
    aggregation,
    meanShare,
    siteBasis,
    practicesCount: practices.length,
    sources,
    caveats,
  };
}

/**
 * Hubs for each k asked.
 * @example await hubsReport(store, { synthetic: false, icb: "QNC", specialty: "diabetes", ks: [3], objective: "p-median", withinKm: 5 })
 */
export async function hubsReport(store: Store, request: HubsRequest, work?: Work): Promise<HubsReport> {
  if (request.ks.length === 0) throw new HubRequestError("give k (-k 3) or a range (--k-range 1..6)", "k");
  await checkpoint(work, { stage: "load", message: "demand, need and candidate sites" });
  const loaded = await loadHubProblem(store, request);
  const { problem } = loaded;
  const m = problem.candidates.length;
  const tooMany = request.ks.find((k) => k > m);
  if (tooMany !== undefined)
    throw new HubRequestError(
      `k = ${tooMany} is more than the ${m} candidate sites of ${loaded.areaLabel}`,
      "k",
    );
  const solver = await openHubSolver();
  const cache = { order: siteOrder(problem), solver };
  const placements: HubPlacement[] = [];
  try {
    for (const [i, k] of request.ks.entries()) {
      await checkpoint(work, { stage: "place", done: i, total: request.ks.length, message: `k = ${k}` });
      placements.push(
        await placeHubs(
          problem,
          {
            k,
            objective: request.objective,
            withinKm: request.withinKm,
            ...(request.timeLimitSeconds !== undefined ? { timeLimitSeconds: request.timeLimitSeconds } : {}),
          },
          cache,
        ),
      );
    }
  } finally {
    await solver.close();
  }
  const caveats = [...loaded.caveats];
  for (const p of placements)
    if (p.status !== "optimal")
      caveats.push(
        `k = ${p.k}: HiGHS reached its time limit; the hubs are the best found, within ${(100 * p.gap).toFixed(2)}% of the bound.`,
      );
  let before: HubsReport["before"] = null;
  if (request.currentSitesFile !== undefined) {
    const current = await readSitesCsv(request.currentSitesFile);
    const p2: HubProblem = hubProblem(problem.demand, current);
    before = {
      label: request.currentSitesFile,
      sites: current.length,
      access: accessOf(
        p2,
        current.map((_, j) => j),
        request.withinKm,
      ),
    };
  } else
    caveats.push(
      "Before: no community hub of the specialty is in the data (nor are hospital sites), so access before is not measured; give today's sites with --current FILE. 'Every site' is the floor: each point's nearest candidate site.",
    );
  caveats.push(
    "Distances are straight lines (haversine) from LSOA population-weighted centroids (or practice sites) to the sites, not travel times.",
  );
  const view = (p: HubPlacement): HubsPlacementView => {
    const { assignment, hubs, access, ...rest } = p;
    return {
      ...rest,
      access,
      hubs: hubs.map((j) => {
        let w = 0;
        let d = 0;
        for (let i = 0; i < assignment.length; i++)
          if (assignment[i] === j) {
            w += problem.demand.weight[i]!;
            d += problem.demand.weight[i]! * problem.distance[i * m + j]!;
          }
        return { ...siteView(problem.candidates[j]!), weight: w, meanKm: w > 0 ? d / w : null };
      }),
    };
  };
  const last = placements[placements.length - 1]!;
  const points = problem.demand.codes.map((code, i) => ({
    code,
    lat: problem.demand.lat[i]!,
    lon: problem.demand.lon[i]!,
    weight: problem.demand.weight[i]!,
    quintile: problem.demand.quintile[i]!,
    hub: problem.candidates[last.assignment[i]!]!.code,
    km: problem.distance[i * m + last.assignment[i]!]!,
  }));
  return {
    synthetic: loaded.picture.synthetic,
    date: loaded.picture.date,
    areaLabel: loaded.areaLabel,
    footprint: loaded.footprint,
    specialty: { id: request.specialty, ...SPECIALTIES[request.specialty] },
    objective: request.objective,
    withinKm: request.withinKm,
    demand: {
      basis:
        loaded.built.lsoaPoints > 0
          ? `LSOAs of residence (LSOA registrations of ${loaded.sources.lsoaRegistrations?.period ?? "–"})${loaded.built.sitePoints > 0 ? ` and ${loaded.built.sitePoints} practice sites` : ""}`
          : "practice sites",
      points: problem.demand.codes.length,
      lsoaPoints: loaded.built.lsoaPoints,
      sitePoints: loaded.built.sitePoints,
      patients: loaded.built.patients,
      need: loaded.need,
      meanShare: loaded.meanShare,
      merged: {
        points: loaded.aggregation.merged,
        patients: loaded.aggregation.mergedPatients,
        errorBound: loaded.aggregation.errorBound,
      },
    },
    sites: { basis: loaded.siteBasis, count: m, practices: loaded.practicesCount },
    placements: placements.map(view),
    everySite: accessOf(
      problem,
      problem.candidates.map((_, j) => j),
      request.withinKm,
    ),
    before,
    points,
    sources: loaded.sources,
    caveats,
  };
}
