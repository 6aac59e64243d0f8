// The compliance check of a plan: what is missing, each rule with its source (../shared/docs/domain.md
// sections C1, C5, F1 and G). Pure: the plan, its evidence, engagement and sign-offs in; findings out.
import {
  FOUR_AIMS,
  STAFF_GROUPS,
  type EngagementRecord,
  type EvidenceItem,
  type Organisation,
  type PlanContent,
  type SignOff,
  type StaffGroup,
} from "../../model/plan.ts";
import { valueAt } from "./figures.ts";

export interface ComplianceRule {
  id: string;
  title: string;
  source: string;
}

export interface ComplianceFinding extends ComplianceRule {
  met: boolean;
  /** What was found, or what is missing. */
  detail: string;
}

export interface ComplianceInput {
  content: PlanContent;
  evidence: readonly EvidenceItem[];
  engagement: readonly EngagementRecord[];
  signOffs: readonly SignOff[];
  /** Organisations named by key (to know which engagement included the LMC). */
  organisations: readonly Organisation[];
}

export const RULES = {
  lmcEngagement: {
    id: "lmc-engagement",
    title: "Developed in partnership with the LMC: the LMC took part in engagement",
    source:
      "GP partnership review (2019): a primary care plan per ICS developed in partnership with the LMC (domain.md G)",
  },
  lmcCoSign: {
    id: "lmc-co-signature",
    title: "The LMC co-signed the plan",
    source: "GP partnership review (2019): developed in partnership with the LMC (domain.md G)",
  },
  staffInvolvement: {
    id: "staff-involvement",
    title: "Primary and community care staff were involved",
    source:
      "GP partnership review (2019): demonstrating how primary and community care staff were involved (domain.md G)",
  },
  fourAims: {
    id: "four-aims",
    title: "Each of the four aims has an objective with a measure that has a baseline",
    source:
      "ICS four aims (NHS Providers, November 2020; domain.md C5); Joint Forward Plan covers the four ICS purposes (Health and Care Act 2022; domain.md G)",
  },
  inequalities: {
    id: "health-inequalities",
    title: "Health inequalities addressed: equity audit and deprivation flex",
    source:
      "Access improvement plans briefing note (May 2023): health inequalities, support for practices in deprived areas (domain.md C5, G)",
  },
  sro: {
    id: "senior-responsible-owner",
    title: "A named senior responsible owner",
    source: "Access improvement plans briefing note (May 2023): a named SRO (domain.md G)",
  },
  ehia: {
    id: "ehia",
    title: "An equality and health inequalities impact assessment is recorded",
    source: "Access improvement plans briefing note (May 2023): EHIA (domain.md G)",
  },
  hwb: {
    id: "hwb-statement",
    title: "The Health and Wellbeing Board's statement is recorded",
    source:
      "Joint Forward Plan duty (Health and Care Act 2022): include each HWB's statement; HWBs sign off neighbourhood health plans (Neighbourhood Health Framework, March 2026) (domain.md G, F1)",
  },
  coverage: {
    id: "network-coverage",
    title: "Networks cover every practice",
    source: "Network Contract DES: commissioners ensure 100% geographic coverage (domain.md C1)",
  },
} as const satisfies Record<string, ComplianceRule>;

const settingOf = (g: StaffGroup) => STAFF_GROUPS[g].setting;

function attendeesBySetting(engagement: readonly EngagementRecord[]) {
  const out = { primary: 0, community: 0 };
  for (const r of engagement)
    for (const [group, n] of Object.entries(r.attendees) as [StaffGroup, number][]) {
      const s = STAFF_GROUPS[group] ? settingOf(group) : "other";
      if (s === "primary" || s === "community") out[s] += n;
    }
  return out;
}

