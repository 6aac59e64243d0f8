// The plans in the store (/plans): each plan's area, state on the way to ICB approval, revision and the
// number of compliance gaps (from each plan's compliance route); a form starts a new plan from the template.
import { useState } from "preact/hooks";
import { ErrorSummary, fromApiError, type FieldError } from "../components/ErrorSummary.tsx";
import { TextField } from "../components/TextField.tsx";
import { Link, navigate } from "../router.tsx";
import { paths } from "../routes.ts";
import { useApi } from "../use-api.ts";
import { postJson } from "../api.ts";
import { getCompliance, listPlans } from "../plan/api.ts";
import { complianceModel } from "../plan/logic.ts";
import { PLAN_STATES, type PlanSummary } from "../plan/types.ts";
import { problemErrors, StateTag } from "./PlanParts.tsx";
import "../plan/plan.css";

const AREA_KINDS = {
  icb: "ICB",
  "sub-icb": "Place",
  places: "Union of places",
  "local-authorities": "Local authorities",
};

export function PlanList() {
  const plans = useApi(async () => {
    const list = await listPlans();
    const gaps = await Promise.all(
      list.map((p) => getCompliance(p.name).then((c) => complianceModel(c).gaps.length)),
    );
    return list.map((p, i) => ({ ...p, gaps: gaps[i]! }));
  }, "plans");
  return (
    <>
      {plans.error ? <ErrorSummary errors={[fromApiError(plans.error)]} /> : null}
      <h1>Primary care plans</h1>
      <p>
        Each plan is written from the system's own figures, developed with the LMC, and taken through
        sign-off: draft, LMC review, LMC co-signature, the PCN clinical directors' forum, the Health and
        Wellbeing Board's statement and the ICB board's approval.
      </p>
      {plans.loading ? <p>Loading…</p> : null}
      {plans.data ? (
        plans.data.length === 0 ? (
          <p id="plans-none">There is no plan yet. Start one below, or run `icsplan plan new --icb CODE`.</p>
        ) : (
          <table class="nhsuk-table" id="plans">
            <caption class="nhsuk-table__caption">
              {plans.data.length === 1 ? "1 plan" : `${plans.data.length} plans`}
            </caption>
            <thead class="nhsuk-table__head">
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Area</th>
                <th scope="col">State</th>
                <th scope="col" class="nhsuk-table__header--numeric">
                  Revision
                </th>
                <th scope="col" class="nhsuk-table__header--numeric">
                  Compliance gaps
                </th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              {plans.data.map((p) => (
                <PlanRow plan={p} key={p.name} />
              ))}
            </tbody>
          </table>
        )
      ) : null}
      <NewPlanForm />
    </>
  );
}

function PlanRow({ plan: p }: { plan: PlanSummary & { gaps: number } }) {
  return (
    <tr class="nhsuk-table__row" data-plan={p.name}>
      <td class="nhsuk-table__cell">
        <Link href={paths.plan(p.name)}>{p.title}</Link>
        <br />
        <span class="nhsuk-body-s">{p.name}</span>
      </td>
      <td class="nhsuk-table__cell">
        {p.area.name} ({AREA_KINDS[p.area.kind]} {p.area.code})
      </td>
      <td class="nhsuk-table__cell" data-cell="state">
        <StateTag state={p.state} label={p.stateLabel} />
        <br />
        <span class="nhsuk-body-s">
          step {PLAN_STATES.indexOf(p.state) + 1} of {PLAN_STATES.length}
        </span>
      </td>
      <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-cell="revision">
        {p.revision}
      </td>
      <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-cell="gaps">
        <Link href={paths.plan(p.name, "compliance")}>{p.gaps}</Link>
      </td>
      <td class="nhsuk-table__cell">{p.updatedAt.slice(0, 10)}</td>
    </tr>
  );
}

type NewPlanKind = "icb" | "subIcb" | "places" | "localAuthorities";
const LISTED: readonly NewPlanKind[] = ["places", "localAuthorities"];
const CODE_HINTS: Record<NewPlanKind, string> = {
  icb: "For example QNC, or QNQ with a footprint date before 1 April 2026",
  subIcb: "For example 05D",
  places: "Sub-ICB location codes separated by commas, for example 70F, 97R",
  localAuthorities: "ONS district codes separated by commas, for example E06000043, E07000223",
};

function NewPlanForm() {
  const [kind, setKind] = useState<NewPlanKind>("icb");
  const [code, setCode] = useState("");
  const [footprint, setFootprint] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const codes = code
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean);
      const view = await postJson<{ plan: { name: string } }>("plans", {
        [kind]: LISTED.includes(kind) ? codes : code.trim(),
        ...(footprint.trim() ? { footprint: footprint.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      navigate(paths.plan(view.plan.name));
    } catch (error) {
      setErrors(
        problemErrors(error, {
          icb: "new-plan-code",
          subIcb: "new-plan-code",
          places: "new-plan-code",
          localAuthorities: "new-plan-code",
          footprint: "new-plan-footprint",
          name: "new-plan-name",
        }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} id="new-plan">
      <h2>Start a plan from the template</h2>
      <ErrorSummary errors={errors} />
      <p>
        The template is built from the loaded data: every figure in it is an evidence item. It takes a few
        seconds.
      </p>
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="new-plan-kind">
          For
        </label>
        <select
          class="nhsuk-select"
          id="new-plan-kind"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as NewPlanKind)}
        >
          <option value="icb">An ICB</option>
          <option value="subIcb">A place (sub-ICB location)</option>
          <option value="places">A union of places</option>
          <option value="localAuthorities">A set of local authorities</option>
        </select>
      </div>
      <TextField
        id="new-plan-code"
        label={LISTED.includes(kind) ? "Codes of the area" : "Code or name of the area"}
        hint={CODE_HINTS[kind]}
        value={code}
        onInput={setCode}
        width="nhsuk-input--width-20"
      />
      <TextField
        id="new-plan-footprint"
        label="Footprint date (optional; the newest map if blank)"
        hint="The ICB footprint in force on this date, for example 2026-03-31 for an ICB as it was"
        value={footprint}
        onInput={setFootprint}
      />
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="new-plan-name">
          Plan name (optional; the area's code if blank)
        </label>
        <input
          class="nhsuk-input nhsuk-input--width-20"
          id="new-plan-name"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <button class="nhsuk-button nhsuk-button--secondary" type="submit" disabled={busy}>
        {busy ? "Building the plan…" : "Start the plan"}
      </button>
    </form>
  );
}
