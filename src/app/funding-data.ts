// Use case: what the funding engines need, read from the store. The picture (map, lists, deprivation,
// workforce), the payments years, each practice's weighted population (its own published ratio, else the
// weighted-population model fitted on the newest payments year to the features that exist), the ARRS-role
// FTE of each PCN apportioned to its practices, and the sources of each figure.
import { arrsRoleForStaff } from "../config/arrs.ts";
import { observation, type PracticeInputs } from "../engines/funding/features.ts";
import {
  resolveWeighted,
  type WeightedRequest,
  type WeightedResolution,
} from "../engines/funding/weighted-population.ts";
import type { ModelObservation } from "../engines/funding/weighted-model.ts";
import { findIcb } from "../engines/overview/overview.ts";
import type { PracticeSet } from "../model/footprint.ts";
import type { FundingPractice, OfficialRatio, WeightedEstimate } from "../model/funding.ts";
import { cachedJson, datasetFingerprint } from "../store/repositories/derived-cache.ts";
import { isUnallocated, type OrgRef, type Practice } from "../model/organisation.ts";
import { pictureCaveats, type DatasetRef, type Picture } from "../model/picture.ts";
import { careHomeBedsFromPremium } from "../engines/funding/care-home-beds.ts";
import type { EntitlementOptions } from "../engines/funding/entitlements.ts";
import { fundingYear, UnknownFundingYearError } from "../config/funding.ts";
import { footprintLabel } from "./footprints.ts";
import { readWarm } from "./warm.ts";
import {
  listPaymentYears,
  loadCareHomePremium,
  loadAgeBands,
  loadPayments,
  loadPcnStaff,
  loadQof,
  type PaymentRow,
  type PaymentYearRef,
  type QofTable,
} from "../store/repositories/payments.ts";
import { loadPicture } from "./load-picture.ts";
import type { Store } from "../store/store.ts";
import { FundingRequestError } from "../engines/funding/allocation.ts";

/** Bump when the weighted-population model or its inputs change, so cached estimates are rebuilt. */
const WEIGHTED_CACHE_VERSION = 3;

interface CachedWeighted {
  estimates: [string, WeightedEstimate][];
  modelled: WeightedResolution["modelled"];
  qof: DatasetRef | null;
}

export interface FundingDataRequest {
  synthetic: boolean;
  /** The map in force on this date (default: the picture's default). */
  date?: string;
  /** Load every payments year (for history); otherwise the two newest. */
  allPaymentYears?: boolean;
  /** Load the model's inputs (QOF, age bands) even when every practice has a published ratio. */
  modelInputs?: boolean;
}

export interface FundingData {
  picture: Picture;
  /** The ICB footprint of the picture's map (footprintLabel), for every output that names an ICB. */
  footprint: string | null;
  paymentYears: PaymentYearRef[];
  payments: Map<string, PaymentRow[]>;
  /** The newest payments year on or before the picture date. */
  newestYear: string | null;
  practices: FundingPractice[];
  /** Weighted populations; `models` is empty when the model's estimates came from the derived cache. */
  weighted: WeightedResolution;
  /** Observations of the newest payments year (model training), built when first asked for. */
  training: () => ModelObservation[];
  /** National registered ÷ national weighted of the newest payments year (adjusted population factor). */
  adjustmentFactor: number;
  sources: { qof: DatasetRef | null; pcnStaff: DatasetRef | null };
  /** How care home beds were obtained, or null when no payments year has the care home premium. */
  careHomeBeds: {
    fiscalYear: string;
    ratePerBed: number;
    beds: number;
    pcns: number;
    /** Commissioners that record no premium: their practices' beds are unknown. */
    silentCommissioners: number;
  } | null;
  caveats: string[];
  /** Model inputs by practice (for validation and scenarios). */
  inputsOf: (code: string, registered: number, weighted: number | null, year: string) => PracticeInputs;
}

/** The last day of a payments year `2021-22` (31 March 2022). */
const qofDateFor = (fiscalYear: string) => `${Number(fiscalYear.slice(0, 4)) + 1}-03-31`;

const keyed = <T extends { practiceCode: string }>(rows: readonly T[] | undefined) =>
  new Map((rows ?? []).map((r) => [r.practiceCode, r]));

