// The dispersal problem a closure poses: groups of patients at known places (the LSOAs where a closed
// practice's patients live, or its site), open practices that can receive them, each with a capacity, and a
// maximum distance. Both models (nearest.ts, choice.ts) work on the candidate pairs: every origin × receiver
// within the distance, in compressed sparse rows ordered by distance, and return flows aligned with them.
import { haversineTerm, kmFromHaversine, radianPoints } from "../networks/geo.ts";

export interface DispersalOrigins {
  /** Patients of each group (whole numbers in scenarios; the backtest uses lists as they are). */
  patients: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
}

export interface DispersalReceivers {
  lat: Float64Array;
  lon: Float64Array;
  /** Attractiveness in the patient-choice model: the practice's list size. */
  attractiveness: Float64Array;
  /** Patients each can take (Infinity: no limit; 0: none). */
  capacity: Float64Array;
}

export interface DispersalProblem {
  origins: DispersalOrigins;
  receivers: DispersalReceivers;
  /** Maximum straight-line distance from an origin to a receiving practice's site, km. */
  maxKm: number;
}

/** Origin o's candidates are entries offsets[o] … offsets[o + 1] − 1, nearest first (ties by receiver). */
export interface CandidatePairs {
  offsets: Int32Array;
  receiver: Int32Array;
  km: Float64Array;
}

/** Patients moved along each candidate pair, and patients of each origin not placed. */
export interface Flows {
  amount: Float64Array;
  unplaced: Float64Array;
}

const KM_PER_DEGREE_LAT = 111.19;

/**
 * Every origin × receiver pair within `maxKm` (great-circle distance between their coordinates). Origins
 * or receivers without coordinates (NaN) get no pairs. Receivers are scanned by latitude band, so the cost
 * is about origins × receivers within the band, not origins × all receivers.
 */
export function candidatePairs(problem: DispersalProblem): CandidatePairs {
  const { origins, receivers, maxKm } = problem;
  const nO = origins.patients.length;
  const nR = receivers.lat.length;
  const byLat = Array.from({ length: nR }, (_, r) => r)
    .filter((r) => Number.isFinite(receivers.lat[r]!) && Number.isFinite(receivers.lon[r]!))
    .sort((a, b) => receivers.lat[a]! - receivers.lat[b]! || a - b);
  const sortedLat = Float64Array.from(byLat, (r) => receivers.lat[r]!);
  const o = radianPoints(origins.lat, origins.lon);
  const rp = radianPoints(receivers.lat, receivers.lon);
  const dLat = maxKm / KM_PER_DEGREE_LAT;
  // The haversine term of maxKm: pairs are compared on the term, converted to km only when kept.
  const maxTerm = Math.sin(Math.min(Math.PI / 2, maxKm / (2 * 6371.0088))) ** 2;
  const offsets = new Int32Array(nO + 1);
  // Growable typed buffers (no per-pair objects): pairs of one origin are appended, then sorted in place.
  let receiver = new Int32Array(1024);
  let km = new Float64Array(1024);
  let size = 0;
  const push = (r: number, d: number) => {
    if (size === receiver.length) {
      const grownR = new Int32Array(size * 2);
      grownR.set(receiver);
      receiver = grownR;
      const grownK = new Float64Array(size * 2);
      grownK.set(km);
      km = grownK;
    }
    receiver[size] = r;
    km[size++] = d;
  };
  const order: number[] = [];
  for (let i = 0; i < nO; i++) {
    const start = size;
    const lat = origins.lat[i]!;
    if (Number.isFinite(lat) && Number.isFinite(origins.lon[i]!)) {
      let lo = 0;
      let hi = sortedLat.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedLat[mid]! < lat - dLat) lo = mid + 1;
        else hi = mid;
      }
      const lon = origins.lon[i]!;
      // A longitude window a little wider than the limit at the origin's latitude (1% margin).
      const dLon =
        (1.01 * dLat) / Math.max(0.01, Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180));
      for (let k = lo; k < sortedLat.length && sortedLat[k]! <= lat + dLat; k++) {
        const r = byLat[k]!;
        if (Math.abs(receivers.lon[r]! - lon) > dLon) continue;
        const term = haversineTerm(o, i, rp, r);
        if (term <= maxTerm) {
          const d = kmFromHaversine(term);
          if (d <= maxKm) push(r, d);
        }
      }
      // Nearest first, ties by receiver index.
      const n = size - start;
      if (n > 1) {
        order.length = n;
        for (let k = 0; k < n; k++) order[k] = start + k;
        order.sort((a, b) => km[a]! - km[b]! || receiver[a]! - receiver[b]!);
        const r2 = order.map((e) => receiver[e]!);
        const k2 = order.map((e) => km[e]!);
        receiver.set(r2, start);
        km.set(k2, start);
      }
    }
    offsets[i + 1] = size;
  }
  return { offsets, receiver: receiver.slice(0, size), km: km.slice(0, size) };
}

/** Patients each receiver gains under the flows. */
export function receiverGains(pairs: CandidatePairs, flows: Flows, receivers: number): Float64Array {
  const gains = new Float64Array(receivers);
  for (let e = 0; e < pairs.receiver.length; e++) gains[pairs.receiver[e]!]! += flows.amount[e]!;
  return gains;
}
