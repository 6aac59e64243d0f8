// The dispersal backtest: does a model of where a closed practice's patients go beat doing nothing, on the
// closures that really dispersed? For one window (two list snapshots A → B):
// 1. Background growth is removed: each continuing practice's net gain is B_i ÷ g_x − A_i, with g_x the
//    median B ÷ A of the continuing practices of its (B) area: the typical practice's growth, which a few
//    large mergers or new estates do not pull up (an area's mean ratio leaves the typical practice with a
//    negative net gain).
// 2. Closures are classed, largest list first: a successor (a new practice within 0.2 km), a merger (its list
//    reappears at one receiver within `mergerKm`, 15 km: the nearest practice whose remaining net gain is at
//    least 70% of the list and at most 130% of it and of the smaller closed lists still to be classed around
//    that practice, plus the practice's noise, where the list is at least that noise; a new practice whose
//    list is at least 70% of it also qualifies; the merged list is then taken off that receiver's gain), a
//    true dispersal (none; at least `minPatients`), or small.
//    A practice's noise is its A list × the 90th percentile of |net gain ÷ list| of practices more than
//    `quietKm` from every closure.
// 3. The model spreads a share k of each dispersing list over the continuing practices within the limit, in
//    proportion to list^α · exp(−β · km); k, β and α are fitted on one window and tested on the other.
// 4. Scores: the mean absolute error of net gains (after the merged lists are taken off) over the practices
//    within the limit of a true dispersal, merger receivers left out, for the model, predicting no gain, and a
//    list-proportional share of the whole closed list among the practices within 5 km; and per case.
import { haversineKm } from "../../networks/geo.ts";
import type { ListSnapshot } from "./interval.ts";

export interface SitedSnapshot extends ListSnapshot {
  /** Why a site is approximate (e.g. `sector PO6 3`), or null when it is the practice's own postcode. */
  approximateSite?: readonly (string | null)[];
}

export type DispersalClass = "dispersal" | "merger" | "successor" | "small" | "no-site";

export interface DispersalOptions {
  /** Distance limit of the model, the merger search and the scored neighbourhood (default 10 km). */
  maxKm?: number;
  /** How far a merger partner is looked for (default 15 km; never less than the limit). */
  mergerKm?: number;
  /** Radius of the list-proportional baseline (default 5 km). */
  baselineKm?: number;
  successorKm?: number;
  /** Smallest list scored as a true dispersal (default 500). */
  minPatients?: number;
  /** Practices further than this from every closure measure the noise (default 15 km). */
  quietKm?: number;
  grid?: { share?: readonly number[]; decay?: readonly number[]; exponent?: readonly number[] };
}

export interface DispersalParams {
  /** Share of the closed list that shows as net gains within the limit. */
  share: number;
  decayPerKm: number;
  sizeExponent: number;
}

export const SHARE_GRID: readonly number[] = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1];
export const DISPERSAL_DECAY_GRID: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8, 1, 1.5, 2, 3, 5];
export const SIZE_GRID: readonly number[] = [0, 0.5, 1];
export const DEFAULT_MERGER_KM = 15;
export const MERGER_MIN = 0.7;
export const MERGER_MAX = 1.3;

export interface ClosedPractice {
  code: string;
  patients: number;
  lat: number;
  lon: number;
  approximateSite: string | null;
  class: DispersalClass;
  /** The receiver its list reappeared at (mergers) or the new practice at its site (successors). */
  partner: string | null;
  partnerKm: number | null;
  /** Receivers (continuing practices with a site) within the limit: index, km. */
  near: { r: number; km: number }[];
}

export interface Receiver {
  code: string;
  /** A list, and net gain B ÷ g − A. */
  list: number;
  lat: number;
  lon: number;
  approximateSite: string | null;
  gain: number;
  /** Net gain after the lists merged into it are taken off. */
  residual: number;
  mergedFrom: string[];
}

