// The evidence of a plan: each item runs one existing use case (never a figure recomputed here), keeps
// the request that made it, a summary of the figures the plan shows, copied from the use case's result,
// and the datasets it used with their files' fingerprints. Refreshing an item runs its use case again.
import type { AreaRequest } from "./area-footprint.ts";
import type { AreaScope } from "./funding-data.ts";
import type { EvidenceDataset, EvidenceItem, PlanArea } from "../model/plan.ts";
import { PlanRequestError } from "../model/plan.ts";
import { RequestError } from "../model/errors.ts";
import type { DatasetRef } from "../model/picture.ts";
import type { PracticeSet } from "../model/footprint.ts";
import { datasetFingerprints } from "../store/repositories/plans.ts";
import { listScenarios } from "../store/repositories/scenarios.ts";
import type { Store } from "../store/store.ts";
import { allocateReport } from "./funding-allocation.ts";
import { auditReport } from "./funding-audit.ts";
import { entitlementsReport } from "./funding-entitlements.ts";
import { evaluateNetworks } from "./networks.ts";
import { overview } from "./overview.ts";
import {
  arrsUseCase,
  partnersUseCase,
  readWorkforceHistory,
  riskUseCase,
  trendsUseCase,
} from "./workforce.ts";
import type { CurrentInputs } from "../engines/plan/staleness.ts";

/** What the evidence of a plan is asked for: the area, real or demo, and the ICB of a place. */
export interface EvidenceScope {
  area: PlanArea;
  /** The ICB of an ICB or place (the workforce figures of a place are its ICB's); null for a union or set. */
  icbCode: string | null;
  synthetic: boolean;
  /** The picture's date: the footprint's map (an ICB as it was); undefined for the newest map. */
  date?: string | undefined;
  /** The footprint date asked for (`--footprint`), for the workforce series counted in that footprint. */
  footprintDate?: string | undefined;
  /** The practices of a union of places or a set of local authorities (null for an ICB or place). */
  practices?: PracticeSet | null | undefined;
  /** The label of the footprint, e.g. "ICB footprint of the January 2026 map (42 ICBs)". */
  footprint?: string | undefined;
  /** How the area was resolved (an ICB's lineage, how a set's practices were placed). */
  areaNotes?: string[] | undefined;
}

type Made = Omit<EvidenceItem, "datasets" | "createdAt"> & { refs: DatasetRef[] };

/** Every DatasetRef inside a value (a use case's result names the datasets it used). */
export function datasetRefs(value: unknown, out = new Map<number, DatasetRef>(), depth = 0): DatasetRef[] {
  if (depth > 8 || value === null || typeof value !== "object") return [...out.values()];
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) datasetRefs(v, out, depth + 1);
    return [...out.values()];
  }
  const o = value as Record<string, unknown>;
  if (
    typeof o.id === "number" &&
    typeof o.source === "string" &&
    typeof o.period === "string" &&
    typeof o.referenceDate === "string" &&
    typeof o.synthetic === "boolean"
  )
    out.set(o.id, o as unknown as DatasetRef);
  else for (const v of Object.values(o)) datasetRefs(v, out, depth + 1);
  return [...out.values()];
}

/** The share of patients with a known quintile who are in quintile 1 (the mix's own basis), or null. */
function quintileOneShare(mix: { quintilePatients: number[] } | null): number | null {
  const known = mix ? mix.quintilePatients.reduce((a, b) => a + b, 0) : 0;
  return mix && known > 0 ? mix.quintilePatients[0]! / known : null;
}

/** The area as the overview and network use cases take it, with the footprint's date. */
const areaRequest = (scope: EvidenceScope) => ({
  ...(scope.date !== undefined ? { date: scope.date } : {}),
  ...(scope.practices
    ? { practices: scope.practices }
    : scope.area.kind === "icb"
      ? { icb: scope.area.code }
      : { subIcb: scope.area.code }),
});

/** The area as the funding use cases take it. */
const fundingArea = (scope: EvidenceScope): AreaScope & { date?: string } => ({
  ...(scope.date !== undefined ? { date: scope.date } : {}),
  ...(scope.practices
    ? { practiceSet: scope.practices }
    : scope.area.kind === "icb"
      ? { icb: scope.area.code }
      : { subIcb: scope.area.code }),
});

