// Home: England at a glance (/api/overview), choose an ICB or a place, and what data is loaded and of
// which dates (/api/datasets).
import { useState } from "preact/hooks";
import { apiUrl, getJson } from "../api.ts";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { SummaryList } from "../components/SummaryList.tsx";
import { percent, whole, decimal } from "../format.ts";
import { Link, navigate } from "../router.tsx";
import { paths } from "../routes.ts";
import type { Dataset, Overview, Summary } from "../types.ts";
import { useApi } from "../use-api.ts";

export function summaryRows(s: Summary, o: Overview): [string, string][] {
  return [
    ["Practices", whole(s.practices)],
    ["Registered patients", whole(s.patients)],
    ["PCNs", whole(s.pcns)],
    [`PCNs under ${whole(o.rules.minimumList)}`, whole(s.bands.under)],
    [`PCNs of ${whole(o.rules.minimumList)} to ${whole(o.rules.typicalMaximumList)}`, whole(s.bands.in)],
    [`PCNs over ${whole(o.rules.typicalMaximumList)}`, whole(s.bands.over)],
    ["Median practice list", whole(s.listSize?.median)],
    ["GP FTE per 10,000 patients", decimal(s.gpFtePer10k?.value, 2)],
    ["Patients per GP FTE", whole(s.patientsPerGpFte?.value)],
    ["Partner share of GP FTE", percent(s.partnerShare?.value)],
  ];
}

export function sourcesLine(o: Overview): string {
  const parts = [
    o.sources.map ? `practice → PCN map of ${o.sources.map.period}` : undefined,
    o.sources.lists ? `list sizes of ${o.sources.lists.period}` : undefined,
    o.sources.workforce ? `workforce of ${o.sources.workforce.period}` : undefined,
  ].filter(Boolean);
  return `From the ${parts.join(", ")}.`;
}

function ChooseArea({ icbs }: { icbs: { code: string; name: string }[] }) {
  const [icb, setIcb] = useState(icbs[0]?.code ?? "");
  const [place, setPlace] = useState("");
  return (
    <div class="nhsuk-grid-row">
      <form
        class="nhsuk-grid-column-one-half"
        onSubmit={(e) => {
          e.preventDefault();
          if (icb) navigate(paths.icb(icb));
        }}
      >
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="choose-icb">
            ICB
          </label>
          <select
            class="nhsuk-select"
            id="choose-icb"
            value={icb}
            onChange={(e) => setIcb(e.currentTarget.value)}
          >
            {icbs.map((i) => (
              <option key={i.code} value={i.code}>
                {i.name} ({i.code})
              </option>
            ))}
          </select>
        </div>
        <button class="nhsuk-button" type="submit">
          Show the ICB
        </button>
      </form>
      <form
        class="nhsuk-grid-column-one-half"
        onSubmit={(e) => {
          e.preventDefault();
          if (place.trim()) navigate(paths.place(place.trim()));
        }}
      >
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="choose-place">
            Place (sub-ICB location)
          </label>
          <div class="nhsuk-hint" id="choose-place-hint">
            Its ODS or ONS code, for example 05D or E38000001
          </div>
          <input
            class="nhsuk-input nhsuk-input--width-10"
            id="choose-place"
            aria-describedby="choose-place-hint"
            value={place}
            onInput={(e) => setPlace(e.currentTarget.value)}
          />
        </div>
        <button class="nhsuk-button nhsuk-button--secondary" type="submit">
          Show the place
        </button>
      </form>
    </div>
  );
}

export function Home() {
  const england = useApi(() => getJson<Overview>("overview"), "england");
  const datasets = useApi(() => getJson<Dataset[]>("datasets"), "datasets");
  const errors = [england.error, datasets.error].filter((e) => e !== undefined).map((e) => fromApiError(e));
  const o = england.data;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>England at a glance</h1>
      {england.loading ? <p>Loading the national picture…</p> : null}
      {o ? (
        <>
          <p class="nhsuk-lede-text">{sourcesLine(o)}</p>
          <SummaryList id="england-summary" rows={summaryRows(o.summary, o)} />
          {o.caveats.length > 0 ? (
            <div class="nhsuk-inset-text">
              <span class="nhsuk-u-visually-hidden">Information: </span>
              {o.caveats.map((c) => (
                <p key={c}>{c}</p>
              ))}
            </div>
          ) : null}
          <h2>Choose an ICB or place</h2>
          <ChooseArea icbs={o.subAreas.map((a) => a.area)} />
          <SortableTable
            id="icb-table"
            caption="ICBs"
            rows={o.subAreas}
            rowKey={(a) => a.area.code}
            columns={[
              {
                key: "name",
                label: "ICB",
                value: (a) => a.area.name,
                render: (a) => <Link href={paths.icb(a.area.code)}>{a.area.name}</Link>,
              },
              { key: "code", label: "Code", value: (a) => a.area.code },
              { key: "practices", label: "Practices", numeric: true, value: (a) => a.summary.practices },
              {
                key: "patients",
                label: "Patients",
                numeric: true,
                value: (a) => a.summary.patients,
                render: (a) => whole(a.summary.patients),
              },
              { key: "pcns", label: "PCNs", numeric: true, value: (a) => a.summary.pcns },
              { key: "in", label: "PCNs in band", numeric: true, value: (a) => a.summary.bands.in },
            ]}
          />
        </>
      ) : null}
      <h2>Data loaded</h2>
      {datasets.data ? (
        <SortableTable
          id="dataset-table"
          caption="Datasets in the store, with the dates they describe"
          rows={datasets.data}
          rowKey={(d) => String(d.id)}
          csv={{ href: apiUrl("datasets", { format: "csv" }), label: "Download the datasets as CSV" }}
          columns={[
            { key: "source", label: "Source", value: (d) => d.source },
            { key: "period", label: "Period", value: (d) => d.period },
            { key: "date", label: "Reference date", value: (d) => d.reference_date },
            { key: "rows", label: "Rows", numeric: true, value: (d) => d.rows, render: (d) => whole(d.rows) },
            { key: "synthetic", label: "Synthetic", value: (d) => (d.synthetic ? "synthetic" : "real") },
            { key: "file", label: "File", value: (d) => d.file },
          ]}
        />
      ) : null}
    </>
  );
}