/**
 * The area a practice's fixed effect uses: its place (sub-ICB location). Places stand in for the staff market
 * forces factor better than ICBs (out of sample, the index R² is 0.838 with places against 0.816 with ICBs;
 * docs/funding.md); places with fewer than 10 training practices share one pooled effect.
 */
function areaKey(_picture: Picture): (p: Practice) => string {
  return (p) => p.subIcb.code;
}

/** The funding data of a request, kept warm while the store's datasets are unchanged (warm.ts). */
export function loadFundingData(store: Store, request: FundingDataRequest): Promise<FundingData> {
  const key = `funding|${request.date ?? ""}|${request.allPaymentYears ? "all" : "two"}|${request.modelInputs ? "model" : ""}`;
  return readWarm(store, request.synthetic, key, () => readFundingData(store, request));
}

async function readFundingData(store: Store, request: FundingDataRequest): Promise<FundingData> {
  const db = store.db;
  const picture = await loadPicture(db, { synthetic: request.synthetic, date: request.date });
  const caveats = pictureCaveats(picture);
  const allYears = (await listPaymentYears(db, request.synthetic)).filter(
    (y) => y.referenceDate <= picture.date,
  );
  const wanted = request.allPaymentYears ? allYears : allYears.slice(-2);
  const payments = await loadPayments(db, wanted);
  const newestYear = allYears.at(-1)?.fiscalYear ?? null;
  if (newestYear === null)
    caveats.push(
      "No NHS Payments file is loaded: weighted populations cannot be estimated and payments are not shown.",
    );

  // Each practice's newest published ratio (the newest year that covers it with both lists).
  const official = new Map<string, OfficialRatio>();
  for (const [fiscalYear, rows] of [...payments].sort((a, b) => a[0].localeCompare(b[0])))
    for (const r of rows)
      if (r.registered !== null && r.registered > 0 && r.weighted !== null && r.weighted > 0)
        official.set(r.practiceCode, { fiscalYear, registered: r.registered, weighted: r.weighted });
  const area = areaKey(picture);
  const byCode = new Map(picture.practices.map((p) => [p.code, p]));
  const paymentIndex = new Map([...payments].map(([fy, rows]) => [fy, keyed(rows)]));
  const yearsSorted = [...payments.keys()].sort();
  let qof: QofTable | null = null;
  let qofRef: DatasetRef | null = null;
  let ageBands: Map<string, { male: number[]; female: number[] }> | null = null;
  let pcnAgeBands: Map<string, { male: number[]; female: number[] }> | null = null;
  let imd2019: Map<string, number> | null = null;

  const inputsOf = (
    code: string,
    registered: number,
    weighted: number | null,
    year: string,
  ): PracticeInputs => {
    const p = byCode.get(code);
    const row = paymentIndex.get(year)?.get(code);
    const before = yearsSorted[yearsSorted.indexOf(year) - 1];
    const previous = before ? paymentIndex.get(before)?.get(code) : undefined;
    // Rurality and dispensing: this year's row, else the newest row that has the practice.
    const latest =
      row ??
      [...yearsSorted]
        .reverse()
        .map((y) => paymentIndex.get(y)?.get(code))
        .find(Boolean);
    return {
      code,
      registered,
      weighted,
      previousRegistered: previous?.registered ?? null,
      rurality: latest?.rurality ?? null,
      dispensing: latest?.dispensing ?? null,
      deprivation: p?.deprivation ? { decile: p.deprivation.decile, score: p.deprivation.score } : null,
      area: p ? area(p) : null,
      ageBands: ageBands?.get(code) ?? null,
      pcnAgeBands: p && !isUnallocated(p) ? (pcnAgeBands?.get(p.pcnCode) ?? null) : null,
      imd2019: imd2019?.get(code) ?? null,
      qof: qof?.values.has(code) ? { groups: qof.groups, values: qof.values.get(code)! } : null,
    };
  };

  const needModel = picture.practices.some((p) => (p.listSize ?? 0) > 0 && !official.has(p.code));
  const loadModelInputs = async () => {
    const [q, bands, pcnBands, scores2019] = await Promise.all([
      // The QOF year nearest the payments year the model is fitted on: its prevalence and list-type shares
      // describe the same patients (on or before the end of that year; else the oldest loaded).
      loadQof(db, request.synthetic, newestYear ? qofDateFor(newestYear) : undefined),
      loadAgeBands(db, picture.sources.lists),
      loadPcnAgeBands(db, request.synthetic),
      loadImdScores(db, request.synthetic, 2019),
    ]);
    qof = q.table.values.size > 0 ? q.table : null;
    qofRef = q.ref;
    ageBands = bands.size > 0 ? bands : null;
    pcnAgeBands = pcnBands.size > 0 ? pcnBands : null;
    imd2019 = scores2019.size > 0 ? scores2019 : null;
  };
  const training: ModelObservation[] = [];
  const trainingRows = () => {
    if (training.length === 0 && newestYear !== null && payments.has(newestYear))
      for (const r of payments.get(newestYear)!)
        if (byCode.has(r.practiceCode) && r.registered !== null && r.registered > 0)
          training.push(observation(inputsOf(r.practiceCode, r.registered, r.weighted, newestYear)));
    return training;
  };
  const requests: WeightedRequest[] = picture.practices.map((p) => ({
    code: p.code,
    listSize: p.listSize ?? 0,
    official: official.get(p.code) ?? null,
    inputs: () => inputsOf(p.code, p.listSize ?? 0, null, newestYear ?? ""),
  }));
  let weighted: WeightedResolution;
  if (needModel && !request.modelInputs && newestYear !== null) {
    // The model's estimates depend only on the datasets: reuse them while no dataset changes (the QOF read,
    // the training rows and the fits take ~0.35 s nationally). The model report asks for the fit itself.
    const key = `funding-weighted|${request.synthetic ? "demo" : "real"}|${request.date ?? "default"}|${request.allPaymentYears ? "all" : "two"}-years`;
    const inputs = `v${WEIGHTED_CACHE_VERSION}|${await datasetFingerprint(db, request.synthetic)}`;
    const cached = await cachedJson(db, key, inputs, async (): Promise<CachedWeighted> => {
      await loadModelInputs();
      const w = resolveWeighted(requests, trainingRows, newestYear);
      return { estimates: [...w.estimates], modelled: w.modelled, qof: qofRef };
    });
    weighted = { estimates: new Map(cached.estimates), models: [], modelled: cached.modelled };
    qofRef = cached.qof;
  } else {
    if ((needModel || request.modelInputs) && newestYear !== null) await loadModelInputs();
    weighted = resolveWeighted(requests, trainingRows, newestYear);
  }
  if (weighted.modelled.length > 0)
    caveats.push(
      `${weighted.modelled.length} practice${weighted.modelled.length === 1 ? " has" : "s have"} no published weighted list: their weighted population is the model's estimate (see \`icsplan funding model\`).`,
    );

  const newest = newestYear ? payments.get(newestYear) : undefined;
  const reg = newest?.reduce((a, r) => a + (r.weighted && r.registered ? r.registered : 0), 0) ?? 0;
  const wt = newest?.reduce((a, r) => a + (r.weighted && r.registered ? r.weighted : 0), 0) ?? 0;
  const adjustmentFactor = reg > 0 && wt > 0 ? reg / wt : 1;

  const staff = await loadPcnStaff(db, request.synthetic, picture.date);
  const arrsByPcn = new Map<string, number>();
  for (const s of staff.rows)
    if (arrsRoleForStaff(s.staffRole, s.detailedRole) !== null)
      arrsByPcn.set(s.pcnCode, (arrsByPcn.get(s.pcnCode) ?? 0) + s.fte);
  const pcnList = new Map<string, number>();
  for (const p of picture.practices)
    if (!isUnallocated(p)) pcnList.set(p.pcnCode, (pcnList.get(p.pcnCode) ?? 0) + (p.listSize ?? 0));
  if (staff.ref) {
    const unmatched = [...pcnList.keys()].filter((c) => !arrsByPcn.has(c)).length;
    if (unmatched > 0)
      caveats.push(
        `${unmatched} PCNs of the ${picture.sources.map.period} map have no ARRS staff in the ${staff.ref.period} PCN workforce census (new or re-coded since, or none reported).`,
      );
  }

  const beds = await careHomeBeds(db, allYears);
  if (beds === null)
    caveats.push(
      "No loaded payments year has the PCN care home premium (FY2021-22 on): care home beds are unknown and the care home premium is not computed.",
    );

  const practices: FundingPractice[] = picture.practices.map((p) => {
    const list = p.listSize;
    const arrs =
      !isUnallocated(p) && arrsByPcn.has(p.pcnCode) && list !== null
        ? (arrsByPcn.get(p.pcnCode)! * list) / (pcnList.get(p.pcnCode) || 1)
        : null;
    return {
      code: p.code,
      name: p.name,
      networkCode: isUnallocated(p) ? null : p.pcnCode,
      networkName: isUnallocated(p) ? null : p.pcnName,
      subIcb: p.subIcb,
      icb: p.icb,
      listSize: list,
      weighted: weighted.estimates.get(p.code) ?? null,
      deprivation: p.deprivation ? { decile: p.deprivation.decile, score: p.deprivation.score } : null,
      gpFte: p.workforce?.gpFte ?? null,
      arrsFte: arrs,
      careHomeBeds: beds && !beds.unknown.has(p.code) ? (beds.byPractice.get(p.code) ?? 0) : null,
    };
  });
  return {
    picture,
    footprint: await footprintLabel(store, picture),
    paymentYears: allYears,
    payments,
    newestYear,
    practices,
    weighted,
    training: trainingRows,
    adjustmentFactor,
    sources: { qof: qofRef, pcnStaff: staff.ref },
    careHomeBeds: beds
      ? {
          fiscalYear: beds.fiscalYear,
          ratePerBed: beds.ratePerBed,
          beds: beds.beds,
          pcns: beds.paidUnits,
          silentCommissioners: beds.silentCommissioners.length,
        }
      : null,
    caveats,
    inputsOf,
  };
}

