// The template of a new plan, built from its evidence (the use cases' results): the sections the GP
// partnership review, the Fuller stocktake, the access recovery plan and the Joint Forward Plan duty ask
// for (domain.md C5, G), each with figures, tables and charts that point at evidence items, and the four
// aims each with a proposed objective whose measures take their baselines from the evidence. Targets,
// owners and risk scores are left for the plan's owners: the template invents no number.
import { valueAt } from "./figures.ts";
import { formatValue } from "./figures.ts";
import type {
  EvidenceItem,
  Objective,
  PlanArea,
  PlanContent,
  PlanRisk,
  PlanSection,
  SectionId,
} from "../../model/plan.ts";

export const SECTION_TITLES: Record<SectionId, string> = {
  population: "Population and need",
  networks: "Primary care networks",
  workforce: "Workforce and partnership sustainability",
  "additional-roles": "Multi-skilled teams and additional roles",
  neighbourhoods: "Community-based specialties and integrated neighbourhood teams",
  resilience: "Resilience: closures and mergers",
  funding: "Funding and deprivation flex",
  aims: "The four aims of the ICS",
  partners: "System partners and the voice of general practice",
  risks: "Risks",
  engagement: "Engagement: how primary and community care staff were involved",
};

const section = (id: SectionId, parts: Partial<Omit<PlanSection, "id" | "title">>): PlanSection => ({
  id,
  title: SECTION_TITLES[id],
  narrative: [],
  figures: [],
  tables: [],
  charts: [],
  objectives: [],
  risks: [],
  ...parts,
});

export interface TemplateInput {
  area: PlanArea;
  synthetic: boolean;
  title?: string;
  evidence: readonly EvidenceItem[];
}

/** A value of an evidence item's summary, formatted. */
function fmt(
  evidence: readonly EvidenceItem[],
  key: string,
  path: string,
  format: "count" | "decimal" | "percent" | "pounds" | "text",
) {
  const item = evidence.find((e) => e.key === key);
  return formatValue(item ? valueAt(item.summary, path) : undefined, format);
}

