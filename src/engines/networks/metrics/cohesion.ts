// Cohesion: how far a network's patients are from it.
//
// LSOA basis (where the instance has catchments): each practice's patients are placed at the centroids of
// the LSOAs they live in. For a network N with patients x_l in LSOA l (summed over its practices):
//   nearestSiteKm = Σ_l x_l · min_{s ∈ sites(N)} d(l, s) / Σ_l x_l   (to the network's nearest site)
//   centreKm      = Σ_l x_l · d(l, c_N) / Σ_l x_l,  c_N = Σ_l x_l · l / Σ_l x_l   (to its population centre)
// Practice-site basis (no catchments, or none of the network's practices has LSOA rows): each practice's
// list stands at its site; centreKm = Σ_p list_p · d(site_p, c_N) / Σ_p list_p with c_N the list-weighted
// mean site; nearestSiteKm is not defined (every patient would be at a site: 0).
// d is great-circle km; centres are weighted means of latitude and longitude (fine at ICB scale).
// Breach: a practice whose site is more than `farPracticeKm` (default 20) from its network's centre.
import {
  hasSite,
  haversineKm,
  haversineTerm,
  kmFromHaversine,
  radianPoints,
  type RadianPoints,
} from "../geo.ts";
import type { Catchments } from "../instance.ts";
import { count, km1, practiceLabel, type Breach, type MetricContext } from "./context.ts";

export type CohesionBasis = "lsoa" | "practice-site";

export interface NetworkCohesion {
  basis: CohesionBasis;
  /** LSOA basis only: patient-weighted mean km from home LSOA to the network's nearest practice site. */
  nearestSiteKm: number | null;
  /** Patient-weighted mean km to the network's population centre (null when nothing is placed). */
  centreKm: number | null;
  centre: { lat: number; lon: number } | null;
  /** Patients the figures are over. */
  patients: number;
  /** The farthest practice site from the centre, km. */
  farthestPracticeKm: number | null;
}

export interface CohesionOptions {
  farPracticeKm?: number;
}

export const DEFAULT_FAR_PRACTICE_KM = 20;

const lsoaPoints = new WeakMap<Catchments, RadianPoints>();
const pointsOf = (c: Catchments) => {
  let points = lsoaPoints.get(c);
  if (!points) lsoaPoints.set(c, (points = radianPoints(c.lsoaLat, c.lsoaLon)));
  return points;
};

export function cohesionMetric(
  ctx: MetricContext,
  options: CohesionOptions = {},
): { networks: NetworkCohesion[]; breaches: Breach[] } {
  const { instance } = ctx;
  const far = options.farPracticeKm ?? DEFAULT_FAR_PRACTICE_KM;
  const c = instance.catchments;
  const m = c ? c.lsoaCodes.length : 0;
  const weight = new Float64Array(m); // patients of the current network by LSOA
  const touched: number[] = [];
  const breaches: Breach[] = [];
  const networks = ctx.members.map((members, i): NetworkCohesion => {
    const sites = members.filter((p) => hasSite(instance.lat[p]!, instance.lon[p]!));
    let result: NetworkCohesion | null = null;
    if (c) {
      for (const p of members)
        for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++) {
          const l = c.lsoa[e]!;
          if (!hasSite(c.lsoaLat[l]!, c.lsoaLon[l]!)) continue;
          if (weight[l] === 0) touched.push(l);
          weight[l]! += c.patients[e]!;
        }
      let total = 0;
      let sLat = 0;
      let sLon = 0;
      for (const l of touched) {
        total += weight[l]!;
        sLat += weight[l]! * c.lsoaLat[l]!;
        sLon += weight[l]! * c.lsoaLon[l]!;
      }
      if (total > 0) {
        const centre = { lat: sLat / total, lon: sLon / total };
        const points = pointsOf(c);
        const sitePoints = radianPoints(
          sites.map((p) => instance.lat[p]!),
          sites.map((p) => instance.lon[p]!),
        );
        const centrePoint = radianPoints([centre.lat], [centre.lon]);
        let nearest = 0;
        let toCentre = 0;
        for (const l of touched) {
          let best = Number.POSITIVE_INFINITY;
          for (let s = 0; s < sites.length; s++)
            best = Math.min(best, haversineTerm(points, l, sitePoints, s));
          nearest += weight[l]! * kmFromHaversine(best);
          toCentre += weight[l]! * kmFromHaversine(haversineTerm(points, l, centrePoint, 0));
        }
        result = {
          basis: "lsoa",
          nearestSiteKm: sites.length > 0 ? nearest / total : null,
          centreKm: toCentre / total,
          centre,
          patients: total,
          farthestPracticeKm: null,
        };
      }
      for (const l of touched) weight[l] = 0;
      touched.length = 0;
    }
    if (!result) {
      let total = 0;
      let sLat = 0;
      let sLon = 0;
      for (const p of sites) {
        total += instance.listSize[p]!;
        sLat += instance.listSize[p]! * instance.lat[p]!;
        sLon += instance.listSize[p]! * instance.lon[p]!;
      }
      const centre = total > 0 ? { lat: sLat / total, lon: sLon / total } : null;
      let toCentre = 0;
      if (centre)
        for (const p of sites)
          toCentre +=
            instance.listSize[p]! * haversineKm(instance.lat[p]!, instance.lon[p]!, centre.lat, centre.lon);
      result = {
        basis: "practice-site",
        nearestSiteKm: null,
        centreKm: centre ? toCentre / total : null,
        centre,
        patients: total,
        farthestPracticeKm: null,
      };
    }
    if (result.centre && sites.length > 0) {
      const { lat, lon } = result.centre;
      const dist = sites.map((p) => haversineKm(instance.lat[p]!, instance.lon[p]!, lat, lon));
      result.farthestPracticeKm = Math.max(...dist);
      const label = ctx.labels[i]!;
      const outliers = sites.filter((_, j) => dist[j]! > far);
      if (outliers.length > 0 && members.length > 1)
        breaches.push({
          rule: "cohesion.far-practice",
          network: label.code,
          practices: outliers.map((p) => instance.practiceCodes[p]!),
          figure: result.farthestPracticeKm,
          message:
            `${label.code} ${label.name}: ` +
            outliers
              .map((p) => `${practiceLabel(instance, p)} is ${km1(dist[sites.indexOf(p)]!)}`)
              .join(", ") +
            ` from the network's patient centre (more than ${far} km; ${count(result.patients)} patients)`,
        });
    }
    return result;
  });
  return { networks, breaches };
}
