// Closure and list dispersal: one or more practices close and their patients (by LSOA where registrations
// exist, else from the practice site) are re-homed to open practices within a maximum distance, each
// practice taking no more than its capacity, by the nearest-with-capacity model (nearest.ts) or the
// patient-choice model (choice.ts). Reports gains per receiving practice, patients not placed and why, and
// the effect on every PCN touched (size and band, weighted list, ARRS entitlement, patients per GP FTE).
// Conservation is exact, in whole patients: patients before = patients after + patients not placed.
import type { PcnContractYear } from "../../config/pcn-contract.ts";
import type { Practice } from "../../model/organisation.ts";
import type { CatchmentInput } from "../networks/instance-builder.ts";
import { practiceCapacity, capText, describeCap, DEFAULT_CAP, type CapacityCap } from "./capacity.ts";
import { DEFAULT_CHOICE, patientChoice, wholePatients, type ChoiceParameters } from "./choice.ts";
import { candidatePairs, type DispersalProblem } from "./dispersal.ts";
import { nearestWithCapacity } from "./nearest.ts";
import { closedOrigins } from "./origins.ts";
import { arrsYearOn, pcnEffects, unchangedPractice, type PracticeChange } from "./pcn-effects.ts";
import { checkClosureRequest, DEFAULT_MAX_KM, type DispersalModel } from "./request.ts";
import type { ClosedPracticeResult, ClosureResult, NotPlaced, ReceiverResult } from "./closure-result.ts";
import { areaWeightedRatio, weightedListOf, weightingPerPatient } from "./weighted-list.ts";

export type { ClosedPracticeResult, ClosureResult, NotPlaced, ReceiverResult };

export interface ClosureOptions {
  model?: DispersalModel;
  /** Maximum distance from where a patient lives to a receiving practice, km (default 10). */
  maxKm?: number;
  cap?: CapacityCap;
  /** Parameters of the patient-choice model (default: fitted on real closures, DEFAULT_CHOICE). */
  choice?: ChoiceParameters;
}

export interface ClosureInput {
  /** Date of the map the practices come from. */
  date: string;
  /** Every practice of the picture: any open one within the distance can receive. */
  practices: readonly Practice[];
  /** LSOA registrations of (at least) the closing practices, centroids filled (buildInstance). */
  catchments?: CatchmentInput | null;
  rules: PcnContractYear;
}

const practicesText = (n: number, adjective = "") => `${n} ${adjective}practice${n === 1 ? "" : "s"}`;

const emptyNotPlaced = (): NotPlaced => ({ total: 0, noPracticeInRange: 0, allFull: 0, noLocation: 0 });

/**
 * Closes `codes` and re-homes their patients. ScenarioRequestError for unknown or repeated codes and bad
 * options; a distance that places nobody is an outcome (every patient reported not placed), not an error.
 * @example closePractices({ date, practices, catchments, rules }, ["M83001"], { model: "nearest", maxKm: 5 })
 */
