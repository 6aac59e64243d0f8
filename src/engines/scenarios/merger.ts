// Merger: named practices become one practice under the code of one of them (`into`): lists, weighted
// lists, workforce and payments are summed and every site is kept (the merged practice works from all
// of them). The merged practice stays in `into`'s PCN, so the others' PCNs lose them; the networks of the
// ICB are then re-evaluated with the networks engine (networks/evaluate.ts) before and after, on the same
// graph: the merged practices keep their own sites and catchments, now in one network.
import type { PcnContractYear } from "../../config/pcn-contract.ts";
import type { Practice, PracticeWorkforce } from "../../model/organisation.ts";
import { currentAssignment, currentLabels } from "../networks/assignment.ts";
import { evaluate, type Evaluation, type NetworkEvaluation } from "../networks/evaluate.ts";
import type { Adjacency, NetworkInstance } from "../networks/instance.ts";
import type { Breach } from "../networks/metrics/context.ts";
import { ScenarioRequestError } from "./errors.ts";
import {
  arrsYearOn,
  pcnEffects,
  unchangedPractice,
  type PcnEffect,
  type PracticeChange,
} from "./pcn-effects.ts";
import { resolvePractices } from "./request.ts";
import { areaWeightedRatio, weightedListOf } from "./weighted-list.ts";

/** A practice's payments in one NHS Payments year (£), as the payments file gives them. */
export interface PaymentTotals {
  fiscalYear: string;
  totalPayments: number | null;
  globalSum: number | null;
  qofTotal: number | null;
}

export interface MergerInput {
  date: string;
  /** The ICB's instance (with catchments where loaded) and graph, as the networks commands build them. */
  instance: NetworkInstance;
  adjacency: Adjacency;
  rules: PcnContractYear;
  /** Every practice of the picture (workforce, weighted lists, sites). */
  practices: readonly Practice[];
  /** Payments of the merging practices, where the newest payments year covers them. */
  payments?: ReadonlyMap<string, PaymentTotals> | null;
}

export interface MergerRequest {
  practices: readonly string[];
  /** The practice whose code, name and PCN the merged practice keeps (default: the first named). */
  into?: string;
}

type WorkforceSums = Omit<PracticeWorkforce, "fiscalYear">;

export interface MergedMember {
  code: string;
  name: string;
  pcnCode: string;
  pcnName: string;
  listSize: number | null;
  weightedList: number | null;
  weightedEstimated: boolean;
  workforce: PracticeWorkforce | null;
  payments: PaymentTotals | null;
  site: { postcode: string | null; lat: number | null; lon: number | null };
}

export interface MergerResult {
  date: string;
  contractYear: string;
  arrsYear: string | null;
  merged: {
    code: string;
    name: string;
    pcnCode: string;
    pcnName: string;
    members: MergedMember[];
    listSize: number;
    weightedList: number | null;
    weightedEstimated: boolean;
    /** Sums over the members with a workforce record (`workforceMembers` of them). */
    workforce: WorkforceSums | null;
    workforceMembers: number;
    patientsPerGpFte: number | null;
    /** Sums over the members in the payments year (`paymentsMembers` of them). */
    payments: PaymentTotals | null;
    paymentsMembers: number;
    /** Every site kept: distinct postcodes / coordinates, with the practices that worked there. */
    sites: { postcode: string | null; lat: number | null; lon: number | null; practices: string[] }[];
  };
  pcns: PcnEffect[];
  networks: {
    /** Networks that hold a merging practice before or after, as evaluated before and after. */
    before: NetworkEvaluation[];
    after: NetworkEvaluation[];
    totalsBefore: Evaluation["totals"];
    totalsAfter: Evaluation["totals"];
    breachCountsBefore: Evaluation["breachCounts"];
    breachCountsAfter: Evaluation["breachCounts"];
    /** Breaches the merger adds and those it resolves. */
    added: Breach[];
    resolved: Breach[];
  };
  /** Conservation: Σ members' lists = the merged list; the ICB's patients are unchanged. */
  totals: { patientsBefore: number; patientsAfter: number };
  notes: string[];
}

const sumOrNull = (values: (number | null | undefined)[]) => {
  const known = values.filter((v): v is number => v !== null && v !== undefined);
  return known.length === 0 ? null : known.reduce((a, v) => a + v, 0);
};