export interface DispersalWindow {
  from: string;
  to: string;
  label: string;
  maxKm: number;
  baselineKm: number;
  minPatients: number;
  /** 90th percentile of |net gain ÷ list| away from closures. */
  noise: number;
  closures: ClosedPractice[];
  receivers: Receiver[];
  /** Receivers scored: within the limit of a true dispersal, not a merger receiver. */
  neighbourhood: number[];
}

const finite = (lat: number, lon: number) => Number.isFinite(lat) && Number.isFinite(lon);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const quantile = (xs: number[], q: number) => {
  // Linear interpolation between order statistics (numpy's default).
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
};

/** Builds and classifies one window of the dispersal backtest. */
export function dispersalWindow(
  from: SitedSnapshot,
  to: SitedSnapshot,
  options: DispersalOptions = {},
): DispersalWindow {
  const maxKm = options.maxKm ?? 10;
  const mergerKm = Math.max(options.mergerKm ?? DEFAULT_MERGER_KM, maxKm);
  const baselineKm = options.baselineKm ?? 5;
  const successorKm = options.successorKm ?? 0.2;
  const minPatients = options.minPatients ?? 500;
  const quietKm = options.quietKm ?? 15;
  const inB = new Map(to.codes.map((c, i) => [c, i]));
  const inA = new Set(from.codes);
  const continuing: { a: number; b: number }[] = [];
  const closedIdx: number[] = [];
  from.codes.forEach((c, a) => {
    const b = inB.get(c);
    if (b === undefined) closedIdx.push(a);
    else continuing.push({ a, b });
  });
  const newIdx = to.codes.map((c, b) => (inA.has(c) ? -1 : b)).filter((b) => b >= 0);

  // Background: the median growth ratio of each B area's continuing practices (the A area where a list file
  // gives no area, e.g. the July 2026 totals taken from the age file); the national median for the rest.
  const areaOf = (a: number, b: number) => to.area[b] || from.area[a] || "";
  const ratios = new Map<string, number[]>();
  const all: number[] = [];
  for (const { a, b } of continuing) {
    if (!(from.patients[a]! > 0)) continue;
    all.push(to.patients[b]! / from.patients[a]!);
    const k = areaOf(a, b);
    const list = ratios.get(k);
    if (list) list.push(to.patients[b]! / from.patients[a]!);
    else ratios.set(k, [to.patients[b]! / from.patients[a]!]);
  }
  const growth = new Map([...ratios].map(([k, v]) => [k, median(v)]));
  const national = all.length > 0 ? median(all) : 1;
  const g = (area: string) => growth.get(area) ?? national;

  const approxA = from.approximateSite;
  const approxB = to.approximateSite;
  const receivers: Receiver[] = [];
  for (const { a, b } of continuing) {
    if (!finite(from.lat[a]!, from.lon[a]!)) continue;
    const gain = to.patients[b]! / g(areaOf(a, b)) - from.patients[a]!;
    receivers.push({
      code: from.codes[a]!,
      list: from.patients[a]!,
      lat: from.lat[a]!,
      lon: from.lon[a]!,
      approximateSite: approxA?.[a] ?? null,
      gain,
      residual: gain,
      mergedFrom: [],
    });
  }
  const newcomers = newIdx
    .filter((b) => finite(to.lat[b]!, to.lon[b]!))
    .map((b) => ({
      code: to.codes[b]!,
      lat: to.lat[b]!,
      lon: to.lon[b]!,
      residual: to.patients[b]! / g(to.area[b]!),
      approximateSite: approxB?.[b] ?? null,
    }));

  const closures: ClosedPractice[] = closedIdx.map((a) => ({
    code: from.codes[a]!,
    patients: from.patients[a]!,
    lat: from.lat[a]!,
    lon: from.lon[a]!,
    approximateSite: approxA?.[a] ?? null,
    class: "no-site",
    partner: null,
    partnerKm: null,
    near: [],
  }));
  const sited = closures.filter((c) => finite(c.lat, c.lon));
  const nearest = new Float64Array(receivers.length).fill(Number.POSITIVE_INFINITY);
  const search = new Map<ClosedPractice, { r: number; km: number }[]>();
  for (const c of sited) {
    const s: { r: number; km: number }[] = [];
    receivers.forEach((r, i) => {
      const km = haversineKm(c.lat, c.lon, r.lat, r.lon);
      if (km < nearest[i]!) nearest[i] = km;
      if (km <= mergerKm) s.push({ r: i, km });
    });
    s.sort((x, y) => x.km - y.km || x.r - y.r);
    search.set(c, s);
    c.near = s.filter((x) => x.km <= maxKm);
  }
  const quiet = receivers.filter((r, i) => nearest[i]! > quietKm && r.list > 0);
  const noise = quantile(
    (quiet.length > 0 ? quiet : receivers.filter((r) => r.list > 0)).map((r) => Math.abs(r.gain / r.list)),
    0.9,
  );

  // Largest list first; ties by code. `pending[r]`: the lists of closures not yet classed that have
  // receiver r within the limit (a receiver may take several lists: the upper bound allows for them).
  const order = [...sited].sort((x, y) => y.patients - x.patients || x.code.localeCompare(y.code));
  const pending = new Float64Array(receivers.length);
  for (const c of sited) for (const { r } of search.get(c)!) pending[r]! += c.patients;
  for (const c of order) {
    const n = c.patients;
    for (const { r } of search.get(c)!) pending[r]! -= n;
    const newKm = newcomers.map((p) => haversineKm(c.lat, c.lon, p.lat, p.lon));
    const successor = newKm.findIndex((km) => km <= successorKm);
    if (successor >= 0) {
      c.class = "successor";
      c.partner = newcomers[successor]!.code;
      c.partnerKm = newKm[successor]!;
      continue;
    }
    let best: { km: number; kind: 0 | 1; i: number } | null = null;
    const better = (km: number, kind: 0 | 1, i: number) =>
      !best || km < best.km || (km === best.km && (kind < best.kind || (kind === best.kind && i < best.i)));
    for (const { r: i, km } of search.get(c)!) {
      const r = receivers[i]!;
      const rNoise = noise * r.list;
      if (
        r.residual >= MERGER_MIN * n &&
        n >= rNoise &&
        r.residual <= MERGER_MAX * (n + pending[i]!) + rNoise
      )
        if (better(km, 0, i)) best = { km, kind: 0, i };
    }
    newcomers.forEach((p, i) => {
      const km = newKm[i]!;
      if (km <= mergerKm && p.residual >= MERGER_MIN * n && better(km, 1, i)) best = { km, kind: 1, i };
    });
    if (best) {
      const b: { km: number; kind: 0 | 1; i: number } = best;
      c.class = "merger";
      c.partnerKm = b.km;
      if (b.kind === 0) {
        const r = receivers[b.i]!;
        c.partner = r.code;
        r.residual -= n;
        r.mergedFrom.push(c.code);
      } else {
        c.partner = newcomers[b.i]!.code;
        newcomers[b.i]!.residual -= n;
      }
      continue;
    }
    c.class = n < minPatients ? "small" : "dispersal";
  }
  const inHood = new Uint8Array(receivers.length);
  for (const c of sited) if (c.class === "dispersal") for (const { r } of c.near) inHood[r] = 1;
  receivers.forEach((r, i) => {
    if (r.mergedFrom.length > 0) inHood[i] = 0;
  });
  return {
    from: from.date,
    to: to.date,
    label: `${from.period} → ${to.period}`,
    maxKm,
    baselineKm,
    minPatients,
    noise,
    closures,
    receivers,
    neighbourhood: receivers.map((_, i) => i).filter((i) => inHood[i]),
  };
}

