// The network studio's first part: run the designer (POST /api/networks/design, heuristic) for an ICB or a
// place with its options, and see the design beside today's map with its metrics: networks in the band,
// under and over, mean distance to the network's sites, practices and patients moved; optionally saved as
// a named scenario.
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError, apiUrl, postJson } from "../api.ts";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { NetworkMap } from "../components/NetworkMap.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { bandLabel, type Band } from "../bands.ts";
import { designCollection, type DesignNetwork } from "../design-map.ts";
import { decimal, whole } from "../format.ts";
import type { FeatureCollection } from "../map-style.ts";
import { loadMapLibrary, takeGeoJson } from "../preload.ts";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";

interface Metrics {
  networks: number;
  inBand: number;
  under: number;
  over: number;
  meanKm: number;
}

export interface Design {
  synthetic: boolean;
  area: string;
  map: string;
  lists: string | null;
  method: string;
  band: { min: number; max: number };
  seed: number;
  networks: (DesignNetwork & { practiceNames: string[] })[];
  today: Metrics;
  proposal: Metrics;
  changes: { practicesMoved: number; patientsMoved: number; practicesPlaced: number };
  notes: string[];
  iterations: number;
  seconds: number;
  savedAs: string | null;
}

/** The control each design field is entered in. */
const TARGETS: Record<string, string> = {
  band: "band",
  seed: "seed",
  starts: "starts",
  iterations: "iterations",
  disruptionWeight: "disruption",
  save: "save-name",
  "save.name": "save-name",
  name: "save-name",
};

