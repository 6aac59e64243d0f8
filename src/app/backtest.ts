// Use case: the backtest of the dispersal models on the real closures in the store's registration history
// (every gp-reg-pat-prac-all snapshot and practice → PCN map imported). Reads the history, runs the pure
// backtest engine, and names the data it used.
import {
  backtest,
  type BacktestOptions,
  type BacktestResult,
} from "../engines/scenarios/backtest/backtest.ts";
import {
  dispersalBacktest,
  type DispersalBacktest,
  type DispersalOptions,
  type SitedSnapshot,
} from "../engines/scenarios/backtest/dispersals.ts";
import { ScenarioRequestError } from "../engines/scenarios/errors.ts";
import { approximateSites } from "../model/postcode-centroid.ts";
import {
  loadRegistrationHistory,
  type LoadedRegistrationHistory,
} from "../store/repositories/registration-history.ts";
import type { Store } from "../store/store.ts";

export interface BacktestOutcome {
  synthetic: boolean;
  /** Null when there is nothing to backtest (the demo has a single list snapshot): see `message`. */
  result: BacktestResult | null;
  message: string | null;
  sources: { lists: string[]; maps: string[]; register: string | null; locations: string | null };
}

/**
 * Runs the backtest on the real data (or the demo's); ScenarioRequestError when fewer than two real list
 * snapshots are loaded. The demo has one list snapshot: its outcome says so, with no result.
 */
export async function runBacktest(
  store: Store,
  options: BacktestOptions & { synthetic?: boolean } = {},
): Promise<BacktestOutcome> {
  const synthetic = options.synthetic ?? false;
  const history = await loadRegistrationHistory(store.db, { synthetic });
  const sources = {
    lists: history.lists.map((l) => `${l.period} (${l.dataset.title})`),
    maps: history.maps.map((m) => m.period),
    register: history.register?.period ?? null,
    locations: history.locations?.period ?? null,
  };
  if (synthetic && history.lists.length < 2)
    return {
      synthetic,
      result: null,
      message:
        history.lists.length === 0
          ? "The demo is not loaded: run `icsplan demo` first."
          : `The synthetic demo has one list snapshot (${history.lists[0]!.period}), so no practice closes between ` +
            "snapshots and there is nothing to backtest. The backtest runs on the real registration history: " +
            "`icsplan scenarios backtest` after `icsplan import` of the registrations/ folder.",
      sources,
    };
  if (history.lists.length < 2)
    throw new ScenarioRequestError(
      `the backtest needs at least two practice list snapshots (gp-reg-pat-prac-all) to observe closures; ` +
        `${history.lists.length} ${history.lists.length === 1 ? "is" : "are"} loaded (import registrations/history from the shared data)`,
    );
  if (!history.locations)
    throw new ScenarioRequestError(
      "the backtest needs practice sites: import a postcode-coordinates file (practices/practice_postcode_coordinates_*.csv)",
    );
  return { synthetic, result: backtest(history, options), message: null, sources };
}

/**
 * List snapshots with a site for every practice whose postcode is known: a postcode missing from the
 * coordinates file (e.g. J82114's PO6 3AW) takes the centroid of the file's postcodes in its sector, else
 * district, flagged in `approximateSite` (e.g. `sector PO6 3 (4 postcodes)`).
 */
export function withApproximateSites(history: LoadedRegistrationHistory): SitedSnapshot[] {
  const wanted: string[] = [];
  for (const l of history.lists)
    l.postcode.forEach((p, i) => {
      if (p && !Number.isFinite(l.lat[i]!)) wanted.push(p);
    });
  const approx = approximateSites(wanted, history.coordinates);
  return history.lists.map((l) => {
    const lat = Float64Array.from(l.lat);
    const lon = Float64Array.from(l.lon);
    const approximateSite = l.codes.map((_, i) => {
      const p = l.postcode[i];
      const a = p && !Number.isFinite(lat[i]!) ? approx.get(p) : undefined;
      if (!a) return null;
      lat[i] = a.lat;
      lon[i] = a.lon;
      return `${a.basis} ${a.area} (${a.from} postcode${a.from === 1 ? "" : "s"})`;
    });
    return {
      date: l.date,
      period: l.period,
      codes: l.codes,
      patients: l.patients,
      area: l.area,
      lat,
      lon,
      approximateSite,
    };
  });
}

export interface DispersalOutcome {
  synthetic: boolean;
  result: DispersalBacktest | null;
  message: string | null;
  sources: BacktestOutcome["sources"];
}

/**
 * The dispersal backtest (mergers separated from true dispersals, fitted on one window, tested on the
 * other) on the store's registration history; `pairs` scores chosen snapshot pairs instead of consecutive ones.
 */
export async function runDispersalBacktest(
  store: Store,
  options: DispersalOptions & { synthetic?: boolean; pairs?: (readonly [string, string])[] } = {},
): Promise<DispersalOutcome> {
  const synthetic = options.synthetic ?? false;
  const history = await loadRegistrationHistory(store.db, { synthetic });
  const sources = {
    lists: history.lists.map((l) => `${l.period} (${l.dataset.title})`),
    maps: history.maps.map((m) => m.period),
    register: history.register?.period ?? null,
    locations: history.locations?.period ?? null,
  };
  if (history.lists.length < 2) {
    const message =
      `the dispersal backtest needs at least two practice list snapshots (gp-reg-pat-prac-all); ` +
      `${history.lists.length} ${history.lists.length === 1 ? "is" : "are"} loaded`;
    if (synthetic)
      return {
        synthetic,
        result: null,
        message:
          history.lists.length === 0
            ? "The demo is not loaded: run `icsplan demo` first."
            : `The synthetic demo has one list snapshot (${history.lists[0]!.period}), so nothing to backtest: ${message}.`,
        sources,
      };
    throw new ScenarioRequestError(`${message} (import registrations/history from the shared data)`);
  }
  if (!history.locations)
    throw new ScenarioRequestError(
      "the backtest needs practice sites: import a postcode-coordinates file (practices/practice_postcode_coordinates_*.csv)",
    );
  const lists = withApproximateSites(history);
  const dates = new Set(lists.map((l) => l.date));
  for (const [f, t] of options.pairs ?? [])
    if (!dates.has(f) || !dates.has(t) || f >= t)
      throw new ScenarioRequestError(
        `no pair of list snapshots ${f} → ${t}: the loaded snapshots are ${[...dates].join(", ")}`,
      );
  return { synthetic, result: dispersalBacktest(lists, options), message: null, sources };
}
