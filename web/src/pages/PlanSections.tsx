// The plan's sections: narrative, figures and tables read from the evidence, objectives with their
// measures (baseline, target, date) and actions (owner, dates, status), risks, the evidence each section
// uses with its data dates (a "stale" tag when an import changed what it read, and Refresh while a draft),
// what engagement changed, and comments. A draft is edited against the revision the page shows: the
// server refuses an edit made on an old revision (409) with the content the other person saved, and the
// page shows their change while the form keeps what was typed. A section's narrative and its actions'
// statuses are edited per section (PlanSectionEdit.tsx), against the section's own token.
import { useState } from "preact/hooks";
import { ErrorSummary, type FieldError } from "../components/ErrorSummary.tsx";
import { SummaryList } from "../components/SummaryList.tsx";
import { useActor } from "../plan/actor.ts";
import {
  addAction,
  addComment,
  addObjective,
  editPlanFields,
  PlanApiError,
  refreshEvidence,
} from "../plan/api.ts";
import { evidenceValue, formatValue, otherChanges, sectionEvidence, tableRows } from "../plan/logic.ts";
import {
  ACTION_STATUSES,
  FOUR_AIMS,
  type PlanContent,
  type PlanSection,
  type PlanView,
} from "../plan/types.ts";
import { NAME_NEEDED, ROLE_NAMES, problemErrors, when } from "./PlanParts.tsx";
import { ActionStatus, LastEdit, NarrativeEditor, STATUS_LABELS } from "./PlanSectionEdit.tsx";

const AIM_LABELS: Record<string, string> = Object.fromEntries(FOUR_AIMS.map((a) => [a.id, a.label]));

type Reload = () => Promise<void>;

/**
 * Runs an edit; a stale revision's 409 becomes the error summary with the other person's changes (from the
 * content the page started from to the content saved), and the view reloads so the next save starts from
 * the new revision. The caller's form keeps its values whatever happens.
 */
function useEdit(base: PlanContent, reload: Reload, targets: Record<string, string>) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work();
      setErrors([]);
      await reload();
      return true;
    } catch (error) {
      if (error instanceof PlanApiError && error.status === 409 && error.problem.current) {
        const theirs = otherChanges(base, error.problem.current);
        setErrors([
          {
            message: `Someone else saved the plan since you opened it (it is now at revision ${error.problem.revision ?? "?"}). Nothing you typed is lost: check their change below, then save again.`,
          },
          ...(theirs.length > 0
            ? theirs
            : ["(their change is not in the plan's text: its evidence or state)"]
          ).map((t) => ({
            message: `Their change: ${t}`,
          })),
        ]);
      } else setErrors(problemErrors(error, targets));
      await reload();
      return false;
    }
  };
  return { errors, run };
}

export function PlanSections({ name, view, reload }: { name: string; view: PlanView; reload: Reload }) {
  const content = view.plan.content;
  const draft = view.plan.state === "draft";
  const stale = view.freshness.filter((f) => !f.fresh);
  return (
    <>
      <PlanDetails name={name} view={view} reload={reload} />
      <EvidenceStatus name={name} view={view} reload={reload} staleCount={stale.length} />
      {draft ? null : (
        <div class="nhsuk-inset-text" id="not-editable">
          <p>
            The plan is {view.stateLabel.toLowerCase()}: only a draft is edited (the LMC may return it to
            draft). Comments can be made in any state.
          </p>
        </div>
      )}
      <h2>Sections</h2>
      <ol class="nhsuk-list nhsuk-list--number" id="section-contents">
        {content.sections.map((s) => (
          <li key={s.id}>
            <a href={`#section-${s.id}`}>{s.title}</a>
          </li>
        ))}
      </ol>
      {content.sections.map((s) => (
        <Section key={s.id} name={name} view={view} section={s} reload={reload} />
      ))}
    </>
  );
}

