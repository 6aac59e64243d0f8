// An answer's caveats as NHS inset text (what the figures are and are not).

export function Caveats({ caveats, id }: { caveats: readonly string[]; id?: string }) {
  if (caveats.length === 0) return null;
  return (
    <div class="nhsuk-inset-text" id={id}>
      <span class="nhsuk-u-visually-hidden">Information: </span>
      {caveats.map((c) => (
        <p key={c}>{c}</p>
      ))}
    </div>
  );
}
