// Editing one section of a draft: its narrative, and each action's status. Every save names the section's
// token as the page read it; if someone else changed the section since, the API answers 409 with the
// section as it is now and who changed it. The error summary then says so, the other person's text (or
// the status they set) is shown beside what was typed, which stays in the form, and the next save is made
// against the section as it is now, so nothing is lost on either side.
import { useEffect, useState } from "preact/hooks";
import { ErrorSummary, type FieldError } from "../components/ErrorSummary.tsx";
import { useActor } from "../plan/actor.ts";
import { editNarrative, PlanApiError, setActionStatus } from "../plan/api.ts";
import { changedByText, narrativeText, textParagraphs } from "../plan/logic.ts";
import { ACTION_STATUSES, type PlanAction, type PlanSection, type SectionState } from "../plan/types.ts";
import { problemErrors, when } from "./PlanParts.tsx";

type Reload = () => Promise<void>;

export const STATUS_LABELS: Record<string, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  done: "Done",
  blocked: "Blocked",
};

/** A 409 for a stale section token, as the page keeps it: the section now and who changed it. */
interface Conflict {
  section: PlanSection;
  token: string;
  who: string;
}

function conflictOf(error: unknown): Conflict | null {
  if (!(error instanceof PlanApiError) || error.status !== 409) return null;
  const p = error.problem;
  if (!p.section || !p.token) return null;
  return { section: p.section, token: p.token, who: changedByText(p.changedBy, p.changedAt) };
}

/** Who last edited a section, under its title. */
export function LastEdit({ state }: { state: SectionState | undefined }) {
  if (!state?.lastEdit) return null;
  return (
    <p class="nhsuk-body-s" data-last-edit={state.id}>
      Last edited by {state.lastEdit.by}, {when(state.lastEdit.at)}.
    </p>
  );
}

export function NarrativeEditor({
  name,
  section: s,
  state,
  reload,
}: {
  name: string;
  section: PlanSection;
  state: SectionState;
  reload: Reload;
}) {
  const actor = useActor();
  const id = `narrative-${s.id}`;
  const [text, setText] = useState(() => narrativeText(s.narrative));
  const [token, setToken] = useState(state.token);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [theirs, setTheirs] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [open, setOpen] = useState(false);
  // The section changed on the page (another edit of it was saved here): with nothing typed, follow it.
  useEffect(() => {
    if (dirty) return;
    setText(narrativeText(s.narrative));
    setToken(state.token);
  }, [state.token]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    try {
      const r = await editNarrative(actor, name, s.id, token, textParagraphs(text));
      setToken(r.section.token);
      setText(narrativeText(r.narrative));
      setDirty(false);
      setErrors([]);
      setTheirs(null);
      setSaved(true);
    } catch (error) {
      const c = conflictOf(error);
      if (c) {
        setErrors([
          {
            message: `${c.who} changed “${s.title}” since you opened it. Nothing you typed is lost: it is still in the box. Their text is shown below it; merge the two and save again.`,
            target: id,
          },
        ]);
        setTheirs(c.section.narrative);
        // The next save is made against the section as it is now (theirs), on purpose.
        setToken(c.token);
      } else {
        setErrors(problemErrors(error, { narrative: id, token: id, by: "actor-name" }));
        setTheirs(null);
      }
    }
    await reload();
  };
  return (
    <form class="icsplan-narrative-form" data-section={s.id} onSubmit={submit}>
      <details
        class="nhsuk-details"
        open={open || errors.length > 0 || saved}
        onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary class="nhsuk-details__summary">
          <span class="nhsuk-details__summary-text">Edit the narrative of “{s.title}”</span>
        </summary>
        <div class="nhsuk-details__text">
          <ErrorSummary errors={errors} />
          {saved ? (
            <p role="status" id={`${id}-saved`}>
              Narrative saved.
            </p>
          ) : null}
          <div class={`nhsuk-form-group${errors.length > 0 ? " nhsuk-form-group--error" : ""}`}>
            <label class="nhsuk-label" for={id}>
              Narrative
            </label>
            <div class="nhsuk-hint" id={`${id}-hint`}>
              Separate paragraphs with a blank line.
            </div>
            {errors.length > 0 ? (
              <span class="nhsuk-error-message" id={`${id}-error`}>
                <span class="nhsuk-u-visually-hidden">Error:</span> {errors[0]!.message.split(". ")[0]}.
              </span>
            ) : null}
            <textarea
              class={`nhsuk-textarea${errors.length > 0 ? " nhsuk-textarea--error" : ""}`}
              id={id}
              rows={Math.min(14, Math.max(4, text.split("\n").length + 1))}
              aria-describedby={errors.length > 0 ? `${id}-hint ${id}-error` : `${id}-hint`}
              value={text}
              onInput={(e) => {
                setText(e.currentTarget.value);
                setDirty(true);
              }}
            />
          </div>
          {theirs ? (
            <div class="nhsuk-inset-text" id={`${id}-theirs`}>
              <h4>Their text, as saved</h4>
              {theirs.length > 0 ? theirs.map((p, i) => <p key={i}>{p}</p>) : <p>(no narrative)</p>}
            </div>
          ) : null}
          <button class="nhsuk-button" type="submit">
            Save the narrative
          </button>
        </div>
      </details>
    </form>
  );
}

/** An action's status, set in place; a conflict names who changed the section and what the status is now. */
export function ActionStatus({
  name,
  action: a,
  state,
  reload,
  onErrors,
}: {
  name: string;
  action: PlanAction;
  state: SectionState;
  reload: Reload;
  onErrors: (errors: FieldError[]) => void;
}) {
  const actor = useActor();
  const id = `status-${a.id}`;
  const [status, setStatus] = useState(a.status);
  const [token, setToken] = useState(state.token);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (dirty) return;
    setStatus(a.status);
    setToken(state.token);
  }, [state.token]);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await setActionStatus(actor, name, a.id, token, status);
      setStatus(r.action.status);
      setToken(r.section.token);
      setDirty(false);
      onErrors([]);
    } catch (error) {
      const c = conflictOf(error);
      if (c) {
        const now = c.section.objectives.flatMap((o) => o.actions).find((x) => x.id === a.id);
        onErrors([
          {
            message: `${c.who} changed this section since you opened it: the action “${a.text}” is ${STATUS_LABELS[now?.status ?? ""] ?? "gone"} now. Your choice (${STATUS_LABELS[status] ?? status}) is kept: save it again to replace theirs.`,
            target: id,
          },
        ]);
        setToken(c.token);
      } else onErrors(problemErrors(error, { status: id, token: id }));
    }
    await reload();
  };
  return (
    <form class="icsplan-status-form" data-action={a.id} onSubmit={submit}>
      <label class="nhsuk-label nhsuk-u-visually-hidden" for={id}>
        Status of “{a.text}”
      </label>
      <select
        class="nhsuk-select"
        id={id}
        value={status}
        onChange={(e) => {
          setStatus(e.currentTarget.value as PlanAction["status"]);
          setDirty(true);
        }}
      >
        {ACTION_STATUSES.map((st) => (
          <option value={st} key={st}>
            {STATUS_LABELS[st]}
          </option>
        ))}
      </select>{" "}
      <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
        Set
      </button>
    </form>
  );
}