/** Practice IMD scores of one edition (SW AHSN first, then Fingertips), by practice code. */
export async function loadImdScores(
  db: Store["db"],
  synthetic: boolean,
  edition: number,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("practice_imd as i")
    .innerJoin("dataset as d", "d.id", "i.dataset_id")
    .select(["i.practice_code", "i.imd_score", "d.source"])
    .where("i.edition", "=", edition)
    .where("d.synthetic", "=", synthetic)
    .where("i.imd_score", "is not", null)
    .execute();
  const out = new Map<string, number>();
  // Fingertips first, so SW AHSN (registration-weighted, January 2023) wins where both have the practice.
  for (const r of [...rows].sort(
    (a, b) => (a.source === "practice-imd-swahsn" ? 1 : 0) - (b.source === "practice-imd-swahsn" ? 1 : 0),
  ))
    out.set(r.practice_code, Number(r.imd_score));
  return out;
}

/**
 * Registered patients of each PCN by 5-year band (0–4 … 85+) and sex, from the newest PCN single-year-of-age
 * dataset (org_age_sex, org_type PCN). Empty when none is loaded.
 */
export async function loadPcnAgeBands(
  db: Store["db"],
  synthetic: boolean,
): Promise<Map<string, { male: number[]; female: number[] }>> {
  const out = new Map<string, { male: number[]; female: number[] }>();
  const newest = await db
    .selectFrom("org_age_sex as a")
    .innerJoin("dataset as d", "d.id", "a.dataset_id")
    .select(["a.dataset_id", "d.reference_date"])
    .where("a.org_type", "=", "PCN")
    .where("d.synthetic", "=", synthetic)
    .orderBy("d.reference_date", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!newest) return out;
  const rows = await db
    .selectFrom("org_age_sex")
    .select(["org_code", "sex", "age", "patients"])
    .where("dataset_id", "=", newest.dataset_id)
    .where("org_type", "=", "PCN")
    .where("sex", "in", ["MALE", "FEMALE"])
    .execute();
  for (const r of rows) {
    const age = Number.parseInt(r.age, 10);
    if (!Number.isFinite(age)) continue;
    let bands = out.get(r.org_code);
    if (!bands) out.set(r.org_code, (bands = { male: new Array(18).fill(0), female: new Array(18).fill(0) }));
    (r.sex === "MALE" ? bands.male : bands.female)[Math.min(17, Math.floor(age / 5))]! += r.patients;
  }
  return out;
}

