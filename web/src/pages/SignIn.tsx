// The sign-in page, shown in place of every page while a server that requires login has no session for
// this browser: username and password (labelled, with autocomplete), the NHS error summary on failure
// linking to the field it names (an empty field; a name or password that is not right; too many failed
// sign-ins, with how long to wait), and the page asked for shown once signed in.
import { useState } from "preact/hooks";
import { ErrorSummary, type FieldError } from "../components/ErrorSummary.tsx";
import { signIn, SignInError } from "../session.ts";
import { waitText } from "../sign-in-logic.ts";

const FIELDS = { name: "username", password: "password" } as const;

export function SignIn() {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: keyof typeof FIELDS) => errors.find((e) => e.target === FIELDS[field]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const missing: FieldError[] = [];
    if (name.trim() === "") missing.push({ message: "Enter your username", target: FIELDS.name });
    if (password === "") missing.push({ message: "Enter your password", target: FIELDS.password });
    if (missing.length > 0) {
      setErrors(missing);
      return;
    }
    setBusy(true);
    try {
      await signIn(name.trim(), password);
      setErrors([]);
    } catch (error) {
      setPassword("");
      if (error instanceof SignInError && error.status === 429)
        setErrors([
          {
            message: `Too many failed sign-ins for this username. Wait ${waitText(error.retryAfterSeconds ?? 900)} before you try again.`,
            target: FIELDS.name,
          },
        ]);
      else if (error instanceof SignInError && error.status === 401)
        setErrors([{ message: "The username or password is not right", target: FIELDS.password }]);
      else if (error instanceof Error) {
        const field = (error as { field?: string }).field;
        setErrors([
          {
            message: error.message,
            target: field === "password" ? FIELDS.password : field === "name" ? FIELDS.name : undefined,
          },
        ]);
      }
    } finally {
      setBusy(false);
    }
  };

  const group = (
    field: keyof typeof FIELDS,
    label: string,
    input: { type: "text" | "password"; autocomplete: string; value: string; set: (v: string) => void },
  ) => {
    const id = FIELDS[field];
    const error = errorOf(field);
    const props = {
      class: `nhsuk-input nhsuk-input--width-20${error ? " nhsuk-input--error" : ""}`,
      id,
      name: id,
      autocomplete: input.autocomplete,
      spellcheck: false,
      "aria-describedby": error ? `${id}-error` : undefined,
      value: input.value,
      onInput: (e: Event) => input.set((e.currentTarget as HTMLInputElement).value),
    };
    return (
      <div class={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
        <label class="nhsuk-label" for={id}>
          {label}
        </label>
        {error ? (
          <span class="nhsuk-error-message" id={`${id}-error`}>
            <span class="nhsuk-u-visually-hidden">Error:</span> {error.message}
          </span>
        ) : null}
        {input.type === "password" ? <input {...props} type="password" /> : <input {...props} type="text" />}
      </div>
    );
  };

  return (
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1>Sign in</h1>
        <p>
          This icsplan server serves several users. Sign in with the username and password you were given.
        </p>
        <form id="sign-in" method="post" action="/api/session" onSubmit={submit} noValidate>
          {group("name", "Username", {
            type: "text",
            autocomplete: "username",
            value: name,
            set: setName,
          })}
          {group("password", "Password", {
            type: "password",
            autocomplete: "current-password",
            value: password,
            set: setPassword,
          })}
          <button class="nhsuk-button" type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <p class="nhsuk-body-s">
          After 5 failed sign-ins in 15 minutes a username is paused for a while. An administrator adds users
          and resets passwords with <code>icsplan users</code>.
        </p>
      </div>
    </div>
  );
}