/**
 * The area request of a plan's area as it was asked: a union's places or a set's local authorities by
 * code (not their practices), and the footprint date. What the area is resolved again from, and the
 * request each evidence item keeps.
 */
export function planAreaRequest(area: PlanArea, synthetic: boolean): AreaRequest {
  const codes = area.codes ?? [area.code];
  return {
    synthetic,
    ...(area.kind === "icb" ? { icb: area.code } : {}),
    ...(area.kind === "sub-icb" ? { subIcb: area.code } : {}),
    ...(area.kind === "places" ? { places: codes } : {}),
    ...(area.kind === "local-authorities" ? { localAuthorities: codes } : {}),
    ...(area.footprintDate !== undefined ? { footprint: area.footprintDate } : {}),
  };
}

/** The request an item keeps: the area as asked, with the picture's date and the item's own settings. */
const keptRequest = (scope: EvidenceScope, extra: Record<string, unknown> = {}) => ({
  ...planAreaRequest(scope.area, scope.synthetic),
  ...(scope.date !== undefined ? { date: scope.date } : {}),
  ...extra,
});

/** The workforce source of a scope: the footprint's map, and the practice set of a union or set. */
const workforceSource = (scope: EvidenceScope) => ({
  synthetic: scope.synthetic,
  ...(scope.date !== undefined ? { date: scope.date } : {}),
  ...(scope.practices ? { practices: scope.practices } : {}),
});

/** The ICB of a workforce request: the ICB or place's ICB, none for a set (its practices stand as one). */
const workforceIcb = (scope: EvidenceScope) => (scope.icbCode !== null ? { icb: scope.icbCode } : {});

/** The use cases behind a plan, by evidence key: each returns its request, summary and datasets. */
/** Results two items share (the allocation flexes the fund the audit names): made once per evidence run. */
interface Shared {
  audit: () => ReturnType<typeof auditReport>;
}

