// What the plan pages share: the state tag, the "acting as" bar (the actor: name and role, in one place),
// the plan view loaded and reloaded without losing what a form holds, and a refusal turned into the NHS
// error summary's entries.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { fromApiError, type FieldError } from "../components/ErrorSummary.tsx";
import { setActor, useActor } from "../plan/actor.ts";
import { getPlanView } from "../plan/api.ts";
import { PLAN_ROLES, type PlanRole, type PlanState, type PlanView } from "../plan/types.ts";

const STATE_COLOURS: Record<PlanState, string> = {
  draft: "grey",
  "in-lmc-review": "blue",
  "lmc-co-signed": "aqua-green",
  "cd-forum-endorsed": "aqua-green",
  "hwb-statement-recorded": "aqua-green",
  "icb-approved": "green",
};

export function StateTag({ state, label }: { state: PlanState; label: string }) {
  return (
    <strong class={`nhsuk-tag nhsuk-tag--${STATE_COLOURS[state]}`} data-state={state}>
      {label}
    </strong>
  );
}

export const ROLE_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(PLAN_ROLES).map(([k, v]) => [k, v.replace(/ \(.*$/, "")]),
);

/** Who is acting: the name recorded on steps and comments, and the workflow role (later: the session's). */
export function ActorBar() {
  const actor = useActor();
  return (
    <fieldset class="nhsuk-fieldset icsplan-actor" aria-describedby="actor-hint">
      <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Acting as</legend>
      <div class="nhsuk-hint" id="actor-hint">
        The name and role recorded on workflow steps and comments. The server checks the role.
      </div>
      <div class="icsplan-actor__fields">
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="actor-name">
            Your name
          </label>
          <input
            class="nhsuk-input nhsuk-input--width-20"
            id="actor-name"
            autocomplete="name"
            value={actor.by}
            onInput={(e) => setActor({ ...actor, by: e.currentTarget.value })}
          />
        </div>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="actor-role">
            Role
          </label>
          <select
            class="nhsuk-select"
            id="actor-role"
            value={actor.role}
            onChange={(e) => setActor({ ...actor, role: e.currentTarget.value as PlanRole })}
          >
            {Object.keys(PLAN_ROLES).map((r) => (
              <option value={r} key={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}

export interface PlanLoad {
  view?: PlanView;
  error?: ApiError;
  /** Loads the view again; the old one stays shown (and forms keep what they hold) until it arrives. */
  reload: () => Promise<void>;
}

export function usePlanView(name: string): PlanLoad {
  const [state, setState] = useState<{ view?: PlanView; error?: ApiError }>({});
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const n = ++latest.current;
    try {
      const view = await getPlanView(name);
      if (n === latest.current) setState({ view });
    } catch (error) {
      if (n === latest.current) setState((s) => ({ view: s.view, error: asApiError(error) }));
    }
  }, [name]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}

export const asApiError = (error: unknown) =>
  error instanceof ApiError ? error : new ApiError(String(error), 0);

/** A refusal as the error summary's entries (the problem's detail, naming its field). */
export const problemErrors = (error: unknown, targets: Record<string, string> = {}): FieldError[] => [
  fromApiError(asApiError(error), targets),
];

/** The error when the actor has no name: steps and comments record who gave them. */
export const NAME_NEEDED: FieldError = {
  message: "Enter your name in “Acting as”: it is recorded with the step or comment",
  target: "actor-name",
};

/** A date and time as the pages print it (UTC, to the minute). */
export const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
