// The studio's live metrics of a configuration (a network code per practice), computed in the browser with
// the server's definitions (src/engines/networks: evaluate.ts and metrics/, compare.ts) so the panel shows
// the figures POST /api/networks/evaluate answers for the same configuration, to the last digit:
//   - networks in, under and over the band (practices outside any PCN are not networks);
//   - contiguity: a network is contiguous when its practices are connected in the adjacency graph;
//   - places crossed: networks whose practices are in more than one place (sub-ICB location);
//   - cohesion: the patient-weighted mean km from home LSOA to the network's nearest site and to its
//     population centre (LSOA basis), or from each site to the list-weighted centre (practice-site basis);
//   - practices and patients moved from today's map: networks matched one-to-one by shared patients
//     (Hungarian algorithm), a practice moved when its new network is not its old network's match.
// The networks are indexed as the server indexes rows (codes in sorted order, then one pseudo-network per
// practice outside any PCN) and every sum runs in the server's order, so floating-point figures agree.
// Pure: no DOM.
import { OUTSIDE, networkName, type StudioInstance } from "./instance.ts";

export type Band = "under" | "in" | "over";

export interface NetworkCohesion {
  basis: "lsoa" | "practice-site";
  nearestSiteKm: number | null;
  centreKm: number | null;
  patients: number;
}

export interface NetworkRow {
  index: number;
  code: string;
  name: string;
  outsidePcn: boolean;
  /** Practice indices, ascending. */
  practices: number[];
  listSize: number;
  band: Band;
  /** Connected pieces in the adjacency graph (1 when contiguous). */
  pieces: number;
  /** Place codes of its practices, most patients first. */
  places: string[];
  cohesion: NetworkCohesion;
}

export interface StudioMetrics {
  /** Networks that are PCNs (practices outside any PCN excluded). */
  networks: number;
  bands: Record<Band, number>;
  bandPatients: Record<Band, number>;
  notContiguous: number;
  crossingPlaces: number;
  cohesion: {
    basis: "lsoa" | "practice-site" | "mixed";
    nearestSiteKm: number | null;
    centreKm: number | null;
    patients: number;
  };
  practicesMoved: number;
  patientsMoved: number;
  /** Practice indices that moved from today's map. */
  moved: number[];
  rows: NetworkRow[];
}

/** A labelled assignment as the server builds it from rows (assignmentFromRows). */
export interface Labelled {
  assignment: Int32Array;
  labels: { code: string; name: string; outsidePcn: boolean }[];
}

/** The assignment of network codes, indexed as the server indexes rows: codes sorted, then `U` practices. */
export function labelledOf(
  instance: StudioInstance,
  codes: readonly string[],
  names?: ReadonlyMap<string, string>,
): Labelled {
  const distinct = [...new Set(codes.filter((c) => c.toUpperCase() !== OUTSIDE))].sort();
  const byCode = new Map(distinct.map((c, i) => [c, i]));
  const labels = distinct.map((code) => ({
    code,
    name: networkName(instance, code, names),
    outsidePcn: false,
  }));
  const assignment = new Int32Array(instance.n);
  for (let p = 0; p < instance.n; p++) {
    const code = codes[p]!;
    if (code.toUpperCase() === OUTSIDE) {
      assignment[p] = labels.length;
      labels.push({
        code: `${OUTSIDE}:${instance.codes[p]}`,
        name: `Outside any PCN: ${instance.names[p]}`,
        outsidePcn: true,
      });
    } else assignment[p] = byCode.get(code)!;
  }
  return { assignment, labels };
}

/** Today's map as the server indexes it (currentAssignment): PCNs in the instance's order, then `U`s. */
export function todayAssignment(instance: StudioInstance): Int32Array {
  const current = instance.data.practices.current;
  const m = instance.data.networks.codes.length;
  const a = new Int32Array(instance.n);
  let next = m;
  current.forEach((c, p) => (a[p] = c >= 0 ? c : next++));
  return a;
}

// ---- distances, as src/engines/networks/geo.ts --------------------------------------------------------

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
const hasSite = (lat: number, lon: number) => Number.isFinite(lat) && Number.isFinite(lon);

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

interface RadianPoints {
  lat: Float64Array;
  lon: Float64Array;
  cosLat: Float64Array;
}

function radianPoints(lat: ArrayLike<number>, lon: ArrayLike<number>): RadianPoints {
  const n = lat.length;
  const out = { lat: new Float64Array(n), lon: new Float64Array(n), cosLat: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    out.lat[i] = lat[i]! * RAD;
    out.lon[i] = lon[i]! * RAD;
    out.cosLat[i] = Math.cos(out.lat[i]!);
  }
  return out;
}

function haversineTerm(a: RadianPoints, i: number, b: RadianPoints, j: number): number {
  const sLat = Math.sin((b.lat[j]! - a.lat[i]!) / 2);
  const sLon = Math.sin((b.lon[j]! - a.lon[i]!) / 2);
  return sLat * sLat + a.cosLat[i]! * b.cosLat[j]! * sLon * sLon;
}