const MAKERS: Record<string, (store: Store, scope: EvidenceScope, shared: Shared) => Promise<Made>> = {
  population: async (store, scope) => {
    const r = await overview(store, { synthetic: scope.synthetic, ...areaRequest(scope) });
    const s = r.summary;
    return {
      key: "population",
      title: "Population and general practice at a glance",
      useCase: "overview",
      request: keptRequest(scope),
      refs: datasetRefs(r.sources),
      summary: {
        date: r.date,
        footprint: r.footprint,
        areaNotes: scope.areaNotes ?? [],
        practices: s.practices,
        patients: s.patients,
        pcns: s.pcns,
        bands: s.bands,
        unallocatedPractices: s.unallocatedPractices,
        medianList: s.listSize?.median ?? null,
        gpFtePer10k: s.gpFtePer10k?.value ?? null,
        patientsPerGpFte: s.patientsPerGpFte?.value ?? null,
        partnerShare: s.partnerShare?.value ?? null,
        nursesFtePer10k: s.nursesFtePer10k?.value ?? null,
        mostDeprivedQuintilePatients: s.deprivation?.quintilePatients[0] ?? null,
        mostDeprivedQuintileShare: quintileOneShare(s.deprivation),
        deprivationBasis: s.deprivation?.description ?? null,
        places: r.subAreas.map((a) => ({
          code: a.area.code,
          name: a.area.name,
          practices: a.summary.practices,
          patients: a.summary.patients,
          pcns: a.summary.pcns,
        })),
      },
    };
  },
  networks: async (store, scope) => {
    const r = await evaluateNetworks(store, { synthetic: scope.synthetic, ...areaRequest(scope) });
    const e = r.evaluation;
    return {
      key: "networks",
      title: "Today's primary care networks evaluated against the Network Contract DES",
      useCase: "networks evaluate",
      request: keptRequest(scope),
      refs: datasetRefs({ s: r.loaded.picture.sources, c: r.loaded.catchments?.dataset ?? null }),
      summary: {
        footprint: r.loaded.footprint ?? null,
        networks: e.totals.networks,
        practices: e.totals.practices,
        patients: e.totals.patients,
        bands: e.totals.bands,
        notContiguous: e.totals.notContiguous,
        crossingPlaces: e.totals.crossingPlaces,
        practicesOutsidePcn: e.totals.outsidePcn.practices.length,
        breaches: e.breaches.length,
        localisation: e.localisation?.overall ?? null,
        rows: e.networks
          .filter((n) => !n.outsidePcn)
          .map((n) => ({
            code: n.code,
            name: n.name,
            practices: n.practices.length,
            listSize: n.listSize,
            band: n.band,
            contiguous: n.contiguous ? "yes" : "no",
          })),
      },
    };
  },
  "workforce-trends": async (store, scope) => {
    // An ICB as it was: the series is counted over its practices in the footprint asked for.
    const footprint =
      scope.icbCode !== null && scope.footprintDate !== undefined ? { footprint: scope.footprintDate } : {};
    const request = { by: "icb" as const, ...workforceIcb(scope), ...footprint };
    const r = await trendsUseCase(store, workforceSource(scope), request);
    const c = r.total.changes;
    return {
      key: "workforce-trends",
      title: scope.practices
        ? "GP workforce trends of the area's practices"
        : "GP workforce trends of the ICB",
      useCase: "workforce trends",
      request: keptRequest(scope, request),
      refs: datasetRefs(r),
      summary: {
        area: r.scope.name,
        footprint: r.footprint.label,
        gpFteFrom: c.gpFte.from,
        gpFteTo: c.gpFte.to,
        gpFteChange: c.gpFte.fraction,
        partnerFteFrom: c.partnerFte.from,
        partnerFteTo: c.partnerFte.to,
        partnerFteChange: c.partnerFte.fraction,
        partnerYears: `${c.partnerFte.fromYear ?? "?"} to ${c.partnerFte.toYear ?? "?"}`,
        gpFtePer10kChange: c.gpFtePer10k.fraction,
        series: r.total.points.map((p) => ({
          year: p.label,
          gpFte: p.figures.staff.gpFte,
          partnerFte: p.figures.staff.partnerFte,
          gpFtePer10k: p.figures.per10k.gpFte,
        })),
      },
    };
  },
  "workforce-partners": async (store, scope) => {
    const request = { by: "pcn" as const, ...workforceIcb(scope), top: 10 };
    const r = await partnersUseCase(store, workforceSource(scope), request);
    return {
      key: "workforce-partners",
      title: "PCNs losing GP partners fastest",
      useCase: "workforce partners",
      request: keptRequest(scope, request),
      refs: datasetRefs(r),
      summary: {
        from: r.from.label,
        to: r.to.label,
        partnerFteChange: r.total.fte.fraction,
        rows: r.rows.map((row) => ({
          code: row.area.code,
          name: row.area.name,
          fromFte: row.fte.from,
          toFte: row.fte.to,
          change: row.fte.fraction,
        })),
      },
    };
  },
  "workforce-risk": async (store, scope) => {
    const request = { ...workforceIcb(scope), top: 10 };
    const r = await riskUseCase(store, workforceSource(scope), request);
    return {
      key: "workforce-risk",
      title: "Practices at risk: partnership sustainability score",
      useCase: "workforce risk",
      request: keptRequest(scope, request),
      refs: datasetRefs(r),
      summary: {
        period: r.period.label,
        ranked: r.ranked,
        flagged: r.areas.reduce((n, a) => n + a.flagged, 0),
        patientsFlagged: r.areas.reduce((n, a) => n + a.patientsFlagged, 0),
        flagPoints: r.flagPoints,
        rows: r.practices.map((p) => ({
          code: p.practice.code,
          name: p.practice.name,
          pcn: p.pcn?.name ?? "",
          score: p.score,
          maxScore: p.maxScore,
          flagged: p.flagged ? "yes" : "no",
          components: p.components
            .filter((c) => c.points > 0)
            .map((c) => c.label)
            .join("; "),
        })),
      },
    };
  },
  arrs: async (store, scope) => {
    if (scope.icbCode === null)
      // The PCN census is published by PCN, and a PCN may lie partly outside a union of places or a set of
      // local authorities: its staff cannot be shared out between the part inside and the part outside.
      throw new PlanRequestError(
        `not computed for ${scope.area.name}: the additional roles census is published by PCN (and an entitlement is a PCN's), ` +
          "and PCNs may lie partly outside a union of places or a set of local authorities; see `icsplan workforce arrs --icb` for each ICB",
        { field: "area", kind: "unprocessable" },
      );
    const request = { icb: scope.icbCode, ...(scope.date !== undefined ? { date: scope.date } : {}) };
    const r = await arrsUseCase(store, { synthetic: scope.synthetic }, request);
    return {
      key: "arrs",
      title: "Additional roles: entitlement, spend and headroom",
      useCase: "workforce arrs",
      request: keptRequest(scope, request),
      refs: datasetRefs({ c: r.census, m: r.map }),
      summary: {
        census: r.census.period,
        year: r.year?.year ?? null,
        pcns: r.pcns.length,
        arrsFte: r.total.arrsFte,
        entitlement: r.total.entitlement,
        cost: r.total.cost,
        headroom: r.total.headroom,
        headroomShare: r.total.entitlement ? (r.total.headroom ?? 0) / r.total.entitlement : null,
        roles: r.roles.map((role) => ({ role: role.role, fte: role.fte, cost: role.cost })),
      },
    };
  },
  entitlements: async (store, scope) => {
    const r = await entitlementsReport(store, { synthetic: scope.synthetic, ...fundingArea(scope) });
    return {
      key: "entitlements",
      title: "Entitlements of practices and PCNs",
      useCase: "funding entitlements",
      request: keptRequest(scope),
      refs: datasetRefs(r.sources),
      summary: {
        year: r.year.year,
        practiceTotal: r.today.totals.practice,
        networkTotal: r.today.totals.network,
        arrsTotal: r.today.totals.arrs,
        total: r.today.totals.all,
        caveats: r.caveats,
      },
    };
  },
  audit: async (_store, scope, shared) => {
    const request = keptRequest(scope);
    const r = await shared.audit();
    const q1 = r.audit.quintiles[0];
    return {
      key: "audit",
      title: "Equity audit by deprivation quintile, with the deprivation-flexed allocation",
      useCase: "funding audit",
      request,
      refs: datasetRefs(r),
      summary: {
        paymentsYear: r.paymentsYear,
        fundPence: r.allocation.fundPence,
        q1PaymentsPerRegistered: q1?.values.paymentsPerRegistered ?? null,
        allPaymentsPerRegistered: r.audit.all.values.paymentsPerRegistered,
        q1AfterPerHead: q1?.values.afterPerHead ?? null,
        concentrationPayments: r.audit.concentration.paymentsPerRegistered,
        concentrationAfter: r.audit.concentration.afterPerHead,
        rows: r.audit.quintiles.map((q) => ({
          label: q.label,
          practices: q.practices,
          registered: q.registered,
          paymentsPerRegistered: q.values.paymentsPerRegistered,
          gpFtePer10k: q.values.gpFtePer10k,
          arrsFtePer10k: q.values.arrsFtePer10k,
          afterPerHead: q.values.afterPerHead,
        })),
      },
    };
  },
  allocation: async (store, scope, shared) => {
    // The same notional fund the equity audit flexes (£1 per registered patient), allocated to networks.
    const audit = await shared.audit();
    const extra = { fundPence: audit.allocation.fundPence, by: "network" as const };
    const r = await allocateReport(store, { synthetic: scope.synthetic, ...fundingArea(scope), ...extra });
    return {
      key: "allocation",
      title: "A deprivation-flexed allocation to networks (need with the health-inequalities share)",
      useCase: "funding allocate",
      request: keptRequest(scope, extra),
      refs: datasetRefs(audit),
      summary: {
        fundPence: r.allocation.totalPence,
        method: r.allocation.request.method,
        hiWeight: r.allocation.request.weights.hi,
        rows: r.allocation.lines.map((l) => ({
          code: l.code,
          name: l.name,
          registered: l.registered,
          needShare: l.needShare,
          pounds: l.pence / 100,
          equalPounds: l.equalPence / 100,
        })),
      },
    };
  },
  resilience: async (store, scope) => {
    const mine = await resilienceScenarios(store, scope.synthetic, scope.area.code);
    return {
      key: "resilience",
      title: "Saved closure, merger and network-design scenarios of the area",
      useCase: "scenarios list",
      request: { synthetic: scope.synthetic, area: scope.area.code },
      refs: [],
      summary: {
        scenarios: mine.length,
        rows: mine.map((s) => ({
          name: s.name,
          kind: s.kind,
          mapDate: s.mapDate,
          description: s.description,
        })),
      },
    };
  },
};

