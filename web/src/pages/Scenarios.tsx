// Scenarios for an ICB: close one or more practices, or merge practices, through the API
// (POST /api/scenarios/closure, /api/scenarios/merger), and see what follows: the flows of re-homed
// patients on a map (width by patients), the receivers with their growth and capacity, the PCNs touched
// with their size bands before and after, and the ARRS effect; each map and chart with a table. The form
// is the URL's query, so a run can be shared as a link.
import { useEffect, useState } from "preact/hooks";
import { apiUrl, ApiError, getJson, postJson } from "../api.ts";
import { bandLabel, type BandRule } from "../bands.ts";
import { Caveats } from "../components/Caveats.tsx";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { SummaryList } from "../components/SummaryList.tsx";
import { decimal, percent, whole } from "../format.ts";
import { loadMapLibrary, loadPlot, prefetchGeoJson } from "../preload.ts";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";
import { BandShiftChart } from "../scenarios/BandShiftChart.tsx";
import { FlowMap } from "../scenarios/FlowMap.tsx";
import {
  arrsEffect,
  bandChanges,
  closureFlows,
  formFromQuery,
  mergerFlows,
  queryOfForm,
  requestOfForm,
  type FlowMapData,
  type ScenarioForm,
} from "../scenarios/flows.ts";
import type { ClosureAnswer, MergerAnswer, PcnEffect } from "../scenarios/types.ts";
import type { Listing, Overview, PracticeRow } from "../types.ts";
import { useApi } from "../use-api.ts";

/** The control each API field belongs to, for the error summary's links. */
const TARGETS: Record<string, string> = {
  practices: "practice-picker",
  model: "closure-model",
  maxKm: "closure-max-km",
  cap: "closure-cap",
  into: "merger-into",
};

const pounds = (n: number | null | undefined) =>
  n === null || n === undefined ? "–" : `${n < 0 ? "−" : ""}£${whole(Math.abs(n))}`;
const signed = (n: number) => (n > 0 ? `+${whole(n)}` : n < 0 ? `−${whole(-n)}` : "0");

type Outcome = { kind: "closure"; answer: ClosureAnswer } | { kind: "merger"; answer: MergerAnswer };

