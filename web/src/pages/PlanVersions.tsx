// The plan's immutable versions, and a readable difference between any two (or a version and the plan as
// it stands), grouped by where each change is. The chosen pair is in the URL (?from=&to=).
import { useState } from "preact/hooks";
import { ErrorSummary } from "../components/ErrorSummary.tsx";
import { navigate, useLocation } from "../router.tsx";
import { paths } from "../routes.ts";
import { useApi } from "../use-api.ts";
import { getDifference } from "../plan/api.ts";
import { differenceModel } from "../plan/logic.ts";
import type { PlanView } from "../plan/types.ts";
import { problemErrors, when } from "./PlanParts.tsx";

const CHANGE_TAGS = { added: "green", removed: "red", changed: "orange" } as const;

export function PlanVersions({ name, view }: { name: string; view: PlanView }) {
  const where = useLocation();
  const versions = view.versions;
  const latest = versions.at(-1)?.number;
  const from =
    where.query.get("from") ??
    (versions.length > 1 ? String(versions.at(-2)!.number) : latest ? String(latest) : "");
  const to = where.query.get("to") ?? "current";
  const [pick, setPick] = useState({ from, to });
  const diff = useApi(from ? () => getDifference(name, from, to) : null, `${from}..${to}`);
  const label = (v: string) => (v === "current" ? "the plan as it stands" : `version ${v}`);
  const options = [...versions.map((v) => String(v.number)), "current"];
  return (
    <>
      <h2>Versions</h2>
      {versions.length === 0 ? (
        <p>No version yet: a version is taken when the plan is submitted for LMC review.</p>
      ) : (
        <table class="nhsuk-table" id="versions">
          <caption class="nhsuk-table__caption">Immutable snapshots of the plan</caption>
          <thead class="nhsuk-table__head">
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Of revision</th>
              <th scope="col">Taken</th>
              <th scope="col">By</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody class="nhsuk-table__body">
            {versions.map((v) => (
              <tr class="nhsuk-table__row" key={v.number}>
                <td class="nhsuk-table__cell">{v.number}</td>
                <td class="nhsuk-table__cell">{v.revision}</td>
                <td class="nhsuk-table__cell">{when(v.createdAt)}</td>
                <td class="nhsuk-table__cell">{v.createdBy}</td>
                <td class="nhsuk-table__cell">{v.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {versions.length > 0 ? (
        <form
          id="difference-form"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`${paths.plan(name, "versions")}?from=${pick.from}&to=${pick.to}`, { replace: true });
          }}
        >
          <h3>Compare two versions</h3>
          <div class="icsplan-actor__fields">
            {(["from", "to"] as const).map((k) => (
              <div class="nhsuk-form-group" key={k}>
                <label class="nhsuk-label" for={`diff-${k}`}>
                  {k === "from" ? "From" : "To"}
                </label>
                <select
                  class="nhsuk-select"
                  id={`diff-${k}`}
                  value={pick[k]}
                  onChange={(e) => setPick({ ...pick, [k]: e.currentTarget.value })}
                >
                  {options.map((o) => (
                    <option value={o} key={o}>
                      {o === "current" ? "The plan as it stands" : `Version ${o}`}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <button class="nhsuk-button nhsuk-button--secondary" type="submit">
            Show the difference
          </button>
        </form>
      ) : null}
      {diff.error ? <ErrorSummary errors={problemErrors(diff.error)} /> : null}
      {diff.data ? <Difference lines={diff.data} title={`From ${label(from)} to ${label(to)}`} /> : null}
    </>
  );
}

function Difference({ lines, title }: { lines: Parameters<typeof differenceModel>[0]; title: string }) {
  const m = differenceModel(lines);
  return (
    <div id="difference">
      <h3>{title}</h3>
      {m.groups.length === 0 ? (
        <p id="difference-none">No difference: the two are the same.</p>
      ) : (
        <>
          <p id="difference-count">
            {m.added} added, {m.removed} removed, {m.changed} changed.
          </p>
          {m.groups.map((g) => (
            <div key={g.where}>
              <h4>{g.where}</h4>
              <ul class="nhsuk-list">
                {g.lines.map((l, i) => (
                  <li key={i}>
                    <strong class={`nhsuk-tag nhsuk-tag--${CHANGE_TAGS[l.change]}`}>{l.change}</strong>{" "}
                    {l.text}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </div>
  );
}
