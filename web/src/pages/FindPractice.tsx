// Find a practice by name, postcode (whole, sector or district) or ODS code (/api/practices/search). The
// words are in the URL (/practices?q=…), so a search can be shared; a bad search is shown in the error
// summary and beside the field.
import { useEffect, useState } from "preact/hooks";
import { getJson } from "../api.ts";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { whole } from "../format.ts";
import { Link, navigate } from "../router.tsx";
import { paths } from "../routes.ts";
import type { Listing, SearchMatch } from "../types.ts";
import { useApi } from "../use-api.ts";

const MATCHED: Record<SearchMatch["matched"], string> = {
  code: "ODS code",
  postcode: "postcode",
  "postcode-sector": "postcode sector",
  "postcode-district": "postcode district",
  name: "name",
};

export function FindPractice({ q }: { q: string }) {
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const found = useApi(
    q ? () => getJson<Listing<SearchMatch>>("practices/search", { q, limit: 50 }) : null,
    q,
  );
  const errors = found.error ? [fromApiError(found.error, { q: "q" })] : [];
  const fieldError = found.error?.field === "q" ? errors[0]?.message : undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Find a practice</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(paths.find(text.trim()));
        }}
      >
        <div class={`nhsuk-form-group${fieldError ? " nhsuk-form-group--error" : ""}`}>
          <label class="nhsuk-label" for="q">
            Practice name, postcode or ODS code
          </label>
          <div class="nhsuk-hint" id="q-hint">
            For example "health centre", "ST4 6" or M83001
          </div>
          {fieldError ? (
            <span class="nhsuk-error-message" id="q-error">
              <span class="nhsuk-u-visually-hidden">Error:</span> {fieldError}
            </span>
          ) : null}
          <input
            class={`nhsuk-input nhsuk-u-width-two-thirds${fieldError ? " nhsuk-input--error" : ""}`}
            id="q"
            name="q"
            type="search"
            autocomplete="off"
            aria-describedby={fieldError ? "q-hint q-error" : "q-hint"}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <button class="nhsuk-button" type="submit">
          Search
        </button>
      </form>
      {found.loading ? <p>Searching…</p> : null}
      {found.data ? (
        found.data.rows.length === 0 ? (
          <p id="search-none">No practice matches "{q}".</p>
        ) : (
          <SortableTable
            id="search-results"
            caption={`${found.data.rows.length} practices match "${q}"`}
            rows={found.data.rows}
            rowKey={(p) => p.practice_code}
            columns={[
              {
                key: "name",
                label: "Practice",
                value: (p) => p.practice_name,
                render: (p) => <Link href={paths.practice(p.practice_code)}>{p.practice_name}</Link>,
              },
              { key: "code", label: "ODS code", value: (p) => p.practice_code },
              { key: "postcode", label: "Postcode", value: (p) => p.postcode },
              { key: "pcn", label: "PCN", value: (p) => p.pcn_name },
              {
                key: "list",
                label: "List size",
                numeric: true,
                value: (p) => p.list_size,
                render: (p) => whole(p.list_size),
              },
              { key: "matched", label: "Matched on", value: (p) => MATCHED[p.matched] },
            ]}
          />
        )
      ) : null}
    </>
  );
}