const disperses = (c: ClosedPractice) => c.class === "dispersal" || c.class === "small";

/** One closure's predicted gains at its receivers within the limit (aligned with `c.near`). */
export function closurePrediction(
  w: DispersalWindow,
  c: ClosedPractice,
  params: DispersalParams,
): Float64Array {
  const out = new Float64Array(c.near.length);
  let sum = 0;
  c.near.forEach(({ r, km }, e) => {
    const v = Math.pow(w.receivers[r]!.list, params.sizeExponent) * Math.exp(-params.decayPerKm * km);
    out[e] = v;
    sum += v;
  });
  if (sum > 0) for (let e = 0; e < out.length; e++) out[e] = (params.share * c.patients * out[e]!) / sum;
  return out;
}

/** The list-proportional baseline for one closure: its whole list over the receivers within `baselineKm`. */
export function baselinePrediction(w: DispersalWindow, c: ClosedPractice): Float64Array {
  const out = new Float64Array(c.near.length);
  let sum = 0;
  c.near.forEach(({ r, km }, e) => {
    if (km > w.baselineKm) return;
    out[e] = w.receivers[r]!.list;
    sum += out[e]!;
  });
  if (sum > 0) for (let e = 0; e < out.length; e++) out[e] = (c.patients * out[e]!) / sum;
  return out;
}