/** What the entitlements engine needs beyond the practices: the adjusted-population factor and the beds' source. */
export function entitlementOptions(data: FundingData): EntitlementOptions {
  const b = data.careHomeBeds;
  return {
    adjustmentFactor: data.adjustmentFactor,
    careHomeBeds: b
      ? `beds are implied by the FY${b.fiscalYear} payments (PCN Care Home Premium ÷ £${b.ratePerBed} a bed: ` +
        `${Math.round(b.beds).toLocaleString("en-GB")} beds in ${b.pcns.toLocaleString("en-GB")} PCNs), ` +
        "shared over each PCN's practices of that year by list, and follow those practices into any configuration; " +
        `practices new since then carry none; the ${b.silentCommissioners} CCGs that record no premium at all ` +
        "paid it another way, so their practices' premium is not computed [an estimate: no CQC bed counts or care " +
        "home alignments are loaded]."
      : null,
  };
}

/** Beds per practice from the newest payments year with the care home premium, at that year's configured rate. */
async function careHomeBeds(db: Store["db"], years: readonly PaymentYearRef[]) {
  const premium = await loadCareHomePremium(db, years);
  if (!premium) return null;
  let rate: number | undefined;
  try {
    const item = fundingYear(premium.year.fiscalYear).items.find((i) => i.item === "care-home-premium");
    rate = item ? (item.annualRate * item.months) / 12 : undefined;
  } catch (error) {
    if (!(error instanceof UnknownFundingYearError)) throw error;
  }
  if (rate === undefined) return null;
  return {
    ...careHomeBedsFromPremium(premium.rows, rate),
    fiscalYear: premium.year.fiscalYear,
    ratePerBed: rate,
  };
}