const kmFromHaversine = (term: number) => 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(term)));

const lsoaPoints = new WeakMap<StudioInstance, RadianPoints>();

// ---- the metrics of one network ------------------------------------------------------------------------

function pieces(instance: StudioInstance, members: readonly number[], inSet: Uint8Array, seen: Uint8Array) {
  for (const p of members) inSet[p] = 1;
  let count = 0;
  const stack: number[] = [];
  for (const start of members) {
    if (seen[start]) continue;
    count++;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      for (let e = instance.offsets[p]!; e < instance.offsets[p + 1]!; e++) {
        const q = instance.neighbours[e]!;
        if (inSet[q] && !seen[q]) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
  }
  for (const p of members) inSet[p] = seen[p] = 0;
  return count;
}

function placesOf(instance: StudioInstance, members: readonly number[]): string[] {
  const by = new Map<number, { practices: number; patients: number }>();
  for (const p of members) {
    const pl = instance.place[p]!;
    const v = by.get(pl) ?? { practices: 0, patients: 0 };
    v.practices++;
    v.patients += instance.listSize[p]!;
    by.set(pl, v);
  }
  return [...by]
    .sort((a, b) => b[1].patients - a[1].patients || b[1].practices - a[1].practices || a[0] - b[0])
    .map(([pl]) => instance.placeCodes[pl]!);
}

function cohesionOf(
  instance: StudioInstance,
  members: readonly number[],
  weight: Float64Array,
  touched: number[],
): NetworkCohesion {
  const { lat, lon, listSize } = instance;
  const sites = members.filter((p) => hasSite(lat[p]!, lon[p]!));
  const c = instance.catchments;
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
    let result: NetworkCohesion | null = null;
    if (total > 0) {
      const centre = { lat: sLat / total, lon: sLon / total };
      let points = lsoaPoints.get(instance);
      if (!points) lsoaPoints.set(instance, (points = radianPoints(c.lsoaLat, c.lsoaLon)));
      const sitePoints = radianPoints(
        sites.map((p) => lat[p]!),
        sites.map((p) => lon[p]!),
      );
      const centrePoint = radianPoints([centre.lat], [centre.lon]);
      let nearest = 0;
      let toCentre = 0;
      for (const l of touched) {
        let best = Number.POSITIVE_INFINITY;
        for (let s = 0; s < sites.length; s++) best = Math.min(best, haversineTerm(points, l, sitePoints, s));
        nearest += weight[l]! * kmFromHaversine(best);
        toCentre += weight[l]! * kmFromHaversine(haversineTerm(points, l, centrePoint, 0));
      }
      result = {
        basis: "lsoa",
        nearestSiteKm: sites.length > 0 ? nearest / total : null,
        centreKm: toCentre / total,
        patients: total,
      };
    }
    for (const l of touched) weight[l] = 0;
    touched.length = 0;
    if (result) return result;
  }
  let total = 0;
  let sLat = 0;
  let sLon = 0;
  for (const p of sites) {
    total += listSize[p]!;
    sLat += listSize[p]! * lat[p]!;
    sLon += listSize[p]! * lon[p]!;
  }
  const centre = total > 0 ? { lat: sLat / total, lon: sLon / total } : null;
  let toCentre = 0;
  if (centre)
    for (const p of sites) toCentre += listSize[p]! * haversineKm(lat[p]!, lon[p]!, centre.lat, centre.lon);
  return {
    basis: "practice-site",
    nearestSiteKm: null,
    centreKm: centre ? toCentre / total : null,
    patients: total,
  };
}

// ---- moved practices, as src/engines/networks/compare.ts -----------------------------------------------

/** Minimum-cost assignment of rows to columns (rows ≤ columns), e-maxx Hungarian; column per row. */
function hungarian(cost: number[][]): number[] {
  const n = cost.length;
  const m = cost[0]?.length ?? 0;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) result[p[j]! - 1] = j - 1;
  return result;
}

const networkCount = (a: Int32Array) => {
  let k = 0;
  for (const x of a) if (x + 1 > k) k = x + 1;
  return k;
};

