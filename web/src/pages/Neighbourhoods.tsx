// Neighbourhoods and community specialist hubs of an ICB or place. (a) The two-level design run as a job
// (POST /api/jobs/neighbourhoods-design with its GeoJSON; bands, seed, starts; progress and cancel): both
// levels on one map (neighbourhoods filled, multi-neighbourhood areas as thick outlines), with tables of the
// neighbourhoods, the areas and every practice. (b) k hubs of a specialty placed as a job (POST /api/jobs/hubs:
// p-median or maximal covering, every k up to the one asked): the hubs as markers over the practice sites
// (today's map, /api/networks/export.geojson), access by IMD quintile before and after as a chart and a
// table, and how the answer changes with k.
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError, apiUrl } from "../api.ts";
import { AccessChart, groupLabel } from "../components/AccessChart.tsx";
import { TextField } from "../components/TextField.tsx";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { StyledMap } from "../components/StyledMap.tsx";
import { decimal, percent, whole } from "../format.ts";
import type { FeatureCollection } from "../map-style.ts";
import { PRACTICE_COLOUR } from "../map-style.ts";
import { useJob } from "../neighbourhoods/job.ts";
import {
  accessRows,
  AREA_OUTLINE,
  HUB_COLOUR,
  hubsCollection,
  hubsStyle,
  levelsCollection,
  levelsStyle,
  NEIGHBOURHOOD_PALETTE,
  neighbourhoodColours,
} from "../neighbourhoods/map-data.ts";
import type { HubsResult, NeighbourhoodResult } from "../neighbourhoods/types.ts";
import { loadMapLibrary, loadPlot, takeGeoJson } from "../preload.ts";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";

/** The control each request field is entered in. */
const DESIGN_TARGETS: Record<string, string> = {
  band: "nbh-band",
  areaBand: "nbh-area-band",
  seed: "nbh-seed",
  starts: "nbh-starts",
};
const HUB_TARGETS: Record<string, string> = {
  specialty: "hub-specialty",
  k: "hub-k",
  kRange: "hub-k",
  withinKm: "hub-within",
  objective: "hub-objective-p-median",
};

const SPECIALTIES = [
  ["dermatology", "Dermatology (every registered patient)"],
  ["diabetes", "Diabetes (the QOF diabetes register)"],
  ["care-of-the-elderly", "Care of the elderly (patients aged 65 and over)"],
] as const;

const numberOr = (text: string, field: string, whole = true): number | undefined => {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n)))
    throw new ApiError(`expected ${whole ? "a whole number" : "a number"}; found '${text}'`, 400, field);
  return n;
};

