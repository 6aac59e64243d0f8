// Partnership sustainability: a transparent risk score per practice of the reference map, the sum of the
// points of documented components (risk-rules.ts), each shown with its value, thresholds and points; the
// practices ranked, and counts of flagged practices by ICB (England) or by PCN (one ICB).
import type { OrgRef } from "../../model/organisation.ts";
import type { DatasetRef } from "../../model/picture.ts";
import type { PracticeYear, WorkforceHistory } from "../../model/workforce.ts";
import { resolveIcb, resolvePcn } from "./areas.ts";
import { WorkforceRequestError } from "./errors.ts";
import { choosePeriods, type WorkforcePeriod } from "./periods.ts";
import {
  maxPoints,
  pointsFor,
  RISK_FLAG_POINTS,
  RISK_RULES,
  type RiskComponentId,
  type RiskRule,
} from "./risk-rules.ts";

export interface RiskRequest {
  icb?: string;
  pcn?: string;
  /** Show the first N ranked practices (default 20). */
  top?: number;
  /** Only this practice (its full components). */
  practice?: string;
}

export interface RiskThreshold {
  comparison: "<=" | ">=";
  /** In the value's own unit (ratio-to-England rules already multiplied out). */
  value: number;
  points: number;
}

export interface RiskComponent {
  id: RiskComponentId;
  label: string;
  measure: string;
  /** The practice's value (FTE, fraction, patients or decile); null when unknown or not applicable. */
  value: number | null;
  thresholds: RiskThreshold[];
  points: number;
  maxPoints: number;
  status: "scored" | "unknown" | "not-applicable";
  /** Why a value is unknown or not applicable, or what it was measured over. */
  note: string | null;
}

export interface PracticeRisk {
  rank: number;
  practice: OrgRef;
  pcn: OrgRef;
  subIcb: OrgRef;
  icb: OrgRef;
  /** Registered patients recorded in the workforce file in the latest period. */
  patients: number | null;
  contractType: string | null;
  score: number;
  maxScore: number;
  flagged: boolean;
  /** Components with a known value (of RISK_RULES.length). */
  known: number;
  components: RiskComponent[];
}

export interface AreaRisk {
  area: OrgRef;
  practices: number;
  flagged: number;
  /** Patients (workforce-file lists) of the flagged practices. */
  patientsFlagged: number;
  meanScore: number;
}

export interface RiskResult {
  synthetic: boolean;
  map: DatasetRef;
  period: WorkforcePeriod;
  partnerFrom: WorkforcePeriod | null;
  growthFrom: WorkforcePeriod | null;
  /** England's patients per GP FTE in the latest period (the reference of ratio-to-England thresholds). */
  englandPatientsPerGpFte: number | null;
  /** England's locum and trainee share of GP FTE in the latest period. */
  englandLocumShare: number | null;
  flagPoints: number;
  scope: { icb: OrgRef | null; pcn: OrgRef | null };
  practices: PracticeRisk[];
  /** Practices ranked before --top was applied. */
  ranked: number;
  /** By ICB (England) or by PCN (one ICB), most flagged first. */
  areas: AreaRisk[];
  caveats: string[];
}

const thresholdsOf = (rule: RiskRule, reference: number): RiskThreshold[] =>
  rule.bands.map((b) => {
    const scale = rule.scale === "ratio-to-england" ? reference : 1;
    return b.atMost !== undefined
      ? { comparison: "<=", value: b.atMost * scale, points: b.points }
      : { comparison: ">=", value: (b.atLeast ?? 0) * scale, points: b.points };
  });

function component(
  rule: RiskRule,
  value: number | null,
  references: Readonly<Partial<Record<RiskComponentId, number>>>,
  status: RiskComponent["status"] = value === null ? "unknown" : "scored",
  note: string | null = null,
): RiskComponent {
  const reference = references[rule.id] ?? 1;
  const points = status === "scored" && value !== null ? pointsFor(rule, value, reference).points : 0;
  return {
    id: rule.id,
    label: rule.label,
    measure: rule.measure,
    value,
    thresholds: thresholdsOf(rule, reference),
    points,
    maxPoints: maxPoints(rule),
    status,
    note,
  };
}

const ruleOf = (id: RiskComponentId) => RISK_RULES.find((r) => r.id === id)!;