export const EVIDENCE_KEYS = Object.keys(MAKERS);

/** The saved closure, merger and network-design scenarios of an area: what the resilience item lists. */
async function resilienceScenarios(store: Store, synthetic: boolean, area: string) {
  const saved = await listScenarios(store.db, { synthetic });
  return saved.filter(
    (s) => (s.kind === "closure" || s.kind === "merger" || s.kind === "network-design") && s.area === area,
  );
}

/** What the plan's evidence would read now besides datasets (for its freshness): the area's scenarios. */
export async function currentEvidenceInputs(
  store: Store,
  synthetic: boolean,
  area: string,
): Promise<CurrentInputs> {
  const scenarios = await resilienceScenarios(store, synthetic, area);
  return { scenarios: scenarios.map((s) => ({ name: s.name, kind: s.kind })) };
}

/** Title and use case of each item, for an item whose use case gave no result. */
const EVIDENCE_TITLES: Record<string, { title: string; useCase: string }> = {
  population: { title: "Population and general practice at a glance", useCase: "overview" },
  networks: {
    title: "Today's primary care networks evaluated against the Network Contract DES",
    useCase: "networks evaluate",
  },
  "workforce-trends": { title: "GP workforce trends of the ICB", useCase: "workforce trends" },
  "workforce-partners": { title: "PCNs losing GP partners fastest", useCase: "workforce partners" },
  "workforce-risk": {
    title: "Practices at risk: partnership sustainability score",
    useCase: "workforce risk",
  },
  arrs: { title: "Additional roles: entitlement, spend and headroom", useCase: "workforce arrs" },
  entitlements: { title: "Entitlements of practices and PCNs", useCase: "funding entitlements" },
  audit: {
    title: "Equity audit by deprivation quintile, with the deprivation-flexed allocation",
    useCase: "funding audit",
  },
  allocation: {
    title: "A deprivation-flexed allocation to networks (need with the health-inequalities share)",
    useCase: "funding allocate",
  },
  resilience: {
    title: "Saved closure, merger and network-design scenarios of the area",
    useCase: "scenarios list",
  },
};