/** The network of `b` matched to each network of `a` (−1 when none), maximising shared patients. */
export function matchNetworks(listSize: Float64Array, a: Int32Array, b: Int32Array): Int32Array {
  const ka = networkCount(a);
  const kb = networkCount(b);
  const weight = new Map<number, number>();
  for (let p = 0; p < a.length; p++) {
    const key = a[p]! * kb + b[p]!;
    weight.set(key, (weight.get(key) ?? 0) + listSize[p]! + 0.001);
  }
  const parent = Int32Array.from({ length: ka + kb }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const key of weight.keys()) {
    const ra = find(Math.floor(key / kb));
    const rb = find(ka + (key % kb));
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const blocks = new Map<number, { as: number[]; bs: number[] }>();
  for (let i = 0; i < ka + kb; i++) {
    const r = find(i);
    const block = blocks.get(r) ?? { as: [], bs: [] };
    if (i < ka) block.as.push(i);
    else block.bs.push(i - ka);
    blocks.set(r, block);
  }
  const match = new Int32Array(ka).fill(-1);
  for (const { as, bs } of blocks.values()) {
    if (as.length === 0 || bs.length === 0) continue;
    const rowsAreA = as.length <= bs.length;
    const rows = rowsAreA ? as : bs;
    const cols = rowsAreA ? bs : as;
    const cost = rows.map((r) => cols.map((c) => -(weight.get(rowsAreA ? r * kb + c : c * kb + r) ?? 0)));
    hungarian(cost).forEach((col, i) => {
      if (col < 0 || cost[i]![col]! === 0) return;
      if (rowsAreA) match[rows[i]!] = cols[col]!;
      else match[cols[col]!] = rows[i]!;
    });
  }
  return match;
}

// ---- all together --------------------------------------------------------------------------------------

const bandOf = (list: number, band: { min: number; max: number }): Band =>
  list < band.min ? "under" : list <= band.max ? "in" : "over";

/**
 * The metrics of a configuration: `codes[p]` is practice p's network code (`U` outside any PCN).
 * @example studioMetrics(instance, instance.today).bands.in // → today's networks in the band
 */
export function studioMetrics(
  instance: StudioInstance,
  codes: readonly string[],
  names?: ReadonlyMap<string, string>,
  today: Int32Array = todayAssignment(instance),
): StudioMetrics {
  const { assignment, labels } = labelledOf(instance, codes, names);
  const members: number[][] = Array.from({ length: labels.length }, () => []);
  assignment.forEach((a, p) => members[a]!.push(p));
  const inSet = new Uint8Array(instance.n);
  const seen = new Uint8Array(instance.n);
  const weight = new Float64Array(instance.catchments ? instance.catchments.lsoaLat.length : 0);
  const touched: number[] = [];
  const rows: NetworkRow[] = [];
  members.forEach((ps, i) => {
    if (ps.length === 0) return;
    let listSize = 0;
    for (const p of ps) listSize += instance.listSize[p]!;
    const places = placesOf(instance, ps);
    rows.push({
      index: i,
      ...labels[i]!,
      practices: ps,
      listSize,
      band: bandOf(listSize, instance.band),
      pieces: pieces(instance, ps, inSet, seen),
      places,
      cohesion: cohesionOf(instance, ps, weight, touched),
    });
  });

  const bands: Record<Band, number> = { under: 0, in: 0, over: 0 };
  const bandPatients: Record<Band, number> = { under: 0, in: 0, over: 0 };
  for (const r of rows)
    if (!r.outsidePcn) {
      bands[r.band]++;
      bandPatients[r.band] += r.listSize;
    }
  let nearestSum = 0;
  let nearestW = 0;
  let centreSum = 0;
  let centreW = 0;
  const bases = new Set<"lsoa" | "practice-site">();
  for (const { cohesion: c } of rows) {
    if (c.patients > 0) bases.add(c.basis);
    if (c.nearestSiteKm !== null) {
      nearestSum += c.nearestSiteKm * c.patients;
      nearestW += c.patients;
    }
    if (c.centreKm !== null) {
      centreSum += c.centreKm * c.patients;
      centreW += c.patients;
    }
  }

  const match = matchNetworks(instance.listSize, today, assignment);
  const moved: number[] = [];
  let patientsMoved = 0;
  for (let p = 0; p < instance.n; p++)
    if (match[today[p]!] !== assignment[p]) {
      moved.push(p);
      patientsMoved += instance.listSize[p]!;
    }

  return {
    networks: rows.filter((r) => !r.outsidePcn).length,
    bands,
    bandPatients,
    notContiguous: rows.filter((r) => r.pieces > 1).length,
    crossingPlaces: rows.filter((r) => r.places.length > 1).length,
    cohesion: {
      basis: bases.size === 1 ? [...bases][0]! : bases.size > 1 ? "mixed" : "practice-site",
      nearestSiteKm: nearestW > 0 ? nearestSum / nearestW : null,
      centreKm: centreW > 0 ? centreSum / centreW : null,
      patients: centreW,
    },
    practicesMoved: moved.length,
    patientsMoved,
    moved,
    rows,
  };
}

/** The configuration as the API's rows (POST /api/networks/evaluate, /api/networks/save, CSV). */
export function configurationRows(
  instance: StudioInstance,
  codes: readonly string[],
  names?: ReadonlyMap<string, string>,
): { practiceCode: string; networkCode: string; networkName?: string }[] {
  return instance.codes.map((practiceCode, p) => {
    const networkCode = codes[p]!;
    return networkCode === OUTSIDE
      ? { practiceCode, networkCode }
      : { practiceCode, networkCode, networkName: networkName(instance, networkCode, names) };
  });
}
