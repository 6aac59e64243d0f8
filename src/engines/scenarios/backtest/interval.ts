// One interval of the registration history for the backtest: two list snapshots A (before) and B (after).
// Practices in A and not in B closed; those in both continued; those only in B are new. A closure whose
// site has a new practice within `successorKm` is a re-registration under a new code (a successor), not a
// dispersal, and is left out. Observed gains are net of the area's background growth:
//   g_x = Σ B of the area's practices ÷ Σ A of the area's practices (closed ones included), and
//   observed gain_i = B_i ÷ g_x − A_i  (in patients of snapshot A),
// so the observed gains of an area's continuing practices sum exactly to its closed lists less what new
// practices took (÷ g_x). Areas are the B snapshot's sub-ICB (CCG) codes; a closed practice takes the B
// area most of the continuing practices of its A area moved to.
import { haversineKm } from "../../networks/geo.ts";

/** A list-size snapshot: practices with patients, area code and site (NaN when unknown). */
export interface ListSnapshot {
  date: string;
  period: string;
  codes: readonly string[];
  patients: ArrayLike<number>;
  area: readonly string[];
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
}

/** A practice → PCN map: which practices were open at its date. */
export interface MapSnapshot {
  date: string;
  period: string;
  codes: readonly string[];
}

export interface ClosureEvent {
  /** Index into A. */
  a: number;
  code: string;
  patients: number;
  lat: number;
  lon: number;
  /** Why it is left out of the evaluation, or null when evaluated. */
  excluded: "no-site" | "successor" | null;
  /** The new practice at (or near) its site, when excluded as a successor. */
  successor: string | null;
}

export interface Interval {
  from: ListSnapshot;
  to: ListSnapshot;
  closures: ClosureEvent[];
  /** Continuing practices: index into A and into B. */
  continuing: { a: number; b: number }[];
  newPractices: string[];
  /** Background growth g of each continuing practice's area, aligned with `continuing`. */
  growth: Float64Array;
  /** Observed gain net of background growth, aligned with `continuing`, patients of snapshot A. */
  observed: Float64Array;
  /** Background growth by area code. */
  areaGrowth: Map<string, number>;
}

export interface IntervalOptions {
  /** A new practice this close to a closed one makes it a successor (default 0.2 km). */
  successorKm?: number;
}

const finite = (lat: number, lon: number) => Number.isFinite(lat) && Number.isFinite(lon);

export function buildInterval(from: ListSnapshot, to: ListSnapshot, options: IntervalOptions = {}): Interval {
  const successorKm = options.successorKm ?? 0.2;
  const inB = new Map(to.codes.map((c, i) => [c, i]));
  const inA = new Set(from.codes);
  const continuing: Interval["continuing"] = [];
  const closedIdx: number[] = [];
  from.codes.forEach((c, a) => {
    const b = inB.get(c);
    if (b === undefined) closedIdx.push(a);
    else continuing.push({ a, b });
  });
  const newIdx = to.codes.map((c, b) => (inA.has(c) ? -1 : b)).filter((b) => b >= 0);

  // A area → the B area most of its continuing practices have.
  const votes = new Map<string, Map<string, number>>();
  for (const { a, b } of continuing) {
    const v = votes.get(from.area[a]!) ?? new Map<string, number>();
    v.set(to.area[b]!, (v.get(to.area[b]!) ?? 0) + 1);
    votes.set(from.area[a]!, v);
  }
  const mapArea = (aArea: string) => {
    const v = votes.get(aArea);
    if (!v) return aArea;
    return [...v].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]![0];
  };
  const sumA = new Map<string, number>();
  const sumB = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const { a, b } of continuing) add(sumA, to.area[b]!, from.patients[a]!);
  for (const a of closedIdx) add(sumA, mapArea(from.area[a]!), from.patients[a]!);
  for (let b = 0; b < to.codes.length; b++) add(sumB, to.area[b]!, to.patients[b]!);
  const areaGrowth = new Map<string, number>();
  for (const [k, v] of sumA) areaGrowth.set(k, v > 0 && sumB.has(k) ? sumB.get(k)! / v : 1);

  const growth = Float64Array.from(continuing, ({ b }) => areaGrowth.get(to.area[b]!) ?? 1);
  const observed = Float64Array.from(
    continuing,
    ({ a, b }, k) => to.patients[b]! / growth[k]! - from.patients[a]!,
  );
  const closures: ClosureEvent[] = closedIdx.map((a) => {
    const lat = from.lat[a]!;
    const lon = from.lon[a]!;
    let successor: string | null = null;
    if (finite(lat, lon))
      for (const b of newIdx)
        if (finite(to.lat[b]!, to.lon[b]!) && haversineKm(lat, lon, to.lat[b]!, to.lon[b]!) <= successorKm) {
          successor = to.codes[b]!;
          break;
        }
    return {
      a,
      code: from.codes[a]!,
      patients: from.patients[a]!,
      lat,
      lon,
      excluded: !finite(lat, lon) ? "no-site" : successor ? "successor" : null,
      successor,
    };
  });
  return {
    from,
    to,
    closures,
    continuing,
    newPractices: newIdx.map((b) => to.codes[b]!),
    growth,
    observed,
    areaGrowth,
  };
}

/** Practices present in one map and gone from the next, for every pair of consecutive maps. */
export function mapClosures(maps: readonly MapSnapshot[]): { from: string; to: string; closed: string[] }[] {
  const out: { from: string; to: string; closed: string[] }[] = [];
  for (let i = 0; i + 1 < maps.length; i++) {
    const next = new Set(maps[i + 1]!.codes);
    out.push({
      from: maps[i]!.date,
      to: maps[i + 1]!.date,
      closed: maps[i]!.codes.filter((c) => !next.has(c)).sort(),
    });
  }
  return out;
}