/** Scores every practice of the reference map in scope and ranks them, highest score first. */
export function partnershipRisk(history: WorkforceHistory, request: RiskRequest): RiskResult {
  if (request.top !== undefined && (!Number.isInteger(request.top) || request.top < 1)) {
    throw new WorkforceRequestError(`--top must be a whole number of at least 1; found '${request.top}'`);
  }
  const icb = resolveIcb(history, request.icb);
  const pcn = resolvePcn(history, request.pcn, icb);
  const chosen = choosePeriods(history);
  if (chosen.periods.length === 0) {
    throw new WorkforceRequestError(
      "no practice workforce file is loaded: import the HEEC workforce files first",
    );
  }
  const period = chosen.periods[chosen.periods.length - 1]!;
  const partnerPeriods = chosen.periods.filter((p) => p.hasPartners);
  const partnerFrom = partnerPeriods.length >= 2 ? partnerPeriods[0]! : null;
  const growthFrom =
    chosen.periods.find((p) => p.fiscalYear === period.fiscalYear - 3) ??
    (chosen.periods.length >= 2 ? chosen.periods[0]! : null);
  const rowsOf = (fy: number | undefined) => {
    const m = new Map<string, PracticeYear>();
    if (fy === undefined) return m;
    for (const r of chosen.rows) if (r.fiscalYear === fy) m.set(r.practiceCode, r);
    return m;
  };
  const latest = rowsOf(period.fiscalYear);
  const partnerBase = rowsOf(partnerFrom?.fiscalYear);
  const growthBase = rowsOf(growthFrom?.fiscalYear);
  // England's values in the latest period: the references of the ratio-to-England thresholds.
  let pSum = 0;
  let gSum = 0;
  let lSum = 0;
  let allSum = 0;
  for (const r of latest.values()) {
    if (r.patients !== null && r.gpFte !== null) {
      pSum += r.patients;
      gSum += r.gpFte;
    }
    if (r.gpFte !== null && r.locumTraineeFte !== null) {
      lSum += r.locumTraineeFte;
      allSum += r.gpFte + r.locumTraineeFte;
    }
  }
  const england = gSum > 0 ? pSum / gSum : null;
  const englandLocum = allSum > 0 ? lSum / allSum : null;
  const ref: Partial<Record<RiskComponentId, number>> = {
    "patients-per-gp": england ?? 0,
    "locum-reliance": englandLocum ?? 0,
  };

  let practices = history.picture.practices.filter(
    (p) => (!icb || p.icb.code === icb.code) && (!pcn || p.pcnCode === pcn.code),
  );
  if (request.practice !== undefined) {
    const code = request.practice.trim().toUpperCase();
    const found = practices.find((p) => p.code === code);
    if (!found) {
      throw new WorkforceRequestError(
        `--practice '${request.practice}' is not a practice in the ${history.picture.sources.map.period} map` +
          `${icb ? ` of ${icb.code}` : ""}${pcn ? ` in PCN ${pcn.code}` : ""}`,
      );
    }
    practices = [found];
  }

  const scored: PracticeRisk[] = practices.map((p) => {
    const r = latest.get(p.code) ?? null;
    const contract = history.contractType.get(p.code) ?? null;
    const apms = contract !== null && /APMS/i.test(contract);
    const noRow = r === null ? `no workforce record in ${period.label}` : null;
    const components: RiskComponent[] = [];
    // Partners.
    const partners = ruleOf("partners");
    if (apms)
      components.push(component(partners, r?.partnerFte ?? null, ref, "not-applicable", "APMS contract"));
    else components.push(component(partners, r?.partnerFte ?? null, ref, undefined, noRow));
    // Partner change.
    const pc = ruleOf("partner-change");
    const base = partnerBase.get(p.code)?.partnerFte ?? null;
    const now = r?.partnerFte ?? null;
    if (apms) components.push(component(pc, null, ref, "not-applicable", "APMS contract"));
    else if (base === null || now === null)
      components.push(
        component(
          pc,
          null,
          ref,
          "unknown",
          `no partner figures in ${base === null ? (partnerFrom?.label ?? "an earlier period") : period.label}`,
        ),
      );
    else if (base === 0)
      components.push(
        component(pc, null, ref, "unknown", `no partners in ${partnerFrom!.label} to compare with`),
      );
    else
      components.push(
        component(pc, (now - base) / base, ref, "scored", `${partnerFrom!.label} → ${period.label}`),
      );
    // Patients per GP FTE.
    const ppg = ruleOf("patients-per-gp");
    if (r === null || r.patients === null || r.gpFte === null || england === null)
      components.push(component(ppg, null, ref, "unknown", noRow ?? "patients or GP FTE missing"));
    else if (r.gpFte === 0) {
      const c = component(ppg, null, ref, "scored", "no GP FTE (excluding locums and trainees) recorded");
      c.points = c.maxPoints;
      components.push(c);
    } else components.push(component(ppg, r.patients / r.gpFte, ref));
    // List growth.
    const lg = ruleOf("list-growth");
    const was = growthBase.get(p.code)?.patients ?? null;
    if (r?.patients == null || was === null || was === 0)
      components.push(
        component(
          lg,
          null,
          ref,
          "unknown",
          noRow ?? `no list in ${growthFrom?.label ?? "an earlier period"}`,
        ),
      );
    else
      components.push(
        component(lg, (r.patients - was) / was, ref, "scored", `${growthFrom!.label} → ${period.label}`),
      );
    // Deprivation.
    const dep = ruleOf("deprivation");
    components.push(
      p.deprivation
        ? component(dep, p.deprivation.decile, ref, "scored", p.deprivation.basis)
        : component(dep, null, ref, "unknown", "no deprivation figure for the practice"),
    );
    // Locum reliance.
    const lr = ruleOf("locum-reliance");
    const all = r && r.gpFte !== null && r.locumTraineeFte !== null ? r.gpFte + r.locumTraineeFte : null;
    components.push(
      all === null || all === 0 || englandLocum === null
        ? component(lr, null, ref, "unknown", noRow ?? `no locum/trainee figures in ${period.label}`)
        : component(lr, r!.locumTraineeFte! / all, ref),
    );
    const score = components.reduce((a, c) => a + c.points, 0);
    return {
      rank: 0,
      practice: { code: p.code, onsCode: null, name: p.name },
      pcn: { code: p.pcnCode, onsCode: null, name: p.pcnName },
      subIcb: p.subIcb,
      icb: p.icb,
      patients: r?.patients ?? null,
      contractType: contract,
      score,
      maxScore: components.reduce((a, c) => a + c.maxPoints, 0),
      flagged: score >= RISK_FLAG_POINTS,
      known: components.filter((c) => c.status !== "unknown").length,
      components,
    };
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (b.components[2]!.value ?? 0) - (a.components[2]!.value ?? 0) ||
      a.practice.code.localeCompare(b.practice.code),
  );
  scored.forEach((s, i) => (s.rank = i + 1));

  const byArea = new Map<string, { area: OrgRef; list: PracticeRisk[] }>();
  for (const s of scored) {
    const area = icb ? s.pcn : s.icb;
    const g = byArea.get(area.code) ?? { area, list: [] };
    g.list.push(s);
    byArea.set(area.code, g);
  }
  const areas: AreaRisk[] = [...byArea.values()]
    .map(({ area, list }) => ({
      area,
      practices: list.length,
      flagged: list.filter((s) => s.flagged).length,
      patientsFlagged: list.filter((s) => s.flagged).reduce((a, s) => a + (s.patients ?? 0), 0),
      meanScore: list.reduce((a, s) => a + s.score, 0) / list.length,
    }))
    .sort(
      (a, b) => b.flagged - a.flagged || b.meanScore - a.meanScore || a.area.code.localeCompare(b.area.code),
    );

  const caveats = [
    `Scored on ${period.label} (the latest workforce period), for the practices of the ${history.picture.sources.map.period} map.`,
    partnerFrom
      ? `Partner decline compares ${partnerFrom.label} with ${period.label}: the only periods with partner detail.`
      : "No two periods with partner detail: partner decline is unknown for every practice.",
    "Components with no value score 0 and are shown as unknown; a practice's score is therefore a lower bound where it has unknowns.",
    "Contract type (APMS: partner components not applied) is from the newest NHS Payments file that has the practice.",
    "GP age and retirement intentions are not in the open data, so the score cannot include them.",
  ];
  if (history.synthetic) caveats.unshift("SYNTHETIC demo data: an invented ICS, not real practices.");
  const ranked = scored.length;
  return {
    synthetic: history.synthetic,
    map: history.picture.sources.map,
    period,
    partnerFrom,
    growthFrom,
    englandPatientsPerGpFte: england,
    englandLocumShare: englandLocum,
    flagPoints: RISK_FLAG_POINTS,
    scope: { icb, pcn },
    practices:
      request.top === undefined && request.practice === undefined
        ? scored.slice(0, 20)
        : scored.slice(0, request.top ?? scored.length),
    ranked,
    areas,
    caveats,
  };
}