export function closePractices(
  input: ClosureInput,
  codes: readonly string[],
  options: ClosureOptions = {},
): ClosureResult {
  const model = options.model ?? "nearest";
  const maxKm = options.maxKm ?? DEFAULT_MAX_KM;
  const cap = options.cap ?? DEFAULT_CAP;
  const choice = options.choice ?? DEFAULT_CHOICE;
  const closedIdx = checkClosureRequest(input.practices, codes, { model, maxKm, choice, date: input.date });
  const practices = input.practices;
  const closedSet = new Set(closedIdx);
  const closed = closedIdx.map((i) => practices[i]!);
  const notes: string[] = [];

  // Receivers: open practices with a site and a list size.
  const receiverIdx: number[] = [];
  let noSite = 0;
  let noList = 0;
  practices.forEach((p, i) => {
    if (closedSet.has(i)) return;
    if (p.site.lat === null || p.site.lon === null) noSite++;
    else if (p.listSize === null) noList++;
    else receiverIdx.push(i);
  });
  const { groups, basis } = closedOrigins(closed, input.catchments ?? null);
  const nR = receiverIdx.length;
  const capacity = new Float64Array(nR);
  const capacityKnown = new Uint8Array(nR);
  receiverIdx.forEach((i, r) => {
    const p = practices[i]!;
    const c = practiceCapacity(cap, p.listSize!, p.workforce?.gpFte ?? null);
    capacity[r] = c ?? 0;
    capacityKnown[r] = c === null ? 0 : 1;
  });
  const problem: DispersalProblem = {
    origins: {
      patients: Float64Array.from(groups, (g) => g.patients),
      lat: Float64Array.from(groups, (g) => g.lat),
      lon: Float64Array.from(groups, (g) => g.lon),
    },
    receivers: {
      lat: Float64Array.from(receiverIdx, (i) => practices[i]!.site.lat!),
      lon: Float64Array.from(receiverIdx, (i) => practices[i]!.site.lon!),
      attractiveness: Float64Array.from(receiverIdx, (i) => practices[i]!.listSize!),
      capacity,
    },
    maxKm,
  };
  const pairs = candidatePairs(problem);
  const flows =
    model === "nearest"
      ? nearestWithCapacity(problem, pairs)
      : wholePatients(problem, pairs, patientChoice(problem, pairs, choice));

  // Aggregate by closed practice and by receiver.
  const gain = new Float64Array(nR);
  const kmSum = new Float64Array(nR);
  const inRange = new Uint8Array(nR);
  const fromClosed = Array.from({ length: nR }, () => new Map<number, number>());
  const byClosed = closed.map(() => ({
    placed: 0,
    kmSum: 0,
    notPlaced: emptyNotPlaced(),
    to: new Map<number, number>(),
  }));
  let placedOutsideIcb = 0;
  groups.forEach((g, o) => {
    const c = byClosed[g.closed]!;
    const start = pairs.offsets[o]!;
    const end = pairs.offsets[o + 1]!;
    for (let e = start; e < end; e++) {
      const r = pairs.receiver[e]!;
      inRange[r] = 1;
      const x = flows.amount[e]!;
      if (x === 0) continue;
      gain[r]! += x;
      kmSum[r]! += x * pairs.km[e]!;
      c.placed += x;
      c.kmSum += x * pairs.km[e]!;
      c.to.set(r, (c.to.get(r) ?? 0) + x);
      fromClosed[r]!.set(g.closed, (fromClosed[r]!.get(g.closed) ?? 0) + x);
      if (practices[receiverIdx[r]!]!.icb.code !== closed[g.closed]!.icb.code) placedOutsideIcb += x;
    }
    const u = flows.unplaced[o]!;
    if (u > 0) {
      const located = Number.isFinite(g.lat) && Number.isFinite(g.lon);
      const why = !located ? "noLocation" : start === end ? "noPracticeInRange" : "allFull";
      c.notPlaced[why] += u;
      c.notPlaced.total += u;
    }
  });

  // Weighted lists: official, else the ICB's weighted/raw ratio; movers carry their old practice's weighting.
  const ratioByIcb = new Map<string, number | null>();
  const ratio = (icb: string) => {
    if (!ratioByIcb.has(icb))
      ratioByIcb.set(icb, areaWeightedRatio(practices.filter((p) => p.icb.code === icb)));
    return ratioByIcb.get(icb)!;
  };
  const perPatient = closed.map((p) => weightingPerPatient(p, ratio(p.icb.code)));

  const receivers: ReceiverResult[] = [];
  const changes = new Map<number, PracticeChange>();
  receiverIdx.forEach((i, r) => {
    if (gain[r]! === 0) return;
    const p = practices[i]!;
    const listBefore = p.listSize!;
    const w = weightedListOf(p, ratio(p.icb.code));
    let wAfter = w.value;
    for (const [c, x] of fromClosed[r]!)
      wAfter = wAfter === null || perPatient[c] === null ? null : wAfter + x * perPatient[c]!;
    const fte = p.workforce?.gpFte ?? null;
    const perFte = (list: number) => (fte !== null && fte > 0 ? list / fte : null);
    receivers.push({
      code: p.code,
      name: p.name,
      pcnCode: p.pcnCode,
      pcnName: p.pcnName,
      icbCode: p.icb.code,
      subIcbCode: p.subIcb.code,
      listBefore,
      gain: gain[r]!,
      listAfter: listBefore + gain[r]!,
      growth: listBefore > 0 ? gain[r]! / listBefore : Number.POSITIVE_INFINITY,
      capacity: capacityKnown[r] ? capacity[r]! : null,
      meanKm: kmSum[r]! / gain[r]!,
      gpFte: fte,
      patientsPerGpFteBefore: perFte(listBefore),
      patientsPerGpFteAfter: perFte(listBefore + gain[r]!),
      weightedBefore: w.value,
      weightedAfter: wAfter,
      weightedEstimated:
        w.estimated || [...fromClosed[r]!.keys()].some((c) => closed[c]!.weightedList === null),
      from: [...fromClosed[r]!]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .map(([c, x]) => ({ code: closed[c]!.code, patients: x })),
    });
    changes.set(i, {
      code: p.code,
      pcnCode: p.pcnCode,
      pcnName: p.pcnName,
      open: true,
      listBefore,
      listAfter: listBefore + gain[r]!,
      weightedBefore: w.value,
      weightedAfter: wAfter,
      weightedEstimated: receivers[receivers.length - 1]!.weightedEstimated,
      gpFteBefore: fte,
      gpFteAfter: fte,
    });
  });
  receivers.sort((a, b) => b.gain - a.gain || a.code.localeCompare(b.code));

  const closedResults: ClosedPracticeResult[] = closed.map((p, c) => {
    const b = byClosed[c]!;
    const w = weightedListOf(p, ratio(p.icb.code));
    changes.set(closedIdx[c]!, {
      code: p.code,
      pcnCode: p.pcnCode,
      pcnName: p.pcnName,
      open: false,
      listBefore: p.listSize ?? 0,
      listAfter: 0,
      weightedBefore: w.value,
      weightedAfter: null,
      weightedEstimated: w.estimated,
      gpFteBefore: p.workforce?.gpFte ?? null,
      gpFteAfter: null,
    });
    return {
      code: p.code,
      name: p.name,
      pcnCode: p.pcnCode,
      pcnName: p.pcnName,
      icbCode: p.icb.code,
      listSize: p.listSize ?? 0,
      listKnown: p.listSize !== null,
      origins: basis[c]!.kind,
      lsoas: basis[c]!.lsoas,
      placed: b.placed,
      notPlaced: b.notPlaced,
      weightedList: w.value,
      weightedEstimated: w.estimated,
      meanKm: b.placed > 0 ? b.kmSum / b.placed : null,
      receivers: [...b.to]
        .sort((a, z) => z[1] - a[1] || a[0] - z[0])
        .map(([r, x]) => ({ code: practices[receiverIdx[r]!]!.code, patients: x })),
    };
  });

  const notPlaced = emptyNotPlaced();
  for (const c of closedResults)
    for (const k of Object.keys(notPlaced) as (keyof NotPlaced)[]) notPlaced[k] += c.notPlaced[k];
  let patientsBefore = 0;
  let patientsAfter = 0;
  practices.forEach((p, i) => {
    patientsBefore += p.listSize ?? 0;
    if (!closedSet.has(i)) patientsAfter += changes.get(i)?.listAfter ?? p.listSize ?? 0;
  });
  const toRehome = closedResults.reduce((a, c) => a + c.listSize, 0);
  const placed = closedResults.reduce((a, c) => a + c.placed, 0);
  if (patientsBefore !== patientsAfter + notPlaced.total || toRehome !== placed + notPlaced.total)
    throw new Error(
      `closure: conservation failed (before ${patientsBefore}, after ${patientsAfter}, not placed ${notPlaced.total}); this is a bug`,
    );

  // PCN effects: every PCN of a closing or receiving practice, with all its members.
  const touched = new Set([...changes.values()].map((c) => c.pcnCode));
  const members: PracticeChange[] = [];
  practices.forEach((p, i) => {
    if (!touched.has(p.pcnCode)) return;
    members.push(changes.get(i) ?? unchangedPractice(p, weightedListOf(p, ratio(p.icb.code))));
  });
  const arrs = arrsYearOn(input.date);
  const pcns = pcnEffects(members, touched, input.rules, arrs.year);

  // Notes: the data gaps behind the figures.
  const practicesInRange = inRange.reduce((a, v) => a + v, 0);
  const unknownCap = receiverIdx.filter((_, r) => inRange[r] && !capacityKnown[r]).length;
  if (unknownCap > 0)
    notes.push(
      `${practicesText(unknownCap)} within range ${unknownCap === 1 ? "has" : "have"} no GP FTE recorded, so the per-GP-FTE cap cannot be judged: ${unknownCap === 1 ? "it takes" : "they take"} no patients.`,
    );
  if (noSite > 0)
    notes.push(`${practicesText(noSite, "open ")} without site coordinates cannot receive patients.`);
  if (noList > 0)
    notes.push(`${practicesText(noList, "open ")} without a list size cannot receive patients.`);
  for (const c of closedResults.filter((x) => !x.listKnown))
    notes.push(`${c.code} has no list size in the loaded lists: there are no patients to re-home.`);
  const bySite = closedResults.filter((c) => c.origins === "site" && c.listSize > 0).map((c) => c.code);
  if (bySite.length > 0)
    notes.push(
      `${bySite.join(", ")}: no LSOA registrations, so every patient starts from the practice site.`,
    );
  if (closedResults.some((c) => c.weightedEstimated) || receivers.some((r) => r.weightedEstimated))
    notes.push(
      "Some weighted lists are estimates (list × the ICB's weighted/raw ratio): no published weighted list for the practice.",
    );
  if (arrs.note) notes.push(arrs.note);
  if (placed === 0 && toRehome > 0)
    notes.push(
      notPlaced.noPracticeInRange === notPlaced.total
        ? `Nobody was placed: no open practice is within ${maxKm} km of the patients.`
        : `Nobody was placed: every practice within ${maxKm} km is full under the cap (${capText(cap)}).`,
    );

  const kmTotal = closedResults.reduce((a, c) => a + (c.meanKm ?? 0) * c.placed, 0);
  return {
    date: input.date,
    model,
    maxKm,
    cap: capText(cap),
    capDescription: describeCap(cap),
    choice: model === "choice" ? choice : null,
    contractYear: input.rules.year,
    arrsYear: arrs.year,
    closed: closedResults,
    receivers,
    notPlaced,
    totals: {
      toRehome,
      placed,
      notPlaced: notPlaced.total,
      patientsBefore,
      patientsAfter,
      practicesInRange,
      receivingPractices: receivers.length,
      meanKm: placed > 0 ? kmTotal / placed : null,
      placedOutsideIcb,
    },
    pcns,
    notes,
  };
}