/** Runs the use case of each key and fingerprints its datasets. */
export async function makeEvidence(
  store: Store,
  scope: EvidenceScope,
  keys = EVIDENCE_KEYS,
): Promise<EvidenceItem[]> {
  const fingerprints = new Map((await datasetFingerprints(store.db, scope.synthetic)).map((d) => [d.id, d]));
  const out: EvidenceItem[] = [];
  let audit: ReturnType<typeof auditReport> | undefined;
  const shared: Shared = {
    audit: () => (audit ??= auditReport(store, { synthetic: scope.synthetic, ...fundingArea(scope) })),
  };
  // Risk needs the full workforce history; read first, it serves trends and partner change too (one read
  // instead of two: readWorkforceHistory). A failure here is left to the items, which say so.
  if (keys.includes("workforce-risk"))
    await readWorkforceHistory(store, { synthetic: scope.synthetic, date: scope.date }, "full").catch(
      () => undefined,
    );
  for (const key of keys) {
    const maker = MAKERS[key];
    if (!maker)
      throw new PlanRequestError(`unknown evidence '${key}' (expected ${EVIDENCE_KEYS.join(", ")})`);
    let made: Made;
    try {
      made = await maker(store, scope, shared);
    } catch (error) {
      // No such data loaded (or the area has none): the item says so, and the plan shows the gap.
      if (!(error instanceof RequestError)) throw error;
      const { title, useCase } = EVIDENCE_TITLES[key]!;
      out.push({
        key,
        title,
        useCase,
        request: {},
        summary: {},
        datasets: [],
        createdAt: new Date().toISOString(),
        unavailable: error.message,
      });
      continue;
    }
    const datasets: EvidenceDataset[] = made.refs.map((ref) => ({
      id: ref.id,
      source: ref.source,
      period: ref.period,
      referenceDate: ref.referenceDate,
      sha256: fingerprints.get(ref.id)?.sha256 ?? "",
    }));
    const { refs: _refs, ...item } = made;
    out.push({ ...item, datasets, createdAt: new Date().toISOString() });
  }
  return out;
}