function Field({
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

const numberOrUndefined = (text: string, field: string): number | undefined => {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new ApiError(`expected a number; found '${text}'`, 400, field);
  return n;
};

export function NetworkStudio({ kind, code }: { kind: "icb" | "place"; code: string }) {
  const area = kind === "icb" ? { icb: code } : { subIcb: code };
  const todayUrl = apiUrl("networks/export.geojson", area);
  const [today, setToday] = useState<FeatureCollection | undefined>();
  const [todayError, setTodayError] = useState<ApiError | undefined>();
  const [band, setBand] = useState("30000-50000");
  const [seed, setSeed] = useState("1");
  const [starts, setStarts] = useState("");
  const [iterations, setIterations] = useState("");
  const [disruption, setDisruption] = useState("");
  const [saveName, setSaveName] = useState("");
  const [running, setRunning] = useState(false);
  const [design, setDesign] = useState<Design | undefined>();
  const [error, setError] = useState<ApiError | undefined>();

  useEffect(() => {
    void loadMapLibrary().catch(() => undefined);
    takeGeoJson(todayUrl).then(setToday, (e: unknown) =>
      setTodayError(e instanceof ApiError ? e : new ApiError(String(e), 0)),
    );
  }, [todayUrl]);

  const designed = useMemo(
    () => (today && design ? designCollection(today, design.networks) : undefined),
    [today, design],
  );

  const run = async () => {
    setError(undefined);
    setRunning(true);
    try {
      const body: Record<string, unknown> = {
        ...area,
        band: band.trim() || undefined,
        seed: numberOrUndefined(seed, "seed"),
        starts: numberOrUndefined(starts, "starts"),
        iterations: numberOrUndefined(iterations, "iterations"),
        disruptionWeight: numberOrUndefined(disruption, "disruptionWeight"),
        save: saveName.trim() ? { name: saveName.trim() } : undefined,
      };
      setDesign(await postJson<Design>("networks/design", body));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), 0));
    } finally {
      setRunning(false);
    }
  };

  const errors = [todayError, error].filter((e) => e !== undefined).map((e) => fromApiError(e, TARGETS));
  const fieldError = (field: string) =>
    error && TARGETS[error.field ?? ""] === TARGETS[field] ? errors[errors.length - 1]?.message : undefined;
  const rule = design
    ? { minimumList: design.band.min, typicalMaximumList: design.band.max }
    : { minimumList: 30000, typicalMaximumList: 50000 };
  const areaPath = kind === "icb" ? paths.icb(code) : paths.place(code);

  return (
    <>
      <ErrorSummary errors={errors} />
      <span class="nhsuk-caption-l">Network studio</span>
      <h1>Design networks for {design?.area ?? code}</h1>
      <p>
        The designer proposes networks within the size band that are contiguous and cohesive and move as few
        patients as it can. Back to the <Link href={areaPath}>overview of {code}</Link>.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) void run();
        }}
      >
        <fieldset class="nhsuk-fieldset">
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Designer options</legend>
          <Field
            id="band"
            label="Size band (patients)"
            hint="The smallest and largest list, for example 30000-50000"
            error={fieldError("band")}
            value={band}
            onInput={setBand}
          />
          <Field
            id="seed"
            label="Seed"
            hint="The same seed gives the same design"
            error={fieldError("seed")}
            value={seed}
            onInput={setSeed}
            width="nhsuk-input--width-5"
            inputMode="numeric"
          />
          <Field
            id="starts"
            label="Starts (optional)"
            hint="How many starting points the designer tries, 1 to 16"
            error={fieldError("starts")}
            value={starts}
            onInput={setStarts}
            width="nhsuk-input--width-5"
            inputMode="numeric"
          />
          <Field
            id="iterations"
            label="Moves to try (optional)"
            hint="Fewer is quicker; empty lets the designer choose"
            error={fieldError("iterations")}
            value={iterations}
            onInput={setIterations}
            width="nhsuk-input--width-10"
            inputMode="numeric"
          />
          <Field
            id="disruption"
            label="Weight on patients moved (optional)"
            hint="Higher keeps more practices in today's networks"
            error={fieldError("disruptionWeight")}
            value={disruption}
            onInput={setDisruption}
            width="nhsuk-input--width-5"
            inputMode="decimal"
          />
          <Field
            id="save-name"
            label="Save as a scenario named (optional)"
            hint="Leave empty to try a design without saving it"
            error={fieldError("save")}
            value={saveName}
            onInput={setSaveName}
            width="nhsuk-input--width-20"
          />
        </fieldset>
        <button class="nhsuk-button" type="submit" disabled={running} aria-disabled={running}>
          {running ? "Designing…" : "Run the designer"}
        </button>
      </form>
      <p aria-live="polite" id="design-status" class="nhsuk-body-s">
        {running
          ? "Designing networks: this takes a few seconds."
          : design
            ? `Designed ${design.networks.length} networks in ${decimal(design.seconds, 1)} s (${whole(design.iterations)} moves tried, seed ${design.seed})${design.savedAs ? `; saved as '${design.savedAs}'` : ""}.`
            : ""}
      </p>

      {design ? (
        <>
          <h2>Today and the design</h2>
          <table class="nhsuk-table" id="design-metrics">
            <caption class="nhsuk-table__caption">Today's networks against the design</caption>
            <thead class="nhsuk-table__head">
              <tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="col">
                  Measure
                </th>
                <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                  Today
                </th>
                <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                  Design
                </th>
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              {(
                [
                  ["Networks", design.today.networks, design.proposal.networks],
                  [bandLabel("in", rule), design.today.inBand, design.proposal.inBand],
                  [bandLabel("under", rule), design.today.under, design.proposal.under],
                  [bandLabel("over", rule), design.today.over, design.proposal.over],
                ] as [string, number, number][]
              ).map(([name, a, b]) => (
                <tr class="nhsuk-table__row" key={name} data-measure={name}>
                  <th class="nhsuk-table__header" scope="row">
                    {name}
                  </th>
                  <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{whole(a)}</td>
                  <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{whole(b)}</td>
                </tr>
              ))}
              <tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="row">
                  Mean distance from a practice to its network's sites (km)
                </th>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                  {decimal(design.today.meanKm, 2)}
                </td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                  {decimal(design.proposal.meanKm, 2)}
                </td>
              </tr>
            </tbody>
          </table>
          <dl class="nhsuk-summary-list" id="design-changes">
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Practices moved</dt>
              <dd class="nhsuk-summary-list__value">{whole(design.changes.practicesMoved)}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Patients moved</dt>
              <dd class="nhsuk-summary-list__value">{whole(design.changes.patientsMoved)}</dd>
            </div>
          </dl>
          {design.notes.length > 0 ? (
            <div class="nhsuk-inset-text">
              <span class="nhsuk-u-visually-hidden">Information: </span>
              {design.notes.map((n) => (
                <p key={n}>{n}</p>
              ))}
            </div>
          ) : null}
        </>
      ) : null}

      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-one-half">
          <h2>Today</h2>
          {today ? (
            <NetworkMap data={today} label={`Map of today's PCNs of ${code}`} rule={rule} />
          ) : (
            <p>Loading today's map…</p>
          )}
        </div>
        <div class="nhsuk-grid-column-one-half">
          <h2>The design</h2>
          {designed ? (
            <div id="design-map">
              <NetworkMap data={designed} label={`Map of the designed networks of ${code}`} rule={rule} />
            </div>
          ) : (
            <p>Run the designer to see its networks here.</p>
          )}
        </div>
      </div>

      {design ? (
        <SortableTable
          id="design-networks"
          caption="The designed networks"
          rows={design.networks}
          rowKey={(n) => n.label}
          initial={{ key: "list", direction: "descending" }}
          columns={[
            { key: "label", label: "Network", value: (n) => n.label },
            { key: "practices", label: "Practices", numeric: true, value: (n) => n.practices.length },
            {
              key: "list",
              label: "List size",
              numeric: true,
              value: (n) => n.listSize,
              render: (n) => whole(n.listSize),
            },
            {
              key: "band",
              label: "Band",
              value: (n) => n.band,
              render: (n) => bandLabel(n.band as Band, rule),
            },
            { key: "names", label: "Its practices", value: (n) => n.practiceNames.join(", ") },
          ]}
        />
      ) : null}
    </>
  );
}