function PlanDetails({ name, view, reload }: { name: string; view: PlanView; reload: Reload }) {
  const c = view.plan.content;
  const actor = useActor();
  const draft = view.plan.state === "draft";
  const [f, setF] = useState({
    title: c.title,
    sro: c.sro ?? "",
    ehiaDate: c.ehia?.date ?? "",
    ehia: c.ehia?.summary ?? "",
  });
  const [saved, setSaved] = useState(false);
  const edit = useEdit(c, reload, {
    title: "plan-title",
    sro: "plan-sro",
    "ehia-date": "plan-ehia-date",
    ehia: "plan-ehia",
  });
  const revision = view.plan.revision;
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const ehia = f.ehiaDate.trim() || f.ehia.trim() ? { date: f.ehiaDate.trim(), summary: f.ehia } : null;
    const ok = await edit.run(() =>
      editPlanFields(actor, name, revision, { title: f.title, sro: f.sro.trim() ? f.sro : null, ehia }),
    );
    setSaved(ok);
  };
  const field = (id: string, key: keyof typeof f, label: string, hint?: string) => (
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for={id}>
        {label}
      </label>
      {hint ? (
        <div class="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <input
        class="nhsuk-input"
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        value={f[key]}
        onInput={(e) => setF({ ...f, [key]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <>
      <ErrorSummary errors={edit.errors} />
      <h2>The plan</h2>
      <SummaryList
        id="plan-details"
        rows={[
          ["Senior responsible owner", c.sro ?? "Not named yet"],
          [
            "Equality and health inequalities impact assessment",
            c.ehia ? `${c.ehia.date}: ${c.ehia.summary}` : "Not recorded yet",
          ],
          [
            "Health and Wellbeing Board statement",
            c.hwbStatement
              ? `${c.hwbStatement.board}, ${c.hwbStatement.date}: ${c.hwbStatement.text}`
              : "Not recorded yet",
          ],
        ]}
      />
      {draft ? (
        <form id="plan-fields-form" onSubmit={submit}>
          <details class="nhsuk-details" open={edit.errors.length > 0 || saved}>
            <summary class="nhsuk-details__summary">
              <span class="nhsuk-details__summary-text">Edit the title, SRO and EHIA</span>
            </summary>
            <div class="nhsuk-details__text">
              {saved ? (
                <p class="nhsuk-body" role="status" id="plan-fields-saved">
                  Saved (revision {view.plan.revision}).
                </p>
              ) : null}
              {field("plan-title", "title", "Title")}
              {field("plan-sro", "sro", "Senior responsible owner", "A named person or post")}
              {field("plan-ehia-date", "ehiaDate", "EHIA date", "As YYYY-MM-DD")}
              {field("plan-ehia", "ehia", "EHIA summary")}
              <p class="nhsuk-body-s">Saved against revision {revision}.</p>
              <button class="nhsuk-button" type="submit">
                Save
              </button>
            </div>
          </details>
        </form>
      ) : null}
    </>
  );
}

function EvidenceStatus({
  name,
  view,
  reload,
  staleCount,
}: {
  name: string;
  view: PlanView;
  reload: Reload;
  staleCount: number;
}) {
  const actor = useActor();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [refreshed, setRefreshed] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  if (staleCount === 0 && refreshed === null)
    return (
      <p id="evidence-status">
        All {view.evidence.length} evidence items are up to date with the loaded data.
      </p>
    );
  const refresh = async () => {
    setBusy(true);
    try {
      const r = await refreshEvidence(actor, name);
      setRefreshed(r.refreshed);
      setErrors([]);
    } catch (error) {
      setErrors(problemErrors(error));
    } finally {
      setBusy(false);
      await reload();
    }
  };
  return (
    <div class="nhsuk-warning-callout" id="evidence-status">
      <h3 class="nhsuk-warning-callout__label">
        <span class="nhsuk-u-visually-hidden">Important: </span>Evidence
      </h3>
      <ErrorSummary errors={errors} />
      {refreshed ? (
        <p role="status">Refreshed: {refreshed.join(", ") || "nothing was out of date"}.</p>
      ) : null}
      {staleCount > 0 ? (
        <>
          <p>
            {staleCount === 1 ? "1 evidence item is" : `${staleCount} evidence items are`} out of date: data
            was imported or removed since they were made. The sections below mark them "stale".
          </p>
          {view.plan.state === "draft" ? (
            <button
              class="nhsuk-button nhsuk-button--secondary"
              type="button"
              id="refresh-evidence"
              disabled={busy}
              onClick={() => void refresh()}
            >
              {busy ? "Refreshing…" : "Refresh the out-of-date evidence"}
            </button>
          ) : (
            <p>Evidence is refreshed only in draft: a sign-off applies to the figures of its version.</p>
          )}
        </>
      ) : null}
    </div>
  );
}

function Section({
  name,
  view,
  section: s,
  reload,
}: {
  name: string;
  view: PlanView;
  section: PlanSection;
  reload: Reload;
}) {
  const draft = view.plan.state === "draft";
  const evidence = sectionEvidence(s, view.evidence, view.freshness);
  const shaped = view.engagementSummary.shaped.find((x) => x.section === s.id);
  const comments = view.comments.filter((c) => c.section === s.id);
  const state = view.sections?.find((x) => x.id === s.id);
  const [statusErrors, setStatusErrors] = useState<FieldError[]>([]);
  return (
    <section class="icsplan-plan-section" id={`section-${s.id}`} aria-labelledby={`section-${s.id}-title`}>
      <h3 id={`section-${s.id}-title`}>{s.title}</h3>
      <LastEdit state={state} />
      <div class="icsplan-narrative" data-narrative={s.id}>
        {s.narrative.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      {draft && state ? <NarrativeEditor name={name} section={s} state={state} reload={reload} /> : null}
      <ErrorSummary errors={statusErrors} />
      {s.figures.length > 0 ? (
        <SummaryList
          id={`figures-${s.id}`}
          rows={s.figures.map((f) => [
            f.label,
            formatValue(evidenceValue(view.evidence, f.evidence, f.path), f.format),
          ])}
        />
      ) : null}
      {s.tables.map((t, i) => {
        const rows = tableRows(view.evidence, t.evidence, t.path);
        return (
          <details class="nhsuk-details" key={i}>
            <summary class="nhsuk-details__summary">
              <span class="nhsuk-details__summary-text">
                {t.title} ({rows.length === 1 ? "1 row" : `${rows.length} rows`})
              </span>
            </summary>
            <div class="nhsuk-details__text">
              <table class="nhsuk-table">
                <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">{t.title}</caption>
                <thead class="nhsuk-table__head">
                  <tr>
                    {t.columns.map((c) => (
                      <th
                        scope="col"
                        key={c.key}
                        class={c.format === "text" ? undefined : "nhsuk-table__header--numeric"}
                      >
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                  {rows.map((r, j) => (
                    <tr class="nhsuk-table__row" key={j}>
                      {t.columns.map((c) => (
                        <td
                          class={`nhsuk-table__cell${c.format === "text" ? "" : " nhsuk-table__cell--numeric"}`}
                          key={c.key}
                        >
                          {formatValue(r[c.key], c.format)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        );
      })}
      {s.charts.length > 0 ? (
        <p class="nhsuk-body-s">
          Charts in the exported documents: {s.charts.map((c) => c.title).join("; ")}.
        </p>
      ) : null}
      {s.objectives.map((o) => (
        <div class="nhsuk-card" key={o.id} data-objective={o.id}>
          <div class="nhsuk-card__content">
            <h4 class="nhsuk-card__heading">Objective: {o.text}</h4>
            <p>
              {o.aims.map((a) => (
                <strong class="nhsuk-tag nhsuk-tag--purple icsplan-aim" key={a}>
                  {AIM_LABELS[a] ?? a}
                </strong>
              ))}
            </p>
            {o.measures.length > 0 ? (
              <table class="nhsuk-table">
                <caption class="nhsuk-table__caption">Measures</caption>
                <thead class="nhsuk-table__head">
                  <tr>
                    <th scope="col">Measure</th>
                    <th scope="col">Baseline</th>
                    <th scope="col">Target</th>
                  </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                  {o.measures.map((m) => (
                    <tr class="nhsuk-table__row" key={m.id}>
                      <td class="nhsuk-table__cell">
                        {m.name}
                        {m.unit ? <span class="nhsuk-body-s"> ({m.unit})</span> : null}
                      </td>
                      <td class="nhsuk-table__cell">
                        {m.baseline
                          ? `${formatValue(m.baseline.value, "decimal")} at ${m.baseline.date}${m.baseline.evidence ? ` (evidence: ${m.baseline.evidence})` : ""}`
                          : "None yet"}
                      </td>
                      <td class="nhsuk-table__cell">
                        {m.target
                          ? `${formatValue(m.target.value, "decimal")} by ${m.target.date}`
                          : "None yet"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>No measure yet.</p>
            )}
            {o.actions.length > 0 ? (
              <table class="nhsuk-table">
                <caption class="nhsuk-table__caption">Actions</caption>
                <thead class="nhsuk-table__head">
                  <tr>
                    <th scope="col">Action</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Start</th>
                    <th scope="col">Due</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                  {o.actions.map((a) => (
                    <tr class="nhsuk-table__row" key={a.id}>
                      <td class="nhsuk-table__cell">{a.text}</td>
                      <td class="nhsuk-table__cell">{a.owner ?? "–"}</td>
                      <td class="nhsuk-table__cell">{a.start ?? "–"}</td>
                      <td class="nhsuk-table__cell">{a.due ?? "–"}</td>
                      <td class="nhsuk-table__cell">
                        {draft && state ? (
                          <ActionStatus
                            name={name}
                            action={a}
                            state={state}
                            reload={reload}
                            onErrors={setStatusErrors}
                          />
                        ) : (
                          (STATUS_LABELS[a.status] ?? a.status)
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>No action yet.</p>
            )}
          </div>
        </div>
      ))}
      {s.risks.length > 0 ? (
        <table class="nhsuk-table">
          <caption class="nhsuk-table__caption">Risks</caption>
          <thead class="nhsuk-table__head">
            <tr>
              <th scope="col">Risk</th>
              <th scope="col">Likelihood (1–5)</th>
              <th scope="col">Impact (1–5)</th>
              <th scope="col">Owner</th>
              <th scope="col">Mitigation</th>
            </tr>
          </thead>
          <tbody class="nhsuk-table__body">
            {s.risks.map((r) => (
              <tr class="nhsuk-table__row" key={r.id}>
                <td class="nhsuk-table__cell">{r.text}</td>
                <td class="nhsuk-table__cell">{r.likelihood ?? "Not scored"}</td>
                <td class="nhsuk-table__cell">{r.impact ?? "Not scored"}</td>
                <td class="nhsuk-table__cell">{r.owner ?? "–"}</td>
                <td class="nhsuk-table__cell">{r.mitigation || "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {evidence.length > 0 ? (
        <details class="nhsuk-details icsplan-evidence" open={evidence.some((e) => e.stale)}>
          <summary class="nhsuk-details__summary">
            <span class="nhsuk-details__summary-text">
              Evidence ({evidence.length}
              {evidence.some((e) => e.stale) ? `, ${evidence.filter((e) => e.stale).length} stale` : ""})
            </span>
          </summary>
          <div class="nhsuk-details__text">
            <ul class="nhsuk-list">
              {evidence.map((e) => (
                <li key={e.key} data-evidence={e.key}>
                  <strong>{e.title}</strong>{" "}
                  {e.stale ? <strong class="nhsuk-tag nhsuk-tag--orange">Stale</strong> : null}
                  <br />
                  <span class="nhsuk-body-s">
                    Made {when(e.madeAt)} by {e.useCase}
                    {e.unavailable ? `; no figures: ${e.unavailable}` : ""}. Data:{" "}
                    {e.data.map((d) => `${d.source} ${d.period} (${d.referenceDate})`).join("; ") || "none"}.
                  </span>
                  {e.changes.length > 0 ? (
                    <ul class="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
                      {e.changes.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
      {shaped ? (
        <div class="nhsuk-inset-text">
          <p>
            <strong>You said, we did:</strong>{" "}
            {shaped.changes.map((c) => `${c.weDid} (${c.forum}, ${c.date})`).join(" ")}
          </p>
        </div>
      ) : null}
      {draft ? <ObjectiveForm name={name} view={view} section={s} reload={reload} /> : null}
      {draft && s.objectives.length > 0 ? (
        <ActionForm name={name} view={view} section={s} reload={reload} />
      ) : null}
      <Comments name={name} sectionId={s.id} comments={comments} reload={reload} />
    </section>
  );
}

function num(text: string): number | undefined {
  const t = text.trim();
  return t === "" ? undefined : Number(t);
}

function ObjectiveForm({
  name,
  view,
  section: s,
  reload,
}: {
  name: string;
  view: PlanView;
  section: PlanSection;
  reload: Reload;
}) {
  const actor = useActor();
  const id = (k: string) => `obj-${s.id}-${k}`;
  const empty = {
    text: "",
    measure: "",
    unit: "",
    baseline: "",
    baselineDate: "",
    target: "",
    targetDate: "",
  };
  const [f, setF] = useState(empty);
  const [aims, setAims] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const edit = useEdit(view.plan.content, reload, { text: id("text"), aim: id("aims"), section: id("text") });
  const revision = view.plan.revision;
  const submit = async (e: Event) => {
    e.preventDefault();
    const baseline = num(f.baseline);
    const target = num(f.target);
    const ok = await edit.run(() =>
      addObjective(actor, name, revision, {
        section: s.id,
        text: f.text,
        aims,
        ...(f.measure.trim()
          ? {
              measure: {
                name: f.measure,
                ...(f.unit.trim() ? { unit: f.unit } : {}),
                ...(baseline !== undefined
                  ? { baseline: { value: baseline, date: f.baselineDate.trim() } }
                  : {}),
                ...(target !== undefined ? { target: { value: target, date: f.targetDate.trim() } } : {}),
              },
            }
          : {}),
      }),
    );
    setSaved(ok);
    if (ok) {
      setF(empty);
      setAims([]);
    }
  };
  const input = (k: keyof typeof empty, label: string, width = "") => (
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for={id(k)}>
        {label}
      </label>
      <input
        class={`nhsuk-input${width}`}
        id={id(k)}
        value={f[k]}
        onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <form class="icsplan-objective-form" data-section={s.id} onSubmit={submit}>
      <details class="nhsuk-details" open={edit.errors.length > 0}>
        <summary class="nhsuk-details__summary">
          <span class="nhsuk-details__summary-text">Add an objective to “{s.title}”</span>
        </summary>
        <div class="nhsuk-details__text">
          <ErrorSummary errors={edit.errors} />
          {saved ? <p role="status">Objective added (revision {view.plan.revision}).</p> : null}
          {input("text", "Objective")}
          <fieldset class="nhsuk-fieldset" id={id("aims")}>
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">The aims it serves</legend>
            <div class="nhsuk-checkboxes">
              {FOUR_AIMS.map((a) => (
                <div class="nhsuk-checkboxes__item" key={a.id}>
                  <input
                    class="nhsuk-checkboxes__input"
                    type="checkbox"
                    id={id(`aim-${a.id}`)}
                    checked={aims.includes(a.id)}
                    onChange={() =>
                      setAims(aims.includes(a.id) ? aims.filter((x) => x !== a.id) : [...aims, a.id])
                    }
                  />
                  <label class="nhsuk-label nhsuk-checkboxes__label" for={id(`aim-${a.id}`)}>
                    {a.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          {input("measure", "Measure (optional)")}
          {input("unit", "Unit", " nhsuk-input--width-20")}
          {input("baseline", "Baseline value", " nhsuk-input--width-10")}
          {input("baselineDate", "Baseline date (YYYY-MM-DD)", " nhsuk-input--width-10")}
          {input("target", "Target value", " nhsuk-input--width-10")}
          {input("targetDate", "Target date (YYYY-MM-DD)", " nhsuk-input--width-10")}
          <p class="nhsuk-body-s">Saved against revision {revision}.</p>
          <button class="nhsuk-button" type="submit">
            Add the objective
          </button>
        </div>
      </details>
    </form>
  );
}

function ActionForm({
  name,
  view,
  section: s,
  reload,
}: {
  name: string;
  view: PlanView;
  section: PlanSection;
  reload: Reload;
}) {
  const actor = useActor();
  const id = (k: string) => `act-${s.id}-${k}`;
  const empty = {
    objective: s.objectives[0]!.id,
    text: "",
    owner: "",
    start: "",
    due: "",
    status: "not-started",
  };
  const [f, setF] = useState(empty);
  const [saved, setSaved] = useState(false);
  const edit = useEdit(view.plan.content, reload, {
    text: id("text"),
    objective: id("objective"),
    start: id("start"),
    due: id("due"),
    status: id("status"),
  });
  const revision = view.plan.revision;
  const submit = async (e: Event) => {
    e.preventDefault();
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    const ok = await edit.run(() =>
      addAction(actor, name, revision, {
        objective: f.objective,
        text: f.text,
        owner: opt(f.owner),
        start: opt(f.start),
        due: opt(f.due),
        status: f.status,
      }),
    );
    setSaved(ok);
    if (ok) setF(empty);
  };
  const input = (k: "text" | "owner" | "start" | "due", label: string, width = "") => (
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for={id(k)}>
        {label}
      </label>
      <input
        class={`nhsuk-input${width}`}
        id={id(k)}
        value={f[k]}
        onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <form class="icsplan-action-form" data-section={s.id} onSubmit={submit}>
      <details class="nhsuk-details" open={edit.errors.length > 0}>
        <summary class="nhsuk-details__summary">
          <span class="nhsuk-details__summary-text">Add an action</span>
        </summary>
        <div class="nhsuk-details__text">
          <ErrorSummary errors={edit.errors} />
          {saved ? <p role="status">Action added (revision {view.plan.revision}).</p> : null}
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for={id("objective")}>
              Objective
            </label>
            <select
              class="nhsuk-select"
              id={id("objective")}
              value={f.objective}
              onChange={(e) => setF({ ...f, objective: e.currentTarget.value })}
            >
              {s.objectives.map((o) => (
                <option value={o.id} key={o.id}>
                  {o.text.length > 80 ? `${o.text.slice(0, 79)}…` : o.text}
                </option>
              ))}
            </select>
          </div>
          {input("text", "Action")}
          {input("owner", "Owner", " nhsuk-input--width-20")}
          {input("start", "Start (YYYY-MM-DD)", " nhsuk-input--width-10")}
          {input("due", "Due (YYYY-MM-DD)", " nhsuk-input--width-10")}
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for={id("status")}>
              Status
            </label>
            <select
              class="nhsuk-select"
              id={id("status")}
              value={f.status}
              onChange={(e) => setF({ ...f, status: e.currentTarget.value })}
            >
              {ACTION_STATUSES.map((st) => (
                <option value={st} key={st}>
                  {STATUS_LABELS[st]}
                </option>
              ))}
            </select>
          </div>
          <p class="nhsuk-body-s">Saved against revision {revision}.</p>
          <button class="nhsuk-button" type="submit">
            Add the action
          </button>
        </div>
      </details>
    </form>
  );
}

function Comments({
  name,
  sectionId,
  comments,
  reload,
}: {
  name: string;
  sectionId: string;
  comments: PlanView["comments"];
  reload: Reload;
}) {
  const actor = useActor();
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const id = `comment-${sectionId}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!actor.by.trim()) {
      setErrors([NAME_NEEDED]);
      return;
    }
    try {
      await addComment(actor, name, sectionId, text);
      setText("");
      setErrors([]);
      await reload();
    } catch (error) {
      setErrors(problemErrors(error, { text: id, by: "actor-name", role: "actor-role" }));
    }
  };
  return (
    <form class="icsplan-comments" onSubmit={submit}>
      <details class="nhsuk-details" open={comments.length > 0 || errors.length > 0}>
        <summary class="nhsuk-details__summary">
          <span class="nhsuk-details__summary-text">Comments ({comments.length})</span>
        </summary>
        <div class="nhsuk-details__text">
          <ErrorSummary errors={errors} />
          {comments.map((c) => (
            <p key={c.id} class="nhsuk-body-s">
              <strong>
                {c.by} ({ROLE_NAMES[c.role] ?? c.role}), {when(c.at)}, on revision {c.revision}:
              </strong>{" "}
              {c.text}
            </p>
          ))}
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for={id}>
              Your comment
            </label>
            <textarea
              class="nhsuk-textarea"
              id={id}
              rows={2}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          <button class="nhsuk-button nhsuk-button--secondary" type="submit">
            Comment
          </button>
        </div>
      </details>
    </form>
  );
}
