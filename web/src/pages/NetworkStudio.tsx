// The network studio: today's map beside an editable configuration. Click or brush practices (or tick them
// in the practice table) and move them to another network or a new one; lock practices against moves and
// against the designer; undo and redo (Ctrl+Z, Ctrl+Y); run the designer (heuristic or exact) as a job with
// progress and cancel, keeping locked practices and chosen PCNs whole; a live metrics panel computed in
// the browser with the server's definitions (web/src/studio/metrics.ts); compare two configurations side
// by side; save as a named scenario; export CSV and GeoJSON; import a colleague's scenario file. The
// scenario being edited is in the URL (?scenario=NAME), so a link opens it.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError, apiUrl, getJson, isDemoMode, postJson } from "../api.ts";
import { bandLabel, type Band } from "../bands.ts";
import { TextField } from "../components/TextField.tsx";
import { ErrorSummary, fromApiError } from "../components/ErrorSummary.tsx";
import { NetworkMap } from "../components/NetworkMap.tsx";
import { SortableTable } from "../components/SortableTable.tsx";
import { StudioMap } from "../components/StudioMap.tsx";
import { StudioCompare, type Candidate } from "../components/StudioCompare.tsx";
import { StudioMetricsTable } from "../components/StudioMetricsTable.tsx";
import type { DesignNetwork } from "../design-map.ts";
import { decimal, whole } from "../format.ts";
import type { FeatureCollection } from "../map-style.ts";
import { loadMapLibrary, takeGeoJson } from "../preload.ts";
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";
import {
  codesFromRows,
  ConfigurationFileError,
  configurationCsv,
  configurationGeoJson,
  rowsFromCsv,
  type ReadConfiguration,
} from "../studio/files.ts";
import {
  canRedo,
  canUndo,
  describe,
  move,
  newNetworkCode,
  redo,
  replaceAll,
  setLocked,
  startHistory,
  undo,
  type History,
} from "../studio/history.ts";
import {
  networkName,
  OUTSIDE,
  parseInstance,
  type InstanceData,
  type StudioInstance,
} from "../studio/instance.ts";
import { studioCollection } from "../studio/map-data.ts";
import { configurationRows, studioMetrics } from "../studio/metrics.ts";

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
  exact: { status: string; gap: number | null; seconds: number } | null;
}

interface JobView {
  id: string;
  status: "running" | "done" | "failed" | "cancelled";
  progress: { stage: string; done?: number; total?: number; message?: string } | null;
  result?: unknown;
  problem?: { detail: string; status: number; field?: string };
}

interface ScenarioSummary {
  name: string;
  kind: string;
  synthetic: boolean;
  area: string;
  description: string;
}

interface ScenarioRecord extends ScenarioSummary {
  configuration: {
    practices: { practiceCode: string; networkCode: string | null; networkName: string | null }[];
    closed: string[];
  } | null;
}

/** The control each design field is entered in. */
const TARGETS: Record<string, string> = {
  band: "band",
  seed: "seed",
  starts: "starts",
  iterations: "iterations",
  disruptionWeight: "disruption",
  mipTimeLimitSeconds: "time-limit",
  save: "save-name",
  "save.name": "save-name",
  name: "save-name",
};
const SAVE_TARGETS: Record<string, string> = { name: "studio-save-name", "save.name": "studio-save-name" };

const numberOrUndefined = (text: string, field: string): number | undefined => {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new ApiError(`expected a number; found '${text}'`, 400, field);
  return n;
};

const asApiError = (e: unknown) =>
  e instanceof ApiError
    ? e
    : e instanceof ConfigurationFileError
      ? new ApiError(e.message, 400, "file")
      : new ApiError(String(e), 0);

/** Sends JSON to a full API URL (with its query) and reads the answer or its problem document. */
async function sendTo<T>(url: string, method: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("the icsplan server did not answer; is `icsplan serve` still running?", 0);
  }
  if (res.ok) return (await res.json()) as T;
  const p = (await res.json().catch(() => ({}))) as { detail?: string; field?: string };
  throw new ApiError(p.detail ?? `the server answered ${res.status}`, res.status, p.field);
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileSafe = (s: string) => s.replace(/[^\w.-]+/g, "-");