/** Predicted gain of every receiver: the sum over the window's dispersing closures. */
function receiverGains(w: DispersalWindow, per: (c: ClosedPractice) => Float64Array): Float64Array {
  const out = new Float64Array(w.receivers.length);
  for (const c of w.closures) {
    if (!disperses(c)) continue;
    const p = per(c);
    c.near.forEach(({ r }, e) => (out[r]! += p[e]!));
  }
  return out;
}

export interface ErrorSum {
  practices: number;
  sumAbs: number;
  mae: number;
}

function errors(w: DispersalWindow, predicted: Float64Array | null, only: readonly number[]): ErrorSum {
  let sumAbs = 0;
  for (const i of only) sumAbs += Math.abs((predicted ? predicted[i]! : 0) - w.receivers[i]!.residual);
  return { practices: only.length, sumAbs, mae: only.length > 0 ? sumAbs / only.length : 0 };
}

const pool = (xs: readonly ErrorSum[]): ErrorSum => {
  const practices = xs.reduce((a, x) => a + x.practices, 0);
  const sumAbs = xs.reduce((a, x) => a + x.sumAbs, 0);
  return { practices, sumAbs, mae: practices > 0 ? sumAbs / practices : 0 };
};

export interface FitPoint {
  params: DispersalParams;
  error: ErrorSum;
}

/** Grid search of k × β × α on some windows (pooled absolute error); the first least error in grid order. */
export function fitDispersal(
  windows: readonly DispersalWindow[],
  grid: DispersalOptions["grid"] = {},
): FitPoint {
  let best: FitPoint | null = null;
  for (const decayPerKm of grid.decay ?? DISPERSAL_DECAY_GRID)
    for (const sizeExponent of grid.exponent ?? SIZE_GRID) {
      // Predictions are linear in k: compute them once at k = 1.
      const unit = windows.map((w) =>
        receiverGains(w, (c) => closurePrediction(w, c, { share: 1, decayPerKm, sizeExponent })),
      );
      for (const share of grid.share ?? SHARE_GRID) {
        const error = pool(
          windows.map((w, i) =>
            errors(
              w,
              unit[i]!.map((x) => x * share),
              w.neighbourhood,
            ),
          ),
        );
        if (!best || error.sumAbs < best.error.sumAbs - 1e-9)
          best = { params: { share, decayPerKm, sizeExponent }, error };
      }
    }
  return best!;
}

export interface DispersalCase {
  code: string;
  patients: number;
  approximateSite: string | null;
  /** Receivers scored around it, km to the nearest. */
  practices: number;
  nearestKm: number | null;
  observedWithin: number;
  mae: { model: number; noGain: number; baseline: number };
}

