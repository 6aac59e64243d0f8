// An ICB's funding: each network's entitlements this contract year (/api/funding/entitlements), a local
// fund allocated with the method, health-inequalities share, floor and cap as controls (each change re-runs
// POST /api/funding/allocate), and the equity audit by IMD quintile of the same allocation
// (/api/funding/audit): the allocation per head by quintile and a chosen figure as charts, every figure as a
// table.
import { useState } from "preact/hooks";
import { getJson, postJson } from "../api.ts";
import {
  allocateBody,
  auditParams,
  DEFAULT_ALLOCATION,
  METHOD_LABELS,
  poundsOf,
  summariseAllocation,
  type AllocationAnswer,
  type AllocationForm,
  type AllocationMethod,
} from "../funding/allocation.ts";
import { onePerField } from "../errors.ts";
import { Caveats } from "../components/Caveats.tsx";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { QuintileBarChart } from "../components/QuintileBarChart.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { SummaryList } from "../components/SummaryList.tsx";
import { decimal, percent, whole } from "../format.ts";
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

/** The controls each API field belongs to, for the error summary's links. */
const TARGETS: Record<string, string> = {
  fund: "allocation-fund",
  method: "allocation-method",
  hiShare: "allocation-hi-share",
  floor: "allocation-floor",
  cap: "allocation-cap",
};