export function checkCompliance(input: ComplianceInput): ComplianceFinding[] {
  const { content, evidence, engagement, signOffs } = input;
  const lmcKeys = new Set(input.organisations.filter((o) => o.kind === "lmc").map((o) => o.key));
  const findings: ComplianceFinding[] = [];
  const add = (rule: ComplianceRule, met: boolean, detail: string) => findings.push({ ...rule, met, detail });

  const withLmc = engagement.filter(
    (r) => r.organisations.some((k) => lmcKeys.has(k)) || (r.attendees["lmc-officer"] ?? 0) > 0,
  );
  add(
    RULES.lmcEngagement,
    withLmc.length > 0,
    withLmc.length > 0
      ? `${withLmc.length} engagement record${withLmc.length === 1 ? "" : "s"} with the LMC (${withLmc.map((r) => `${r.date} ${r.forum}`).join("; ")})`
      : "no engagement record names the LMC or an LMC officer: add one with `icsplan plan engage add`",
  );

  const coSign = signOffs.filter((s) => s.step === "lmc-co-sign");
  add(
    RULES.lmcCoSign,
    coSign.length > 0,
    coSign.length > 0
      ? `co-signed by ${coSign.at(-1)!.by} on version ${coSign.at(-1)!.version}`
      : "the LMC has not co-signed any version",
  );

  const counts = attendeesBySetting(engagement);
  const settings = new Set(engagement.flatMap((r) => r.settings));
  const primaryOk = counts.primary > 0 && settings.has("primary");
  const communityOk = counts.community > 0 && settings.has("community");
  add(
    RULES.staffInvolvement,
    primaryOk && communityOk,
    `${counts.primary} primary care and ${counts.community} community care attendees recorded` +
      (primaryOk && communityOk
        ? ""
        : `; missing: ${[!primaryOk && "primary care staff", !communityOk && "community care staff"].filter(Boolean).join(" and ")}`),
  );

  const objectives = content.sections.flatMap((s) => s.objectives);
  const missingAims = FOUR_AIMS.filter(
    (aim) => !objectives.some((o) => o.aims.includes(aim.id) && o.measures.some((m) => m.baseline !== null)),
  );
  add(
    RULES.fourAims,
    missingAims.length === 0,
    missingAims.length === 0
      ? "every aim has an objective with a baselined measure"
      : `no objective with a baselined measure for: ${missingAims.map((a) => a.label).join("; ")}`,
  );

  const audit = evidence.find((e) => e.key === "audit" && e.unavailable === undefined);
  const flex = evidence.find((e) => e.key === "allocation" && e.unavailable === undefined);
  const hasInequalityObjective = objectives.some((o) => o.aims.includes("inequalities"));
  const ineqOk = Boolean(audit && flex && hasInequalityObjective);
  add(
    RULES.inequalities,
    ineqOk,
    ineqOk
      ? "equity audit and deprivation-flexed allocation are in the evidence, with an inequalities objective"
      : `missing: ${[!audit && "the equity audit", !flex && "the deprivation-flexed allocation", !hasInequalityObjective && "an objective for the inequalities aim"].filter(Boolean).join(", ")}`,
  );

  add(
    RULES.sro,
    Boolean(content.sro?.trim()),
    content.sro?.trim() ? `SRO: ${content.sro}` : "no senior responsible owner is named",
  );
  add(
    RULES.ehia,
    content.ehia !== null,
    content.ehia ? `EHIA of ${content.ehia.date}: ${content.ehia.summary}` : "no EHIA is recorded",
  );
  add(
    RULES.hwb,
    content.hwbStatement !== null,
    content.hwbStatement
      ? `${content.hwbStatement.board}, ${content.hwbStatement.date}`
      : "no Health and Wellbeing Board statement is recorded",
  );

  const networks = evidence.find((e) => e.key === "networks");
  const outside = networks ? valueAt(networks.summary, "practicesOutsidePcn") : undefined;
  add(
    RULES.coverage,
    outside === 0,
    typeof outside === "number"
      ? outside === 0
        ? "every practice of the area is in a PCN"
        : `${outside} practice${outside === 1 ? " is" : "s are"} in no PCN`
      : "the networks evidence is missing",
  );
  return findings;
}

export const complianceGaps = (findings: readonly ComplianceFinding[]) => findings.filter((f) => !f.met);
