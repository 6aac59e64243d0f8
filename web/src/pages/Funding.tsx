// An ICB's funding: each network's entitlements this contract year (/api/funding/entitlements), and the
// equity audit by IMD quintile (/api/funding/audit): a chosen figure per head as a chart, every figure as a
// table.
import { useState } from "preact/hooks";
import { getJson } from "../api.ts";
import { onePerField } from "../errors.ts";
import { Caveats } from "../components/Caveats.tsx";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { QuintileBarChart } from "../components/QuintileBarChart.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { decimal, whole } from "../format.ts";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";
import type { Audit, AuditQuintile, Entitlements } from "../types.ts";
import { useApi } from "../use-api.ts";

const pounds = (n: number | null | undefined) => (n === null || n === undefined ? "–" : `£${whole(n)}`);

/** The audit's figures per head, as the chart's control and the table name them. */
export const AUDIT_MEASURES = [
  { id: "paymentsPerRegistered", label: "Payments £ per registered patient", money: true },
  { id: "paymentsPerWeighted", label: "Payments £ per weighted patient", money: true },
  { id: "entitlementPerHead", label: "Entitlement £ per registered patient", money: true },
  { id: "gpFtePer10k", label: "GP FTE per 10,000 patients", money: false },
  { id: "arrsFtePer10k", label: "ARRS FTE per 10,000 patients", money: false },
  { id: "beforePerHead", label: "Allocation £ per head, before (equal per head)", money: true },
  { id: "afterPerHead", label: "Allocation £ per head, after (flexed)", money: true },
] as const;

export const auditFigure = (value: number | null | undefined, money: boolean) =>
  value === null || value === undefined ? "–" : money ? `£${decimal(value, 2)}` : decimal(value, 2);

export function Funding({ code }: { code: string }) {
  const entitlements = useApi(() => getJson<Entitlements>("funding/entitlements", { icb: code }), code);
  const audit = useApi(() => getJson<Audit>("funding/audit", { icb: code }), code);
  const errors = [entitlements.error, audit.error].filter((e) => e !== undefined).map((e) => fromApiError(e));
  const label = entitlements.data?.areaLabel ?? audit.data?.areaLabel ?? code;
  return (
    <>
      <ErrorSummary errors={onePerField(errors)} />
      <span class="nhsuk-caption-l">Funding</span>
      <h1>{entitlements.data || audit.data ? label : code}</h1>
      <p>
        <Link href={paths.icb(code)}>The overview of {code}</Link>
      </p>
      {entitlements.loading || audit.loading ? <p>Loading…</p> : null}
      {entitlements.data ? <EntitlementsSection e={entitlements.data} /> : null}
      {audit.data ? <AuditSection audit={audit.data} /> : null}
    </>
  );
}

function EntitlementsSection({ e }: { e: Entitlements }) {
  const t = e.today.totals;
  return (
    <>
      <h2>Entitlements by network, {e.year.year}</h2>
      <p>
        In all {pounds(t.all)}: practices {pounds(t.practice)}, networks {pounds(t.network)} (of which ARRS{" "}
        {pounds(t.arrs)}).
      </p>
      <SortableTable
        id="entitlements-table"
        caption={`Network entitlements, ${e.year.year}`}
        rows={e.today.networks}
        rowKey={(n) => n.code}
        initial={{ key: "total", direction: "descending" }}
        columns={[
          { key: "name", label: "Network", value: (n) => `${n.name} (${n.code})` },
          { key: "practices", label: "Practices", numeric: true, value: (n) => n.practices.length },
          {
            key: "registered",
            label: "Registered",
            numeric: true,
            value: (n) => n.registered,
            render: (n) => whole(n.registered),
          },
          {
            key: "weighted",
            label: "Weighted",
            numeric: true,
            value: (n) => n.weighted,
            render: (n) => whole(n.weighted),
          },
          { key: "arrs", label: "ARRS", numeric: true, value: (n) => n.arrs, render: (n) => pounds(n.arrs) },
          {
            key: "total",
            label: "Network total",
            numeric: true,
            value: (n) => n.total,
            render: (n) => pounds(n.total),
          },
          {
            key: "perHead",
            label: "£ per registered patient",
            numeric: true,
            value: (n) => (n.registered > 0 ? n.total / n.registered : null),
            render: (n) => (n.registered > 0 ? `£${decimal(n.total / n.registered, 2)}` : "–"),
          },
        ]}
      />
      <Caveats caveats={e.caveats} />
    </>
  );
}

function AuditSection({ audit }: { audit: Audit }) {
  const [measure, setMeasure] = useState<(typeof AUDIT_MEASURES)[number]["id"]>("paymentsPerRegistered");
  const spec = AUDIT_MEASURES.find((m) => m.id === measure)!;
  const q = audit.audit.quintiles;
  const rows: AuditQuintile[] = [...q, audit.audit.all];
  return (
    <>
      <h2>Equity audit by IMD quintile</h2>
      <p>
        Payments of {audit.paymentsYear}, entitlements of {audit.contractYear}, and a{" "}
        {audit.allocation.notional ? "notional " : ""}allocation by the {audit.allocation.method} method, per
        head by the deprivation quintile of each practice (1 the most deprived fifth of England).
      </p>
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="audit-measure">
          Figure to chart
        </label>
        <select
          class="nhsuk-select"
          id="audit-measure"
          value={measure}
          onChange={(ev) => setMeasure((ev.target as HTMLSelectElement).value as typeof measure)}
        >
          {AUDIT_MEASURES.map((m) => (
            <option value={m.id} key={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <QuintileBarChart
        id="audit-chart"
        title={`${spec.label} by IMD quintile, ${audit.areaLabel}`}
        yLabel={spec.label}
        bars={q.map((r) => ({ label: r.label, value: r.values[spec.id] ?? null }))}
        all={audit.audit.all.values[spec.id] ?? null}
      />
      <div class="nhsuk-table-container" role="region" aria-labelledby="audit-table-caption" tabIndex={0}>
        <table class="nhsuk-table" id="audit-table">
          <caption class="nhsuk-table__caption" id="audit-table-caption">
            Equity audit by IMD quintile (the chart's figures and the rest)
          </caption>
          <thead class="nhsuk-table__head">
            <tr class="nhsuk-table__row">
              <th class="nhsuk-table__header" scope="col">
                IMD quintile
              </th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Practices
              </th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Registered
              </th>
              {AUDIT_MEASURES.map((m) => (
                <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" key={m.id}>
                  {m.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="nhsuk-table__body">
            {rows.map((r) => (
              <tr class="nhsuk-table__row" key={r.label} data-quintile={r.quintile}>
                <th class="nhsuk-table__header" scope="row">
                  {r.label}
                </th>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{whole(r.practices)}</td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{whole(r.registered)}</td>
                {AUDIT_MEASURES.map((m) => (
                  <td class="nhsuk-table__cell nhsuk-table__cell--numeric" key={m.id} data-column={m.id}>
                    {auditFigure(r.values[m.id], m.money)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Caveats caveats={audit.caveats} />
    </>
  );
}
