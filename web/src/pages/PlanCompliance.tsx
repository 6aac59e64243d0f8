// The compliance panel: each rule of the check, met or a gap, what was found, and the rule's source
// (src/engines/plan/compliance.ts; docs/plan.md). The gaps come first.
import { complianceModel } from "../plan/logic.ts";
import type { ComplianceFinding, PlanView } from "../plan/types.ts";

export function PlanCompliance({ view }: { view: PlanView }) {
  const m = complianceModel(view.compliance);
  return (
    <>
      <h2>Compliance check</h2>
      <p id="compliance-count">
        {m.met} of {m.rules} rules met; {m.gaps.length === 1 ? "1 gap" : `${m.gaps.length} gaps`}. An export
        of an incomplete plan lists the gaps on its first page.
      </p>
      {m.gaps.length > 0 ? (
        <Findings id="compliance-gaps" caption="What is missing" findings={m.gaps} />
      ) : null}
      {m.passed.length > 0 ? <Findings id="compliance-met" caption="Rules met" findings={m.passed} /> : null}
    </>
  );
}

function Findings({ id, caption, findings }: { id: string; caption: string; findings: ComplianceFinding[] }) {
  return (
    <table class="nhsuk-table" id={id}>
      <caption class="nhsuk-table__caption">{caption}</caption>
      <thead class="nhsuk-table__head">
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Result</th>
          <th scope="col">What was found</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        {findings.map((f) => (
          <tr class="nhsuk-table__row" key={f.id} data-rule={f.id}>
            <td class="nhsuk-table__cell">{f.title}</td>
            <td class="nhsuk-table__cell">
              {f.met ? (
                <strong class="nhsuk-tag nhsuk-tag--green">Met</strong>
              ) : (
                <strong class="nhsuk-tag nhsuk-tag--red">Gap</strong>
              )}
            </td>
            <td class="nhsuk-table__cell">{f.detail}</td>
            <td class="nhsuk-table__cell nhsuk-body-s">{f.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