export function NetworkStudio({ kind, code }: { kind: "icb" | "place"; code: string }) {
  const area = kind === "icb" ? { icb: code } : { subIcb: code };
  const todayUrl = apiUrl("networks/export.geojson", area);
  const [instance, setInstance] = useState<StudioInstance | undefined>();
  const [today, setToday] = useState<FeatureCollection | undefined>();
  const [loadError, setLoadError] = useState<ApiError | undefined>();
  const [history, setHistory] = useState<History | undefined>();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [target, setTarget] = useState("");
  const [brushMode, setBrushMode] = useState(false);
  const [status, setStatus] = useState("");
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  const opened = useRef(new Map<string, ReadConfiguration>());
  const [openName, setOpenName] = useState("");
  const [editError, setEditError] = useState<ApiError | undefined>();
  // The designer.
  const [band, setBand] = useState("30000-50000");
  const [seed, setSeed] = useState("1");
  const [starts, setStarts] = useState("");
  const [iterations, setIterations] = useState("");
  const [disruption, setDisruption] = useState("");
  const [method, setMethod] = useState<"heuristic" | "exact">("heuristic");
  const [timeLimit, setTimeLimit] = useState("");
  const [useLocks, setUseLocks] = useState(true);
  const [keepWhole, setKeepWhole] = useState<Set<string>>(new Set());
  const [designSave, setDesignSave] = useState("");
  const [job, setJob] = useState<JobView | undefined>();
  const [design, setDesign] = useState<Design | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const events = useRef<EventSource | undefined>(undefined);
  // Saving and importing.
  const [saveName, setSaveName] = useState(() => new URLSearchParams(location.search).get("scenario") ?? "");
  const [replace, setReplace] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();
  const [saveError, setSaveError] = useState<ApiError | undefined>();
  const [version, setVersion] = useState(0);
  const running = job?.status === "running";

  const scopeArea = (i: StudioInstance) => i.data.scope.replace(/^\S+\s+/, "");
  const refreshScenarios = (i: StudioInstance | undefined = instance) =>
    getJson<ScenarioSummary[]>("scenarios", { kind: "network-design" }).then(
      (all) =>
        setScenarios(
          all.filter(
            (s) =>
              s.synthetic === isDemoMode() &&
              (i === undefined || s.area === scopeArea(i) || s.area === "England"),
          ),
        ),
      () => undefined,
    );

  /** A saved scenario's configuration of this area (read once). */
  const readScenario = async (i: StudioInstance, name: string): Promise<ReadConfiguration> => {
    const known = opened.current.get(name);
    if (known) return known;
    const record = await getJson<ScenarioRecord>(`scenarios/${encodeURIComponent(name)}`);
    if (!record.configuration)
      throw new ApiError(`scenario '${name}' has no practice → network configuration`, 422, "scenario");
    if (record.configuration.closed.length > 0)
      throw new ApiError(
        `scenario '${name}' closes or merges practices, so it is not a configuration of today's practices`,
        422,
        "scenario",
      );
    const read = codesFromRows(
      i,
      record.configuration.practices,
      `scenario ${name}`,
      record.area === "England",
    );
    opened.current.set(name, read);
    return read;
  };

  const openScenario = async (i: StudioInstance, h: History, name: string) => {
    const read = await readScenario(i, name);
    setNames((m) => new Map([...m, ...read.names]));
    setHistory(replaceAll(h, read.codes, `scenario ${name}`));
    setSaveName(name);
    setStatus(`Opened scenario '${name}'.`);
  };

  useEffect(() => {
    void loadMapLibrary().catch(() => undefined);
    takeGeoJson(todayUrl).then(setToday, (e: unknown) => setLoadError(asApiError(e)));
    getJson<InstanceData>("networks/instance", area).then(
      (data) => {
        const i = parseInstance(data);
        const h = startHistory(i.today);
        setInstance(i);
        setHistory(h);
        void refreshScenarios(i);
        const name = new URLSearchParams(location.search).get("scenario");
        if (name) openScenario(i, h, name).catch((e: unknown) => setEditError(asApiError(e)));
      },
      (e: unknown) => setLoadError(asApiError(e)),
    );
    return () => events.current?.close();
  }, [todayUrl]);

  const codes = history?.state.codes;
  const metrics = useMemo(
    () => (instance && codes ? studioMetrics(instance, codes, names) : undefined),
    [instance, codes, names],
  );
  const todayMetrics = useMemo(
    () => (instance ? studioMetrics(instance, instance.today) : undefined),
    [instance],
  );
  const collection = useMemo(
    () =>
      instance && metrics && history
        ? studioCollection(instance, metrics, selected, history.state.locked)
        : undefined,
    [instance, metrics, selected, history?.state.locked],
  );
  const designCodes = useMemo(() => {
    if (!instance || !design) return undefined;
    const out = [...instance.today];
    for (const n of design.networks)
      for (const c of n.practices) {
        const p = instance.index.get(c);
        if (p !== undefined) out[p] = n.label;
      }
    return out;
  }, [instance, design]);

  const practiceName = (p: number) => `${instance!.codes[p]} ${instance!.names[p] ?? ""}`.trim();

  const apply = (next: History, lockedLeft: number[] = []) => {
    setHistory(next);
    const last = next.past[next.past.length - 1];
    const changed = next !== history && last ? describe(last, practiceName) : "Nothing changed";
    setStatus(
      `${changed}.${lockedLeft.length > 0 ? ` ${lockedLeft.length === 1 ? `${practiceName(lockedLeft[0]!)} is locked and stayed` : `${lockedLeft.length} locked practices stayed`} where ${lockedLeft.length === 1 ? "it was" : "they were"}.` : ""}`,
    );
  };

  const moveSelected = () => {
    if (!history || !instance || selected.size === 0 || target === "") return;
    const to = target === "new" ? newNetworkCode(history.state.codes) : target;
    const { history: next, lockedLeft } = move(history, [...selected], to);
    apply(next, lockedLeft);
    if (target === "new") setTarget(to);
  };

  const lockSelected = (locked: boolean) =>
    history && selected.size > 0 && apply(setLocked(history, [...selected], locked));
  const doUndo = () => {
    if (!history || !canUndo(history)) return;
    setStatus(`Undid: ${describe(history.past[history.past.length - 1]!, practiceName)}.`);
    setHistory(undo(history));
  };
  const doRedo = () => {
    if (!history || !canRedo(history)) return;
    setStatus(`Redid: ${describe(history.future[0]!, practiceName)}.`);
    setHistory(redo(history));
  };

  const keys = useRef({ doUndo, doRedo });
  keys.current = { doUndo, doRedo };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const t = e.target as HTMLElement | null;
      if (
        t &&
        (t.tagName === "INPUT" || t.tagName === "TEXTAREA") &&
        (t as HTMLInputElement).type !== "checkbox"
      )
        return; // text fields keep their own undo
      const k = e.key.toLowerCase();
      if (k === "z" && !e.shiftKey) {
        e.preventDefault();
        keys.current.doUndo();
      } else if (k === "y" || (k === "z" && e.shiftKey)) {
        e.preventDefault();
        keys.current.doRedo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const pick = (p: number, additive: boolean) =>
    setSelected((s) => {
      const next = new Set(additive ? s : []);
      if (additive && s.has(p)) next.delete(p);
      else next.add(p);
      return next;
    });
  const brush = (ps: number[], additive: boolean) => {
    setSelected((s) => new Set([...(additive ? s : []), ...ps]));
    setStatus(
      `Selected ${ps.length.toLocaleString("en-GB")} practice${ps.length === 1 ? "" : "s"} in the box.`,
    );
  };
  const toggle = (p: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(p)) next.delete(p);
      else next.add(p);
      return next;
    });

  // ---- the designer, as a job ----------------------------------------------------------------------------

  const finish = async (id: string) => {
    events.current?.close();
    events.current = undefined;
    try {
      const view = await getJson<JobView>(`jobs/${id}`);
      setJob(view);
      if (view.status === "done") {
        const result = view.result as Design;
        setDesign(result);
        if (result.savedAs) void refreshScenarios();
      } else if (view.status === "failed" && view.problem)
        setError(new ApiError(view.problem.detail, view.problem.status, view.problem.field));
    } catch (e) {
      setError(asApiError(e));
    }
  };

  // A finished design becomes the configuration being edited (one step: undo returns to the edits before).
  useEffect(() => {
    if (!design || !designCodes || !history) return;
    setHistory(replaceAll(history, designCodes, "the design"));
    setStatus(
      `Loaded the design into the editor (${design.networks.length} networks); Undo returns to your edits.`,
    );
  }, [design]);

  const run = async () => {
    if (!instance || !history) return;
    setError(undefined);
    try {
      const locks: Record<string, string> = {};
      if (useLocks)
        history.state.locked.forEach((l, p) => {
          if (l && history.state.codes[p] !== OUTSIDE) locks[instance.codes[p]!] = history.state.codes[p]!;
        });
      const body: Record<string, unknown> = {
        ...area,
        band: band.trim() || undefined,
        seed: numberOrUndefined(seed, "seed"),
        starts: numberOrUndefined(starts, "starts"),
        iterations: numberOrUndefined(iterations, "iterations"),
        disruptionWeight: numberOrUndefined(disruption, "disruptionWeight"),
        exact: method === "exact" ? true : undefined,
        mipTimeLimitSeconds:
          method === "exact" ? numberOrUndefined(timeLimit, "mipTimeLimitSeconds") : undefined,
        locks: Object.keys(locks).length > 0 ? locks : undefined,
        keepWhole: keepWhole.size > 0 ? [...keepWhole].sort() : undefined,
        save: designSave.trim() ? { name: designSave.trim() } : undefined,
      };
      const started = await postJson<JobView>("jobs/networks-design", body);
      setJob(started);
      const source = new EventSource(`/api/jobs/${started.id}/events`);
      events.current = source;
      source.addEventListener("progress", (e) => {
        const progress = JSON.parse((e as MessageEvent<string>).data) as JobView["progress"];
        setJob((j) => (j && j.id === started.id ? { ...j, progress } : j));
      });
      source.addEventListener("end", () => void finish(started.id));
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      await sendTo<JobView>(`/api/jobs/${job.id}`, "DELETE");
    } catch (e) {
      setError(asApiError(e));
    }
  };

  // ---- saving, exporting, importing ------------------------------------------------------------------------

  const save = async () => {
    if (!instance || !codes) return;
    setSaveError(undefined);
    const name = saveName.trim();
    try {
      if (!name) throw new ApiError("give the scenario a name", 400, "name");
      const res = await postJson<{ scenario: { name: string } }>("networks/save", {
        ...area,
        rows: configurationRows(instance, codes, names),
        save: { name, replace },
      });
      setSaved(res.scenario.name);
      opened.current.set(res.scenario.name, { codes: [...codes], names: new Map(names) });
      setStatus(`Saved as scenario '${res.scenario.name}'.`);
      setVersion((v) => v + 1);
      const url = new URL(location.href);
      url.searchParams.set("scenario", res.scenario.name);
      history_replace(url);
      void refreshScenarios();
    } catch (e) {
      setSaveError(asApiError(e));
    }
  };

  const importFile = async (file: File) => {
    if (!instance || !history) return;
    setEditError(undefined);
    try {
      const text = await file.text();
      if (/\.json$/i.test(file.name) || text.trimStart().startsWith("{")) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new ApiError(
            `${file.name}: expected a JSON scenario export; found text that is not JSON`,
            400,
            "file",
          );
        }
        const res = await sendTo<{ scenario: { name: string }; warnings: string[] }>(
          apiUrl("scenarios/import", { replace: replace ? "true" : undefined }),
          "POST",
          parsed,
        );
        opened.current.delete(res.scenario.name);
        setVersion((v) => v + 1);
        await refreshScenarios();
        await openScenario(instance, history, res.scenario.name);
        setStatus(
          `Imported scenario '${res.scenario.name}' and opened it.${res.warnings.length > 0 ? ` ${res.warnings.join(" ")}` : ""}`,
        );
      } else {
        const read = codesFromRows(instance, rowsFromCsv(text, file.name), file.name);
        setNames((m) => new Map([...m, ...read.names]));
        setHistory(replaceAll(history, read.codes, file.name));
        setStatus(`Opened ${file.name}.`);
      }
    } catch (e) {
      setEditError(asApiError(e));
    }
  };

  // ---- compare ------------------------------------------------------------------------------------------------

  const candidates: Candidate[] = [];
  if (todayMetrics) candidates.push({ id: "today", label: "Today's PCNs", metrics: todayMetrics });
  if (metrics) candidates.push({ id: "current", label: "This configuration", metrics });
  if (instance && designCodes)
    candidates.push({ id: "design", label: "The design", metrics: studioMetrics(instance, designCodes) });
  const scenarioCandidates = scenarios.map((s) => ({
    id: `scenario:${s.name}`,
    label: `Scenario ${s.name}`,
  }));

  // ---- rendering ------------------------------------------------------------------------------------------------

  const errors = [loadError, editError, error, saveError]
    .filter((e) => e !== undefined)
    .map((e) =>
      fromApiError(e, e === saveError ? SAVE_TARGETS : e === editError ? { file: "studio-import" } : TARGETS),
    );
  const fieldError = (field: string) =>
    error && TARGETS[error.field ?? ""] === TARGETS[field] ? fromApiError(error, TARGETS).message : undefined;
  const rule = instance
    ? { minimumList: instance.band.min, typicalMaximumList: instance.band.max }
    : { minimumList: 30000, typicalMaximumList: 50000 };
  const designRule = design ? { minimumList: design.band.min, typicalMaximumList: design.band.max } : rule;
  const areaPath = kind === "icb" ? paths.icb(code) : paths.place(code);
  const networksNow = metrics ? metrics.rows.filter((r) => !r.outsidePcn) : [];
  const lockedCount = history ? history.state.locked.filter(Boolean).length : 0;
  const selectedPatients = instance ? [...selected].reduce((s, p) => s + instance.listSize[p]!, 0) : 0;
  const title = instance?.data.area ?? design?.area ?? code;
  const progress = job?.progress;

  return (
    <>
      <ErrorSummary errors={errors} />
      <span class="nhsuk-caption-l">Network studio</span>
      <h1>Design networks for {title}</h1>
      <p>
        Move practices between networks and watch the figures change, lock the ones that must stay, and let
        the designer propose networks within the size band that are contiguous and cohesive and move as few
        patients as it can. Back to the <Link href={areaPath}>overview of {code}</Link>.
      </p>

      {instance && metrics && todayMetrics && history && collection ? (
        <>
          <h2>Your configuration</h2>
          <p id="studio-summary">
            {whole(metrics.bands.in)} of {whole(metrics.networks)} networks in the band (
            {whole(metrics.bands.under)} under, {whole(metrics.bands.over)} over; today{" "}
            {whole(todayMetrics.bands.in)} of {whole(todayMetrics.networks)}), {whole(metrics.notContiguous)}{" "}
            not contiguous, {whole(metrics.crossingPlaces)} crossing a place boundary;{" "}
            {whole(metrics.practicesMoved)} practices and {whole(metrics.patientsMoved)} patients moved from
            today's PCNs. Every measure is in the table below the maps.
          </p>
          <p aria-live="polite" id="studio-status" class="nhsuk-body-s">
            {status}
          </p>

          <div class="nhsuk-form-group" id="studio-toolbar">
            <p class="nhsuk-body-s" id="studio-selection">
              {selected.size === 0
                ? "No practice selected: click one on the map, hold Shift and drag a box, or tick practices in the table below."
                : `${whole(selected.size)} practice${selected.size === 1 ? "" : "s"} selected (${whole(selectedPatients)} patients)${selected.size === 1 ? `: ${practiceName([...selected][0]!)}, in ${history.state.codes[[...selected][0]!]}` : ""}.`}
            </p>
            <label class="nhsuk-label" for="studio-target">
              Move the selected practices to
            </label>
            <select
              class="nhsuk-select"
              id="studio-target"
              value={target}
              onChange={(e) => setTarget(e.currentTarget.value)}
            >
              <option value="">Choose a network</option>
              {networksNow.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} {r.name !== r.code ? r.name : ""} ({whole(r.listSize)} patients)
                </option>
              ))}
              <option value="new">A new network ({newNetworkCode(history.state.codes)})</option>
            </select>{" "}
            <button
              type="button"
              class="nhsuk-button nhsuk-button--small"
              id="studio-move"
              disabled={selected.size === 0 || target === ""}
              onClick={moveSelected}
            >
              Move
            </button>
            <div class="nhsuk-button-group">
              <button
                type="button"
                class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                disabled={selected.size === 0}
                onClick={() => lockSelected(true)}
              >
                Lock selected
              </button>
              <button
                type="button"
                class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                disabled={selected.size === 0}
                onClick={() => lockSelected(false)}
              >
                Unlock selected
              </button>
              <button
                type="button"
                class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                disabled={selected.size === 0}
                onClick={() => setSelected(new Set())}
              >
                Clear selection
              </button>
              <button
                type="button"
                class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                aria-pressed={brushMode}
                onClick={() => setBrushMode((b) => !b)}
              >
                Select by box
              </button>
              <button
                type="button"
                class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                id="studio-undo"
                disabled={!canUndo(history)}
                aria-keyshortcuts="Control+Z"
                onClick={doUndo}
              >
                Undo
              </button>
              <button
                type="button"
                class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                id="studio-redo"
                disabled={!canRedo(history)}
                aria-keyshortcuts="Control+Y"
                onClick={doRedo}
              >
                Redo
              </button>
            </div>
          </div>
        </>
      ) : !loadError ? (
        <p>Loading the area's practices…</p>
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
          <h2>{design ? "The design, as you edit it" : "Your configuration"}</h2>
          {collection && instance ? (
            <div id="design-map">
              <StudioMap
                data={collection}
                label={`Map of the configuration being edited for ${code}`}
                rule={rule}
                brushMode={brushMode}
                onPick={pick}
                onBrush={brush}
              />
            </div>
          ) : (
            <p>Loading the editable map…</p>
          )}
        </div>
      </div>

      {instance && history && metrics && todayMetrics ? (
        <>
          <StudioMetricsTable today={todayMetrics} current={metrics} rule={rule} />
          <h2>Save, export and import</h2>
          <div class={`nhsuk-form-group${saveError ? " nhsuk-form-group--error" : ""}`}>
            <label class="nhsuk-label" for="studio-save-name">
              Save this configuration as a scenario named
            </label>
            {saveError ? (
              <span class="nhsuk-error-message" id="studio-save-name-error">
                <span class="nhsuk-u-visually-hidden">Error:</span>{" "}
                {fromApiError(saveError, SAVE_TARGETS).message}
              </span>
            ) : null}
            <input
              class={`nhsuk-input nhsuk-input--width-20${saveError ? " nhsuk-input--error" : ""}`}
              id="studio-save-name"
              value={saveName}
              onInput={(e) => setSaveName(e.currentTarget.value)}
            />
          </div>
          <div class="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-3">
            <div class="nhsuk-checkboxes__item">
              <input
                class="nhsuk-checkboxes__input"
                id="studio-replace"
                type="checkbox"
                checked={replace}
                onChange={(e) => setReplace(e.currentTarget.checked)}
              />
              <label class="nhsuk-label nhsuk-checkboxes__label" for="studio-replace">
                Replace a saved scenario of the same name
              </label>
            </div>
          </div>
          <div class="nhsuk-button-group">
            <button type="button" class="nhsuk-button" id="studio-save" onClick={() => void save()}>
              Save as a scenario
            </button>
            <button
              type="button"
              class="nhsuk-button nhsuk-button--secondary"
              onClick={() =>
                download(
                  `${fileSafe(saveName || instance.data.area)}.csv`,
                  "text/csv",
                  configurationCsv(instance, history.state.codes, names),
                )
              }
            >
              Download as CSV
            </button>
            <button
              type="button"
              class="nhsuk-button nhsuk-button--secondary"
              disabled={!today}
              onClick={() =>
                today &&
                download(
                  `${fileSafe(saveName || instance.data.area)}.geojson`,
                  "application/geo+json",
                  JSON.stringify(configurationGeoJson(today, instance, metrics)),
                )
              }
            >
              Download as GeoJSON
            </button>
          </div>
          {saved ? (
            <p id="studio-saved">
              Saved as <strong>{saved}</strong>. Share it:{" "}
              <a href={`/api/scenarios/${encodeURIComponent(saved)}/export.json`}>scenario file (JSON)</a>,{" "}
              <a href={`/api/scenarios/${encodeURIComponent(saved)}/export.csv`}>CSV</a>,{" "}
              <a href={`/api/scenarios/${encodeURIComponent(saved)}/export.geojson`}>GeoJSON</a>, or this
              page's link.
            </p>
          ) : null}
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="studio-open">
              Open a saved scenario
            </label>
            <select
              class="nhsuk-select"
              id="studio-open"
              value={openName}
              onChange={(e) => setOpenName(e.currentTarget.value)}
            >
              <option value="">Choose a scenario</option>
              {scenarios.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}: {s.description}
                </option>
              ))}
            </select>{" "}
            <button
              type="button"
              class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              disabled={openName === ""}
              onClick={() => {
                setEditError(undefined);
                openScenario(instance, history, openName).catch((e: unknown) => setEditError(asApiError(e)));
              }}
            >
              Open
            </button>
          </div>
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="studio-import">
              Import a colleague's scenario file
            </label>
            <div class="nhsuk-hint" id="studio-import-hint">
              A scenario export (JSON, saved here under its name) or a CSV with practice_code and network_code
            </div>
            <input
              class="nhsuk-file-upload"
              id="studio-import"
              type="file"
              accept=".json,.csv,application/json,text/csv"
              aria-describedby="studio-import-hint"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void importFile(file);
                e.currentTarget.value = "";
              }}
            />
          </div>

          <h2>Compare two configurations</h2>
          <StudioCompare
            candidates={candidates}
            scenarios={scenarioCandidates}
            rule={rule}
            version={version}
            load={async (id) => {
              const name = id.slice("scenario:".length);
              const read = await readScenario(instance, name);
              return studioMetrics(instance, read.codes, read.names);
            }}
          />

          <SortableTable
            id="studio-practices"
            caption="The practices and their networks (tick to select)"
            rows={[...instance.codes.keys()]}
            rowKey={(p) => instance.codes[p]!}
            initial={{ key: "network", direction: "ascending" }}
            columns={[
              {
                key: "select",
                label: "Select",
                value: (p) => (selected.has(p) ? 1 : 0),
                render: (p) => (
                  <input
                    type="checkbox"
                    class="icsplan-select"
                    aria-label={`Select practice ${instance.codes[p]}`}
                    checked={selected.has(p)}
                    onChange={() => toggle(p)}
                  />
                ),
              },
              { key: "practice", label: "Practice", value: (p) => practiceName(p) },
              {
                key: "network",
                label: "Network",
                value: (p) => history.state.codes[p]!,
                render: (p) => {
                  const c = history.state.codes[p]!;
                  return c === OUTSIDE
                    ? "Outside any PCN"
                    : `${c} ${networkName(instance, c, names) !== c ? networkName(instance, c, names) : ""}`;
                },
              },
              { key: "today", label: "Today", value: (p) => instance.today[p]! },
              {
                key: "list",
                label: "List size",
                numeric: true,
                value: (p) => instance.listSize[p]!,
                render: (p) => whole(instance.listSize[p]!),
              },
              { key: "locked", label: "Locked", value: (p) => (history.state.locked[p] ? "Locked" : "") },
            ]}
          />
        </>
      ) : null}

      <h2>Run the designer</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) void run();
        }}
      >
        <fieldset class="nhsuk-fieldset">
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Designer options</legend>
          <div class="nhsuk-form-group">
            <fieldset class="nhsuk-fieldset" aria-describedby="method-hint">
              <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Method</legend>
              <div class="nhsuk-hint" id="method-hint">
                The heuristic takes seconds; the exact mode (HiGHS) takes longer and says how far from the
                best design it can be
              </div>
              <div class="nhsuk-radios nhsuk-radios--small">
                {(
                  [
                    ["heuristic", "Heuristic"],
                    ["exact", "Exact"],
                  ] as const
                ).map(([value, text]) => (
                  <div class="nhsuk-radios__item" key={value}>
                    <input
                      class="nhsuk-radios__input"
                      id={`method-${value}`}
                      name="method"
                      type="radio"
                      value={value}
                      checked={method === value}
                      onChange={() => setMethod(value)}
                    />
                    <label class="nhsuk-label nhsuk-radios__label" for={`method-${value}`}>
                      {text}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <TextField
            id="band"
            label="Size band (patients)"
            hint="The smallest and largest list, for example 30000-50000"
            error={fieldError("band")}
            value={band}
            onInput={setBand}
          />
          <TextField
            id="seed"
            label="Seed"
            hint="The same seed gives the same design"
            error={fieldError("seed")}
            value={seed}
            onInput={setSeed}
            width="nhsuk-input--width-5"
            inputMode="numeric"
          />
          <TextField
            id="starts"
            label="Starts (optional)"
            hint="How many starting points the designer tries, 1 to 16"
            error={fieldError("starts")}
            value={starts}
            onInput={setStarts}
            width="nhsuk-input--width-5"
            inputMode="numeric"
          />
          <TextField
            id="iterations"
            label="Moves to try (optional)"
            hint="Fewer is quicker; empty lets the designer choose"
            error={fieldError("iterations")}
            value={iterations}
            onInput={setIterations}
            width="nhsuk-input--width-10"
            inputMode="numeric"
          />
          <TextField
            id="disruption"
            label="Weight on patients moved (optional)"
            hint="Higher keeps more practices in today's networks"
            error={fieldError("disruptionWeight")}
            value={disruption}
            onInput={setDisruption}
            width="nhsuk-input--width-5"
            inputMode="decimal"
          />
          {method === "exact" ? (
            <TextField
              id="time-limit"
              label="Time limit of the exact solver in seconds (optional)"
              hint="The solver stops then with the best design it has and its gap"
              error={fieldError("mipTimeLimitSeconds")}
              value={timeLimit}
              onInput={setTimeLimit}
              width="nhsuk-input--width-5"
              inputMode="numeric"
            />
          ) : null}
          <div class="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-3">
            <div class="nhsuk-checkboxes__item">
              <input
                class="nhsuk-checkboxes__input"
                id="use-locks"
                type="checkbox"
                checked={useLocks}
                onChange={(e) => setUseLocks(e.currentTarget.checked)}
              />
              <label class="nhsuk-label nhsuk-checkboxes__label" for="use-locks">
                Keep locked practices in their networks ({whole(lockedCount)} locked)
              </label>
            </div>
          </div>
          {instance ? (
            <details class="nhsuk-details">
              <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">
                  Keep networks whole ({whole(keepWhole.size)} chosen)
                </span>
              </summary>
              <div class="nhsuk-details__text">
                <p class="nhsuk-body-s">
                  The practices of a PCN kept whole stay together in the design (others may join them).
                </p>
                <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                  {instance.data.networks.codes.map((c, i) => (
                    <div class="nhsuk-checkboxes__item" key={c}>
                      <input
                        class="nhsuk-checkboxes__input"
                        id={`keep-${c}`}
                        type="checkbox"
                        checked={keepWhole.has(c)}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setKeepWhole((s) => {
                            const next = new Set(s);
                            if (on) next.add(c);
                            else next.delete(c);
                            return next;
                          });
                        }}
                      />
                      <label class="nhsuk-label nhsuk-checkboxes__label" for={`keep-${c}`}>
                        Keep {c} {instance.data.networks.names[i]} whole
                      </label>
                    </div>
                  ))}
                </div>
              </div>
            </details>
          ) : null}
          <TextField
            id="save-name"
            label="Save the design as a scenario named (optional)"
            hint="Leave empty to try a design without saving it"
            error={fieldError("save")}
            value={designSave}
            onInput={setDesignSave}
            width="nhsuk-input--width-20"
          />
        </fieldset>
        <div class="nhsuk-button-group">
          <button class="nhsuk-button" type="submit" disabled={running || !instance} aria-disabled={running}>
            {running ? "Designing…" : "Run the designer"}
          </button>
          {running ? (
            <button
              type="button"
              class="nhsuk-button nhsuk-button--secondary"
              id="design-cancel"
              onClick={() => void cancel()}
            >
              Cancel the design
            </button>
          ) : null}
        </div>
      </form>
      {running ? (
        <div>
          <label class="nhsuk-label" for="design-progress">
            Progress of the design
          </label>
          {progress?.total ? (
            <progress id="design-progress" max={progress.total} value={progress.done ?? 0} />
          ) : (
            <progress id="design-progress" />
          )}
        </div>
      ) : null}
      <p aria-live="polite" id="design-status" class="nhsuk-body-s">
        {running
          ? `Designing networks: ${progress ? `${progress.stage}${progress.message ? `, ${progress.message}` : ""}` : "starting"}.`
          : job?.status === "cancelled"
            ? "The design was cancelled; your configuration is as it was."
            : design
              ? `Designed ${design.networks.length} networks in ${decimal(design.seconds, 1)} s (${whole(design.iterations)} moves tried, seed ${design.seed})${design.exact ? `, exact: ${design.exact.status}` : ""}${design.savedAs ? `; saved as '${design.savedAs}'` : ""}.`
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
                  [bandLabel("in", designRule), design.today.inBand, design.proposal.inBand],
                  [bandLabel("under", designRule), design.today.under, design.proposal.under],
                  [bandLabel("over", designRule), design.today.over, design.proposal.over],
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
                render: (n) => bandLabel(n.band as Band, designRule),
              },
              { key: "names", label: "Its practices", value: (n) => n.practiceNames.join(", ") },
            ]}
          />
        </>
      ) : null}
    </>
  );
}

/** Replaces the URL's query without a navigation (the page keeps its state). */
function history_replace(url: URL) {
  window.history.replaceState(null, "", url.pathname + url.search);
}