function sumWorkforce(records: PracticeWorkforce[]): WorkforceSums | null {
  if (records.length === 0) return null;
  const keys = [
    "gpFte",
    "gpHc",
    "partnerFte",
    "partnerHc",
    "locumTraineeFte",
    "nursesFte",
    "dpcFte",
    "adminFte",
  ] as const;
  return Object.fromEntries(
    keys.map((k) => [k, sumOrNull(records.map((w) => w[k]))]),
  ) as unknown as WorkforceSums;
}

/** Σ list ÷ Σ GP FTE over the practices with both. */
function perGpFte(members: readonly Practice[]): number | null {
  let list = 0;
  let fte = 0;
  for (const p of members) {
    const f = p.workforce?.gpFte ?? null;
    if (f === null || f <= 0 || p.listSize === null) continue;
    list += p.listSize;
    fte += f;
  }
  return fte > 0 ? list / fte : null;
}

const breachKey = (b: Breach) => `${b.rule}|${b.network}|${[...b.practices].sort().join(" ")}`;

/** The evaluation with the merged-away practices shown once, under the merged code. */
function collapse(ev: NetworkEvaluation, away: ReadonlySet<string>, into: string): NetworkEvaluation {
  if (!ev.practices.some((c) => away.has(c))) return ev;
  const practices = [...new Set(ev.practices.map((c) => (away.has(c) ? into : c)))].sort();
  return { ...ev, practices };
}

/**
 * Merges the named practices into one. ScenarioRequestError for fewer than two practices, unknown or
 * repeated codes, an `into` that is not one of them, or practices outside the instance's area.
 * @example mergePractices(input, { practices: ["M83001", "M83004"], into: "M83001" })
 */
