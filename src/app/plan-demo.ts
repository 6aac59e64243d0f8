// Use case: the sample plan of the demo, in progress — for `icsplan plan demo`, `serve --demo` and
// `npm start`. On the synthetic demo ICB (Q99): the template from the demo's data, the system's partners
// (all named "(synthetic)"), engagement with the LMC, PCN clinical directors, practice and community staff,
// a named SRO, an action under way, and version 1 submitted for LMC review. Left as gaps for the
// compliance panel to show: the LMC's co-signature, the fourth aim, the EHIA, the HWB statement and the one
// demo practice in no PCN. Idempotent: a second call returns the plan already made, unless the demo was
// loaded again since (its evidence is then out of date), when the sample plan is made afresh.
import { RequestError } from "../model/errors.ts";
import type { Organisation, OrganisationKind, Plan } from "../model/plan.ts";
import { deletePlan, listPeople } from "../store/repositories/plans.ts";
import type { Store } from "../store/store.ts";
import { addPlanEngagement } from "./plan-engagement.ts";
import { addSystemOrganisation, addSystemPerson, systemOrganisations } from "./plan-organisations.ts";
import { addPlanAction, editPlanFields, findPlan, newPlan, planStep, planView } from "./plan.ts";

export const DEMO_PLAN_NAME = "Demo ICB primary care plan";
const ICB = "Q99";

const PARTNERS: [OrganisationKind, string][] = [
  ["lmc", "Demo Local Medical Committee (synthetic)"],
  ["federation", "Demo GP Federation (synthetic)"],
  ["acute-trust", "Demo Hospitals NHS Trust (synthetic)"],
  ["community-trust", "Demo Community Health NHS Trust (synthetic)"],
  ["mental-health-trust", "Demo Mental Health NHS Trust (synthetic)"],
  ["local-authority", "Demo County Council (synthetic)"],
  ["hwb", "Demo Health and Wellbeing Board (synthetic)"],
  ["vcse", "Demo Voluntary Action (synthetic)"],
  ["healthwatch", "Healthwatch Demo (synthetic)"],
  ["ppg", "School Lane Surgery PPG (synthetic)"],
];

async function partner(store: Store, kind: OrganisationKind, name: string): Promise<Organisation> {
  const known = (await systemOrganisations(store, { synthetic: true, icb: ICB })).find(
    (o) => o.kind === kind && o.name === name,
  );
  return known ?? addSystemOrganisation(store, { kind, name, icb: ICB, synthetic: true });
}

/** The demo's sample plan (made once; the demo must be loaded: `icsplan demo`). */
export async function createDemoPlan(store: Store): Promise<Plan> {
  try {
    const view = await planView(store, DEMO_PLAN_NAME);
    // Only a new demo remakes it: a scenario saved since (the resilience item) is the user's, not news.
    if (view.freshness.every((f) => f.fresh || f.key === "resilience")) return view.plan;
    await deletePlan(store.db, view.plan.id);
  } catch (error) {
    if (!(error instanceof RequestError) || error.kind !== "not-found") throw error;
  }
  const people = new Set((await listPeople(store.db)).map((p) => p.name));
  const person = async (p: Parameters<typeof addSystemPerson>[1]) => {
    if (!people.has(p.name)) await addSystemPerson(store, p);
  };
  const orgs = new Map<OrganisationKind, Organisation>();
  for (const [kind, name] of PARTNERS) orgs.set(kind, await partner(store, kind, name));
  const pcn = (await systemOrganisations(store, { synthetic: true, icb: ICB })).find(
    (o) => o.kind === "pcn",
  )!;
  await person({
    name: "Dr Lee Example (synthetic)",
    staffGroup: "lmc-officer",
    organisation: orgs.get("lmc")!.key,
    role: "lmc-officer",
  });
  await person({
    name: "Dr Casey Example (synthetic)",
    staffGroup: "pcn-clinical-director",
    organisation: pcn.key,
    role: "pcn-clinical-director",
  });
  await person({
    name: "Pat Planner (synthetic)",
    staffGroup: "icb-staff",
    organisation: `icb:${ICB}`,
    role: "icb-planner",
  });

  const plan = await newPlan(store, { synthetic: true, icb: ICB, name: DEMO_PLAN_NAME });
  await editPlanFields(store, plan.name, { sro: "Director of Primary Care, Demo ICB (synthetic)" });
  const view = await findPlan(store, plan.name);
  const objective = view.content.sections.find((s) => s.id === "aims")!.objectives[0]!;
  await addPlanAction(store, plan.name, {
    objective: objective.id,
    text: "Agree a GP retention scheme with the LMC and the training hub",
    owner: "Pat Planner (synthetic)",
    start: "2026-02-01",
    due: "2026-09-30",
    status: "in-progress",
  });
  await addPlanEngagement(store, plan.name, {
    date: "2026-01-20",
    kind: "meeting",
    forum: "ICB–LMC liaison meeting",
    organisations: [orgs.get("lmc")!.key, `icb:${ICB}`],
    attendees: { "lmc-officer": 3, "gp-partner": 4, "icb-staff": 3 },
    settings: ["primary"],
    asked: "What must the plan do first for practices under strain?",
    heard: "Partners in the smallest PCNs cannot cover sessions; unspent ARRS money should follow the need.",
    changes: [{ section: "workforce", weDid: "Added the GP retention action under the first aim." }],
  });
  await addPlanEngagement(store, plan.name, {
    date: "2026-02-04",
    kind: "meeting",
    forum: "PCN clinical directors' forum",
    organisations: [pcn.key, orgs.get("federation")!.key],
    attendees: { "pcn-clinical-director": 9, "practice-manager": 4 },
    settings: ["primary"],
    asked: "Which networks should grow into integrated neighbourhood teams first?",
    heard: "Start where community nursing teams already share a footprint with the PCN.",
    changes: [
      { section: "neighbourhoods", weDid: "Ordered the neighbourhood roll-out by shared footprints." },
    ],
  });
  await addPlanEngagement(store, plan.name, {
    date: "2026-02-18",
    kind: "workshop",
    forum: "Neighbourhood teams workshop",
    organisations: [
      orgs.get("community-trust")!.key,
      orgs.get("local-authority")!.key,
      orgs.get("vcse")!.key,
    ],
    attendees: {
      "community-nurse": 7,
      "social-worker": 3,
      "salaried-gp": 2,
      "practice-nurse": 3,
      "vcse-worker": 2,
    },
    settings: ["primary", "community"],
    asked: "How should community and practice teams work as one around a neighbourhood?",
    heard: "Shared caseload meetings and one care coordinator per neighbourhood.",
    changes: [],
  });
  await addPlanEngagement(store, plan.name, {
    date: "2026-03-02",
    kind: "survey",
    forum: "Practice staff survey",
    attendees: {
      "gp-partner": 21,
      "salaried-gp": 14,
      "practice-nurse": 18,
      "practice-manager": 25,
      "admin-reception": 30,
    },
    settings: ["primary"],
    asked: "What would keep you working in general practice here?",
    heard: "Manageable sessions, estates fit for teams, and a say in how ARRS roles are used.",
    changes: [
      { section: "additional-roles", weDid: "Added PCN staff to the ARRS workforce planning group." },
    ],
  });
  await planStep(store, plan.name, {
    step: "submit-for-lmc-review",
    by: "Pat Planner (synthetic)",
    role: "icb-planner",
    organisation: "Demo ICB (synthetic)",
    note: "First draft for the LMC",
  });
  return findPlan(store, plan.name);
}
