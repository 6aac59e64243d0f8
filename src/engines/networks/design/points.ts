// Where each practice's patients live, for cohesion: the centroids of their LSOAs where the instance has
// catchments for the practice, else the whole list at the practice's site, on the plane of the sites.
import { EARTH_RADIUS_KM, hasSite } from "../geo.ts";
import type { NetworkInstance } from "../instance.ts";

/**
 * Where each practice's patients live, as weighted points on the plane of the sites. Practice p's points are
 * pointStart[p] … pointStart[p + 1] − 1; `pointSum*` hold each practice's Σ weight, Σ weight × x and
 * Σ weight × y, so a network's centre costs one pass over practices.
 */
export interface PatientPoints {
  pointStart: Int32Array;
  pointX: Float64Array;
  pointY: Float64Array;
  pointW: Float64Array;
  pointSumW: Float64Array;
  pointSumX: Float64Array;
  pointSumY: Float64Array;
  /** `lsoa` when every practice's patients are placed by catchments, `mixed` when some are. */
  cohesionBasis: "lsoa" | "practice-site" | "mixed";
}

/** Patients' points: LSOA centroids from catchments where a practice has them, else the site. */
export function patientPoints(
  instance: NetworkInstance,
  x: Float64Array,
  y: Float64Array,
  located: Uint8Array,
  lat0: number,
): PatientPoints {
  const n = instance.practiceCodes.length;
  const c = instance.catchments;
  const kx = EARTH_RADIUS_KM * (Math.PI / 180) * Math.cos((lat0 * Math.PI) / 180);
  const ky = EARTH_RADIUS_KM * (Math.PI / 180);
  const px: number[] = [];
  const py: number[] = [];
  const pw: number[] = [];
  const pointStart = new Int32Array(n + 1);
  let byLsoa = 0;
  for (let p = 0; p < n; p++) {
    let placed = false;
    if (c)
      for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++) {
        const l = c.lsoa[e]!;
        if (!hasSite(c.lsoaLat[l]!, c.lsoaLon[l]!) || !(c.patients[e]! > 0)) continue;
        px.push(c.lsoaLon[l]! * kx);
        py.push(c.lsoaLat[l]! * ky);
        pw.push(c.patients[e]!);
        placed = true;
      }
    if (placed) byLsoa++;
    else if (located[p]) {
      px.push(x[p]!);
      py.push(y[p]!);
      pw.push(instance.listSize[p]!);
    }
    pointStart[p + 1] = pw.length;
  }
  const pointSumW = new Float64Array(n);
  const pointSumX = new Float64Array(n);
  const pointSumY = new Float64Array(n);
  for (let p = 0; p < n; p++)
    for (let i = pointStart[p]!; i < pointStart[p + 1]!; i++) {
      pointSumW[p]! += pw[i]!;
      pointSumX[p]! += pw[i]! * px[i]!;
      pointSumY[p]! += pw[i]! * py[i]!;
    }
  return {
    pointStart,
    pointX: Float64Array.from(px),
    pointY: Float64Array.from(py),
    pointW: Float64Array.from(pw),
    pointSumW,
    pointSumX,
    pointSumY,
    cohesionBasis: byLsoa === 0 ? "practice-site" : byLsoa === n ? "lsoa" : "mixed",
  };
}

/**
 * `sum` plus Σ weight × km from practice p's patient points to (cx, cy), added point by point in order (so a
 * network's cohesion is the same whichever caller adds it up). The search's innermost loop: the columns are
 * read once into locals.
 */
export function addDistances(pts: PatientPoints, p: number, cx: number, cy: number, sum: number): number {
  const { pointX, pointY, pointW } = pts;
  const end = pts.pointStart[p + 1]!;
  let c = sum;
  for (let i = pts.pointStart[p]!; i < end; i++) {
    const dx = pointX[i]! - cx;
    const dy = pointY[i]! - cy;
    c += pointW[i]! * Math.sqrt(dx * dx + dy * dy);
  }
  return c;
}