export function mergePractices(input: MergerInput, request: MergerRequest): MergerResult {
  const { instance, practices } = input;
  const idx = resolvePractices(practices, request.practices, { verb: "merge", date: input.date });
  if (idx.length < 2)
    throw new ScenarioRequestError(
      `a merger needs at least two practices (--practice A --practice B); found ${idx.length}`,
    );
  const members = idx.map((i) => practices[i]!);
  const intoCode = (request.into ?? members[0]!.code).trim().toUpperCase();
  const into = members.find((p) => p.code.toUpperCase() === intoCode);
  if (!into)
    throw new ScenarioRequestError(
      `--into ${request.into} is not one of the merging practices (${members.map((p) => p.code).join(", ")})`,
    );
  const row = new Map(instance.practiceCodes.map((c, p) => [c, p]));
  const outside = members.filter((p) => !row.has(p.code));
  if (outside.length > 0)
    throw new ScenarioRequestError(
      `${outside.map((p) => `${p.code} (ICB ${p.icb.code})`).join(", ")} ${outside.length === 1 ? "is" : "are"} outside ${instance.scope}: ` +
        `merge practices of one ICB`,
    );
  const notes: string[] = [];
  const ratio = areaWeightedRatio(practices.filter((p) => row.has(p.code)));
  const away = new Set(members.filter((p) => p !== into).map((p) => p.code));

  const memberRows: MergedMember[] = members.map((p) => {
    const w = weightedListOf(p, ratio);
    return {
      code: p.code,
      name: p.name,
      pcnCode: p.pcnCode,
      pcnName: p.pcnName,
      listSize: p.listSize,
      weightedList: w.value,
      weightedEstimated: w.estimated,
      workforce: p.workforce,
      payments: input.payments?.get(p.code) ?? null,
      site: p.site,
    };
  });
  const listSize = memberRows.reduce((a, m) => a + (m.listSize ?? 0), 0);
  const weightedList = memberRows.some((m) => m.weightedList === null)
    ? null
    : memberRows.reduce((a, m) => a + m.weightedList!, 0);
  const workforceRecords = members.map((p) => p.workforce).filter((w): w is PracticeWorkforce => w !== null);
  const workforce = sumWorkforce(workforceRecords);
  const paid = memberRows.map((m) => m.payments).filter((p): p is PaymentTotals => p !== null);
  const payments: PaymentTotals | null =
    paid.length === 0
      ? null
      : {
          fiscalYear: [...new Set(paid.map((p) => p.fiscalYear))].join(", "),
          totalPayments: sumOrNull(paid.map((p) => p.totalPayments)),
          globalSum: sumOrNull(paid.map((p) => p.globalSum)),
          qofTotal: sumOrNull(paid.map((p) => p.qofTotal)),
        };
  const sites = new Map<string, MergerResult["merged"]["sites"][number]>();
  for (const p of members) {
    const key =
      p.site.lat !== null && p.site.lon !== null
        ? `${p.site.lat},${p.site.lon}`
        : `pc:${p.site.postcode ?? p.code}`;
    const s = sites.get(key);
    if (s) s.practices.push(p.code);
    else sites.set(key, { postcode: p.site.postcode, lat: p.site.lat, lon: p.site.lon, practices: [p.code] });
  }
  if (members.some((p) => p.listSize === null))
    notes.push(
      `${members
        .filter((p) => p.listSize === null)
        .map((p) => p.code)
        .join(", ")}: no list size (counted as 0).`,
    );
  if (workforceRecords.length < members.length)
    notes.push(
      `Workforce is summed over ${workforceRecords.length} of ${members.length} practices (the others have no record).`,
    );
  if (input.payments && paid.length < members.length)
    notes.push(
      `Payments are summed over ${paid.length} of ${members.length} practices (the others are not in the payments year).`,
    );
  if (memberRows.some((m) => m.weightedEstimated))
    notes.push("Some weighted lists are estimates (list × the ICB's weighted/raw ratio).");

  // PCN effects.
  const intoGpFte = workforce?.gpFte ?? null;
  const changes = new Map<string, PracticeChange>();
  for (const m of memberRows) {
    const isInto = m.code === into.code;
    changes.set(m.code, {
      code: m.code,
      pcnCode: m.pcnCode,
      pcnName: m.pcnName,
      open: isInto,
      listBefore: m.listSize ?? 0,
      listAfter: isInto ? listSize : 0,
      weightedBefore: m.weightedList,
      weightedAfter: isInto ? weightedList : null,
      weightedEstimated: memberRows.some((x) => x.weightedEstimated),
      gpFteBefore: m.workforce?.gpFte ?? null,
      gpFteAfter: isInto ? intoGpFte : null,
    });
  }
  const touched = new Set(members.map((p) => p.pcnCode));
  const rows: PracticeChange[] = practices
    .filter((p) => touched.has(p.pcnCode))
    .map((p) => changes.get(p.code) ?? unchangedPractice(p, weightedListOf(p, ratio)));
  const arrs = arrsYearOn(input.date);
  if (arrs.note) notes.push(arrs.note);
  const pcns = pcnEffects(rows, touched, input.rules, arrs.year);

  // Networks before and after, on the same graph.
  const labels = currentLabels(instance);
  const before = currentAssignment(instance);
  const after = Int32Array.from(before);
  const target = before[row.get(into.code)!]!;
  for (const p of members) after[row.get(p.code)!] = target;
  const evBefore = evaluate(instance, input.adjacency, before, input.rules, labels);
  const evAfter = evaluate(instance, input.adjacency, after, input.rules, labels);
  const involved = new Set<number>(members.map((p) => before[row.get(p.code)!]!));
  const pick = (ev: Evaluation) =>
    ev.networks.filter((n) => involved.has(n.index)).map((n) => collapse(n, away, into.code));
  const beforeKeys = new Set(evBefore.breaches.map(breachKey));
  const afterKeys = new Set(evAfter.breaches.map(breachKey));
  const totalsAfter = { ...evAfter.totals, practices: evAfter.totals.practices - away.size };
  let patientsBefore = 0;
  for (const v of instance.listSize) patientsBefore += v;
  const patientsAfter = totalsAfter.patients;
  if (
    Math.abs(patientsBefore - patientsAfter) > 1e-6 ||
    listSize !== memberRows.reduce((a, m) => a + (m.listSize ?? 0), 0)
  )
    throw new Error(
      `merger: conservation failed (${patientsBefore} before, ${patientsAfter} after); this is a bug`,
    );

  return {
    date: input.date,
    contractYear: input.rules.year,
    arrsYear: arrs.year,
    merged: {
      code: into.code,
      name: into.name,
      pcnCode: into.pcnCode,
      pcnName: into.pcnName,
      members: memberRows,
      listSize,
      weightedList,
      weightedEstimated: memberRows.some((m) => m.weightedEstimated),
      workforce,
      workforceMembers: workforceRecords.length,
      patientsPerGpFte: perGpFte(members),
      payments,
      paymentsMembers: paid.length,
      sites: [...sites.values()],
    },
    pcns,
    networks: {
      before: pick(evBefore),
      after: pick(evAfter),
      totalsBefore: evBefore.totals,
      totalsAfter,
      breachCountsBefore: evBefore.breachCounts,
      breachCountsAfter: evAfter.breachCounts,
      added: evAfter.breaches.filter((b) => !beforeKeys.has(breachKey(b))),
      resolved: evBefore.breaches.filter((b) => !afterKeys.has(breachKey(b))),
    },
    totals: { patientsBefore, patientsAfter },
    notes,
  };
}