export interface WindowScore {
  from: string;
  to: string;
  label: string;
  counts: Record<DispersalClass, number> & { closures: number };
  dispersedPatients: number;
  mergersToNew: number;
  noise: number;
  /** Parameters fitted on the other windows (out of sample), and those fitted on this one (in sample). */
  params: DispersalParams;
  fittedOn: string[];
  inSample: FitPoint;
  mae: { model: number; noGain: number; baseline: number; inSample: number };
  practices: number;
  beats: { noGain: boolean; baseline: boolean };
  cases: DispersalCase[];
  approximateSites: { closures: number; receivers: number };
}

function scoreWindow(
  w: DispersalWindow,
  params: DispersalParams,
  fittedOn: string[],
  inSample: FitPoint,
): WindowScore {
  const model = receiverGains(w, (c) => closurePrediction(w, c, params));
  const baseline = receiverGains(w, (c) => baselinePrediction(w, c));
  const hood = new Set(w.neighbourhood);
  const cases: DispersalCase[] = w.closures
    .filter((c) => c.class === "dispersal")
    .map((c) => {
      const own = c.near.filter((x) => hood.has(x.r)).map((x) => x.r);
      return {
        code: c.code,
        patients: c.patients,
        approximateSite: c.approximateSite,
        practices: own.length,
        nearestKm: c.near[0]?.km ?? null,
        observedWithin: own.reduce((a, r) => a + w.receivers[r]!.residual, 0),
        mae: {
          model: errors(w, model, own).mae,
          noGain: errors(w, null, own).mae,
          baseline: errors(w, baseline, own).mae,
        },
      };
    });
  const counts = {
    closures: w.closures.length,
    dispersal: 0,
    merger: 0,
    successor: 0,
    small: 0,
    "no-site": 0,
  };
  for (const c of w.closures) counts[c.class]++;
  const mae = {
    model: errors(w, model, w.neighbourhood).mae,
    noGain: errors(w, null, w.neighbourhood).mae,
    baseline: errors(w, baseline, w.neighbourhood).mae,
    inSample: inSample.error.mae,
  };
  const receiverCodes = new Set(w.receivers.map((r) => r.code));
  return {
    from: w.from,
    to: w.to,
    label: w.label,
    counts,
    dispersedPatients: w.closures.filter((c) => c.class === "dispersal").reduce((a, c) => a + c.patients, 0),
    mergersToNew: w.closures.filter((c) => c.class === "merger" && !receiverCodes.has(c.partner!)).length,
    noise: w.noise,
    params,
    fittedOn,
    inSample,
    mae,
    practices: w.neighbourhood.length,
    beats: { noGain: mae.model < mae.noGain, baseline: mae.model < mae.baseline },
    cases,
    approximateSites: {
      closures: w.closures.filter((c) => c.approximateSite !== null).length,
      receivers: w.receivers.filter((r) => r.approximateSite !== null).length,
    },
  };
}

const overlaps = (a: DispersalWindow, b: DispersalWindow) => a.from < b.to && b.from < a.to;

export interface DispersalBacktest {
  settings: Required<Omit<DispersalOptions, "grid">> & { mergerMin: number; mergerMax: number };
  windows: WindowScore[];
  /** The classified windows behind the scores, aligned with `windows` (for the per-receiver export). */
  detail: DispersalWindow[];
}

/**
 * The dispersal backtest over consecutive list snapshots: each window is scored with the parameters fitted
 * on the windows that do not overlap it (out of sample); a window that overlaps every other is scored in
 * sample, and `fittedOn` says so.
 * @example dispersalBacktest(lists) // → windows: [Jan 2021 → May 2022, May 2022 → Apr 2025], each with counts, MAE and cases
 */