function num(evidence: readonly EvidenceItem[], key: string, path: string): number | null {
  const item = evidence.find((e) => e.key === key);
  const v = item ? valueAt(item.summary, path) : undefined;
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function str(evidence: readonly EvidenceItem[], key: string, path: string): string | null {
  const item = evidence.find((e) => e.key === key);
  const v = item ? valueAt(item.summary, path) : undefined;
  return typeof v === "string" ? v : null;
}

/** A measure whose baseline is an evidence figure (none when the evidence lacks it). */
function measure(
  evidence: readonly EvidenceItem[],
  id: string,
  name: string,
  unit: string,
  key: string,
  path: string,
  date: string | null,
) {
  const value = num(evidence, key, path);
  return {
    id,
    name,
    unit,
    baseline: value === null ? null : { value, date: date ?? "", evidence: key, path },
    target: null,
  };
}

function aimObjectives(evidence: readonly EvidenceItem[]): Objective[] {
  const popDate = str(evidence, "population", "date");
  const paymentsYear = str(evidence, "audit", "paymentsYear");
  const census = str(evidence, "arrs", "census");
  return [
    {
      id: "aim-health-1",
      text: "Raise the GP capacity available to each patient of the system (proposed by the template).",
      aims: ["health"],
      actions: [],
      measures: [
        measure(
          evidence,
          "m-gp-per-10k",
          "GP FTE per 10,000 registered patients",
          "FTE per 10,000",
          "population",
          "gpFtePer10k",
          popDate,
        ),
      ],
    },
    {
      id: "aim-inequalities-1",
      text: "Flex funding towards the practices serving the most deprived patients (proposed by the template).",
      aims: ["inequalities"],
      actions: [],
      measures: [
        measure(
          evidence,
          "m-q1-payments",
          "Payments per registered patient, most deprived quintile of practices",
          "£ per patient",
          "audit",
          "q1PaymentsPerRegistered",
          paymentsYear,
        ),
      ],
    },
    {
      id: "aim-productivity-1",
      text: "Use the additional roles entitlement of every PCN in full (proposed by the template).",
      aims: ["productivity"],
      actions: [],
      measures: [
        measure(
          evidence,
          "m-arrs-headroom",
          "Share of the ARRS entitlement unspent",
          "share",
          "arrs",
          "headroomShare",
          census,
        ),
      ],
    },
  ];
}

function risks(evidence: readonly EvidenceItem[]): PlanRisk[] {
  const out: PlanRisk[] = [];
  const partnerChange = num(evidence, "workforce-trends", "partnerFteChange");
  if (partnerChange !== null && partnerChange < 0)
    out.push({
      id: "risk-partners",
      text: `GP partner FTE fell by ${formatValue(-partnerChange, "percent")} (${fmt(evidence, "workforce-trends", "partnerYears", "text")}): the partnership model may not be sustained.`,
      likelihood: null,
      impact: null,
      owner: null,
      mitigation: "",
      evidence: "workforce-trends",
    });
  const flagged = num(evidence, "workforce-risk", "flagged");
  if (flagged !== null && flagged > 0)
    out.push({
      id: "risk-practices",
      text: `${formatValue(flagged, "count")} practices are flagged by the partnership sustainability score (${fmt(evidence, "workforce-risk", "patientsFlagged", "count")} patients).`,
      likelihood: null,
      impact: null,
      owner: null,
      mitigation: "",
      evidence: "workforce-risk",
    });
  const under = num(evidence, "networks", "bands.under");
  if (under !== null && under > 0)
    out.push({
      id: "risk-small-pcns",
      text: `PCNs under the 30,000-patient minimum of the Network Contract DES: ${formatValue(under, "count")}.`,
      likelihood: null,
      impact: null,
      owner: null,
      mitigation: "",
      evidence: "networks",
    });
  const headroom = num(evidence, "arrs", "headroom");
  if (headroom !== null && headroom > 0)
    out.push({
      id: "risk-arrs-headroom",
      text: `${formatValue(headroom, "pounds")} of the ARRS entitlement is not spent (at least): roles the system is entitled to are not in post.`,
      likelihood: null,
      impact: null,
      owner: null,
      mitigation: "",
      evidence: "arrs",
    });
  return out;
}

/** A new plan's content from its evidence. */
export function buildTemplate(input: TemplateInput): PlanContent {
  const e = input.evidence;
  const areaName = input.area.name;
  const sections: PlanSection[] = [
    section("population", {
      narrative: [
        `${areaName} has ${fmt(e, "population", "practices", "count")} practices with ${fmt(e, "population", "patients", "count")} registered patients in ${fmt(e, "population", "pcns", "count")} PCNs.`,
        `${fmt(e, "population", "mostDeprivedQuintileShare", "percent")} of patients are in the most deprived national quintile (IMD; ${fmt(e, "population", "deprivationBasis", "text")}).`,
      ],
      figures: [
        { label: "Practices", evidence: "population", path: "practices", format: "count" },
        { label: "Registered patients", evidence: "population", path: "patients", format: "count" },
        { label: "PCNs", evidence: "population", path: "pcns", format: "count" },
        { label: "Median list size", evidence: "population", path: "medianList", format: "count" },
        { label: "Patients per GP FTE", evidence: "population", path: "patientsPerGpFte", format: "count" },
        {
          label: "GP FTE per 10,000 patients",
          evidence: "population",
          path: "gpFtePer10k",
          format: "decimal",
        },
        {
          label: "Patients in the most deprived quintile",
          evidence: "population",
          path: "mostDeprivedQuintileShare",
          format: "percent",
        },
      ],
      tables: [
        {
          title: "Places",
          evidence: "population",
          path: "places",
          columns: [
            { key: "code", label: "Code", format: "text" },
            { key: "name", label: "Place", format: "text" },
            { key: "practices", label: "Practices", format: "count" },
            { key: "pcns", label: "PCNs", format: "count" },
            { key: "patients", label: "Patients", format: "count" },
          ],
        },
      ],
    }),
    section("networks", {
      narrative: [
        `Today's ${fmt(e, "networks", "networks", "count")} networks: ${fmt(e, "networks", "bands.in", "count")} within 30,000–50,000 patients, ${fmt(e, "networks", "bands.under", "count")} under and ${fmt(e, "networks", "bands.over", "count")} over; practices in no PCN: ${fmt(e, "networks", "practicesOutsidePcn", "count")}.`,
      ],
      figures: [
        { label: "Networks", evidence: "networks", path: "networks", format: "count" },
        { label: "Under 30,000 patients", evidence: "networks", path: "bands.under", format: "count" },
        { label: "Within 30,000–50,000", evidence: "networks", path: "bands.in", format: "count" },
        { label: "Over 50,000", evidence: "networks", path: "bands.over", format: "count" },
        { label: "Not contiguous", evidence: "networks", path: "notContiguous", format: "count" },
        { label: "Practices in no PCN", evidence: "networks", path: "practicesOutsidePcn", format: "count" },
        {
          label: "Patients attending a practice of their network",
          evidence: "networks",
          path: "localisation",
          format: "percent",
        },
      ],
      tables: [
        {
          title: "Networks",
          evidence: "networks",
          path: "rows",
          columns: [
            { key: "code", label: "Code", format: "text" },
            { key: "name", label: "PCN", format: "text" },
            { key: "practices", label: "Practices", format: "count" },
            { key: "listSize", label: "Patients", format: "count" },
            { key: "band", label: "Band", format: "text" },
            { key: "contiguous", label: "Contiguous", format: "text" },
          ],
        },
      ],
    }),
    section("workforce", {
      narrative: [
        `GP FTE went from ${fmt(e, "workforce-trends", "gpFteFrom", "decimal")} to ${fmt(e, "workforce-trends", "gpFteTo", "decimal")} (${fmt(e, "workforce-trends", "gpFteChange", "percent")}); GP partner FTE from ${fmt(e, "workforce-trends", "partnerFteFrom", "decimal")} to ${fmt(e, "workforce-trends", "partnerFteTo", "decimal")} (${fmt(e, "workforce-trends", "partnerFteChange", "percent")}, ${fmt(e, "workforce-trends", "partnerYears", "text")}).`,
        `Practices flagged at risk by the partnership sustainability score (${fmt(e, "workforce-risk", "flagPoints", "count")} points or more): ${fmt(e, "workforce-risk", "flagged", "count")}.`,
      ],
      figures: [
        { label: "GP FTE change", evidence: "workforce-trends", path: "gpFteChange", format: "percent" },
        {
          label: "GP partner FTE change",
          evidence: "workforce-trends",
          path: "partnerFteChange",
          format: "percent",
        },
        { label: "Practices flagged at risk", evidence: "workforce-risk", path: "flagged", format: "count" },
      ],
      charts: [
        {
          title: "GP FTE by year",
          evidence: "workforce-trends",
          path: "series",
          x: "year",
          y: "gpFte",
          kind: "line",
          yLabel: "GP FTE",
        },
      ],
      tables: [
        {
          title: "PCNs losing partners fastest",
          evidence: "workforce-partners",
          path: "rows",
          columns: [
            { key: "code", label: "Code", format: "text" },
            { key: "name", label: "PCN", format: "text" },
            { key: "fromFte", label: "Partner FTE (from)", format: "decimal" },
            { key: "toFte", label: "Partner FTE (to)", format: "decimal" },
            { key: "change", label: "Change", format: "percent" },
          ],
        },
        {
          title: "Practices at risk",
          evidence: "workforce-risk",
          path: "rows",
          columns: [
            { key: "code", label: "Code", format: "text" },
            { key: "name", label: "Practice", format: "text" },
            { key: "pcn", label: "PCN", format: "text" },
            { key: "score", label: "Score", format: "count" },
            { key: "components", label: "Components scoring", format: "text" },
          ],
        },
      ],
    }),
    section("additional-roles", {
      narrative: [
        `PCNs employ ${fmt(e, "arrs", "arrsFte", "decimal")} FTE in additional roles (${fmt(e, "arrs", "census", "text")} census), costing ${fmt(e, "arrs", "cost", "pounds")} against an entitlement of ${fmt(e, "arrs", "entitlement", "pounds")}: a headroom of at least ${fmt(e, "arrs", "headroom", "pounds")}.`,
      ],
      figures: [
        { label: "ARRS FTE", evidence: "arrs", path: "arrsFte", format: "decimal" },
        { label: "ARRS entitlement", evidence: "arrs", path: "entitlement", format: "pounds" },
        { label: "Cost of roles in post", evidence: "arrs", path: "cost", format: "pounds" },
        { label: "Headroom (lower bound)", evidence: "arrs", path: "headroom", format: "pounds" },
      ],
      tables: [
        {
          title: "Additional roles in post",
          evidence: "arrs",
          path: "roles",
          columns: [
            { key: "role", label: "Role", format: "text" },
            { key: "fte", label: "FTE", format: "decimal" },
            { key: "cost", label: "Cost", format: "pounds" },
          ],
        },
      ],
    }),
    section("neighbourhoods", {
      narrative: [
        "The Fuller stocktake asks PCNs to evolve into integrated neighbourhood teams, with community health services aligned to neighbourhood footprints; the 10 Year Health Plan sets single-neighbourhood providers of about 50,000 patients.",
        `${fmt(e, "networks", "bands.in", "count")} of today's ${fmt(e, "networks", "networks", "count")} networks are of that scale. Community-based specialties (care of the elderly, diabetes, dermatology) are to be planned with the trusts here: the open data loaded has no figures for them.`,
      ],
      objectives: [
        {
          id: "int-coverage",
          text: "Every practice belongs to a network and an integrated neighbourhood team (proposed by the template).",
          aims: ["health"],
          actions: [],
          measures: [
            measure(
              e,
              "m-outside-pcn",
              "Practices in no PCN",
              "practices",
              "networks",
              "practicesOutsidePcn",
              str(e, "population", "date"),
            ),
          ],
        },
      ],
    }),
    section("resilience", {
      narrative: [
        `Closure, merger or network-design scenarios of this area saved (\`icsplan scenarios\`): ${fmt(e, "resilience", "scenarios", "count")}.`,
      ],
      tables: [
        {
          title: "Saved scenarios",
          evidence: "resilience",
          path: "rows",
          columns: [
            { key: "name", label: "Scenario", format: "text" },
            { key: "kind", label: "Kind", format: "text" },
            { key: "mapDate", label: "Map", format: "text" },
            { key: "description", label: "Description", format: "text" },
          ],
        },
      ],
    }),
    section("funding", {
      narrative: [
        `Entitlements for ${fmt(e, "entitlements", "year", "text")}: ${fmt(e, "entitlements", "total", "pounds")} in all, of which practices ${fmt(e, "entitlements", "practiceTotal", "pounds")}, networks ${fmt(e, "entitlements", "networkTotal", "pounds")} and ARRS ${fmt(e, "entitlements", "arrsTotal", "pounds")}.`,
        `Payments per registered patient (${fmt(e, "audit", "paymentsYear", "text")}): ${fmt(e, "audit", "q1PaymentsPerRegistered", "pounds")} in the most deprived quintile of practices against ${fmt(e, "audit", "allPaymentsPerRegistered", "pounds")} for all.`,
      ],
      figures: [
        { label: "Entitlements, all", evidence: "entitlements", path: "total", format: "pounds" },
        {
          label: "Payments per patient, most deprived quintile",
          evidence: "audit",
          path: "q1PaymentsPerRegistered",
          format: "pounds",
        },
        {
          label: "Payments per patient, all practices",
          evidence: "audit",
          path: "allPaymentsPerRegistered",
          format: "pounds",
        },
        {
          label: "Concentration index of payments per patient",
          evidence: "audit",
          path: "concentrationPayments",
          format: "decimal",
        },
      ],
      tables: [
        {
          title: "Equity audit by deprivation quintile",
          evidence: "audit",
          path: "rows",
          columns: [
            { key: "label", label: "Quintile", format: "text" },
            { key: "practices", label: "Practices", format: "count" },
            { key: "registered", label: "Patients", format: "count" },
            { key: "paymentsPerRegistered", label: "£ per patient", format: "decimal" },
            { key: "gpFtePer10k", label: "GP FTE / 10k", format: "decimal" },
            { key: "arrsFtePer10k", label: "ARRS FTE / 10k", format: "decimal" },
            { key: "afterPerHead", label: "Flexed / equal", format: "decimal" },
          ],
        },
        {
          title: "Deprivation-flexed allocation to networks",
          evidence: "allocation",
          path: "rows",
          columns: [
            { key: "code", label: "Code", format: "text" },
            { key: "name", label: "Network", format: "text" },
            { key: "registered", label: "Patients", format: "count" },
            { key: "needShare", label: "Need share", format: "percent" },
            { key: "pounds", label: "Flexed", format: "pounds" },
            { key: "equalPounds", label: "Equal per head", format: "pounds" },
          ],
        },
      ],
    }),
    section("aims", {
      narrative: [
        "Each of the four aims of the ICS needs at least one objective with a measure that has a baseline. The template proposes one for three of them from the data; the fourth (social and economic development) is for the plan's partners to set.",
      ],
      objectives: aimObjectives(e),
    }),
    section("partners", {
      narrative: [
        "General practice speaks with one voice among system partners through a confederation of the ICB, the LMC, GP federations and PCNs, with the PCN clinical directors' forum and patient participation groups.",
      ],
    }),
    section("risks", { risks: risks(e) }),
    section("engagement", {
      narrative: [
        "The plan is developed in partnership with the LMC. The engagement log records every meeting, workshop, survey and consultation, who took part by staff group and setting, and what changed as a result.",
      ],
    }),
  ];
  return {
    title: input.title ?? `Primary care plan for ${areaName}`,
    area: input.area,
    synthetic: input.synthetic,
    sro: null,
    ehia: null,
    hwbStatement: null,
    sections,
  };
}