export function Scenarios({ code, query }: { code: string; query: URLSearchParams }) {
  const initial = formFromQuery(query);
  const [form, setForm] = useState<ScenarioForm>(initial);
  const [pick, setPick] = useState("");
  // The form as last run (null: not run yet); a run from a shared link starts at once.
  const [run, setRun] = useState<{ form: ScenarioForm; n: number } | null>(
    initial.practices.length > 0 ? { form: initial, n: 0 } : null,
  );
  const contextUrl = apiUrl("networks/export.geojson", { icb: code });
  useEffect(() => {
    void loadMapLibrary().catch(() => undefined);
    void loadPlot().catch(() => undefined);
  }, []);
  const overview = useApi(() => getJson<Overview>("overview", { icb: code }), code);
  const practices = useApi(() => getJson<Listing<PracticeRow>>("practices", { icb: code }), code);
  const outcome = useApi<Outcome>(
    run === null
      ? null
      : async () => {
          prefetchGeoJson(contextUrl);
          const body = requestOfForm(run.form);
          return run.form.kind === "closure"
            ? { kind: "closure", answer: await postJson<ClosureAnswer>("scenarios/closure", body) }
            : { kind: "merger", answer: await postJson<MergerAnswer>("scenarios/merger", body) };
        },
    run === null ? "none" : `${run.n}:${queryOfForm(run.form)}`,
  );
  const [mapError, setMapError] = useState<ApiError | undefined>();

  const rows = practices.data?.rows ?? [];
  const byCode = new Map(rows.map((r) => [r.practice_code, r]));
  const name = overview.data?.scope.icb?.name ?? code;
  const rule = overview.data?.rules;

  const submit = (e: Event) => {
    e.preventDefault();
    setMapError(undefined);
    history.replaceState(null, "", `${paths.scenarios(code)}?${queryOfForm(form)}`);
    setRun((r) => ({ form, n: (r?.n ?? 0) + 1 }));
  };
  const update = (patch: Partial<ScenarioForm>) => setForm((f) => ({ ...f, ...patch }));
  const add = () => {
    const chosen = pick || rows.find((r) => !form.practices.includes(r.practice_code))?.practice_code;
    if (chosen && !form.practices.includes(chosen)) update({ practices: [...form.practices, chosen] });
    setPick("");
  };

  const errors = [overview.error, practices.error, outcome.error, mapError]
    .filter((e) => e !== undefined)
    .map((e) => fromApiError(e, TARGETS));
  const verb = form.kind === "closure" ? "close" : "merge";

  return (
    <>
      <ErrorSummary errors={errors} />
      <span class="nhsuk-caption-l">Scenarios</span>
      <h1>{overview.data ? `Closures and mergers in ${name}` : `Scenarios for ${code}`}</h1>
      <p>
        <Link href={paths.icb(code)}>The overview of {name}</Link>
      </p>
      <p>
        Close practices and see where their patients go (each to an open practice within the distance, up to
        each receiver's capacity), or merge practices into one; then see what that does to the networks, their
        size bands and their ARRS entitlement.
      </p>

      <form onSubmit={submit} noValidate id="scenario-form">
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Scenario</legend>
            <div class="nhsuk-radios nhsuk-radios--inline">
              {(["closure", "merger"] as const).map((k) => (
                <div class="nhsuk-radios__item" key={k}>
                  <input
                    class="nhsuk-radios__input"
                    id={`kind-${k}`}
                    name="kind"
                    type="radio"
                    value={k}
                    checked={form.kind === k}
                    onChange={() => update({ kind: k })}
                  />
                  <label class="nhsuk-label nhsuk-radios__label" for={`kind-${k}`}>
                    {k === "closure" ? "Close practices" : "Merge practices"}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="practice-picker">
            Practice to {verb}
          </label>
          <div class="nhsuk-hint" id="practice-picker-hint">
            {form.kind === "closure"
              ? "Choose a practice and add it; add more to close several at once."
              : "Choose at least two practices to merge."}
          </div>
          <select
            class="nhsuk-select"
            id="practice-picker"
            aria-describedby="practice-picker-hint"
            value={pick}
            onChange={(e) => setPick((e.target as HTMLSelectElement).value)}
          >
            <option value="">{practices.loading ? "Loading practices…" : "Choose a practice"}</option>
            {rows
              .filter((r) => !form.practices.includes(r.practice_code))
              .map((r) => (
                <option value={r.practice_code} key={r.practice_code}>
                  {r.practice_name} ({r.practice_code}), {whole(r.list_size)} patients
                </option>
              ))}
          </select>{" "}
          <button
            type="button"
            class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
            id="add-practice"
            onClick={add}
            disabled={!pick}
          >
            Add practice
          </button>
        </div>
        {form.practices.length > 0 ? (
          <ul class="nhsuk-list" id="chosen-practices" aria-label={`Practices to ${verb}`}>
            {form.practices.map((p) => (
              <li key={p} data-code={p}>
                {byCode.get(p)?.practice_name ?? p} ({p}){" "}
                <button
                  type="button"
                  class="icsplan-sort"
                  aria-label={`Remove ${byCode.get(p)?.practice_name ?? p}`}
                  onClick={() => update({ practices: form.practices.filter((x) => x !== p) })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="nhsuk-body-s">No practice chosen yet.</p>
        )}

        {form.kind === "closure" ? (
          <>
            <div class="nhsuk-form-group">
              <label class="nhsuk-label" for="closure-model">
                How patients choose a new practice
              </label>
              <select
                class="nhsuk-select"
                id="closure-model"
                value={form.model}
                onChange={(e) =>
                  update({ model: (e.target as HTMLSelectElement).value as ScenarioForm["model"] })
                }
              >
                <option value="nearest">The nearest practice with room</option>
                <option value="choice">Patient choice (distance and list size)</option>
              </select>
            </div>
            <div class="nhsuk-form-group">
              <label class="nhsuk-label" for="closure-max-km">
                Furthest a patient is sent, in km
              </label>
              <input
                class="nhsuk-input nhsuk-input--width-4"
                id="closure-max-km"
                inputMode="decimal"
                value={form.maxKm}
                onInput={(e) => update({ maxKm: (e.target as HTMLInputElement).value })}
              />
            </div>
            <div class="nhsuk-form-group">
              <label class="nhsuk-label" for="closure-cap">
                Capacity of each receiving practice
              </label>
              <div class="nhsuk-hint" id="closure-cap-hint">
                growth:20% (grow by at most a fifth), growth:2000 (at most 2,000 patients) or per-gp-fte:2500
              </div>
              <input
                class="nhsuk-input nhsuk-input--width-10"
                id="closure-cap"
                aria-describedby="closure-cap-hint"
                value={form.cap}
                onInput={(e) => update({ cap: (e.target as HTMLInputElement).value })}
              />
            </div>
          </>
        ) : (
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="merger-into">
              The merged practice keeps the code, name and PCN of
            </label>
            <select
              class="nhsuk-select"
              id="merger-into"
              value={form.into}
              onChange={(e) => update({ into: (e.target as HTMLSelectElement).value })}
            >
              <option value="">The first practice chosen</option>
              {form.practices.map((p) => (
                <option value={p} key={p}>
                  {byCode.get(p)?.practice_name ?? p} ({p})
                </option>
              ))}
            </select>
          </div>
        )}
        <button class="nhsuk-button" type="submit" id="run-scenario">
          {form.kind === "closure" ? "Run the closure" : "Run the merger"}
        </button>
      </form>

      {outcome.loading ? <p aria-live="polite">Running the scenario…</p> : null}
      {outcome.data?.kind === "closure" ? (
        <ClosureResult
          answer={outcome.data.answer}
          rule={rule}
          contextUrl={contextUrl}
          onMapError={setMapError}
        />
      ) : null}
      {outcome.data?.kind === "merger" ? (
        <MergerResult
          answer={outcome.data.answer}
          rule={rule}
          contextUrl={contextUrl}
          onMapError={setMapError}
        />
      ) : null}
    </>
  );
}

function FlowsTable({ data, fromLabel, toLabel }: { data: FlowMapData; fromLabel: string; toLabel: string }) {
  return (
    <SortableTable
      id="flow-table"
      caption="Flows of patients (the map's figures)"
      rows={data.flows}
      rowKey={(f) => `${f.from}>${f.to}`}
      initial={{ key: "patients", direction: "descending" }}
      columns={[
        { key: "from", label: fromLabel, value: (f) => `${f.fromName} (${f.from})` },
        { key: "to", label: toLabel, value: (f) => `${f.toName} (${f.to})` },
        {
          key: "patients",
          label: "Patients",
          numeric: true,
          value: (f) => f.patients,
          render: (f) => whole(f.patients),
        },
      ]}
    />
  );
}

function PcnSection({
  pcns,
  rule,
  arrsYear,
}: {
  pcns: PcnEffect[];
  rule: BandRule | undefined;
  arrsYear: string | null;
}) {
  const arrs = arrsEffect(pcns);
  const changed = bandChanges(pcns);
  const band = (b: PcnEffect["bandBefore"]) => (rule ? bandLabel(b, rule) : b);
  return (
    <>
      <h2>PCNs before and after</h2>
      <p id="band-changes">
        {pcns.length === 0
          ? "No PCN is touched (the practices are outside any PCN)."
          : changed.length === 0
            ? `${whole(pcns.length)} PCNs touched; none changes size band.`
            : `${whole(pcns.length)} PCNs touched; ${whole(changed.length)} ${changed.length === 1 ? "changes" : "change"} size band: ${changed
                .map((p) => `${p.name} (${band(p.bandBefore)} → ${band(p.bandAfter)})`)
                .join("; ")}.`}
      </p>
      {pcns.length > 0 ? (
        <p id="arrs-effect">
          {arrsYear === null
            ? "ARRS entitlement is not computed: no ARRS figures are configured for this year."
            : `ARRS entitlement of these PCNs at ${arrsYear} rates: ${pounds(arrs.before)} before, ${pounds(arrs.after)} after, a change of ${pounds(arrs.change)} a year${
                arrs.unknown > 0 ? ` (${whole(arrs.unknown)} PCNs without a weighted list are left out)` : ""
              }.`}
        </p>
      ) : null}
      {pcns.length > 0 && rule ? (
        <BandShiftChart
          pcns={pcns}
          rule={rule}
          title={`List size of each PCN touched, before and after, against the ${whole(rule.minimumList)} to ${whole(rule.typicalMaximumList)} band`}
        />
      ) : null}
      {pcns.length > 0 ? (
        <SortableTable
          id="scenario-pcn-table"
          caption="PCNs touched: practices, lists, size bands and ARRS before and after"
          rows={pcns}
          rowKey={(p) => p.code}
          initial={{ key: "change", direction: "descending" }}
          columns={[
            { key: "name", label: "PCN", value: (p) => `${p.name} (${p.code})` },
            {
              key: "practices",
              label: "Practices before → after",
              value: (p) => `${p.practicesBefore} → ${p.practicesAfter}`,
            },
            {
              key: "before",
              label: "List before",
              numeric: true,
              value: (p) => p.listBefore,
              render: (p) => whole(p.listBefore),
            },
            {
              key: "after",
              label: "List after",
              numeric: true,
              value: (p) => p.listAfter,
              render: (p) => whole(p.listAfter),
            },
            {
              key: "change",
              label: "Change",
              numeric: true,
              value: (p) => p.listAfter - p.listBefore,
              render: (p) => signed(p.listAfter - p.listBefore),
            },
            { key: "bandBefore", label: "Band before", value: (p) => band(p.bandBefore) },
            { key: "bandAfter", label: "Band after", value: (p) => band(p.bandAfter) },
            {
              key: "arrsBefore",
              label: "ARRS before",
              numeric: true,
              value: (p) => p.arrsBefore,
              render: (p) => pounds(p.arrsBefore),
            },
            {
              key: "arrsAfter",
              label: "ARRS after",
              numeric: true,
              value: (p) => p.arrsAfter,
              render: (p) => pounds(p.arrsAfter),
            },
            {
              key: "ppg",
              label: "Patients per GP FTE before → after",
              value: (p) => `${whole(p.patientsPerGpFteBefore)} → ${whole(p.patientsPerGpFteAfter)}`,
            },
          ]}
        />
      ) : null}
    </>
  );
}

function ClosureResult({
  answer: c,
  rule,
  contextUrl,
  onMapError,
}: {
  answer: ClosureAnswer;
  rule: BandRule | undefined;
  contextUrl: string;
  onMapError: (e: ApiError) => void;
}) {
  const flows = closureFlows(c);
  const t = c.totals;
  const np = c.notPlaced;
  return (
    <section aria-labelledby="closure-heading" id="closure-result">
      <h2 id="closure-heading">What the closure does</h2>
      <p class="nhsuk-lede-text">{c.description}.</p>
      <SummaryList
        id="closure-summary"
        rows={[
          ["Patients to re-home", whole(t.toRehome)],
          ["Re-homed", whole(t.placed)],
          [
            "Not placed",
            np.total === 0
              ? "0"
              : `${whole(np.total)} (no practice within ${c.maxKm} km: ${whole(np.noPracticeInRange)}; every practice in reach full: ${whole(np.allFull)}; no location: ${whole(np.noLocation)})`,
          ],
          ["Receiving practices", whole(t.receivingPractices)],
          ["Mean distance to the new practice", t.meanKm === null ? "–" : `${decimal(t.meanKm, 1)} km`],
          ["Placed in another ICB", whole(t.placedOutsideIcb)],
          ["Capacity rule", c.capDescription],
          ["Where patients live", c.catchments ?? "the closing practice's site (no LSOA registrations)"],
        ]}
      />
      <h2>Where the patients go</h2>
      <FlowMap
        data={flows}
        contextUrl={contextUrl}
        label={`Map of the patients re-homed from ${c.closed.map((x) => x.name).join(", ")}`}
        closingLabel="Closing practice"
        receiverLabel="Receiving practice"
        onError={onMapError}
      />
      <FlowsTable data={flows} fromLabel="From (closing)" toLabel="To (receiving)" />

      <h2>Receiving practices: growth and capacity</h2>
      <SortableTable
        id="receiver-table"
        caption="Receiving practices, by patients gained"
        rows={c.receivers}
        rowKey={(r) => r.code}
        initial={{ key: "gain", direction: "descending" }}
        columns={[
          {
            key: "name",
            label: "Practice",
            value: (r) => r.name,
            render: (r) => <Link href={paths.practice(r.code)}>{`${r.name} (${r.code})`}</Link>,
          },
          { key: "pcn", label: "PCN", value: (r) => r.pcnName },
          {
            key: "before",
            label: "List before",
            numeric: true,
            value: (r) => r.listBefore,
            render: (r) => whole(r.listBefore),
          },
          {
            key: "gain",
            label: "Patients gained",
            numeric: true,
            value: (r) => r.gain,
            render: (r) => whole(r.gain),
          },
          {
            key: "after",
            label: "List after",
            numeric: true,
            value: (r) => r.listAfter,
            render: (r) => whole(r.listAfter),
          },
          {
            key: "growth",
            label: "Growth",
            numeric: true,
            value: (r) => r.growth,
            render: (r) => percent(r.growth, 1),
          },
          {
            key: "capacity",
            label: "Capacity",
            numeric: true,
            value: (r) => r.capacity,
            render: (r) => (r.capacity === null ? "no limit" : whole(r.capacity)),
          },
          {
            key: "used",
            label: "Capacity used",
            numeric: true,
            value: (r) => (r.capacity ? r.gain / r.capacity : null),
            render: (r) => (r.capacity ? percent(r.gain / r.capacity) : "–"),
          },
          {
            key: "ppg",
            label: "Patients per GP FTE before → after",
            value: (r) => r.patientsPerGpFteAfter,
            render: (r) => `${whole(r.patientsPerGpFteBefore)} → ${whole(r.patientsPerGpFteAfter)}`,
          },
          {
            key: "km",
            label: "Mean km",
            numeric: true,
            value: (r) => r.meanKm,
            render: (r) => decimal(r.meanKm, 1),
          },
        ]}
      />
      <PcnSection pcns={c.pcns} rule={rule} arrsYear={c.arrsYear} />
      <Caveats caveats={c.notes} />
    </section>
  );
}

function MergerResult({
  answer: m,
  rule,
  contextUrl,
  onMapError,
}: {
  answer: MergerAnswer;
  rule: BandRule | undefined;
  contextUrl: string;
  onMapError: (e: ApiError) => void;
}) {
  const flows = mergerFlows(m);
  const g = m.merged;
  return (
    <section aria-labelledby="merger-heading" id="merger-result">
      <h2 id="merger-heading">What the merger does</h2>
      <p class="nhsuk-lede-text">{m.description}.</p>
      <SummaryList
        id="merger-summary"
        rows={[
          ["Merged practice", `${g.name} (${g.code}), in ${g.pcnName}`],
          ["Registered patients", whole(g.listSize)],
          ["Weighted patients", whole(g.weightedList)],
          ["Sites kept", whole(g.sites.length)],
          ["GP FTE", decimal(g.workforce?.gpFte, 1)],
          ["Patients per GP FTE", whole(g.patientsPerGpFte)],
          ["Network rule breaches added", whole(m.networks.added.length)],
          ["Network rule breaches resolved", whole(m.networks.resolved.length)],
        ]}
      />
      <h2>The practices merging</h2>
      <FlowMap
        data={flows}
        contextUrl={contextUrl}
        label={`Map of the practices merging into ${g.name}`}
        closingLabel="Practice merging in"
        receiverLabel={`${g.name}, the practice kept`}
        onError={onMapError}
      />
      <FlowsTable data={flows} fromLabel="Practice merging in" toLabel="Into" />
      {m.networks.added.length + m.networks.resolved.length > 0 ? (
        <ul class="nhsuk-list nhsuk-list--bullet" id="merger-breaches">
          {m.networks.added.map((b) => (
            <li key={`a${b.rule}${b.network}`}>Added: {b.message}</li>
          ))}
          {m.networks.resolved.map((b) => (
            <li key={`r${b.rule}${b.network}`}>Resolved: {b.message}</li>
          ))}
        </ul>
      ) : null}
      <PcnSection pcns={m.pcns} rule={rule} arrsYear={m.arrsYear} />
      <Caveats caveats={m.notes} />
    </section>
  );
}
