// Two configurations side by side (today's PCNs, the one being edited, the design, a saved scenario): each
// chosen in a labelled control, their measures in one table. A saved scenario is read when chosen.
import { useEffect, useState } from "preact/hooks";
import type { BandRule } from "../bands.ts";
import type { StudioMetrics } from "../studio/metrics.ts";
import { MetricsTable } from "./StudioMetricsTable.tsx";

export interface Candidate {
  id: string;
  label: string;
  metrics: StudioMetrics;
}

export function StudioCompare({
  candidates,
  scenarios,
  rule,
  load,
  version,
}: {
  candidates: Candidate[];
  scenarios: { id: string; label: string }[];
  rule: BandRule;
  load: (id: string) => Promise<StudioMetrics>;
  /** Changes when a scenario is saved or imported: saved scenarios are read again. */
  version: number;
}) {
  const [a, setA] = useState("today");
  const [b, setB] = useState("current");
  const [loaded, setLoaded] = useState<Map<string, StudioMetrics>>(new Map());
  const [problem, setProblem] = useState<string | undefined>();
  const options = [...candidates.map(({ id, label }) => ({ id, label })), ...scenarios];

  useEffect(() => setLoaded(new Map()), [version]);
  useEffect(() => {
    for (const id of [a, b])
      if (id.startsWith("scenario:") && !loaded.has(id))
        load(id).then(
          (m) => setLoaded((l) => new Map(l).set(id, m)),
          (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
        );
  }, [a, b, loaded]);

  const metricsOf = (id: string) => candidates.find((c) => c.id === id)?.metrics ?? loaded.get(id);
  const labelOf = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  const select = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for={id}>
        {label}
      </label>
      <select
        class="nhsuk-select"
        id={id}
        value={value}
        onChange={(e) => {
          setProblem(undefined);
          set(e.currentTarget.value);
        }}
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div id="studio-compare-block">
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-one-half">{select("compare-a", "First configuration", a, setA)}</div>
        <div class="nhsuk-grid-column-one-half">{select("compare-b", "Second configuration", b, setB)}</div>
      </div>
      {problem ? <p class="nhsuk-error-message">{problem}</p> : null}
      <MetricsTable
        id="studio-compare"
        caption={`${labelOf(a)} against ${labelOf(b)}`}
        columns={[
          { label: labelOf(a), metrics: metricsOf(a) },
          { label: a === b ? `${labelOf(b)} (again)` : labelOf(b), metrics: metricsOf(b) },
        ]}
        rule={rule}
      />
    </div>
  );
}