export function Funding({ code }: { code: string }) {
  const [form, setForm] = useState<AllocationForm>(DEFAULT_ALLOCATION);
  // The controls as last applied: a change (a choice made, a field left or Enter) re-runs both requests.
  const [applied, setApplied] = useState<AllocationForm>(DEFAULT_ALLOCATION);
  const appliedKey = `${code}|${JSON.stringify(applied)}`;
  const entitlements = useApi(() => getJson<Entitlements>("funding/entitlements", { icb: code }), code);
  const allocation = useApi(
    () => postJson<AllocationAnswer>("funding/allocate", allocateBody(applied, code)),
    appliedKey,
  );
  const audit = useApi(() => getJson<Audit>("funding/audit", auditParams(applied, code)), appliedKey);
  const errors = [entitlements.error, allocation.error, audit.error]
    .filter((e) => e !== undefined)
    .map((e) => fromApiError(e, TARGETS));
  const apply = (next: AllocationForm) => {
    setForm(next);
    setApplied(next);
  };
  const label = entitlements.data?.areaLabel ?? audit.data?.areaLabel ?? code;
  return (
    <>
      <ErrorSummary errors={onePerField(errors)} />
      <span class="nhsuk-caption-l">Funding</span>
      <h1>{entitlements.data || audit.data ? label : code}</h1>
      <p>
        <Link href={paths.icb(code)}>The overview of {code}</Link>
      </p>
      {entitlements.loading ? <p>Loading…</p> : null}
      {entitlements.data ? <EntitlementsSection e={entitlements.data} /> : null}
      <AllocationControls
        form={form}
        onInput={(patch) => setForm((f) => ({ ...f, ...patch }))}
        onApply={(patch) => apply({ ...form, ...patch })}
      />
      {allocation.loading || audit.loading ? <p aria-live="polite">Allocating…</p> : null}
      {allocation.data && audit.data && !allocation.error && !audit.error ? (
        <AllocationSection answer={allocation.data} audit={audit.data} />
      ) : null}
      {audit.data && !audit.error ? <AuditSection audit={audit.data} /> : null}
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

function AllocationControls({
  form,
  onInput,
  onApply,
}: {
  form: AllocationForm;
  onInput: (patch: Partial<AllocationForm>) => void;
  onApply: (patch: Partial<AllocationForm>) => void;
}) {
  const text = (
    id: string,
    key: "fund" | "hiPercent" | "floor" | "cap",
    label: string,
    hint: string,
    width: string,
  ) => (
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for={id}>
        {label}
      </label>
      <div class="nhsuk-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <input
        class={`nhsuk-input ${width}`}
        id={id}
        aria-describedby={`${id}-hint`}
        value={form[key]}
        onInput={(e) => onInput({ [key]: (e.target as HTMLInputElement).value })}
        onChange={(e) => onApply({ [key]: (e.target as HTMLInputElement).value })}
      />
    </div>
  );
  return (
    <>
      <h2>Allocate a local fund</h2>
      <p>
        Share a fund across the practices by need. Each change re-runs the allocation; the figures below and
        the equity audit follow it.
      </p>
      <form
        id="allocation-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onApply({});
        }}
      >
        {text(
          "allocation-fund",
          "fund",
          "Fund to allocate",
          "In £, such as 1m, 250k or £1,000,000",
          "nhsuk-input--width-10",
        )}
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="allocation-method">
            Method
          </label>
          <select
            class="nhsuk-select"
            id="allocation-method"
            value={form.method}
            onChange={(e) => onApply({ method: (e.target as HTMLSelectElement).value as AllocationMethod })}
          >
            {(Object.keys(METHOD_LABELS) as AllocationMethod[]).map((m) => (
              <option value={m} key={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        {form.method === "need"
          ? text(
              "allocation-hi-share",
              "hiPercent",
              "Health-inequalities share, %",
              "The part of need from deprivation (list × practice IMD score); the rest is the weighted population",
              "nhsuk-input--width-4",
            )
          : null}
        {text(
          "allocation-floor",
          "floor",
          "Floor per practice (optional)",
          "£ per practice (5000), £ per registered patient (1.20/head) or a share of its equal per-head amount (90%)",
          "nhsuk-input--width-10",
        )}
        {text(
          "allocation-cap",
          "cap",
          "Cap per practice (optional)",
          "As the floor: 50000, 2.50/head or 120%",
          "nhsuk-input--width-10",
        )}
        <button class="nhsuk-button nhsuk-button--secondary" type="submit" id="allocate">
          Allocate
        </button>
      </form>
    </>
  );
}

function AllocationSection({ answer, audit }: { answer: AllocationAnswer; audit: Audit }) {
  const a = answer.allocation;
  const sum = summariseAllocation(a.lines);
  const weights = Object.entries(a.request.weights)
    .filter(([, w]) => w > 0)
    .map(([k, w]) => `${k === "hi" ? "health inequalities" : k} ${decimal(w * 100, 1)}%`)
    .join(", ");
  const q = audit.audit.quintiles;
  return (
    <section aria-labelledby="allocation-heading" id="allocation-result">
      <h3 id="allocation-heading">The allocation</h3>
      <SummaryList
        id="allocation-summary"
        rows={[
          ["Allocated", poundsOf(sum.totalPence)],
          ["Practices", whole(sum.units)],
          ["Weights of need", weights],
          ["At their floor", whole(sum.atFloor)],
          ["At their cap", whole(sum.atCap)],
          ["Gaining against equal per head", whole(sum.gaining)],
          [
            "Losing against equal per head",
            `${whole(sum.losing)} (${poundsOf(sum.movedPence)} moved in all)`,
          ],
        ]}
      />
      <QuintileBarChart
        id="allocation-chart"
        title={`Allocation £ per registered patient by IMD quintile, ${answer.areaLabel}; the dashed line is equal per head`}
        yLabel="Allocation £ per registered patient"
        bars={q.map((r) => ({ label: r.label, value: r.values.afterPerHead ?? null }))}
        all={audit.audit.all.values.beforePerHead ?? null}
      />
      <div
        class="nhsuk-table-container"
        role="region"
        aria-labelledby="allocation-quintile-caption"
        tabIndex={0}
      >
        <table class="nhsuk-table" id="allocation-quintile-table">
          <caption class="nhsuk-table__caption" id="allocation-quintile-caption">
            Allocation per head by IMD quintile (the chart's figures)
          </caption>
          <thead class="nhsuk-table__head">
            <tr class="nhsuk-table__row">
              <th class="nhsuk-table__header" scope="col">
                IMD quintile
              </th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Registered
              </th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Equal per head, £
              </th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Allocated per head, £
              </th>
            </tr>
          </thead>
          <tbody class="nhsuk-table__body">
            {[...q, audit.audit.all].map((r) => (
              <tr class="nhsuk-table__row" key={r.label}>
                <th class="nhsuk-table__header" scope="row">
                  {r.label}
                </th>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{whole(r.registered)}</td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-column="beforePerHead">
                  {auditFigure(r.values.beforePerHead, true)}
                </td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-column="afterPerHead">
                  {auditFigure(r.values.afterPerHead, true)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SortableTable
        id="allocation-table"
        caption="Allocation by practice"
        rows={a.lines}
        rowKey={(l) => l.code}
        initial={{ key: "pence", direction: "descending" }}
        columns={[
          { key: "name", label: "Practice", value: (l) => `${l.name} (${l.code})` },
          {
            key: "registered",
            label: "Registered",
            numeric: true,
            value: (l) => l.registered,
            render: (l) => whole(l.registered),
          },
          {
            key: "need",
            label: "Share of need",
            numeric: true,
            value: (l) => l.needShare,
            render: (l) => percent(l.needShare, 2),
          },
          {
            key: "pence",
            label: "Allocation",
            numeric: true,
            value: (l) => l.pence,
            render: (l) => poundsOf(l.pence),
          },
          {
            key: "perHead",
            label: "£ per registered patient",
            numeric: true,
            value: (l) => l.pence / l.registered,
            render: (l) => `£${decimal(l.pence / 100 / l.registered, 2)}`,
          },
          {
            key: "equal",
            label: "Equal per head",
            numeric: true,
            value: (l) => l.equalPence,
            render: (l) => poundsOf(Math.round(l.equalPence)),
          },
          { key: "bound", label: "Held at", value: (l) => l.bound ?? "–" },
        ]}
      />
      <p class="nhsuk-body-s">{answer.hiBasis}.</p>
      <Caveats caveats={answer.caveats} />
    </section>
  );
}
