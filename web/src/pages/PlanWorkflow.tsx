// The sign-off workflow: where the plan is on draft → … → ICB approved, the history of steps (who, when,
// on which version), and the next steps with the roles that may give them. A step is sent with the actor's
// name and role; a role that may not give it is refused by the server (403) and shown, with nothing changed.
import { useState } from "preact/hooks";
import { ErrorSummary, type FieldError } from "../components/ErrorSummary.tsx";
import { useActor } from "../plan/actor.ts";
import { takeStep } from "../plan/api.ts";
import { historyRows, mayGive, workflowProgress } from "../plan/logic.ts";
import type { NextStep, PlanView } from "../plan/types.ts";
import { NAME_NEEDED, ROLE_NAMES, problemErrors, when } from "./PlanParts.tsx";

const STEP_FIELDS = { by: "actor-name", role: "actor-role", statement: "hwb-board", date: "hwb-date" };

export function PlanWorkflow({
  name,
  view,
  reload,
}: {
  name: string;
  view: PlanView;
  reload: () => Promise<void>;
}) {
  const actor = useActor();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [statement, setStatement] = useState({ board: "", text: "", date: "" });
  const [busy, setBusy] = useState(false);
  const give = async (s: NextStep) => {
    if (!actor.by.trim()) {
      setErrors([NAME_NEEDED]);
      return;
    }
    setBusy(true);
    setDone(null);
    try {
      await takeStep(actor, name, {
        step: s.step,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(s.step === "hwb-statement" ? { statement } : {}),
      });
      setErrors([]);
      setNote("");
      setDone(s.label);
    } catch (error) {
      setErrors(problemErrors(error, STEP_FIELDS));
    } finally {
      setBusy(false);
      await reload();
    }
  };
  const progress = workflowProgress(view.plan.state);
  const history = historyRows(view.signOffs);
  return (
    <>
      <ErrorSummary errors={errors} />
      {done ? (
        <div class="nhsuk-inset-text" id="step-done" role="status">
          <p>Recorded: {done}.</p>
        </div>
      ) : null}
      <h2>Workflow</h2>
      <ol class="nhsuk-list icsplan-progress" id="workflow-progress">
        {progress.map((p) => (
          <li key={p.state} data-status={p.status} aria-current={p.status === "current" ? "step" : undefined}>
            {p.status === "done" ? "✓ " : p.status === "current" ? "● " : "○ "}
            {p.status === "current" ? <strong>{p.label} (now)</strong> : p.label}
          </li>
        ))}
      </ol>
      <h3>Next steps</h3>
      {view.nextSteps.length === 0 ? (
        <p>None: the ICB board has approved the plan.</p>
      ) : (
        <>
          <p>
            You are acting as <strong>{ROLE_NAMES[actor.role]}</strong>
            {actor.by ? ` (${actor.by})` : ""}. A sign-off applies to the latest version only.
          </p>
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="step-note">
              Note (optional)
            </label>
            <textarea
              class="nhsuk-textarea"
              id="step-note"
              rows={2}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </div>
          {view.nextSteps.some((s) => s.step === "hwb-statement") ? (
            <fieldset class="nhsuk-fieldset">
              <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                The Health and Wellbeing Board's statement
              </legend>
              <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="hwb-board">
                  Board
                </label>
                <input
                  class="nhsuk-input"
                  id="hwb-board"
                  value={statement.board}
                  onInput={(e) => setStatement({ ...statement, board: e.currentTarget.value })}
                />
              </div>
              <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="hwb-text">
                  Statement
                </label>
                <textarea
                  class="nhsuk-textarea"
                  id="hwb-text"
                  rows={3}
                  value={statement.text}
                  onInput={(e) => setStatement({ ...statement, text: e.currentTarget.value })}
                />
              </div>
              <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="hwb-date">
                  Date (YYYY-MM-DD)
                </label>
                <input
                  class="nhsuk-input nhsuk-input--width-10"
                  id="hwb-date"
                  value={statement.date}
                  onInput={(e) => setStatement({ ...statement, date: e.currentTarget.value })}
                />
              </div>
            </fieldset>
          ) : null}
          <ul class="nhsuk-list" id="next-steps">
            {view.nextSteps.map((s) => (
              <li key={s.step}>
                <button
                  class={`nhsuk-button${mayGive(s.roles, actor.role) ? "" : " nhsuk-button--secondary"}`}
                  type="button"
                  data-step={s.step}
                  disabled={busy}
                  onClick={() => void give(s)}
                >
                  {s.label}
                </button>{" "}
                <span class="nhsuk-body-s">
                  given by {s.roles.map((r) => ROLE_NAMES[r] ?? r).join(" or ")}
                  {mayGive(s.roles, actor.role) ? "" : " (not your role)"}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>History</h3>
      {history.length === 0 ? (
        <p>No step yet: the plan is a draft.</p>
      ) : (
        <table class="nhsuk-table" id="workflow-history">
          <caption class="nhsuk-table__caption">Steps taken, newest first</caption>
          <thead class="nhsuk-table__head">
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Version</th>
              <th scope="col">Who</th>
              <th scope="col">When</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody class="nhsuk-table__body">
            {history.map((h, i) => (
              <tr class="nhsuk-table__row" key={i}>
                <td class="nhsuk-table__cell">
                  {h.fromLabel} → {h.toLabel}
                </td>
                <td class="nhsuk-table__cell">{h.version}</td>
                <td class="nhsuk-table__cell">
                  {h.by}, {ROLE_NAMES[h.role] ?? h.role}
                  {h.organisation ? `, ${h.organisation}` : ""}
                </td>
                <td class="nhsuk-table__cell">{when(h.at)}</td>
                <td class="nhsuk-table__cell">{h.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