const km = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${decimal(v, 2)} km`);

function Progress({
  id,
  label,
  progress,
}: {
  id: string;
  label: string;
  progress: { done?: number; total?: number } | null | undefined;
}) {
  return (
    <div>
      <label class="nhsuk-label" for={id}>
        {label}
      </label>
      {progress?.total ? (
        <progress id={id} max={progress.total} value={progress.done ?? 0} />
      ) : (
        <progress id={id} />
      )}
    </div>
  );
}

export function Neighbourhoods({ kind, code }: { kind: "icb" | "place"; code: string }) {
  const area = kind === "icb" ? { icb: code } : { subIcb: code };
  const todayUrl = apiUrl("networks/export.geojson", area);
  const [today, setToday] = useState<FeatureCollection | undefined>();
  const [loadError, setLoadError] = useState<ApiError | undefined>();
  // The two-level design.
  const [band, setBand] = useState("30000-50000");
  const [areaBand, setAreaBand] = useState("200000-300000");
  const [seed, setSeed] = useState("1");
  const [starts, setStarts] = useState("2");
  const design = useJob<NeighbourhoodResult>("neighbourhoods-design");
  // The hubs.
  const [specialty, setSpecialty] = useState("dermatology");
  const [k, setK] = useState("3");
  const [objective, setObjective] = useState<"p-median" | "covering">("p-median");
  const [within, setWithin] = useState("5");
  const [everyK, setEveryK] = useState(true);
  const hubs = useJob<HubsResult>("hubs");

  useEffect(() => {
    void loadMapLibrary().catch(() => undefined);
    void loadPlot().catch(() => undefined);
    takeGeoJson(todayUrl).then(setToday, (e: unknown) =>
      setLoadError(e instanceof ApiError ? e : new ApiError(String(e), 0)),
    );
  }, [todayUrl]);

  const runDesign = () => {
    try {
      void design.start({
        ...area,
        band: band.trim() || undefined,
        areaBand: areaBand.trim() || undefined,
        seed: numberOr(seed, "seed"),
        starts: numberOr(starts, "starts"),
        geojson: true,
      });
    } catch (e) {
      design.setError(e as ApiError);
    }
  };
  const runHubs = () => {
    try {
      const n = numberOr(k, "k");
      if (n === undefined) throw new ApiError("give the number of hubs", 400, "k");
      void hubs.start({
        ...area,
        specialty,
        objective,
        withinKm: numberOr(within, "withinKm", false),
        ...(everyK && n > 1 ? { kRange: { from: 1, to: n } } : { k: n }),
      });
    } catch (e) {
      hubs.setError(e as ApiError);
    }
  };

  const d = design.result?.designs[0];
  const colours = useMemo(() => (d ? neighbourhoodColours(d.neighbourhoods) : undefined), [d]);
  const levels = useMemo(
    () => (design.result?.geojson && colours ? levelsCollection(design.result.geojson, colours) : undefined),
    [design.result, colours],
  );
  const h = hubs.result;
  const last = h?.placements[h.placements.length - 1];
  const hubMap = useMemo(() => (today && last ? hubsCollection(today, last) : undefined), [today, last]);
  const before = h ? (h.before?.access ?? h.everySite) : undefined;
  const beforeLabel = h?.before
    ? `Today's sites (${h.before.label})`
    : "Nearest practice site (every site open)";
  const afterLabel = last ? `Nearest of the ${last.k} hub${last.k === 1 ? "" : "s"}` : "With the hubs";
  const rows = before && last ? accessRows(before, last.access) : [];

  const designError = (field: string) =>
    design.error && DESIGN_TARGETS[design.error.field ?? ""] === DESIGN_TARGETS[field]
      ? fromApiError(design.error, DESIGN_TARGETS).message
      : undefined;
  const hubError = (field: string) =>
    hubs.error && HUB_TARGETS[hubs.error.field ?? ""] === HUB_TARGETS[field]
      ? fromApiError(hubs.error, HUB_TARGETS).message
      : undefined;
  const errors = [
    ...(loadError ? [fromApiError(loadError)] : []),
    ...(design.error ? [fromApiError(design.error, DESIGN_TARGETS)] : []),
    ...(hubs.error ? [fromApiError(hubs.error, HUB_TARGETS)] : []),
  ];
  const name = d?.area ?? h?.areaLabel ?? code;
  const areaPath = kind === "icb" ? paths.icb(code) : paths.place(code);
  const synthetic = design.result?.synthetic ?? h?.synthetic ?? false;

  return (
    <>
      <ErrorSummary errors={errors} />
      <span class="nhsuk-caption-l">Neighbourhoods and community hubs</span>
      <h1>Neighbourhoods and community hubs for {name}</h1>
      <p>
        Design neighbourhoods of about 50,000 patients nested in multi-neighbourhood areas of about 250,000,
        and place community specialist hubs at practice sites. Back to the{" "}
        <Link href={areaPath}>overview of {code}</Link>.
      </p>

      <h2>Two-level neighbourhood design</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!design.running) runDesign();
        }}
      >
        <fieldset class="nhsuk-fieldset">
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Design options</legend>
          <TextField
            id="nbh-band"
            label="Neighbourhood size band (patients)"
            hint="The smallest and largest neighbourhood, for example 30000-50000 (largest at most 100000)"
            value={band}
            onInput={setBand}
            error={designError("band")}
          />
          <TextField
            id="nbh-area-band"
            label="Multi-neighbourhood area size band (patients)"
            hint="The smallest and largest area, for example 200000-300000"
            value={areaBand}
            onInput={setAreaBand}
            error={designError("areaBand")}
          />
          <TextField
            id="nbh-seed"
            label="Seed"
            hint="The same seed gives the same design"
            value={seed}
            onInput={setSeed}
            error={designError("seed")}
            width="nhsuk-input--width-5"
          />
          <TextField
            id="nbh-starts"
            label="Starts"
            hint="How many starting points the designer tries, 1 to 16; more is slower"
            value={starts}
            onInput={setStarts}
            error={designError("starts")}
            width="nhsuk-input--width-5"
          />
        </fieldset>
        <div class="nhsuk-button-group">
          <button class="nhsuk-button" type="submit" id="nbh-run" disabled={design.running}>
            {design.running ? "Designing…" : "Design neighbourhoods"}
          </button>
          {design.running ? (
            <button
              type="button"
              class="nhsuk-button nhsuk-button--secondary"
              id="nbh-cancel"
              onClick={() => void design.cancel()}
            >
              Cancel the design
            </button>
          ) : null}
        </div>
      </form>
      {design.running ? (
        <Progress id="nbh-progress" label="Progress of the design" progress={design.job?.progress} />
      ) : null}
      <p aria-live="polite" id="nbh-status" class="nhsuk-body-s">
        {design.running
          ? `Designing: ${design.job?.progress ? `${design.job.progress.stage}${design.job.progress.message ? `, ${design.job.progress.message}` : ""}` : "starting"}.`
          : design.job?.status === "cancelled"
            ? "The design was cancelled."
            : d
              ? `Designed ${whole(d.levels.neighbourhood.units)} neighbourhoods in ${whole(d.levels.area.units)} areas in ${decimal(d.seconds.total, 1)} s.`
              : ""}
      </p>

      {d && levels && colours ? (
        <>
          <p id="nbh-summary">
            {synthetic ? "Synthetic demo: " : ""}
            {whole(d.levels.neighbourhood.practices)} practices and {whole(d.levels.neighbourhood.patients)}{" "}
            patients in {whole(d.levels.neighbourhood.units)} neighbourhoods (
            {whole(d.levels.neighbourhood.inBand)} in the {whole(d.band.min)} to {whole(d.band.max)} band,{" "}
            {whole(d.levels.neighbourhood.notContiguous)} not contiguous) and {whole(d.levels.area.units)}{" "}
            multi-neighbourhood areas ({whole(d.levels.area.inBand)} in the {whole(d.areaBand.min)} to{" "}
            {whole(d.areaBand.max)} band, {whole(d.levels.area.notContiguous)} not contiguous); today{" "}
            {whole(d.levels.pcn.units)} PCNs. Map of {design.result?.map}.
          </p>
          <StyledMap
            id="nbh-map"
            collection={levels}
            style={levelsStyle}
            label={`Map of the neighbourhoods and multi-neighbourhood areas of ${name}`}
            legendTitle="Neighbourhoods (fills) nested in multi-neighbourhood areas (thick outlines)"
            legend={[
              ...NEIGHBOURHOOD_PALETTE.map((c, i) => ({
                colour: c,
                label: `Neighbourhood ${i + 1}, ${i + 1 + NEIGHBOURHOOD_PALETTE.length}, … of an area`,
              })),
              { colour: AREA_OUTLINE, label: "Multi-neighbourhood area boundary (thick line)" },
              { colour: PRACTICE_COLOUR, label: "Practice site", shape: "circle" as const },
            ]}
            note={typeof levels.metadata?.method === "string" ? levels.metadata.method : undefined}
          />
          <SortableTable
            id="nbh-table"
            caption={`Neighbourhoods (${whole(d.neighbourhoods.length)})`}
            rows={d.neighbourhoods}
            rowKey={(n) => n.label}
            columns={[
              { key: "label", label: "Neighbourhood", value: (n) => n.label },
              { key: "area", label: "Area", value: (n) => n.area },
              {
                key: "patients",
                label: "Patients",
                numeric: true,
                value: (n) => n.listSize,
                render: (n) => whole(n.listSize),
              },
              { key: "practices", label: "Practices", numeric: true, value: (n) => n.practices.length },
              { key: "band", label: "In band", value: (n) => (n.band === "in" ? "yes" : n.band) },
            ]}
          />
          <SortableTable
            id="nbh-area-table"
            caption={`Multi-neighbourhood areas (${whole(d.areas.length)})`}
            rows={d.areas}
            rowKey={(a) => a.label}
            columns={[
              { key: "label", label: "Area", value: (a) => a.label },
              {
                key: "neighbourhoods",
                label: "Neighbourhoods",
                numeric: true,
                value: (a) => a.neighbourhoods.length,
              },
              {
                key: "patients",
                label: "Patients",
                numeric: true,
                value: (a) => a.listSize,
                render: (a) => whole(a.listSize),
              },
              { key: "practices", label: "Practices", numeric: true, value: (a) => a.practices },
              { key: "band", label: "In band", value: (a) => (a.band === "in" ? "yes" : a.band) },
            ]}
          />
          <details class="nhsuk-details">
            <summary class="nhsuk-details__summary">
              <span class="nhsuk-details__summary-text">
                Every practice's neighbourhood and area ({whole(d.practices.length)} practices)
              </span>
            </summary>
            <div class="nhsuk-details__text">
              <SortableTable
                id="nbh-practice-table"
                caption="Practices by neighbourhood"
                rows={d.practices}
                rowKey={(p) => p.practice_code}
                columns={[
                  {
                    key: "name",
                    label: "Practice",
                    value: (p) => p.practice_name,
                    render: (p) => <Link href={paths.practice(p.practice_code)}>{p.practice_name}</Link>,
                  },
                  { key: "code", label: "ODS code", value: (p) => p.practice_code },
                  { key: "neighbourhood", label: "Neighbourhood", value: (p) => p.neighbourhood_code },
                  { key: "area", label: "Area", value: (p) => p.area_code },
                  { key: "pcn", label: "Today's PCN", value: (p) => p.pcn_code ?? "–" },
                  {
                    key: "list",
                    label: "List size",
                    numeric: true,
                    value: (p) => p.list_size,
                    render: (p) => whole(p.list_size),
                  },
                ]}
              />
            </div>
          </details>
        </>
      ) : null}

      <h2>Community specialist hubs</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!hubs.running) runHubs();
        }}
      >
        <fieldset class="nhsuk-fieldset">
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Hub options</legend>
          <div class={`nhsuk-form-group${hubError("specialty") ? " nhsuk-form-group--error" : ""}`}>
            <label class="nhsuk-label" for="hub-specialty">
              Specialty
            </label>
            <select
              class="nhsuk-select"
              id="hub-specialty"
              value={specialty}
              onChange={(e) => setSpecialty(e.currentTarget.value)}
            >
              {SPECIALTIES.map(([value, text]) => (
                <option value={value} key={value}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="hub-k"
            label="Number of hubs (k)"
            hint="Hubs are placed at practice sites"
            value={k}
            onInput={setK}
            error={hubError("k")}
            width="nhsuk-input--width-5"
          />
          <div class="nhsuk-form-group">
            <fieldset class="nhsuk-fieldset" aria-describedby="hub-objective-hint">
              <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Objective</legend>
              <div class="nhsuk-hint" id="hub-objective-hint">
                p-median: the shortest need-weighted distance; maximal covering: the most need within the
                distance below. Both are solved exactly.
              </div>
              <div class="nhsuk-radios nhsuk-radios--small">
                {(
                  [
                    ["p-median", "p-median (shortest mean distance)"],
                    ["covering", "Maximal covering (most need within the distance)"],
                  ] as const
                ).map(([value, text]) => (
                  <div class="nhsuk-radios__item" key={value}>
                    <input
                      class="nhsuk-radios__input"
                      id={`hub-objective-${value}`}
                      name="hub-objective"
                      type="radio"
                      value={value}
                      checked={objective === value}
                      onChange={() => setObjective(value)}
                    />
                    <label class="nhsuk-label nhsuk-radios__label" for={`hub-objective-${value}`}>
                      {text}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <TextField
            id="hub-within"
            label="Distance, km"
            hint="The covering distance, and the distance access is reported within"
            value={within}
            onInput={setWithin}
            error={hubError("withinKm")}
            width="nhsuk-input--width-5"
          />
          <div class="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-3">
            <div class="nhsuk-checkboxes__item">
              <input
                class="nhsuk-checkboxes__input"
                id="hub-every-k"
                type="checkbox"
                checked={everyK}
                onChange={(e) => setEveryK(e.currentTarget.checked)}
              />
              <label class="nhsuk-label nhsuk-checkboxes__label" for="hub-every-k">
                Also place 1 to k − 1 hubs, to show how the answer changes with k
              </label>
            </div>
          </div>
        </fieldset>
        <div class="nhsuk-button-group">
          <button class="nhsuk-button" type="submit" id="hub-run" disabled={hubs.running}>
            {hubs.running ? "Placing…" : "Place the hubs"}
          </button>
          {hubs.running ? (
            <button
              type="button"
              class="nhsuk-button nhsuk-button--secondary"
              id="hub-cancel"
              onClick={() => void hubs.cancel()}
            >
              Cancel the placement
            </button>
          ) : null}
        </div>
      </form>
      {hubs.running ? (
        <Progress id="hub-progress" label="Progress of the placement" progress={hubs.job?.progress} />
      ) : null}
      <p aria-live="polite" id="hub-status" class="nhsuk-body-s">
        {hubs.running
          ? `Placing hubs: ${hubs.job?.progress ? `${hubs.job.progress.stage}${hubs.job.progress.message ? `, ${hubs.job.progress.message}` : ""}` : "starting"}.`
          : hubs.job?.status === "cancelled"
            ? "The placement was cancelled."
            : h && last
              ? `Placed ${whole(last.k)} ${h.specialty.label.toLowerCase()} hub${last.k === 1 ? "" : "s"}: ${last.status === "optimal" ? "optimal" : `best found, within ${percent(last.gap, 1)} of the bound`}.`
              : ""}
      </p>

      {h && last && before ? (
        <>
          <p id="hub-summary">
            {h.synthetic ? "Synthetic demo: " : ""}
            Need: {h.specialty.need}, {whole(h.demand.need)} of {whole(h.demand.patients)} patients, at{" "}
            {whole(h.demand.points)} demand points ({h.demand.basis}); {whole(h.sites.count)} candidate{" "}
            {h.sites.basis}. Distances are straight lines.
          </p>
          {hubMap ? (
            <StyledMap
              id="hub-map"
              collection={hubMap}
              style={hubsStyle}
              label={`Map of the ${last.k} ${h.specialty.label.toLowerCase()} hubs over the practice sites of ${name}`}
              legendTitle="Hubs and practice sites"
              legend={[
                { colour: HUB_COLOUR, label: "Hub site (large ringed marker)", shape: "circle" as const },
                { colour: PRACTICE_COLOUR, label: "Practice site", shape: "circle" as const },
              ]}
            />
          ) : null}
          <SortableTable
            id="hub-table"
            caption={`The ${whole(last.k)} hub${last.k === 1 ? "" : "s"}`}
            rows={last.hubs}
            rowKey={(x) => x.code}
            columns={[
              { key: "code", label: "Site", value: (x) => x.code },
              { key: "name", label: "Name", value: (x) => x.name },
              { key: "practices", label: "Practices at the site", value: (x) => x.practices.join(", ") },
              {
                key: "need",
                label: "Need served",
                numeric: true,
                value: (x) => x.weight,
                render: (x) => whole(x.weight),
              },
              {
                key: "km",
                label: "Mean distance",
                numeric: true,
                value: (x) => x.meanKm,
                render: (x) => km(x.meanKm),
              },
            ]}
          />
          <h3>Access by deprivation</h3>
          <AccessChart
            id="hub-access-chart"
            title={`Need-weighted mean distance by IMD quintile: ${beforeLabel.toLowerCase()} and ${afterLabel.toLowerCase()}`}
            rows={rows}
            beforeLabel={beforeLabel}
            afterLabel={afterLabel}
          />
          <SortableTable
            id="hub-access-table"
            caption="Access by IMD quintile (Q1 most deprived)"
            rows={rows}
            rowKey={(r) => r.group}
            columns={[
              { key: "group", label: "Quintile", value: (r) => groupLabel(r.group) },
              {
                key: "need",
                label: "Need",
                numeric: true,
                value: (r) => r.weight,
                render: (r) => whole(r.weight),
              },
              {
                key: "before",
                label: `${beforeLabel}: mean`,
                numeric: true,
                value: (r) => r.beforeKm,
                render: (r) => km(r.beforeKm),
              },
              {
                key: "after",
                label: `${afterLabel}: mean`,
                numeric: true,
                value: (r) => r.afterKm,
                render: (r) => km(r.afterKm),
              },
              {
                key: "within",
                label: `Within ${decimal(h.withinKm, 1)} km of a hub`,
                numeric: true,
                value: (r) => r.afterWithin,
                render: (r) => percent(r.afterWithin, 1),
              },
            ]}
          />
          {h.placements.length > 1 ? (
            <>
              <h3>How the answer changes with k</h3>
              <SortableTable
                id="hub-k-table"
                caption="Hubs placed for each k"
                rows={h.placements}
                rowKey={(p) => String(p.k)}
                columns={[
                  { key: "k", label: "k", numeric: true, value: (p) => p.k },
                  {
                    key: "mean",
                    label: "Mean distance",
                    numeric: true,
                    value: (p) => p.access.overall.meanKm,
                    render: (p) => km(p.access.overall.meanKm),
                  },
                  {
                    key: "within",
                    label: `Within ${decimal(h.withinKm, 1)} km`,
                    numeric: true,
                    value: (p) => p.access.overall.withinShare,
                    render: (p) => percent(p.access.overall.withinShare, 1),
                  },
                  {
                    key: "q1",
                    label: "Q1 mean",
                    numeric: true,
                    value: (p) => p.access.byQuintile.find((g) => g.group === "Q1")?.meanKm ?? null,
                    render: (p) => km(p.access.byQuintile.find((g) => g.group === "Q1")?.meanKm),
                  },
                  {
                    key: "q5",
                    label: "Q5 mean",
                    numeric: true,
                    value: (p) => p.access.byQuintile.find((g) => g.group === "Q5")?.meanKm ?? null,
                    render: (p) => km(p.access.byQuintile.find((g) => g.group === "Q5")?.meanKm),
                  },
                  { key: "hubs", label: "Hubs", value: (p) => p.hubs.map((x) => x.code).join(" ") },
                ]}
              />
            </>
          ) : null}
          {h.caveats.length > 0 ? (
            <div class="nhsuk-inset-text">
              <span class="nhsuk-u-visually-hidden">Information: </span>
              {h.caveats.map((c) => (
                <p key={c}>{c}</p>
              ))}
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