export function dispersalBacktest(
  lists: readonly SitedSnapshot[],
  options: DispersalOptions & { pairs?: readonly (readonly [string, string])[] } = {},
): DispersalBacktest {
  const sorted = [...lists].sort((a, b) => a.date.localeCompare(b.date));
  const byDate = new Map(sorted.map((l) => [l.date, l]));
  const consecutive = sorted.slice(1).map((l, i) => dispersalWindow(sorted[i]!, l, options));
  const targets = options.pairs
    ? options.pairs.map(([f, t]) => {
        const a = byDate.get(f);
        const b = byDate.get(t);
        if (!a || !b || f >= t) throw new RangeError(`no list snapshots for ${f} → ${t}`);
        return consecutive.find((w) => w.from === f && w.to === t) ?? dispersalWindow(a, b, options);
      })
    : consecutive;
  const windows = targets.map((w) => {
    const inSample = fitDispersal([w], options.grid);
    const others = consecutive.filter((o) => !overlaps(o, w));
    const fit = others.length > 0 ? fitDispersal(others, options.grid) : inSample;
    return scoreWindow(
      w,
      fit.params,
      (others.length > 0 ? others : [w]).map((o) => o.label),
      inSample,
    );
  });
  return {
    settings: {
      maxKm: options.maxKm ?? 10,
      mergerKm: Math.max(options.mergerKm ?? DEFAULT_MERGER_KM, options.maxKm ?? 10),
      baselineKm: options.baselineKm ?? 5,
      successorKm: options.successorKm ?? 0.2,
      minPatients: options.minPatients ?? 500,
      quietKm: options.quietKm ?? 15,
      mergerMin: MERGER_MIN,
      mergerMax: MERGER_MAX,
    },
    windows,
    detail: targets,
  };
}

export interface ReceiverRow {
  from: string;
  to: string;
  closed: string;
  closedPatients: number;
  closedClass: DispersalClass;
  /** Where its list reappeared (mergers, possibly beyond the limit) or re-registered (successors). */
  closedPartner: string | null;
  closedPartnerKm: number | null;
  closedSite: string;
  receiver: string;
  receiverList: number;
  receiverSite: string;
  km: number;
  /** Distance rank among the closure's receivers (1: nearest). */
  rank: number;
  /** The model's prediction for this closure alone, as if it dispersed (whatever its class). */
  predicted: number;
  /** The list-proportional 5 km baseline's prediction, as if it dispersed. */
  predictedBaseline: number;
  /** The receiver's observed change, net of background growth, and after lists merged into it. */
  observedGain: number;
  observedResidual: number;
  /** This closure's list reappeared at this receiver. */
  mergerPartner: boolean;
  /** How many closures of the window have this receiver within the limit (its change is shared). */
  closuresInRange: number;
  scored: boolean;
}

/**
 * One row per closed practice × receiver within the limit, for others to score: predictions are per closure
 * (as if it dispersed), observed changes per receiver (shared by every closure in range of it).
 */
export function receiverRows(w: DispersalWindow, params: DispersalParams): ReceiverRow[] {
  const inRange = new Uint32Array(w.receivers.length);
  for (const c of w.closures) for (const { r } of c.near) inRange[r]!++;
  const hood = new Set(w.neighbourhood);
  const rows: ReceiverRow[] = [];
  for (const c of [...w.closures].sort((a, b) => a.code.localeCompare(b.code))) {
    const model = closurePrediction(w, c, params);
    const base = baselinePrediction(w, c);
    c.near.forEach(({ r, km }, e) => {
      const rec = w.receivers[r]!;
      rows.push({
        from: w.from,
        to: w.to,
        closed: c.code,
        closedPatients: c.patients,
        closedClass: c.class,
        closedPartner: c.partner,
        closedPartnerKm: c.partnerKm,
        closedSite: c.approximateSite ?? "postcode",
        receiver: rec.code,
        receiverList: rec.list,
        receiverSite: rec.approximateSite ?? "postcode",
        km,
        rank: e + 1,
        predicted: model[e]!,
        predictedBaseline: base[e]!,
        observedGain: rec.gain,
        observedResidual: rec.residual,
        mergerPartner: c.partner === rec.code,
        closuresInRange: inRange[r]!,
        scored: c.class === "dispersal" && hood.has(r),
      });
    });
  }
  return rows;
}