export interface AreaScope {
  icb?: string;
  subIcb?: string;
  /** A union of places or a set of local authorities (src/app/area-footprint.ts), instead of an area. */
  practiceSet?: PracticeSet;
}

/** The practices of an ICB or place (by ODS or ONS code, or an ICB's name), or all of them. */
export function practicesInArea(
  data: FundingData,
  scope: AreaScope,
): { practices: FundingPractice[]; area: OrgRef | null; label: string } {
  if (scope.practiceSet !== undefined) {
    const wanted = new Set(scope.practiceSet.practiceCodes);
    const practices = data.practices.filter((p) => wanted.has(p.code));
    if (practices.length === 0)
      throw new FundingRequestError(
        `${scope.practiceSet.name} has no practices in the ${data.picture.sources.map.period} map`,
      );
    const set = { code: scope.practiceSet.code, onsCode: null, name: scope.practiceSet.name };
    return { practices, area: set, label: scope.practiceSet.name };
  }
  if (scope.subIcb !== undefined) {
    const q = scope.subIcb.toLowerCase();
    const practices = data.practices.filter(
      (p) => p.subIcb.code.toLowerCase() === q || p.subIcb.onsCode?.toLowerCase() === q,
    );
    if (practices.length === 0)
      throw new FundingRequestError(
        `--sub-icb '${scope.subIcb}' is not a place in the ${data.picture.sources.map.period} map`,
      );
    const area = practices[0]!.subIcb;
    if (scope.icb !== undefined && findIcb(data.picture.practices, scope.icb).code !== practices[0]!.icb.code)
      throw new FundingRequestError(`--sub-icb ${area.code} is not in --icb ${scope.icb}`);
    return { practices, area, label: `${area.name} (${area.code})` };
  }
  if (scope.icb !== undefined) {
    const icb = findIcb(data.picture.practices, scope.icb);
    return {
      practices: data.practices.filter((p) => p.icb.code === icb.code),
      area: icb,
      label: `${icb.name} (${icb.code})`,
    };
  }
  const icbs = new Map(data.practices.map((p) => [p.icb.code, p.icb]));
  if (icbs.size === 1) {
    const icb = [...icbs.values()][0]!;
    return { practices: data.practices, area: icb, label: `${icb.name} (${icb.code})` };
  }
  return { practices: data.practices, area: null, label: "England" };
}
