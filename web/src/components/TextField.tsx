// A text input in the NHS form-group pattern: label, hint, the error message when the API named this field,
// and the input described by both (the network studio's and the neighbourhoods page's options).
export function TextField({
  id,
  label,
  hint,
  error,
  value,
  onInput,
  width = "nhsuk-input--width-10",
  inputMode,
}: {
  id: string;
  label: string;
  hint: string;
  error?: string | undefined;
  value: string;
  onInput: (v: string) => void;
  width?: string;
  inputMode?: "numeric" | "decimal" | "text";
}) {
  return (
    <div class={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label class="nhsuk-label" for={id}>
        {label}
      </label>
      <div class="nhsuk-hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error ? (
        <span class="nhsuk-error-message" id={`${id}-error`}>
          <span class="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      <input
        class={`nhsuk-input ${width}${error ? " nhsuk-input--error" : ""}`}
        id={id}
        name={id}
        inputMode={inputMode}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}
