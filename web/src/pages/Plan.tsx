// A plan (/plans/NAME and its tabs): the header with the plan's state and revision, who is acting, and the
// NHS tabs, each its own URL: sections, engagement, workflow, versions, compliance and export.
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { Link } from "../router.tsx";
import { PLAN_TABS, paths, type PlanTab } from "../routes.ts";
import { complianceModel } from "../plan/logic.ts";
import { ActorBar, StateTag, usePlanView } from "./PlanParts.tsx";
import { PlanCompliance } from "./PlanCompliance.tsx";
import { PlanEngagement } from "./PlanEngagement.tsx";
import { PlanExport } from "./PlanExport.tsx";
import { PlanSections } from "./PlanSections.tsx";
import { PlanVersions } from "./PlanVersions.tsx";
import { PlanWorkflow } from "./PlanWorkflow.tsx";
import "../plan/plan.css";

const AREA_KINDS = {
  icb: "ICB",
  "sub-icb": "place",
  places: "union of places",
  "local-authorities": "local authorities",
} as const;

const TAB_LABELS: Record<PlanTab, string> = {
  sections: "Sections",
  engagement: "Engagement",
  workflow: "Workflow",
  versions: "Versions",
  compliance: "Compliance",
  export: "Export",
};

export function PlanPage({ name, tab }: { name: string; tab: PlanTab }) {
  const load = usePlanView(name);
  const view = load.view;
  if (!view)
    return (
      <>
        {load.error ? <ErrorSummary errors={[fromApiError(load.error)]} /> : <p>Loading the plan…</p>}
        <p>
          <Link href={paths.plans()}>All plans</Link>
        </p>
      </>
    );
  const p = view.plan;
  const gaps = complianceModel(view.compliance).gaps.length;
  return (
    <>
      <nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">
        <ol class="nhsuk-breadcrumb__list">
          <li class="nhsuk-breadcrumb__list-item">
            <Link class="nhsuk-breadcrumb__link" href={paths.plans()}>
              Plans
            </Link>
          </li>
        </ol>
      </nav>
      <span class="nhsuk-caption-l">
        {p.content.area.name} ({AREA_KINDS[p.content.area.kind]} {p.content.area.code})
        {p.content.area.footprint ? ` · ${p.content.area.footprint}` : ""}
      </span>
      <h1>{p.content.title}</h1>
      <p id="plan-status">
        <StateTag state={p.state} label={view.stateLabel} /> Revision{" "}
        <span data-field="revision">{p.revision}</span> ·{" "}
        {view.versions.length === 1 ? "1 version" : `${view.versions.length} versions`} ·{" "}
        <Link href={paths.plan(name, "compliance")}>
          {gaps === 1 ? "1 compliance gap" : `${gaps} compliance gaps`}
        </Link>
      </p>
      <ActorBar />
      <div class="nhsuk-frontend-supported">
        <div class="nhsuk-tabs">
          <h2 class="nhsuk-tabs__title">Contents</h2>
          <ul class="nhsuk-tabs__list" aria-label="Parts of the plan">
            {PLAN_TABS.map((t) => (
              <li
                class={`nhsuk-tabs__list-item${t === tab ? " nhsuk-tabs__list-item--selected" : ""}`}
                key={t}
              >
                <Link
                  class="nhsuk-tabs__tab"
                  href={paths.plan(name, t)}
                  aria-current={t === tab ? "page" : undefined}
                >
                  {TAB_LABELS[t]}
                </Link>
              </li>
            ))}
          </ul>
          <section class="nhsuk-tabs__panel" id={`tab-${tab}`} aria-label={TAB_LABELS[tab]}>
            <Tab tab={tab} name={name} load={load} />
          </section>
        </div>
      </div>
    </>
  );
}

function Tab({ tab, name, load }: { tab: PlanTab; name: string; load: ReturnType<typeof usePlanView> }) {
  const view = load.view!;
  switch (tab) {
    case "sections":
      return <PlanSections name={name} view={view} reload={load.reload} />;
    case "engagement":
      return <PlanEngagement name={name} view={view} reload={load.reload} />;
    case "workflow":
      return <PlanWorkflow name={name} view={view} reload={load.reload} />;
    case "versions":
      return <PlanVersions name={name} view={view} />;
    case "compliance":
      return <PlanCompliance view={view} />;
    case "export":
      return <PlanExport name={name} view={view} />;
  }
}
